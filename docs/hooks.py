"""MkDocs hooks: pull the generated examples into the pages.

A page that says ``<!-- generated: NAME -->`` gets ``docs/generated/NAME.md`` there, the
output of ``docs/gen_examples.py`` (run it after changing the model, and commit the
result). A missing file is an error, so that ``mkdocs build --strict`` fails rather than
show a page with a hole in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

GENERATED = Path(__file__).resolve().parent / "generated"
MARK = re.compile(r"^<!-- generated: ([\w-]+) -->$", re.M)


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    def include(match: re.Match[str]) -> str:
        path = GENERATED / f"{match.group(1)}.md"
        if not path.is_file():
            raise PluginError(
                f"{page.file.src_uri}: {path.name} is missing; run python docs/gen_examples.py"
            )
        text = path.read_text(encoding="utf-8")
        return re.sub(r"^<!--.*?-->\n+", "", text, count=1)  # the "generated" banner

    return MARK.sub(include, markdown)

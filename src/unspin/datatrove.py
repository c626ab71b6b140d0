"""unspin in datatrove pipelines (``pip install "unspin[datatrove]"``).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from unspin.datatrove import UnspinFilter, UnspinRepair

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("corpus/"),
            UnspinRepair(),                 # repairs Document.text, adds metadata
            UnspinFilter(max_score=0.9),    # drops what is still most likely spun
            JsonlWriter("fixed/"),
        ],
        tasks=4,
    ).run()

:class:`UnspinRepair` repairs each ``Document.text`` in place, exactly as
:meth:`Repairer.repair` would, and records in ``Document.metadata`` the number of edits
(``unspin_edits``) and the spin score of the text as it came in (``unspin_spin_score``, the
probability that it was spun, as ``unspin detect`` gives it). :class:`UnspinFilter` drops
the documents whose spin score is above ``max_score``, or with ``action="tag"`` keeps them
and sets ``metadata["unspin_spun"]``; it reuses the score recorded by an earlier
:class:`UnspinRepair`. Both carry their configuration (threshold, the contents of the
user's phrasebooks) to the workers, which build one repairer per process
(:mod:`unspin.executors`), the same on a Slurm or Ray executor as on a local one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Literal

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter

from .detecting import THRESHOLD as DETECT_THRESHOLD
from .executors import RepairSpec, repairer_for
from .repairing import Config, Repairer

__all__ = ["UnspinFilter", "UnspinRepair"]

EDITS_KEY = "unspin_edits"
SCORE_KEY = "unspin_spin_score"
SPUN_KEY = "unspin_spun"


class UnspinRepair(PipelineStep):
    """Repair ``Document.text``; record the edit count and the input's spin score.

    ``threshold``, ``phrasebooks``, ``default_phrasebook``, ``spun_prior`` and
    ``short_spun`` are those of :class:`unspin.Config` (phrasebook files are read when the
    step is made; ``spun_prior`` for a corpus known to be spun copies).
    ``score=False`` skips the spin score (it costs about as much as the repair).
    """

    name = "🔁 unspin repair"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        threshold: float = Config().threshold,
        phrasebooks: Iterable[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
        *,
        spun_prior: float | None = None,
        short_spun: float = Config().short_spun,
        score: bool = True,
        edits_key: str = EDITS_KEY,
        score_key: str = SCORE_KEY,
    ) -> None:
        super().__init__()
        self.spec = RepairSpec.from_paths(
            threshold, phrasebooks, default_phrasebook, spun_prior=spun_prior,
            short_spun=short_spun,
        )  # fmt: skip
        self.score = score
        self.edits_key = edits_key
        self.score_key = score_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        repairer = repairer_for(self.spec)
        for doc in data:
            with self.track_time():
                self.repair(repairer, doc)
            self.stat_update("unspin_edits", value=doc.metadata[self.edits_key])
            if doc.metadata[self.edits_key]:
                self.stat_update("unspin_changed")
            self.update_doc_stats(doc)
            yield doc

    def repair(self, repairer: Repairer, doc: Document) -> None:
        text = doc.text
        if self.score:
            found = repairer.detect(text, paragraphs=False)
            doc.metadata[self.score_key] = found.score
        ex = repairer.explain(text, declined=False)
        doc.text = ex.text
        doc.metadata[self.edits_key] = len(ex.edits)


class UnspinFilter(BaseFilter):
    """Drop the documents whose spin score is above ``max_score`` (``action="drop"``), or
    keep every document and set ``metadata["unspin_spun"]`` (``action="tag"``).

    The score is the one recorded by an earlier :class:`UnspinRepair` under ``score_key``
    (the text before repair), else it is computed here from the current text.
    """

    name = "🔁 unspin filter"

    def __init__(
        self,
        max_score: float = DETECT_THRESHOLD,
        action: Literal["drop", "tag"] = "drop",
        threshold: float = Config().threshold,
        phrasebooks: Iterable[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
        *,
        short_spun: float = Config().short_spun,
        score_key: str = SCORE_KEY,
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__(exclusion_writer)
        if action not in ("drop", "tag"):
            raise ValueError(f"action must be 'drop' or 'tag', got {action!r}")
        self.max_score = max_score
        self.action = action
        # No spun_prior: detection ignores it.
        self.spec = RepairSpec.from_paths(
            threshold, phrasebooks, default_phrasebook, short_spun=short_spun
        )
        self.score_key = score_key

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        score = doc.metadata.get(self.score_key)
        if score is None:
            score = repairer_for(self.spec).detect(doc.text, paragraphs=False).score
            doc.metadata[self.score_key] = score
        spun = score > self.max_score
        if self.action == "tag":
            doc.metadata[SPUN_KEY] = spun
            return True
        return (False, "unspin_spun") if spun else True

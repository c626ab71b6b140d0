"""``python -m unspin FILE...``: print the repaired text of each file (``-`` for stdin)."""

from .cli import main

raise SystemExit(main())

"""A minimal command line: repair files (or stdin) and print the result.

The full batch tool (``unspin fix``, ``detect``, in-place writes) is tracked separately.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .repairing import Config, Repairer


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="unspin", description="Repair text rewritten by an article spinner."
    )
    parser.add_argument("paths", nargs="+", help="files to repair ('-' for stdin)")
    parser.add_argument("--threshold", type=float, default=Config().threshold)
    parser.add_argument("--phrasebook", action="append", default=[], help="extra phrasebook")
    parser.add_argument("--version", action="version", version=f"unspin {__version__}")
    args = parser.parse_args(argv)
    try:
        repairer = Repairer(Config(threshold=args.threshold, phrasebooks=tuple(args.phrasebook)))
    except (ValueError, OSError) as exc:
        print(f"unspin: {exc}", file=sys.stderr)
        return 2
    status = 0
    for path in args.paths:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8", newline="") as f:
                    text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"unspin: {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        sys.stdout.write(repairer.repair(text))
    return status

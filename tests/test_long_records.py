"""A JSON line over ``long_records.LONG_LINE`` bytes is repaired with its record's value
alone in memory: the same bytes out as the ordinary path (the bounds made small here, so
that the lines stay small and the value is repaired in several segments)."""

from __future__ import annotations

import json

import pytest
from support import seed

from unspin import Repairer, long_records, repairing
from unspin.batch import use_repairer
from unspin.records import process_lines


@pytest.fixture(scope="module", autouse=True)
def repairer() -> Repairer:
    r = Repairer()
    use_repairer(r)
    return r


def _lines() -> list[bytes]:
    spun = seed("000")
    return [
        json.dumps({"id": 1, "text": spun}).encode() + b"\r\n",  # escaped non-ASCII
        json.dumps({"text": spun, "n": 2}, ensure_ascii=False).encode() + b"\n",
        # A lone surrogate: the repaired value is written with ASCII escapes.
        json.dumps({"text": spun + " \udc80 end"}).encode() + b"\n",
        # Unchanged: passed through byte for byte, escapes and spacing as they were.
        b'{ "text" : "A clean line, caf\\u00e9 \\u2014 no more.\\n"' + b" " * 3000 + b"}\n",
        b'{"text": "first", "x": [1, {"text": 2}], "text": ' + json.dumps(spun).encode() + b"}",
        b'{"other": "' + b"x" * 3000 + b'"}\n',  # no field
        b'{"text": "' + b"y" * 3000 + b"\n",  # not JSON
        b"[" + b"1, " * 1500 + b"1]\n",  # not an object
        b"\n",
    ]


def _run(
    lines: list[bytes], *, long_line: int, segment: int = 2_000, score: str | None = None, **spool
) -> object:
    saved = long_records.LONG_LINE, repairing.SEGMENT_CHARS, dict(vars(long_records))
    long_records.LONG_LINE, repairing.SEGMENT_CHARS = long_line, segment
    for name, value in spool.items():
        setattr(long_records, name, value)
    try:
        return process_lines(lines, 1, "text", score, "utf-8")
    finally:
        long_records.LONG_LINE, repairing.SEGMENT_CHARS = saved[:2]
        for name in spool:
            setattr(long_records, name, saved[2][name])


@pytest.fixture(scope="module")
def ordinary() -> object:
    return _run(_lines(), long_line=1 << 40)


@pytest.mark.parametrize("spool", [{}, {"SPOOL_BYTES": 100, "BLOCK_BYTES": 7}])
def test_long_lines_give_the_bytes_of_the_ordinary_path(ordinary, spool):
    lines = _lines()
    long = _run(lines, long_line=1000, **spool)
    assert long == ordinary
    assert (long.records, long.changed, long.missing, len(long.bad)) == (5, 4, 1, 2)
    out = long.data.split(b"\n")
    assert b"\\udc80" in out[2] and "\u2019".encode() in out[1]
    assert out[3] == _lines()[3].rstrip(b"\n")
    # The long lines were taken out of the batch (freed once read), the short kept.
    assert lines[0] is None and lines[3] is None and lines[8] == b"\n"


def test_long_lines_scored_as_ordinary_ones():
    lines = _lines()[3:]
    ordinary = _run(list(lines), long_line=1 << 40, score="spin")
    assert _run(lines, long_line=1000, score="spin") == ordinary
    assert ordinary.records == 2 and lines[0] is None

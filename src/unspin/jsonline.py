"""One JSON line edited in place: a top-level value found and replaced without
re-serialising the rest of the line (:func:`value_span`, :func:`set_value`), and a line
read as a record with every way it can fail named (:func:`loads`). A record whose text did
not change is written back byte for byte; a changed one has only its field's value
replaced, so key order, spacing, number formats and escapes elsewhere are untouched
(:mod:`unspin.records`)."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"
# A JSON string, in a line already read as JSON: up to the first unescaped quote.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


class BadRecord(Exception):
    """Why a line cannot be read as a record (the caller names the file and line)."""


def value_span(line: str, key: str) -> tuple[int, int] | None:
    """The span of the value of top-level ``key`` in the JSON object ``line`` (the last
    one, as ``json.loads`` keeps the last of duplicate keys); None if it has no such key.
    ``line`` must already be known to be a valid JSON object."""
    scan = _DECODER.raw_decode
    i = _skip(line, 0)
    if line[i : i + 1] != "{":
        return None
    i = _skip(line, i + 1)
    found = None
    if line[i : i + 1] == "}":
        return None
    while True:
        name, i = json.decoder.scanstring(line, i + 1)  # i at the opening quote
        i = _skip(line, i)
        start = _skip(line, i + 1)  # past the colon
        if line[start] == '"':  # a string's end found without building it (a long text)
            end = _STRING.match(line, start).end()  # type: ignore[union-attr]
        else:
            _, end = scan(line, start)
        if name == key:
            found = (start, end)
        i = _skip(line, end)
        if line[i] == "}":
            return found
        i = _skip(line, i + 1)  # past the comma


def _skip(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


def dumps(value: Any) -> str:
    """``value`` as JSON, non-ASCII text as itself (a lone surrogate stays escaped)."""
    out = json.dumps(value, ensure_ascii=False)
    if not out.isascii():
        try:
            out.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (from a \\udcXX escape): keep it escaped
            out = json.dumps(value)
    return out


def set_value(line: str, key: str, value: Any) -> str:
    """``line`` (a JSON object) with top-level ``key`` set to ``value``: the old value's
    text replaced, or the new key appended as the last one; nothing else changes."""
    span = value_span(line, key)
    new = dumps(value)
    if span is not None:
        return line[: span[0]] + new + line[span[1] :]
    close = line.rstrip(_WS)  # ends with the closing brace
    inner = close[:-1].rstrip(_WS)
    sep = "" if inner.endswith("{") else ", "
    return f"{inner}{sep}{dumps(key)}: {new}}}" + line[len(close) :]


def loads(line: str) -> Any:
    """``json.loads``, with every way a line can fail to be read a :class:`BadRecord`:
    not JSON, but also JSON that Python will not read (an integer of more digits than
    ``sys.get_int_max_str_digits()``, a value nested past the recursion limit)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        # Some messages end in "at" ("Invalid control character at"): not "at at".
        where = "column" if exc.msg.endswith(" at") else "at column"
        raise BadRecord(f"not JSON ({exc.msg} {where} {exc.colno})") from None
    except ValueError:  # the integer conversion limit, the one other ValueError here
        raise BadRecord(
            f"holds an integer of more than {sys.get_int_max_str_digits()} digits"
        ) from None
    except RecursionError:
        raise BadRecord("nested too deeply to read") from None

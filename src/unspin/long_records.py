"""A JSON line too long to hold more than once: its record repaired in bounded memory.

A line whose text runs to tens of megabytes would otherwise be held four or five times
over while it is repaired: the line read, its decoded text, the parsed value, the
repaired value and the line written. Here the parsed value is the only copy in memory
while it is repaired: the line read waits in a spool (a temporary file once it is over
:data:`SPOOL_BYTES`) in case the record is passed through unchanged, and the repaired
text goes to another spool a segment at a time, to be written out as JSON once the
value is freed. The bytes written are those of :func:`unspin.jsonline.set_value`.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .repairing import Repairer

#: Lines of more bytes than this are read and repaired here.
LONG_LINE = 1 << 22
#: A spool is kept in memory up to this many bytes, then in a temporary file.
SPOOL_BYTES = 1 << 20
#: Bytes read back from a spool at a time.
BLOCK_BYTES = 1 << 20


def hold(data: bytes) -> IO[bytes]:
    """A spool holding ``data`` (read it back with :func:`read`)."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    spool.write(data)
    return spool  # type: ignore[return-value]


def read(spool: IO[bytes]) -> bytes:
    """All of a spool's bytes; the spool is closed."""
    with spool:
        spool.seek(0)
        return spool.read()


class Repaired(NamedTuple):
    spool: IO[bytes] | None  # the repaired text, UTF-8 (None: unchanged)
    surrogates: bool  # whether it holds a lone surrogate (then written escaped)
    count: int  # edits made


def repair(repairer: Repairer, text: str) -> Repaired:
    """``text`` repaired as :meth:`Repairer.repair` repairs it, into a spool, a segment
    at a time."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    changed = surrogates = False
    count = 0
    try:
        for segment, repaired, n in repairer._pieces(text):
            count += n
            changed = changed or repaired != segment
            try:
                data = repaired.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate (from a \\udcXX escape)
                surrogates = True
                data = repaired.encode("utf-8", "surrogatepass")
            spool.write(data)
    except BaseException:
        spool.close()
        raise
    if not changed:
        spool.close()
        return Repaired(None, surrogates, count)
    return Repaired(spool, surrogates, count)  # type: ignore[arg-type]


def encoded_line(prefix: str, repaired: Repaired, suffix: str, encoding: str) -> list[bytes]:
    """``prefix + dumps(text) + suffix`` encoded, for the repaired ``text`` in its spool
    (closed here), in pieces: as :func:`unspin.jsonline.dumps` writes a value, with
    ``ensure_ascii`` if it holds a lone surrogate, and escaping is character by character,
    so the pieces' escapes are those of the whole."""
    assert repaired.spool is not None
    encoder = codecs.getincrementalencoder(encoding)()
    decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    out = [encoder.encode(prefix + '"')]
    with repaired.spool as spool:
        spool.seek(0)
        while block := spool.read(BLOCK_BYTES):
            text = decoder.decode(block)
            out.append(encoder.encode(json.dumps(text, ensure_ascii=repaired.surrogates)[1:-1]))
    out.append(encoder.encode('"' + suffix, final=True))
    return out

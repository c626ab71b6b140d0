"""A compact, read-only table of n-gram log counts, keyed by a 64-bit hash.

The file is ``MAGIC``, a little-endian uint32 count ``n``, then ``n`` sorted uint64 keys
and ``n`` float32 natural-log counts. Loading is two ``array.frombytes`` calls (a few
milliseconds), and a lookup is one hash and one C-level bisect, so the table costs
nothing at start-up compared with parsing text into a dict. The bisect runs within the
keys that share the key's top :data:`BUCKET_BITS` bits (a handful: the keys are hashes),
found in an index of bucket offsets built at load.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

import numpy as np

MAGIC = b"UNSPIN-NGRAMS-1\n"
#: Web 1T bigrams below this count were not kept by the source; absence means "rarer".
NGRAM_FLOOR = 100_000
#: Buckets of the lookup index by the keys' top bits: 2**16 offsets (256 KB, a few
#: milliseconds to build) narrow a bisect over the whole table to about four keys.
BUCKET_BITS = 16
_SHIFT = 64 - BUCKET_BITS


def key_of(gram: str) -> int:
    """Stable 64-bit key of an n-gram written as space-separated lowercase words."""
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


def write_table(path: Path, table: dict[str, float]) -> None:
    """Write ``gram -> log count`` as a sorted hash table file."""
    items = sorted((key_of(gram), value) for gram, value in table.items())
    keys = array("Q", (k for k, _ in items))
    if len(set(keys)) != len(keys):
        raise ValueError("64-bit key collision; change the hash")
    values = array("f", (v for _, v in items))
    if sys.byteorder != "little":
        keys.byteswap()
        values.byteswap()
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<I", len(keys)))
        f.write(keys.tobytes())
        f.write(values.tobytes())


class NgramTable:
    """Read-only ``gram -> natural-log count`` lookups."""

    __slots__ = ("_buckets", "_keys", "_values")

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        if not data.startswith(MAGIC):
            raise ValueError(f"{path}: not an unspin n-gram table")
        offset = len(MAGIC)
        (n,) = struct.unpack_from("<I", data, offset)
        offset += 4
        self._keys = array("Q")
        self._keys.frombytes(data[offset : offset + 8 * n])
        self._values = array("f")
        self._values.frombytes(data[offset + 8 * n : offset + 12 * n])
        if len(self._values) != n:
            raise ValueError(f"{path}: truncated n-gram table")
        if sys.byteorder != "little":
            self._keys.byteswap()
            self._values.byteswap()
        self._buckets = _bucket_offsets(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def log_count(self, gram: str) -> float | None:
        """Natural log of the count of ``gram``, or ``None`` when it is not in the table."""
        key = key_of(gram)
        bucket = key >> _SHIFT
        lo, hi = self._buckets[bucket], self._buckets[bucket + 1]
        i = bisect_left(self._keys, key, lo, hi)
        if i < hi and self._keys[i] == key:
            return float(self._values[i])
        return None


def _bucket_offsets(keys: array) -> array:
    """Where each bucket of sorted ``keys`` starts, and (last) their count: bucket ``b``
    is ``keys[offsets[b] : offsets[b + 1]]``."""
    firsts = np.arange(1 << BUCKET_BITS, dtype=np.uint64) << np.uint64(_SHIFT)
    starts = np.searchsorted(np.frombuffer(keys, dtype=np.uint64), firsts)
    offsets = array("I")  # the header's count is a uint32: so is every offset
    offsets.frombytes(starts.astype(np.uint32).tobytes())
    offsets.append(len(keys))
    return offsets

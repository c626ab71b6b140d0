"""Faults around the command: a disk that fills up in the middle of a file, standard
streams closed by the shell or refusing writes, a reader that goes away.

The full disk is simulated in process (``unspin.cli.main`` with the temporary files'
writer swapped for one that fails with ENOSPC); the streams are real, in a subprocess.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import CHILD_ENV, seed, seed_path

from unspin import Repairer, cli
from unspin.streaming import AtomicFile

SPUN = seed_path("000")
UNSPIN = [sys.executable, "-m", "unspin"]
ENV = CHILD_ENV


# --- a full disk ----------------------------------------------------------------------


class _FullDisk(io.RawIOBase):
    """A file on a disk with ``room`` bytes left: a write past it fails with ENOSPC."""

    def __init__(self, fd: int, room: int) -> None:
        self.fd = fd
        self.room = room

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return os.write(self.fd, data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


@pytest.fixture
def full_disk_once(monkeypatch):
    """The first file unspin writes sits on a disk with 4 kB left (behind the usual
    8 kB buffer, so that closing it flushes, and fails, again); later files are real."""
    real = AtomicFile.__init__
    opened = []

    def init(self, *args, **kwargs):
        real(self, *args, **kwargs)
        if not opened:
            opened.append(self.target)
            fd = os.dup(self._file.fileno())
            self._file.close()
            self._file = io.BufferedWriter(_FullDisk(fd, 4096))

    monkeypatch.setattr(AtomicFile, "__init__", init)
    return opened


def test_a_disk_full_in_the_middle_of_a_file_skips_it_and_goes_on(tmp_path, full_disk_once, capsys):
    big = tmp_path / "big.txt"
    big.write_bytes((SPUN.read_bytes() + b"\n") * 2)
    other = tmp_path / "other.txt"
    other.write_bytes(seed_path("002").read_bytes())
    before = big.read_bytes()
    args = ["fix", "--in-place", "-j1", "--chunk-size", "3000", big, other]
    status = cli.main([str(a) for a in args])
    err = capsys.readouterr().err
    assert full_disk_once, "the full disk was never written to"
    assert status == 2, err
    assert f"skipped {big}: cannot write {big}: No space left on device" in err
    assert "1 file read, 1 changed, 1 skipped" in err
    assert big.read_bytes() == before
    assert other.read_text(encoding="utf-8") == Repairer().repair(seed("002"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "other.txt"]


def test_a_disk_full_while_writing_records_skips_the_file(tmp_path, full_disk_once, capsys):
    paragraphs = [p for p in seed("000").split("\n") if len(p) > 200]
    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(json.dumps({"text": p}) + "\n" for p in paragraphs * 3), encoding="utf-8"
    )
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": "Talks on the Center East."}) + "\n")
    before = big.read_bytes()
    args = ["fix", "--field", "text", "--in-place", "-j1", "--chunk-size", "3000", big, other]
    status = cli.main([str(a) for a in args])
    err = capsys.readouterr().err
    assert full_disk_once, "the full disk was never written to"
    assert status == 2, err
    assert f"skipped {big}: cannot write {big}: No space left on device" in err
    assert big.read_bytes() == before
    assert json.loads(other.read_text()) == {"text": "Talks on the Middle East."}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "other.jsonl"]


# --- closed and failing standard streams -------------------------------------------------


def closed(redirect: str, *args: object) -> subprocess.CompletedProcess:
    """The command run by a shell with ``redirect`` (``>&-``, ``2>&-``, ``<&-``), which
    starts it with that standard stream closed."""
    return subprocess.run(
        ["sh", "-c", f'"$@" {redirect}', "sh", *UNSPIN, *map(str, args)],
        capture_output=True,
        env=ENV,
        timeout=120,
    )


@pytest.fixture
def spun(tmp_path: Path) -> Path:
    path = tmp_path / "f.txt"
    path.write_bytes(SPUN.read_bytes())
    return path


def test_in_place_needs_no_stdout_nor_stderr(spun):
    out = closed(">&-", "fix", "--in-place", spun)
    assert out.returncode == 0, out.stderr
    assert b"Traceback" not in out.stderr and b"1 changed" in out.stderr
    assert spun.read_text(encoding="utf-8") == Repairer().repair(seed("000"))
    spun.write_bytes(SPUN.read_bytes())
    out = closed("2>&-", "fix", "--in-place", spun)
    assert out.returncode == 0 and out.stdout == b""
    assert spun.read_text(encoding="utf-8") == Repairer().repair(seed("000"))


def test_a_closed_stderr_keeps_messages_out_of_stdout(spun, tmp_path):
    out = closed("2>&-", "fix", spun)
    assert out.returncode == 0
    assert out.stdout.decode("utf-8") == Repairer().repair(seed("000"))  # no summary in it
    missing = tmp_path / "missing.txt"
    out = closed("2>&-", "fix", missing)
    assert out.returncode == 2 and out.stdout == b""


def test_output_to_a_closed_stdout_is_an_error(spun):
    out = closed(">&-", "fix", spun)
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == b"unspin: error: cannot write to stdout: stdout is closed"
    out = closed(">&-", "detect", spun)
    assert out.returncode == 2 and b"stdout is closed" in out.stderr
    assert b"Traceback" not in out.stderr


def test_a_closed_stdin_is_a_file_that_cannot_be_read():
    out = closed("<&-", "fix", "-")
    assert out.returncode == 2
    assert b"skipped -: cannot read: stdin is closed" in out.stderr
    assert b"Traceback" not in out.stderr
    out = closed("<&-", "fix", "--field", "text", "-")
    assert out.returncode == 2 and b"stdin is closed" in out.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_stdout_is_an_error_not_a_traceback(spun):
    for args in (["fix", spun], ["fix", "--diff", spun], ["report", "-o", "-", spun]):
        with open("/dev/full", "wb") as full:
            out = subprocess.run(
                [*UNSPIN, *map(str, args)], stdout=full, stderr=subprocess.PIPE, env=ENV
            )
        assert out.returncode == 2, args
        assert b"unspin: error: cannot write to stdout: No space left on device" in out.stderr
        assert b"Traceback" not in out.stderr and b"Exception ignored" not in out.stderr


def test_report_to_a_reader_that_goes_away_exits_141(tmp_path):
    """``unspin report -o - big.txt | head -c 10``: the page was cut, as fix's text is."""
    big = tmp_path / "big.txt"
    big.write_bytes((SPUN.read_bytes() + b"\n") * 5)  # a page of a few hundred kB
    proc = subprocess.Popen(
        [*UNSPIN, "report", "-q", "-o", "-", big],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout.read(10) == b"<!DOCTYPE "
    proc.stdout.close()
    assert proc.wait(timeout=120) == 141
    assert proc.stderr.read() == b""

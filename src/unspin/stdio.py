"""The standard streams of the command, closed or failing ones included.

A shell can start a program with a standard stream closed (``>&-``, ``2>&-``, ``<&-``).
Python then makes ``sys.stdout`` (or ``sys.stderr``, ``sys.stdin``) None, and the next
file opened takes the free descriptor, where a stray write meant for the terminal (a
worker's, a library's) would land in the user's file. :func:`guard` puts the null device
on a closed descriptor and sends messages for a closed stderr nowhere (``print`` would
fall back to stdout). Output that must go to a closed stdout, or that stdout refuses (a
full device), is an :class:`OutputError`; reading a closed stdin is an ``OSError``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import BinaryIO


class OutputError(Exception):
    """Results cannot be written to stdout: it is closed, or the write failed."""


def guard() -> None:
    """Open the null device on each of the descriptors 0-2 that is closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


def stdin() -> BinaryIO:
    """Binary stdin; an ``OSError`` if it is closed."""
    if sys.stdin is None:
        raise OSError(errno.EBADF, "stdin is closed")
    return sys.stdin.buffer


class Stdout:
    """Binary stdout for results. A failed write is an :class:`OutputError`, except a
    reader gone away (``| head``), which stays a ``BrokenPipeError`` (exit status 141).

    A write is repeated until all of it is taken: when the reader of a pipe leaves in the
    middle of a big write, the buffered writer reports the part the pipe took (and drops
    the rest) instead of failing; only the next write fails.
    """

    def write(self, data: bytes) -> int:
        out = self._buffer()
        view = memoryview(data)
        try:
            while view:
                taken = out.write(view)
                if not taken:
                    raise OutputError("stdout takes no more")
                view = view[taken:]
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None
        return len(data)

    def flush(self) -> None:
        if sys.stdout is None:
            return
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None

    @staticmethod
    def _buffer() -> BinaryIO:
        if sys.stdout is None:
            raise OutputError("stdout is closed")
        return sys.stdout.buffer


STDOUT = Stdout()


def silence_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush of what is
    still buffered cannot fail again on the way out."""
    if sys.stdout is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)

"""What ``unspin fix`` and ``unspin detect`` do with each file's chunks, in the main
process: write the repaired text (to stdout, in place, or below ``--output-dir``), the
diff or the edits, or the score; and the progress bar and summary on stderr."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import math
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO, NamedTuple

from .batch import (
    FixResult,
    Item,
    Runner,
    Score,
    Source,
    fix_chunk,
    quote_name,
    spin_score,
    use_repairer,
)
from .detecting import THRESHOLD as DETECT_THRESHOLD
from .diffs import UnifiedDiff
from .formats import documents
from .formats.sniffing import HEAD_BYTES, choose_format
from .repairing import Edit, Repairer
from .stdio import STDOUT, stdin
from .streaming import (
    AtomicFile,
    SkipFile,
    iter_chunks,
    permission_bits,
    sync_directories,
    with_context,
)


class Reporter:
    """Counts, messages and the progress bar, all on stderr (stdout is for results)."""

    def __init__(self, sources: Sequence[Source], *, quiet: bool) -> None:
        self.files = len(sources)
        self.total = sum(s.size or 0 for s in sources)
        self.quiet = quiet
        self.read = self.changed = self.skipped = self.edits = 0
        self._done_files = 0
        self._done_chars = 0
        self._bar = not quiet and sys.stderr.isatty()
        self._started = time.monotonic()
        self._drawn = 0.0  # when the bar was last drawn (0: not on screen)

    def say(self, message: str) -> None:
        self._clear()
        print(f"unspin: {message}", file=sys.stderr)

    def advance(self, chars: int = 0, files: int = 0) -> None:
        """Progress; drawn at most ten times a second, and only after half a second."""
        self._done_chars += chars
        self._done_files += files
        if not self._bar:
            return
        now = time.monotonic()
        if now - self._started < 0.5 or now - self._drawn < 0.1:
            return
        self._drawn = now
        share = min(1.0, self._done_chars / self.total) if self.total else 0.0
        bar = "#" * int(share * 30)
        sys.stderr.write(
            f"\r[{bar:<30}] {share:4.0%} {self._done_files}/{self.files} files "
            f"{now - self._started:4.0f} s"
        )
        sys.stderr.flush()

    def _clear(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._drawn = 0.0

    def summary(self, started: float, *, check: bool = False, detect: bool = False) -> None:
        self._clear()
        if self.quiet:
            return
        seconds = time.perf_counter() - started
        parts = [_plural(self.read, "file") + " read"]
        if not detect:
            parts.append(f"{self.changed} {'would change' if check else 'changed'}")
        parts.append(f"{self.skipped} skipped")
        if not detect:
            parts.append(_plural(self.edits, "edit"))
        print(f"unspin: {', '.join(parts)} in {seconds:.2f} s", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


class _Failed(NamedTuple):
    message: str


_END = object()  # a file's last item


class FileRun:
    """One file on its way through a batch; subclasses say what is done with it."""

    #: Validate the whole file before the first chunk (output that cannot be taken back).
    prescan = False
    #: The file's format (unspin.formats): plain text is read in chunks, the others whole.
    format = "text"

    def __init__(self, source: Source, args: argparse.Namespace, reporter: Reporter) -> None:
        self.source = source
        self.args = args
        self.reporter = reporter
        self.failed = False
        self.done = False

    def call(self, text: str, before: str = "", after: str = "") -> tuple[Any, tuple[Any, ...]]:
        raise NotImplementedError

    def chunk(self, text: str, result: Any) -> None:
        raise NotImplementedError

    def document(self, payload: str | bytes) -> tuple[Any, tuple[Any, ...]]:
        """The call for a whole document in ``self.format`` (the source text, or a PDF's
        bytes); its result goes to :meth:`chunk` with the payload."""
        raise NotImplementedError

    def finish(self) -> None:
        self.done = True
        self.reporter.read += 1

    def fail(self, message: str) -> None:
        self.failed = True
        self.reporter.skipped += 1
        self.reporter.say(f"skipped {self.source.shown}: {message}")


def run_batch(
    runs: Sequence[FileRun], repairer: Repairer, args: argparse.Namespace, reporter: Reporter
) -> None:
    """Read every run's file in chunks, compute in ``args.jobs`` processes, and feed the
    results back to the runs in order."""
    use_repairer(repairer)
    runner = Runner(args.jobs, repairer.config)
    try:
        for item, result in runner.run(_items(runs, args)):
            run: FileRun = item.owner
            if item.payload is _END:
                if not run.failed:
                    run.finish()
                reporter.advance(files=1)
            elif isinstance(item.payload, _Failed):
                run.fail(item.payload.message)
                reporter.advance(files=1)
            elif isinstance(result, documents.Unreadable):
                run.fail(result.reason)
            elif not run.failed:
                run.chunk(item.payload, result)
                reporter.advance(chars=len(item.payload))
    except BaseException:
        runner.close(abort=True)
        raise
    runner.close()
    sync_directories()
    STDOUT.flush()


def _items(runs: Sequence[FileRun], args: argparse.Namespace) -> Iterator[Item]:
    for run in runs:
        source = run.source
        try:
            with _open(source) as stream:
                run.format = _format(source, stream, args)
                if run.format != "text":
                    payload = _whole(stream, run.format, args)
                    yield Item(run, payload, run.document(payload))
                    yield Item(run, _END)
                    continue
                if run.prescan and source.size is not None and source.size > args.chunk_size:
                    # One pass to find bad bytes, so that nothing is printed of a file
                    # that is then skipped.
                    for _ in iter_chunks(stream, args.encoding, args.errors, args.chunk_size):
                        pass
                    stream.seek(0)
                chunks = iter_chunks(stream, args.encoding, args.errors, args.chunk_size)
                for before, text, after in with_context(chunks):
                    if run.failed:  # an output error: stop reading
                        break
                    yield Item(run, text, run.call(text, before, after))
        except SkipFile as exc:
            yield Item(run, _Failed(str(exc)))
            continue
        except OSError as exc:
            yield Item(run, _Failed(f"cannot read: {exc.strerror or exc}"))
            continue
        if not run.failed:
            yield Item(run, _END)


def _format(source: Source, stream: BinaryIO, args: argparse.Namespace) -> str:
    """The file's format: ``--format``, else by its name and first bytes."""
    peek = getattr(stream, "peek", None)
    head = peek(HEAD_BYTES)[:HEAD_BYTES] if peek is not None else b""
    return choose_format(source.name, head, getattr(args, "format", "auto"))


def _whole(stream: BinaryIO, format: str, args: argparse.Namespace) -> str | bytes:
    """A document read whole: a PDF's bytes, or the decoded text (SkipFile as for text)."""
    if format == "pdf":
        return stream.read()
    return "".join(iter_chunks(stream, args.encoding, args.errors, sys.maxsize))


def _open(source: Source) -> contextlib.AbstractContextManager[BinaryIO]:
    if source.path == "-":
        return contextlib.nullcontext(stdin())
    return open(source.path, "rb")


class FixRun(FileRun):
    """Repairs a file: the text to stdout or to a file, a diff, or the edits."""

    def __init__(
        self, source: Source, target: str | None, args: argparse.Namespace, reporter: Reporter
    ) -> None:
        super().__init__(source, args, reporter)
        self.target = target
        self.text_out = not (target or args.check or args.diff or args.explain)
        self.prescan = self.text_out or args.diff or args.explain
        self.keep_edits = args.diff or args.explain
        self.changed = False
        self.count = 0
        self.offset = 0  # characters of the file before the current chunk
        self.chunks = 0
        self.held: str | None = None  # the first chunk's repair, until we know to write
        self.sink: AtomicFile | None = None
        self.encoder = codecs.getincrementalencoder(args.encoding)(args.errors)
        self.diff: UnifiedDiff | None = None
        if args.diff:
            label = "<stdin>" if source.path == "-" else source.shown
            self.diff = UnifiedDiff(self._print_diff, label, label, word=args.word)
        self.stdout = STDOUT

    def call(self, text: str, before: str = "", after: str = "") -> tuple[Any, tuple[Any, ...]]:
        keep_text = self.text_out or self.target is not None
        return fix_chunk, (text, keep_text, self.keep_edits, before, after)

    def document(self, payload: str | bytes) -> tuple[Any, tuple[Any, ...]]:
        keep_text = self.text_out or self.target is not None
        return documents.fix_document, (self.format, payload, keep_text, self.keep_edits)

    def chunk(self, text: str, result: FixResult) -> None:
        self.changed |= result.changed
        self.count += result.count
        if self.args.explain:
            self._print_edits(result.edits or [])
        if self.diff is not None:
            self.diff.feed(text, [(e.start, e.end, e.after) for e in result.edits or []])
        try:
            if self.text_out:
                assert result.text is not None
                self.stdout.write(self.encoder.encode(result.text))
            elif self.target is not None:
                assert result.text is not None
                self._write(result.text)
        except UnicodeEncodeError as exc:
            self._encode_failed(exc)
            return
        self.offset += len(text)
        self.chunks += 1

    def _write(self, text: str) -> None:
        if self.chunks == 0:  # an unchanged one-chunk file is not written in place
            self.held = text
            return
        try:
            if self.sink is None:
                self.sink = self._open_sink()
            if self.held is not None:
                self.sink.write(self.encoder.encode(self.held))
                self.held = None
            self.sink.write(self.encoder.encode(text))
        except OSError as exc:
            self._write_failed(exc)

    def finish(self) -> None:
        if self.diff is not None:
            self.diff.close()
        if self.target is not None and not (self.args.in_place and not self.changed):
            try:
                if self.sink is None:
                    self.sink = self._open_sink()
                if self.held is not None:
                    self.sink.write(self.encoder.encode(self.held))
                self.sink.write(self.encoder.encode("", final=True))
                self.sink.commit()
            except OSError as exc:
                self._write_failed(exc)
                return
            except UnicodeEncodeError as exc:
                self._encode_failed(exc)
                return
        elif self.sink is not None:  # in place, and nothing changed: keep the original
            self.sink.discard()
        self.held = None
        super().finish()
        self.reporter.edits += self.count
        if self.changed:
            self.reporter.changed += 1
            if self.args.check:
                self.reporter.say(f"would fix {self.source.shown} ({_plural(self.count, 'edit')})")

    def _open_sink(self) -> AtomicFile:
        assert self.target is not None
        st = os.stat(self.source.path)
        if self.args.in_place:
            return AtomicFile(self.target, permission_bits(st), (st.st_uid, st.st_gid))
        os.makedirs(os.path.dirname(self.target) or ".", exist_ok=True)
        return AtomicFile(self.target, permission_bits(st) & ~_umask())

    def _encode_failed(self, exc: UnicodeEncodeError) -> None:
        """A repair wrote a character the output's encoding has not (a user's phrasebook's
        "naïve" in an ASCII file): the file is skipped, an in-place one left as it was."""
        if self.sink is not None:
            self.sink.discard()
        char = exc.object[exc.start : exc.end]
        self.fail(f"the repair holds {char!r}, which {self.args.encoding} cannot encode")

    def _write_failed(self, exc: OSError) -> None:
        if self.sink is not None:
            self.sink.discard()
        self.fail(f"cannot write {quote_name(self.target)}: {exc.strerror or exc}")

    def _print_edits(self, edits: Sequence[Edit]) -> None:
        lines = []
        for e in edits:
            record = {
                "file": self.source.name,
                "start": self.offset + e.start,
                "end": self.offset + e.end,
                "before": e.before,
                "after": e.after,
                "confidence": round(e.confidence, 4),
                "entry": e.entry._asdict(),
                "evidence": {k: _json_value(v) for k, v in e.evidence._asdict().items()},
            }
            lines.append(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        # An undecodable byte kept by surrogateescape becomes a JSON \\udcXX escape.
        self.stdout.write("".join(lines).encode("utf-8", "backslashreplace"))

    def _print_diff(self, text: str) -> None:
        self.stdout.write(text.encode(self.args.encoding, "surrogateescape"))


def _json_value(value: object) -> object:
    """An evidence field as JSON has it: a float to 4 places, null if not finite (JSON
    has no infinity)."""
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    return value


_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0)
        os.umask(_UMASK)
    return _UMASK


class DetectRun(FileRun):
    """Scores a file; a file of several chunks gets the length-weighted mean of their
    scores (each chunk is weighed as a document of its own)."""

    def __init__(self, source: Source, args: argparse.Namespace, reporter: Reporter) -> None:
        super().__init__(source, args, reporter)
        self.weighted = Score(0.0, 0.0)
        self.chars = 0
        self.score = 0.0
        self.spin_rate = 0.0
        self.evidence: list[str] = []  # a PDF's, with page numbers

    def call(self, text: str, before: str = "", after: str = "") -> tuple[Any, tuple[Any, ...]]:
        return spin_score, (text,)

    def document(self, payload: str | bytes) -> tuple[Any, tuple[Any, ...]]:
        return documents.score_document, (self.format, payload)

    def chunk(self, text: str, result: Score | documents.Scored) -> None:
        n = len(text)
        if isinstance(result, documents.Scored):  # a whole document, weighed by its prose
            n = result.chars
            self.evidence = result.evidence
            result = Score(result.score, result.spin_rate)
        self.weighted = Score(*(w + r * n for w, r in zip(self.weighted, result, strict=True)))
        self.chars += n

    def finish(self) -> None:
        super().finish()
        if self.chars:
            self.score = self.weighted.score / self.chars
            self.spin_rate = self.weighted.spin_rate / self.chars
        if not self.args.sort:
            self.report()

    def report(self) -> None:
        if self.args.json:
            record = {
                "file": self.source.name,
                "score": round(self.score, 4),
                "spun": self.score >= DETECT_THRESHOLD,
                "spin_rate": round(self.spin_rate, 4),
                "chars": self.chars,
            }
            if self.format == "pdf":
                record["evidence"] = self.evidence
            line = json.dumps(record, ensure_ascii=False)
        else:
            # A PDF's evidence follows its line, indented, for citing ("page 4: ...").
            line = "".join(
                [f"{self.score:.3f}\t{self.source.shown}", *(f"\n  {e}" for e in self.evidence)]
            )
        STDOUT.write((line + "\n").encode("utf-8", "backslashreplace"))

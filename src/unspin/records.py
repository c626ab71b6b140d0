"""Corpora of records for the command line: ``unspin fix --field text corpus.jsonl`` and
``unspin detect --field text --score-field spin_score corpus.jsonl``. See docs/corpus.md.

A record file is JSON lines (``.jsonl``; gzip-compressed ``.jsonl.gz``, recognised by its
magic bytes) or Parquet (``PAR1``; needs ``pyarrow``: ``pip install "unspin[parquet]"``).
Each record's field is repaired (or scored) as one document, exactly as
:meth:`Repairer.repair` would; every other field, and the order of the records, is left
as it was.

JSON lines are edited in place, not re-serialised: a record whose text did not change is
written back byte for byte, and a changed one has only its field's value replaced (the
new value serialised with ``ensure_ascii=False``), so key order, spacing, number formats
and escapes elsewhere in the line are untouched. ``detect`` inserts the score as the
record's last key (or replaces the value of an existing one).

Records are read in batches of about 256 kB (or ``--chunk-size``, if smaller) and repaired in the
``--jobs`` worker processes of :class:`unspin.batch.Runner`, at most ``2 * jobs`` batches in
flight, so memory stays bounded on a file of any size. A record is held whole, but a long
one only once (:mod:`unspin.long_records`)."""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO, NamedTuple

from . import batch, long_records
from .batch import (
    FixResult,
    Item,
    Runner,
    Source,
    UsageError,
    find_sources,
    fix_chunk,
    quote_name,
    spin_score,
    use_repairer,
)
from .files import Reporter, _plural, _umask
from .jsonline import BadRecord, loads, set_value, value_span
from .repairing import Repairer
from .stdio import STDOUT, stdin
from .streaming import AtomicFile, default_mode, permission_bits, sync_directories

#: What a directory is searched for when ``--field`` is given (and no ``--glob``).
GLOBS = ("*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz", "*.parquet")
#: Rows per Parquet batch read (a batch is cut further to ``--chunk-size`` characters).
PARQUET_ROWS = 1024
#: Bytes of JSON lines per batch sent to a worker (or ``--chunk-size``, if smaller): small
#: enough that a file of a few megabytes is already spread over the workers.
LINES_BATCH = 1 << 18
#: Rows buffered before a Parquet row group is written.
ROW_GROUP_ROWS = 65536

_GZIP_MAGIC = b"\x1f\x8b"
_PARQUET_MAGIC = b"PAR1"
_BOM = "\ufeff"

# --- work done in the worker processes ------------------------------------------------


class LinesResult(NamedTuple):
    data: bytes  # the batch's lines as written out
    records: int  # records processed (with a string field)
    changed: int  # of which repaired
    missing: int  # records without the field, or with a field that is not a string
    bad: list[tuple[int, str]]  # (line number, reason) of lines that are not JSON objects
    edits: int


def _fix_value(text: str, format: str) -> FixResult:
    """A field's value repaired: as text, or as an HTML or Markdown document in place."""
    if format == "text":
        return fix_chunk(text, True, False)
    from .formats.documents import fix_document

    return fix_document(format, text, True, False)  # type: ignore[return-value]


def _score_value(text: str, format: str) -> float:
    if format == "text":
        return spin_score(text).score
    from .formats.documents import score_document

    return score_document(format, text).score  # type: ignore[union-attr]


def process_lines(
    lines: list[bytes],
    first: int,
    field: str,
    score_field: str | None,
    encoding: str,
    format: str = "text",
) -> LinesResult:
    """Repair (or, with ``score_field``, score) the field of each JSON line, read as
    ``format`` (text, html or markdown); ``first`` is the number of the first line (for
    error messages). A bad line is passed through as it is and reported.

    A line of more than :data:`unspin.long_records.LONG_LINE` bytes is taken out of
    ``lines`` (its item set to None) and spooled once decoded; to repair as text, it is
    held as its parsed value alone while that is repaired (see
    :mod:`unspin.long_records`)."""
    out: list[bytes] = []
    records = changed = missing = edits = 0
    bad: list[tuple[int, str]] = []
    repair_text = score_field is None and format == "text"
    for k, raw in enumerate(lines):
        n = first + k
        # The line's end, without copying it (a record may be tens of megabytes).
        end = len(raw)
        while end and raw[end - 1] in b"\r\n":
            end -= 1
        if not raw or raw.isspace():
            out.append(raw)  # a blank line: kept, not a record
            continue
        try:
            line = str(memoryview(raw)[:end], encoding)
        except UnicodeDecodeError as exc:
            bad.append((n, f"not valid {exc.encoding} at byte {exc.start} of the line"))
            out.append(raw)
            continue
        ending = raw[end:]
        held = None  # the line read, out of memory while a long record is repaired
        if len(raw) > long_records.LONG_LINE:
            held = long_records.hold(raw)
            lines[k] = raw = None  # type: ignore[call-overload]
        bom = line.startswith(_BOM)
        if bom:
            line = line[1:]
        try:
            record = loads(line)
        except BadRecord as exc:
            bad.append((n, str(exc)))
            out.append(_read_back(raw, held))
            continue
        if not isinstance(record, dict):
            bad.append((n, f"not a JSON object (a {type(record).__name__})"))
            out.append(_read_back(raw, held))
            continue
        text = record.get(field)
        if not isinstance(text, str):
            missing += 1
            out.append(_read_back(raw, held))
            continue
        records += 1
        if held is not None and repair_text:
            # Only the value stays in memory while it is repaired: the line around it is
            # kept as its two ends (set_value's replacement of the value's span).
            span = value_span(line, field)
            assert span is not None
            prefix = (_BOM if bom else "") + line[: span[0]]
            suffix = line[span[1] :]
            del line, record
            assert batch._repairer is not None
            fixed = long_records.repair(batch._repairer, text)
            del text
            edits += fixed.count
            if fixed.spool is None:
                out.append(long_records.read(held))
                continue
            held.close()
            changed += 1
            out.extend(long_records.encoded_line(prefix, fixed, suffix, encoding))
            out.append(ending)
            continue
        # set_value reads the line again: it can, as it reads less deeply nested values
        # (the object's members) from no deeper a call than loads.
        if score_field is not None:
            line = set_value(line, score_field, round(_score_value(text, format), 4))
        else:
            result = _fix_value(text, format)
            edits += result.count
            if not result.changed:
                out.append(_read_back(raw, held))
                continue
            changed += 1
            line = set_value(line, field, result.text)
        out.append(((_BOM + line) if bom else line).encode(encoding) + ending)
    return LinesResult(b"".join(out), records, changed, missing, bad, edits)


def _read_back(raw: bytes | None, held: IO[bytes] | None) -> bytes:
    """The line read: ``raw``, or from its spool."""
    return long_records.read(held) if held is not None else raw  # type: ignore[return-value]


class TextsResult(NamedTuple):
    values: list[Any]  # the new texts (None: unchanged), or the scores (None: no text)
    records: int
    changed: int
    missing: int
    edits: int


def process_texts(texts: list[Any], score: bool, format: str = "text") -> TextsResult:
    """Repair or score a column's values (Parquet), read as ``format``; a value that is
    not a string (a null) is passed through."""
    values: list[Any] = []
    records = changed = missing = edits = 0
    for text in texts:
        if not isinstance(text, str):
            missing += 1
            values.append(None)
            continue
        records += 1
        if score:
            values.append(round(_score_value(text, format), 4))
            continue
        result = _fix_value(text, format)
        edits += result.count
        changed += result.changed
        values.append(result.text if result.changed else None)
    return TextsResult(values, records, changed, missing, edits)


# --- the main process's side ----------------------------------------------------------


class RecordReporter(Reporter):
    """The summary counts records as well as files."""

    def __init__(self, sources: Sequence[Source], *, quiet: bool) -> None:
        super().__init__(sources, quiet=quiet)
        self.records = self.changed_records = self.missing = self.bad = 0

    def summary(self, started: float, *, check: bool = False, detect: bool = False) -> None:
        self._clear()
        if self.quiet:
            return
        seconds = time.perf_counter() - started
        parts = [_plural(self.read, "file") + " read", _plural(self.records, "record")]
        if not detect:
            parts.append(f"{self.changed_records} {'would change' if check else 'changed'}")
        parts.append(f"{self.missing} without the field")
        parts.append(f"{self.bad} bad")
        parts.append(_plural(self.skipped, "file") + " skipped")
        if not detect:
            parts.append(_plural(self.edits, "edit"))
        print(f"unspin: {', '.join(parts)} in {seconds:.2f} s", file=sys.stderr)


class _Sink:
    """A binary file object over an :class:`AtomicFile`, for gzip and pyarrow."""

    def __init__(self, atomic: AtomicFile) -> None:
        self.atomic = atomic
        self.written = 0
        self.closed = False

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.atomic.write(data)
        self.written += len(data)
        return len(data)

    def tell(self) -> int:
        return self.written

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readable(self) -> bool:
        return False


_END = object()


class RecordRun:
    """One record file on its way through a batch."""

    def __init__(
        self, source: Source, target: str | None, args: argparse.Namespace, fix: bool
    ) -> None:
        self.source = source
        self.target = target  # None: stdout (or nothing, with --check)
        self.args = args
        self.fix = fix
        self.kind = _kind(source)
        self.failed = False
        self.changed = 0
        self.atomic: AtomicFile | None = None
        self.out: Any = None  # where bytes go (stdout, the atomic file, or gzip over it)
        self.writer: Any = None  # a pyarrow ParquetWriter
        self.pending: list[Any] = []  # Parquet batches not yet written
        self.pending_rows = 0
        self.schema: Any = None

    # - output -
    def open(self, schema: Any = None) -> None:
        if self.target is None:
            if not getattr(self.args, "check", False):
                self.out = STDOUT
            return
        if self.source.path == "-":
            mode = default_mode()
        else:
            st = os.stat(self.source.path)
            mode = permission_bits(st)
            if not getattr(self.args, "in_place", False):
                mode &= ~_umask()
        os.makedirs(os.path.dirname(self.target) or ".", exist_ok=True)
        self.atomic = AtomicFile(self.target, mode)
        sink = _Sink(self.atomic)
        if self.kind == "parquet":
            import pyarrow.parquet as pq

            self.schema = schema
            self.writer = pq.ParquetWriter(sink, schema)
        elif self.kind == "gzip":
            self.out = gzip.GzipFile(fileobj=sink, mode="wb", compresslevel=6, mtime=0)
        else:
            self.out = sink

    def write(self, data: bytes) -> None:
        if self.out is not None:
            self.out.write(data)

    def write_batch(self, batch: Any) -> None:
        if self.writer is None:
            return
        self.pending.append(batch)
        self.pending_rows += batch.num_rows
        if self.pending_rows >= ROW_GROUP_ROWS:
            self._flush_batches()

    def _flush_batches(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.writer.write_table(pa.Table.from_batches(self.pending, schema=self.schema))
        self.pending = []
        self.pending_rows = 0

    def commit(self) -> None:
        if self.writer is not None:
            self._flush_batches()
            self.writer.close()
        if isinstance(self.out, gzip.GzipFile):
            self.out.close()
        if self.atomic is not None:
            if getattr(self.args, "in_place", False) and not self.changed and self.fix:
                self.atomic.discard()  # an unchanged file is not rewritten
            else:
                self.atomic.commit()

    def discard(self) -> None:
        # Closing writes the end of the format to the sink, which may be what failed (a
        # full disk): whatever it raises, the temporary file goes.
        with contextlib.suppress(Exception):
            if self.writer is not None:
                self.writer.close()
        with contextlib.suppress(Exception):
            if isinstance(self.out, gzip.GzipFile):
                self.out.close()
        if self.atomic is not None:
            self.atomic.discard()


def _kind(source: Source) -> str:
    """jsonl, gzip (JSON lines) or parquet, from the first bytes (stdin: JSON lines)."""
    if source.path == "-":
        return "jsonl"
    try:
        with open(source.path, "rb") as f:
            head = f.read(4)
    except OSError:
        return "jsonl"  # the error is reported when it is read
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head == _PARQUET_MAGIC:
        return "parquet"
    return "jsonl"


def _format(args: argparse.Namespace) -> str:
    """How a field's value is read: ``--format``; text unless told (a value has no name)."""
    format = getattr(args, "format", "auto")
    return "text" if format == "auto" else format


def check_options(args: argparse.Namespace, parser: argparse.ArgumentParser, fix: bool) -> None:
    if not args.field:
        parser.error("--field needs a field name")
    if getattr(args, "format", "auto") == "pdf":
        parser.error("--format pdf reads PDF files; a record's field is text, html or markdown")
    if fix:
        if args.diff or args.explain:
            parser.error("--diff and --explain work on text files, not with --field")
        if args.in_place and "-" in args.paths:
            parser.error("stdin (-) can only be repaired to stdout")
    else:
        if args.sort or args.json:
            parser.error(
                "--sort and --json list files; with --field the score goes in each "
                "record (--score-field)"
            )
        if args.score_field == args.field:
            parser.error("--score-field must differ from --field")


def run(args: argparse.Namespace, repairer: Repairer, *, fix: bool) -> int:
    """``unspin fix --field`` or ``unspin detect --field``: the exit status."""
    started = time.perf_counter()
    output_dir = getattr(args, "output_dir", None)
    sources = find_sources(
        args.paths, args.glob, exclude=output_dir, leave_out=getattr(args, "exclude", ())
    )
    in_place = fix and args.in_place
    targets = _targets(sources, output_dir, in_place)
    stdout_sources = [s for s in sources if s.path not in targets]
    check = fix and args.check
    if not check:
        for source in stdout_sources:
            if _kind(source) == "parquet":
                raise UsageError(
                    f"{source.shown} is Parquet: write it with --output-dir"
                    + (" or --in-place" if fix else "")
                )
    if output_dir is not None:
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"cannot create {quote_name(output_dir)}: {exc.strerror or exc}"
            ) from None
    reporter = RecordReporter(sources, quiet=args.quiet)
    runs = [RecordRun(s, None if check else targets.get(s.path), args, fix) for s in sources]
    use_repairer(repairer)
    runner = Runner(args.jobs, repairer.config)
    try:
        for item, result in runner.run(_items(runs, args, fix, reporter)):
            record_run: RecordRun = item.owner
            if record_run.failed:
                continue
            if item.payload is _END:
                try:
                    record_run.commit()
                except OSError as exc:
                    _fail(record_run, reporter, f"cannot write: {exc.strerror or exc}")
                    continue
                reporter.read += 1
                if record_run.changed:
                    reporter.changed += 1
                    if check:
                        reporter.say(
                            f"would fix {record_run.source.shown} "
                            f"({_plural(record_run.changed, 'record')})"
                        )
                reporter.advance(files=1)
            elif isinstance(item.payload, _Failed):
                _fail(record_run, reporter, item.payload.message)
            else:
                _take(record_run, item.payload, result, reporter, args)
    except BaseException:
        runner.close(abort=True)
        for r in runs:
            r.discard()
        raise
    runner.close()
    sync_directories()
    STDOUT.flush()
    reporter.summary(started, check=check, detect=not fix)
    if reporter.skipped:
        return 2
    return 1 if check and reporter.changed else 0


class _Failed(NamedTuple):
    message: str


class _Lines(NamedTuple):
    size: int  # bytes read, for the progress bar


class _Rows(NamedTuple):
    batch: Any  # a pyarrow RecordBatch
    column: int  # the field's column (-1: none)


def _fail(run: RecordRun, reporter: RecordReporter, message: str) -> None:
    run.failed = True
    run.discard()
    reporter.skipped += 1
    reporter.say(f"skipped {run.source.shown}: {message}")
    reporter.advance(files=1)


def _take(
    run: RecordRun, payload: Any, result: Any, reporter: RecordReporter, args: argparse.Namespace
) -> None:
    if isinstance(payload, _Lines):
        if result.bad and not args.skip_bad_records:
            line, reason = result.bad[0]
            _fail(
                run,
                reporter,
                f"line {line}: {reason} (--skip-bad-records passes such lines through)",
            )
            return
        for line, reason in result.bad:
            if not args.quiet:
                reporter.say(f"{run.source.shown} line {line}: {reason}; passed through")
        reporter.bad += len(result.bad)
        _count(run, reporter, result)
        try:
            run.write(result.data)
        except OSError as exc:
            if run.target is None:
                raise
            _fail(run, reporter, f"cannot write {quote_name(run.target)}: {exc.strerror or exc}")
        reporter.advance(chars=payload.size)
        return
    batch = _rebuilt(payload, result, run, args)
    _count(run, reporter, result)
    try:
        run.write_batch(batch)
    except OSError as exc:
        _fail(run, reporter, f"cannot write {quote_name(run.target)}: {exc.strerror or exc}")
    reporter.advance(chars=payload.batch.nbytes)


def _count(run: RecordRun, reporter: RecordReporter, result: Any) -> None:
    run.changed += result.changed
    reporter.changed_records += result.changed
    reporter.records += result.records
    reporter.missing += result.missing
    reporter.edits += result.edits


def _items(
    runs: Sequence[RecordRun], args: argparse.Namespace, fix: bool, reporter: RecordReporter
) -> Iterator[Item]:
    for run in runs:
        try:
            if run.kind == "parquet":
                yield from _parquet_items(run, args, fix)
            else:
                yield from _line_items(run, args, fix)
        except BadRecord as exc:
            yield Item(run, _Failed(str(exc)))
            continue
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            yield Item(run, _Failed(f"cannot read: {reason}"))
            continue
        except UsageError:
            raise
        except Exception as exc:  # pyarrow's errors on a damaged file
            if type(exc).__module__.startswith("pyarrow"):
                yield Item(run, _Failed(f"cannot read: {exc}"))
                continue
            raise
        if not run.failed:
            yield Item(run, _END)


def _open(run: RecordRun) -> contextlib.AbstractContextManager[BinaryIO]:
    if run.source.path == "-":
        return contextlib.nullcontext(stdin())
    if run.kind == "gzip":
        return gzip.open(run.source.path, "rb")  # type: ignore[return-value]
    return open(run.source.path, "rb")


def _line_items(run: RecordRun, args: argparse.Namespace, fix: bool) -> Iterator[Item]:
    score_field = None if fix else args.score_field
    try:
        run.open()
    except OSError as exc:
        yield Item(run, _Failed(f"cannot write {quote_name(run.target)}: {exc.strerror or exc}"))
        return
    batch_bytes = min(args.chunk_size, LINES_BATCH)
    with _open(run) as stream:
        lines: list[bytes] = []
        size = 0
        first = 1
        for n, line in enumerate(stream, 1):
            lines.append(line)
            size += len(line)
            del line  # process_lines may take a long line out of the list and free it
            if size >= batch_bytes:
                if run.failed:
                    return
                call = (
                    process_lines,
                    (lines, first, args.field, score_field, args.encoding, _format(args)),
                )
                yield Item(run, _Lines(size), call)
                lines, size, first = [], 0, n + 1
        if lines and not run.failed:
            call = (
                process_lines,
                (lines, first, args.field, score_field, args.encoding, _format(args)),
            )
            yield Item(run, _Lines(size), call)


def _parquet_items(run: RecordRun, args: argparse.Namespace, fix: bool) -> Iterator[Item]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        raise UsageError(
            f'{run.source.shown} is Parquet, which needs pyarrow: pip install "unspin[parquet]"'
        ) from None
    with pq.ParquetFile(run.source.path) as pf:
        schema = pf.schema_arrow
        column = schema.get_field_index(args.field)
        if column >= 0 and not _is_text(schema.field(column).type):
            column = -1  # not a string column: every record passes through
        out_schema = schema
        if not fix:
            score = pa.field(args.score_field, pa.float64())
            i = schema.get_field_index(args.score_field)
            out_schema = schema.set(i, score) if i >= 0 else schema.append(score)
        try:
            run.open(out_schema)
        except OSError as exc:
            yield Item(
                run, _Failed(f"cannot write {quote_name(run.target)}: {exc.strerror or exc}")
            )
            return
        for batch in pf.iter_batches(batch_size=PARQUET_ROWS):
            if run.failed:
                return
            for piece in _cut_rows(batch, column, min(args.chunk_size, LINES_BATCH)):
                texts = piece.column(column).to_pylist() if column >= 0 else [None] * len(piece)
                yield Item(
                    run, _Rows(piece, column), (process_texts, (texts, not fix, _format(args)))
                )


def _is_text(dtype: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(dtype) or pa.types.is_large_string(dtype))


def _cut_rows(batch: Any, column: int, chunk_chars: int) -> Iterator[Any]:
    """A batch in pieces of about ``chunk_chars`` of text."""
    if column < 0 or batch.num_rows <= 1:
        yield batch
        return
    import pyarrow.compute as pc

    lengths = pc.fill_null(pc.binary_length(batch.column(column)), 0).to_pylist()
    start = size = 0
    for i, n in enumerate(lengths):
        size += n
        if size >= chunk_chars:
            yield batch.slice(start, i + 1 - start)
            start, size = i + 1, 0
    if start < batch.num_rows:
        yield batch.slice(start)


def _rebuilt(payload: _Rows, result: TextsResult, run: RecordRun, args: argparse.Namespace) -> Any:
    """The batch with the field repaired, or the score added."""
    import pyarrow as pa

    batch = payload.batch
    if run.writer is None:
        return batch
    columns = list(batch.columns)
    if run.fix:
        if payload.column < 0 or not result.changed:
            return batch
        old = columns[payload.column].to_pylist()
        new = [o if v is None else v for o, v in zip(old, result.values, strict=True)]
        columns[payload.column] = pa.array(new, type=batch.schema.field(payload.column).type)
    else:
        scores = pa.array(result.values, type=pa.float64())
        i = batch.schema.get_field_index(args.score_field)
        if i >= 0:
            columns[i] = scores
        else:
            columns.append(scores)
    return pa.RecordBatch.from_arrays(columns, schema=run.schema)


def _targets(sources: list[Source], output_dir: str | None, in_place: bool) -> dict[str, str]:
    """Where each file is written (files not listed go to stdout)."""
    targets: dict[str, str] = {}
    seen: dict[str, str] = {}
    if not (output_dir is not None or in_place):
        return targets
    for source in sources:
        if source.path == "-":
            continue
        if in_place:
            target = os.path.realpath(source.path)
        else:
            assert output_dir is not None
            target = os.path.join(output_dir, source.relative)
            if os.path.realpath(target) == os.path.realpath(source.path):
                raise UsageError(f"--output-dir would overwrite {source.shown}; use --in-place")
        key = os.path.realpath(target)
        if key in seen:
            if os.path.realpath(seen[key]) == os.path.realpath(source.path):
                continue
            raise UsageError(
                f"{quote_name(seen[key])} and {source.shown} would both be written to "
                f"{quote_name(target)}"
            )
        seen[key] = source.path
        targets[source.path] = target
    return targets

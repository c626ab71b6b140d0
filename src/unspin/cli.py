"""The ``unspin`` command: ``fix``, ``detect``, ``learn`` and ``report``. See docs/cli.md.

``unspin FILE...`` (no command) is ``unspin fix FILE...``, as in the README.
"""

from __future__ import annotations

import argparse
import codecs
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from . import __version__, stdio
from .batch import Source, UsageError, available_cpus, find_sources, quote_name
from .files import DetectRun, FileRun, FixRun, Reporter, run_batch
from .formats.sniffing import FORMATS
from .repairing import Config, Repairer
from .stdio import STDOUT, OutputError
from .streaming import CHUNK_CHARS, AtomicFile, default_mode, remove_temp

COMMANDS = ("fix", "detect", "learn", "report")
#: What a directory is searched for (fix leaves out *.pdf).
DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.pdf")


def exit_codes(check: bool = False) -> str:
    """The exit statuses, for the help of a command (``check``: it has ``--check``)."""
    one = "  1  fix --check: some file would change\n" if check else ""
    return (
        "exit status:\n  0  success\n" + one + "  2  usage error, or some input could not "
        "be read, decoded or written (the other\n     files are still processed); 130 on "
        "Ctrl-C, 143 on SIGTERM, 141 when the reader\n     of stdout goes away (| head)"
    )


EXIT_CODES = exit_codes(check=True)

#: ``--spun-prior`` of fix and report (``Config.spun_prior``).
SPUN_PRIOR = {
    "type": float,
    "default": None,
    "metavar": "P",
    "help": "your own probability, in (0, 1), that the texts were spun: 0.99 for copies "
    "you know are spun repairs lightly spun ones far more; never on text that may be "
    "clean (default: unspin weighs each text's own evidence)",
}

#: ``--short-spun`` of fix and report (``Config.short_spun``).
SHORT_SPUN = {
    "type": float,
    "default": Config().short_spun,
    "metavar": "S",
    "help": "how likely spun, in [0, 1], a short text (a sentence, a paragraph or two) "
    "must be for any edit in it: its evidence rests on two or three word choices, which "
    f"formal writers make too (default: {Config().short_spun}; 0 leaves it to --threshold)",
}

MAIN_EPILOG = f"""\
examples:
  unspin fix article.txt                   print the repaired text
  unspin article.txt                       the same (fix is the default command)
  unspin fix --in-place corpus/            repair every *.txt below corpus/ in place
  unspin fix --output-dir fixed/ corpus/   write repaired copies, mirroring the tree
  unspin fix --check --diff corpus/        show what would change; exit 1 if anything would
  unspin fix --explain article.txt         the edits as JSON lines
  unspin fix --diff --word article.txt     the changed words, [-old-]{{+new+}}
  cat spun.txt | unspin                    stdin to stdout (no PATH, stdin a pipe)
  unspin detect --sort corpus/             spin score per file, most spun first
  unspin fix --field text -o fixed/ corpus.jsonl.gz   repair the text field of each record
  unspin learn orig1.txt spun1.txt orig2.txt spun2.txt -o mine.tsv
  unspin fix --phrasebook mine.tsv spun3.txt
  unspin report corpus/ -o report.html     a page showing every edit, for review

{EXIT_CODES}
"""

FIX_EPILOG = f"""\
examples:
  unspin fix article.txt > repaired.txt
  unspin fix --in-place --glob '*.txt' --glob '*.md' corpus/
  unspin fix --output-dir fixed/ --jobs 4 corpus/
  unspin fix --check --diff notes.txt      (for CI; see also .pre-commit-hooks.yaml)
  unspin fix --diff --word notes.txt       the words changed in each paragraph
  unspin fix --explain --threshold 0.9 article.txt
  unspin fix --spun-prior 0.99 scraped-copies/   texts you know are spun copies

Without --in-place or --output-dir nothing is written: the repaired text (or the diff,
or the edits) goes to stdout. --in-place replaces a file only if it changed, through a
temporary file in the same directory that is fsynced and renamed over it (mode kept).
Files are read and written in chunks of --chunk-size characters cut at blank lines, so
memory stays bounded on files of any size.

{EXIT_CODES}
"""


def _file_options(done: str) -> argparse.ArgumentParser:
    """The options of the commands that take files; ``done`` says what is done to a
    piece of a file ("repaired", "scored")."""
    files = argparse.ArgumentParser(add_help=False)
    files.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a file, a directory (searched recursively), or - for stdin (the default "
        "when stdin is a pipe or a file)",
    )
    files.add_argument(
        "--glob",
        "--include",
        action="append",
        metavar="PATTERN",
        help="files to take from directories, by name or by path below the directory "
        "if the pattern has a /; repeatable (default: *.txt *.md *.html *.htm, and *.pdf "
        "but for fix)",
    )
    files.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="files not to take from directories, matched as --include; repeatable",
    )
    files.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        help="how to read the inputs (default: auto, by extension and content): of html and "
        "markdown only the prose is read and changed, markup untouched; a pdf is read, "
        "never written (see docs/formats.md)",
    )
    files.add_argument(
        "--phrasebook",
        action="append",
        default=[],
        metavar="FILE",
        help="a phrasebook of your own, added to the default one; repeatable",
    )
    files.add_argument(
        "--no-default-phrasebook",
        action="store_true",
        help="use only the --phrasebook files (a spinner's whole table, or a book made by"
        " unspin learn)",
    )
    files.add_argument("--encoding", default="utf-8", help="of inputs and outputs (default: utf-8)")
    files.add_argument(
        "--errors",
        choices=("strict", "surrogateescape"),
        default="strict",
        help="strict (default) skips a file that does not decode; surrogateescape keeps "
        "undecodable bytes and writes them back unchanged",
    )
    files.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: one per available core)",
    )
    files.add_argument(
        "--chunk-size",
        type=int,
        default=CHUNK_CHARS,
        metavar="CHARS",
        help=f"longest piece {done} at once (default: {CHUNK_CHARS}); a file up to "
        f"this size is {done} whole",
    )
    files.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr"
    )
    return files


def build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="unspin",
        description="Repair text rewritten by an article spinner, and score how spun it is.",
        epilog=MAIN_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"unspin {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    records = argparse.ArgumentParser(add_help=False)
    records.add_argument(
        "--field",
        metavar="NAME",
        help="the inputs are records (JSON lines, .jsonl.gz, Parquet): process the field NAME "
        "of each, keep everything else (see docs/corpus.md)",
    )
    records.add_argument(
        "--skip-bad-records",
        action="store_true",
        help="with --field: pass a line that cannot be read as a JSON object through and "
        "count it, instead of skipping the file",
    )

    fix = sub.add_parser(
        "fix",
        parents=[_file_options("repaired"), records],
        help="repair files (the default command)",
        description="Repair the spun phrases in files, directories or stdin.",
        epilog=FIX_EPILOG,
        formatter_class=raw,
    )
    fix.add_argument(
        "--threshold",
        type=float,
        default=Config().threshold,
        help=f"confidence an edit needs, in (0.5, 1] (default: {Config().threshold})",
    )
    fix.add_argument("--spun-prior", **SPUN_PRIOR)
    fix.add_argument("--short-spun", **SHORT_SPUN)
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-i", "--in-place", action="store_true", help="rewrite changed files")
    where.add_argument(
        "-o", "--output-dir", metavar="DIR", help="write every file below DIR, mirroring the input"
    )
    where.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if any file would change (lists them on stderr)",
    )
    show = fix.add_mutually_exclusive_group()
    show.add_argument(
        "--diff", action="store_true", help="print a unified diff instead of the text"
    )
    show.add_argument(
        "--explain",
        action="store_true",
        help="print the edits as JSON lines instead of the text: file, start, end (character "
        "offsets in the file's text), before, after, confidence, entry",
    )
    fix.add_argument(
        "--word",
        action="store_true",
        help="with --diff: show the words changed in each line, [-old-]{+new+}, as git's "
        "--word-diff=plain does (for reading; patch needs the line diff)",
    )
    fix.set_defaults(run=_fix, parser=fix)

    detect = sub.add_parser(
        "detect",
        parents=[_file_options("scored"), records],
        help="print a spin score per file",
        description="Print each file's spin score, the probability that it was machine-"
        "spun (unspin.detect): one line per file, score, tab, file.",
        formatter_class=raw,
        epilog=f"examples:\n  unspin detect --sort corpus/ | head\n"
        f"  unspin detect --json a.txt b.txt\n\n{exit_codes()}\n",
    )
    detect.add_argument("--sort", action="store_true", help="most spun first")
    detect.add_argument(
        "--json",
        action="store_true",
        help='JSON lines: {"file", "score", "spun", "spin_rate", "chars"}',
    )
    detect.add_argument(
        "--score-field",
        default="spin_score",
        metavar="NAME",
        help="with --field: the field the score is written to (default: spin_score)",
    )
    detect.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        help="with --field: write the scored record files below DIR (default: stdout)",
    )
    detect.set_defaults(run=_detect, parser=detect)

    learn = sub.add_parser(
        "learn",
        help="learn a phrasebook from original/spun pairs",
        description="Align each original with its spun copy and write the substitutions "
        "found as a phrasebook, for --phrasebook.",
        formatter_class=raw,
        epilog="example:\n  unspin learn a.txt a-spun.txt b.txt b-spun.txt -o mine.tsv\n"
        "  unspin fix --phrasebook mine.tsv c-spun.txt\n",
    )
    learn.add_argument(
        "pairs", nargs="+", metavar="ORIGINAL SPUN", help="files, in pairs: original, spun"
    )
    learn.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.tsv",
        help="the phrasebook to write (tab-separated, for --phrasebook; - for standard "
        "output); replaced if it exists, unless it is one of the pairs' files",
    )
    learn.add_argument(
        "--encoding", default="utf-8", help="of the original and spun files (default: utf-8)"
    )
    learn.add_argument(
        "--min-count",
        type=int,
        default=1,
        metavar="N",
        help="keep only mappings seen at least N times (default: 1); learned entries are "
        "vetted and weighed either way (see docs/phrasebooks.md)",
    )
    learn.set_defaults(run=_learn)

    report = sub.add_parser(
        "report",
        parents=[_file_options("repaired")],
        help="write an HTML page showing the edits",
        description="Write one self-contained HTML page (no external files: it opens\n"
        "offline and can be mailed): an index of the files, most spun first, then each\n"
        "file's text with every edit in place, its phrasebook entry, evidence and\n"
        "confidence on hover or focus, and the candidates that were declined.",
        formatter_class=raw,
        epilog="examples:\n  unspin report article.txt -o report.html\n"
        "  unspin report --glob '*.md' notes/ -o - > report.html\n\n"
        f"{exit_codes()}\n",
    )
    report.add_argument(
        "--threshold",
        type=float,
        default=Config().threshold,
        help=f"confidence an edit needs, in (0.5, 1] (default: {Config().threshold})",
    )
    report.add_argument("--spun-prior", **SPUN_PRIOR)
    report.add_argument("--short-spun", **SHORT_SPUN)
    report.add_argument(
        "-o", "--output", required=True, metavar="FILE.html", help="where to write; - for stdout"
    )
    report.set_defaults(run=_report, parser=report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    stdio.guard()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv and _stdin_is_input():
        argv = ["fix"]  # ``cat spun.txt | unspin``, as ftfy does
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "fix")  # ``unspin FILE...`` as before there were commands
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if getattr(args, "paths", None) == []:
        if not _stdin_is_input():
            args.parser.error("the following arguments are required: PATH")
        args.paths = ["-"]
    previous = _on_sigterm()
    try:
        status = args.run(args, parser)
        STDOUT.flush()
        return status
    except OutputError as exc:
        print(f"unspin: error: cannot write to stdout: {exc}", file=sys.stderr)
        stdio.silence_stdout()
        return 2
    except UsageError as exc:
        print(f"unspin: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nunspin: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        return 143
    except BrokenPipeError:
        # The reader of stdout went away (``unspin fix big.txt | head``): stop quietly.
        stdio.silence_stdout()
        return 141
    finally:
        for temp in list(AtomicFile.live):
            remove_temp(temp)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The ``unspin`` command: :func:`main`, then the process ends at once. A loaded
    phrasebook and language model are millions of objects, and freeing them one by one
    at the interpreter's exit cost a tiny file's run a seventh of its time (0.05 s);
    :func:`main` has closed its files, workers and temporary files by then."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 120  # what Python exits with when the flush fails
    os._exit(status)


class _Terminated(BaseException):
    pass


def _stdin_is_input() -> bool:
    """Whether stdin is something to read when no PATH is given: a pipe or a file (not a
    terminal, where a user would be left waiting, nor the null device of a job started
    without input)."""
    if sys.stdin is None:
        return False
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def _on_sigterm() -> object:
    """Turn SIGTERM into an exception, so that temporary files are removed on the way out."""

    def handler(signum: int, frame: object) -> None:
        raise _Terminated

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (main() called from a thread)
        return None


def _same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` name one existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_encoding(name: str, parser: argparse.ArgumentParser) -> str:
    """``name``'s codec name ("utf-8-sig" for "UTF-8-SIG"); a usage error unless it is a
    text encoding (not "rot13", "base64", "zlib": codecs between bytes, or between
    strings)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        parser.error(f"unknown encoding: {name}")
    if not getattr(info, "_is_text_encoding", True):
        parser.error(f"not a text encoding: {name}")
    return info.name


def _setup(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Repairer:
    """Check the options shared by fix and detect; the repairer they configure."""
    if check_encoding(args.encoding, parser) == "utf-8-sig":
        # Read as UTF-8, a BOM is a character of the text, written back where it was: the
        # utf-8-sig encoder would add one to every file that had none.
        args.encoding = "utf-8"
    if args.jobs < 0:
        parser.error("--jobs must be at least 1 (0: one per core)")
    if args.chunk_size < 64:
        parser.error("--chunk-size must be at least 64")
    if args.no_default_phrasebook and not args.phrasebook:
        parser.error("--no-default-phrasebook needs at least one --phrasebook")
    args.jobs = args.jobs or available_cpus()
    # A PDF is never rewritten: fix does not look for one (named, it is an error).
    args.glob = args.glob or [g for g in DEFAULT_GLOBS if args.command != "fix" or g != "*.pdf"]
    threshold = getattr(args, "threshold", Config().threshold)
    try:
        config = Config(
            threshold=threshold,
            spun_prior=getattr(args, "spun_prior", None),
            short_spun=getattr(args, "short_spun", Config().short_spun),
            phrasebooks=tuple(args.phrasebook),
            default_phrasebook=not args.no_default_phrasebook,
        )
        return Repairer(config)
    except (ValueError, OSError) as exc:  # PhrasebookError is a ValueError
        raise UsageError(str(exc)) from None


def _records(args: argparse.Namespace, parser: argparse.ArgumentParser, *, fix: bool) -> int:
    """``--field``: the inputs are record files (unspin.records)."""
    from . import records

    records.check_options(args, parser, fix)
    args.glob = args.glob or list(records.GLOBS)
    return records.run(args, _setup(args, parser), fix=fix)


def _fix(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.word and not args.diff:
        parser.error("--word shows a diff word by word: it needs --diff")
    if args.field is not None:
        return _records(args, parser, fix=True)
    started = time.perf_counter()
    writes = args.in_place or args.output_dir is not None
    if writes and "-" in args.paths:
        parser.error("stdin (-) can only be repaired to stdout")
    if not (writes or args.check or args.diff or args.explain):
        for path in args.paths:
            if path != "-" and os.path.isdir(path):
                parser.error(
                    f"{quote_name(path)} is a directory: add --in-place, --output-dir, "
                    "--check, --diff or --explain (its repaired files are not printed one "
                    "after another)"
                )
    repairer = _setup(args, parser)
    sources = find_sources(args.paths, args.glob, exclude=args.output_dir, leave_out=args.exclude)
    targets = _targets(sources, args)
    if targets is not None:
        sources = [s for s in sources if s.path in targets]
    if args.output_dir is not None:
        try:
            os.makedirs(args.output_dir, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"cannot create {quote_name(args.output_dir)}: {exc.strerror or exc}"
            ) from None
    reporter = Reporter(sources, quiet=args.quiet)
    runs = [FixRun(s, targets and targets[s.path], args, reporter) for s in sources]
    run_batch(runs, repairer, args, reporter)
    reporter.summary(started, check=args.check)
    if reporter.skipped:
        return 2
    return 1 if args.check and reporter.changed else 0


def _targets(sources: list[Source], args: argparse.Namespace) -> dict[str, str] | None:
    """Where each file is written (None without --in-place or --output-dir); a file named
    twice is written once; two inputs written to one place is a usage error, and so is
    --output-dir over an input."""
    if not (args.in_place or args.output_dir is not None):
        return None
    targets: dict[str, str] = {}
    seen: dict[str, str] = {}
    for source in sources:
        if args.in_place:
            target = os.path.realpath(source.path)  # a symlink's file, not the link
        else:
            target = os.path.join(args.output_dir, source.relative)
            if os.path.realpath(target) == os.path.realpath(source.path):
                raise UsageError(f"--output-dir would overwrite {source.shown}; use --in-place")
        key = os.path.realpath(target)
        if key in seen:
            if os.path.realpath(seen[key]) == os.path.realpath(source.path):
                continue  # the same file named twice: done once
            raise UsageError(
                f"{quote_name(seen[key])} and {source.shown} would both be written to "
                f"{quote_name(target)}"
            )
        seen[key] = source.path
        targets[source.path] = target
    return targets


_R = TypeVar("_R", bound=FileRun)


def _run_each(
    args: argparse.Namespace, parser: argparse.ArgumentParser, make_run: Callable[..., _R]
) -> tuple[list[_R], Reporter]:
    """Run ``make_run(source, args, reporter)`` on every source the arguments name."""
    repairer = _setup(args, parser)
    sources = find_sources(args.paths, args.glob, leave_out=args.exclude)
    reporter = Reporter(sources, quiet=args.quiet)
    runs = [make_run(s, args, reporter) for s in sources]
    run_batch(runs, repairer, args, reporter)
    return runs, reporter


def _detect(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.field is not None:
        return _records(args, parser, fix=False)
    if args.output_dir is not None:
        parser.error("--output-dir writes record files: it needs --field")
    started = time.perf_counter()
    runs, reporter = _run_each(args, parser, DetectRun)
    if args.sort:
        for run in sorted(runs, key=lambda r: (-r.score, r.source.name)):
            if run.done:
                run.report()
    reporter.summary(started, detect=True)
    return 2 if reporter.skipped else 0


def _learn(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if len(args.pairs) % 2:
        parser.error("files come in pairs: ORIGINAL SPUN [ORIGINAL SPUN ...]")
    if args.min_count < 1:
        parser.error(f"--min-count must be at least 1, got {args.min_count}")
    check_encoding(args.encoding, parser)
    if args.output != "-" and any(_same_file(args.output, path) for path in args.pairs):
        parser.error(f"-o {args.output} is one of the pairs' files: it would be overwritten")
    try:
        from . import learning
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.learning":
            raise
        raise UsageError("this version of unspin cannot learn (no unspin.learning)") from None
    texts: list[str] = []
    for path in args.pairs:
        try:
            with open(path, encoding=args.encoding, newline="") as f:
                texts.append(f.read())
        except (OSError, UnicodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc
            raise UsageError(f"{path}: {reason}") from None
    pairs = list(zip(texts[::2], texts[1::2], strict=True))
    entries = learning.learn(pairs, min_count=args.min_count)
    try:
        if args.output == "-":  # standard output, as report's -o - is
            sys.stdout.write(learning.phrasebook_text(entries))
            sys.stdout.flush()
        else:
            learning.write_phrasebook(entries, args.output)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UsageError(f"cannot write {args.output}: {reason}") from None
    where = "standard output" if args.output == "-" else args.output
    print(
        f"unspin: {len(entries)} entries from {len(pairs)} pair{'s' * (len(pairs) != 1)} "
        f"written to {where}",
        file=sys.stderr,
    )
    return 0


def _report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .reporting import ReportRun, render_report

    started = time.perf_counter()
    runs, reporter = _run_each(args, parser, ReportRun)
    page = render_report(
        [run.report() for run in runs if run.done],
        threshold=args.threshold,
        spun_prior=args.spun_prior,
        skipped=[(run.source.name, run.reason) for run in runs if run.failed],
    ).encode("utf-8")
    if args.output == "-":
        STDOUT.write(page)
        STDOUT.flush()  # a reader gone away (| head) is an error, as for fix
    else:
        try:
            out = AtomicFile(args.output, default_mode())
            out.write(page)
            out.commit()
        except OSError as exc:
            raise UsageError(
                f"cannot write {quote_name(args.output)}: {exc.strerror or exc}"
            ) from None
    reporter.summary(started)
    if not args.quiet and args.output != "-":
        print(f"unspin: report written to {quote_name(args.output)}", file=sys.stderr)
    return 2 if reporter.skipped else 0

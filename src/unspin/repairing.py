"""The public entry points: ``repair``, ``repair_and_explain`` and ``Repairer``."""

from __future__ import annotations

import math
import numbers
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from . import (
    books,
    choosing,
    collector,
    detecting,
    language_model,
    phrasebook,
    recurrence,
    streaming,
)
from .analysis import spin_rate, spin_sums
from .deciding import Decider, Decision, Evidence, plural_possessive
from .detecting import Detection
from .figures import spelled_digits
from .matching import Matcher
from .months import in_regions, spun_months
from .phrasebook import Entry
from .rules import key_prior
from .source_code import is_source_code

#: Texts longer than this (characters) are repaired a segment at a time, each with its
#: context (as the command line repairs a file): repair holds 200 to 300 bytes per
#: character of the text it works on, so a segment and its context take under 100 MB
#: beyond the loaded model, however long the text (see ``Repairer.explain``). 16 MB of
#: varied spun text in one ``repair()``: peak 450 MB at 1 << 18, 423 MB at 1 << 17
#: (413 MB with the segments kept as UTF-8), for about 8% more time.
SEGMENT_CHARS = 1 << 17

#: An edit: the span ``text[start:end]``, what it was, what it became, and why.
Edit = Decision


#: The confidence an edit needs by default (see Config).
DEFAULT_THRESHOLD = 0.65


class _ConfigFields(NamedTuple):
    threshold: float = DEFAULT_THRESHOLD
    phrasebooks: tuple[str | os.PathLike[str], ...] = ()
    default_phrasebook: bool = True
    lm_weight: float = 1.0
    open_vocabulary: bool | None = None
    short_spun: float = choosing.SHORT_SPUN
    spun_prior: float | None = None


class Config(_ConfigFields):
    """How cautious repair is, and which phrasebooks it uses.

    ``threshold`` is the posterior probability an edit needs, in (0.5, 1] (above 0.5, so
    that two overlapping edits can never both pass; 0.65 by default: with the book of 139
    real pages, 0.62-0.65 repaired more of the held-out real pages and of the development
    pairs than 0.6, with fewer false edits); a word at least ``max(0.85,
    threshold)`` surely spun gets its likeliest original from 0.4 (``unspin.choosing``).
    ``phrasebooks`` is a list or tuple of paths, added to the default phrasebook
    (``default_phrasebook=False`` leaves it out); a single path is refused (pass
    ``[path]``), since a string would otherwise be read letter by letter. ``lm_weight``
    (finite, not negative) scales the language model's log-probabilities.
    ``open_vocabulary`` says whether the books are partial (the spinner has keys and
    alternatives they do not list, so any common word may be a key); by default (``None``)
    they are when the default phrasebook is in use, and a user's own books alone are taken
    as the spinner's whole table. ``short_spun`` (in [0, 1], 0.9 by default) is how likely
    spun a short text (a sentence, a paragraph or two) must be for any edit in it: its
    spin probability rests on two or three word choices (``unspin.choosing.SHORT_SPUN``;
    0 leaves the threshold alone to decide, as before 2026-12-05).

    Every field is checked where the configuration is made (and by ``_replace``): a
    wrong type is a ``TypeError``, a value out of range a ``ValueError``, each naming the
    field. ``phrasebooks`` is stored as a tuple.
    """

    __slots__ = ()

    def __new__(
        cls,
        threshold: float = DEFAULT_THRESHOLD,
        phrasebooks: Iterable[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
        lm_weight: float = 1.0,
        open_vocabulary: bool | None = None,
        short_spun: float = choosing.SHORT_SPUN,
        spun_prior: float | None = None,
    ) -> Config:
        threshold = _real("threshold", threshold)
        if not 0.5 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0.5, 1], got {threshold}")
        lm_weight = _real("lm_weight", lm_weight)
        if not (math.isfinite(lm_weight) and lm_weight >= 0):
            raise ValueError(f"lm_weight must be finite and not negative, got {lm_weight}")
        if not isinstance(default_phrasebook, bool):
            raise TypeError(
                f"default_phrasebook must be True or False, got {default_phrasebook!r:.80}"
            )
        if open_vocabulary is not None and not isinstance(open_vocabulary, bool):
            raise TypeError(
                f"open_vocabulary must be None, True or False, got {open_vocabulary!r:.80}"
            )
        short_spun = _real("short_spun", short_spun)
        if not 0.0 <= short_spun <= 1.0:
            raise ValueError(f"short_spun must be in [0, 1], got {short_spun}")
        if spun_prior is not None:
            spun_prior = _real("spun_prior", spun_prior)
            if not 0.0 < spun_prior < 1.0:
                raise ValueError(f"spun_prior must be None or in (0, 1), got {spun_prior}")
        return super().__new__(
            cls,
            threshold,
            _paths(phrasebooks),
            default_phrasebook,
            lm_weight,
            open_vocabulary,
            short_spun,
            spun_prior,
        )

    @classmethod
    def _make(cls, iterable: Iterable[object]) -> Config:
        # namedtuple's own _make (and so _replace) builds the tuple without __new__.
        return cls(*iterable)  # type: ignore[arg-type]

    def _replace(self, **changes: object) -> Config:
        """A copy with ``changes``, checked as a new configuration is."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise ValueError(f"Config has no field {sorted(unknown)[0]!r}")
        return type(self)(**{**self._asdict(), **changes})  # type: ignore[arg-type]


def _real(name: str, value: object) -> float:
    """``value`` as a float if it is a real number (not a bool, a string or NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r:.80}")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} must be a number, got NaN")
    return number


def _paths(value: object) -> tuple[str | os.PathLike[str], ...]:
    """The phrasebook paths as a tuple, each a str or path-like."""
    if isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError(
            f"phrasebooks must be a list of paths, got the single path {value!r:.80}: "
            f"pass [{value!r:.80}]"
        )
    if not isinstance(value, Iterable):
        raise TypeError(f"phrasebooks must be a list of paths, got {type(value).__name__}")
    paths = tuple(value)
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(
                f"phrasebooks must be a list of paths, got an item {path!r:.80} "
                f"({type(path).__name__})"
            )
    return paths


class ExplainedText(NamedTuple):
    """A repaired text, the edits made, the document's spin rate, and what was declined."""

    text: str
    edits: list[Edit]
    spin_rate: float
    declined: list[Edit]


class Repairer:
    """A configured repairer. Phrasebooks are read and compiled on first use."""

    def __init__(self, config: Config | None = None) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a Config, got {type(config).__name__}")
        # Config checks its fields where it is made.
        self.config = config or Config()
        self._lock = threading.Lock()
        self._compiled: tuple[Matcher, Decider] | None = None
        self._book: books.Book | None = None
        # Read the user's phrasebooks now, so that a bad file fails at construction.
        self._user = [phrasebook.load(p) for p in self.config.phrasebooks]

    @property
    def entries(self) -> list[Entry]:
        """The phrasebook entries in use."""
        self._compile()
        assert self._book is not None
        return list(self._book.entries)

    def _compile(self) -> tuple[Matcher, Decider]:
        with self._lock:
            if self._compiled is None:
                # The default phrasebook is partial: the spinner has keys and
                # alternatives it does not list. A user's own books alone are taken
                # as the spinner's table.
                open_vocabulary = self.config.open_vocabulary
                if open_vocabulary is None:
                    open_vocabulary = self.config.default_phrasebook
                book = books.compiled(
                    self.config.default_phrasebook, self._user, open_vocabulary, _shared_model()
                )
                decider = Decider(
                    book.rules,
                    _shared_model(),
                    self.config.lm_weight,
                    key_prior if open_vocabulary else None,
                )
                self._book = book
                self._compiled = (book.matcher, decider)
            return self._compiled

    @collector.paused()  # the matches and the choice too, not only the analysis
    def explain(
        self, text: str, *, declined: bool = True, context: tuple[str, str] = ("", "")
    ) -> ExplainedText:
        """Repair ``text`` and say why: every edit made, and every candidate declined.

        With ``declined=False`` candidates that provably cannot reach the threshold are
        not scored (and not listed): the repaired text and edits are the same, faster.
        Either way the weak entries' candidates are scored only in regions the strong
        ones make at least a little suspect (``unspin.weighing.REPAIR_SCREEN``).
        ``context`` is the text before and after ``text`` in a longer one (a chunk of a
        file, cut at line breaks): read, never edited, so that ``text`` gets the edits
        a repair of the whole would make there (see ``unspin.streaming.with_context``).

        A text longer than :data:`SEGMENT_CHARS` is repaired a segment at a time, as the
        command line repairs a file (see :meth:`_segments`); its ``spin_rate`` is then
        that of the whole text's regions, each weighed in the segment where it starts.
        """
        _check(text, context)
        if len(text) <= SEGMENT_CHARS:
            return self._explain(text, declined, context)[0]
        parts: list[str] = []
        edits: list[Edit] = []
        not_made: list[Edit] = []
        spun = sites = 0.0
        for offset, _, ex, (spun_sites, n) in self._segments(text, declined, context):
            parts.append(ex.text)
            for found, into in ((ex.edits, edits), (ex.declined, not_made)):
                into.extend(d._replace(start=d.start + offset, end=d.end + offset) for d in found)
            spun += spun_sites
            sites += n
        return ExplainedText("".join(parts), edits, spun / sites if sites else 0.0, not_made)

    def repair(self, text: str) -> str:
        """The repaired text."""
        return self._repair_counted(text)[0]

    @collector.paused()
    def _repair_counted(self, text: str, context: tuple[str, str] = ("", "")) -> tuple[str, int]:
        """The repaired text and the number of edits made (``context``: as for
        :meth:`explain`), without keeping the edits: a long text in bounded memory."""
        if len(text) <= SEGMENT_CHARS:
            (_, repaired, count), *_ = self._pieces(text, context)
            return repaired, count
        # The segments are kept as UTF-8 until the end: a str with one character beyond
        # Latin-1 takes two or four bytes a character, UTF-8 about one for English (16 MB
        # of text with curly quotes: 32 MB of pieces as str, 16 as UTF-8). Lone surrogates
        # (a file read with errors="surrogateescape") pass through unchanged.
        parts: list[bytes] = []
        count = 0
        for _, repaired, n in self._pieces(text, context):
            parts.append(repaired.encode("utf-8", "surrogatepass"))
            count += n
        whole = b"".join(parts)
        del parts
        return whole.decode("utf-8", "surrogatepass"), count

    def _pieces(
        self, text: str, context: tuple[str, str] = ("", "")
    ) -> Iterator[tuple[str, str, int]]:
        """``text`` repaired a segment at a time, as :meth:`_repair_counted` repairs it
        (one piece for a text of at most :data:`SEGMENT_CHARS`): each segment as it was,
        as repaired, and the number of edits made in it. A caller can put each piece
        away before the next is repaired (see :mod:`unspin.long_records`)."""
        _check(text, context)
        for _, segment, ex, _ in self._segments(text, False, context):
            yield segment, ex.text, len(ex.edits)

    def _segments(
        self, text: str, declined: bool, context: tuple[str, str]
    ) -> Iterator[tuple[int, str, ExplainedText, tuple[float, int]]]:
        """``text`` repaired in segments of at most :data:`SEGMENT_CHARS` characters, cut
        and given context as the command line cuts a file and gives its chunks context
        (:func:`unspin.streaming.segments`; a shorter text is one segment, with
        ``context`` as given): each segment's offset in ``text``, the segment, its
        explanation (spans in the segment) and its regions' spin (see :meth:`_explain`).
        The collector is paused while a segment is analysed, not while the caller holds
        the generator.

        Edits and confidences are those of the text in one piece, as the command line's
        are, but for one case: a run of touching candidates thousands of words long (a
        line of "12 months 12 months ...") is cut into lattices from where it starts,
        which the context of a segment far into it does not reach (on 1 MB of "12
        months" the edits were the same, none, and some declined confidences not)."""
        if len(text) <= SEGMENT_CHARS:
            cuts: Iterable[tuple[int, str, str, str]] = [(0, context[0], text, context[1])]
        else:
            cuts = streaming.segments(text, SEGMENT_CHARS, context)
        for offset, before, segment, after in cuts:
            with collector.paused():
                ex, spin = self._explain(segment, declined, (before, after))
            yield offset, segment, ex, spin

    def _explain(
        self, text: str, declined: bool, context: tuple[str, str]
    ) -> tuple[ExplainedText, tuple[float, int]]:
        """:meth:`explain` of a text in one piece, and the spin of the regions that start
        in ``text`` (not in its context): the sum of their sites' expected spin rates, and
        their sites (no candidate at all: none)."""
        if not text:
            return ExplainedText(text, [], 0.0, []), (0.0, 0)
        before, after = context
        whole = before + text + after if before or after else text
        if is_source_code(whole):  # a program's docstrings are no spinner's prose
            return ExplainedText(text, [], 0.0, []), (0.0, 0)
        matcher, decider = self._compile()
        matches, keys = matcher.find(whole)
        figures = spelled_digits(text)
        if not matches:
            edits, _ = choosing.choose(figures, self.config.threshold)
            return ExplainedText(apply_edits(text, edits), edits, 0.0, []), (0.0, 0)
        # No edit is made in a region less likely spun than the threshold, and candidates
        # under choosing.FLOOR play no part in choosing (see unspin.choosing).
        prune = None if declined else self.config.threshold
        floor = None if declined else choosing.FLOOR
        decisions, regions = decider.decide(
            whole, matches, keys, prune_below=prune, floor=floor, told=self.config.spun_prior
        )
        # Before the context is cut away: a name's edit there counts for the same name here.
        region_starts = [r.start for r in regions]
        decisions = choosing.one_entity(decisions, region_starts)
        decisions = choosing.same_names(decisions, self.config.threshold, region_starts)
        decisions = recurrence.recurring(
            decisions, self.config.threshold, region_starts, whole, choosing.FLOOR
        )
        decisions = choosing.agreeing(decisions, self.config.threshold)
        decisions = choosing.named_openings(decisions, self.config.threshold, region_starts)
        lo, hi = len(before), len(before) + len(text)
        if before or after:
            decisions = [
                d._replace(start=d.start - lo, end=d.end - lo)
                for d in decisions
                if lo <= d.start and d.end <= hi
            ]
        # Found by pattern: figures spelled out, and the month May as a modal (as surely as
        # its region was spun).
        patterned = figures + in_regions(spun_months(text), regions, lo)
        if patterned:
            decisions = sorted(decisions + patterned, key=lambda d: (d.start, -d.confidence))
        edits, not_made = choosing.choose(decisions, self.config.threshold, self.config.short_spun)
        edits = [plural_possessive(text, e) for e in edits]
        spin = spin_sums([r for r in regions if lo <= r.start < hi])
        return ExplainedText(apply_edits(text, edits), edits, spin_rate(regions), not_made), spin

    def detect(
        self, text: str, *, threshold: float = detecting.THRESHOLD, paragraphs: bool = True
    ) -> Detection:
        """Whether ``text`` was spun: see :func:`unspin.detect`."""
        return detecting.detect_with(self, text, threshold=threshold, paragraphs=paragraphs)


def _check(text: object, context: tuple[object, object]) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    before, after = context
    if not isinstance(before, str) or not isinstance(after, str):
        raise TypeError("context must be two strings: the text before and after")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Replace each edit's span; everything between edits is copied as it is."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


_model_lock = threading.Lock()
_model: language_model.LanguageModel | None = None
_default: Repairer | None = None


def _shared_model() -> language_model.LanguageModel:
    global _model
    with _model_lock:
        if _model is None:
            _model = language_model.load_default()
        return _model


def default_repairer() -> Repairer:
    """The process-wide repairer with the default configuration."""
    global _default
    with _model_lock:
        if _default is None:
            _default = Repairer()
        return _default


#: Repairers of other configurations that :func:`configured` keeps, the latest used last.
CONFIGURED = 8
_configured: OrderedDict[tuple, Repairer] = OrderedDict()


def configured(config: Config | None = None, **settings: object) -> Repairer:
    """The repairer for ``config`` (by default :class:`Config`'s defaults) with
    ``settings`` replacing its fields, as ftfy's ``fix_text(text, config, **kwargs)``
    reads them: the process-wide default repairer where that is the configuration, and
    the last :data:`CONFIGURED` others kept, so that calls with the same settings compile
    nothing again. A user's phrasebook is read again once its file has changed."""
    if config is None and not settings:  # repair(text): no configuration to make
        return default_repairer()
    if config is not None and not isinstance(config, Config):
        raise TypeError(f"config must be a Config, got {type(config).__name__}")
    unknown = set(settings) - set(Config._fields)
    if unknown:
        raise TypeError(
            f"unexpected setting {sorted(unknown)[0]!r}; a Config's fields are "
            + ", ".join(Config._fields)
        )
    config = config or Config()
    if settings:
        config = config._replace(**settings)
    if config == Config():
        return default_repairer()
    key = (config, tuple(_stamp(path) for path in config.phrasebooks))
    with _model_lock:
        repairer = _configured.get(key)
        if repairer is not None:
            _configured.move_to_end(key)
            return repairer
    repairer = Repairer(config)  # outside the lock: a bad phrasebook raises here
    with _model_lock:
        _configured[key] = repairer
        while len(_configured) > CONFIGURED:
            _configured.popitem(last=False)
    return repairer


def _stamp(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    """Which version of a phrasebook file a repairer read: its path, time and size."""
    try:
        stat = os.stat(path)
    except OSError:  # Repairer says what is wrong with it
        return os.fspath(path), -1, -1
    return os.fspath(path), stat.st_mtime_ns, stat.st_size


def repair(text: str, config: Config | None = None, **settings: object) -> str:
    """Undo an article spinner's synonym substitutions in ``text``.

    Clean text comes back unchanged; only confident edits are made, and everything
    outside an edited span is preserved exactly. ``config`` and ``settings`` (any of
    :class:`Config`'s fields, replacing the config's: ``repair(text, spun_prior=0.9)``)
    choose how (:func:`configured`).
    """
    return configured(config, **settings).repair(text)


def detect(
    text: str,
    *,
    threshold: float = detecting.THRESHOLD,
    paragraphs: bool = True,
    config: Config | None = None,
) -> Detection:
    """The probability that ``text`` was machine-spun, and the evidence.

    Returns a :class:`Detection`: ``score`` in [0, 1], ``spun`` (score at or above
    ``threshold``), the estimated ``spin_rate``, the spun phrases found (``evidence``,
    strongest first), for a text of several paragraphs a score per paragraph (unless
    ``paragraphs`` is false: faster), and a ``reason`` when the score says little (a
    text with too little English prose, such as code, data or another language, scores
    near 0). ``config``: the phrasebooks and the prior of the repairer that scores it
    (its ``threshold`` is repair's, not this one).
    """
    return configured(config).detect(text, threshold=threshold, paragraphs=paragraphs)


def repair_and_explain(
    text: str, config: Config | None = None, **settings: object
) -> ExplainedText:
    """Like :func:`repair`, and also return every edit with its confidence and evidence."""
    return configured(config, **settings).explain(text)


__all__ = [
    "Config",
    "Detection",
    "Edit",
    "Evidence",
    "ExplainedText",
    "Repairer",
    "apply_edits",
    "detect",
    "repair",
    "repair_and_explain",
]

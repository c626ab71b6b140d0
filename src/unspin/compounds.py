"""wordfreq's reading of a plain word of several tokens, without importing wordfreq.

Most lines of real text hold a word the frequency table does not list: a figure
("2025", "18th"), a hyphenated word ("low-cost", "5-4", "8-year-old") or a possessive
("radisson's", "employees'"). wordfreq splits such a word into tokens, looks each up in
its list (a figure with its digits as zeros, times an estimate of that figure), and
combines them. Importing wordfreq for that took a tenth of a second of a short run.

For words of ASCII lowercase letters and digits joined by hyphens, and possessives of
lowercase words, the tokens are plain (the hyphens split, the possessive's "'s" stays,
a final apostrophe goes) and the figure estimates are wordfreq 3's (``wordfreq.numbers``,
"Copyright 2022 Robyn Speer", Apache License 2.0; its constants and formulas are
restated here): they are computed here.
:mod:`unspin.frequencies` checks them against the installed wordfreq whenever it builds
its table, and asks wordfreq itself if they differ (another version) or for any other
word.
"""

from __future__ import annotations

import math
import re

_JOINED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_POSSESSIVE = re.compile(r"[a-z]+(?:'s|s')\Z")
# wordfreq's MULTI_DIGIT_RE (r"\d[\d.,]+") on tokens of letters and digits only.
_DIGIT_RUN = re.compile(r"[0-9]{2,}")
# wordfreq.numbers: Benford's law with a share for leading zeros, and the years.
_DIGIT_FREQS = [0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045]
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR_PROB = 0.1
_REFERENCE_YEAR = 2019
_PLATEAU_WIDTH = 20


def tokens(word: str) -> list[str] | None:
    """wordfreq's tokens of ``word`` if it is plain (see the module docstring), else None."""
    if _JOINED.match(word):
        return word.split("-")
    if _POSSESSIVE.match(word):
        return [word.rstrip("'")]
    return None


def smashed(token: str) -> str:
    """``token`` with each run of two digits or more as zeros (its entry in the list)."""
    return _DIGIT_RUN.sub(lambda m: "0" * len(m.group()), token)


def figure_share(token: str) -> float:
    """How often ``token``'s figures are these among all figures of their length."""
    share = 1.0
    for run in _DIGIT_RUN.findall(token):
        share *= _year(run) if len(run) == 4 else _benford(run)
    return share


def _benford(text: str) -> float:
    return _DIGIT_FREQS[int(text[0])] / 10 ** (len(text) - 1)


def _year(text: str) -> float:
    year = int(text)
    if year <= _REFERENCE_YEAR:
        year_log_freq = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif _REFERENCE_YEAR < year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        year_log_freq = _YEAR_LOG_PEAK
    else:
        year_log_freq = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    return 10.0**year_log_freq + _NOT_YEAR_PROB * _benford(text)


def band_frequency(band: int) -> float:
    """The frequency of a word ``band`` centibels below 1 (wordfreq's ``cB_to_freq``)."""
    return 10 ** (-band / 100)


def rounded(found: float | None, minimum: float) -> float:
    """wordfreq's answer for a combined frequency ``found`` (None: no token, or one its
    list does not hold): at least ``minimum``, to three significant digits."""
    if found is None:
        return minimum
    unrounded = max(found, minimum)
    if unrounded == 0.0:
        return 0.0
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


def zipf(frequency: float) -> float:
    """wordfreq's ``freq_to_zipf``."""
    return math.log(frequency, 10) + 9


#: wordfreq's ``zipf_to_freq(0)``: the floor of a Zipf frequency.
ZIPF_FLOOR = 10**0 / 1e9

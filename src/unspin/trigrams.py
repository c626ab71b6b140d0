"""CMU Sphinx's trigram model, read through ``pocketsphinx``: what a word's second word of
context changes in its probability.

The model is ``en-us.lm.bin``, CMU Sphinx's generic US English model (72,547 words,
2,051,547 bigrams, 1,669,625 trigrams; BSD-2-Clause, Carnegie Mellon University), as the
``pocketsphinx`` wheels on PyPI ship it (5.0.4 and 5.1.1 alike: 27,114,385 bytes, md5
``574e3e017b3451d571a81c86f26128b7``). Its unigrams and bigrams are already in unspin's
own bigram model (``data/backoff.bin``); this module adds what only the trigrams know:
``log P(w | h2 h1) - log P(w | h1)``. "a day earlier than you" loses 7.4 nats to "a day
before you" with bigrams, 5.7 with this correction ("day earlier" and "earlier than" are
scored apart, "earlier than" after "day" is not).

pocketsphinx reads the file in a few hundredths of a second, when a correction is first
asked; it is a dependency of unspin where PyPI has a wheel of it (Python 3.11-3.13).
Where it is not installed, :func:`load` gives None (with a warning) and the model stays a
bigram model.
"""

from __future__ import annotations

import importlib.util
import math
import threading
import warnings
from functools import lru_cache
from pathlib import Path

#: pocketsphinx's log base is 1.0001.
LOG_UNIT = math.log(1.0001)


class Trigrams:
    """The trigram correction of the model at ``path`` (``correction``, cached). The
    model is read when it is first asked: a text with no spin worth weighing (no
    candidate, or only ones pruned before the language model) never needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._model = None
        # The trie's scoring keeps a history cache of its own: one query at a time.
        self._lock = threading.Lock()
        self.correction = lru_cache(maxsize=1 << 16)(self._correction)

    def _correction(self, h2: str, h1: str, word: str) -> float:
        """``log P(word | h2 h1) - log P(word | h1)`` (natural log): 0 where the model
        has no trigram and no backoff weight for ``h2 h1``, or does not know a word.
        ``h2`` may be ``<s>``, ``word`` ``</s>``."""
        if "us" in (h2, h1, word):
            # Its lowercase "us" is the pronoun only; a folded "US" is as often the country.
            return 0.0
        try:
            with self._lock:
                model = self._model
                if model is None:
                    import pocketsphinx

                    model = self._model = pocketsphinx.NGramModel.readfile(str(self.path))
                tri = model.prob([word, h1, h2])
                bi = model.prob([word, h1])
        except UnicodeError:  # a lone surrogate: no word the model knows
            return 0.0
        return (tri - bi) * LOG_UNIT


def model_path() -> Path | None:
    """Where the installed pocketsphinx keeps ``en-us.lm.bin`` (None without it), found
    without importing it."""
    try:
        spec = importlib.util.find_spec("pocketsphinx")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "model" / "en-us" / "en-us.lm.bin"
    return path if path.is_file() else None


def load() -> Trigrams | None:
    """The installed model's trigrams (read when first asked), or None (with a warning)
    if pocketsphinx or its model is missing."""
    path = model_path()
    if path is None:
        warnings.warn(
            "pocketsphinx or its en-us model is not installed: unspin decides without"
            " trigrams (pip install 'pocketsphinx>=5,<6')",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return Trigrams(path)

"""The decisions' calibration with a partial phrasebook: log-odds added to a spin by its
entry's prior.

The model alone is under-confident on real spun pages for the book's strong entries (a
bigram model cannot see that a politics article says "officials", not "officers": of the
candidates it gave 0.3-0.5, most were right) and over-confident for its weakest ones, the
broad synonym pairs (PPDB, WordNet) whose prior is small: their edits above 0.6 were
right in fewer than half of the cases on held-out real pages, and in none on the
development pairs. Fitted by cross-validation over 20 real pages of the spinner family
(one half's observed mappings in the book, the other half measured) with the development
pairs and every clean text held at zero edits. A book of the spinner's own table (a
closed vocabulary) needs none: the scale is 0 there.
"""

from __future__ import annotations

#: Log-odds per unit of prior: 2 for a certain entry.
BIAS = 2.0
#: Log-odds for every spin, whatever its prior.
BASE = 0.25
#: Entries under this prior lose up to WEAK_PENALTY log-odds, linearly to a prior of 0.
WEAK_PRIOR = 0.3
WEAK_PENALTY = 4.0
#: The share of the decision's calibration (``bias``) that the evidence about a
#: region's rate gets as well.
EVIDENCE_BIAS = 0.25
#: An entry whose spun side writers use themselves on the spinner's pages (its ``own``
#: share, :mod:`unspin.phrasebook`) is calibrated in the decisions as if its prior were
#: ``prior * (1 - own) ** OWN_WEIGHT``; the evidence about the rate keeps the prior.
#: Measured with the shares of 42 real pages of the family in the default book (those
#: of spun sides kept three times or more), on pages it never saw (20 and 36 pages, and
#: light copies of the 36 at 15/30/60% of their substitutions): OWN_WEIGHT 0.5 raised
#: every figure (0.5676 -> 0.5735, 0.6384 -> 0.6434; 0.099/0.307/0.504 ->
#: 0.104/0.313/0.512) and cut false edits on the 36 pages from 150 to 116; 1.0 raised
#: the 20 pages more (0.5776) and the lightest copies less (0.0986). Lowering the
#: evidence too (the prior itself) cost the lightest copies what the decisions gained
#: (0.0971 at 0.5). With the shares of every spun side kept at least once (shipped), 0.5
#: against 0.35 / 0.75: the 36 pages 0.6431 against 0.6431 / 0.6456, the 20 pages 0.5740
#: against 0.5746 / 0.5770, their light copies 0.107/0.318/0.513 against
#: 0.108/0.315/0.511 / 0.102/0.315/0.510.
#: 1 since 2026-12-06 (the prior times the share of the spun side's occurrences that
#: were spins): at 0.5 such entries were over-confident on pages the book never saw. Of
#: the 99 edits of entries with ``own`` 0.5 or more on 34 held-out real pages, 30 changed
#: the writer's own word, at a mean confidence of 0.81 ("retailer" -> "store" 7 of 8, in
#: retail news). At 1 (pruning at 0.5, below), against 0.5: those pages 0.6097 either
#: way with false edits 89 -> 77; their light copies at 15/30/60% of their spins
#: 0.063/0.207/0.466 -> 0.064/0.208/0.464, false edits 27/146/312 -> 26/138/294; the
#: simulated benchmark 0.519 -> 0.524 (false or wrong edits 296 -> 277); the development
#: pairs 0.853 -> 0.852. At 1.5 the pages' false edits fell to 64, the development pairs
#: to 0.852, at 2 to 0.847 (under their floor of 0.85).
OWN_WEIGHT = 1.0
#: The same for the pruning before the language model is asked (``unspin.lattice``),
#: kept at the weight the clean sets were held at zero edits with. A spin pruned gives
#: the rate no evidence and leaves its word counted as one of the spinner's keys it left
#: alone (evidence against spinning), so the pruning moves the evidence: pruned at the
#: decisions' weight of 1, "on" -> "at" (``own`` 0.88) fell out of "Recent work on
#: clever grid has attracted wide attention.", whose odds of being spun went 0.91 ->
#: 0.45, and 23 of the 500 sites of the tortured-phrase benchmark were left; pruned at
#: the prior alone (no lean), more spins weighed in and more clean text was edited (a
#: negative case, a book paragraph alone and two dense written texts whole).
PRUNING_OWN_WEIGHT = 0.5


#: The prior a certain entry (prior 1: a user's book without a prior column, the
#: spinner's table as the user has it) is calibrated at in the decisions: that of the
#: book's entries written from knowledge of the family (source ``family``), not of those
#: measured on its real pages (0.9-0.95), whose calibration was fitted. Added to the
#: default book, a table's certain entries replace the default's measured priors for the
#: same pairs and were the surest of all. Measured with the oracle benchmark's tables
#: added to the default book (curated / WordNet) against 1: of 2,350 clean documents
#: and their 12,122 sentences (hard negatives, abstracts, clean pages, the negative
#: cases), documents edited 61 -> 26 / 27 -> 13, sentences 70 -> 41 / 54 -> 30; the
#: tables' spun texts in full 0.830 -> 0.834 / 0.835 -> 0.826, light 0.490 -> 0.510 /
#: 0.472 -> 0.499. At 0.3 (the certain entries' calibration alone), 16 and 9 documents,
#: 23 and 24 sentences, for 0.815 and 0.807 in full. A closed book has no calibration
#: (scale 0), and the default book no certain entry.
CERTAIN_AS = 0.6


def calibrated_prior(prior: float, entry_prior: float) -> float:
    """The prior a rule of ``prior`` (``unspin.rules.rule_prior``) is calibrated at: its
    :data:`CERTAIN_AS` share if its entry's prior, ``entry_prior``, is certain."""
    return prior * CERTAIN_AS if entry_prior >= 1.0 else prior


def log_odds(scale: float, prior: float) -> float:
    """What a spin of an entry with ``prior`` adds to its log-odds; ``scale`` is 1 with
    a partial phrasebook (an open vocabulary), 0 with the spinner's own table."""
    if not scale:
        return 0.0
    weak = max(0.0, 1.0 - prior / WEAK_PRIOR)
    return scale * (BIAS * prior + BASE - WEAK_PENALTY * weak)


def decision_prior(prior: float, own: float, weight: float | None = None) -> float:
    """The prior an entry's spins are calibrated at in the decisions (:data:`OWN_WEIGHT`),
    or at another ``weight`` of its own share (:data:`PRUNING_OWN_WEIGHT`)."""
    if not own:
        return prior
    return prior * (1.0 - own) ** (OWN_WEIGHT if weight is None else weight)

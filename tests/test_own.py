"""An entry's own share: how often writers use its spun side themselves weighs its spins
down in the decisions, not in the evidence about the spin rate."""

from __future__ import annotations

import math
import sys

import pytest
from support import ROOT

from unspin import Config, Repairer, phrasebook
from unspin.calibration import OWN_WEIGHT, decision_prior

sys.path.insert(0, str(ROOT / "scripts"))

import derive_own

# Its module's fixtures are built once: the whole file runs in one process.
pytestmark = pytest.mark.xdist_group("own")

TEXT = (
    "The retailer mentioned on Tuesday that gross sales fell within the third quarter, as "
    "shoppers in the Center East pulled again on spending and the corporate lower its "
    "outlook for the 12 months."
)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """One folder for the file's books: a book met again at the same path is not
    compiled again (2-3 s each)."""
    return tmp_path_factory.mktemp("books")


def _repairer(folder, own: str) -> Repairer:
    path = folder / f"book-{own}.tsv"
    path.write_text(
        f"spun\toriginal\tsource\tprior\town\nretailer\tshop\tmine\t0.9\t{own}\n",
        encoding="utf-8",
    )
    return Repairer(Config(phrasebooks=(path,)))


def _retailer(result) -> float:
    (found,) = [
        e for e in (*result.edits, *result.declined) if (e.before, e.after) == ("retailer", "shop")
    ]
    return found.confidence


def test_a_book_reads_its_own_column(tmp_path):
    path = tmp_path / "b.tsv"
    path.write_text(
        "spun\toriginal\tsource\tprior\town\nretailer\tstore\tme\t0.9\t0.25\n", encoding="utf-8"
    )
    (entry,) = phrasebook.load(path)
    assert (entry.prior, entry.own) == (0.9, 0.25)
    path.write_text("spun\toriginal\tsource\tprior\nretailer\tstore\tme\t0.9\n", encoding="utf-8")
    assert phrasebook.load(path)[0].own == 0.0


def test_own_weighs_the_decision_not_the_rate(books):
    alone = _repairer(books, "0").explain(TEXT)
    shared = _repairer(books, "0.6").explain(TEXT)
    assert _retailer(shared) < _retailer(alone) - 0.05
    assert shared.spin_rate == pytest.approx(alone.spin_rate, abs=1e-9)
    # The other edits stay (their confidences move a little where they are decoded
    # jointly with the retailer's).
    assert [(e.start, e.after) for e in alone.edits if e.before != "retailer"] == [
        (e.start, e.after) for e in shared.edits if e.before != "retailer"
    ]


def test_the_decisions_own_weight_moves_no_evidence(books, monkeypatch):
    # OWN_WEIGHT weighs an entry's spins in the decisions only: the rate's evidence and
    # the pruning before the language model keep their weights (unspin.calibration),
    # so detection and the spin rate read the same text alike at any such weight.
    from unspin import calibration

    seen = {}
    for weight in (0.5, 2.0):
        monkeypatch.setattr(calibration, "OWN_WEIGHT", weight)
        repairer = _repairer(books, "0.6")
        seen[weight] = repairer.explain(TEXT), repairer.detect(TEXT).score
    (low, low_score), (high, high_score) = seen[0.5], seen[2.0]
    assert _retailer(high) < _retailer(low) - 0.05
    assert high.spin_rate == pytest.approx(low.spin_rate, abs=1e-9)
    assert high_score == pytest.approx(low_score, abs=1e-9)


def test_an_entry_that_replaces_a_shipped_one_keeps_its_own_share(tmp_path):
    path = tmp_path / "b.tsv"
    path.write_text("spun\toriginal\tsource\tprior\nretailer\tstore\tme\t0.5\n", encoding="utf-8")
    (shipped,) = [
        e for e in phrasebook.load_default() if (e.spun, e.original) == ("retailer", "store")
    ]
    (mine,) = [
        e
        for e in Repairer(Config(phrasebooks=(path,))).entries
        if e.key == "retailer" and e.source == "me"
    ]
    assert (mine.prior, mine.own) == (0.5, shipped.own) and shipped.own > 0.0


def test_a_written_book_keeps_its_own_shares(tmp_path):
    from unspin.learning import write_phrasebook

    entries = [e for e in phrasebook.load_default() if e.own][:3]
    path = tmp_path / "w.tsv"
    write_phrasebook(entries, path)
    back = phrasebook.load(path)
    assert [(e.spun, e.original, e.prior, e.own) for e in back] == [
        (e.spun, e.original, e.prior, e.own) for e in entries
    ]


def test_decision_prior():
    assert decision_prior(0.9, 0.0) == 0.9
    assert decision_prior(0.9, 0.75) == pytest.approx(0.9 * 0.25**OWN_WEIGHT)
    assert decision_prior(0.9, 0.5) < decision_prior(0.9, 0.2) < 0.9


def test_the_default_book_has_own_shares_for_the_familys_entries_only():
    entries = phrasebook.load_default()
    shared = [e for e in entries if e.own]
    assert shared and all(0.0 < e.own < 1.0 for e in shared)
    assert {e.source for e in shared} <= derive_own.SOURCES
    # Retail pages say "retailer" as often as the spinner writes it for "store".
    own = {(e.spun, e.original): e.own for e in entries}
    assert own["retailer", "store"] > 0.3
    assert own["center east", "Middle East"] == 0.0


def _page(folder, name: str, spun: str, original: str) -> None:
    (folder / f"{name}.spun.txt").write_text(spun, encoding="utf-8")
    (folder / f"{name}.orig.txt").write_text(original, encoding="utf-8")


def test_derive_own_counts_kept_and_spun_occurrences(tmp_path):
    book = tmp_path / "book.tsv"
    book.write_text(
        "spun\toriginal\tsource\tprior\n"
        "retailer\tstore\tobserved\t0.9\n"
        "12 months\tyear\tseed\t0.95\n"
        "shoppers\tconsumers\tbroad\t0.1\n"  # not a family source: not counted
        "{retailer}\tstore\tseed\t0.95\n",  # not its words alone: not counted
        encoding="utf-8",
    )
    _page(
        tmp_path,
        "a",
        "The retailer said the Retailer’s 12 months was good; the retailer opened a retailer, "
        "and the retailer grew.",
        "The retailer said the retailer’s year was good; the retailer opened a store, and the "
        "retailer grew.",
    )
    _page(tmp_path, "b", "Shoppers liked the retailer.", "Shoppers liked the store.")
    counts = derive_own.count(derive_own.read_pages([tmp_path]), book)
    assert counts == {("retailer", "store"): (3, 2), ("12 months", "year"): (0, 1)}
    assert derive_own.own_share(3, 2) == pytest.approx(0.5)
    assert derive_own.own_share(0, 5) == 0.0
    assert derive_own.own_share(1, 0) == pytest.approx(0.5)  # one alone says little
    assert math.isclose(derive_own.own_share(9, 0), 0.9)

"""Company names as the spinner's word swaps render them (source ``name``): how the
renderings are made and vetted (scripts/spun_names.py), and what repair does with them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import spun_names

import unspin
from unspin.cues import capitals_lost, in_running_text, writes_a_generic_name_word

MAPS = spun_names.mappings(
    [
        ("selection", "choice", 0.3),
        ("alternative", "choice", 0.6),
        ("motels", "hotels", 0.6),
        ("greenback", "dollar", 0.9),
        ("common", "general", 0.9),
        ("monetary", "financial", 0.9),
        ("Hotels", "inns", 0.9),  # a capital on the spun side: still a swap
        ("inns", "Hotels", 0.9),  # a capitalised original is no word's swap
    ]
)


def test_mappings_read_the_book_backwards_the_likeliest_first():
    assert MAPS["choice"] == [("alternative", 0.6), ("selection", 0.3)]
    assert "Hotels" not in MAPS and "inns" in MAPS


def test_every_combination_of_swaps_is_a_rendering_but_the_name_itself():
    found = {text for text, _, _ in spun_names.renderings("Choice Hotels", MAPS)}
    assert found == {
        "Alternative Hotels", "Selection Hotels", "Choice Motels",
        "Alternative Motels", "Selection Motels",
    }  # fmt: skip
    best, prior, swapped = spun_names.renderings("Choice Hotels", MAPS)[0]
    # The likeliest first: a swap's prior times the others' (a word left as it is, 1).
    assert (best, prior, swapped) == ("Alternative Hotels", 0.6, [True, False])
    # "&" is no word and has no swaps.
    assert all(" & " in t for t, _, _ in spun_names.renderings("Dollar & General", MAPS))


def test_only_renderings_no_one_writes_are_kept():
    names = ["Choice Hotels", "Dollar General", "Metropolitan Financial", "Alternative Hotels"]
    names += [f"Placeholder{k} Financial" for k in range(spun_names.NAME_WORD)]
    written = {("selection", "hotels"), ("dollar", "common")}

    def attested(a: str, b: str) -> bool:
        return (a, b) in written

    kept = dict(spun_names.spun_names(names, MAPS, attested, taken={"choice motels"}))
    # A pair people write with the swap in it is no evidence; the other pair of the
    # rendering may be.
    assert "Selection Hotels" not in kept and kept["Selection Motels"] == "Choice Hotels"
    assert "Dollar Common" not in kept and kept["Greenback Common"] == "Dollar General"
    # Another listed name, a spun side the book has, and a name word swapped for a word
    # common in company names ("Monetary" is not; "Financial" is, in five names here).
    assert "Alternative Hotels" not in kept and "Choice Motels" not in kept
    assert kept["Metropolitan Monetary"] == "Metropolitan Financial"


def test_a_spun_company_name_is_repaired_and_the_real_one_left_alone():
    spun = (
        "Shares of Greenback Common tumbled 12% after the low cost retailer minimize its outlook."
    )
    result = unspin.repair_and_explain(spun)
    (name,) = [e for e in result.edits if e.entry.source == "name"]
    assert (name.before, name.after) == ("Greenback Common", "Dollar General")
    assert result.text.startswith("Shares of Dollar General tumbled")
    clean = "Shares of Dollar General tumbled 12% after the discount store cut its outlook."
    assert unspin.repair(clean) == clean
    # Lowercase, a rendering's words are ordinary prose ("past meat" for "Beyond Meat").
    prose = "Prices for past meat shipments were revised, the report said."
    assert unspin.repair(prose) == prose


def test_a_place_named_with_ordinary_words_keeps_a_word_of_its_own():
    maps = spun_names.mappings([("prime", "high", 0.9), ("metropolis", "city", 0.9)])
    proper = {"panama"}.__contains__

    def attested(a: str, b: str) -> bool:
        return False

    kept = dict(
        spun_names.spun_names(["High Peak", "Panama City"], maps, attested, set(), proper=proper)
    )
    # "Prime Peak" keeps no word of its own: a Title Case headline may hold it.
    assert kept == {"Panama Metropolis": "Panama City"}
    # Another place's name is no rendering ("Stone Hill" for "Rock Hill").
    others = frozenset({"panama metropolis"})
    assert spun_names.spun_names(["Panama City"], maps, attested, set(), others, proper) == []


@pytest.mark.parametrize(
    ("spun", "rendering", "name", "plain"),
    [
        (
            "He moved to Panama Metropolis final 12 months and purchased a house there.",
            "Panama Metropolis",
            "Panama City",
            # A headline of ordinary words is no place's rendering.
            "Prime Peak Season Begins as Travelers Flock to the Coast",
        ),
        (
            # The family renders titles as it renders names ("The Strolling Lifeless" on
            # a real page, benchmarks/data/REAL_PAGES.md 491): titles.txt, rendered as
            # institutions are.
            "Viewers waited years for the last season of The Strolling Lifeless, which ended.",
            "Strolling Lifeless",
            "Walking Dead",
            # A rendering people write ("Home of the Dragon" for "House of the Dragon").
            "Critics said Home of the Dragon had a stronger second season than expected.",
        ),
        (
            # People whose names hold ordinary words (people.txt): "Cook" -> "Prepare
            # dinner", as the family's swap writes it.
            "Apple chief Tim Prepare dinner mentioned the corporate would open extra shops.",
            "Tim Prepare dinner",
            "Tim Cook",
            # The same words with no name's capitals.
            "Let Tim prepare dinner tonight while the others set the table for eight.",
        ),
    ],
)
def test_a_spun_place_or_title_is_repaired_and_ordinary_words_left_alone(
    spun: str, rendering: str, name: str, plain: str
) -> None:
    result = unspin.repair_and_explain(spun)
    assert [(e.before, e.after) for e in result.edits if e.entry.source == "name"] == [
        (rendering, name)
    ]
    assert unspin.repair(plain) == plain


def test_spun_team_names_are_repaired():
    spun = "The Boston Purple Sox beat the Latest York Mets 5-3 on Sunday, followers mentioned."
    result = unspin.repair_and_explain(spun)
    assert result.text == "The Boston Red Sox beat the New York Mets 5-3 on Sunday, fans said."
    assert {e.before for e in result.edits if e.entry.source == "name"} == {
        "Boston Purple Sox", "Latest York Mets",
    }  # fmt: skip
    assert unspin.repair(result.text) == result.text


def test_a_spun_brand_is_repaired():
    spun = (
        "Darden Eating places, proprietor of Olive Backyard, stated gross sales rose final "
        "quarter as diners returned."
    )
    result = unspin.repair_and_explain(spun)
    assert [(e.before, e.after) for e in result.edits if e.entry.source == "name"] == [
        ("Darden Eating places", "Darden Restaurants"),  # a listed company
        ("Olive Backyard", "Olive Garden"),  # a brand of the name-suggestion-index
    ]


def test_a_name_with_the_is_rendered_as_running_text_writes_it():
    """Running text writes "the Cheesecake Factory": a name of three words or more is
    rendered without its "The", which stays as written where the name opens a
    sentence: one reading of each repair."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from build_phrasebook import without_the

    assert without_the(["The Cheesecake Factory", "The Office", "Cheesecake Factory"]) == [
        "Cheesecake Factory", "The Office",
    ]  # fmt: skip
    for spun, fixed in (
        (
            "Diners lined up at the Cheesecake Manufacturing facility on Friday.",
            "Diners lined up at the Cheesecake Factory on Friday.",
        ),
        (
            "The Cheesecake Manufacturing Facility opened its doors in Ohio.",
            "The Cheesecake Factory opened its doors in Ohio.",
        ),
    ):
        result = unspin.repair_and_explain(spun)
        (edit,) = result.edits
        assert (edit.before, edit.after, edit.entry.source) == (
            "Cheesecake Manufacturing " + spun.split("Manufacturing ")[1].split()[0],
            "Cheesecake Factory",
            "name",
        )
        assert edit.confidence > 0.9  # one reading, undivided
        assert result.text == fixed
        assert unspin.repair(fixed) == fixed


def test_a_name_with_a_possessive_is_rendered_too():
    # "Trader Joe's", "Dick's Sporting Goods": a possessive is a word of a name; the
    # spinner swaps the others ("Dealer Joe’s", "Dick's Sporting Items").
    import import_names

    assert import_names.usable("Trader Joe's") and import_names.usable("Papa John’s")
    assert not import_names.usable("Joe's") and not import_names.usable("Trader Joe'S")
    # So is a joining word between capitalised ones ("Bank of America"), never at an end
    # nor alone with one capitalised word.
    assert import_names.usable("Bank of America") and import_names.usable("Jack in the Box")
    assert not import_names.usable("of America") and not import_names.usable("Bank of")
    assert not import_names.usable("Bank of the")
    # A place's name is plain: its list (import_places.py) stays as it was made.
    assert import_names.usable("Salt Lake City", plain=True)
    assert not import_names.usable("Isle of Man", plain=True)
    assert not import_names.usable("King's Lynn", plain=True)
    spun = (
        "Customers lined up outdoors Dealer Joe’s shops on Monday, and the corporate "
        "mentioned Dick's Sporting Items would restock subsequent week."
    )
    result = unspin.repair_and_explain(spun)
    assert [(e.before, e.after) for e in result.edits if e.entry.source == "name"] == [
        ("Dealer Joe’s", "Trader Joe’s"),  # the text's apostrophe kept
        ("Dick's Sporting Items", "Dick's Sporting Goods"),
    ]


def test_a_name_with_an_ampersand_is_rendered_and_matched_as_written():
    # "Bed Bath & Beyond", "Bath & Body Works": the ampersand stands between two words,
    # and the rendering keeps it ("Mattress Tub & Past"). The matcher finds it as
    # written, in any case, with its possessive; not where the ampersand is missing or
    # is a word ("and"), nor in lower case (a rendering keeps the name's capitals).
    from unspin.vetting import unusable

    maps = spun_names.mappings([("mattress", "bed", 0.7), ("tub", "bath", 0.7)])
    assert ("Mattress Tub & Beyond", "Bed Bath & Beyond") in spun_names.spun_names(
        ["Bed Bath & Beyond"], maps, lambda a, b: False, set()
    )
    assert not unusable("mattress tub & past", "Bed Bath & Beyond")
    assert unusable("& past", "& Beyond") and unusable("tub &", "Bath &")
    assert unusable("tub&past", "Bath&Beyond") and unusable("a & b &", "A & B &")
    assert unusable("tub & & past", "Bath & Beyond")
    for spun, before, after in (
        (
            "Shares of Mattress Tub & Past fell 5% on Monday.",
            "Mattress Tub & Past",
            "Bed Bath & Beyond",
        ),
        (
            "Mattress Tub & Past’s shares fell 5% on Monday.",
            "Mattress Tub & Past’s",
            "Bed Bath & Beyond’s",
        ),
        (
            "Analysts said Tub & Physique Works would open more shops next year.",
            "Tub & Physique Works",
            "Bath & Body Works",
        ),
    ):
        result = unspin.repair_and_explain(spun)
        names = [(e.before, e.after) for e in result.edits if e.entry.source == "name"]
        assert names == [(before, after)], spun
        assert unspin.repair(result.text) == result.text
    for clean in (
        "He sold the mattress, tub and past stock at a loss.",
        "a mattress tub & past owners",
        "Shares of Mattress Tub Past fell 5% on Monday.",
    ):
        result = unspin.repair_and_explain(clean)
        assert all(e.entry.source != "name" for e in (*result.edits, *result.declined))


def test_a_rendering_keeps_every_capital_of_the_name():
    # The spinner carries each word's capital into its swap: with a name's later word
    # in lower case, the words are the writer's, not a rendering ("Amazon Fresh").
    assert capitals_lost("Amazon Fresh", ["Amazon", "recent"])
    assert not capitals_lost("Amazon Fresh", ["Amazon", "Recent"])
    # A word swapped for a phrase carries its capital on the phrase's first word.
    assert not capitals_lost("Access Bank", ["Entry", "Financial", "institution"])
    assert not capitals_lost("Bank of America", ["Financial", "institution", "of", "America"])
    assert not capitals_lost("Chinese", ["chinese"])  # one capital: the case rule's work
    spun = "Amazon recent outcomes have been sturdy, analysts stated final week in a be aware."
    result = unspin.repair_and_explain(spun)
    assert all(e.entry.source != "name" for e in (*result.edits, *result.declined))
    capitalised = unspin.repair_and_explain(spun.replace("Amazon recent", "Amazon Recent"))
    assert any(e.after == "Amazon Fresh" for e in (*capitalised.edits, *capitalised.declined))


def test_brands_of_english_speaking_markets_are_read_from_the_index(tmp_path):
    import import_brands

    folder = tmp_path / "data" / "brands" / "amenity"
    folder.mkdir(parents=True)
    items = [
        {"displayName": "Olive Garden", "locationSet": {"include": ["us", "ca"]},
         "tags": {"brand": "Olive Garden"}},
        {"displayName": "Ally Fashion", "locationSet": {"include": ["au.geojson"]},
         "tags": {"brand": "Ally Fashion"}},
        {"displayName": "Texas Roadhouse", "locationSet": {"include": ["us-tx.geojson"]},
         "tags": {"brand": "Texas Roadhouse"}},
        {"displayName": "Global Pizza", "locationSet": {"include": ["001"]}, "tags": {}},
        {"displayName": "Vapiano", "locationSet": {"include": ["us"]},
         "tags": {"brand": "Vapiano"}},  # one word: its rendering is an ordinary word
        {"displayName": "Zum Goldenen Hirschen", "locationSet": {"include": ["de"]},
         "tags": {"brand": "Zum Goldenen Hirschen"}},
    ]  # fmt: skip
    (folder / "restaurant.json").write_text(json.dumps({"items": items}), encoding="utf-8")
    assert list(import_brands.brands(tmp_path)) == [
        ("Olive Garden", "amenity/restaurant"),
        ("Ally Fashion", "amenity/restaurant"),
        ("Texas Roadhouse", "amenity/restaurant"),
        ("Global Pizza", "amenity/restaurant"),
    ]
    with pytest.raises(SystemExit):
        import_brands.main([str(tmp_path / "nowhere")])


def test_a_thesaurus_rendering_of_a_name_in_title_case_is_a_fingerprint():
    # The family's groups are synonyms, so a rarer pair of their words is no sign of
    # spinning ("further time"); but their rendering of a name ("Supreme Courtroom") is
    # a sense error, as a listed name's rendering is.
    from unspin.phrasebook import Entry
    from unspin.rules import fingerprint

    lm = unspin.Repairer()._compile()[1].lm
    name = Entry("supreme courtroom", "Supreme Court", "family", "", 0, 0.6, 0.0)
    phrase = Entry("further time", "extra time", "family", "", 0, 0.6, 0.0)
    assert fingerprint(name, lm) and not fingerprint(phrase, lm)
    spun = (
        "The Federal Reserve Financial institution of New York stated that inflation would "
        "ease, whereas the Supreme Courtroom declined to listen to the case."
    )
    result = unspin.repair_and_explain(spun)
    assert ("Supreme Courtroom", "Supreme Court") in {(e.before, e.after) for e in result.edits}
    assert "Bank of New York" in result.text and "declined to hear" in result.text


def test_spun_institutions_and_news_organisations_are_repaired():
    spun = (
        "The Client Worth Index rose 3% final 12 months, the Related Press reported, and "
        "the Inner Income Service mentioned it could audit extra returns."
    )
    result = unspin.repair_and_explain(spun)
    names = {(e.before, e.after) for e in result.edits if e.entry.source == "name"}
    assert names == {
        ("Client Worth Index", "Consumer Price Index"),
        ("Related Press", "Associated Press"),
        ("Inner Income Service", "Internal Revenue Service"),
    }
    # Written in lower case, the words are a writer's ("related press coverage").
    clean = "The related press coverage was thin, and the client worth index was new."
    assert unspin.repair(clean) == clean


def test_a_rendering_no_one_writes_says_by_itself_that_its_text_was_spun():
    # A lone sentence's few words never make it spun (unspin.choosing.SHORT_SPUN), but a
    # listed name rendered in words no one writes together does, for its own edit.
    spun = "The chain said Pink Lobster would close 50 restaurants, officials stated on Monday."
    result = unspin.repair_and_explain(spun)
    assert [(e.before, e.after, e.evidence.evident) for e in result.edits] == [
        ("Pink Lobster", "Red Lobster", True)
    ]
    assert unspin.detect(spun).spun
    # Of how much of the text was spun it says what a word says: "stated" stays.
    stated = [d for d in result.declined if d.before == "stated" and d.after == "said"]
    assert stated and stated[0].confidence < 0.5 and not stated[0].evidence.evident


def test_a_rendering_in_a_heading_on_a_street_or_alone_is_no_such_evidence():
    for clean in (
        "Strong Energy Demand Lifts Oil Prices",  # "Solid Power", in title case
        "She lives on Wall Avenue in Ogden and works downtown.",  # a street's name
        "Pink Lobster",  # no running text around it
    ):
        result = unspin.repair_and_explain(clean)
        assert result.text == clean
        renderings = [d for d in result.declined if d.entry.source == "name"]
        assert renderings and not any(d.evidence.evident for d in renderings)
        assert not unspin.detect(clean).spun


def test_running_text_and_places_are_read_from_the_words_around():
    line = "Shares of Greatest Purchase rose on Tuesday."
    start = line.index("Greatest")
    assert in_running_text(line, start, start + len("Greatest Purchase"))
    heading = "Greatest Purchase Shares Rise After Earnings Beat"
    assert not in_running_text(heading, 0, len("Greatest Purchase"))
    assert not in_running_text("Greatest Purchase", 0, len("Greatest Purchase"))
    assert writes_a_generic_name_word("Wall Avenue", "Wall Street")
    # A generic word of bodies' and businesses' names: a real one may bear it.
    assert writes_a_generic_name_word("Transportation Division", "Transportation Department")
    assert writes_a_generic_name_word("Eagle Supplies", "Eagle Materials")
    assert not writes_a_generic_name_word("Madison Square Backyard", "Madison Square Garden")
    assert not writes_a_generic_name_word("Pink Lobster", "Red Lobster")


def test_a_persons_rendering_that_may_name_another_person_is_no_entry() -> None:
    import build_phrasebook

    # Word for word, a swap that writes a first name or a common surname (the census
    # list, unspin.names) may make another real person's name: a rendering is made
    # wherever it stands, so such renderings are left out.
    assert build_phrasebook.another_persons_name("Chris Good", "Chris Long")
    assert build_phrasebook.another_persons_name("Ray Man", "Ray Guy")
    assert not build_phrasebook.another_persons_name("Aaron Decide", "Aaron Judge")
    assert not build_phrasebook.another_persons_name("Billie Vacation gross", "Billie Holiday")
    keys = {e.key for e in unspin.Repairer().entries if e.source == "name"}
    assert "aaron decide" in keys and "invoice gates" in keys
    assert "justin good" not in keys and "chris good" not in keys
    # A clean report naming such a person keeps him.
    clean = "Chris Good, a local farmer, said the harvest was early this year."
    assert unspin.repair(clean) == clean


def test_the_second_lists_render_their_names_and_leave_the_first_lists_as_they_were() -> None:
    import build_phrasebook

    keys = {e.key: e.original for e in unspin.Repairer().entries if e.source == "name"}
    # institutions-more.txt and titles-more.txt, rendered as lists of their own ...
    assert keys["nationwide basketball affiliation"] == "National Basketball Association"
    assert keys["normal suspects"] == "Usual Suspects"
    # ... whose words count as common among their own names only: with the first list,
    # "Safety" named enough bodies to be a name word, and this rendering went.
    assert keys["homeland safety"] == "Homeland Security"
    # A name inside a longer listed one is left out: its rendering would split the
    # longer one's reading ("Workplace of the" left as it was).
    assert build_phrasebook.inside_none(
        ["Director of National Intelligence", "National Mall"],
        ["Office of the Director of National Intelligence", "National"],
    ) == ["National Mall"]
    text = (
        "Walton, who had a protracted battle with most cancers, was surrounded by his "
        "household when he died, the Nationwide Basketball Affiliation mentioned."
    )
    assert "the National Basketball Association said." in unspin.repair(text)


def test_an_original_only_names_have_is_no_key_of_the_spinner() -> None:
    # Unspun keys weigh against spinning (unspin.unspun): a title's words ("Last Night",
    # titles-more.txt) written in running text are no key the spinner left alone, and
    # as one key of 0.9 they stood for its two words' own (a paragraph of Pride and
    # Prejudice alone read more spun, and two more of its words were edited).
    matcher, _ = unspin.Repairer()._compile()
    text = "I was not then master enough of myself last night to know it."
    _, keys = matcher.find(text)
    assert "last night" not in {text[s:e].lower() for s, e, _ in keys}
    assert "last" in {text[s:e].lower() for s, e, _ in keys}  # its words are keys

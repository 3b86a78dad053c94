"""Cross-report entity matching and the blocking index.

The resolution table: pairs of entities, as two reports may name them, that
must be judged SAME (auto-merge), DIFFERENT, or UNSURE (kept apart, left for
review). Names are public figures and bodies as English-language news prints
them. Each row is checked both ways round; every SAME pair must also share a
blocking key, so that the index would offer it for comparison.
"""

from __future__ import annotations

import pytest

from dossier.resolve.blocking import BlockingIndex, blocking_keys
from dossier.resolve.matching import (
    Candidate,
    Judgement,
    Level,
    compare,
    jaro_winkler,
    name_form,
    shape,
    word_level,
)

PER, ORG, GRP, CTRY, PLC = "person", "organization", "group", "country", "place"

Side = tuple[str, str] | tuple[str, str, tuple[str, ...]] | tuple[str, str, tuple[str, ...], str]


def candidate(side: Side, entity_id: str) -> Candidate:
    entity_type, name, *rest = side
    aliases = tuple(rest[0]) if rest else ()
    country = rest[1] if len(rest) > 1 else None
    return Candidate(entity_id, entity_type, name, aliases, country)


SAME: list[tuple[Side, Side]] = [
    # titles
    ((PER, "Acting Foreign Minister Amir Khan Muttaqi"), (PER, "Amir Khan Muttaqi")),
    ((PER, "Taliban spokesman Zabihullah Mujahid"), (PER, "Zabihullah Mujahid")),
    ((PER, "Supreme Leader Ayatollah Ali Khamenei"), (PER, "Ali Khamenei")),
    ((PER, "Secretary of State Antony Blinken"), (PER, "Antony Blinken")),
    ((PER, "Mullah Abdul Ghani Baradar"), (PER, "Abdul Ghani Baradar")),
    ((PER, "Dr. Abdullah Abdullah"), (PER, "Abdullah Abdullah")),
    ((PER, "Crown Prince Mohammed bin Salman"), (PER, "Mohammad bin Salman")),
    # transliteration
    ((PER, "Amir Khan Mutaqqi"), (PER, "Amir Khan Muttaqi")),
    ((PER, "Amir Khan Muttaqee"), (PER, "Amir Khan Muttaqi")),
    ((PER, "Ahmad Massoud"), (PER, "Ahmad Masood")),
    ((PER, "Ahmad Shah Massoud"), (PER, "Ahmad Shah Masoud")),
    ((PER, "Mohammad Hassan Akhund"), (PER, "Muhammad Hasan Akhund")),
    ((PER, "Brig. Gen. Esmail Qaani"), (PER, "Ismail Ghaani")),
    ((PER, "Osama bin Laden"), (PER, "Usama bin Ladin")),
    ((PER, "Zabihullah Mujahid"), (PER, "Zabiullah Mujahed")),
    ((PER, "Sirajuddin Haqqani"), (PER, "Serajuddin Haqani")),
    ((PER, "Volodymyr Zelensky"), (PER, "Volodymyr Zelenskyy")),
    ((PER, "Muammar Gaddafi"), (PER, "Moammar Qadhafi")),
    ((PER, "Masoud Pezeshkian"), (PER, "Massoud Pezeshkiyan")),
    ((PER, "Hibatullah Akhundzada"), (PER, "Haibatullah Akhunzada")),
    ((PER, "Ismail Haniyeh"), (PER, "Ismail Haniya")),
    ((PER, "Muqtada al-Sadr"), (PER, "Moqtada al-Sadr")),
    ((PER, "Gulbuddin Hekmatyar"), (PER, "Gulbadin Hikmatyar")),
    ((PER, "Sergey Shoigu"), (PER, "Sergei Shoygu")),
    # articles, hyphens, diacritics
    ((PER, "Ayman al-Zawahiri"), (PER, "Ayman Al Zawahiri")),
    ((PER, "Abu Bakr al-Baghdadi"), (PER, "Abu Bakr el-Baghdadi")),
    ((PER, "Abdel Fattah el-Sisi"), (PER, "Abdul Fattah al-Sisi")),
    ((PER, "Abdulrahman al-Rashed"), (PER, "Abdul Rahman al-Rashed")),
    ((PER, "Hossein Amir-Abdollahian"), (PER, "Hossein Amirabdollahian")),
    ((PER, "Recep Tayyip Erdoğan"), (PER, "Recep Tayyip Erdogan")),
    ((PER, "Martin Luther King Jr."), (PER, "Martin Luther King Jr")),
    # aliases: the best pair decides
    ((PER, "Ahmad Massoud", ("Massoud",)), (PER, "Ahmad Masood")),
    # organisations and groups
    ((GRP, "the Taliban"), (GRP, "Taliban")),
    ((GRP, "The Taliban's"), (GRP, "Taliban")),
    ((ORG, "NRF"), (ORG, "National Resistance Front")),
    ((ORG, "National Resistance Front of Afghanistan (NRF)"), (ORG, "NRF")),
    ((ORG, "ISI"), (ORG, "Inter-Services Intelligence")),
    ((ORG, "Islamic Revolutionary Guard Corps"), (GRP, "IRGC")),
    ((GRP, "Al-Qaeda"), (GRP, "al Qaida")),
    ((GRP, "al-Shabaab"), (GRP, "Al Shabab")),
    ((GRP, "Hezbollah"), (GRP, "Hizballah")),
    ((GRP, "Tehrik-i-Taliban Pakistan"), (GRP, "TTP")),
    ((GRP, "LeT"), (GRP, "Lashkar-e-Taiba")),
    ((GRP, "ISIL"), (GRP, "Islamic State of Iraq and the Levant")),
    ((ORG, "UN"), (ORG, "United Nations")),
    ((ORG, "Nato"), (ORG, "North Atlantic Treaty Organization")),
    # countries and places
    ((CTRY, "Iran"), (CTRY, "Islamic Republic of Iran")),
    ((CTRY, "Türkiye"), (CTRY, "Turkey")),
    ((CTRY, "Afghanistan", (), "af"), (CTRY, "Islamic Emirate of Afghanistan", (), "af")),
    ((PLC, "Kyiv"), (PLC, "Kiev")),
    ((PLC, "Panjshir"), (PLC, "Panjsher")),
    ((PLC, "Mazar-i-Sharif"), (PLC, "Mazar-e-Sharif")),
]

DIFFERENT: list[tuple[Side, Side]] = [
    # father and son
    ((PER, "Ahmad Massoud"), (PER, "Ahmad Shah Massoud")),
    ((PER, "Ahmad Massoud", ("Massoud",)), (PER, "Ahmad Shah Massoud", ("Massoud",))),
    ((PER, "Sirajuddin Haqqani"), (PER, "Jalaluddin Haqqani")),
    ((PER, "Martin Luther King Jr."), (PER, "Martin Luther King Sr.")),
    # people named Khan, and other shared names
    ((PER, "Ismail Khan"), (PER, "Imran Khan")),
    ((PER, "Amir Khan Muttaqi"), (PER, "Ismail Khan")),
    ((PER, "Amir Khan Muttaqi"), (PER, "Imran Khan")),
    ((PER, "Manouchehr Mottaki"), (PER, "Amir Khan Muttaqi")),
    ((PER, "Ashraf Ghani"), (PER, "Abdul Ghani Baradar")),
    ((PER, "Hamid Karzai"), (PER, "Hamid Mir")),
    ((PER, "Abdullah Abdullah"), (PER, "Abdullah Azzam")),
    ((PER, "Ali Khamenei"), (PER, "Ali Larijani")),
    ((PER, "Hassan Nasrallah"), (PER, "Hussein Nasrallah")),
    ((PER, "Hassan Rouhani"), (PER, "Hassan Nasrallah")),
    ((PER, "Mohammad Omar"), (PER, "Mohammad Yaqoob")),
    ((PER, "Kim Jong Un"), (PER, "Kim Jong Il")),
    ((PER, "Zalmay Khalilzad"), (PER, "Zalmay Rassoul")),
    # types and countries
    ((PER, "Ahmad Massoud"), (ORG, "Ahmad Massoud")),
    ((PER, "Haqqani"), (GRP, "Haqqani")),
    ((PLC, "Kabul"), (CTRY, "Kabul")),
    ((PER, "Ahmad Massoud", (), "af"), (PER, "Ahmad Massoud", (), "ir")),
    ((ORG, "Ministry of Defence", (), "gb"), (ORG, "Ministry of Defence", (), "af")),
    ((CTRY, "Congo", (), "cg"), (CTRY, "Congo", (), "cd")),
    # similar names of different bodies and countries
    ((ORG, "National Resistance Front"), (ORG, "National Liberation Front")),
    ((ORG, "NRF"), (ORG, "National Liberation Front")),
    ((ORG, "ISI"), (ORG, "ISIS")),
    ((ORG, "Islamic State"), (ORG, "Islamic Jihad")),
    ((GRP, "Hamas"), (GRP, "Hezbollah")),
    ((ORG, "United Nations"), (ORG, "United Arab Emirates")),
    ((CTRY, "Iran"), (CTRY, "Iraq")),
    ((PLC, "Iran"), (PLC, "Iraq")),
    ((CTRY, "Niger"), (CTRY, "Nigeria")),
    ((CTRY, "Austria"), (CTRY, "Australia")),
    ((PLC, "Herat"), (PLC, "Helmand")),
    ((PLC, "Angola"), (PLC, "Anguilla")),
    ((ORG, "EU"), (ORG, "AU")),
    # near-identical words that are other names
    ((PER, "Daniel Ortega"), (PER, "Daniela Ortega")),
    ((PER, "Ali Ahmadi"), (PER, "Ali Ahmadzai")),
    ((PER, "Rahmatullah Nabil"), (PER, "Rahmanullah Nabil")),
]

UNSURE: list[tuple[Side, Side]] = [
    ((PER, "Massoud"), (PER, "Ahmad Massoud")),
    ((PER, "Muttaqi"), (PER, "Amir Khan Muttaqi")),
    ((PER, "Khan"), (PER, "Imran Khan")),
    ((PER, "Mujahid"), (PER, "Mujahed")),
    ((PER, "Mohammad Javad Zarif"), (PER, "Javad Zarif")),
    ((PER, "George W. Bush"), (PER, "George Bush")),
    ((PER, "A. Massoud"), (PER, "Ahmad Massoud")),
    ((PER, "Martin Luther King Jr."), (PER, "Martin Luther King")),
    ((GRP, "Taliban"), (GRP, "Pakistani Taliban")),
    ((GRP, "Islamic State"), (GRP, "Islamic State Khorasan Province")),
    ((ORG, "PA"), (ORG, "Palestinian Authority")),
    ((ORG, "National Resistance Front", ("NRF",)), (ORG, "National Revolutionary Front", ("NRF",))),
    ((PLC, "Panjshir"), (PLC, "Panjshir Valley")),
    ((GRP, "Jamiat-e-Islami"), (GRP, "Jamaat-e-Islami")),
    ((PLC, "Saint Martin"), (PLC, "Sint Maarten")),  # as countries: DIFFERENT
]


def _ids(rows: list[tuple[Side, Side]]) -> list[str]:
    return [f"{left[1]} / {right[1]}" for left, right in rows]


def _judge(left: Side, right: Side) -> tuple[Judgement, Judgement, str]:
    forward = compare(candidate(left, "a"), candidate(right, "b"))
    backward = compare(candidate(right, "b"), candidate(left, "a"))
    return forward.judgement, backward.judgement, forward.reason


@pytest.mark.parametrize(("left", "right"), SAME, ids=_ids(SAME))
def test_same(left: Side, right: Side) -> None:
    forward, backward, reason = _judge(left, right)
    assert (forward, backward) == (Judgement.SAME, Judgement.SAME), reason


@pytest.mark.parametrize(("left", "right"), DIFFERENT, ids=_ids(DIFFERENT))
def test_different(left: Side, right: Side) -> None:
    forward, backward, reason = _judge(left, right)
    assert (forward, backward) == (Judgement.DIFFERENT, Judgement.DIFFERENT), reason


@pytest.mark.parametrize(("left", "right"), UNSURE, ids=_ids(UNSURE))
def test_unsure(left: Side, right: Side) -> None:
    forward, backward, reason = _judge(left, right)
    assert (forward, backward) == (Judgement.UNSURE, Judgement.UNSURE), reason


def test_table_size() -> None:
    assert len(SAME) >= 25 and len(DIFFERENT) >= 25 and len(UNSURE) >= 8


# Distinct public figures, many sharing a given name or a surname: no two may merge.
DISTINCT_PEOPLE = [
    "Amir Khan Muttaqi",
    "Manouchehr Mottaki",
    "Ahmad Massoud",
    "Ahmad Shah Massoud",
    "Ahmad Wali Massoud",
    "Ismail Khan",
    "Imran Khan",
    "Liaquat Ali Khan",
    "Sadiq Khan",
    "Hamid Karzai",
    "Hamid Mir",
    "Ashraf Ghani",
    "Abdul Ghani Baradar",
    "Abdullah Abdullah",
    "Abdullah Azzam",
    "Sirajuddin Haqqani",
    "Jalaluddin Haqqani",
    "Anas Haqqani",
    "Ali Khamenei",
    "Ali Larijani",
    "Ali Shamkhani",
    "Hassan Rouhani",
    "Hassan Nasrallah",
    "Hassan Khomeini",
    "Ruhollah Khomeini",
    "Mohammad Javad Zarif",
    "Mohammad Khatami",
    "Mohammad Bagheri",
    "Mahmoud Ahmadinejad",
    "Mahmoud Abbas",
    "Bashar al-Assad",
    "Hafez al-Assad",
    "Maher al-Assad",
    "Osama bin Laden",
    "Hamza bin Laden",
    "Mohammed bin Salman",
    "Mohammed bin Zayed",
    "Salman bin Abdulaziz",
    "Nawaz Sharif",
    "Shehbaz Sharif",
    "Benazir Bhutto",
    "Zulfikar Ali Bhutto",
    "Yahya Sinwar",
    "Mohammed Sinwar",
    "Masoud Barzani",
    "Nechirvan Barzani",
    "Masoud Pezeshkian",
    "Kim Jong Un",
    "Kim Jong Il",
    "Raul Castro",
    "Fidel Castro",
    "Baitullah Mehsud",
    "Hakimullah Mehsud",
    "Noor Wali Mehsud",
]


def test_distinct_people_never_merge() -> None:
    merged = [
        (left, right)
        for index, left in enumerate(DISTINCT_PEOPLE)
        for right in DISTINCT_PEOPLE[index + 1 :]
        if compare(Candidate("a", PER, left), Candidate("b", PER, right)).judgement
        is Judgement.SAME
    ]
    assert merged == []


def test_scores_order_the_judgements() -> None:
    same = [compare(candidate(a, "a"), candidate(b, "b")).score for a, b in SAME]
    unsure = [compare(candidate(a, "a"), candidate(b, "b")).score for a, b in UNSURE]
    different = [compare(candidate(a, "a"), candidate(b, "b")).score for a, b in DIFFERENT]
    assert min(same) > max(unsure) > max(different)


@pytest.mark.parametrize(
    ("left", "right", "reason"),
    [
        (
            (PER, "Amir Khan Mutaqqi"),
            (PER, "Amir Khan Muttaqi"),
            "same name after transliteration: Mutaqqi ~ Muttaqi",
        ),
        (
            (ORG, "NRF"),
            (ORG, "National Resistance Front"),
            "acronym NRF of National Resistance Front",
        ),
        (
            (PER, "Ahmad Shah Massoud"),
            (PER, "Ahmad Massoud"),
            "different given names: Ahmad Shah vs Ahmad",
        ),
        ((PER, "Ahmad Massoud"), (ORG, "Ahmad Massoud"), "different types: person vs organization"),
        ((PER, "Massoud"), (PER, "Ahmad Massoud"), "lone surname: Massoud / Ahmad Massoud"),
    ],
)
def test_reasons(left: Side, right: Side, reason: str) -> None:
    assert compare(candidate(left, "a"), candidate(right, "b")).reason == reason


# ---------------------------------------------------------------- the parts


@pytest.mark.parametrize(
    "words",
    [
        ("muttaqi", "mutaqqi", "muttaqee"),
        ("massoud", "masood", "masoud", "masud"),
        ("muhammad", "mohammad"),
        ("qaani", "ghaani"),
        ("hussein", "husayn", "husain"),
        ("saeed", "said"),
        ("zelensky", "zelenskyy", "zelenskiy"),
        ("philip", "filip"),
        ("walid", "valid"),
    ],
)
def test_shapes_unify_transliterations(words: tuple[str, ...]) -> None:
    assert all(word_level(words[0], word) >= Level.SHAPE for word in words[1:])


@pytest.mark.parametrize(
    ("left", "right"),
    [("hassan", "hussein"), ("iran", "iraq"), ("amir", "omar"), ("karim", "karimi")],
)
def test_shapes_keep_names_apart(left: str, right: str) -> None:
    assert word_level(left, right) == Level.NONE


def test_shape_examples() -> None:
    assert shape("muttaqi") == "mUtAkI"
    assert shape("massoud") == "mAsUd"
    assert shape("shah") == "SA"
    assert shape("yusuf")[0] == "y"  # a first "y" is a consonant


def test_jaro_winkler() -> None:
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("dwayne", "duane") == pytest.approx(0.84, abs=1e-4)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.8133, abs=1e-4)
    assert jaro_winkler("abc", "abc") == 1.0
    assert jaro_winkler("abc", "") == 0.0
    assert jaro_winkler("abc", "xyz") == 0.0


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("Acting Foreign Minister Amir Khan Muttaqi", "person", ("amir", "khan", "muttaqi")),
        ("Iranian Foreign Minister Abbas Araghchi", "person", ("abbas", "araghchi")),
        ("Minister of Foreign Affairs Amir Khan Muttaqi", "person", ("amir", "khan", "muttaqi")),
        ("John Major", "person", ("john", "major")),
        ("Al Gore", "person", ("al", "gore")),
        ("al-Baghdadi", "person", ("baghdadi",)),
        ("the Taliban's", "body", ("taliban",)),
        ("Ash-Shabab", "body", ("shabab",)),
        ("General Motors", "body", ("general", "motors")),
        ("Mazar-i-Sharif", "place", ("mazar", "e", "sharif")),
    ],
)
def test_name_forms(text: str, kind: str, words: tuple[str, ...]) -> None:
    assert name_form(text, kind).originals == words


# ---------------------------------------------------------------- blocking


@pytest.mark.parametrize(("left", "right"), SAME, ids=_ids(SAME))
def test_same_pairs_share_a_key(left: Side, right: Side) -> None:
    assert blocking_keys(candidate(left, "a")) & blocking_keys(candidate(right, "b"))


def test_keys_are_plain_strings() -> None:
    keys = blocking_keys(Candidate("x", ORG, "National Resistance Front (NRF)"))
    assert "a:nrf" in keys
    assert all(isinstance(key, str) and ":" in key for key in keys)
    assert BlockingIndex.keys(Candidate("x", ORG, "NRF")) == {"t:nrf", "a:nrf"}
    assert "c:ir" in blocking_keys(Candidate("x", CTRY, "Islamic Republic of Iran"))


def _index(rows: list[tuple[str, str, str]], max_block: int = 500) -> BlockingIndex:
    index = BlockingIndex(max_block=max_block)
    for entity_id, entity_type, name in rows:
        index.add(Candidate(entity_id, entity_type, name))
    return index


PEOPLE = [
    ("muttaqi", PER, "Amir Khan Muttaqi"),
    ("massoud", PER, "Ahmad Massoud"),
    ("biden", PER, "Joe Biden"),
    ("nrf", ORG, "National Resistance Front"),
    ("taliban", GRP, "Taliban"),
]


def test_candidates_find_variants() -> None:
    index = _index(PEOPLE)
    assert index.candidates(Candidate("new", PER, "Amir Khan Mutaqqi"))[0] == "muttaqi"
    assert index.candidates(Candidate("new", PER, "Ahmad Masood")) == ["massoud"]
    assert index.candidates(Candidate("new", GRP, "NRF")) == ["nrf"]  # group ~ organization
    assert index.candidates(Candidate("new", GRP, "the Taliban")) == ["taliban"]


def test_candidates_leave_out_unrelated_names_types_and_itself() -> None:
    index = _index(PEOPLE)
    assert index.candidates(Candidate("new", PER, "Emmanuel Macron")) == []
    assert "biden" not in index.candidates(Candidate("new", PER, "Amir Khan Mutaqqi"))
    assert index.candidates(Candidate("new", ORG, "Ahmad Massoud")) == []  # a person
    assert index.candidates(Candidate("massoud", PER, "Ahmad Massoud")) == []


def test_candidates_most_keys_first_and_limit() -> None:
    index = _index(
        [
            ("amir", PER, "Amir Khan Muttaqi"),
            ("ismail", PER, "Ismail Khan"),
            ("imran", PER, "Imran Khan"),
        ]
    )
    found = index.candidates(Candidate("new", PER, "Amir Khan Muttaqee"))
    assert found == ["amir", "imran", "ismail"]
    assert index.candidates(Candidate("new", PER, "Amir Khan Muttaqee"), limit=1) == ["amir"]


def test_huge_block_is_skipped() -> None:
    given = ["Imran", "Ismail", "Sadiq", "Aamir", "Liaquat", "Yahya", "Ayub", "Shahrukh"]
    index = _index([(name.lower(), PER, f"{name} Khan") for name in given], max_block=5)
    assert index.block_size("t:xn") == len(given)
    assert index.candidates(Candidate("new", PER, "Khan")) == []
    assert index.candidates(Candidate("new", PER, "Ismail Khan")) == ["ismail"]


def test_remove() -> None:
    index = _index(PEOPLE)
    index.remove("massoud")
    assert "massoud" not in index
    assert index.candidates(Candidate("new", PER, "Ahmad Masood")) == []
    assert index.block_size("t:msd") == 0
    index.remove("massoud")  # twice is harmless
    assert len(index) == len(PEOPLE) - 1


def test_add_again_replaces_keys() -> None:
    index = _index(PEOPLE)
    index.add(Candidate("massoud", PER, "Ahmad Shah Massoud"))
    assert len(index) == len(PEOPLE)
    assert index.candidates(Candidate("new", PER, "Ahmad Shah Masood")) == ["massoud"]

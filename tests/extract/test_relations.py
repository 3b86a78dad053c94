"""The relation finder on sentences written for these tests.

Each row of ``CASES`` is a short report and every relation the finder must
return for it, as (type, subject name, object name, role); the finder must
return those and no others. ``NEGATIVES`` are reports with entities side by
side and no tie between them: the finder must return nothing. The names of
people and organizations are invented; countries and cities are real, since
nationality words resolve through the country list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.extract.relations import find_relations, relation_words
from dossier.model.event import RelationType, ReportRelation

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

MEMBER = RelationType.MEMBER_OF
LEADER = RelationType.LEADER_OF
SPOKESPERSON = RelationType.SPOKESPERSON_OF
ENVOY = RelationType.ENVOY_OF
OFFICE = RelationType.OFFICE_HOLDER_OF
RELATIVE = RelationType.RELATIVE_OF
BASED = RelationType.BASED_IN
OTHER = RelationType.OTHER


@pytest.fixture(scope="module")
def nlp():
    """The project's pipeline, loaded once for this module."""
    from dossier.nlp import load_pipeline

    return load_pipeline()


def _run(nlp, text: str) -> tuple[list[dict], list[ReportRelation]]:
    doc = nlp(text)
    entities = doc._.dossier_entities
    return entities, find_relations(doc, entities, text)


def _named(entities: list[dict], relations: list[ReportRelation]) -> set[tuple]:
    return {
        (r.type, entities[r.subject]["name"], entities[r.object]["name"], r.role) for r in relations
    }


# text, {(type, subject, object, role)}
CASES = [
    # a title after the name
    (
        "Karim Dost, head of foreign relations for the Mountain Front, said the talks would "
        "resume.",
        {(SPOKESPERSON, "Karim Dost", "Mountain Front", "head of foreign relations")},
    ),
    (
        "The meeting was confirmed by Lena Varga, a senior member of the Unity Party.",
        {(MEMBER, "Lena Varga", "Unity Party", "senior member")},
    ),
    (
        "Marta Lind, a non-resident senior fellow at the Lakeside Institute, said the plan "
        "would fail.",
        {(MEMBER, "Marta Lind", "Lakeside Institute", "non-resident senior fellow")},
    ),
    (
        "Chile recalled its envoy. Omar Pasha, a former Chilean ambassador to Canada and "
        "France, said the move was overdue.",
        {(OFFICE, "Omar Pasha", "Chile", "former Chilean ambassador to Canada and France")},
    ),
    (
        "Karim Dost, the deputy leader of the Unity Party, said the vote was fair.",
        {(OFFICE, "Karim Dost", "Unity Party", "deputy leader")},
    ),
    (
        "Tarek Halabi, the son of the late commander Yusuf Karam, arrived in Beirut.",
        {(RELATIVE, "Tarek Halabi", "Yusuf Karam", "son")},
    ),
    (
        "Omar Haddad, an adviser to the Mountain Front, said the offer had been refused.",
        {(OFFICE, "Omar Haddad", "Mountain Front", "adviser")},
    ),
    (
        "Peru denied the claim. Lena Varga, an official of the Peruvian foreign ministry, said "
        "no troops had crossed.",
        {(OFFICE, "Lena Varga", "Peru", "official of the Peruvian foreign ministry")},
    ),
    (
        "Omar Haddad, a Unity Party commander, was arrested on Friday.",
        {(MEMBER, "Omar Haddad", "Unity Party", "commander")},
    ),
    # a title before the name
    (
        "Norway's special envoy for Sudan, Omar Pasha, arrived in Khartoum on Monday.",
        {(ENVOY, "Omar Pasha", "Norway", "special envoy for Sudan")},
    ),
    (
        "The Mountain Front's acting foreign minister Jan Kovac met reporters in Kabul.",
        {(OFFICE, "Jan Kovac", "Mountain Front", "acting foreign minister")},
    ),
    (
        "The Northern Resistance Front (NRF) was formed last year. A resistance front "
        "spokesman, Ali Reza, declined to comment.",
        {(SPOKESPERSON, "Ali Reza", "Northern Resistance Front", "spokesman")},
    ),
    (
        "Peru held elections in May. The Peruvian president, Marco Ruiz, thanked voters.",
        {(LEADER, "Marco Ruiz", "Peru", "president")},
    ),
    (
        "Salim Tark's son Omar Tark was detained.",
        {(RELATIVE, "Omar Tark", "Salim Tark", "son")},
    ),
    (
        "Officials praised the Ember Brigade and its former commander Salim Tark for their "
        "restraint.",
        {(LEADER, "Salim Tark", "Ember Brigade", "former commander")},
    ),
    # copulas
    (
        "Karim Dost is the leader of the Mountain Front (MF). He spoke on Monday.",
        {(LEADER, "Karim Dost", "Mountain Front", "leader")},
    ),
    (
        "Tarek Halabi is the son of the late commander Yusuf Karam.",
        {(RELATIVE, "Tarek Halabi", "Yusuf Karam", "son")},
    ),
    (
        "Marta Lind serves as an adviser to the Unity Party.",
        {(OFFICE, "Marta Lind", "Unity Party", "adviser")},
    ),
    # bases
    (
        "The talks were hosted by the Mountain Front, which is based in Kenya.",
        {(BASED, "Mountain Front", "Kenya", None)},
    ),
    (
        "The delegation included Karim Khan, who lives in Turkey, and two other commanders.",
        {(BASED, "Karim Khan", "Türkiye", None)},
    ),
    (
        "The Lakeside Institute, a think tank based in Geneva, published the report.",
        {(BASED, "Lakeside Institute", "Geneva", None)},
    ),
    (
        "The Doha-based Mountain Front said it would attend.",
        {(BASED, "Mountain Front", "Doha", None)},
    ),
    (
        "In addition to hosting leaders of the Mountain Front, Kenya has given the group some "
        "logistical help.",
        {(BASED, "Mountain Front", "Kenya", None)},
    ),
    (
        "Karim Dost is the leader of the Mountain Front (MF). After the defeat, Dost's "
        "fighters held out against the army from their base in the Green Valley.",
        {
            (LEADER, "Karim Dost", "Mountain Front", "leader"),
            (BASED, "Mountain Front", "Green", None),
        },
    ),
    # membership
    (
        "Talks between the Mountain Front, including members of the Haddad network, and the "
        "government failed.",
        {(MEMBER, "Haddad network", "Mountain Front", None)},
    ),
    # a state's bodies, a government's leader
    (
        "The raid was planned by the National Guard Corps (NGC) of Peru, officials said.",
        {(OTHER, "National Guard Corps", "Peru", "part of")},
    ),
    (
        "Peru's intelligence agency, the SIN, denied the report.",
        {(OTHER, "SIN", "Peru", "part of")},
    ),
    (
        "Omar Haddad said the Peruvian government of Marco Ruiz had fallen.",
        {(LEADER, "Marco Ruiz", "Peru", None)},
    ),
    # lasting ties
    (
        "Peru has long held ties to the Mountain Front.",
        {(OTHER, "Peru", "Mountain Front", "ties")},
    ),
    (
        "The Unity Party's ties to the Mountain Front worry its rivals.",
        {(OTHER, "Unity Party", "Mountain Front", "ties")},
    ),
    (
        "Karim Dost leads the Mountain Front (MF), an armed movement associated mainly with "
        "the Hazara minority.",
        {(OTHER, "Mountain Front", "Hazara", "associated mainly with")},
    ),
    (
        "The Unity Party remains close to the Mountain Front, officials said.",
        {(OTHER, "Unity Party", "Mountain Front", "close to")},
    ),
    (
        "Russia sent an envoy to the talks. Moscow is working closely with the Mountain Front.",
        {(OTHER, "Russia", "Mountain Front", "working closely with")},
    ),
    # a nationality word alone names the country, which is added to the entities
    (
        "Chilean Foreign Minister Lena Varga arrived in Geneva on Monday.",
        {(OFFICE, "Foreign Minister Lena Varga", "Chile", "Foreign Minister")},
    ),
    (
        "Karim Dost, the former Peruvian vice-president, fled to Lima.",
        {(OFFICE, "Karim Dost", "Peru", "former Peruvian vice-president")},
    ),
    # a state title naming no state: the one country outside the holder's clause
    (
        "The Unity Party remains close to Peru, talking often with President Marco Ruiz.",
        {
            (OTHER, "Unity Party", "Peru", "close to"),
            (LEADER, "President Marco Ruiz", "Peru", "President"),
        },
    ),
    # several objects of one tie, a description set beside a name
    (
        "The Unity Party has ties to Peru and the Mountain Front.",
        {
            (OTHER, "Unity Party", "Peru", "ties"),
            (OTHER, "Unity Party", "Mountain Front", "ties"),
        },
    ),
    # "he"/"his"/"his father": the report's focus person, through a kinship relation
    (
        "Tarek Halabi, the son of the late commander Yusuf Karam, returned to Beirut. Tarek "
        "Halabi has deep ties to the Ember Brigade. His father was close to the Unity Party. "
        "Tarek Halabi lived in Peru as a boy. Omar Haddad became his mentor and he is also "
        "acquainted with the current Unity Party leader, Marco Ruiz.",
        {
            (RELATIVE, "Tarek Halabi", "Yusuf Karam", "son"),
            (OTHER, "Tarek Halabi", "Ember Brigade", "deep ties"),
            (OTHER, "Yusuf Karam", "Unity Party", "close to"),
            (OTHER, "Tarek Halabi", "Marco Ruiz", "acquainted with"),
            (LEADER, "Marco Ruiz", "Unity Party", "current Unity Party leader"),
        },
    ),
]

# Entities side by side, and no tie between them stated.
NEGATIVES = [
    "Lena Varga met the leader of the Unity Party in Nairobi on Tuesday.",
    "Karim Dost and the Unity Party both attended the talks in Geneva.",
    "President Karim Dost arrived in Geneva on Monday.",
    "Lena Varga, the former vice-president, said the vote in Peru was rigged.",
    "Peru cut ties with the Mountain Front in March.",
    "A spokesman for Unity Party leader Karim Dost said the talks had failed.",
    "The Unity Party said Karim Dost, its candidate, would not attend.",
    "Karim Dost is not a member of the Unity Party.",
    "Lena Varga, who lived in Kenya for a decade, returned to Peru.",
    "The Mountain Front said it had captured two commanders, Salim Tark and Omar Haddad.",
    "Kenya hosted leaders of the Mountain Front last week.",
    "Marco Ruiz spoke in Lima. His son Omar Ruiz also spoke.",
    "Iran backs the Ember Brigade. Its fighters, the Ember Brigade says, are volunteers.",
    # a state title naming no state: countries in the holder's own clause, or places
    "Peru has asked President Marco Ruiz for help.",
    "President Marco Ruiz said Peru would not pay.",
    "Lena Varga fled to Peru, followed by Karim Dost, the former vice-president.",
    "Lena Varga, a former presidential adviser, said Peru had ties to nobody.",
    # a tie ended
    "Peru has cut its ties with the Mountain Front.",
    # "he" with no focus person, or inside someone else's words
    "Karim Dost met Lena Varga. He is close to the Mountain Front.",
    "Karim Dost spoke. Karim Dost left. Karim Dost wept. Lena Varga said he was close to "
    "the Mountain Front.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_relations(nlp, text: str, expected: set[tuple]) -> None:
    entities, relations = _run(nlp, text)
    assert _named(entities, relations) == expected


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:40] for t in NEGATIVES])
def test_no_relation_without_a_stated_tie(nlp, text: str) -> None:
    entities, relations = _run(nlp, text)
    assert len(entities) >= 2, "the sentence should name two entities"
    assert _named(entities, relations) == set()


def test_meeting_a_leader_makes_no_leader(nlp) -> None:
    entities, relations = _run(
        nlp,
        "Karim Dost is the leader of the Mountain Front (MF). Lena Varga met the leader of the "
        "Mountain Front in Geneva.",
    )
    assert _named(entities, relations) == {
        (LEADER, "Karim Dost", "Mountain Front", "leader"),
        # a person the pipeline names by office leads what the office names
        (LEADER, "leader of the Mountain Front", "Mountain Front", "leader"),
    }


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_evidence_holds_the_names_or_the_title(nlp, text: str, expected: set[tuple]) -> None:
    entities, relations = _run(nlp, text)
    assert relations
    for relation in relations:
        start, end = relation.evidence
        assert 0 <= start < end <= len(text)
        evidence = text[start:end]
        assert evidence == evidence.strip()

        def named(index: int, start: int = start, end: int = end) -> bool:
            return any(start <= m[0] and m[1] <= end for m in entities[index]["mentions"])

        verbatim = relation.role not in {None, "part of", "home country"}
        if verbatim:
            assert relation.role in " ".join(evidence.split())
        assert named(relation.subject) or named(relation.object)
        # a subject read from "its"/"their" is named by the pronoun
        pronoun = bool(set(evidence.lower().split()) & {"its", "their"})
        both = named(relation.subject) and named(relation.object)
        assert both or verbatim or (pronoun and named(relation.object))


def test_text_defaults_to_the_doc_text(nlp) -> None:
    text = "Norway's special envoy for Sudan, Omar Pasha, arrived in Khartoum on Monday."
    doc = nlp(text)
    entities = doc._.dossier_entities
    assert find_relations(doc, entities) == find_relations(doc, entities, text)
    assert find_relations(doc, []) == []


def test_one_relation_per_tie(nlp) -> None:
    text = (
        "Karim Dost is the leader of the Mountain Front (MF). Later, Karim Dost, the leader of "
        "the Mountain Front, left for Geneva."
    )
    _, relations = _run(nlp, text)
    assert len(relations) == 1
    assert relations[0].evidence[0] == 0  # the first statement of it


def test_word_lists() -> None:
    words = relation_words()
    assert words.titles["spokesman"] is SPOKESPERSON
    assert words.titles["head of foreign relations"] is SPOKESPERSON
    assert words.titles["special envoy"] is ENVOY
    assert words.titles["son"] is RELATIVE
    assert words.titles["vice-president"] is OFFICE
    assert "ambassador" in words.destination_titles
    assert relation_words() is words  # loaded once


def test_seed_reports(nlp) -> None:
    """The seed reports (read from ../shared, never copied here) yield their ties."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not available")
    minimum = {"000_fd5ab1c7957731ac.txt": 4, "003_d92fb972a2da6a0b.txt": 20}
    for name, count in minimum.items():
        path = SEEDS / name
        if not path.is_file():
            pytest.skip(f"{path} is not available")
        text = path.read_text(encoding="utf-8")
        _, relations = _run(nlp, text)
        assert len(relations) >= count, name
        types = {r.type for r in relations}
        assert {LEADER, SPOKESPERSON, BASED} <= types, name
        for relation in relations:
            assert 0 <= relation.evidence[0] < relation.evidence[1] <= len(text)
            assert relation.subject != relation.object

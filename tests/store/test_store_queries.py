"""The read-only questions: list_actors, actor_profile and find_entities.

They run on the shared knowledge base built from the three test reports
(see conftest.py); nothing here writes to it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dossier.ingest.text import content_hash
from dossier.model.entity import EntityType, Mention, ReportEntity
from dossier.model.ids import content_id
from dossier.resolve.names import normalise_name
from dossier.store import schema
from dossier.store.database import Database
from dossier.store.queries import ActorRow, actor_profile, list_actors


@pytest.fixture(scope="module")
def everyone(kb: Database) -> list[ActorRow]:
    return list_actors(kb)


@pytest.fixture(scope="module")
def documents(kb: Database) -> dict[str, dict]:
    """File name -> document row."""
    with kb.engine.connect() as connection:
        rows = connection.execute(select(schema.documents)).mappings().all()
    return {row["path"]: dict(row) for row in rows}


def by_name(rows: list[ActorRow], name: str, type: str | None = None) -> ActorRow:
    (row,) = [r for r in rows if r.name == name and (type is None or r.type == type)]
    return row


# -- list_actors


def test_list_actors_lists_every_entity_most_mentioned_first(kb: Database, everyone):
    assert len(everyone) == kb.counts()["entities"]
    assert len({row.id for row in everyone}) == len(everyone)
    keys = [(-row.mentions, row.name) for row in everyone]
    assert keys == sorted(keys)
    taliban = by_name(everyone, "Taliban", "organization")
    assert taliban.reports == 3
    assert everyone[0] == taliban


def test_list_actors_counts_mentions_and_reports(everyone):
    massoud = by_name(everyone, "Ahmad Massoud", "person")
    assert massoud.reports == 2
    assert massoud.mentions == 4  # "Ahmad Massoud", "Massoud" twice; "Ahmad Massoud"
    assert massoud.aliases == ["Massoud"]  # the name itself is not repeated among aliases
    assert massoud.country is None


def test_list_actors_does_not_count_mentions_in_repeated_lines(everyone):
    # Zamir Kabulov is named in a photo caption printed twice: the second copy
    # does not count.
    kabulov = by_name(everyone, "Zamir Kabulov", "person")
    assert kabulov.mentions == 2
    assert kabulov.reports == 1


@pytest.mark.parametrize("entity_type", ["person", "organization", "country", "place", "group"])
def test_list_actors_by_type(kb: Database, everyone, entity_type: str):
    rows = list_actors(kb, type=entity_type)
    assert rows == [row for row in everyone if row.type == entity_type]


def test_list_actors_by_type_finds_the_expected_kinds(kb: Database):
    assert "Ahmad Massoud" in {row.name for row in list_actors(kb, type="person")}
    assert "Taliban" not in {row.name for row in list_actors(kb, type="person")}
    assert {"Iran", "Qatar", "Russia"} <= {row.name for row in list_actors(kb, type="country")}


def test_list_actors_by_unknown_type_is_empty(kb: Database):
    assert list_actors(kb, type="planet") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("massoud", "Ahmad Massoud"),
        ("MASSOUD", "Ahmad Massoud"),
        ("nrf", "National Resistance Front"),  # matches the alias only
        ("resistance", "National Resistance Front"),
        ("amir abdollahian", "Hossein Amir-Abdollahian"),
        ("Amir-Abdollahian", "Hossein Amir-Abdollahian"),
        ("kabulov", "Zamir Kabulov"),
    ],
)
def test_list_actors_by_part_of_a_name_or_alias(kb: Database, query: str, expected: str):
    names = [row.name for row in list_actors(kb, name=query)]
    assert expected in names
    for row in list_actors(kb, name=query):
        forms = [normalise_name(n) for n in (row.name, *row.aliases)]
        assert any(normalise_name(query) in form for form in forms)


def test_list_actors_by_name_matching_nothing(kb: Database):
    assert list_actors(kb, name="Haqqani") == []


def test_list_actors_by_name_ignores_accents(make_db):
    database = make_db()
    text = "Envoys from Türkiye and Qatar met in Doha."
    sha = content_hash(text)
    start = text.index("Türkiye")
    database.store_report(
        {"id": content_id("d", sha), "sha256": sha, "text": text, "path": "doha.txt"},
        [ReportEntity(EntityType.COUNTRY, "Türkiye", [Mention(start, start + 7, "Türkiye")], "tr")],
    )
    assert [row.name for row in list_actors(database, name="turk")] == ["Türkiye"]
    assert [row.name for row in list_actors(database, name="TÜRKIYE")] == ["Türkiye"]


def test_list_actors_by_document_file_name(kb: Database, documents):
    rows = list_actors(kb, document="moscow.txt")
    names = {row.name for row in rows}
    assert {"Zamir Kabulov", "Moscow", "Taliban"} <= names
    assert "Mutlaq al-Qahtani" not in names
    assert "Qatar" not in names
    with kb.engine.connect() as connection:
        in_document = set(
            connection.execute(
                select(schema.mentions.c.entity_id).where(
                    schema.mentions.c.document_id == documents["moscow.txt"]["id"]
                )
            ).scalars()
        )
    assert {row.id for row in rows} == in_document


def test_list_actors_by_document_id_equals_by_file_name(kb: Database, documents):
    for path, row in documents.items():
        assert list_actors(kb, document=row["id"]) == list_actors(kb, document=path)


def test_list_actors_by_unknown_document_is_empty(kb: Database):
    assert list_actors(kb, document="nowhere.txt") == []
    assert list_actors(kb, document="d-0000000000000000") == []


@pytest.mark.parametrize("code", ["ir", "IR"])
def test_list_actors_by_country(kb: Database, code: str):
    rows = list_actors(kb, country=code)
    assert {"Iran", "Tehran"} <= {row.name for row in rows}
    assert all(row.country == "ir" for row in rows)


def test_list_actors_by_min_mentions(kb: Database, everyone):
    rows = list_actors(kb, min_mentions=2)
    assert rows == [row for row in everyone if row.mentions >= 2]
    names = {row.name for row in rows}
    assert {"Taliban", "Ahmad Massoud", "Zabihullah Mujahid"} <= names
    assert "Mutlaq al-Qahtani" not in names
    assert list_actors(kb, min_mentions=10_000) == []


def test_list_actors_limit(kb: Database, everyone):
    assert list_actors(kb, limit=3) == everyone[:3]
    assert list_actors(kb, limit=1) == everyone[:1]
    countries = list_actors(kb, type="country")
    assert list_actors(kb, type="country", limit=2) == countries[:2]
    assert len(list_actors(kb, limit=10_000)) == len(everyone)


def test_list_actors_filters_combine(kb: Database, everyone):
    rows = list_actors(kb, type="person", document="tehran.txt", min_mentions=2)
    in_tehran = {row.id for row in list_actors(kb, document="tehran.txt")}
    expected = [
        row
        for row in everyone
        if row.type == "person" and row.id in in_tehran and row.mentions >= 2
    ]
    assert rows == expected
    assert {"Ahmad Massoud", "Zabihullah Mujahid"} <= {row.name for row in rows}


# -- actor_profile


def test_actor_profile_gives_every_mention_in_context(kb: Database, documents, everyone):
    massoud = by_name(everyone, "Ahmad Massoud", "person")
    profile = actor_profile(kb, massoud.id)
    assert profile is not None
    assert (profile.id, profile.type, profile.name) == (massoud.id, "person", "Ahmad Massoud")
    assert profile.aliases == ["Ahmad Massoud", "Massoud"]
    assert len(profile.mentions) == 4
    texts = {row["id"]: row["text"] for row in documents.values()}
    paths = {row["id"]: path for path, row in documents.items()}
    order = [(m.document_id, m.start) for m in profile.mentions]
    assert order == sorted(order)
    for mention in profile.mentions:
        text = texts[mention.document_id]
        assert text[mention.start : mention.end] == mention.text
        assert mention.document_path == paths[mention.document_id]
        assert mention.document_title is None
        assert not mention.repeated
        before = " ".join(text[max(0, mention.start - 60) : mention.start].split())
        after = " ".join(text[mention.end : mention.end + 60].split())
        assert (mention.before, mention.after) == (before, after)
    envoy_id = documents["envoy.txt"]["id"]
    first = next(m for m in profile.mentions if m.document_id == envoy_id)
    assert first.text == "Ahmad Massoud"
    assert first.before.endswith("special envoy Mutlaq al-Qahtani met")
    assert first.after.startswith("in Dushanbe on Tuesday")


def test_actor_profile_context_width(kb: Database, everyone):
    massoud = by_name(everyone, "Ahmad Massoud", "person")
    narrow = actor_profile(kb, massoud.id, context=10)
    assert all(len(m.before) <= 10 and len(m.after) <= 10 for m in narrow.mentions)
    none = actor_profile(kb, massoud.id, context=0)
    assert all(m.before == "" and m.after == "" for m in none.mentions)


def test_actor_profile_marks_repeated_mentions(kb: Database, everyone):
    kabulov = actor_profile(kb, by_name(everyone, "Zamir Kabulov", "person").id)
    assert [m.repeated for m in kabulov.mentions] == [False, False, True]
    assert kabulov.mentions[0].text == kabulov.mentions[2].text == "Zamir Kabulov"


def test_actor_profile_of_a_place_has_country_and_coordinates(kb: Database, everyone):
    tehran = actor_profile(kb, by_name(everyone, "Tehran", "place").id)
    assert tehran.country == "ir"
    assert tehran.latitude is not None and tehran.longitude is not None
    assert 30 < tehran.latitude < 40 and 45 < tehran.longitude < 60


def test_actor_profile_of_an_unknown_id_is_none(kb: Database):
    assert actor_profile(kb, "e-0000000000000000") is None


# -- find_entities


@pytest.mark.parametrize(
    "query", ["Ahmad Massoud", "ahmad massoud", "Massoud", "MASSOUD", "Massoud's", "Massoud’s"]
)
def test_find_entities_by_name_or_alias(kb: Database, everyone, query: str):
    massoud = by_name(everyone, "Ahmad Massoud", "person")
    assert [m["id"] for m in kb.find_entities(query)] == [massoud.id]


def test_find_entities_by_acronym_alias(kb: Database, everyone):
    nrf = by_name(everyone, "National Resistance Front")
    assert [m["id"] for m in kb.find_entities("NRF")] == [nrf.id]


def test_find_entities_with_leading_article(kb: Database, everyone):
    taliban = by_name(everyone, "Taliban", "organization")
    assert taliban.id in {m["id"] for m in kb.find_entities("the Taliban")}


def test_find_entities_by_id(kb: Database, everyone):
    for row in everyone[:5]:
        matches = kb.find_entities(row.id)
        assert len(matches) == 1
        assert matches[0]["id"] == row.id
        assert matches[0]["name"] == row.name
        assert matches[0]["type"] == row.type


def test_find_entities_needs_a_whole_name(kb: Database):
    assert kb.find_entities("Mass") == []
    assert kb.find_entities("Gulbuddin Hekmatyar") == []
    assert kb.find_entities("e-0000000000000000") == []

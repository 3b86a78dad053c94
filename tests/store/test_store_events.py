"""Events and relations in the knowledge base: storing, upgrading older bases, and the queries.

The events and relations are hand-made over the statement reports of
conftest.py (see event_reports.py): the pipeline that finds them is written
separately. One test feeds them through ``workflow.ingest`` with a stand-in
pipeline that sets ``doc._.dossier_events`` and ``doc._.dossier_relations``
as the real one will.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from dossier.model.event import (
    EVENT_TYPES,
    DateValue,
    Modality,
    RelationType,
    ReportEvent,
    ReportRelation,
    event_id,
    relation_id,
)
from dossier.store import schema
from dossier.store.database import Database, open_database
from dossier.store.queries import (
    actor_profile,
    date_bounds,
    list_events,
    list_relations,
    timeline_key,
)
from dossier.workflow import ingest, parse


def load_event_reports():
    """tests/store/event_reports.py, loaded once (test folders are not packages)."""
    name = "dossier_tests_event_reports"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "store" / "event_reports.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


event_reports = load_event_reports()
event_reports_data = event_reports.event_reports_data
events_kb_path = event_reports.events_kb_path
events_kb = event_reports.events_kb
store_event_reports = event_reports.store_event_reports


def rows(database: Database, table) -> list[dict]:
    with database.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(table)).mappings()]


def all_rows(database: Database) -> dict[str, list]:
    with database.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for table in schema.metadata.sorted_tables
        }


def entity_ids(database: Database) -> dict[str, str]:
    with database.engine.connect() as connection:
        return dict(connection.execute(select(schema.entities.c.name, schema.entities.c.id)).all())


def statement_ids(database: Database) -> dict[str, str]:
    """Statement text -> id."""
    with database.engine.connect() as connection:
        query = select(schema.statements.c.text, schema.statements.c.id)
        return dict(connection.execute(query).all())


def links(database: Database) -> dict[str, list[str]]:
    """Event or relation id -> its statement ids, in their order."""
    result: dict[str, list[str]] = {}
    for table, column in (
        (schema.event_statements, "event_id"),
        (schema.relation_statements, "relation_id"),
    ):
        for row in sorted(
            rows(database, table), key=lambda r: (r[column], r["position"], r["statement_id"])
        ):
            result.setdefault(row[column], []).append(row["statement_id"])
    return result


def abouts(database: Database) -> dict[str, list[str]]:
    return {row["id"]: json.loads(row["about"]) for row in rows(database, schema.statements)}


# -- storing


def test_events_are_stored_with_entity_ids_and_content_ids(make_db, event_reports_data):
    database = make_db()
    (border, entities, statements, events, relations), _ = event_reports_data()
    stored = database.store_report(border, entities, (), statements, events, relations)
    assert (stored.events, stored.relations) == (3, 1)
    ids = entity_ids(database)
    council = ids["Hill Council"]
    by_trigger = {(r["trigger_start"], r["trigger_end"]): r for r in rows(database, schema.events)}
    assert len(by_trigger) == 3
    for event in events:
        row = by_trigger[event.trigger]
        assert row["id"] == event_id(border["id"], event.type, event.trigger, [council], [])
        assert row["document_id"] == border["id"]
        assert border["text"][slice(*event.trigger)] in {"sent", "crossed", "weapons"}
        assert (row["type"], row["summary"]) == (event.type, event.summary)
        assert json.loads(row["context"]) == event.context
        assert row["modality"] == "asserted" and row["count"] == 1 and not row["negated"]
    crossed = by_trigger[events[1].trigger]
    assert (crossed["date_start"], crossed["date_end"], crossed["date_text"]) == (
        "2022-01-14",
        "2022-01-14",
        "on Friday",
    )
    sent = by_trigger[events[0].trigger]
    assert (sent["date_start"], sent["date_end"], sent["date_text"]) == (None, None, None)
    participants = rows(database, schema.event_participants)
    assert {(p["entity_id"], p["role"], p["position"]) for p in participants} == {
        (council, "actor", 0)
    }
    assert len(participants) == 3

    (relation,) = rows(database, schema.relations)
    assert relation == {
        "id": relation_id("spokesperson_of", ids["Omar Zadran"], council, "spokesman"),
        "type": "spokesperson_of",
        "subject": ids["Omar Zadran"],
        "object": council,
        "role": "spokesman",
        "extra": None,
    }


def test_links_go_both_ways_and_empty_lists_are_backed_by_the_statement_holding_the_trigger(
    make_db, event_reports_data
):
    database = make_db()
    (border, entities, statements, events, relations), _ = event_reports_data()
    database.store_report(border, entities, (), statements, events, relations)
    said = statement_ids(database)
    first_line = border["text"].splitlines()[0]
    quote, denial = statements[1].text, statements[2].text
    event_of = {r["trigger_start"]: r["id"] for r in rows(database, schema.events)}
    sent, crossed, weapons = (event_of[e.trigger[0]] for e in events)
    (spokesman,) = (r["id"] for r in rows(database, schema.relations))
    assert links(database) == {
        sent: [said[quote]],
        crossed: [said[first_line]],  # given none: the statement holding "crossed"
        weapons: [said[denial]],
        spokesman: [said[first_line]],  # given none: the statement holding its evidence
    }
    about = abouts(database)
    assert about[said[first_line]] == sorted([crossed, spokesman])
    assert about[said[quote]] == [sent]
    assert about[said[denial]] == [weapons]
    assert sum(1 for items in about.values() if not items) == 3
    # Both sides agree.
    for item, backing in links(database).items():
        for statement in backing:
            assert item in about[statement]


def test_one_relation_from_two_reports_and_an_unbacked_one(make_db, event_reports_data):
    database = make_db()
    store_event_reports(database, event_reports_data())
    ids = entity_ids(database)
    relations = {r["type"]: r for r in rows(database, schema.relations)}
    assert set(relations) == {"spokesperson_of", "based_in"}
    spokesman = relations["spokesperson_of"]
    assert spokesman["role"] == "Spokesman"  # the smaller of "spokesman" and "Spokesman"
    assert spokesman["id"] == relation_id(
        "spokesperson_of", ids["Omar Zadran"], ids["Hill Council"], "SPOKESMAN"
    )
    said = statement_ids(database)
    backing = links(database)[spokesman["id"]]
    assert said["Omar Zadran said talks would continue."] in backing
    assert len(backing) == 2
    documents = {r["id"]: r["document_id"] for r in rows(database, schema.statements)}
    assert len({documents[s] for s in backing}) == 2
    based_in = relations["based_in"]
    assert based_in["object"] == ids["Green Valley"]
    assert based_in["id"] not in links(database)  # no statement holds its evidence: unbacked


def test_storing_the_same_reports_again_changes_nothing(make_db, event_reports_data):
    database = make_db()
    store_event_reports(database, event_reports_data())
    before = all_rows(database)
    for document, entities, statements, events, relations in event_reports_data():
        again = database.store_report(document, entities, (), statements, events, relations)
        assert not again.added
        assert (again.statements, again.events, again.relations) == (0, 0, 0)
    assert all_rows(database) == before
    assert database.counts()["events"] == 5
    assert database.counts()["relations"] == 2


def test_the_order_of_the_reports_does_not_matter(make_db, event_reports_data):
    forward = store_event_reports(make_db("forward.db"), event_reports_data())
    backward = store_event_reports(make_db("backward.db"), event_reports_data()[::-1])
    assert all_rows(forward) == all_rows(backward)


def test_events_and_relations_are_optional(make_db, event_reports_data):
    database = make_db()
    (border, entities, statements, _, _), _ = event_reports_data()
    stored = database.store_report(border, entities, (), statements)
    assert (stored.events, stored.relations) == (0, 0)
    assert database.counts()["events"] == database.counts()["relations"] == 0
    assert all(about == [] for about in abouts(database).values())


def test_an_event_or_relation_twice_in_a_report_is_stored_once_with_both_backings(
    make_db, event_reports_data
):
    database = make_db()
    (border, entities, statements, events, relations), _ = event_reports_data()
    twice = ReportEvent.from_dict({**events[0].to_dict(), "statements": [0]})
    again = ReportRelation.from_dict({**relations[0].to_dict(), "statements": [1]})
    stored = database.store_report(
        border, entities, (), statements, [*events, twice], [*relations, again]
    )
    assert (stored.events, stored.relations) == (3, 1)
    said = statement_ids(database)
    sent = event_id(
        border["id"], "AID", events[0].trigger, [entity_ids(database)["Hill Council"]], []
    )
    assert links(database)[sent] == [said[statements[1].text], said[statements[0].text]]
    (relation,) = rows(database, schema.relations)
    assert len(links(database)[relation["id"]]) == 2  # its evidence's statement, then the quote


def change_event(field: str, value):
    def change(events, relations):
        setattr(events[0], field, value)

    return change


def change_relation(field: str, value):
    def change(events, relations):
        setattr(relations[0], field, value)

    return change


REFUSED = {
    "actor out of range": (change_event("actors", [4]), "refers to entity 4"),
    "negative target": (change_event("targets", [-1]), "refers to entity -1"),
    "location out of range": (change_event("location", 9), "refers to entity 9"),
    "subject out of range": (change_relation("subject", 4), "refers to entity 4"),
    "object out of range": (change_relation("object", -2), "refers to entity -2"),
    "no object": (change_relation("object", None), "needs a subject and an object"),
    "event statement out of range": (change_event("statements", [6]), "refers to statement 6"),
    "relation statement negative": (change_relation("statements", [-1]), "statement -1"),
    "not a PLOVER type": (change_event("type", "MEET"), "not one of PLOVER's"),
    "lower-case type": (change_event("type", "aid"), "not one of PLOVER's"),
    "unknown modality": (change_event("modality", "rumoured"), "rumoured"),
    "count of 0": (change_event("count", 0), "count 0"),
    "date not ISO": (change_event("date", DateValue("Friday", "14/01/2022")), "ISO date"),
    "unknown relation type": (change_relation("type", "friend_of"), "friend_of"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_event_or_relation_stores_nothing_of_the_report(
    case: str, make_db, event_reports_data
):
    change, message = REFUSED[case]
    database = make_db()
    (border, entities, statements, events, relations), _ = event_reports_data()
    change(events, relations)
    with pytest.raises(ValueError, match=message):
        database.store_report(border, entities, (), statements, events, relations)
    assert database.is_empty()


def test_events_without_statements_in_the_report_are_kept_unbacked(make_db, event_reports_data):
    database = make_db()
    (border, entities, _, events, relations), _ = event_reports_data()
    for item in [*events, *relations]:
        item.statements = []
    stored = database.store_report(border, entities, (), (), events, relations)
    assert (stored.events, stored.relations) == (3, 1)
    assert links(database) == {}


# -- the workflow hands the pipeline's events and relations to the store


class StandInPipeline:
    """Sets ``doc._`` as dossier's components do (events and relations as dicts)."""

    def __init__(self, parses: dict[str, tuple]) -> None:
        self.parses = parses

    def make_doc(self, text):
        return SimpleNamespace(text=text, _=SimpleNamespace())

    def pipe(self, docs, as_tuples, batch_size, n_process=1):
        for doc, number in docs:
            text = doc.text
            entities, statements, events, relations = self.parses[text]
            underscore = SimpleNamespace(
                dossier_entities=[e.to_dict() for e in entities],
                dossier_repeats=[],
                dossier_statements=[s.to_dict() for s in statements],
            )
            if events is not None:
                underscore.dossier_events = [e.to_dict() for e in events]
                underscore.dossier_relations = [r.to_dict() for r in relations]
            yield SimpleNamespace(_=underscore), number


def test_ingest_stores_the_events_and_relations_the_pipeline_sets(
    make_db, event_reports_data, tmp_path: Path
):
    border, valley = event_reports_data()
    (tmp_path / "border.txt").write_text(border[0]["text"], encoding="utf-8")
    (tmp_path / "valley.txt").write_text(valley[0]["text"], encoding="utf-8")
    pipeline = StandInPipeline(
        {
            border[0]["text"]: border[1:],
            valley[0]["text"]: (*valley[1:3], None, None),  # the extensions are not set
        }
    )
    database = make_db()
    summary = ingest([str(tmp_path)], database, nlp=pipeline)
    assert summary.ok
    assert sorted((s.events, s.relations) for s in summary.added) == [(0, 0), (3, 1)]

    expected = make_db("expected.db")
    expected.store_report(border[0], border[1], (), *border[2:])
    expected.store_report(valley[0], valley[1], (), valley[2])
    for table in (schema.events, schema.event_participants, schema.relations):
        assert rows(database, table) == rows(expected, table)
    assert links(database) == links(expected)
    assert abouts(database) == abouts(expected)


def test_parse_yields_events_and_relations_with_indexes(event_reports_data):
    (border, entities, statements, events, relations), _ = event_reports_data()
    report = SimpleNamespace(text=border["text"], published=None)
    pipeline = StandInPipeline({border["text"]: (entities, statements, events, relations)})
    ((_, _, _, _, got_statements, got_events, got_relations),) = list(
        parse(pipeline, [("sha", report)])
    )
    assert got_statements == statements
    assert got_events == events
    assert got_relations == relations
    assert got_events[0].actors == [1] and got_relations[0].subject == 0  # still indexes


# -- schema versions


def test_a_version_2_base_is_upgraded_when_opened(tmp_path: Path, event_reports_data):
    path = tmp_path / "old.db"
    database = open_database(str(path))
    (border, entities, statements, _, _), valley = event_reports_data()
    database.store_report(border, entities, (), statements)
    database.close()
    with sqlite3.connect(path) as connection:  # what dossier with schema 2 left
        for table in (
            "event_statements",
            "relation_statements",
            "event_participants",
            "events",
            "relations",
        ):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("UPDATE dossier_meta SET value = '2' WHERE key = 'schema_version'")
    connection.close()

    upgraded = open_database(str(path), create=False)
    try:
        counts = upgraded.counts()
        assert (counts["statements"], counts["events"], counts["relations"]) == (6, 0, 0)
        stored = upgraded.store_report(valley[0], valley[1], (), *valley[2:])
        assert (stored.events, stored.relations) == (2, 2)
        assert [event.type for event in list_events(upgraded)] == ["CONSULT", "CONSULT"]
    finally:
        upgraded.close()
    with sqlite3.connect(path) as connection:
        version = connection.execute(
            "SELECT value FROM dossier_meta WHERE key = 'schema_version'"
        ).fetchone()
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert version == (str(schema.SCHEMA_VERSION),) == ("4",)
    assert {
        "events",
        "event_participants",
        "relations",
        "event_statements",
        "relation_statements",
        "events_type",
        "event_participants_entity",
        "event_statements_statement",
    } <= tables


# -- list_events and timelines


def summaries(events) -> list[str]:
    return [event.summary or event.type for event in events]


def test_list_events_by_report_and_position(events_kb):
    events = list_events(events_kb)
    assert len(events) == 5
    keys = [(event.document_id, event.trigger[0]) for event in events]
    assert keys == sorted(keys)
    met = next(event for event in events if event.mode == "visit")
    assert met.document_path == "valley.txt"
    assert [party.name for party in met.actors] == ["Omar Zadran"]
    assert met.targets == []
    assert met.location.name == "Green Valley"
    assert (met.when, met.date_text, met.interval) == (
        "2022-01-16",
        "on Sunday",
        ("2022-01-16", "2022-01-16"),
    )
    assert [(str(r), r.document_id) for r in met.reported_by] == [
        ("anonymous (asserts, hedged)", met.document_id),
        ("Hill Council (no_response)", met.document_id),
    ]
    talks = next(event for event in events if event.modality is Modality.PLANNED)
    assert [party.name for party in talks.actors] == ["Omar Zadran", "Hill Council"]
    assert (talks.dated, talks.when, talks.date, talks.summary) == (False, "", None, "")
    assert talks.to_dict()["date"] is None
    weapons = next(event for event in events if "military" in event.context)
    assert weapons.interval == ("2022-01-01", "2022-12-31")


def test_the_timeline_is_in_date_order_undated_last(events_kb):
    timeline = list_events(events_kb, timeline=True)
    assert summaries(timeline) == [
        "Weapons on board the convoy",  # 2022: from its first day
        "The Hill Council's convoy crossed the border",  # 2022-01-14
        "Zadran met envoys in the valley",  # 2022-01-16
        "The Hill Council sent forty trucks",  # undated, border.txt
        "CONSULT",  # undated, valley.txt
    ]
    assert timeline == sorted(list_events(events_kb), key=timeline_key)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "Hill Council"}, ["sent", "crossed", "weapons", "talks"]),
        ({"actor": "zadran"}, ["met", "talks"]),
        ({"actor": "Lowland Radio"}, []),
        ({"type": "consult"}, ["met", "talks"]),
        ({"type": "AID"}, ["sent", "weapons"]),
        ({"type": "Assault"}, []),
        ({"place": "Green Valley"}, ["met"]),
        ({"place": "valley"}, ["met"]),  # an alias
        ({"document": "valley.txt"}, ["met", "talks"]),
        ({"document": "/reports/border.txt"}, ["sent", "crossed", "weapons"]),
        ({"date_from": "2022-01-15"}, ["weapons", "met"]),
        ({"date_to": "2022-01-14"}, ["crossed", "weapons"]),
        ({"date_from": "2022-01-14", "date_to": "2022-01-14"}, ["crossed", "weapons"]),
        ({"date_from": "2022-01", "date_to": "2022-01"}, ["crossed", "weapons", "met"]),
        ({"date_from": "2022-02", "date_to": "2022-03-01"}, ["weapons"]),
        ({"date_from": "2023"}, []),
        ({"date_to": "2021-12-31"}, []),
        ({"actor": "Hill Council", "date_from": "2022-01-14", "type": "aid"}, ["weapons"]),
        ({"limit": 2}, ["crossed", "sent"]),
    ],
    ids=lambda value: repr(value) if isinstance(value, dict) else None,
)
def test_list_events_filters(events_kb, filters: dict, expected: list[str]):
    names = {
        "The Hill Council sent forty trucks": "sent",
        "The Hill Council's convoy crossed the border": "crossed",
        "Weapons on board the convoy": "weapons",
        "Zadran met envoys in the valley": "met",
        "": "talks",
    }
    got = [names[event.summary] for event in list_events(events_kb, **filters)]
    assert sorted(got) == sorted(expected)
    if "limit" in filters:
        assert got == expected  # the first ones, by report and position


def test_list_events_by_unknown_names_or_ids(events_kb):
    assert list_events(events_kb, actor="Gulbuddin Hekmatyar") == []
    assert list_events(events_kb, place="Nowhere") == []
    assert list_events(events_kb, document="nowhere.txt") == []
    (council,) = events_kb.find_entities("Hill Council")
    assert len(list_events(events_kb, actor=council["id"])) == 4


@pytest.mark.parametrize("value", ["14/01/2022", "2022-13", "2022-01-32", "22", "last week"])
def test_list_events_refuses_dates_that_are_not_iso_prefixes(events_kb, value: str):
    with pytest.raises(ValueError, match="ISO date prefix"):
        list_events(events_kb, date_from=value)


def test_date_bounds():
    assert date_bounds("2022") == ("2022-01-01", "2022-12-31")
    assert date_bounds("2022-02") == ("2022-02-01", "2022-02-31")
    assert date_bounds("2022-02-03") == ("2022-02-03", "2022-02-03")


def test_an_event_with_only_an_end_or_a_start(make_db, event_reports_data):
    database = make_db()
    (border, entities, statements, events, relations), _ = event_reports_data()
    events[0].date = DateValue("until March", None, "2022-03")
    events[2].date = DateValue("since 2021", "2021", None)
    database.store_report(border, entities, (), statements, events, relations)
    by_summary = {event.summary: event for event in list_events(database)}
    assert by_summary["The Hill Council sent forty trucks"].interval == (
        "2022-03-01",
        "2022-03-31",
    )
    assert by_summary["Weapons on board the convoy"].when == "2021"
    assert summaries(list_events(database, date_from="2022-03-15")) == [
        "The Hill Council sent forty trucks"
    ]


def test_events_of_a_base_without_any(make_db):
    database = make_db()
    assert list_events(database) == []
    assert list_events(database, timeline=True, date_from="2022") == []
    assert list_relations(database) == []


# -- relations and profiles


def test_list_relations(events_kb):
    relations = list_relations(events_kb)
    assert [r.id for r in relations] == sorted(r.id for r in relations)
    assert {(r.type, r.subject.name, r.object.name, r.role) for r in relations} == {
        ("spokesperson_of", "Omar Zadran", "Hill Council", "Spokesman"),
        ("based_in", "Hill Council", "Green Valley", None),
    }
    assert [len(r.statements) for r in relations if r.type == "spokesperson_of"] == [2]
    assert [r.type for r in list_relations(events_kb, actor="Green Valley")] == ["based_in"]
    assert list_relations(events_kb, actor="Nobody Known") == []


def test_actor_profile_lists_relations_and_events(events_kb):
    (council,) = events_kb.find_entities("Hill Council")
    profile = actor_profile(events_kb, council["id"])
    assert [
        (item.relation.type, item.as_subject, item.other.name, item.relation.role)
        for item in profile.relations
    ] == [
        ("based_in", True, "Green Valley", None),
        ("spokesperson_of", False, "Omar Zadran", "Spokesman"),
    ]
    assert [(item.event.summary, item.roles) for item in profile.events] == [
        ("Weapons on board the convoy", ["actor"]),
        ("The Hill Council's convoy crossed the border", ["actor"]),
        ("The Hill Council sent forty trucks", ["actor"]),
        ("", ["actor"]),
    ]


def test_actor_profile_of_a_place_lists_the_events_there(events_kb):
    (valley,) = events_kb.find_entities("Green Valley")
    profile = actor_profile(events_kb, valley["id"])
    assert [(item.event.summary, item.roles) for item in profile.events] == [
        ("Zadran met envoys in the valley", ["place"])
    ]
    assert [(item.relation.type, item.as_subject) for item in profile.relations] == [
        ("based_in", False)
    ]


def test_actor_profile_without_events(events_kb):
    (radio,) = events_kb.find_entities("Lowland Radio")
    profile = actor_profile(events_kb, radio["id"])
    assert profile.relations == [] and profile.events == []


def test_relation_types_and_modalities_are_the_formats():
    assert {kind.value for kind in RelationType} >= {"spokesperson_of", "based_in"}
    assert len(EVENT_TYPES) == 16

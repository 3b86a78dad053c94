"""Statements in the knowledge base: storing, upgrading older bases, and the queries.

The statements are hand-made (see conftest.py): the pipeline does not find
them yet. One test feeds them through ``workflow.ingest`` with a stand-in
pipeline that sets ``doc._.dossier_statements`` as the real one will.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dossier.model.entity import EntityType
from dossier.model.statement import ReportStatement, Stance, spans_value
from dossier.store import schema
from dossier.store.database import Database, open_database
from dossier.store.queries import actor_profile, list_statements
from dossier.workflow import ingest, parse


def stored_statements(database: Database) -> list[dict]:
    table = schema.statements
    with database.engine.connect() as connection:
        query = select(table).order_by(table.c.document_id, table.c.start)
        return [dict(row) for row in connection.execute(query).mappings()]


def entity_ids(database: Database) -> dict[str, str]:
    with database.engine.connect() as connection:
        rows = connection.execute(select(schema.entities.c.name, schema.entities.c.id))
        return dict(rows.all())


def all_rows(database: Database) -> dict[str, list]:
    with database.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for table in schema.metadata.sorted_tables
        }


# -- storing


def test_statements_are_stored_with_entity_ids(make_db, statement_reports_data):
    database = make_db()
    (border, entities, statements), _ = statement_reports_data()
    stored = database.store_report(border, entities, (), statements)
    assert stored.statements == len(statements) == 6
    ids = entity_ids(database)
    rows = stored_statements(database)
    assert [row["start"] for row in rows] == sorted(s.start for s in statements)
    by_text = {row["text"]: row for row in rows}
    for statement in statements:
        row = by_text[statement.text]
        assert border["text"][row["start"] : row["end"]] == row["text"]
        assert row["document_id"] == border["id"]
        assert row["stance"] == statement.stance.value
        speaker = entities[statement.speaker].key if statement.speaker is not None else None
        assert row["speaker"] == speaker
        assert row["id"] == statement.key(border["id"], speaker)
        assert json.loads(row["spans"]) == {
            "source": spans_value(statement.source),
            "cue": spans_value(statement.cue_spans),
            "content": spans_value(statement.content),
        }
        assert json.loads(row["about"]) == []
        assert row["extra"] is None

    quote = next(row for row in rows if row["text"].startswith('"We sent'))
    assert quote["speaker"] == ids["Omar Zadran"]
    assert len(json.loads(quote["spans"])["content"]) == 2  # broken by "Zadran said"

    anonymous = next(row for row in rows if row["anonymous"])
    assert anonymous["speaker"] is None
    assert anonymous["affiliation"] == ids["Hill Council"]
    assert anonymous["speaker_text"] == "Two officials close to the Hill Council"
    assert json.loads(anonymous["chain"]) == [
        {"speaker_text": "Lowland Radio", "cue": "according to", "speaker": ids["Lowland Radio"]}
    ]

    outlet = rows[-1]
    assert (outlet["speaker"], outlet["speaker_text"], outlet["cue"]) == (None, None, None)
    assert not outlet["anonymous"]
    assert json.loads(outlet["spans"]) == {
        "source": None,
        "cue": None,
        "content": [outlet["start"], outlet["start"] + len("The convoy was the largest")],
    }


def test_storing_the_same_report_again_adds_no_statements(make_db, statement_reports_data):
    database = make_db()
    for document, entities, statements in statement_reports_data():
        database.store_report(document, entities, (), statements)
    before = all_rows(database)
    for document, entities, statements in statement_reports_data():
        again = database.store_report(document, entities, (), statements)
        assert not again.added
        assert again.statements == 0
    assert all_rows(database) == before
    assert database.counts()["statements"] == 9


def test_statements_are_optional(make_db, statement_reports_data):
    database = make_db()
    (border, entities, _), _ = statement_reports_data()
    stored = database.store_report(border, entities)
    assert stored.added and stored.statements == 0
    assert database.counts()["statements"] == 0


def test_a_statement_twice_in_one_report_is_stored_once(make_db, statement_reports_data):
    database = make_db()
    (border, entities, statements), _ = statement_reports_data()
    copy = ReportStatement.from_dict(statements[0].to_dict())
    stored = database.store_report(border, entities, (), [*statements, copy])
    assert stored.statements == len(statements)


@pytest.mark.parametrize("index", [4, -1])  # negative indexes do not count from the end
@pytest.mark.parametrize("field", ["speaker", "affiliation", "chain"])
def test_an_entity_index_out_of_range_stores_nothing(
    make_db, statement_reports_data, field: str, index: int
):
    database = make_db()
    (border, entities, statements), _ = statement_reports_data()
    assert len(entities) == 4
    target = statements[3]  # anonymous, affiliated, with a chain
    if field == "chain":
        target.chain[0].speaker = index
    else:
        setattr(target, field, index)
    with pytest.raises(ValueError, match=f"refers to entity {index}"):
        database.store_report(border, entities, (), statements)
    assert database.is_empty()


def test_a_statement_the_database_refuses_undoes_the_whole_report(make_db, statement_reports_data):
    database = make_db()
    border, valley = statement_reports_data()
    database.store_report(border[0], border[1], (), border[2])
    before = all_rows(database)
    document, entities, statements = valley
    statements[-1].text = None  # NOT NULL: fails after the document and entities went in
    with pytest.raises(IntegrityError):
        database.store_report(document, entities, (), statements)
    assert all_rows(database) == before
    assert database.has_document(document["sha256"]) is None


# -- the workflow hands the pipeline's statements to the store


class StandInPipeline:
    """Sets ``doc._`` as dossier's components do, from prepared (entities, statements)."""

    def __init__(self, parses: dict[str, tuple[list, list | None]]) -> None:
        self.parses = parses

    def make_doc(self, text):
        return SimpleNamespace(text=text, _=SimpleNamespace())

    def pipe(self, docs, as_tuples, batch_size, n_process=1):
        for doc, number in docs:
            text = doc.text
            entities, statements = self.parses[text]
            underscore = SimpleNamespace(
                dossier_entities=[e.to_dict() for e in entities], dossier_repeats=[]
            )
            if statements is not None:
                underscore.dossier_statements = [s.to_dict() for s in statements]
            yield SimpleNamespace(_=underscore), number


def test_ingest_stores_the_statements_the_pipeline_sets(
    make_db, statement_reports_data, tmp_path: Path
):
    (border, border_entities, border_statements), (valley, valley_entities, _) = (
        statement_reports_data()
    )
    (tmp_path / "border.txt").write_text(border["text"], encoding="utf-8")
    (tmp_path / "valley.txt").write_text(valley["text"], encoding="utf-8")
    pipeline = StandInPipeline(
        {
            border["text"]: (border_entities, border_statements),
            valley["text"]: (valley_entities, None),  # the extension is not set at all
        }
    )
    database = make_db()
    summary = ingest([str(tmp_path)], database, nlp=pipeline)
    assert summary.ok
    assert sorted(s.statements for s in summary.added) == [0, 6]

    expected = make_db("expected.db")
    expected.store_report(border, border_entities, (), border_statements)
    assert stored_statements(database) == stored_statements(expected)


def test_parse_yields_statements_with_entity_indexes(statement_reports_data):
    (border, entities, statements), _ = statement_reports_data()
    report = SimpleNamespace(text=border["text"], published=None)
    pipeline = StandInPipeline({border["text"]: (entities, statements)})
    ((sha, got_report, got_entities, repeats, got_statements, events, relations),) = list(
        parse(pipeline, [("sha", report)])
    )
    assert sha == "sha" and got_report is report and repeats == []
    assert events == relations == []  # the pipeline does not set them
    assert [e.key for e in got_entities] == [e.key for e in entities]
    assert got_statements == statements
    assert got_statements[3].affiliation == 1  # still an index: the store maps it


# -- schema versions


def test_a_version_1_base_is_upgraded_when_opened(tmp_path: Path, statement_reports_data):
    path = tmp_path / "old.db"
    database = open_database(str(path))
    (border, entities, _), _ = statement_reports_data()
    database.store_report(border, entities)
    database.close()
    with sqlite3.connect(path) as connection:  # what dossier 0.1 with schema 1 left
        for table in (
            "event_statements",
            "relation_statements",
            "event_participants",
            "events",
            "relations",
            "statements",
        ):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("UPDATE dossier_meta SET value = '1' WHERE key = 'schema_version'")
    connection.close()

    upgraded = open_database(str(path), create=False)
    try:
        assert upgraded.counts() == {
            "documents": 1,
            "entities": 4,
            "mentions": 7,
            "statements": 0,
            "events": 0,
            "relations": 0,
        }
        (valley, valley_entities, valley_statements) = statement_reports_data()[1]
        assert upgraded.store_report(valley, valley_entities, (), valley_statements).statements
    finally:
        upgraded.close()
    with sqlite3.connect(path) as connection:
        version = connection.execute(
            "SELECT value FROM dossier_meta WHERE key = 'schema_version'"
        ).fetchone()
        indexes = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statements'"
            )
        }
    connection.close()
    assert version == (str(schema.SCHEMA_VERSION),) == ("4",)
    assert {"statements_speaker", "statements_document", "statements_stance"} <= indexes


# -- list_statements


def texts(rows) -> list[str]:
    return [row.text for row in rows]


def test_list_statements_gives_every_statement_by_document_and_position(statements_kb):
    rows = list_statements(statements_kb)
    assert len(rows) == 9
    keys = [(row.document_id, row.start, row.id) for row in rows]
    assert keys == sorted(keys)
    quote = next(row for row in rows if row.text.startswith('"We sent'))
    assert quote.speaker_name == "Omar Zadran"
    assert quote.document_path == "border.txt"
    assert quote.outlet == "Example Wire"
    assert (quote.stance, quote.cue, quote.hedged) == (Stance.ASSERTS, "said", False)
    assert quote.source == "Omar Zadran"
    anonymous = next(row for row in rows if row.affiliation)
    assert anonymous.affiliation_name == "Hill Council"
    assert anonymous.source == "anonymous (Hill Council)"
    assert anonymous.chain[0]["speaker_text"] == "Lowland Radio"
    outlet = next(row for row in rows if row.is_outlet)
    assert outlet.source == "outlet"
    assert outlet.text == "The convoy was the largest this year."


@pytest.mark.parametrize("speaker", ["Omar Zadran", "omar zadran", "Zadran", "ZADRAN"])
def test_list_statements_by_speaker_name_or_alias(statements_kb, speaker: str):
    rows = list_statements(statements_kb, speaker=speaker)
    assert len(rows) == 3
    assert {row.speaker_name for row in rows} == {"Omar Zadran"}
    assert {row.document_path for row in rows} == {"border.txt", "valley.txt"}


def test_list_statements_by_speaker_id_and_unknown_speaker(statements_kb):
    (council,) = statements_kb.find_entities("Hill Council")
    rows = list_statements(statements_kb, speaker=council["id"])
    # Its own denial and non-response; the officials close to it are not it.
    assert [row.stance for row in rows] == [Stance.DENIES, Stance.NO_RESPONSE]
    assert list_statements(statements_kb, speaker="Gulbuddin Hekmatyar") == []
    assert list_statements(statements_kb, speaker="e-0000000000000000") == []


@pytest.mark.parametrize("stance", list(Stance))
def test_list_statements_by_stance(statements_kb, stance: Stance):
    rows = list_statements(statements_kb, stance=stance)
    assert rows == [row for row in list_statements(statements_kb) if row.stance is stance]
    assert rows
    assert list_statements(statements_kb, stance=stance.value) == rows


def test_list_statements_anonymous_named_and_outlet_voice(statements_kb):
    everything = list_statements(statements_kb)
    anonymous = list_statements(statements_kb, anonymous=True)
    named = list_statements(statements_kb, anonymous=False)
    outlet = list_statements(statements_kb, outlet_voice=True)
    assert sorted(row.speaker_text for row in anonymous) == [
        "Two officials close to the Hill Council",
        "a source",
    ]
    assert all(row.anonymous and row.speaker is None for row in anonymous)
    assert texts(outlet) == ["The convoy was the largest this year."]
    assert len(named) == 6
    assert all(not row.anonymous and row.speaker_text for row in named)
    # Each statement is exactly one of the three.
    assert sorted(texts(anonymous + named + outlet)) == sorted(texts(everything))
    assert list_statements(statements_kb, outlet_voice=False) == [
        row for row in everything if not row.is_outlet
    ]
    assert list_statements(statements_kb, anonymous=True, outlet_voice=True) == []


@pytest.mark.parametrize("how", ["id", "path", "origin"])
def test_list_statements_by_document(statements_kb, how: str):
    everything = list_statements(statements_kb)
    valley = next(row for row in everything if row.document_path == "valley.txt")
    value = {"id": valley.document_id, "path": "valley.txt", "origin": "/reports/valley.txt"}[how]
    rows = list_statements(statements_kb, document=value)
    assert rows == [row for row in everything if row.document_path == "valley.txt"]
    assert len(rows) == 3


def test_list_statements_by_unknown_document_is_empty(statements_kb):
    assert list_statements(statements_kb, document="nowhere.txt") == []


def test_list_statements_limit_and_filters_combine(statements_kb):
    everything = list_statements(statements_kb)
    assert list_statements(statements_kb, limit=2) == everything[:2]
    rows = list_statements(
        statements_kb, speaker="Zadran", stance="asserts", document="valley.txt", limit=5
    )
    assert texts(rows) == ["Omar Zadran said talks would continue."]
    hedged = [row for row in everything if row.hedged]
    assert texts(hedged) == ["Zadran reportedly met envoys in the valley on Sunday, a source said."]


def test_list_statements_of_a_base_without_statements_is_empty(make_db, statement_reports_data):
    database = make_db()
    assert list_statements(database) == []
    (border, entities, _), _ = statement_reports_data()
    database.store_report(border, entities)
    assert list_statements(database) == []
    assert list_statements(database, speaker="Zadran") == []


# -- actor_profile


def test_actor_profile_groups_the_actors_statements_by_stance(statements_kb):
    (council,) = statements_kb.find_entities("Hill Council")
    profile = actor_profile(statements_kb, council["id"])
    assert list(profile.statements) == list(Stance)
    said = profile.statements[Stance.ASSERTS]
    assert [(item.statement.speaker_text, item.as_affiliation) for item in said] == [
        ("Two officials close to the Hill Council", True)
    ]
    (denied,) = profile.statements[Stance.DENIES]
    assert denied.statement.text == "The Hill Council denied that any weapons were on board."
    assert not denied.as_affiliation
    assert profile.statements[Stance.DECLINES_COMMENT] == []
    (silent,) = profile.statements[Stance.NO_RESPONSE]
    assert silent.statement.document_path == "valley.txt"


def test_actor_profile_of_a_speaker(statements_kb):
    (zadran,) = statements_kb.find_entities("Omar Zadran")
    profile = actor_profile(statements_kb, zadran["id"])
    said = profile.statements[Stance.ASSERTS]
    assert len(said) == 3
    assert not any(item.as_affiliation for item in said)
    assert all(profile.statements[s] == [] for s in Stance if s is not Stance.ASSERTS)
    # Mentions are as before.
    assert {m.text for m in profile.mentions} == {"Omar Zadran", "Zadran"}


def test_actor_profile_of_an_actor_without_statements(statements_kb):
    (radio,) = statements_kb.find_entities("Lowland Radio")
    profile = actor_profile(statements_kb, radio["id"])
    assert profile.type == EntityType.ORGANIZATION.value
    assert all(group == [] for group in profile.statements.values())

"""Events and relations in the exchange format: written, read back without loss, checked.

The events and relations are hand-made over the statement reports of
conftest.py (see tests/store/event_reports.py).
"""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from dossier.errors import Errors, InputError
from dossier.export.jsonl import EVENT_FIELDS, KIND_ORDER, RELATION_FIELDS, dumps, write_export
from dossier.store import schema
from dossier.store.database import Database, open_database
from dossier.store.queries import actor_profile, list_events, list_relations, list_statements


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

SPEC_EVENT_FIELDS = [
    "kind",
    "id",
    "type",
    "mode",
    "context",
    "actors",
    "targets",
    "location",
    "date",
    "negated",
    "modality",
    "count",
    "summary",
    "statements",
]
SPEC_RELATION_FIELDS = ["kind", "id", "type", "subject", "object", "role", "statements"]


def records_of(export: str) -> list[dict]:
    return [json.loads(line) for line in export.splitlines() if line.strip()]


def text_of(records: list[dict]) -> str:
    return "".join(dumps(record) + "\n" for record in records)


def linked_export(database: Database) -> str:
    buffer = io.StringIO()
    write_export(database, buffer, linked_only=True)
    return buffer.getvalue()


def run_validate(shared: Path, export: Path):
    command = [sys.executable, str(shared / "spec" / "validate.py"), str(export)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def of_kind(records: list[dict], kind: str) -> list[dict]:
    return [r for r in records if r["kind"] == kind]


@pytest.fixture(scope="module")
def export(events_kb: Database, export_of) -> str:
    return export_of(events_kb)


@pytest.fixture(scope="module")
def records(export: str) -> list[dict]:
    return records_of(export)


# -- what an export holds


def test_relations_and_events_come_in_the_format_order_sorted_by_id(records):
    kinds = [record["kind"] for record in records]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)
    assert kinds.count("relation") == 1  # the unbacked one is left out
    assert kinds.count("event") == 5
    for kind in ("relation", "event"):
        ids = [r["id"] for r in of_kind(records, kind)]
        assert ids == sorted(ids)


def test_event_records_have_the_formats_fields_then_document_and_trigger(records):
    documents = {r["id"]: r for r in of_kind(records, "document")}
    entities = {r["id"] for r in of_kind(records, "entity")}
    statements = {r["id"]: r for r in of_kind(records, "statement")}
    for event in of_kind(records, "event"):
        assert list(event) == [*SPEC_EVENT_FIELDS, "document", "trigger"] == list(EVENT_FIELDS)
        assert event["id"].startswith("v-")
        assert set(event["actors"]) | set(event["targets"]) <= entities
        assert event["location"] is None or event["location"] in entities
        assert event["statements"]
        text = documents[event["document"]]["text"]
        start, end = event["trigger"]
        assert text[start:end] in {"sent", "crossed", "weapons", "met", "talks"}
        for statement in event["statements"]:
            assert statements[statement]["document"] == event["document"]
        first = statements[event["statements"][0]]  # the others may be replies to it
        assert first["start"] <= start < end <= first["end"]
    met = next(e for e in of_kind(records, "event") if e["mode"] == "visit")
    assert met["date"] == {"start": "2022-01-16", "end": "2022-01-16", "text": "on Sunday"}
    assert (met["negated"], met["modality"], met["count"]) == (False, "asserted", 1)
    talks = next(e for e in of_kind(records, "event") if e["modality"] == "planned")
    assert talks["date"] is None and talks["summary"] == "" and len(talks["actors"]) == 2


def test_relation_records_have_the_formats_fields(records):
    (relation,) = of_kind(records, "relation")
    assert list(relation) == SPEC_RELATION_FIELDS == list(RELATION_FIELDS)
    names = {r["id"]: r["name"] for r in of_kind(records, "entity")}
    assert (names[relation["subject"]], names[relation["object"]]) == (
        "Omar Zadran",
        "Hill Council",
    )
    assert (relation["type"], relation["role"]) == ("spokesperson_of", "Spokesman")
    statements = {r["id"]: r for r in of_kind(records, "statement")}
    assert len({statements[s]["document"] for s in relation["statements"]}) == 2


def test_statements_about_and_item_statements_agree_both_ways(records):
    items = {r["id"]: r for r in records if r["kind"] in ("event", "relation")}
    statements = of_kind(records, "statement")
    for statement in statements:
        for item in statement["about"]:
            assert statement["id"] in items[item]["statements"]
    by_id = {s["id"]: s for s in statements}
    for item in items.values():
        for statement in item["statements"]:
            assert item["id"] in by_id[statement]["about"]
    assert sum(1 for s in statements if not s["about"]) == 3


def test_the_linked_export_is_valid_by_the_format_validator(
    events_kb: Database, shared_dir: Path, tmp_path: Path
):
    path = tmp_path / "linked.jsonl"
    path.write_text(linked_export(events_kb), encoding="utf-8")
    result = run_validate(shared_dir, path)
    assert result.returncode == 0, result.stdout + result.stderr
    records = len(path.read_text(encoding="utf-8").splitlines())
    assert records == 19 + 6  # and one assessment per event and relation
    assert result.stdout.strip().endswith(f"{records} records, 0 problems")


def test_the_full_export_breaks_only_the_validators_non_empty_about(
    export: str, shared_dir: Path, tmp_path: Path
):
    path = tmp_path / "full.jsonl"
    path.write_text(export, encoding="utf-8")
    result = run_validate(shared_dir, path)
    problems = result.stdout.strip().splitlines()[:-1]
    assert len(problems) == 3, result.stdout
    assert all("'about' must have at least 1 item(s)" in line for line in problems)


def test_linked_only_leaves_out_statements_about_nothing_only(events_kb, records):
    linked = records_of(linked_export(events_kb))
    assert linked == [r for r in records if r["kind"] != "statement" or r["about"]]


# -- reading back


def test_round_trip_gives_the_identical_file(make_db, export: str, export_of, import_text):
    database = make_db("copy.db")
    counts = import_text(database, export)
    assert counts == {"document": 2, "entity": 5, "relation": 1, "event": 5, "statement": 9}
    assert export_of(database) == export
    again = make_db("again.db")
    import_text(again, export_of(database))
    assert export_of(again) == export


def test_an_imported_base_answers_queries_like_the_original(
    make_db, events_kb, export: str, import_text
):
    database = make_db()
    import_text(database, export)
    assert list_events(database) == list_events(events_kb)
    assert list_events(database, timeline=True) == list_events(events_kb, timeline=True)
    # The unbacked relation is not exported.
    assert list_relations(database) == [
        r for r in list_relations(events_kb) if r.type != "based_in"
    ]
    assert list_statements(database) == list_statements(events_kb)
    (zadran,) = database.find_entities("Omar Zadran")
    assert actor_profile(database, zadran["id"]) == actor_profile(events_kb, zadran["id"])


def test_importing_twice_or_into_its_own_base_changes_nothing(
    make_db, events_kb_path: Path, tmp_path: Path, export: str, export_of, import_text
):
    database = make_db()
    import_text(database, export)
    assert import_text(database, export) == {"entity": 5}  # entities are merged, so counted
    assert export_of(database) == export

    copy = tmp_path / "own.db"
    shutil.copyfile(events_kb_path, copy)
    own = open_database(str(copy))
    try:
        counts = own.counts()
        assert import_text(own, export) == {"entity": 5}
        assert own.counts() == counts
        assert export_of(own) == export
    finally:
        own.close()


def test_merging_the_exports_of_two_bases_gives_the_export_of_one_with_both(
    make_db, event_reports_data, export: str, export_of, import_text
):
    border, valley = event_reports_data()
    first = store_event_reports(make_db("first.db"), [border])
    second = store_event_reports(make_db("second.db"), [valley])
    for into, other in ((first, second), (second, first)):
        import_text(into, export_of(other))
        # One relation, backed by both reports; the smaller role spelling kept.
        assert export_of(into) == export


def test_unknown_fields_and_unusual_values_are_kept_as_written(
    make_db, export: str, records, export_of, import_text
):
    changed = []
    for record in records:
        if record["kind"] == "event" and record["mode"] == "visit":
            record = {
                **record,
                "actors": record["actors"] * 2,  # listed twice
                "date": {"start": "2022-01-16", "text": "on Sunday"},  # no end given
                "x-confidence": 0.8,
            }
        elif record["kind"] == "relation":
            record = {**record, "x-source-tool": {"name": "other", "version": [1, 2]}}
        changed.append(record)
    text = text_of(changed)
    database = make_db()
    import_text(database, text)
    assert export_of(database) == text  # the assessments too: weighed anew, the same
    again = make_db("again.db")
    import_text(again, text)
    assert export_of(again) == text
    met = next(e for e in list_events(database) if e.mode == "visit")
    assert [party.name for party in met.actors] == ["Omar Zadran"]
    assert (met.date_start, met.date_end) == ("2022-01-16", None)


def test_records_of_other_tools_without_document_or_trigger(
    make_db, records, export_of, import_text, weighing_dropped
):
    entities = {r["name"]: r["id"] for r in of_kind(records, "entity")}
    statement = next(s for s in of_kind(records, "statement") if s["stance"] == "denies")
    foreign = {
        "kind": "event",
        "id": "v-convoy-weapons",
        "type": "AID",
        "mode": None,
        "context": ["military"],
        "actors": [entities["Hill Council"]],
        "targets": [],
        "location": None,
        "date": None,
        "negated": True,
        "modality": "hypothetical",
        "count": 2,
        "summary": None,
        "statements": [statement["id"]],
    }
    kept = [r for r in records if r["kind"] in ("document", "entity")]
    linked = {**statement, "about": [foreign["id"]]}
    text = text_of([*kept, foreign, linked])
    database = make_db()
    import_text(database, text)
    assert weighing_dropped(export_of(database)) == text
    (event,) = list_events(database)
    assert (event.document_id, event.trigger, event.negated, event.count) == (None, None, True, 2)
    assert [str(r) for r in event.reported_by] == ["Hill Council (denies)"]


def test_a_link_given_on_one_side_only_is_added_on_the_other(
    make_db, export: str, records, export_of, import_text
):
    event = next(e for e in of_kind(records, "event") if e["mode"] == "visit")
    backing, other = event["statements"]
    one_sided = []
    for record in records:
        if record["id"] == event["id"]:
            record = {**record, "statements": [backing]}  # the other lists it in "about"
        elif record["id"] == backing:
            record = {**record, "about": []}  # the event lists it
        one_sided.append(record)
    database = make_db()
    import_text(database, text_of(one_sided))
    written = {r["id"]: r for r in records_of(export_of(database))}
    assert written[event["id"]]["statements"] == [backing, other]
    assert written[backing]["about"] == [event["id"]]
    assert export_of(database) == export


def test_events_and_relations_kept_verbatim_by_an_older_dossier_are_still_written(
    tmp_path: Path, records, export_of
):
    path = tmp_path / "old.db"
    database = open_database(str(path))
    database.close()
    with sqlite3.connect(path) as connection:  # schema 2 kept them in "records"
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
    database = open_database(str(path))
    try:
        kept = [r for r in records if r["kind"] in ("relation", "event")]
        with database.transaction() as connection:
            connection.execute(
                insert(schema.records),
                [
                    {"id": r["id"], "kind": r["kind"], "position": n, "data": json.dumps(r)}
                    for n, r in enumerate(kept)
                ],
            )
        assert records_of(export_of(database)) == kept
        assert list_events(database) == []
    finally:
        database.close()


# -- malformed events and relations: InputError naming file:line, nothing imported


def changed(**changes):
    def change(record: dict) -> dict:
        record = {**record, **changes}
        return {k: v for k, v in record.items() if v is not ...}

    return change


MALFORMED_EVENTS = {
    "unknown type": changed(type="MEET"),
    "lower-case type": changed(type="consult"),
    "mode not a string": changed(mode=3),
    "context not a list": changed(context="diplomatic"),
    "unknown actor": changed(actors=["e-0000000000000000"]),
    "actors not a list": changed(actors="e-x"),
    "unknown target": changed(targets=["e-0000000000000000"]),
    "unknown location": changed(location="e-0000000000000000"),
    "date not an object": changed(date="on Sunday"),
    "date start not ISO": changed(date={"start": "16/01/2022", "end": None, "text": "x"}),
    "date text not a string": changed(date={"start": None, "end": None, "text": 5}),
    "negated not a boolean": changed(negated="no"),
    "unknown modality": changed(modality="rumoured"),
    "count of 0": changed(count=0),
    "count not a number": changed(count="two"),
    "no statements": changed(statements=...),
    "statements not ids": changed(statements=[1]),
    "unknown statement": changed(statements=["s-0000000000000000"]),
    "unknown document": changed(document="d-0000000000000000"),
    "trigger not a pair": changed(trigger=[3]),
}
MALFORMED_RELATIONS = {
    "unknown type": changed(type="friend_of"),
    "no subject": changed(subject=...),
    "unknown object": changed(object="e-0000000000000000"),
    "role not a string": changed(role=["spokesman"]),
    "statements not a list": changed(statements="s-1"),
    "unknown statement": changed(statements=["s-0000000000000000"]),
}


@pytest.mark.parametrize(
    ("kind", "case"),
    [("event", case) for case in sorted(MALFORMED_EVENTS)]
    + [("relation", case) for case in sorted(MALFORMED_RELATIONS)],
)
def test_a_malformed_event_or_relation_names_file_and_line_and_imports_nothing(
    kind: str, case: str, make_db, export: str, records, import_text
):
    change = (MALFORMED_EVENTS if kind == "event" else MALFORMED_RELATIONS)[case]
    lines = export.splitlines()
    index = next(i for i, r in enumerate(records) if r["kind"] == kind)
    lines[index] = dumps(change(records[index]))
    database = make_db()
    with pytest.raises(InputError) as caught:
        import_text(database, "\n".join(lines) + "\n", "exports/kb.jsonl")
    number = index + 1
    assert caught.value.code is Errors.E012
    assert caught.value.where == f"exports/kb.jsonl:{number}"
    assert str(caught.value).startswith(
        f"exports/kb.jsonl:{number}: [E012] not a record of the exchange format: "
        f"{'an event' if kind == 'event' else 'a relation'}"
    )
    assert database.is_empty()


def test_events_naming_entities_and_statements_of_the_base_are_read(
    make_db, export: str, records, export_of, import_text
):
    database = make_db()
    first = [r for r in records if r["kind"] in ("document", "entity", "statement")]
    import_text(database, text_of(first))
    import_text(database, text_of([r for r in records if r["kind"] in ("relation", "event")]))
    assert export_of(database) == export

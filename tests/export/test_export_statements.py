"""Statements in the exchange format: written, read back without loss, malformed ones refused.

The statements come from the hand-made reports of conftest.py
(``statements_kb``): quotes broken by their attribution (several content
spans), an "according to" chain, anonymous, affiliated and outlet-voice
sources.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from dossier.errors import Errors, InputError
from dossier.export.jsonl import KIND_ORDER, STATEMENT_FIELDS, dumps, write_export
from dossier.store import schema
from dossier.store.database import Database, open_database

SPEC_FIELDS = [
    "kind",
    "id",
    "document",
    "text",
    "start",
    "end",
    "speaker",
    "speaker_text",
    "anonymous",
    "affiliation",
    "cue",
    "stance",
    "hedged",
    "spans",
    "about",
]


def records_of(export: str) -> list[dict]:
    return [json.loads(line) for line in export.splitlines() if line.strip()]


def linked_export(database: Database) -> str:
    buffer = io.StringIO()
    write_export(database, buffer, linked_only=True)
    return buffer.getvalue()


def pairs(part) -> list[tuple[int, int]]:
    if part is None:
        return []
    if isinstance(part[0], int):
        return [tuple(part)]
    return [tuple(pair) for pair in part]


def run_validate(shared: Path, export: Path):
    command = [sys.executable, str(shared / "spec" / "validate.py"), str(export)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def export(statements_kb: Database, export_of) -> str:
    return export_of(statements_kb)


@pytest.fixture(scope="module")
def records(export: str) -> list[dict]:
    return records_of(export)


def statements_of(records: list[dict]) -> list[dict]:
    return [r for r in records if r["kind"] == "statement"]


def linked_records(records: list[dict]) -> list[dict]:
    """An event and a relation, and the statements they rest on linked to them."""
    entities = {r["name"]: r["id"] for r in records if r["kind"] == "entity"}
    statements = statements_of(records)
    crossing = next(s for s in statements if "crossed the border" in s["text"])
    denial = next(s for s in statements if s["stance"] == "denies")
    return [
        {
            "kind": "relation",
            "id": "r-zadran-council",
            "type": "spokesperson_of",
            "subject": entities["Omar Zadran"],
            "object": entities["Hill Council"],
            "role": "spokesman",
            "statements": [crossing["id"]],
        },
        {
            "kind": "event",
            "id": "v-convoy-crosses",
            "type": "AID",
            "mode": None,
            "context": ["humanitarian"],
            "actors": [entities["Hill Council"]],
            "targets": [],
            "location": None,
            "date": {"start": None, "end": None, "text": "on Friday"},
            "negated": False,
            "modality": "asserted",
            "count": 1,
            "summary": "a convoy crossed the border",
            "statements": [crossing["id"], denial["id"]],
        },
    ]


def with_links(records: list[dict]) -> str:
    """The export with the relation and event added and their statements' ``about`` set."""
    extra = linked_records(records)
    about: dict[str, list[str]] = {}
    for record in extra:
        for statement_id in record["statements"]:
            about.setdefault(statement_id, []).append(record["id"])
    first = next(i for i, r in enumerate(records) if r["kind"] == "statement")
    linked = [{**r, "about": sorted(about.get(r["id"], []))} for r in records[first:]]
    return "".join(dumps(r) + "\n" for r in [*records[:first], *extra, *linked])


# -- what an export holds


def test_statements_come_after_entities_by_document_and_start(records):
    kinds = [record["kind"] for record in records]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)
    statements = statements_of(records)
    assert len(statements) == 9
    keys = [(s["document"], s["start"], s["id"]) for s in statements]
    assert keys == sorted(keys)
    assert len({s["id"] for s in statements}) == 9


def test_statement_records_have_every_field_of_the_format_and_a_chain(records):
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "document"}
    entities = {r["id"]: r for r in records if r["kind"] == "entity"}
    for statement in statements_of(records):
        assert list(statement) == [*SPEC_FIELDS, "chain"] == list(STATEMENT_FIELDS)
        assert statement["id"].startswith("s-")
        text = texts[statement["document"]]
        assert text[statement["start"] : statement["end"]] == statement["text"]
        assert statement["stance"] in {"asserts", "denies", "declines_comment", "no_response"}
        assert isinstance(statement["anonymous"], bool) and isinstance(statement["hedged"], bool)
        assert statement["about"] == []
        for who in ("speaker", "affiliation"):
            assert statement[who] is None or statement[who] in entities
        if statement["anonymous"]:
            assert statement["speaker"] is None
        assert list(statement["spans"]) == ["source", "cue", "content"]
        for part in statement["spans"].values():
            for start, end in pairs(part):
                assert statement["start"] <= start <= end <= statement["end"]
        for link in statement["chain"]:
            assert list(link) == ["speaker_text", "cue", "speaker"]
            assert link["speaker"] is None or link["speaker"] in entities


def test_broken_quotes_and_chains_are_written(records):
    statements = statements_of(records)
    quote = next(s for s in statements if s["text"].startswith('"We sent'))
    content = quote["spans"]["content"]
    assert len(content) == 2 and all(len(pair) == 2 for pair in content)
    assert quote["spans"]["source"] == [
        quote["start"] + quote["text"].index("Zadran"),
        quote["start"] + quote["text"].index("Zadran") + len("Zadran"),
    ]
    (chained,) = [s for s in statements if s["chain"]]
    radio = next(r for r in records if r.get("name") == "Lowland Radio")
    assert chained["chain"] == [
        {"speaker_text": "Lowland Radio", "cue": "according to", "speaker": radio["id"]}
    ]
    assert chained["anonymous"] and chained["affiliation"] is not None
    (outlet,) = [s for s in statements if s["speaker_text"] is None]
    assert outlet["spans"]["source"] is None and outlet["spans"]["cue"] is None
    assert outlet["cue"] is None and outlet["speaker"] is None


# -- reading back


def test_round_trip_with_statements_gives_the_identical_file(
    make_db, export: str, export_of, import_text
):
    database = make_db("copy.db")
    counts = import_text(database, export)
    assert counts == {"document": 2, "entity": 4, "statement": 9}
    assert export_of(database) == export
    again = make_db("again.db")
    import_text(again, export_of(database))
    assert export_of(again) == export


def test_importing_statements_twice_or_into_their_own_base_changes_nothing(
    make_db, statements_kb_path: Path, tmp_path: Path, export: str, export_of, import_text
):
    database = make_db()
    import_text(database, export)
    import_text(database, export)
    assert export_of(database) == export
    assert database.counts()["statements"] == 9

    copy = tmp_path / "own.db"
    shutil.copyfile(statements_kb_path, copy)
    own = open_database(str(copy))
    try:
        import_text(own, export)
        assert export_of(own) == export
    finally:
        own.close()


def test_an_imported_base_lists_the_same_statements(make_db, statements_kb, export, import_text):
    from dossier.store.queries import actor_profile, list_statements

    database = make_db()
    import_text(database, export)
    assert list_statements(database) == list_statements(statements_kb)
    (council,) = database.find_entities("Hill Council")
    assert actor_profile(database, council["id"]) == actor_profile(statements_kb, council["id"])


def test_a_statement_without_spans_or_chain_is_read(make_db, export, records, import_text):
    # Exports made before 'spans' existed lack it; other tools do not write 'chain'.
    lines = export.splitlines()
    number = next(i for i, r in enumerate(records) if r["kind"] == "statement")
    record = dict(records[number])
    del record["spans"], record["chain"]
    lines[number] = dumps(record)
    database = make_db()
    import_text(database, "\n".join(lines) + "\n")
    from dossier.export.jsonl import iter_records

    written = next(r for r in iter_records(database) if r["id"] == record["id"])
    assert written["spans"] == {"source": None, "cue": None, "content": None}
    assert written["chain"] == []
    assert {k: v for k, v in written.items() if k not in ("spans", "chain")} == record


# -- linked_only


def test_linked_only_leaves_out_statements_about_nothing(statements_kb, export: str):
    linked = linked_export(statements_kb)
    assert [r["kind"] for r in records_of(linked)] == [
        r["kind"] for r in records_of(export) if r["kind"] != "statement"
    ]
    assert linked == "".join(
        line + "\n" for line in export.splitlines() if json.loads(line)["kind"] != "statement"
    )


def test_linked_only_keeps_statements_about_events_and_relations(
    make_db, export: str, records, export_of, import_text, weighing_dropped
):
    linked_file = with_links(records)
    database = make_db()
    import_text(database, linked_file)
    # the full export keeps every statement (and weighs each item anew)
    assert weighing_dropped(export_of(database)) == weighing_dropped(linked_file)
    kept = [r for r in records_of(linked_export(database)) if r["kind"] == "statement"]
    assert len(kept) == 2
    assert all(r["about"] for r in kept)
    full = [r for r in records_of(linked_file) if r["kind"] == "statement" and r["about"]]
    assert kept == full


def test_linked_only_export_is_valid_by_the_format_validator(
    make_db, export: str, records, import_text, shared_dir: Path, tmp_path: Path
):
    database = make_db()
    import_text(database, with_links(records))
    path = tmp_path / "linked.jsonl"
    path.write_text(linked_export(database), encoding="utf-8")
    result = run_validate(shared_dir, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_full_export_breaks_only_the_validators_non_empty_about(
    export: str, shared_dir: Path, tmp_path: Path
):
    # Known conflict with the format: statements about no event yet are written
    # with "about": [], which validate.py refuses. Nothing else is wrong.
    path = tmp_path / "full.jsonl"
    path.write_text(export, encoding="utf-8")
    result = run_validate(shared_dir, path)
    problems = result.stdout.strip().splitlines()[:-1]
    assert len(problems) == 9, result.stdout
    assert all("'about' must have at least 1 item(s)" in line for line in problems)


def test_statements_kept_verbatim_by_an_older_dossier_are_still_written(
    make_db, export: str, records, export_of, import_text
):
    database = make_db()
    import_text(database, export)
    old = {**statements_of(records)[0], "id": "s-from-an-older-base", "about": ["v-x"]}
    with database.transaction() as connection:
        connection.execute(
            insert(schema.records),
            [{"id": old["id"], "kind": "statement", "position": 1, "data": json.dumps(old)}],
        )
    written = records_of(export_of(database))
    assert written[-1] == old
    assert [r["id"] for r in records_of(linked_export(database))] == [
        *(r["id"] for r in records if r["kind"] != "statement"),
        old["id"],
    ]


# -- malformed statements: InputError naming file:line, nothing imported


def changed(**changes):
    def change(record: dict) -> dict:
        record = {**record, **changes}
        return {k: v for k, v in record.items() if v is not ...}

    return change


def spans(**parts):
    return lambda record: {**record, "spans": {**record["spans"], **parts}}


def chain(value):
    return lambda record: {**record, "chain": value}


MALFORMED = {
    "no document": changed(document=...),
    "unknown document": changed(document="d-0000000000000000"),
    "no text": changed(text=...),
    "text not a string": changed(text=12),
    "no stance": changed(stance=...),
    "unknown stance": changed(stance="hints"),
    "no start": changed(start=...),
    "negative start": changed(start=-1),
    "start after end": changed(start=50, end=10),
    "end not a number": changed(end="ten"),
    "anonymous not a boolean": changed(anonymous="yes"),
    "no hedged": changed(hedged=...),
    "cue not a string": changed(cue=3),
    "speaker_text not a string": changed(speaker_text=["Zadran"]),
    "unknown speaker": changed(speaker="e-0000000000000000"),
    "speaker not an id": changed(speaker=7),
    "unknown affiliation": changed(affiliation="e-0000000000000000"),
    "no about": changed(about=...),
    "about not a list": changed(about="v-convoy"),
    "about with a number": changed(about=[1]),
    "spans not an object": changed(spans=[1, 2]),
    "spans without a part": lambda record: {**record, "spans": {"source": None, "cue": None}},
    "span part an empty list": spans(content=[]),
    "span pair backwards": spans(cue=[9, 2]),
    "span pair of three": spans(source=[1, 2, 3]),
    "chain not a list": chain({"speaker_text": "Lowland Radio"}),
    "chain link without speaker_text": chain([{"cue": "citing", "speaker": None}]),
    "chain speaker unknown": chain(
        [{"speaker_text": "Lowland Radio", "cue": None, "speaker": "e-0000000000000000"}]
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_statement_names_file_and_line_and_imports_nothing(
    case: str, make_db, export: str, records, import_text
):
    lines = export.splitlines()
    index = next(i for i, r in enumerate(records) if r["kind"] == "statement" and r["chain"])
    lines[index] = dumps(MALFORMED[case](records[index]))
    database = make_db()
    with pytest.raises(InputError) as caught:
        import_text(database, "\n".join(lines) + "\n", "exports/kb.jsonl")
    number = index + 1
    assert caught.value.code is Errors.E012
    assert caught.value.where == f"exports/kb.jsonl:{number}"
    assert str(caught.value).startswith(
        f"exports/kb.jsonl:{number}: [E012] not a record of the exchange format: a statement"
    )
    assert database.is_empty()


def test_a_statement_naming_an_entity_of_the_base_is_read(
    make_db, export: str, records, export_of, import_text
):
    # The documents and entities are in the base already (an earlier import),
    # not in the file that brings the statements.
    database = make_db()
    import_text(database, "".join(dumps(r) + "\n" for r in records if r["kind"] != "statement"))
    import_text(database, "".join(dumps(r) + "\n" for r in statements_of(records)))
    assert export_of(database) == export

"""``dossier events`` and ``timeline``, and the relation and event sections of ``show``.

They read the events knowledge base of tests/store/event_reports.py
(hand-made events and relations over the statement reports of conftest.py).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.store.queries import list_events


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
events_kb_path = event_reports.events_kb_path
events_kb = event_reports.events_kb

WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250", "NO_COLOR": "1"}


def invoke(*args, **kwargs):
    kwargs.setdefault("env", WIDE)
    return CliRunner().invoke(app, [str(arg) for arg in args], **kwargs)


def says(output: str, expected: str) -> bool:
    """``expected`` is in ``output``, whitespace ignored."""
    return "".join(expected.split()) in "".join(output.split())


def json_ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


# -- dossier events


def test_events_json_lists_every_event(events_kb_path: Path, events_kb):
    result = invoke("events", "--db", events_kb_path, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [row.to_dict() for row in list_events(events_kb)]
    assert len(rows) == 5
    assert list(rows[0]) == [
        "id",
        "document",
        "path",
        "outlet",
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
        "trigger",
        "statements",
        "reported_by",
    ]
    met = next(row for row in rows if row["mode"] == "visit")
    assert met["location"]["name"] == "Green Valley"
    assert [party["name"] for party in met["actors"]] == ["Omar Zadran"]
    assert [(r["source"], r["stance"]) for r in met["reported_by"]] == [
        ("anonymous", "asserts"),
        ("Hill Council", "no_response"),
    ]


FILTERS = [
    (["--actor", "Hill Council"], {"actor": "Hill Council"}),
    (["--actor", "zadran"], {"actor": "zadran"}),
    (["--type", "consult"], {"type": "CONSULT"}),
    (["-t", "Aid"], {"type": "AID"}),
    (["--from", "2022-01-15"], {"date_from": "2022-01-15"}),
    (["--to", "2022-01-14"], {"date_to": "2022-01-14"}),
    (["--from", "2022-01", "--to", "2022-01"], {"date_from": "2022-01", "date_to": "2022-01"}),
    (["--place", "Green Valley"], {"place": "Green Valley"}),
    (["--report", "valley.txt"], {"document": "valley.txt"}),
    (["--report", "/reports/border.txt"], {"document": "/reports/border.txt"}),
    (["--limit", "2"], {"limit": 2}),
    (
        ["--actor", "Hill Council", "--type", "aid", "--from", "2022"],
        {"actor": "Hill Council", "type": "AID", "date_from": "2022"},
    ),
]


@pytest.mark.parametrize(
    ("options", "filters"),
    FILTERS,
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_events_options_are_the_query_filters(events_kb_path: Path, events_kb, options, filters):
    ids = json_ids(invoke("events", "--db", events_kb_path, "--json", *options))
    assert ids == [row.id for row in list_events(events_kb, **filters)]
    assert ids


def test_events_table(events_kb_path: Path):
    result = invoke("events", "--db", events_kb_path)
    assert result.exit_code == 0, result.output
    output = result.stdout
    for column in ("date", "type", "actors", "targets", "place", "event", "report"):
        assert column in output
    assert says(output, "The Hill Council's convoy crossed the border")
    line = next(line for line in output.splitlines() if "envoys" in line)
    for part in ("2022-01-16", "CONSULT (visit)", "Omar Zadran", "Green Valley", "valley.txt"):
        assert part in line
    # An event without a summary is told by its parties; a planned one says so.
    assert says(output, "Omar Zadran, Hill Council consult (planned)")


def test_events_matching_nothing_say_so(events_kb_path: Path):
    result = invoke("events", "--db", events_kb_path, "--from", "2030")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "no events match" in result.stderr
    json_result = invoke("events", "--db", events_kb_path, "--report", "x", "--json")
    assert json_result.exit_code == 0 and json_result.stdout == ""


@pytest.mark.parametrize("option", ["--actor", "--place"])
def test_events_of_an_unknown_actor_or_place_exit_2_with_e105(events_kb_path: Path, option: str):
    result = invoke("events", "--db", events_kb_path, option, "Gulbuddin Hekmatyar")
    assert result.exit_code == 2
    assert says(result.stderr, "[E105] no entity matches 'Gulbuddin Hekmatyar'")


@pytest.mark.parametrize("command", ["events", "timeline"])
def test_an_unknown_type_is_refused(events_kb_path: Path, command: str):
    result = invoke(command, "--db", events_kb_path, "--type", "MEET")
    assert result.exit_code == 2
    assert "'MEET' is not a PLOVER event type" in result.output


@pytest.mark.parametrize("value", ["14/01/2022", "2022-13", "yesterday"])
@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_date_that_is_not_an_iso_prefix_is_refused(events_kb_path: Path, option: str, value: str):
    result = invoke("timeline", "--db", events_kb_path, option, value)
    assert result.exit_code == 2
    assert says(result.output, f"'{value}' is not an ISO date")


@pytest.mark.parametrize("command", ["events", "timeline"])
def test_events_do_not_create_a_missing_database(tmp_path: Path, command: str):
    path = tmp_path / "missing.db"
    result = invoke(command, "--db", path)
    assert result.exit_code == 2
    assert says(result.stderr, f"{path}: [E103]")
    assert not path.exists()


@pytest.mark.parametrize("command", ["events", "timeline"])
def test_events_of_a_base_without_any(make_db, tmp_path: Path, command: str):
    make_db("empty.db")
    result = invoke(command, "--db", tmp_path / "empty.db", "--json")
    assert result.exit_code == 0 and result.stdout == ""


# -- dossier timeline


def test_timeline_json_is_in_date_order(events_kb_path: Path, events_kb):
    result = invoke("timeline", "--db", events_kb_path, "--json")
    ids = json_ids(result)
    assert ids == [row.id for row in list_events(events_kb, timeline=True)]
    dates = [json.loads(line)["date"] for line in result.stdout.splitlines()]
    assert [date["start"] if date else None for date in dates] == [
        "2022",
        "2022-01-14",
        "2022-01-16",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("options", "filters"),
    FILTERS,
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_timeline_options_are_the_query_filters(events_kb_path: Path, events_kb, options, filters):
    ids = json_ids(invoke("timeline", "--db", events_kb_path, "--json", *options))
    assert ids == [row.id for row in list_events(events_kb, **filters, timeline=True)]


def test_timeline_table_says_who_reports_each_event(events_kb_path: Path):
    result = invoke("timeline", "--db", events_kb_path)
    assert result.exit_code == 0, result.output
    output = result.stdout
    for column in ("date", "type", "event", "reported by", "report"):
        assert column in output
    order = [output.index(part) for part in ("2022 ", "2022-01-14", "2022-01-16", "undated")]
    assert order == sorted(order)
    met = next(line for line in output.splitlines() if "envoys" in line)
    assert "anonymous (asserts, hedged); Hill Council (no_response)" in met
    weapons = next(line for line in output.splitlines() if "Weapons" in line)
    assert "Hill Council (denies)" in weapons
    crossed = next(line for line in output.splitlines() if "crossed" in line)
    assert "Omar Zadran (asserts)" in crossed
    assert output.count("undated") == 2


def test_timeline_names_the_outlet_for_its_own_voice(
    make_db, tmp_path: Path, statement_reports_data
):
    from dossier.model.event import ReportEvent

    (border, entities, statements), _ = statement_reports_data()
    largest = border["text"].index("largest")
    event = ReportEvent(type="MOBILIZE", trigger=(largest, largest + 7), actors=[1])
    make_db("outlet.db").store_report(border, entities, (), statements, [event])
    result = invoke("timeline", "--db", tmp_path / "outlet.db")
    assert result.exit_code == 0, result.output
    assert "Example Wire (asserts)" in result.stdout
    assert says(result.stdout, "Hill Council mobilize")


# -- dossier show


def test_show_lists_the_actors_relations_and_events(events_kb_path: Path):
    result = invoke("show", "Hill Council", "--db", events_kb_path)
    assert result.exit_code == 0, result.output
    output = " ".join(result.stdout.split())
    assert "relations: 2" in output
    assert "based_in → Green Valley — 1 statement(s)" not in output  # unbacked: none
    assert "based_in → Green Valley — 0 statement(s)" in output
    assert "Omar Zadran is spokesperson_of it (Spokesman) — 2 statement(s)" in output
    assert "events: 4" in output
    assert says(output, "2022 AID (actor) Weapons on board the convoy")
    assert says(output, "2022-01-14 MOBILIZE (actor) The Hill Council's convoy crossed the border")
    assert says(output, "undated CONSULT (actor) Omar Zadran, Hill Council consult (planned)")
    sections = [output.index(part) for part in ("statements:", "relations:", "events:")]
    assert sections == sorted(sections)
    section = output[output.index("events:") :]
    events = [section.index(part) for part in ("Weapons", "crossed the border", "forty trucks")]
    assert events == sorted(events)


def test_show_of_a_subject_and_of_a_place(events_kb_path: Path):
    zadran = " ".join(invoke("show", "Zadran", "--db", events_kb_path).stdout.split())
    assert "spokesperson_of → Hill Council (Spokesman) — 2 statement(s)" in zadran
    assert says(zadran, "2022-01-16 CONSULT (actor) Zadran met envoys in the valley")
    valley = " ".join(invoke("show", "Green Valley", "--db", events_kb_path).stdout.split())
    assert "Hill Council is based_in it" in valley
    assert says(valley, "2022-01-16 CONSULT (place) Zadran met envoys in the valley")


def test_show_of_an_actor_without_relations_or_events(events_kb_path: Path):
    result = invoke("show", "Lowland Radio", "--db", events_kb_path)
    assert result.exit_code == 0, result.output
    assert "relations: 0" in result.stdout
    assert "events: 0" in result.stdout


# -- dossier export


def test_export_writes_events_and_relations(events_kb_path: Path, events_kb, export_of):
    result = invoke("export", "--db", events_kb_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == export_of(events_kb)
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert (kinds.count("relation"), kinds.count("event")) == (1, 5)
    linked = invoke("export", "--db", events_kb_path, "--linked-only")
    assert linked.exit_code == 0, linked.output
    statements = [
        json.loads(line) for line in linked.stdout.splitlines() if '"kind": "statement"' in line
    ]
    assert len(statements) == 6 and all(s["about"] for s in statements)


def test_import_reads_events_back(events_kb_path: Path, tmp_path: Path):
    exported = tmp_path / "kb.jsonl"
    assert invoke("export", "--db", events_kb_path, "-o", exported).exit_code == 0
    target = tmp_path / "imported.db"
    result = invoke("import", exported, "--db", target)
    assert result.exit_code == 0, result.output
    assert says(result.stderr, "imported 2 document(s), 5 entity(s), 1 relation(s), 5 event(s)")
    again = invoke("export", "--db", target)
    assert again.stdout == exported.read_text(encoding="utf-8")

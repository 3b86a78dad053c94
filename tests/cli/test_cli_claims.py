"""End to end: short reports in, weighed claims out (``dossier claims``), and analysts' judgements.

The reports are written for these tests. Across them one claim is
corroborated (two named sources in two outlets), one contested (asserted in
one outlet, denied by the party in another), one denied, one single-sourced,
and one backed only by a repeated anonymous source; a third outlet names a
minister with another spelling and quotes the Kremlin's denial again.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app

WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250", "NO_COLOR": "1"}

REPORTS = [
    {
        "path": "courier-1.txt",
        "outlet": "Northern Courier",
        "published": "2024-03-10",
        "text": (
            "Russia delivered tanks to Serbia on March 4, said Ivan Petrov, a defence analyst.\n"
            "Turkey supplied drones to Azerbaijan in February, according to Armen Sarkissian, "
            "an Armenian official.\n"
            "Pakistan supplied rifles to the Taliban last month, a source close to the Taliban "
            "said.\n"
            "The same source said that Pakistan supplied rifles to the Taliban.\n"
        ),
    },
    {
        "path": "ledger-1.txt",
        "outlet": "Evening Ledger",
        "published": "2024-03-11",
        "text": (
            "Russia delivered tanks to Serbia on March 4, Serbian defence minister Milos Vucevic "
            "told reporters.\n"
            "Turkey denied that it supplied drones to Azerbaijan.\n"
            "The Kremlin denied that Russia attacked Georgia in January.\n"
            "Iran hosted talks between the Taliban and Tajikistan in Tehran on March 2, Iranian "
            "foreign minister Hossein Amir-Abdollahian said.\n"
        ),
    },
]


def copy_db(source: Path, folder: Path) -> Path:
    """A private copy of a base (the SQLite backup API: the write-ahead log included)."""
    target = folder / "kb.db"
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    return target


def invoke(*args, **kwargs):
    kwargs.setdefault("env", WIDE)
    return CliRunner().invoke(app, [str(arg) for arg in args], **kwargs)


def claims(db: Path, *args) -> list[dict]:
    result = invoke("claims", "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def reports_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory, reports_file: Path) -> Path:
    db = tmp_path_factory.mktemp("claims-db") / "kb.db"
    result = invoke("ingest", reports_file, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def event_claim(found: list[dict], type: str, *parties: str) -> dict:
    matches = [
        c
        for c in found
        if c["item_kind"] == "event" and c["type"] == type and set(parties) <= set(c["parties"])
    ]
    assert len(matches) == 1, [(c["type"], c["parties"]) for c in found]
    return matches[0]


def sources(claim: dict, side: str) -> set[str]:
    return {s["source"] for s in claim["statements"] if s["side"] == side}


def test_every_status(claims_db: Path):
    found = claims(claims_db, "--kind", "event")
    tanks = event_claim(found, "AID", "Russia", "Serbia")
    assert tanks["status"] == "corroborated" and tanks["independent_sources"] == 2
    assert tanks["credibility"] == 1
    assert sources(tanks, "supporting") == {"Ivan Petrov", "Milos Vucevic"}
    drones = event_claim(found, "AID", "Azerbaijan")
    assert drones["status"] == "contested"
    assert sources(drones, "supporting") == {"Armen Sarkissian"}
    assert len(sources(drones, "denying")) == 1
    assert {s["outlet"] for s in drones["statements"]} == {"Northern Courier", "Evening Ledger"}
    georgia = event_claim(found, "ASSAULT", "Russia", "Georgia")
    assert georgia["status"] == "denied" and georgia["credibility"] == 5
    talks = event_claim(found, "CONSULT", "Iran")
    assert talks["status"] == "single_source" and talks["credibility"] == 2
    rifles = event_claim(found, "AID", "Pakistan")
    assert rifles["status"] == "single_source"
    assert len(rifles["supporting"]) == 2 and rifles["independent_sources"] == 1
    assert rifles["credibility"] == 3


def test_contested_first_and_filters(claims_db: Path):
    found = claims(claims_db)
    order = [c["status"] for c in found]
    assert order[0] == "contested"
    assert order.index("corroborated") > order.index("single_source")
    only = claims(claims_db, "--status", "denied")
    assert only and all(c["status"] == "denied" for c in only)
    assert all("Pakistan" in c["parties"] for c in claims(claims_db, "--actor", "Pakistan"))
    assert all(c["independent_sources"] >= 2 for c in claims(claims_db, "--min-sources", "2"))


def test_claims_text_shows_each_side(claims_db: Path):
    result = invoke("claims", "--db", claims_db, "--status", "contested", "--kind", "event")
    assert result.exit_code == 0, result.output
    assert "CONTESTED" in result.output and "says so:" in result.output
    assert "denies:" in result.output and "Armen Sarkissian" in result.output
    assert "Turkey denied that it supplied drones" in result.output


def test_bad_status_is_refused(claims_db: Path):
    result = invoke("claims", "--db", claims_db, "--status", "maybe")
    assert result.exit_code == 2 and "--status" in result.output


def test_export_has_assessments(claims_db: Path, tmp_path: Path):
    out = tmp_path / "kb.jsonl"
    assert invoke("export", "--db", claims_db, "-o", out).exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    kinds = [r["kind"] for r in records]
    assert kinds.index("assessment") > max(i for i, k in enumerate(kinds) if k == "statement")
    assessed = {r["about"] for r in records if r["kind"] == "assessment"}
    items = {r["id"] for r in records if r["kind"] in ("event", "relation")}
    assert assessed == items
    statuses = {r["status"] for r in records if r["kind"] == "assessment"}
    assert {"corroborated", "contested", "denied", "single_source"} <= statuses


def test_source_grades_lift_a_single_source(claims_db: Path, tmp_path: Path):
    db = copy_db(claims_db, tmp_path)
    before = event_claim(claims(db, "--kind", "event"), "AID", "Pakistan")
    assert before["credibility"] == 3
    result = invoke("sources", "grade", "Northern Courier", "b", "--db", db, "--note", "vetted")
    assert result.exit_code == 0, result.output
    after = event_claim(claims(db, "--kind", "event"), "AID", "Pakistan")
    assert after["credibility"] == 2
    assert "[B]" in after["rationale"]
    listed = invoke("sources", "list", "--db", db, "--json")
    assert json.loads(listed.stdout)["grade"] == "B"
    bad = invoke("sources", "grade", "Northern Courier", "G", "--db", db)
    assert bad.exit_code == 2 and "A to F" in bad.output


def entity_records(db: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "export.jsonl"
    assert invoke("export", "--db", db, "-o", out).exit_code == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_merge_and_split_survive_reingestion(claims_db: Path, reports_file: Path, tmp_path: Path):
    db = copy_db(claims_db, tmp_path)
    result = invoke("merge", "Ivan Petrov", "Milos Vucevic", "--db", db, "--reason", "test")
    assert result.exit_code == 0, result.output
    assert "now one actor" in result.output
    tanks = event_claim(claims(db, "--kind", "event"), "AID", "Russia", "Serbia")
    assert tanks["independent_sources"] == 1 and tanks["status"] == "single_source"
    assert invoke("ingest", reports_file, "--db", db).exit_code == 0  # the same reports again
    records = entity_records(db, tmp_path)
    merged = [r for r in records if r["kind"] == "entity" and "judgements" in r]
    assert any(
        j["origin"] == "analyst" and j["judgement"] == "same"
        for r in merged
        for j in r["judgements"]
    )
    names = {r["name"] for r in records if r["kind"] == "entity"}
    assert len({"Ivan Petrov", "Milos Vucevic"} & names) == 1
    result = invoke("split", "Ivan Petrov", "Milos Vucevic", "--db", db)
    assert result.exit_code == 0 and "now apart" in result.output
    tanks = event_claim(claims(db, "--kind", "event"), "AID", "Russia", "Serbia")
    assert tanks["independent_sources"] == 2


def test_merge_needs_two_known_entities(claims_db: Path):
    result = invoke("merge", "Nobody Atall", "Ivan Petrov", "--db", claims_db)
    assert result.exit_code == 2 and "E105" in result.output
    result = invoke("merge", "Ivan Petrov", "Ivan Petrov", "--db", claims_db)
    assert result.exit_code == 2 and "E107" in result.output


def test_known_actors_join_spellings(claims_db: Path, tmp_path: Path):
    db = copy_db(claims_db, tmp_path)
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "- name: Milos Vucevic\n"
        "  type: person\n"
        "  aliases: [Miloš Vučević, Milosh Vuchevich]\n"
        "  country: rs\n"
        "  affiliations: [Serbian Progressive Party]\n",
        encoding="utf-8",
    )
    result = invoke("actors", "load", actors, "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 actors read" in result.output
    again = invoke("actors", "load", actors, "--db", db)
    assert "0 new entities, 0 new aliases" in again.output
    report = tmp_path / "wire.jsonl"
    report.write_text(
        json.dumps(
            {
                "path": "wire-1.txt",
                "outlet": "Daily Wire",
                "published": "2024-03-12",
                "text": "Milosh Vuchevich said Serbia would buy more tanks from Russia.\n",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    assert invoke("ingest", report, "--db", db).exit_code == 0
    records = entity_records(db, tmp_path)
    vucevic = [r for r in records if r["kind"] == "entity" and r["name"] == "Milos Vucevic"]
    assert len(vucevic) == 1
    assert {m["document"] for m in vucevic[0]["mentions"]} and len(vucevic[0]["documents"]) == 2
    assert vucevic[0]["country"] == "rs"


@pytest.mark.parametrize(
    "text,suffix,problem",
    [
        ("- name: X\n  type: planet\n", ".yaml", "type 'planet'"),
        ("- type: person\n", ".yaml", "needs a name"),
        ("name,kind\nX,person\n", ".csv", "no type"),
        ("name,type,country\nX,person,Atlantis\n", ".csv", "Atlantis"),
        ("[1, 2", ".yaml", "not YAML"),
        ("name,type\n", ".txt", ".csv, .yaml or .yml"),
    ],
)
def test_bad_actor_lists_name_the_file(tmp_path: Path, text: str, suffix: str, problem: str):
    path = tmp_path / f"actors{suffix}"
    path.write_text(text, encoding="utf-8")
    result = invoke("actors", "load", path, "--db", tmp_path / "kb.db")
    assert result.exit_code == 2
    assert "E013" in result.output and path.name in result.output and problem in result.output


def test_csv_actor_list(tmp_path: Path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,type,aliases,country,affiliations\n"
        "National Resistance Front,organization,NRF;National Resistance Front of Afghanistan,"
        "af,\n"
        "Zabihullah Mujahid,person,Zabiullah Mujahid,Afghanistan,Taliban\n",
        encoding="utf-8",
    )
    result = invoke("actors", "load", path, "--db", tmp_path / "kb.db")
    assert result.exit_code == 0, result.output
    listed = invoke("actors", "--db", tmp_path / "kb.db", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {r["name"] for r in rows} == {"National Resistance Front", "Zabihullah Mujahid"}
    assert {r["country"] for r in rows} == {"af"}


def test_show_is_the_actors_full_profile(claims_db: Path, tmp_path: Path):
    result = invoke("show", "Russia", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert "[corroborated]" in result.output  # the tanks, told by two outlets
    assert "[denied]" in result.output  # Georgia
    events = result.output.split("events:")[1]
    assert events.count("delivered") == 1  # one happening told twice: listed once
    db = copy_db(claims_db, tmp_path)
    assert invoke("merge", "Ivan Petrov", "Milos Vucevic", "--db", db).exit_code == 0
    result = invoke("show", "Milos Vucevic", "--db", db)
    assert result.exit_code == 0, result.output
    assert "judged the same actor" in result.output
    assert result.output.count("(person, e-") == 1  # both names, one profile
    assert "courier-1.txt" in result.output and "ledger-1.txt" in result.output

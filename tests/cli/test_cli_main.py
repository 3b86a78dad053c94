"""The ``dossier`` command, through typer's CliRunner.

Most ingest runs here reuse the session's pipeline (``load_pipeline`` is
patched to return it); one run, from standard input, loads it for real.
Commands that only read use the shared knowledge base of conftest.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.store import database as database_module
from dossier.store import open_database
from dossier.store.queries import list_actors

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


def flat(text: str) -> str:
    """Whitespace collapsed, so that Rich's line wrapping does not matter."""
    return " ".join(text.split())


def says(output: str, expected: str) -> bool:
    """``expected`` is in ``output``, whitespace ignored.

    Checks of content only: where lines break is test_messages_are_not_wrapped's
    business.
    """
    return "".join(expected.split()) in "".join(output.split())


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(app, [str(arg) for arg in args], **kwargs)


@pytest.fixture
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, nlp):
    """CLI ingests use the session's pipeline instead of loading one each."""
    calls = []

    def load_pipeline(model=None):
        calls.append(model)
        return nlp

    monkeypatch.setattr("dossier.nlp.load_pipeline", load_pipeline)
    return calls


@pytest.fixture
def not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("Envoys met in Doha; no agreement was reached.\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed_folder(tmp_path: Path, reports: dict[str, str]) -> Path:
    """Two good reports and, between them in name order, a binary file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-envoy.txt").write_text(reports["envoy.txt"], encoding="utf-8")
    (folder / "b-photo.txt").write_bytes(BINARY)
    (folder / "c-tehran.txt").write_text(reports["tehran.txt"], encoding="utf-8")
    return folder


def stored_paths(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return sorted(path for (path,) in connection.execute("SELECT path FROM documents"))


# -- ingest


def test_ingest_folder_with_a_bad_file_stores_the_good_ones_and_exits_1(
    tmp_path: Path, mixed_folder: Path, shared_pipeline
):
    db = tmp_path / "kb.db"
    result = invoke("ingest", mixed_folder, "--db", db)
    assert result.exit_code == 1, result.output
    assert stored_paths(db) == ["a-envoy.txt", "c-tehran.txt"]
    assert says(result.stderr, str(mixed_folder / "b-photo.txt"))
    assert "[E003]" in result.stderr
    assert says(result.stdout, "2 report(s) stored")
    assert says(result.stdout, "1 could not be read")
    assert shared_pipeline == [None]


def test_ingest_quiet_prints_only_problems(tmp_path: Path, mixed_folder: Path, shared_pipeline):
    result = invoke("ingest", mixed_folder, "--db", tmp_path / "kb.db", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "b-photo.txt" in result.stderr


def test_ingest_strict_stops_with_exit_2_naming_the_bad_file(
    tmp_path: Path, mixed_folder: Path, shared_pipeline
):
    db = tmp_path / "kb.db"
    result = invoke("ingest", mixed_folder, "--db", db, "--strict")
    assert result.exit_code == 2, result.output
    assert says(result.stderr, str(mixed_folder / "b-photo.txt"))
    assert "[E003]" in result.stderr
    assert "c-tehran.txt" not in stored_paths(db)


def test_ingest_strict_keeps_the_reports_before_the_bad_one(
    tmp_path: Path, mixed_folder: Path, shared_pipeline
):
    db = tmp_path / "kb.db"
    result = invoke("ingest", mixed_folder, "--db", db, "--strict")
    assert result.exit_code == 2
    assert stored_paths(db) == ["a-envoy.txt"]


def test_ingest_missing_path_names_it(tmp_path: Path, shared_pipeline):
    missing = tmp_path / "no-such-folder" / "report.txt"
    result = invoke("ingest", missing, "--db", tmp_path / "kb.db")
    assert result.exit_code == 1, result.output
    assert says(result.stderr, f"{missing}: [E001] no such file or folder")
    assert shared_pipeline == []  # nothing to parse: the pipeline is not even loaded


def test_ingest_missing_path_among_good_ones(tmp_path: Path, reports_dir: Path, shared_pipeline):
    missing = tmp_path / "gone.txt"
    db = tmp_path / "kb.db"
    result = invoke("ingest", reports_dir / "envoy.txt", missing, "--db", db)
    assert result.exit_code == 1
    assert says(result.stderr, str(missing))
    assert stored_paths(db) == ["envoy.txt"]


def test_ingest_again_says_nothing_changed(tmp_path: Path, reports_dir: Path, shared_pipeline):
    db = tmp_path / "kb.db"
    assert invoke("ingest", reports_dir, "--db", db, "-q").exit_code == 0
    result = invoke("ingest", reports_dir, "--db", db)
    assert result.exit_code == 0, result.output
    assert says(result.stdout, "0 report(s) stored")
    assert says(result.stdout, "3 already stored, unchanged")


@pytest.mark.parametrize("value", ["05/03/2024", "2024-02-30", "yesterday", "20240305"])
def test_ingest_bad_published_date_exits_2_with_e009(
    tmp_path: Path, reports_dir: Path, value: str, shared_pipeline
):
    db = tmp_path / "kb.db"
    result = invoke("ingest", reports_dir, "--db", db, "--published", value)
    assert result.exit_code == 2
    assert "[E009]" in result.stderr
    assert value in result.stderr
    assert "--published" in result.stderr
    assert not db.exists()
    assert shared_pipeline == []


def test_ingest_from_standard_input_with_metadata(tmp_path: Path, reports: dict[str, str]):
    """The one CLI test that loads the spaCy pipeline for real."""
    db = tmp_path / "kb.db"
    result = invoke(
        "ingest",
        "-",
        "--db",
        db,
        "--outlet",
        "Example Wire",
        "--title",
        "Envoy in Dushanbe",
        "--published",
        "2024-03-05",
        input=reports["envoy.txt"],
    )
    assert result.exit_code == 0, result.output
    assert says(result.stdout, "1 report(s) stored")
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT path, origin, outlet, title, published, text FROM documents"
        ).fetchone()
    assert row == (
        None,
        "<stdin>",
        "Example Wire",
        "Envoy in Dushanbe",
        "2024-03-05",
        reports["envoy.txt"],
    )
    database = open_database(str(db), create=False)
    try:
        assert "Ahmad Massoud" in {row.name for row in list_actors(database)}
    finally:
        database.close()


# -- databases that cannot be used


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "missing-report.txt"],
        ["actors"],
        ["show", "Massoud"],
        ["statements"],
        ["export"],
        ["import", "missing-export.jsonl"],
    ],
    ids=lambda args: args[0],
)
def test_a_file_that_is_not_a_dossier_database_exits_2_naming_it(
    args: list[str], not_a_database: Path
):
    content = not_a_database.read_bytes()
    result = invoke(*args, "--db", not_a_database)
    assert result.exit_code == 2, result.output
    assert says(result.stderr, f"{not_a_database}: [E102]")
    assert not_a_database.read_bytes() == content


def test_an_sqlite_database_of_another_program_exits_2(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meetings (place TEXT)")
    connection.close()
    result = invoke("actors", "--db", path)
    assert result.exit_code == 2
    assert says(result.stderr, f"{path}: [E102]")


@pytest.mark.parametrize(
    "args", [["actors"], ["show", "Massoud"], ["statements"], ["export"]], ids=str
)
def test_reading_commands_do_not_create_a_missing_database(args: list[str], tmp_path: Path):
    path = tmp_path / "missing.db"
    result = invoke(*args, "--db", path)
    assert result.exit_code == 2
    assert says(result.stderr, f"{path}: [E103]")
    assert not path.exists()


def test_a_locked_database_exits_2_with_e101(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setattr(database_module, "LOCK_TIMEOUT_SECONDS", 0)
    report = tmp_path / "new.txt"
    report.write_text("The council met in Herat on Monday, officials said.\n", encoding="utf-8")
    holder = sqlite3.connect(kb_copy, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = invoke("ingest", report, "--db", kb_copy)
        # the base is in write-ahead-log mode: reading goes on while a writer holds it
        reading = invoke("actors", "--db", kb_copy, "--json")
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2
    assert "[E101]" in result.stderr and "locked" in result.stderr
    assert says(result.stderr, str(kb_copy))
    assert reading.exit_code == 0
    assert invoke("actors", "--db", kb_copy, "--json").exit_code == 0


def test_the_database_may_come_from_dossier_db(kb_path: Path, kb):
    result = invoke("actors", "--json", env={"DOSSIER_DB": str(kb_path)})
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(list_actors(kb))


def test_the_database_may_be_a_sqlalchemy_url(kb_path: Path, kb):
    result = invoke("actors", "--json", "--db", f"sqlite:///{kb_path}")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(list_actors(kb))


# -- actors


def test_actors_json(kb_path: Path, kb):
    result = invoke("actors", "--db", kb_path, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [
        {
            "id": r.id,
            "type": r.type,
            "name": r.name,
            "aliases": r.aliases,
            "country": r.country,
            "mentions": r.mentions,
            "reports": r.reports,
        }
        for r in list_actors(kb)
    ]
    assert rows == expected


@pytest.mark.parametrize(
    ("options", "filters"),
    [
        (["--type", "person"], {"type": "person"}),
        (["-t", "country"], {"type": "country"}),
        (["--name", "nrf"], {"name": "nrf"}),
        (["--document", "moscow.txt"], {"document": "moscow.txt"}),
        (["--country", "IR"], {"country": "IR"}),
        (["--min-mentions", "2"], {"min_mentions": 2}),
        (["--limit", "3"], {"limit": 3}),
        (
            ["--type", "place", "--country", "tj", "--limit", "1"],
            {"type": "place", "country": "tj", "limit": 1},
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_actors_options_are_the_query_filters(kb_path: Path, kb, options, filters):
    result = invoke("actors", "--db", kb_path, "--json", *options)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [row.id for row in list_actors(kb, **filters)]
    assert ids


def test_actors_table(kb_path: Path):
    result = invoke("actors", "--db", kb_path, "--type", "organization")
    assert result.exit_code == 0, result.output
    assert "Taliban" in result.stdout
    assert "mentions" in result.stdout
    assert "Qatar" not in result.stdout


# -- show


def test_show_prints_every_mention_in_context(kb_path: Path, kb):
    result = invoke("show", "Massoud", "--db", kb_path)
    assert result.exit_code == 0, result.output
    output = flat(result.stdout)
    (massoud,) = kb.find_entities("Massoud")
    assert f"Ahmad Massoud (person, {massoud['id']})" in output
    assert "aliases: Ahmad Massoud, Massoud" in output
    assert "mentions: 4" in output
    assert "envoy.txt" in output and "tehran.txt" in output
    assert "special envoy Mutlaq al-Qahtani met Ahmad Massoud in Dushanbe on Tuesday" in output
    assert "had met Massoud" in output
    assert "source close to the NRF leadership" in output


def test_show_context_option(kb_path: Path):
    result = invoke("show", "Zamir Kabulov", "--db", kb_path, "--context", "8")
    assert result.exit_code == 0, result.output
    output = flat(result.stdout)
    assert "mentions: 3" in output
    assert "(repeated)" in output
    assert "Russian envoy" not in output  # 8 characters of context hold "n envoy"
    assert "moscow.txt" in output
    assert "country: ru" in output  # "Russian envoy": his title names his state


def test_show_a_place_prints_country_and_coordinates(kb_path: Path):
    result = invoke("show", "Tehran", "--db", kb_path)
    assert result.exit_code == 0, result.output
    assert "country: ir" in result.stdout
    assert "coordinates:" in result.stdout


def test_show_by_entity_id(kb_path: Path, kb):
    (taliban,) = [e for e in kb.find_entities("Taliban") if e["type"] == "organization"]
    result = invoke("show", taliban["id"], "--db", kb_path)
    assert result.exit_code == 0, result.output
    assert says(result.stdout, f"Taliban (organization, {taliban['id']})")


def test_show_unknown_exits_2_with_e105(kb_path: Path):
    result = invoke("show", "Gulbuddin Hekmatyar", "--db", kb_path)
    assert result.exit_code == 2
    assert says(result.stderr, "[E105] no entity matches 'Gulbuddin Hekmatyar'")
    assert result.stdout == ""


def test_show_prints_square_brackets_of_the_report(make_db, tmp_path: Path, nlp):
    from dossier.workflow import ingest

    report = tmp_path / "quote.txt"
    report.write_text(
        'Zabihullah Mujahid said on Monday: "They [the Taliban] will not share power."\n',
        encoding="utf-8",
    )
    database = make_db("brackets.db")
    ingest([str(report)], database, nlp=nlp)
    result = invoke("show", "Zabihullah Mujahid", "--db", tmp_path / "brackets.db")
    assert result.exit_code == 0, result.output
    assert says(result.stdout, "They [the Taliban] will not")


def test_problem_messages_keep_square_brackets_in_file_names(tmp_path: Path, shared_pipeline):
    bad = tmp_path / "scan [draft].txt"
    bad.write_bytes(BINARY)
    result = invoke("ingest", bad, "--db", tmp_path / "kb.db")
    assert result.exit_code == 1
    assert says(result.stderr, str(bad))


def test_messages_are_not_wrapped(tmp_path: Path):
    missing = tmp_path / ("a-rather-long-folder-name-" * 3) / "report-of-the-envoys-meeting.txt"
    result = invoke("ingest", missing, "--db", tmp_path / "kb.db")
    assert result.exit_code == 1
    assert f"{missing}: [E001]" in result.stderr


# -- export and import


def test_export_to_a_file_and_import_it_back(kb_path: Path, kb_export: str, tmp_path: Path):
    exported = tmp_path / "out" / "kb.jsonl"
    exported.parent.mkdir()
    result = invoke("export", "--db", kb_path, "-o", exported)
    assert result.exit_code == 0, result.output
    assert exported.read_text(encoding="utf-8") == kb_export
    count = len(kb_export.splitlines())
    assert says(result.stderr, f"{count} records written to {exported}")
    assert [p.name for p in exported.parent.iterdir()] == ["kb.jsonl"]  # no temporary file left

    copy = tmp_path / "copy.db"
    result = invoke("import", exported, "--db", copy)
    assert result.exit_code == 0, result.output
    assert "imported" in result.stderr and "document(s)" in result.stderr

    result = invoke("export", "--db", copy, "--output", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == kb_export

    # Importing the same file again changes nothing.
    result = invoke("import", exported, "--db", copy)
    assert result.exit_code == 0, result.output
    assert invoke("export", "--db", copy).stdout == kb_export


def test_export_to_standard_output_by_default(kb_path: Path, kb_export: str):
    result = invoke("export", "--db", kb_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == kb_export


def test_import_from_standard_input(kb_export: str, tmp_path: Path):
    copy = tmp_path / "copy.db"
    result = invoke("import", "-", "--db", copy, input=kb_export)
    assert result.exit_code == 0, result.output
    assert invoke("export", "--db", copy).stdout == kb_export


def test_export_to_a_missing_folder_exits_2(kb_path: Path, tmp_path: Path):
    target = tmp_path / "no-such-folder" / "kb.jsonl"
    result = invoke("export", "--db", kb_path, "-o", target)
    assert result.exit_code == 2
    assert says(result.stderr, f"{target}: cannot write")


def test_import_of_a_malformed_file_exits_2_naming_file_and_line(kb_export: str, tmp_path: Path):
    lines = kb_export.splitlines()
    lines[2] = lines[2][:40]
    source = tmp_path / "broken.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    copy = tmp_path / "copy.db"
    result = invoke("import", source, "--db", copy)
    assert result.exit_code == 2
    assert says(result.stderr, f"{source}:3: [E005] not valid JSON")
    assert invoke("export", "--db", copy).stdout == ""  # nothing of it was kept


def test_import_of_a_missing_file_exits_2_naming_it(tmp_path: Path):
    source = tmp_path / "missing.jsonl"
    result = invoke("import", source, "--db", tmp_path / "kb.db")
    assert result.exit_code == 2
    assert says(result.stderr, f"{source}: cannot read")


def test_import_of_a_file_that_is_not_utf8_exits_2(tmp_path: Path):
    source = tmp_path / "latin1.jsonl"
    source.write_bytes('{"kind": "document", "id": "d-1", "title": "Türkiye"}\n'.encode("cp1252"))
    result = invoke("import", source, "--db", tmp_path / "kb.db")
    assert result.exit_code == 2
    assert says(result.stderr, f"{source}: the file is not UTF-8 text")

"""``dossier statements``, the statement sections of ``dossier show`` and ``export --linked-only``.

They read the statements knowledge base of conftest.py (hand-made
statements: the pipeline does not find them yet).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.model.statement import Stance
from dossier.store.queries import list_statements

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


# -- dossier statements


def test_statements_json_lists_every_statement(statements_kb_path: Path, statements_kb):
    result = invoke("statements", "--db", statements_kb_path, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [row.to_dict() for row in list_statements(statements_kb)]
    assert len(rows) == 9
    first = rows[0]
    assert list(first) == [
        "id",
        "document",
        "path",
        "outlet",
        "start",
        "end",
        "speaker",
        "speaker_name",
        "speaker_text",
        "anonymous",
        "affiliation",
        "affiliation_name",
        "cue",
        "stance",
        "hedged",
        "text",
        "about",
        "chain",
    ]


@pytest.mark.parametrize(
    ("options", "filters"),
    [
        (["--speaker", "Zadran"], {"speaker": "Zadran"}),
        (["--speaker", "hill council"], {"speaker": "hill council"}),
        (["--stance", "denies"], {"stance": Stance.DENIES}),
        (["--stance", "declines_comment"], {"stance": Stance.DECLINES_COMMENT}),
        (["--stance", "no_response"], {"stance": Stance.NO_RESPONSE}),
        (["--stance", "asserts"], {"stance": Stance.ASSERTS}),
        (["--anonymous"], {"anonymous": True}),
        (["--named"], {"anonymous": False}),
        (["--outlet-voice"], {"outlet_voice": True}),
        (["--report", "valley.txt"], {"document": "valley.txt"}),
        (["--report", "/reports/border.txt"], {"document": "/reports/border.txt"}),
        (["--limit", "2"], {"limit": 2}),
        (
            ["--speaker", "Omar Zadran", "--stance", "asserts", "--report", "border.txt"],
            {"speaker": "Omar Zadran", "stance": "asserts", "document": "border.txt"},
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_statements_options_are_the_query_filters(
    statements_kb_path: Path, statements_kb, options, filters
):
    ids = json_ids(invoke("statements", "--db", statements_kb_path, "--json", *options))
    assert ids == [row.id for row in list_statements(statements_kb, **filters)]
    assert ids


def test_statements_report_by_document_id(statements_kb_path: Path, statements_kb):
    row = list_statements(statements_kb, document="valley.txt")[0]
    base = ["statements", "--db", statements_kb_path, "--json", "--report"]
    by_id = json_ids(invoke(*base, row.document_id))
    by_path = json_ids(invoke(*base, "valley.txt"))
    assert by_id == by_path and len(by_id) == 3


def test_statements_table(statements_kb_path: Path):
    result = invoke("statements", "--db", statements_kb_path)
    assert result.exit_code == 0, result.output
    output = result.stdout
    for column in ("source", "stance", "cue", "hedged", "report", "text"):
        assert column in output
    assert "Omar Zadran" in output
    assert "anonymous (Hill Council)" in output
    assert "outlet" in output
    assert "declines_comment" in output and "no_response" in output
    assert "border.txt" in output and "valley.txt" in output
    assert says(output, "The convoy was the largest this year.")
    # The anonymous source without affiliation, hedged.
    line = next(line for line in output.splitlines() if "reportedly" in line)
    assert "anonymous" in line and "hedged" in line


def test_statements_table_keeps_square_brackets_of_the_report(statements_kb_path: Path):
    result = invoke("statements", "--db", statements_kb_path, "--speaker", "Zadran")
    assert result.exit_code == 0, result.output
    assert says(result.stdout, "all of them [the trucks] arrived")


def test_statements_table_cuts_long_texts(make_db, statement_reports_data, tmp_path: Path):
    from dossier.cli.main import STATEMENT_TEXT_WIDTH

    (border, entities, statements), _ = statement_reports_data()
    long = statements[-1]
    border["text"] = border["text"] + "word " * 100 + "\n"
    border["sha256"] = "0" * 64
    long.text = border["text"][long.start :]
    long.end = len(border["text"])
    make_db("long.db").store_report(border, entities, (), [long])
    result = invoke("statements", "--db", tmp_path / "long.db", "--outlet-voice")
    assert result.exit_code == 0, result.output
    assert "…" in result.stdout
    assert result.stdout.count("word") < 100
    assert len(long.text) > STATEMENT_TEXT_WIDTH


def test_statements_matching_nothing_say_so(statements_kb_path: Path):
    result = invoke("statements", "--db", statements_kb_path, "--report", "nowhere.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "no statements match" in result.stderr
    json_result = invoke("statements", "--db", statements_kb_path, "--report", "x", "--json")
    assert json_result.exit_code == 0 and json_result.stdout == ""


def test_statements_of_an_unknown_speaker_exit_2_with_e105(statements_kb_path: Path):
    result = invoke("statements", "--db", statements_kb_path, "--speaker", "Gulbuddin Hekmatyar")
    assert result.exit_code == 2
    assert says(result.stderr, "[E105] no entity matches 'Gulbuddin Hekmatyar'")


def test_statements_unknown_stance_is_refused(statements_kb_path: Path):
    result = invoke("statements", "--db", statements_kb_path, "--stance", "hints")
    assert result.exit_code == 2
    assert "hints" in result.output


def test_statements_do_not_create_a_missing_database(tmp_path: Path):
    path = tmp_path / "missing.db"
    result = invoke("statements", "--db", path)
    assert result.exit_code == 2
    assert says(result.stderr, f"{path}: [E103]")
    assert not path.exists()


def test_statements_of_a_base_without_any(make_db, tmp_path: Path):
    make_db("empty.db")
    result = invoke("statements", "--db", tmp_path / "empty.db", "--json")
    assert result.exit_code == 0 and result.stdout == ""


# -- dossier show


def test_show_lists_what_the_actor_said_denied_and_did_not_answer(statements_kb_path: Path):
    result = invoke("show", "Hill Council", "--db", statements_kb_path)
    assert result.exit_code == 0, result.output
    output = " ".join(result.stdout.split())
    assert "statements: 3" in output
    assert "said (1)" in output
    assert "denied (1)" in output
    assert "did not respond (1)" in output
    assert "declined to comment" not in output  # no such statement: no section
    assert says(
        output, "(said; unnamed source tied to it: Two officials close to the Hill Council)"
    )
    assert says(output, "The Hill Council denied that any weapons were on board.")
    assert says(output, "(did not respond) The Hill Council did not respond to a request")
    sections = [output.index(f"{label} (1)") for label in ("said", "denied", "did not respond")]
    assert sections == sorted(sections)


def test_show_sections_for_declined_and_hedged(statements_kb_path: Path):
    result = invoke("show", "Border Ministry", "--db", statements_kb_path)
    assert result.exit_code == 0, result.output
    output = " ".join(result.stdout.split())
    assert "declined to comment (1)" in output
    assert "said (" not in output
    zadran = invoke("show", "Zadran", "--db", statements_kb_path)
    output = " ".join(zadran.stdout.split())
    assert "said (3)" in output
    assert says(output, "all of them [the trucks] arrived")  # brackets kept, not markup
    assert "border.txt" in output and "valley.txt" in output


def test_show_of_an_actor_without_statements(statements_kb_path: Path):
    # Lowland Radio is only a further source in a chain, not a speaker.
    result = invoke("show", "Lowland Radio", "--db", statements_kb_path)
    assert result.exit_code == 0, result.output
    assert "statements: 0" in result.stdout
    assert "said (" not in result.stdout


# -- dossier export --linked-only


def test_export_linked_only_leaves_out_statements_about_nothing(
    statements_kb_path: Path, statements_kb, export_of, tmp_path: Path
):
    full = invoke("export", "--db", statements_kb_path)
    assert full.exit_code == 0 and full.stdout == export_of(statements_kb)
    linked = invoke("export", "--db", statements_kb_path, "--linked-only")
    assert linked.exit_code == 0, linked.output
    kinds = [json.loads(line)["kind"] for line in linked.stdout.splitlines()]
    assert "statement" not in kinds
    assert len(kinds) == len(full.stdout.splitlines()) - 9

    target = tmp_path / "linked.jsonl"
    result = invoke("export", "--db", statements_kb_path, "--linked-only", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == linked.stdout
    assert says(result.stderr, f"{len(kinds)} records written to {target}")

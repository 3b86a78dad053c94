"""``dossier eval plover``: the report, the options and the errors (exit code 2).

The records are written here, with made-up sentences; the pipeline is replaced
(no model is loaded) except in one run with a blank spaCy pipeline.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import spacy
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.evaluate import plover
from dossier.evaluate.plover import Prediction

WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}
SUMMARY = re.compile(
    r"^plover: type accuracy=\d\.\d\d actor accuracy=\d\.\d\d recipient accuracy=\d\.\d\d$"
)

# Made up for these tests.
TALKS = "Peru agreed to hold talks with Bolivia next week."
PORT = "Ghana closed the port to fishing boats from Togo."

RECORDS: list[dict[str, Any]] = [
    {"id": "T-DOCUMENT-0001", "event": "DOCUMENT"},
    {
        "id": "T-AGREE-0001",
        "source": [{"actorText": "Peru", "code": "PER"}],
        "target": [{"actorText": "Bolivia", "code": "BOL"}],
        "event": "AGREE",
        "eventText": "agreed",
        "text": TALKS,
        "textInfo": {"markup": "(SRC: Peru) (EVT: agreed) to hold talks with (TAR: Bolivia)"},
    },
    {
        "id": "T-SANCTION-0001",
        "source": [{"actorText": "Ghana", "code": "GHA"}],
        "target": [{"actorText": "Togo", "code": "TGO"}],
        "event": "SANCTION",
        "eventText": "closed port",
        "text": PORT,
        "textInfo": {"markup": "(SRC: Ghana) (EVT: closed the port) to fishing boats"},
    },
]
LABEL_MAP = {
    "category_map": {
        "AGREE": {"plover_2_0": "AGREE"},
        "SANCTION": {"plover_2_0": "SANCTION"},
        "DOCUMENT": {"plover_2_0": None},
    },
    "record_notes": [{"index": 2, "id": "T-SANCTION-0001", "suggested_2_0": "COERCE"}],
}


def oracle(texts):
    """Right about the talks (type and both countries); wrong type for the port."""
    for text in texts:
        start = text.index("agreed" if text == TALKS else "closed")
        country = ["pe", "bo"] if text == TALKS else ["gh", "tg"]
        yield Prediction(
            events=[
                {
                    "type": "AGREE" if text == TALKS else "COERCE",
                    "trigger": [start, start + 6],
                    "actors": [0],
                    "targets": [1],
                }
            ],
            entities=[
                {"type": "country", "name": code, "country": code, "mentions": []}
                for code in country
            ],
        )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "plover"
    path.mkdir()
    (path / plover.RECORDS).write_text(json.dumps(RECORDS), encoding="utf-8")
    (path / plover.LABEL_MAP).write_text(json.dumps(LABEL_MAP), encoding="utf-8")
    return path


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list:
    """No model: ``load_pipeline`` and ``dossier_predictor`` are replaced."""
    import dossier.nlp

    calls: list = []

    def load_pipeline(model=None):
        calls.append(("load", model))
        return "nlp"

    def dossier_predictor(nlp, n_process=1, batch_size=64):
        calls.append(("predictor", nlp, n_process))
        return oracle

    monkeypatch.setattr(dossier.nlp, "load_pipeline", load_pipeline)
    monkeypatch.setattr(plover, "dossier_predictor", dossier_predictor)
    return calls


def run(*args: str):
    return CliRunner().invoke(app, ["eval", "plover", *args], env=WIDE)


def test_command_prints_the_report(folder: Path, fake_pipeline: list):
    result = run(str(folder), "--model", "m", "-j", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines[-1] == "plover: type accuracy=0.50 actor accuracy=1.00 recipient accuracy=1.00"
    assert SUMMARY.match(lines[-1])
    assert "PLOVER gold standard: 2 records" in result.stdout
    assert "predicted type (columns)" in result.stdout
    assert re.search(r"SANCTION +\. +\. +1 +\. +1 +0\.00", result.stdout)
    assert "record notes" not in result.stdout and "T-SANCTION-0001" not in result.stdout
    assert fake_pipeline == [("load", "m"), ("predictor", "nlp", 2)]


def test_command_notes_misses_limit_and_json(folder: Path, fake_pipeline: list, tmp_path: Path):
    out = tmp_path / "scores.json"
    result = run(str(folder), "--notes", "--misses", "--json", str(out))
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines[-1] == "plover: type accuracy=0.50 actor accuracy=1.00 recipient accuracy=1.00"
    assert "type accuracy with the record notes 1.000  (2/2 records" in result.stdout
    assert "[2] T-SANCTION-0001 wrong type: type SANCTION (notes: COERCE) -> COERCE" in (
        result.stdout
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"]["correct"] == 1 and data["type_with_notes"]["correct"] == 2

    result = run(str(folder), "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "PLOVER gold standard: 1 records" in result.stdout
    assert result.stdout.rstrip("\n").splitlines()[-1] == (
        "plover: type accuracy=1.00 actor accuracy=1.00 recipient accuracy=1.00"
    )


def test_command_with_a_pipeline_without_event_coder(folder: Path, monkeypatch: pytest.MonkeyPatch):
    import dossier.nlp

    monkeypatch.setattr(dossier.nlp, "load_pipeline", lambda model=None: spacy.blank("en"))
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").splitlines()[-1] == (
        "plover: type accuracy=0.00 actor accuracy=0.00 recipient accuracy=0.00"
    )


def test_command_errors_name_the_path(tmp_path: Path, fake_pipeline: list):
    missing = tmp_path / "nowhere"
    result = run(str(missing))
    assert result.exit_code == 2
    assert "E001" in result.stderr and str(missing) in result.stderr

    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "[E304]" in result.stderr and str(tmp_path) in result.stderr
    assert "plover_gsr.json is missing" in result.stderr

    (tmp_path / plover.RECORDS).write_text("[", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "[E304]" in result.stderr and "plover_0.5_to_2.0_map.json is missing" in result.stderr

    (tmp_path / plover.LABEL_MAP).write_text(json.dumps(LABEL_MAP), encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "[E305]" in result.stderr and str(tmp_path / plover.RECORDS) in result.stderr
    assert "not valid JSON" in result.stderr
    assert result.stdout == ""
    assert fake_pipeline == []  # the pipeline is not loaded when the input is wrong


def test_command_help():
    result = CliRunner().invoke(app, ["eval", "plover", "--help"], env=WIDE)
    assert result.exit_code == 0
    for option in ("--model", "--processes", "-j", "--limit", "--notes", "--misses", "--json"):
        assert option in result.output
    assert "plover_gsr.json" in result.output

    result = CliRunner().invoke(app, ["eval", "--help"], env=WIDE)
    assert result.exit_code == 0 and "plover" in result.output


def test_a_wide_table_is_not_squeezed(monkeypatch: pytest.MonkeyPatch):
    from rich.console import Console
    from rich.table import Table

    from dossier.cli import evaluate

    narrow = Console(width=40, file=io.StringIO(), highlight=False)
    monkeypatch.setattr(evaluate, "out", narrow)
    table = Table("gold", *(name[:4] for name in plover.TYPES))
    table.add_row("COOPERATE", *("123" for _ in plover.TYPES))
    evaluate.print_wide(table)
    text = narrow.file.getvalue()
    assert "…" not in text
    assert re.search(r"COOPERATE +(?:│ +123 +){15}│ +123", text), text

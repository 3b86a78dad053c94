"""Who says so in the seed reports, scored by the analysts' gold (``../shared/gold``).

The seed reports are read from ``../shared`` (never copied here). The gold's
scorer runs on dossier's export; the issue asks for an attribution recall of
at least 0.85 and every non-response, refusal and denial found with its
stance and party.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.workflow import ingest


@pytest.fixture(scope="module")
def seed_score(shared_dir: Path, nlp, tmp_path_factory) -> dict:
    gold = shared_dir / "gold"
    if not (gold / "score.py").is_file():
        pytest.skip("the gold scorer is not available")
    from dossier.export.jsonl import write_export
    from dossier.store.database import open_database

    folder = tmp_path_factory.mktemp("seeds")
    database = open_database(str(folder / "seeds.db"))
    try:
        summary = ingest([str(shared_dir / "seeds")], database, nlp=nlp)
        assert summary.ok
        export = folder / "seeds.jsonl"
        with export.open("w", encoding="utf-8") as handle:
            write_export(database, handle)
    finally:
        database.close()
    result_path = folder / "score.json"
    command = [
        sys.executable,
        str(gold / "score.py"),
        "--gold",
        str(gold),
        "--export",
        str(export),
        "--texts",
        str(shared_dir / "seeds"),
        "--json",
        str(result_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(result_path.read_text(encoding="utf-8"))


def test_attribution_recall_on_the_seeds(seed_score):
    assert seed_score["overall"]["metrics"]["attributions_recall"] >= 0.85


@pytest.mark.parametrize("stance", ["no_response", "declines_comment", "denies"])
def test_every_silence_and_denial_is_found(seed_score, stance):
    missed = [
        line
        for document in seed_score["documents"]
        for line in document["missed"].get("attributions", [])
        if f" {stance} (" in line
    ]
    assert not missed, missed

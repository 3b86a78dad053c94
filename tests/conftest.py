"""Fixtures shared by the whole test suite.

* ``nlp``: the spaCy pipeline, loaded once per session (loading takes a second
  or two); pass it to :func:`dossier.workflow.ingest` as ``nlp=nlp``.
* ``reports`` / ``reports_dir``: three short reports written for the tests
  (envoys, meetings, named and anonymous sources, a denial, a repeated photo
  caption, a ``Source:`` credit line), as texts and as files in one folder.
* ``kb_path`` / ``kb`` / ``kb_export``: a knowledge base built once from the
  three reports, for tests that only read it. Tests that write take
  ``kb_copy`` (a private copy of the file) or build their own base with
  ``make_db``.
* ``export_of``, ``import_text``: helpers that export a base to a string and
  import a string into a base.
* ``shared_dir``: the ``shared`` folder beside the repository (seeds, spec);
  tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dossier.export.jsonl import import_export, write_export
from dossier.store.database import Database, open_database

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY / ".." / "shared"

# Written for these tests; not taken from any real report.
ENVOY_REPORT = """\
Qatar's special envoy Mutlaq al-Qahtani met Ahmad Massoud in Dushanbe on Tuesday, according to \
two sources close to the National Resistance Front.
The meeting lasted three hours, one of the sources said. Massoud asked Qatar to press the Taliban \
to open talks.
A spokesman for the Taliban, Zabihullah Mujahid, denied that any envoy had met Massoud. "No such \
meeting took place," Mujahid told reporters in Kabul.
The Qatari foreign ministry did not respond to a request for comment.
"""

TEHRAN_REPORT = """\
Iran hosted talks in Tehran between the Taliban and delegates of the National Resistance Front, \
officials said on Sunday.
Ahmad Massoud did not attend, a source close to the NRF leadership said. Iranian foreign minister \
Hossein Amir-Abdollahian said the talks were useful.
Zabihullah Mujahid said the Taliban would not share power. Russia and Tajikistan sent observers, \
according to a diplomat in Dushanbe.
"""

MOSCOW_REPORT = """\
Regional envoys gathered in Moscow on Wednesday to discuss Afghanistan, the Russian foreign \
ministry said.
Russian envoy Zamir Kabulov chairs the meeting in Moscow on Wednesday. (Photo: Example Wire)
Kabulov said the envoys had agreed to keep in touch with the Taliban. Diplomats from China, \
Pakistan and Iran attended.
An Indian official, who asked not to be named, said India had sent a senior diplomat. The Taliban \
were not invited, he added.
Russian envoy Zamir Kabulov chairs the meeting in Moscow on Wednesday. (Photo: Example Wire)
Source: Example Wire
"""

REPORTS = {
    "envoy.txt": ENVOY_REPORT,
    "tehran.txt": TEHRAN_REPORT,
    "moscow.txt": MOSCOW_REPORT,
}


@pytest.fixture(autouse=True)
def _no_dossier_db_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A DOSSIER_DB set in the developer's shell must not leak into a test."""
    monkeypatch.delenv("DOSSIER_DB", raising=False)


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with dossier's components, loaded once."""
    from dossier.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reports() -> dict[str, str]:
    """File name -> text of the test reports."""
    return dict(REPORTS)


@pytest.fixture(scope="session")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the test reports as UTF-8 files (read-only by convention)."""
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    return folder


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory, reports_dir: Path, nlp) -> Path:
    """A knowledge base file with the three test reports ingested (do not write to it)."""
    from dossier.workflow import ingest

    path = tmp_path_factory.mktemp("kb") / "kb.db"
    database = open_database(str(path))
    try:
        summary = ingest([str(reports_dir)], database, nlp=nlp)
        assert summary.ok and len(summary.added) == len(REPORTS), summary
    finally:
        database.close()
    return path


@pytest.fixture(scope="session")
def kb(kb_path: Path) -> Iterator[Database]:
    """The shared knowledge base, opened once (read-only by convention)."""
    database = open_database(str(kb_path), create=False)
    yield database
    database.close()


@pytest.fixture(scope="session")
def kb_export(kb: Database) -> str:
    """The export of the shared knowledge base."""
    return export_text(kb)


@pytest.fixture
def kb_copy(kb_path: Path, tmp_path: Path) -> Path:
    """A private copy of the shared knowledge base file, free to change."""
    target = tmp_path / "copy.db"
    shutil.copyfile(kb_path, target)
    return target


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[Callable[..., Database]]:
    """Open (creating) a knowledge base under the test's tmp_path; closed at teardown."""
    opened: list[Database] = []

    def make(name: str = "kb.db", **options) -> Database:
        database = open_database(str(tmp_path / name), **options)
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


def export_text(database: Database) -> str:
    buffer = io.StringIO()
    write_export(database, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def export_of() -> Callable[[Database], str]:
    """``export_of(database)``: the database's export as a string."""
    return export_text


@pytest.fixture(scope="session")
def import_text() -> Callable[..., dict[str, int]]:
    """``import_text(database, text, where="export.jsonl")``: import a string."""

    def run(database: Database, text: str, where: str = "export.jsonl") -> dict[str, int]:
        return import_export(database, io.StringIO(text), where)

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``shared`` folder beside the repository; skip when it is absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "spec" / "validate.py").is_file():
        pytest.skip(f"{SHARED.resolve()} (seeds and spec) is not available")
    return SHARED.resolve()

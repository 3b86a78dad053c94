"""Opening the knowledge base, and writing reports into it one transaction each."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dossier.errors import Errors, StoreError
from dossier.ingest.text import content_hash
from dossier.model.entity import EntityType, Mention, ReportEntity, entity_id
from dossier.model.ids import content_id
from dossier.store import database as database_module
from dossier.store import schema
from dossier.store.database import Database, database_url, open_database
from dossier.workflow import ingest

# -- helpers


def sqlite_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }


def sqlite_meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT key, value FROM dossier_meta"))


def document(text: str, **fields) -> dict:
    sha = content_hash(text)
    row = {
        "id": content_id("d", sha),
        "sha256": sha,
        "title": None,
        "url": None,
        "outlet": None,
        "published": None,
        "language": "en",
        "path": None,
        "origin": None,
        "text": text,
    }
    row.update(fields)
    return row


def mentioned(text: str, name: str, type: EntityType, words: list[str], **fields) -> ReportEntity:
    """A ReportEntity whose mentions are the first occurrence of each of ``words``."""
    mentions = []
    for word in words:
        start = text.index(word)
        mentions.append(Mention(start, start + len(word), word))
    return ReportEntity(type=type, name=name, mentions=mentions, **fields)


def row_counts(database: Database) -> dict[str, int]:
    counts = database.counts()
    with database.engine.connect() as connection:
        for table in (schema.aliases, schema.repeats, schema.records):
            counts[table.name] = len(connection.execute(select(table)).all())
    return counts


EMPTY = {
    "documents": 0,
    "entities": 0,
    "mentions": 0,
    "statements": 0,
    "events": 0,
    "relations": 0,
    "aliases": 0,
    "repeats": 0,
    "records": 0,
}

FIRST = "The envoy Mutlaq al-Qahtani met Ahmad Massoud in Dushanbe, two sources said."
SECOND = "Zabihullah Mujahid denied that Massoud had met any envoy, speaking in Kabul."


def first_report() -> tuple[dict, list[ReportEntity]]:
    return document(FIRST, path="first.txt"), [
        mentioned(FIRST, "Ahmad Massoud", EntityType.PERSON, ["Ahmad Massoud"]),
        mentioned(FIRST, "Mutlaq al-Qahtani", EntityType.PERSON, ["Mutlaq al-Qahtani"]),
        mentioned(FIRST, "Dushanbe", EntityType.PLACE, ["Dushanbe"]),
    ]


def second_report() -> tuple[dict, list[ReportEntity]]:
    return document(SECOND, path="second.txt"), [
        mentioned(SECOND, "Ahmad Massoud", EntityType.PERSON, ["Massoud"]),
        mentioned(SECOND, "Zabihullah Mujahid", EntityType.PERSON, ["Zabihullah Mujahid"]),
        mentioned(SECOND, "Kabul", EntityType.PLACE, ["Kabul"], country="af"),
    ]


@pytest.fixture
def fast_lock_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail at once on a lock instead of waiting the default five seconds."""
    monkeypatch.setattr(database_module, "LOCK_TIMEOUT_SECONDS", 0)


@pytest.fixture
def exclusive_lock():
    """``lock(path)`` holds an exclusive lock on a SQLite file, as another process would."""
    held: list[sqlite3.Connection] = []

    def lock(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("BEGIN EXCLUSIVE")
        held.append(connection)
        return connection

    yield lock
    for connection in held:
        if connection.in_transaction:
            connection.rollback()
        connection.close()


# -- creating and opening


def test_new_database_file_is_created_with_the_dossier_marker(make_db, tmp_path: Path):
    database = make_db("new.db")
    path = tmp_path / "new.db"
    assert path.is_file()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert sqlite_meta(path) == {
        "application": schema.APPLICATION,
        "schema_version": str(schema.SCHEMA_VERSION),
    }
    assert set(schema.metadata.tables) <= sqlite_tables(path)
    assert database.is_empty()
    assert database.counts() == {
        "documents": 0,
        "entities": 0,
        "mentions": 0,
        "statements": 0,
        "events": 0,
        "relations": 0,
    }


def test_reopening_keeps_what_was_stored(tmp_path: Path):
    path = str(tmp_path / "kb.db")
    database = open_database(path)
    stored = database.store_report(*first_report())
    counts = row_counts(database)
    database.close()

    again = open_database(path)
    try:
        assert row_counts(again) == counts
        assert again.has_document(content_hash(FIRST)) == stored.document_id
        assert sqlite_meta(Path(path))["application"] == "dossier"
    finally:
        again.close()
    # Opening without create works on an existing base as well.
    read_only = open_database(path, create=False)
    try:
        assert row_counts(read_only) == counts
    finally:
        read_only.close()


def test_an_empty_file_becomes_a_new_database(make_db, tmp_path: Path):
    (tmp_path / "empty.db").write_bytes(b"")
    database = make_db("empty.db")
    assert database.is_empty()
    assert sqlite_meta(tmp_path / "empty.db")["application"] == "dossier"


def test_open_without_create_refuses_a_missing_file(tmp_path: Path):
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError) as caught:
        open_database(str(path), create=False)
    assert caught.value.code is Errors.E103
    assert str(path) in str(caught.value)
    assert not path.exists()


def test_a_text_file_is_not_a_database_and_is_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.db"
    content = b"Envoys met in Doha on Monday; nothing was agreed.\n"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E102
    message = str(caught.value)
    assert message.startswith(f"{path}: [E102]")
    assert "not an SQLite database" in message
    assert path.read_bytes() == content


def test_a_corrupt_sqlite_file_is_not_a_dossier_database(tmp_path: Path):
    path = tmp_path / "corrupt.db"
    content = b"SQLite format 3\x00" + b"\xff" * 4096
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E102
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_an_sqlite_file_with_other_tables_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE envoys (name TEXT)")
        connection.execute("INSERT INTO envoys VALUES ('Zamir Kabulov')")
    connection.close()
    content = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E102
    assert str(path) in str(caught.value)
    assert "envoys" in str(caught.value)
    assert path.read_bytes() == content
    assert sqlite_tables(path) == {"envoys"}


def test_a_dossier_meta_table_without_the_marker_is_refused(tmp_path: Path):
    path = tmp_path / "impostor.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE dossier_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO dossier_meta VALUES ('application', 'something-else')")
    connection.close()
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E102
    assert "marker" in str(caught.value)


def test_a_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "future.db"
    open_database(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE dossier_meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E104
    assert "99" in str(caught.value)


def test_a_folder_is_not_a_database(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(StoreError) as caught:
        open_database(str(folder))
    assert caught.value.code is Errors.E103
    assert str(folder) in str(caught.value)
    assert "folder" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_path_in_a_missing_folder_cannot_be_opened(tmp_path: Path):
    path = tmp_path / "no-such-folder" / "kb.db"
    with pytest.raises(StoreError) as caught:
        open_database(str(path))
    assert caught.value.code is Errors.E103
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    "url", ["nosuchdb://localhost/dossier", "postgresql+nosuchdriver://localhost/dossier"]
)
def test_an_unknown_database_kind_is_a_store_error(url: str):
    with pytest.raises(StoreError) as caught:
        open_database(url)
    assert caught.value.code is Errors.E103
    assert "nosuch" in str(caught.value)


def test_an_unparsable_url_is_a_store_error():
    with pytest.raises(StoreError) as caught:
        open_database("not a url://")
    assert caught.value.code is Errors.E103


# -- where the database is


def test_database_url_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "kb.db"
    assert database_url(str(path)) == f"sqlite:///{path}"
    assert database_url(f"sqlite:///{path}") == f"sqlite:///{path}"
    assert database_url(None) == "sqlite:///dossier.db"
    monkeypatch.setenv("DOSSIER_DB", str(path))
    assert database_url(None) == f"sqlite:///{path}"
    # An explicit target wins over the environment.
    assert database_url(str(tmp_path / "other.db")) == f"sqlite:///{tmp_path / 'other.db'}"


def test_dossier_db_environment_variable_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("DOSSIER_DB", str(path))
    database = open_database()
    try:
        assert path.is_file()
        assert database.url == f"sqlite:///{path}"
    finally:
        database.close()
    assert sqlite_meta(path)["application"] == "dossier"


def test_dossier_db_environment_variable_may_be_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "from-env-url.db"
    monkeypatch.setenv("DOSSIER_DB", f"sqlite:///{path}")
    open_database().close()
    assert sqlite_meta(path)["application"] == "dossier"


def test_sqlalchemy_url_is_accepted(tmp_path: Path):
    path = tmp_path / "by-url.db"
    database = open_database(f"sqlite:///{path}")
    try:
        database.store_report(*first_report())
    finally:
        database.close()
    # The same file opened by plain path sees the same content.
    by_path = open_database(str(path), create=False)
    try:
        assert by_path.counts()["documents"] == 1
    finally:
        by_path.close()


def test_in_memory_url_works():
    database = open_database("sqlite://")
    try:
        assert database.is_empty()
    finally:
        database.close()


# -- locks


def test_a_locked_database_is_read_but_not_written_and_nothing_is_lost(
    tmp_path: Path, fast_lock_timeout, exclusive_lock
):
    path = tmp_path / "kb.db"
    database = open_database(str(path))
    database.store_report(*first_report())
    before = row_counts(database)
    database.close()
    content = path.read_bytes()

    holder = exclusive_lock(path)
    # the base keeps a write-ahead log: it opens for reading while another
    # process writes, and writing is what waits and then fails
    reader = open_database(str(path))
    try:
        assert row_counts(reader) == before
        with pytest.raises(StoreError) as caught:
            reader.store_report(*second_report())
    finally:
        reader.close()
    assert caught.value.code is Errors.E101
    message = str(caught.value)
    assert str(path) in message
    assert "locked" in message and "[E101]" in message
    holder.rollback()

    assert path.read_bytes() == content
    again = open_database(str(path))
    try:
        assert row_counts(again) == before
    finally:
        again.close()


def test_a_lock_taken_while_writing_is_e101_and_the_report_is_not_half_stored(
    tmp_path: Path, fast_lock_timeout, exclusive_lock
):
    path = tmp_path / "kb.db"
    database = open_database(str(path))
    try:
        database.store_report(*first_report())
        before = row_counts(database)
        holder = exclusive_lock(path)
        with pytest.raises(StoreError) as caught:
            database.store_report(*second_report())
        assert caught.value.code is Errors.E101
        assert str(path) in str(caught.value)
        holder.rollback()
        assert row_counts(database) == before
        # Once the lock is gone the same report goes in.
        assert database.store_report(*second_report()).added
        assert row_counts(database)["documents"] == 2
    finally:
        database.close()


def test_a_brief_lock_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(database_module, "LOCK_TIMEOUT_SECONDS", 5)
    path = tmp_path / "kb.db"
    open_database(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, holder.rollback)
    release.start()
    started = time.monotonic()
    try:
        database = open_database(str(path))
        database.store_report(*first_report())
        database.close()
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 0.2


# -- storing a report


def test_store_report_stores_document_entities_aliases_and_mentions(make_db):
    database = make_db()
    doc, entities = first_report()
    stored = database.store_report(doc, entities, repeats=[(40, 50, 0)])
    assert stored.added
    assert stored.document_id == doc["id"]
    assert (stored.entities, stored.mentions) == (3, 3)
    counts = row_counts(database)
    assert counts == {
        **EMPTY,
        "documents": 1,
        "entities": 3,
        "mentions": 3,
        "aliases": 3,
        "repeats": 1,
    }
    with database.engine.connect() as connection:
        ids = set(connection.execute(select(schema.entities.c.id)).scalars())
    assert ids == {entity.key for entity in entities}
    assert entity_id(EntityType.PERSON, "ahmad  MASSOUD") in ids


def test_storing_the_same_text_again_changes_nothing(make_db):
    database = make_db()
    doc, entities = first_report()
    database.store_report(doc, entities)
    before = row_counts(database)
    again = database.store_report(doc, entities)
    assert not again.added
    assert again.document_id == doc["id"]
    assert (again.entities, again.mentions) == (0, 0)
    assert row_counts(database) == before


def test_store_report_is_one_transaction_on_a_database_error(make_db):
    database = make_db()
    database.store_report(*first_report())
    before = row_counts(database)
    doc, entities = second_report()
    # The same span twice: the mentions' primary key fails after the document,
    # the entities and the aliases have been written.
    entities[-1].mentions.append(entities[-1].mentions[0])
    with pytest.raises(IntegrityError):
        database.store_report(doc, entities)
    assert row_counts(database) == before
    assert database.has_document(doc["sha256"]) is None
    assert database.find_entities("Zabihullah Mujahid") == []
    assert database.find_entities("Kabul") == []


def test_store_report_is_one_transaction_when_anything_raises(
    make_db, monkeypatch: pytest.MonkeyPatch
):
    database = make_db()
    # The first report stores Dushanbe without a country; the second would add one.
    database.store_report(*first_report())
    before = row_counts(database)
    text = "Envoys arrived in Dushanbe, the Tajik capital, on Monday."
    doc = document(text)
    entities = [mentioned(text, "Dushanbe", EntityType.PLACE, ["Dushanbe"], country="tj")]

    def broken(self, connection, rows):
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(Database, "_add_aliases", broken)
    with pytest.raises(RuntimeError):
        database.store_report(doc, entities)
    monkeypatch.undo()

    assert row_counts(database) == before
    assert database.has_document(doc["sha256"]) is None
    (dushanbe,) = database.find_entities("Dushanbe")
    assert dushanbe["country"] is None  # the update inside the failed transaction was undone


def test_a_second_report_fills_what_an_entity_lacks_and_keeps_what_it_has(make_db):
    database = make_db()
    database.store_report(*first_report())
    text = "Officials in Dushanbe, in Tajikistan, confirmed the visit."
    entities = [
        mentioned(
            text,
            "Dushanbe",
            EntityType.PLACE,
            ["Dushanbe"],
            country="tj",
            latitude=38.5,
            longitude=68.8,
        )
    ]
    database.store_report(document(text), entities)
    (dushanbe,) = database.find_entities("Dushanbe")
    assert (dushanbe["country"], dushanbe["latitude"], dushanbe["longitude"]) == ("tj", 38.5, 68.8)

    text = "Another report placed Dushanbe elsewhere."
    entities = [mentioned(text, "Dushanbe", EntityType.PLACE, ["Dushanbe"], country="xx")]
    database.store_report(document(text), entities)
    (dushanbe,) = database.find_entities("Dushanbe")
    assert dushanbe["country"] == "tj"


def test_same_normalised_name_and_type_across_reports_is_one_entity(make_db):
    database = make_db()
    database.store_report(*first_report())
    database.store_report(*second_report())
    matches = database.find_entities("Ahmad Massoud")
    assert len(matches) == 1
    massoud = matches[0]["id"]
    with database.engine.connect() as connection:
        documents = set(
            connection.execute(
                select(schema.mentions.c.document_id).where(schema.mentions.c.entity_id == massoud)
            ).scalars()
        )
        aliases = set(
            connection.execute(
                select(schema.aliases.c.alias).where(schema.aliases.c.entity_id == massoud)
            ).scalars()
        )
    assert documents == {first_report()[0]["id"], second_report()[0]["id"]}
    assert aliases == {"Ahmad Massoud", "Massoud"}


def test_names_that_normalise_alike_are_one_entity_but_types_stay_apart(make_db):
    database = make_db()
    one = "Delegates flew to Türkiye on Monday."
    two = "Talks in Turkiye ended without agreement."
    three = "The Turkiye group of observers said nothing."
    database.store_report(
        document(one), [mentioned(one, "Türkiye", EntityType.COUNTRY, ["Türkiye"])]
    )
    database.store_report(
        document(two), [mentioned(two, "Turkiye", EntityType.COUNTRY, ["Turkiye"])]
    )
    database.store_report(
        document(three), [mentioned(three, "Turkiye", EntityType.GROUP, ["Turkiye"])]
    )
    matches = database.find_entities("TURKIYE")
    assert sorted(m["type"] for m in matches) == ["country", "group"]
    assert database.counts() == {
        "documents": 3,
        "entities": 2,
        "mentions": 3,
        "statements": 0,
        "events": 0,
        "relations": 0,
    }


# -- ingesting (with the real pipeline)


def test_reingesting_the_same_reports_changes_nothing(
    kb_copy: Path, reports_dir: Path, nlp, export_of
):
    database = open_database(str(kb_copy))
    try:
        before_counts = row_counts(database)
        before_export = export_of(database)
        summary = ingest([str(reports_dir)], database, nlp=nlp)
        assert summary.ok
        assert summary.added == []
        assert sorted(Path(origin).name for origin in summary.unchanged) == sorted(
            p.name for p in reports_dir.iterdir()
        )
        assert row_counts(database) == before_counts
        assert export_of(database) == before_export
    finally:
        database.close()


def test_crlf_and_trailing_spaces_are_the_same_report(
    kb_copy: Path, reports: dict[str, str], tmp_path: Path, nlp, export_of
):
    folder = tmp_path / "variants"
    folder.mkdir()
    text = reports["envoy.txt"]
    crlf = text.replace("\n", "\r\n").encode("utf-8")
    (folder / "envoy-crlf.txt").write_bytes(crlf)
    spaced = "\n".join(f"  {line}   " for line in text.split("\n")) + "\n\n"
    (folder / "envoy-spaced.txt").write_text(spaced, encoding="utf-8")
    assert content_hash(spaced) == content_hash(text)

    database = open_database(str(kb_copy))
    try:
        before_counts = row_counts(database)
        before_export = export_of(database)
        summary = ingest([str(folder)], database, nlp=nlp)
        assert summary.ok
        assert summary.added == []
        assert len(summary.unchanged) == 2
        assert row_counts(database) == before_counts
        assert export_of(database) == before_export
    finally:
        database.close()


def test_the_same_report_twice_in_one_run_is_stored_once(
    make_db, reports: dict[str, str], tmp_path: Path, nlp
):
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.txt").write_text(reports["tehran.txt"], encoding="utf-8")
    (folder / "b.txt").write_text(reports["tehran.txt"].replace("\n", "\r\n"), encoding="utf-8")
    database = make_db()
    summary = ingest([str(folder)], database, nlp=nlp)
    assert len(summary.added) == 1
    assert [Path(origin).name for origin in summary.unchanged] == ["b.txt"]
    assert database.counts()["documents"] == 1


def test_shared_knowledge_base_joins_actors_across_reports(kb: Database):
    (massoud,) = [m for m in kb.find_entities("Ahmad Massoud") if m["type"] == "person"]
    (taliban,) = [m for m in kb.find_entities("Taliban") if m["type"] == "organization"]
    with kb.engine.connect() as connection:
        paths = {}
        for entity in (massoud, taliban):
            paths[entity["name"]] = set(
                connection.execute(
                    select(schema.documents.c.path)
                    .join(schema.mentions, schema.mentions.c.document_id == schema.documents.c.id)
                    .where(schema.mentions.c.entity_id == entity["id"])
                ).scalars()
            )
    assert paths["Ahmad Massoud"] == {"envoy.txt", "tehran.txt"}
    assert paths["Taliban"] == {"envoy.txt", "tehran.txt", "moscow.txt"}

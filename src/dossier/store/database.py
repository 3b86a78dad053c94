"""Opening the knowledge base and writing reports into it.

Every report goes in one transaction: a failure leaves the base as it was.
A report whose normalised text is already stored is not stored again.
A report's events and relations go in with it, linked to the statements that
report them (see :meth:`Database.store_report`).
A base written by an older dossier is brought up to the current schema when
it is opened (every change so far only adds tables); one written by a newer
dossier is refused (E104).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

from dossier.errors import Errors, StoreError
from dossier.model.entity import ReportEntity
from dossier.model.event import (
    EVENT_TYPES,
    Modality,
    RelationType,
    ReportEvent,
    ReportRelation,
    event_id,
    relation_id,
)
from dossier.model.statement import ReportStatement, Stance, spans_value
from dossier.resolve.names import display_form, normalise_name
from dossier.store import schema
from dossier.store.resolution import resolve_entities

DEFAULT_DB = "dossier.db"
LOCK_TIMEOUT_SECONDS = 5

# Queries run for every stored report, built once (SQLAlchemy then neither rebuilds
# nor re-hashes them per call); ``ids`` is an expanding, non-empty list.
_DOCUMENT_BY_HASH = select(schema.documents.c.id).where(
    schema.documents.c.sha256 == bindparam("sha256")
)
_ENTITIES_BY_ID = select(schema.entities).where(
    schema.entities.c.id.in_(bindparam("ids", expanding=True))
)
_ALIASES_OF = select(schema.aliases.c.entity_id, schema.aliases.c.alias).where(
    schema.aliases.c.entity_id.in_(bindparam("ids", expanding=True))
)


def database_url(target: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL (the argument, ``DOSSIER_DB``, or ./dossier.db)."""
    target = target or os.environ.get("DOSSIER_DB") or DEFAULT_DB
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


@dataclass(slots=True, frozen=True)
class StoredReport:
    """What storing one report did."""

    document_id: str
    added: bool  # False: the same text was stored before, nothing changed
    entities: int
    mentions: int
    statements: int = 0
    events: int = 0
    relations: int = 0  # the distinct relations the report states (some may be stored already)


def _is_locked(error: Exception) -> bool:
    return "locked" in str(error).lower() or "busy" in str(error).lower()


class Database:
    """The knowledge base behind one URL."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # -- opening

    @classmethod
    def open(cls, target: str | None = None, *, create: bool = True) -> Database:
        url = database_url(target)
        where = str(make_url(url).database or url) if url.startswith("sqlite") else url
        try:
            parsed = make_url(url)
        except ArgumentError as error:
            raise StoreError(Errors.E103, where=url, detail=str(error)) from error
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            path = Path(parsed.database)
            if path.is_dir():
                raise StoreError(Errors.E103, where=where, detail="it is a folder")
            if not create and not path.exists():
                raise StoreError(Errors.E103, where=where, detail="no such file")
            if path.exists() and path.stat().st_size:
                with path.open("rb") as handle:
                    if handle.read(16) != b"SQLite format 3\x00":
                        raise StoreError(
                            Errors.E102, where=where, detail="the file is not an SQLite database"
                        )
        try:
            engine = create_engine(url, future=True)
        except (NoSuchModuleError, ImportError, ArgumentError) as error:
            raise StoreError(Errors.E103, where=where, detail=str(error)) from error
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        database = cls(engine, url)
        database._prepare(where)
        return database

    def _prepare(self, where: str) -> None:
        try:
            with self.engine.begin() as connection:
                tables = set(inspect(connection).get_table_names())
                if tables and schema.meta.name not in tables:
                    raise StoreError(
                        Errors.E102,
                        where=where,
                        detail=f"it holds other tables ({', '.join(sorted(tables)[:5])})",
                    )
                if schema.meta.name in tables:
                    rows = dict(connection.execute(select(schema.meta)).all())
                    if rows.get("application") != schema.APPLICATION:
                        raise StoreError(Errors.E102, where=where, detail="no dossier marker")
                    found = int(rows.get("schema_version", "0"))
                    if found > schema.SCHEMA_VERSION:
                        raise StoreError(
                            Errors.E104, where=where, found=found, expected=schema.SCHEMA_VERSION
                        )
                schema.metadata.create_all(connection)
                if schema.meta.name in tables and found < schema.SCHEMA_VERSION:
                    _record_upgrade(connection, "schema_version" in rows)
                if schema.meta.name not in tables:
                    connection.execute(
                        insert(schema.meta),
                        [
                            {"key": "application", "value": schema.APPLICATION},
                            {"key": "schema_version", "value": str(schema.SCHEMA_VERSION)},
                        ],
                    )
            if self.engine.dialect.name == "sqlite":
                # A write-ahead log, set only once the file is known to be a
                # dossier base (the mode is written into the file): readers
                # do not wait for a writer, and commits are not synced one by one.
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA journal_mode = WAL")
        except OperationalError as error:
            if _is_locked(error):
                raise StoreError(Errors.E101, where=where) from error
            raise StoreError(Errors.E103, where=where, detail=str(error.orig)) from error
        except DatabaseError as error:
            raise StoreError(Errors.E102, where=where, detail=str(error.orig)) from error

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction; a lock held by another process is a clear error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as error:
            if _is_locked(error):
                raise StoreError(Errors.E101, where=self.url) from error
            raise

    def close(self) -> None:
        self.engine.dispose()

    # -- writing

    def has_document(self, sha256: str) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(_DOCUMENT_BY_HASH, {"sha256": sha256}).scalar()

    def store_report(
        self,
        document: dict,
        entities: Iterable[ReportEntity],
        repeats: Iterable[tuple[int, int, int]] = (),
        statements: Iterable[ReportStatement] = (),
        events: Iterable[ReportEvent] = (),
        relations: Iterable[ReportRelation] = (),
    ) -> StoredReport:
        """Store one report, its entities, statements, events and relations in one transaction.

        Nothing is stored if the same text is there already. A statement's
        ``speaker``, ``affiliation`` and chain speakers, an event's actors,
        targets and location and a relation's subject and object are indexes
        into ``entities``; the ``statements`` of events and relations are
        indexes into ``statements``. An index out of range, an unknown stance,
        event type, modality or relation type is a ``ValueError`` (and nothing
        of the report is kept). Two statements with the same id (same span,
        parts, speaker and stance) are one statement: the first is kept; so
        are two events or two relations of one id, backed by the statements of
        both. A relation stated by an earlier report is the same relation: it
        gains this report's statements.

        An event or relation given no statements is backed by the report's
        statements whose span holds its trigger (or evidence), the narrowest
        if several do; with none it is stored unbacked, and the export leaves
        it out (the format wants every event and relation backed).
        """
        entities = list(entities)
        statements = list(statements)
        statement_rows, statement_ids = _statement_rows(document["id"], statements, entities)
        items = _event_and_relation_rows(
            document["id"], list(events), list(relations), entities, statements, statement_ids
        )
        about = items.about()
        for row in statement_rows:
            row["about"] = json_text(sorted(about.get(row["id"], ())))
        with self.transaction() as connection:
            existing = connection.execute(
                _DOCUMENT_BY_HASH, {"sha256": document["sha256"]}
            ).scalar()
            if existing is not None:
                return StoredReport(existing, False, 0, 0)
            connection.execute(insert(schema.documents), [document])
            repeat_rows = [
                {"document_id": document["id"], "start": s, "end": e, "original": o}
                for s, e, o in repeats
            ]
            if repeat_rows:
                connection.execute(insert(schema.repeats), repeat_rows)
            mention_rows, alias_rows = [], []
            values_by_id: dict[str, dict] = {}
            for entity in entities:
                key = entity.key
                values = {
                    "type": entity.type.value,
                    "name": entity.name,
                    "country": entity.country,
                    "latitude": entity.latitude,
                    "longitude": entity.longitude,
                }
                earlier = values_by_id.get(key)
                values_by_id[key] = values if earlier is None else _merged(earlier, values)
                forms = {entity.name} | {display_form(m.text) for m in entity.mentions}
                alias_rows.extend({"entity_id": key, "alias": form} for form in forms if form)
                mention_rows.extend(
                    {
                        "document_id": document["id"],
                        "start": m.start,
                        "end": m.end,
                        "entity_id": key,
                        "text": m.text,
                        "repeated": m.repeated,
                    }
                    for m in entity.mentions
                )
            added = self._upsert_entities(connection, values_by_id)
            self._add_aliases(connection, alias_rows)
            resolve_entities(connection, added)
            if mention_rows:
                connection.execute(insert(schema.mentions), mention_rows)
            if statement_rows:
                connection.execute(insert(schema.statements), statement_rows)
            items.store(connection)
        return StoredReport(
            document["id"],
            True,
            len(entities),
            len(mention_rows),
            len(statement_rows),
            len(items.events),
            len(items.relations),
        )

    def _upsert_entities(self, connection: Connection, values_by_id: dict[str, dict]) -> list[str]:
        """Insert new entities and update stored ones; return the new ones' ids."""
        if not values_by_id:
            return []
        stored = {
            row["id"]: row
            for row in connection.execute(_ENTITIES_BY_ID, {"ids": list(values_by_id)}).mappings()
        }
        new = [{"id": key, **values} for key, values in values_by_id.items() if key not in stored]
        if new:
            connection.execute(insert(schema.entities), new)
        for key, values in values_by_id.items():
            row = stored.get(key)
            if row is None:
                continue
            changes = _changes(row, values)
            if changes:
                connection.execute(
                    schema.entities.update().where(schema.entities.c.id == key).values(**changes)
                )
        return [row["id"] for row in new]

    def _add_aliases(self, connection: Connection, rows: list[dict]) -> None:
        if not rows:
            return
        unique = {(r["entity_id"], r["alias"]): r for r in rows}
        ids = {r["entity_id"] for r in rows}
        rows_known = connection.execute(_ALIASES_OF, {"ids": list(ids)})
        known = {(entity_id, alias) for entity_id, alias in rows_known}
        new = [r for key, r in unique.items() if key not in known]
        if new:
            connection.execute(insert(schema.aliases), new)

    # -- reading

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in (
                    schema.documents,
                    schema.entities,
                    schema.mentions,
                    schema.statements,
                    schema.events,
                    schema.relations,
                )
            }

    def is_empty(self) -> bool:
        with self.engine.connect() as connection:
            return not any(
                connection.execute(select(func.count()).select_from(table)).scalar()
                for table in (
                    schema.documents,
                    schema.entities,
                    schema.statements,
                    schema.events,
                    schema.relations,
                    schema.records,
                )
            )

    def find_entities(self, name: str) -> list[dict]:
        """Entities whose name or an alias has this normalised form, or whose id it is."""
        key = normalise_name(name)
        with self.engine.connect() as connection:
            rows = (
                connection.execute(select(schema.entities).where(schema.entities.c.id == name))
                .mappings()
                .all()
            )
            if rows:
                return [dict(r) for r in rows]
            ids = {
                entity_id
                for entity_id, alias in connection.execute(
                    select(schema.aliases.c.entity_id, schema.aliases.c.alias)
                )
                if normalise_name(alias) == key
            }
            if not ids:
                return []
            rows = (
                connection.execute(select(schema.entities).where(schema.entities.c.id.in_(ids)))
                .mappings()
                .all()
            )
            return [dict(r) for r in rows]


def _record_upgrade(connection: Connection, had_version: bool) -> None:
    """Mark an older base as current once ``create_all`` has added the new tables."""
    value = str(schema.SCHEMA_VERSION)
    if had_version:
        connection.execute(
            update(schema.meta).where(schema.meta.c.key == "schema_version").values(value=value)
        )
    else:
        connection.execute(insert(schema.meta), [{"key": "schema_version", "value": value}])


def _entity_key(
    entities: list[ReportEntity], index: int | None, what: str = "a statement"
) -> str | None:
    """The id of the report's entity at ``index`` (None stays None)."""
    if index is None:
        return None
    if not _is_index(index, entities):
        raise ValueError(
            f"{what} refers to entity {index!r}; the report has {len(entities)} entities"
        )
    return entities[index].key


def _is_index(index, items: list) -> bool:
    return isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(items)


def _statement_rows(
    document_id: str, statements: list[ReportStatement], entities: list[ReportEntity]
) -> tuple[list[dict], list[str]]:
    """The rows of one report's statements, entity indexes turned into ids, and each one's id.

    The ids are in the order of ``statements`` (a statement given twice has
    its id twice, and one row).
    """
    rows: dict[str, dict] = {}
    ids: list[str] = []
    for statement in statements:
        speaker = _entity_key(entities, statement.speaker)
        key = statement.key(document_id, speaker)
        ids.append(key)
        if key in rows:
            continue
        rows[key] = {
            "id": key,
            "document_id": document_id,
            "start": statement.start,
            "end": statement.end,
            "text": statement.text,
            "speaker": speaker,
            "speaker_text": statement.speaker_text,
            "anonymous": statement.anonymous,
            "affiliation": _entity_key(entities, statement.affiliation),
            "cue": statement.cue,
            "stance": Stance(statement.stance).value,
            "hedged": statement.hedged,
            "spans": json_text(
                {
                    "source": spans_value(statement.source),
                    "cue": spans_value(statement.cue_spans),
                    "content": spans_value(statement.content),
                }
            ),
            "chain": json_text(
                [
                    {
                        "speaker_text": link.speaker_text,
                        "cue": link.cue,
                        "speaker": _entity_key(entities, link.speaker),
                    }
                    for link in statement.chain
                ]
            ),
            "about": json_text([]),  # set by store_report from the events and relations
            "extra": None,
        }
    return list(rows.values()), ids


@dataclass(slots=True)
class _ReportItems:
    """The rows of one report's events and relations, and their links to statements."""

    events: dict[str, dict]
    participants: list[dict]
    relations: dict[str, dict]
    # (event or relation id, statement id) -> position, in the order given
    event_links: dict[tuple[str, str], int]
    relation_links: dict[tuple[str, str], int]

    def about(self) -> dict[str, set[str]]:
        """Statement id -> the ids of the events and relations it reports."""
        about: dict[str, set[str]] = {}
        for item, statement in [*self.event_links, *self.relation_links]:
            about.setdefault(statement, set()).add(item)
        return about

    def store(self, connection: Connection) -> None:
        """Insert the rows (the report's document is new, so are its events and links)."""
        if self.events:
            connection.execute(insert(schema.events), list(self.events.values()))
        if self.participants:
            connection.execute(insert(schema.event_participants), self.participants)
        if self.event_links:
            connection.execute(
                insert(schema.event_statements),
                [
                    {"event_id": item, "statement_id": statement, "position": position}
                    for (item, statement), position in self.event_links.items()
                ],
            )
        if self.relations:
            store_relations(connection, list(self.relations.values()))
        if self.relation_links:
            connection.execute(
                insert(schema.relation_statements),
                [
                    {"relation_id": item, "statement_id": statement, "position": position}
                    for (item, statement), position in self.relation_links.items()
                ],
            )


def store_relations(connection: Connection, rows: list[dict]) -> None:
    """Insert relations not stored yet; of one id, the smaller role spelling is kept.

    A relation's id hashes its role case-folded, so two reports may spell the
    role of one relation differently; keeping the smaller makes the base the
    same whatever order the reports come in.
    """
    table = schema.relations
    stored = {
        row["id"]: row["role"]
        for row in connection.execute(
            select(table.c.id, table.c.role).where(table.c.id.in_([r["id"] for r in rows]))
        ).mappings()
    }
    new = [row for row in rows if row["id"] not in stored]
    if new:
        connection.execute(insert(table), new)
    for row in rows:
        if row["id"] in stored and _role_order(row["role"]) < _role_order(stored[row["id"]]):
            connection.execute(
                update(table).where(table.c.id == row["id"]).values(role=row["role"])
            )


def _role_order(role: str | None) -> tuple[bool, str]:
    """Which spelling of a relation's role is kept: no role, then the smallest."""
    return (role is not None, role or "")


def _event_and_relation_rows(
    document_id: str,
    events: list[ReportEvent],
    relations: list[ReportRelation],
    entities: list[ReportEntity],
    statements: list[ReportStatement],
    statement_ids: list[str],
) -> _ReportItems:
    """One report's events and relations as rows, indexes turned into ids."""
    items = _ReportItems({}, [], {}, {}, {})
    seen_participants: set[tuple[str, str, str]] = set()
    for item in events:
        if item.type not in EVENT_TYPES:
            raise ValueError(
                f"an event has type {item.type!r}, not one of PLOVER's ({', '.join(EVENT_TYPES)})"
            )
        actors = [_entity_key(entities, i, "an event") for i in item.actors]
        targets = [_entity_key(entities, i, "an event") for i in item.targets]
        location = _entity_key(entities, item.location, "an event")
        if None in actors or None in targets:
            raise ValueError("an event's actors and targets must be entity indexes, not None")
        key = event_id(document_id, item.type, item.trigger, actors, targets)
        backing = _backing(item.statements, item.trigger, statements, statement_ids, "an event")
        _add_links(items.event_links, key, backing)
        if key in items.events:
            continue
        if not isinstance(item.count, int) or item.count < 1:
            raise ValueError(f"an event has count {item.count!r}; it must be 1 or more")
        date = item.date
        for bound in (date.start, date.end) if date else ():
            if bound is not None and not schema.ISO_PREFIX.match(bound):
                raise ValueError(f"an event has date {bound!r}, not an ISO date prefix")
        items.events[key] = {
            "id": key,
            "document_id": document_id,
            "type": item.type,
            "mode": item.mode,
            "context": json_text(list(item.context)),
            "location": location,
            "date_start": date.start if date else None,
            "date_end": date.end if date else None,
            "date_text": date.text if date else None,
            "negated": bool(item.negated),
            "modality": Modality(item.modality).value,
            "count": item.count,
            "summary": item.summary,
            "trigger_start": item.trigger[0],
            "trigger_end": item.trigger[1],
            "extra": None,
        }
        for role, ids in (("actor", actors), ("target", targets)):
            for position, entity in enumerate(dict.fromkeys(ids)):
                if (key, entity, role) not in seen_participants:
                    seen_participants.add((key, entity, role))
                    items.participants.append(
                        {"event_id": key, "entity_id": entity, "role": role, "position": position}
                    )
    for relation in relations:
        kind = RelationType(relation.type).value
        subject = _entity_key(entities, relation.subject, "a relation")
        object_ = _entity_key(entities, relation.object, "a relation")
        if subject is None or object_ is None:
            raise ValueError("a relation needs a subject and an object")
        key = relation_id(kind, subject, object_, relation.role)
        backing = _backing(
            relation.statements, relation.evidence, statements, statement_ids, "a relation"
        )
        _add_links(items.relation_links, key, backing)
        row = {
            "id": key,
            "type": kind,
            "subject": subject,
            "object": object_,
            "role": relation.role,
            "extra": None,
        }
        earlier = items.relations.get(key)
        if earlier is None or _role_order(row["role"]) < _role_order(earlier["role"]):
            items.relations[key] = row
    return items


def _backing(
    indexes: list[int],
    span,
    statements: list[ReportStatement],
    statement_ids: list[str],
    what: str,
) -> list[str]:
    """The ids of the statements that back an event or relation.

    The given indexes; when there are none, the statements whose span holds
    ``span`` (the trigger or evidence), the narrowest if several do.
    """
    for index in indexes:
        if not _is_index(index, statements):
            raise ValueError(
                f"{what} refers to statement {index!r}; the report has {len(statements)} statements"
            )
    if indexes:
        return list(dict.fromkeys(statement_ids[i] for i in indexes))
    start, end = span
    holding = [
        (s.end - s.start, key)
        for s, key in zip(statements, statement_ids, strict=True)
        if s.start <= start and end <= s.end
    ]
    if not holding:
        return []
    narrowest = min(width for width, _ in holding)
    return list(dict.fromkeys(key for width, key in holding if width == narrowest))


def _add_links(links: dict[tuple[str, str], int], item: str, statement_ids: list[str]) -> None:
    """Link ``item`` to statements, each new one at the next position of the item's list."""
    count = sum(1 for linked, _ in links if linked == item)
    for statement in statement_ids:
        if (item, statement) not in links:
            links[(item, statement)] = count
            count += 1


def json_text(value: object) -> str:
    """The JSON text of a value stored in a text column (non-ASCII kept as is)."""
    return json.dumps(value, ensure_ascii=False)


def _changes(row, values: dict) -> dict:
    """The fields of a stored entity that a report's values replace.

    Entities of one id differ at most in spelling ("al-Qahtani",
    "Al-Qahtani") and in what the report knew: keep the fields that do not
    depend on ingestion order (the smaller name; the place data of the
    smaller non-empty value).
    """
    changes: dict = {}
    if values["name"] < row["name"]:
        changes["name"] = values["name"]
    stored_place = (row["country"], row["latitude"], row["longitude"])
    new_place = (values["country"], values["latitude"], values["longitude"])
    if (
        new_place != stored_place
        and any(v is not None for v in new_place)
        and (all(v is None for v in stored_place) or repr(new_place) < repr(stored_place))
    ):
        changes.update(country=new_place[0], latitude=new_place[1], longitude=new_place[2])
    return changes


def _merged(earlier: dict, values: dict) -> dict:
    """Two entities of one report with one id, merged by the same rule."""
    return {**earlier, **_changes(earlier, values)}


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_SECONDS * 1000}")
    # With the write-ahead log (set in Database._prepare), synced at
    # checkpoints rather than at each report's commit: a crash keeps the base
    # whole and may lose the last reports committed, never part of one.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def open_database(target: str | None = None, *, create: bool = True) -> Database:
    """Open (and if need be create) the knowledge base at a path or URL."""
    return Database.open(target, create=create)

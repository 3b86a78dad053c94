"""The exchange format (``shared/spec/export-format.md``): writing and reading.

Records come in the order the format fixes (documents, entities, relations,
events, statements, assessments), each kind sorted by id, so that the same
knowledge base always gives the same file. dossier adds fields the format
allows: a document's ``text`` (so that an export is complete on its own and
can be imported without the original files) and ``repeats`` (the repeated
lines); a mention's ``repeated``. Readers that do not know them ignore them.

An export read back into an empty knowledge base and exported again gives
the identical file; record kinds this version does not model yet are kept
verbatim.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from dossier.errors import Errors, InputError
from dossier.store import schema
from dossier.store.database import Database

KIND_ORDER = ("document", "entity", "relation", "event", "statement", "assessment")
ENTITY_TYPES = {"person", "organization", "country", "place", "group"}


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


# ------------------------------------------------------------------ writing


def iter_records(database: Database) -> Iterator[dict]:
    """Every record of the knowledge base, in the format's order."""
    with database.engine.connect() as connection:
        repeats = defaultdict(list)
        for row in connection.execute(
            select(schema.repeats).order_by(schema.repeats.c.document_id, schema.repeats.c.start)
        ).mappings():
            repeats[row["document_id"]].append([row["start"], row["end"], row["original"]])
        for row in connection.execute(
            select(schema.documents).order_by(schema.documents.c.id)
        ).mappings():
            yield {
                "kind": "document",
                "id": row["id"],
                "title": row["title"],
                "url": row["url"],
                "outlet": row["outlet"],
                "published": row["published"],
                "language": row["language"],
                "path": row["path"],
                "sha256": row["sha256"],
                "repeats": repeats.get(row["id"], []),
                "text": row["text"],
            }
        aliases = defaultdict(list)
        for entity_id, alias in connection.execute(
            select(schema.aliases.c.entity_id, schema.aliases.c.alias).order_by(
                schema.aliases.c.entity_id, schema.aliases.c.alias
            )
        ):
            aliases[entity_id].append(alias)
        mentions = connection.execute(
            select(schema.mentions).order_by(
                schema.mentions.c.entity_id,
                schema.mentions.c.document_id,
                schema.mentions.c.start,
                schema.mentions.c.end,
            )
        ).mappings()
        by_entity = _group(mentions, "entity_id")
        for row in connection.execute(
            select(schema.entities).order_by(schema.entities.c.id)
        ).mappings():
            entity_mentions = by_entity.get(row["id"], [])
            yield {
                "kind": "entity",
                "id": row["id"],
                "type": row["type"],
                "name": row["name"],
                "aliases": aliases.get(row["id"], []),
                "country": row["country"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "documents": sorted({m["document_id"] for m in entity_mentions}),
                "mentions": [
                    {
                        "document": m["document_id"],
                        "start": m["start"],
                        "end": m["end"],
                        "text": m["text"],
                        "repeated": bool(m["repeated"]),
                    }
                    for m in entity_mentions
                ],
            }
        for kind in KIND_ORDER[2:]:
            for (data,) in connection.execute(
                select(schema.records.c.data)
                .where(schema.records.c.kind == kind)
                .order_by(schema.records.c.position, schema.records.c.id)
            ):
                yield json.loads(data)


def _group(rows: Iterable, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(dict(row))
    return grouped


def write_export(database: Database, handle: IO[str]) -> int:
    """Write every record as one JSON line; return how many were written."""
    count = 0
    for record in iter_records(database):
        handle.write(dumps(record) + "\n")
        count += 1
    return count


# ------------------------------------------------------------------ reading


def read_records(handle: IO[str], where: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) for every non-blank line; a bad line is an InputError."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(Errors.E005, where=f"{where}:{number}", detail=error.msg) from error
        if (
            not isinstance(record, dict)
            or record.get("kind") not in KIND_ORDER
            or not isinstance(record.get("id"), str)
            or not record["id"]
        ):
            raise InputError(
                Errors.E012,
                where=f"{where}:{number}",
                detail="each line must be an object with a known 'kind' and an 'id'",
            )
        yield number, record


def import_export(database: Database, handle: IO[str], where: str) -> dict[str, int]:
    """Read an export into the knowledge base, all or nothing (one transaction).

    Documents already stored (same sha256) are skipped with their mentions;
    entities already stored keep their fields and gain the new aliases.
    """
    counts: dict[str, int] = defaultdict(int)
    with database.transaction() as connection:
        known_documents = set(connection.execute(select(schema.documents.c.id)).scalars())
        known_hashes = set(connection.execute(select(schema.documents.c.sha256)).scalars())
        known_entities = set(connection.execute(select(schema.entities.c.id)).scalars())
        known_records = set(connection.execute(select(schema.records.c.id)).scalars())
        skipped: set[str] = set()
        for number, record in read_records(handle, where):
            here = f"{where}:{number}"
            try:
                _import_record(
                    connection,
                    record,
                    number,
                    here,
                    counts,
                    known_documents,
                    known_hashes,
                    known_entities,
                    known_records,
                    skipped,
                )
            except (IntegrityError, ValueError, TypeError) as error:
                detail = str(getattr(error, "orig", error)).splitlines()[0]
                raise InputError(Errors.E012, where=here, detail=detail) from error
    return dict(counts)


def _import_record(
    connection,
    record: dict,
    number: int,
    here: str,
    counts: dict,
    known_documents: set[str],
    known_hashes: set[str],
    known_entities: set[str],
    known_records: set[str],
    skipped: set[str],
) -> None:
    """Store one record of an export being imported."""
    kind = record["kind"]
    if kind == "document":
        if record["id"] in known_documents or record.get("sha256") in known_hashes:
            skipped.add(record["id"])
            return
        connection.execute(insert(schema.documents), [_document_row(record, here)])
        known_documents.add(record["id"])
        repeats = record.get("repeats") or []
        if repeats:
            connection.execute(
                insert(schema.repeats),
                [
                    {"document_id": record["id"], "start": s, "end": e, "original": o}
                    for s, e, o in repeats
                ],
            )
    elif kind == "entity":
        _import_entity(connection, record, here, known_entities, skipped)
    else:
        if record["id"] in known_records:
            return
        connection.execute(
            insert(schema.records),
            [
                {
                    "id": record["id"],
                    "kind": kind,
                    "position": number,
                    "data": json.dumps(record, ensure_ascii=False),
                }
            ],
        )
        known_records.add(record["id"])
    counts[kind] += 1


def _document_row(record: dict, here: str) -> dict:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(
            Errors.E012,
            where=here,
            detail="a document needs its 'text' to be imported "
            "(export it with dossier, which writes it)",
        )
    sha = record.get("sha256")
    if not isinstance(sha, str) or len(sha) != 64:
        raise InputError(Errors.E012, where=here, detail="'sha256' must be 64 hex digits")
    return {
        "id": record["id"],
        "sha256": sha,
        "title": record.get("title"),
        "url": record.get("url"),
        "outlet": record.get("outlet"),
        "published": record.get("published"),
        "language": record.get("language"),
        "path": record.get("path"),
        "origin": record.get("path"),
        "text": text,
    }


def _import_entity(connection, record: dict, here: str, known: set[str], skipped: set[str]) -> None:
    if record.get("type") not in ENTITY_TYPES or not isinstance(record.get("name"), str):
        raise InputError(
            Errors.E012,
            where=here,
            detail=f"an entity needs a 'name' and a 'type' among {', '.join(sorted(ENTITY_TYPES))}",
        )
    if record["id"] not in known:
        connection.execute(
            insert(schema.entities),
            [
                {
                    "id": record["id"],
                    "type": record["type"],
                    "name": record["name"],
                    "country": record.get("country"),
                    "latitude": record.get("latitude"),
                    "longitude": record.get("longitude"),
                }
            ],
        )
        known.add(record["id"])
    existing = set(
        connection.execute(
            select(schema.aliases.c.alias).where(schema.aliases.c.entity_id == record["id"])
        ).scalars()
    )
    new_aliases = [
        a
        for a in dict.fromkeys(record.get("aliases") or [])
        if isinstance(a, str) and a not in existing
    ]
    if new_aliases:
        connection.execute(
            insert(schema.aliases), [{"entity_id": record["id"], "alias": a} for a in new_aliases]
        )
    rows = []
    for mention in record.get("mentions") or []:
        try:
            document, start, end = mention["document"], int(mention["start"]), int(mention["end"])
            text = mention["text"]
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(
                Errors.E012,
                where=here,
                detail=f"a mention needs document, start, end and text ({error})",
            ) from error
        if document in skipped:
            continue
        rows.append(
            {
                "document_id": document,
                "start": start,
                "end": end,
                "entity_id": record["id"],
                "text": text,
                "repeated": bool(mention.get("repeated", False)),
            }
        )
    if rows:
        connection.execute(insert(schema.mentions), rows)

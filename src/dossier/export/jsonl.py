"""The exchange format (``shared/spec/export-format.md``): writing and reading.

Records come in the order the format fixes (documents, entities, relations,
events, statements, assessments), documents and entities sorted by id,
statements by document, start and id, so that the same knowledge base always
gives the same file. dossier adds fields the format allows: a document's
``text`` (so that an export is complete on its own and can be imported
without the original files) and ``repeats`` (the repeated lines); a
mention's ``repeated``; a statement's ``chain`` (the further sources of "X,
according to Y": ``speaker_text``, ``cue``, ``speaker``). Readers that do not
know them ignore them.

Statements are written whether or not they are ``about`` an event or a
relation yet; dossier does not extract events yet, so for now every
statement it finds has ``"about": []``, which the format's validator refuses
(it wants at least one). ``linked_only`` leaves such statements out.

An export read back into an empty knowledge base and exported again gives
the identical file. Record kinds this version does not model yet are kept
verbatim, and so are the fields of an imported statement that dossier does
not know (written after its own fields); a statement's ``spans`` are kept as
written (a single pair stays a pair, a list of one pair stays a list).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from dossier.errors import Errors, InputError
from dossier.model.statement import Stance
from dossier.store import schema
from dossier.store.database import Database, json_text

KIND_ORDER = ("document", "entity", "relation", "event", "statement", "assessment")
ENTITY_TYPES = {"person", "organization", "country", "place", "group"}
STANCES = tuple(stance.value for stance in Stance)
# A statement's fields in the order they are written; any others follow them.
STATEMENT_FIELDS = (
    "kind",
    "id",
    "document",
    "text",
    "start",
    "end",
    "speaker",
    "speaker_text",
    "anonymous",
    "affiliation",
    "cue",
    "stance",
    "hedged",
    "spans",
    "about",
    "chain",
)
SPAN_PARTS = ("source", "cue", "content")


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


# ------------------------------------------------------------------ writing


def iter_records(database: Database, *, linked_only: bool = False) -> Iterator[dict]:
    """Every record of the knowledge base, in the format's order.

    With ``linked_only``, statements whose ``about`` is empty are left out
    (nothing else is): the file the format's validator accepts.
    """
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
            if kind == "statement":
                yield from _statement_records(connection, linked_only)
            for (data,) in connection.execute(
                select(schema.records.c.data)
                .where(schema.records.c.kind == kind)
                .order_by(schema.records.c.position, schema.records.c.id)
            ):
                record = json.loads(data)
                if linked_only and kind == "statement" and not record.get("about"):
                    continue
                yield record


def _statement_records(connection, linked_only: bool) -> Iterator[dict]:
    """The statements table as records, by document, start and id."""
    table = schema.statements
    for row in connection.execute(
        select(table).order_by(table.c.document_id, table.c.start, table.c.id)
    ).mappings():
        about = json.loads(row["about"])
        if linked_only and not about:
            continue
        record = {
            "kind": "statement",
            "id": row["id"],
            "document": row["document_id"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
            "speaker": row["speaker"],
            "speaker_text": row["speaker_text"],
            "anonymous": bool(row["anonymous"]),
            "affiliation": row["affiliation"],
            "cue": row["cue"],
            "stance": row["stance"],
            "hedged": bool(row["hedged"]),
            "spans": json.loads(row["spans"]),
            "about": about,
            "chain": json.loads(row["chain"]),
        }
        if row["extra"]:
            record.update(json.loads(row["extra"]))
        yield record


def _group(rows: Iterable, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(dict(row))
    return grouped


def write_export(database: Database, handle: IO[str], *, linked_only: bool = False) -> int:
    """Write every record as one JSON line; return how many were written.

    ``linked_only``: leave out statements not about any event or relation.
    """
    count = 0
    for record in iter_records(database, linked_only=linked_only):
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

    Documents already stored (same sha256) are skipped with their mentions
    and statements; entities already stored keep their fields and gain the
    new aliases. A statement must be in a document and name as speaker,
    affiliation and chain speakers entities of the file or of the base, as a
    mention must be in a known document.
    """
    counts: dict[str, int] = defaultdict(int)
    with database.transaction() as connection:
        known_documents = set(connection.execute(select(schema.documents.c.id)).scalars())
        known_hashes = set(connection.execute(select(schema.documents.c.sha256)).scalars())
        known_entities = set(connection.execute(select(schema.entities.c.id)).scalars())
        known_records = set(connection.execute(select(schema.records.c.id)).scalars())
        known_records |= set(connection.execute(select(schema.statements.c.id)).scalars())
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
    elif kind == "statement":
        row = _statement_row(record, here, known_documents, known_entities, skipped)
        if row["document_id"] in skipped or record["id"] in known_records:
            return
        connection.execute(insert(schema.statements), [row])
        known_records.add(record["id"])
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


def _statement_row(
    record: dict,
    here: str,
    known_documents: set[str],
    known_entities: set[str],
    skipped: set[str],
) -> dict:
    """The stored form of a statement record; a malformed one is an InputError."""

    def bad(detail: str) -> InputError:
        return InputError(Errors.E012, where=here, detail=f"a statement {detail}")

    for name in ("document", "text", "stance"):
        if not isinstance(record.get(name), str):
            raise bad(f"needs '{name}' (a string)")
    if record["stance"] not in STANCES:
        raise bad(f"needs a 'stance' among {', '.join(STANCES)}, not '{record['stance']}'")
    start, end = record.get("start"), record.get("end")
    if not (_is_offset(start) and _is_offset(end) and start <= end):
        raise bad("needs 'start' and 'end', offsets with start <= end")
    for name in ("speaker_text", "cue"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise bad(f"needs '{name}' to be a string or null")
    for name in ("anonymous", "hedged"):
        if not isinstance(record.get(name), bool):
            raise bad(f"needs '{name}' (true or false)")
    about = record.get("about")
    if not isinstance(about, list) or not all(isinstance(i, str) and i for i in about):
        raise bad("needs 'about', a list of event or relation ids (may be empty)")
    document = record["document"]
    if document not in known_documents and document not in skipped:
        raise bad(f"is in document '{document}', which neither the file nor the base holds")
    for name in ("speaker", "affiliation"):
        _check_entity(record.get(name), name, known_entities, bad)
    spans = record.get("spans", {part: None for part in SPAN_PARTS})
    if not isinstance(spans, dict) or not all(
        _is_span_part(spans.get(part, ...)) for part in SPAN_PARTS
    ):
        raise bad(
            "needs 'spans' with 'source', 'cue' and 'content', each null, a [start, end] "
            "pair or a list of pairs"
        )
    chain = record.get("chain", [])
    if not isinstance(chain, list) or not all(
        isinstance(link, dict)
        and isinstance(link.get("speaker_text"), str)
        and (link.get("cue") is None or isinstance(link["cue"], str))
        for link in chain
    ):
        raise bad("needs 'chain' to be a list of {speaker_text, cue, speaker}")
    for link in chain:
        _check_entity(link.get("speaker"), "chain speaker", known_entities, bad)
    extra = {k: v for k, v in record.items() if k not in STATEMENT_FIELDS}
    return {
        "id": record["id"],
        "document_id": record["document"],
        "start": start,
        "end": end,
        "text": record["text"],
        "speaker": record.get("speaker"),
        "speaker_text": record.get("speaker_text"),
        "anonymous": record["anonymous"],
        "affiliation": record.get("affiliation"),
        "cue": record.get("cue"),
        "stance": record["stance"],
        "hedged": record["hedged"],
        "spans": json_text(spans),
        "chain": json_text(chain),
        "about": json_text(about),
        "extra": json_text(extra) if extra else None,
    }


def _check_entity(value, name: str, known: set[str], bad) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise bad(f"needs '{name}' to be an entity id or null")
    if value not in known:
        raise bad(f"names {name} '{value}', an entity neither the file nor the base holds")


def _is_offset(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_pair(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(_is_offset(v) for v in value)
        and value[0] <= value[1]
    )


def _is_span_part(value) -> bool:
    """Null, a [start, end] pair, or a non-empty list of pairs (the format's shapes)."""
    if value is None:
        return True
    if _is_pair(value):
        return True
    return isinstance(value, list) and bool(value) and all(_is_pair(v) for v in value)

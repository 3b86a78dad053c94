"""The exchange format (``shared/spec/export-format.md``): writing and reading.

Records come in the order the format fixes (documents, entities, relations,
events, statements, assessments), documents, entities, relations and events
sorted by id, statements by document, start and id, so that the same
knowledge base always gives the same file. dossier adds fields the format
allows: a document's ``text`` (so that an export is complete on its own and
can be imported without the original files) and ``repeats`` (the repeated
lines); a mention's ``repeated``; a statement's ``chain`` (the further
sources of "X, according to Y": ``speaker_text``, ``cue``, ``speaker``); an
event's ``document`` and ``trigger`` (the ``[start, end]`` of the words that
name it), where known. Readers that do not know them ignore them.

An event or relation lists its statements, and each statement lists in
``about`` the events and relations that list it: the two sides always agree
(an import that gives a link on one side only adds it on the other). An
event or relation that no statement backs is stored but not written (the
format wants every one backed). Statements are written whether or not they
are ``about`` an event or a relation; those about nothing have ``"about":
[]``, which the format's validator refuses (it wants at least one).
``linked_only`` leaves such statements out.

An export read back into an empty knowledge base and exported again gives
the identical file. Record kinds this version does not model (assessments)
are kept verbatim, and so are the fields of an imported statement, event or
relation that dossier does not know (written after its own fields), and any
field whose value dossier's own form would not give back as written (kept
as written); a statement's ``spans`` are kept as written (a single pair
stays a pair, a list of one pair stays a list).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from dossier.errors import Errors, InputError
from dossier.model.event import EVENT_TYPES, Modality, RelationType
from dossier.model.ids import content_id
from dossier.model.statement import Stance
from dossier.resolve.judgements import pair
from dossier.store import schema
from dossier.store.batches import batches
from dossier.store.database import Database, json_text, store_relations
from dossier.store.knowledge import Knowledge
from dossier.store.resolution import judgement_records

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
# An event's and a relation's fields in the order they are written (an
# event's ``document`` and ``trigger`` only where known); any others follow.
EVENT_FIELDS = (
    "kind",
    "id",
    "type",
    "mode",
    "context",
    "actors",
    "targets",
    "location",
    "date",
    "negated",
    "modality",
    "count",
    "summary",
    "statements",
    "document",
    "trigger",
)
RELATION_FIELDS = ("kind", "id", "type", "subject", "object", "role", "statements")
RELATION_TYPES = tuple(kind.value for kind in RelationType)
MODALITIES = tuple(modality.value for modality in Modality)
# Ids per query in an ``IN (…)`` list.


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
        knowledge = Knowledge(connection)
        yield from _entity_records(connection, knowledge)
        for kind in KIND_ORDER[2:]:
            if kind == "relation":
                yield from _relation_records(connection, knowledge)
            elif kind == "event":
                yield from _event_records(connection, knowledge)
            elif kind == "statement":
                yield from _statement_records(connection, linked_only, knowledge)
            elif kind == "assessment":
                yield from _assessment_records(connection, knowledge)
                continue
            for (data,) in connection.execute(
                select(schema.records.c.data)
                .where(schema.records.c.kind == kind)
                .order_by(schema.records.c.position, schema.records.c.id)
            ):
                record = json.loads(data)
                if linked_only and kind == "statement" and not record.get("about"):
                    continue
                yield record


def _assessment_records(connection, knowledge: Knowledge) -> Iterator[dict]:
    """dossier's assessments of every item, with those of other tools, by id.

    An assessment imported from another tool is kept verbatim, and dossier
    then writes none of its own for that item (the format has one per item);
    one dossier wrote and got back (same id) is not stored but weighed anew.
    """
    imported = {}
    for (data,) in connection.execute(
        select(schema.records.c.data).where(schema.records.c.kind == "assessment")
    ):
        record = json.loads(data)
        imported[record.get("id")] = record
    covered = {record.get("about") for record in imported.values()}
    records = {a.id: a.to_record() for a in knowledge.assessments() if a.about not in covered}
    records.update(imported)
    for key in sorted(records, key=str):
        yield records[key]


def _entity_records(connection, knowledge: Knowledge) -> Iterator[dict]:
    """One record per actor: the entities judged the same are written as one.

    The record takes the canonical (smallest) id; its name is the name of the
    member from the user's actor list if there is one, else of the member with
    the most mentions (the canonical one, then the longest name, on a tie); aliases,
    mentions and documents are those of all members; ``judgements`` lists the
    kept judgements on the members' pairs (an addition to the format).
    """
    aliases = defaultdict(list)
    for entity_id, alias in connection.execute(
        select(schema.aliases.c.entity_id, schema.aliases.c.alias).order_by(
            schema.aliases.c.entity_id, schema.aliases.c.alias
        )
    ):
        aliases[knowledge.entity(entity_id)].append(alias)
    mentions = connection.execute(
        select(schema.mentions).order_by(
            schema.mentions.c.entity_id,
            schema.mentions.c.document_id,
            schema.mentions.c.start,
            schema.mentions.c.end,
        )
    ).mappings()
    by_entity = _group(mentions, "entity_id")
    members: dict[str, list[dict]] = defaultdict(list)
    for row in connection.execute(
        select(schema.entities).order_by(schema.entities.c.id)
    ).mappings():
        members[knowledge.entity(row["id"])].append(dict(row))
    judgements = judgement_records(connection)
    listed = set(connection.execute(select(schema.known_actors.c.entity_id)).scalars())
    for canonical in sorted(members):
        rows = members[canonical]
        entity_mentions = sorted(
            (m for row in rows for m in by_entity.get(row["id"], [])),
            key=lambda m: (m["document_id"], m["start"], m["end"]),
        )
        head = next((row for row in rows if row["id"] == canonical), rows[0])
        if len(rows) > 1:
            counts = {row["id"]: len(by_entity.get(row["id"], [])) for row in rows}
            head = max(
                rows,
                key=lambda row: (
                    row["id"] in listed,
                    counts[row["id"]],
                    row["id"] == canonical,
                    len(row["name"]),
                ),
            )
        record = {
            "kind": "entity",
            "id": canonical,
            "type": head["type"],
            "name": head["name"],
            "aliases": sorted(set(aliases.get(canonical, []))),
            "country": next((r["country"] for r in [head, *rows] if r["country"]), None),
            "latitude": next(
                (r["latitude"] for r in [head, *rows] if r["latitude"] is not None), None
            ),
            "longitude": next(
                (r["longitude"] for r in [head, *rows] if r["longitude"] is not None), None
            ),
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
        kept = [j for row in rows for j in judgements.get(row["id"], [])]
        if kept:
            record["judgements"] = sorted(
                {json.dumps(j, sort_keys=True): j for j in kept}.values(),
                key=lambda j: (j["other"], j["judgement"], j["origin"]),
            )
        yield record


def _relation_records(connection, knowledge: Knowledge) -> Iterator[dict]:
    """The resolved relations that statements back, by id (parties resolved)."""
    rows = {
        row["id"]: row
        for row in connection.execute(
            select(schema.relations).order_by(schema.relations.c.id)
        ).mappings()
    }
    for item_id in sorted(knowledge.items):
        item = knowledge.items[item_id]
        if item.kind != "relation":
            continue
        row = dict(rows[item_id])
        row["subject"] = knowledge.entity(row["subject"])
        row["object"] = knowledge.entity(row["object"])
        yield relation_record(row, item.statements)


def relation_record(row, statements: list[str]) -> dict:
    """A relation row as a record of the format."""
    record = {
        "kind": "relation",
        "id": row["id"],
        "type": row["type"],
        "subject": row["subject"],
        "object": row["object"],
        "role": row["role"],
        "statements": list(statements),
    }
    if row["extra"]:
        record.update(json.loads(row["extra"]))
    return record


def _event_records(connection, knowledge: Knowledge) -> Iterator[dict]:
    """The resolved events that statements back, by id.

    An event told by several reports is written once, under its smallest
    member id: the parties of all members (resolved), the first place and date
    its members give, ``negated`` only when every member is, and every
    member's statements; ``members`` lists the member events (an addition).
    """
    table = schema.event_participants
    participants: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, entity, role in connection.execute(
        select(table.c.event_id, table.c.entity_id, table.c.role).order_by(
            table.c.event_id, table.c.role, table.c.position, table.c.entity_id
        )
    ):
        participants[(event, role)].append(knowledge.entity(entity))
    rows = {
        row["id"]: row
        for row in connection.execute(select(schema.events).order_by(schema.events.c.id)).mappings()
    }
    for item_id in sorted(knowledge.items):
        item = knowledge.items[item_id]
        if item.kind != "event":
            continue
        members = [rows[m] for m in item.members]
        row = dict(rows[item_id])
        actors = list(dict.fromkeys(a for m in item.members for a in participants[(m, "actor")]))
        targets = list(dict.fromkeys(t for m in item.members for t in participants[(m, "target")]))
        targets = [t for t in targets if t not in actors]
        row["location"] = knowledge.entity(
            next((m["location"] for m in [row, *members] if m["location"]), None)
        )
        dated = next((m for m in [row, *members] if event_date(m) is not None), row)
        for column in ("date_start", "date_end", "date_text"):
            row[column] = dated[column]
        row["negated"] = knowledge.negated[item_id]
        record = event_record(row, actors, targets, item.statements)
        if len(members) > 1:
            record["members"] = list(item.members)
        yield record


def event_record(row, actors: list[str], targets: list[str], statements: list[str]) -> dict:
    """An event row, its participants and statements as a record of the format."""
    record = {
        "kind": "event",
        "id": row["id"],
        "type": row["type"],
        "mode": row["mode"],
        "context": json.loads(row["context"]),
        "actors": list(actors),
        "targets": list(targets),
        "location": row["location"],
        "date": event_date(row),
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "count": row["count"],
        "summary": row["summary"],
        "statements": list(statements),
    }
    if row["document_id"] is not None:
        record["document"] = row["document_id"]
    if row["trigger_start"] is not None:
        record["trigger"] = [row["trigger_start"], row["trigger_end"]]
    if row["extra"]:
        record.update(json.loads(row["extra"]))
    return record


def event_date(row) -> dict | None:
    """An event row's date as the format writes it: null when it has none."""
    if row["date_start"] is None and row["date_end"] is None and row["date_text"] is None:
        return None
    return {"start": row["date_start"], "end": row["date_end"], "text": row["date_text"]}


def _statement_records(connection, linked_only: bool, knowledge: Knowledge) -> Iterator[dict]:
    """The statements table as records, by document, start and id (entities resolved)."""
    table = schema.statements
    about_items = knowledge.about()
    for row in connection.execute(
        select(table).order_by(table.c.document_id, table.c.start, table.c.id)
    ).mappings():
        about = list(dict.fromkeys(knowledge.item_of(item) for item in json.loads(row["about"])))
        missing = [item for item in about_items.get(row["id"], ()) if item not in about]
        if missing:  # an item it backs through resolution (or a link given on one side)
            about = [*about, *missing]
        if linked_only and not about:
            continue
        record = {
            "kind": "statement",
            "id": row["id"],
            "document": row["document_id"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
            "speaker": knowledge.entity(row["speaker"]),
            "speaker_text": row["speaker_text"],
            "anonymous": bool(row["anonymous"]),
            "affiliation": knowledge.entity(row["affiliation"]),
            "cue": row["cue"],
            "stance": row["stance"],
            "hedged": bool(row["hedged"]),
            "spans": json.loads(row["spans"]),
            "about": about,
            "chain": _resolved_chain(json.loads(row["chain"]), knowledge),
        }
        if row["extra"]:
            record.update(json.loads(row["extra"]))
        yield record


def _resolved_chain(chain: list, knowledge: Knowledge) -> list:
    for link in chain:
        if isinstance(link, dict) and isinstance(link.get("speaker"), str):
            link["speaker"] = knowledge.entity(link["speaker"])
    return chain


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

    Documents already stored (same sha256) are skipped with their mentions,
    statements and events; entities already stored keep their fields and gain
    the new aliases; events and relations already stored gain the statements
    the file gives them (a relation keeps the smaller spelling of its role,
    as when reports are stored). A statement must be in a document and name as
    speaker, affiliation and chain speakers entities of the file or of the
    base, as a mention must be in a known document; an event or relation must
    name entities of the file or the base, and statements of the file or the
    base (checked once the whole file is read). A link given on one side only
    (an event's ``statements``, a statement's ``about``) is added on the
    other.
    """
    with database.transaction() as connection:
        importer = _Importer(connection)
        for number, record in read_records(handle, where):
            here = f"{where}:{number}"
            try:
                importer.add(record, number, here)
            except (IntegrityError, ValueError, TypeError) as error:
                detail = str(getattr(error, "orig", error)).splitlines()[0]
                raise InputError(Errors.E012, where=here, detail=detail) from error
        importer.link()
    return dict(importer.counts)


class _Importer:
    """The state of one import: what the base and the file hold so far."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.counts: dict[str, int] = defaultdict(int)
        self.documents = set(connection.execute(select(schema.documents.c.id)).scalars())
        self.hashes = set(connection.execute(select(schema.documents.c.sha256)).scalars())
        self.entities = set(connection.execute(select(schema.entities.c.id)).scalars())
        self.statements = set(connection.execute(select(schema.statements.c.id)).scalars())
        self.events = set(connection.execute(select(schema.events.c.id)).scalars())
        self.relations = set(connection.execute(select(schema.relations.c.id)).scalars())
        # Records kept verbatim (assessments; what an older dossier kept), by id and kind.
        self.records = dict(
            connection.execute(select(schema.records.c.id, schema.records.c.kind)).all()
        )
        self.skipped: set[str] = set()  # documents stored already under another record
        self.skipped_statements: set[str] = set()  # statements of those documents
        # (kind, item id, statement id, position, file:line) of every event's and
        # relation's statement; (statement id, its about) of every statement.
        self.pending: list[tuple[str, str, str, int, str]] = []
        self.abouts: list[tuple[str, list[str]]] = []

    def add(self, record: dict, number: int, here: str) -> None:
        """Store one record of an export being imported."""
        kind = record["kind"]
        if kind == "document":
            if record["id"] in self.documents or record.get("sha256") in self.hashes:
                self.skipped.add(record["id"])
                return
            self.connection.execute(insert(schema.documents), [_document_row(record, here)])
            self.documents.add(record["id"])
            repeats = record.get("repeats") or []
            if repeats:
                self.connection.execute(
                    insert(schema.repeats),
                    [
                        {"document_id": record["id"], "start": s, "end": e, "original": o}
                        for s, e, o in repeats
                    ],
                )
        elif kind == "entity":
            _import_entity(self.connection, record, here, self.entities, self.skipped)
            _import_judgements(self.connection, record, here)
        elif kind == "statement":
            row = _statement_row(record, here, self.documents, self.entities, self.skipped)
            if row["document_id"] in self.skipped:
                if record["id"] not in self.statements:
                    self.skipped_statements.add(record["id"])
                return
            if record["id"] in self.records:
                return
            self.abouts.append((record["id"], json.loads(row["about"])))
            if record["id"] in self.statements:
                return
            self.connection.execute(insert(schema.statements), [row])
            self.statements.add(record["id"])
        elif kind == "relation":
            if record["id"] in self.records:
                return
            row = _relation_row(record, here, self.entities)
            self._expect_links("relation", record, here)
            known = record["id"] in self.relations
            # A relation stored already keeps its fields but the smaller role spelling,
            # as when reports are stored (the same base whatever the order).
            store_relations(self.connection, [row])
            if known:
                return
            self.relations.add(record["id"])
        elif kind == "event":
            if record["id"] in self.records:
                return
            event = _event_rows(record, here, self.documents, self.entities, self.skipped)
            if event is None:  # in a document stored already
                return
            self._expect_links("event", record, here)
            if record["id"] in self.events:
                return
            row, participants = event
            self.connection.execute(insert(schema.events), [row])
            if participants:
                self.connection.execute(insert(schema.event_participants), participants)
            self.events.add(record["id"])
        else:
            if record["id"] in self.records:
                return
            if kind == "assessment" and record["id"] == content_id("a", record.get("about")):
                return  # dossier's own weighing: done anew from the statements on export
            self.connection.execute(
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
            self.records[record["id"]] = kind
        self.counts[kind] += 1

    def _expect_links(self, kind: str, record: dict, here: str) -> None:
        for position, statement in enumerate(dict.fromkeys(record["statements"])):
            self.pending.append((kind, record["id"], statement, position, here))

    def link(self) -> None:
        """Store the links the file gives, from either side, once every record is in.

        An event or relation naming a statement that neither the file nor the
        base holds is an InputError (at its line); one naming a statement of
        a document stored already under another record loses that link. A
        statement's ``about`` naming an event or relation of the base or the
        file links them; naming another id, it is kept as written.
        """
        wanted: dict[tuple[str, str, str], int] = {}
        for kind, item, statement, position, here in self.pending:
            if statement in self.skipped_statements:
                continue
            if statement not in self.statements and self.records.get(statement) != "statement":
                raise InputError(
                    Errors.E012,
                    where=here,
                    detail=f"{_with_article(kind)} lists statement '{statement}', "
                    "which neither the file nor the base holds",
                )
            wanted.setdefault((kind, item, statement), position)
        for statement, about in self.abouts:
            for item in about:
                kind = (
                    "event"
                    if item in self.events
                    else "relation"
                    if item in self.relations
                    else None
                )
                if kind is not None and (kind, item, statement) not in wanted:
                    wanted[(kind, item, statement)] = -1  # after the item's other statements
        if wanted:
            self._store_links(wanted)

    def _store_links(self, wanted: dict[tuple[str, str, str], int]) -> None:
        tables = {
            "event": (schema.event_statements, "event_id"),
            "relation": (schema.relation_statements, "relation_id"),
        }
        new_about: dict[str, set[str]] = defaultdict(set)
        for kind, (table, column) in tables.items():
            items = {item for k, item, _ in wanted if k == kind}
            stored: dict[str, dict[str, int]] = defaultdict(dict)
            for chunk in batches(sorted(items)):
                for item, statement, position in self.connection.execute(
                    select(table.c[column], table.c.statement_id, table.c.position).where(
                        table.c[column].in_(chunk)
                    )
                ):
                    stored[item][statement] = position
            rows = []
            # The links with their place in the item's list first, then those given
            # by statements only, after them.
            for (k, item, statement), position in sorted(
                wanted.items(), key=lambda link: (link[1] < 0, link[0])
            ):
                if k != kind:
                    continue
                new_about[statement].add(item)
                if statement in stored[item]:
                    continue
                if position < 0:
                    position = max(stored[item].values(), default=-1) + 1
                stored[item][statement] = position
                rows.append({column: item, "statement_id": statement, "position": position})
            if rows:
                self.connection.execute(insert(table), rows)
        self._complete_about(new_about)

    def _complete_about(self, linked: dict[str, set[str]]) -> None:
        """Add to each statement's ``about`` the items linked to it that it lacks."""
        table = schema.statements
        for chunk in batches(sorted(linked)):
            for statement, about in self.connection.execute(
                select(table.c.id, table.c.about).where(table.c.id.in_(chunk))
            ).all():
                current = json.loads(about)
                missing = linked[statement].difference(current)
                if missing:
                    self.connection.execute(
                        update(table)
                        .where(table.c.id == statement)
                        .values(about=json_text([*current, *sorted(missing)]))
                    )
            records = schema.records
            for record_id, data in self.connection.execute(
                select(records.c.id, records.c.data).where(
                    records.c.id.in_(chunk) & (records.c.kind == "statement")
                )
            ).all():
                record = json.loads(data)
                current = record.get("about") if isinstance(record.get("about"), list) else []
                missing = linked[record_id].difference(current)
                if missing:
                    record["about"] = [*current, *sorted(missing)]
                    self.connection.execute(
                        update(records)
                        .where(records.c.id == record_id)
                        .values(data=json.dumps(record, ensure_ascii=False))
                    )


def _with_article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


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


def _import_judgements(connection, record: dict, here: str) -> None:
    """An entity record's ``judgements``, kept unless the pair is judged already."""
    given = record.get("judgements")
    if given is None:
        return
    if not isinstance(given, list) or not all(
        isinstance(j, dict)
        and isinstance(j.get("other"), str)
        and j.get("judgement") in ("same", "different", "unsure")
        for j in given
    ):
        raise InputError(
            Errors.E012,
            where=here,
            detail="'judgements' is a list of {other, judgement: same|different|unsure}",
        )
    table = schema.judgements
    for judgement in given:
        left, right = pair(record["id"], judgement["other"])
        exists = connection.execute(
            select(table.c.left).where((table.c.left == left) & (table.c.right == right))
        ).first()
        if exists is None:
            connection.execute(
                insert(table),
                [
                    {
                        "left": left,
                        "right": right,
                        "judgement": judgement["judgement"],
                        "origin": judgement.get("origin") or "analyst",
                        "score": None,
                        "reason": judgement.get("reason"),
                        "created": None,
                    }
                ],
            )


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


def _relation_row(record: dict, here: str, known_entities: set[str]) -> dict:
    """The stored form of a relation record; a malformed one is an InputError."""

    def bad(detail: str) -> InputError:
        return InputError(Errors.E012, where=here, detail=f"a relation {detail}")

    if record.get("type") not in RELATION_TYPES:
        raise bad(f"needs a 'type' among {', '.join(RELATION_TYPES)}")
    for name in ("subject", "object"):
        if not isinstance(record.get(name), str):
            raise bad(f"needs '{name}', an entity id")
        _check_entity(record[name], name, known_entities, bad)
    if record.get("role") is not None and not isinstance(record["role"], str):
        raise bad("needs 'role' to be a string or null")
    _check_statement_list(record, bad)
    row = {
        "id": record["id"],
        "type": record["type"],
        "subject": record["subject"],
        "object": record["object"],
        "role": record.get("role"),
        "extra": None,
    }
    row["extra"] = _extra(record, relation_record(row, record["statements"]))
    return row


def _event_rows(
    record: dict,
    here: str,
    known_documents: set[str],
    known_entities: set[str],
    skipped: set[str],
) -> tuple[dict, list[dict]] | None:
    """The stored form of an event record and its participants; None if its document is skipped.

    A malformed record is an InputError.
    """

    def bad(detail: str) -> InputError:
        return InputError(Errors.E012, where=here, detail=f"an event {detail}")

    if record.get("type") not in EVENT_TYPES:
        raise bad(f"needs a 'type' among PLOVER's {', '.join(EVENT_TYPES)}")
    for name in ("mode", "summary"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise bad(f"needs '{name}' to be a string or null")
    context = record.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise bad("needs 'context' to be a list of strings")
    parties = {}
    for name in ("actors", "targets"):
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
            raise bad(f"needs '{name}' to be a list of entity ids")
        for entity in value:
            _check_entity(entity, name[:-1], known_entities, bad)
        parties[name] = list(dict.fromkeys(value))
    _check_entity(record.get("location"), "location", known_entities, bad)
    date = record.get("date")
    if date is not None and not (
        isinstance(date, dict)
        and all(
            date.get(bound) is None
            or (isinstance(date[bound], str) and schema.ISO_PREFIX.match(date[bound]))
            for bound in ("start", "end")
        )
        and (date.get("text") is None or isinstance(date["text"], str))
    ):
        raise bad(
            "needs 'date' to be null or {start, end, text}, start and end null or "
            "ISO date prefixes (2022, 2022-01, 2022-01-18)"
        )
    if not isinstance(record.get("negated", False), bool):
        raise bad("needs 'negated' (true or false)")
    modality = record.get("modality", Modality.ASSERTED.value)
    if modality not in MODALITIES:
        raise bad(f"needs a 'modality' among {', '.join(MODALITIES)}")
    count = record.get("count", 1)
    if not (isinstance(count, int) and not isinstance(count, bool) and count >= 1):
        raise bad("needs 'count', a whole number from 1")
    _check_statement_list(record, bad)
    document = record.get("document")
    if document is not None:
        if not isinstance(document, str):
            raise bad("needs 'document' to be a document id or null")
        if document in skipped:
            return None
        if document not in known_documents:
            raise bad(f"is in document '{document}', which neither the file nor the base holds")
    trigger = record.get("trigger")
    if trigger is not None and not _is_pair(trigger):
        raise bad("needs 'trigger' to be null or a [start, end] pair")
    date = date or {}
    row = {
        "id": record["id"],
        "document_id": document,
        "type": record["type"],
        "mode": record.get("mode"),
        "context": json_text(context),
        "location": record.get("location"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_text": date.get("text"),
        "negated": record.get("negated", False),
        "modality": modality,
        "count": count,
        "summary": record.get("summary"),
        "trigger_start": trigger[0] if trigger else None,
        "trigger_end": trigger[1] if trigger else None,
        "extra": None,
    }
    row["extra"] = _extra(
        record, event_record(row, parties["actors"], parties["targets"], record["statements"])
    )
    participants = [
        {"event_id": record["id"], "entity_id": entity, "role": role, "position": position}
        for name, role in (("actors", "actor"), ("targets", "target"))
        for position, entity in enumerate(parties[name])
    ]
    return row, participants


def _check_statement_list(record: dict, bad) -> None:
    statements = record.get("statements")
    if not isinstance(statements, list) or not all(isinstance(i, str) and i for i in statements):
        raise bad("needs 'statements', a list of statement ids")


def _extra(record: dict, written: dict) -> str | None:
    """What must be kept of a record beside its row for the export to give it back as written.

    The fields dossier does not know, and those whose value the row would
    not give back (a date without its text, actors listed twice): those are
    kept as written, and replace what the row gives. A field the record
    lacks is written as dossier writes it. ``statements`` come from the links.
    """
    extra = {
        name: value
        for name, value in record.items()
        if name != "statements" and (name not in written or _json(value) != _json(written[name]))
    }
    return json_text(extra) if extra else None


def _json(value) -> str:
    return json.dumps(value, sort_keys=False, ensure_ascii=False)


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

"""Read-only questions the command line and the API ask of the knowledge base."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select

from dossier.resolve.names import normalise_name
from dossier.store import schema
from dossier.store.database import Database


@dataclass(slots=True)
class ActorRow:
    """One line of ``dossier actors``."""

    id: str
    type: str
    name: str
    aliases: list[str]
    country: str | None
    mentions: int
    reports: int


@dataclass(slots=True)
class MentionInContext:
    document_id: str
    document_title: str | None
    document_path: str | None
    start: int
    end: int
    text: str
    before: str
    after: str
    repeated: bool


@dataclass(slots=True)
class Profile:
    """``dossier show``: one actor and every mention of it in context."""

    id: str
    type: str
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    aliases: list[str]
    mentions: list[MentionInContext] = field(default_factory=list)


def list_actors(
    database: Database,
    *,
    type: str | None = None,
    name: str | None = None,
    document: str | None = None,
    country: str | None = None,
    min_mentions: int = 0,
    limit: int | None = None,
) -> list[ActorRow]:
    """Entities with their mention and report counts, most mentioned first.

    ``name`` matches a part of the name or of an alias (case and accents
    ignored); ``document`` is a document id or file name.
    """
    e, m, d = schema.entities, schema.mentions, schema.documents
    counted = (
        select(
            m.c.entity_id,
            func.count().label("mentions"),
            func.count(distinct(m.c.document_id)).label("reports"),
        )
        .where(m.c.repeated.is_(False))
        .group_by(m.c.entity_id)
        .subquery()
    )
    query = select(
        e,
        func.coalesce(counted.c.mentions, 0).label("mentions"),
        func.coalesce(counted.c.reports, 0).label("reports"),
    ).join(counted, counted.c.entity_id == e.c.id, isouter=True)
    if type:
        query = query.where(e.c.type == type)
    if country:
        query = query.where(e.c.country == country.lower())
    if document:
        in_document = (
            select(m.c.entity_id)
            .join(d, d.c.id == m.c.document_id)
            .where((d.c.id == document) | (d.c.path == document))
        )
        query = query.where(e.c.id.in_(in_document))
    query = query.order_by(func.coalesce(counted.c.mentions, 0).desc(), e.c.name)
    with database.engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
        aliases = defaultdict(list)
        for entity_id, alias in connection.execute(
            select(schema.aliases.c.entity_id, schema.aliases.c.alias).order_by(
                schema.aliases.c.alias
            )
        ):
            aliases[entity_id].append(alias)
    wanted = normalise_name(name) if name else None
    result = []
    for row in rows:
        names = [row["name"], *aliases.get(row["id"], [])]
        if wanted and not any(wanted in normalise_name(n) for n in names):
            continue
        if row["mentions"] < min_mentions:
            continue
        result.append(
            ActorRow(
                row["id"],
                row["type"],
                row["name"],
                [a for a in aliases.get(row["id"], []) if a != row["name"]],
                row["country"],
                row["mentions"],
                row["reports"],
            )
        )
        if limit and len(result) >= limit:
            break
    return result


def actor_profile(database: Database, entity_id: str, context: int = 60) -> Profile | None:
    """One entity with its aliases and every mention with ``context`` characters around."""
    e, m, d = schema.entities, schema.mentions, schema.documents
    with database.engine.connect() as connection:
        row = connection.execute(select(e).where(e.c.id == entity_id)).mappings().first()
        if row is None:
            return None
        aliases = list(
            connection.execute(
                select(schema.aliases.c.alias)
                .where(schema.aliases.c.entity_id == entity_id)
                .order_by(schema.aliases.c.alias)
            ).scalars()
        )
        profile = Profile(
            row["id"],
            row["type"],
            row["name"],
            row["country"],
            row["latitude"],
            row["longitude"],
            aliases,
        )
        # Load each document's text once.
        texts = {}
        for mention in connection.execute(
            select(m).where(m.c.entity_id == entity_id).order_by(m.c.document_id, m.c.start)
        ).mappings():
            document_id = mention["document_id"]
            if document_id not in texts:
                texts[document_id] = connection.execute(
                    select(d.c.text, d.c.title, d.c.path).where(d.c.id == document_id)
                ).first()
            document_text, title, path = texts[document_id]
            start, end = mention["start"], mention["end"]
            profile.mentions.append(
                MentionInContext(
                    document_id,
                    title,
                    path,
                    start,
                    end,
                    mention["text"],
                    " ".join(document_text[max(0, start - context) : start].split()),
                    " ".join(document_text[end : end + context].split()),
                    bool(mention["repeated"]),
                )
            )
    return profile

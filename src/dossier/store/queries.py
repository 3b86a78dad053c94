"""Read-only questions the command line and the API ask of the knowledge base."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, Select, distinct, func, select

from dossier.model.statement import Stance
from dossier.resolve.names import normalise_name
from dossier.store import schema
from dossier.store.database import Database

# How ``dossier show`` heads an actor's statements of each stance.
STANCE_LABELS = {
    Stance.ASSERTS: "said",
    Stance.DENIES: "denied",
    Stance.DECLINES_COMMENT: "declined to comment",
    Stance.NO_RESPONSE: "did not respond",
}


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
class StatementRow:
    """One line of ``dossier statements``: who says what, in which report."""

    id: str
    document_id: str
    document_path: str | None
    outlet: str | None
    start: int
    end: int
    text: str
    stance: Stance
    cue: str | None
    hedged: bool
    anonymous: bool
    speaker: str | None  # entity id
    speaker_name: str | None
    speaker_text: str | None  # the words of the report that name the source
    affiliation: str | None  # entity id
    affiliation_name: str | None
    about: list[str]
    chain: list[dict]

    @property
    def is_outlet(self) -> bool:
        """The outlet's own voice: no source named, not anonymous."""
        return self.speaker_text is None and not self.anonymous

    @property
    def source(self) -> str:
        """Who says it, for people: a name, "anonymous (affiliation)" or "outlet"."""
        if self.anonymous:
            return f"anonymous ({self.affiliation_name})" if self.affiliation_name else "anonymous"
        if self.is_outlet:
            return "outlet"
        return self.speaker_name or self.speaker_text or ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "document": self.document_id,
            "path": self.document_path,
            "outlet": self.outlet,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "speaker_text": self.speaker_text,
            "anonymous": self.anonymous,
            "affiliation": self.affiliation,
            "affiliation_name": self.affiliation_name,
            "cue": self.cue,
            "stance": self.stance.value,
            "hedged": self.hedged,
            "text": self.text,
            "about": self.about,
            "chain": self.chain,
        }


@dataclass(slots=True)
class ActorStatement:
    """A statement in an actor's profile."""

    statement: StatementRow
    # True: an unnamed source tied to the actor ("a source close to the council") says it,
    # not the actor itself.
    as_affiliation: bool = False


def _no_statements() -> dict[Stance, list[ActorStatement]]:
    return {stance: [] for stance in Stance}


@dataclass(slots=True)
class Profile:
    """``dossier show``: one actor, every mention of it in context, and its statements."""

    id: str
    type: str
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    aliases: list[str]
    mentions: list[MentionInContext] = field(default_factory=list)
    # Every stance is a key (asserts, denies, declines_comment, no_response), in that order.
    statements: dict[Stance, list[ActorStatement]] = field(default_factory=_no_statements)


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
        _add_actor_statements(connection, profile)
    return profile


def _add_actor_statements(connection: Connection, profile: Profile) -> None:
    """The statements the actor makes, and those of unnamed sources tied to it."""
    st = schema.statements
    query = _statement_query().where(
        (st.c.speaker == profile.id) | (st.c.anonymous.is_(True) & (st.c.affiliation == profile.id))
    )
    for row in connection.execute(query).mappings():
        statement = _statement_row(row)
        as_affiliation = statement.speaker != profile.id
        profile.statements[statement.stance].append(ActorStatement(statement, as_affiliation))


def _statement_query() -> Select:
    """Statements with their report and the names of speaker and affiliation."""
    st, d = schema.statements, schema.documents
    speaker = schema.entities.alias("speaker_entity")
    affiliation = schema.entities.alias("affiliation_entity")
    return (
        select(
            st,
            d.c.path.label("document_path"),
            d.c.outlet,
            speaker.c.name.label("speaker_name"),
            affiliation.c.name.label("affiliation_name"),
        )
        .join(d, d.c.id == st.c.document_id)
        .join(speaker, speaker.c.id == st.c.speaker, isouter=True)
        .join(affiliation, affiliation.c.id == st.c.affiliation, isouter=True)
        .order_by(st.c.document_id, st.c.start, st.c.id)
    )


def _statement_row(row) -> StatementRow:
    return StatementRow(
        id=row["id"],
        document_id=row["document_id"],
        document_path=row["document_path"],
        outlet=row["outlet"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        stance=Stance(row["stance"]),
        cue=row["cue"],
        hedged=bool(row["hedged"]),
        anonymous=bool(row["anonymous"]),
        speaker=row["speaker"],
        speaker_name=row["speaker_name"],
        speaker_text=row["speaker_text"],
        affiliation=row["affiliation"],
        affiliation_name=row["affiliation_name"],
        about=json.loads(row["about"]),
        chain=json.loads(row["chain"]),
    )


def list_statements(
    database: Database,
    *,
    speaker: str | None = None,
    stance: Stance | str | None = None,
    anonymous: bool | None = None,
    outlet_voice: bool | None = None,
    document: str | None = None,
    limit: int | None = None,
) -> list[StatementRow]:
    """Statements by document, then position in it.

    ``speaker`` is a name, an alias or an entity id, resolved as ``dossier
    show`` resolves it (:meth:`Database.find_entities`); every entity it
    matches counts, and a name that matches none gives no statements. Only
    statements whose speaker is the entity match, not those of unnamed
    sources tied to it (see :func:`actor_profile` for those). ``anonymous``:
    True for unnamed sources only, False for named sources only (the
    outlet's own voice is neither). ``outlet_voice``: True for the outlet's
    own voice only, False to leave it out. ``document`` is a document id,
    file name or origin.
    """
    st, d = schema.statements, schema.documents
    query = _statement_query()
    if speaker is not None:
        ids = {entity["id"] for entity in database.find_entities(speaker)}
        if not ids:
            return []
        query = query.where(st.c.speaker.in_(ids))
    if stance is not None:
        query = query.where(st.c.stance == Stance(stance).value)
    outlet = st.c.speaker_text.is_(None) & st.c.anonymous.is_(False)
    if anonymous is True:
        query = query.where(st.c.anonymous.is_(True))
    elif anonymous is False:
        query = query.where(st.c.anonymous.is_(False) & st.c.speaker_text.is_not(None))
    if outlet_voice is True:
        query = query.where(outlet)
    elif outlet_voice is False:
        query = query.where(~outlet)
    if document:
        query = query.where(
            (d.c.id == document) | (d.c.path == document) | (d.c.origin == document)
        )
    if limit:
        query = query.limit(limit)
    with database.engine.connect() as connection:
        return [_statement_row(row) for row in connection.execute(query).mappings()]

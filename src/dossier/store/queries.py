"""Read-only questions the command line and the API ask of the knowledge base."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, Select, distinct, func, select

from dossier.model.event import Modality, date_bounds
from dossier.model.statement import Stance
from dossier.resolve.names import normalise_name
from dossier.store import schema
from dossier.store.batches import batches
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


@dataclass(slots=True, frozen=True)
class Party:
    """An entity named by an event or a relation: its id and name."""

    id: str
    name: str

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name}


@dataclass(slots=True)
class Reporter:
    """Who reports an event: one of its statements, with its source and stance."""

    statement: str  # statement id
    source: str  # the speaker's name, "anonymous (affiliation)", or the outlet's name
    speaker: str | None  # entity id
    stance: Stance
    hedged: bool
    document_id: str

    def to_dict(self) -> dict:
        return {
            "statement": self.statement,
            "source": self.source,
            "speaker": self.speaker,
            "stance": self.stance.value,
            "hedged": self.hedged,
            "document": self.document_id,
        }

    def __str__(self) -> str:
        return f"{self.source} ({self.stance.value}{', hedged' if self.hedged else ''})"


@dataclass(slots=True)
class EventRow:
    """One line of ``dossier events`` and ``dossier timeline``."""

    id: str
    document_id: str | None  # null for events imported without one
    document_path: str | None
    outlet: str | None
    type: str
    mode: str | None
    context: list[str]
    actors: list[Party]
    targets: list[Party]
    location: Party | None
    date_start: str | None
    date_end: str | None
    date_text: str | None
    negated: bool
    modality: Modality
    count: int
    summary: str | None
    trigger: tuple[int, int] | None
    statements: list[str]  # ids
    reported_by: list[Reporter] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """Placed in time: a start or an end (words alone that could not be placed are not)."""
        return self.date_start is not None or self.date_end is not None

    @property
    def interval(self) -> tuple[str, str] | None:
        """The first and last day the event's date may cover (``YYYY-MM-DD``), or None."""
        if not self.dated:
            return None
        first = date_bounds(self.date_start or self.date_end)[0]
        last = date_bounds(self.date_end or self.date_start)[1]
        return first, last

    @property
    def when(self) -> str:
        """The date for people: "2022-10", "2022-10 – 2022-11", or "" when undated."""
        if not self.dated:
            return ""
        start, end = self.date_start or self.date_end, self.date_end or self.date_start
        return start if start == end else f"{start} – {end}"

    @property
    def date(self) -> dict | None:
        if self.date_start is None and self.date_end is None and self.date_text is None:
            return None
        return {"start": self.date_start, "end": self.date_end, "text": self.date_text}

    def parties(self, role: str) -> list[Party]:
        return {"actor": self.actors, "target": self.targets}[role]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "document": self.document_id,
            "path": self.document_path,
            "outlet": self.outlet,
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "actors": [party.to_dict() for party in self.actors],
            "targets": [party.to_dict() for party in self.targets],
            "location": self.location.to_dict() if self.location else None,
            "date": self.date,
            "negated": self.negated,
            "modality": self.modality.value,
            "count": self.count,
            "summary": self.summary,
            "trigger": list(self.trigger) if self.trigger else None,
            "statements": self.statements,
            "reported_by": [reporter.to_dict() for reporter in self.reported_by],
        }


@dataclass(slots=True)
class RelationRow:
    """A relation: ``subject`` is ``type`` of ``object`` (``role`` the reported title)."""

    id: str
    type: str
    subject: Party
    object: Party
    role: str | None
    statements: list[str]  # ids

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
            "role": self.role,
            "statements": self.statements,
        }


@dataclass(slots=True)
class ActorRelation:
    """A relation in an actor's profile, seen from the actor."""

    relation: RelationRow
    as_subject: bool  # True: the actor is the subject ("X spokesperson_of Y" for X)

    @property
    def other(self) -> Party:
        return self.relation.object if self.as_subject else self.relation.subject


@dataclass(slots=True)
class ActorEvent:
    """An event in an actor's profile, with the actor's part in it."""

    event: EventRow
    roles: list[str]  # actor, target, place
    status: str | None = None  # the assessment of the (resolved) event


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
    # Relations by type, then the other party's name; events in timeline order.
    relations: list[ActorRelation] = field(default_factory=list)
    events: list[ActorEvent] = field(default_factory=list)
    # The other entities judged the same actor (ids), and the known-actor entry if listed.
    members: list[str] = field(default_factory=list)
    listed: dict | None = None


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
        _add_actor_relations(connection, profile)
        _add_actor_events(connection, profile)
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


# -- relations and events


def _add_actor_relations(connection: Connection, profile: Profile) -> None:
    """The relations the actor is the subject or the object of."""
    r = schema.relations
    query = select(r.c.id).where((r.c.subject == profile.id) | (r.c.object == profile.id))
    ids = list(connection.execute(query).scalars())
    relations = _relation_rows(connection, ids)
    profile.relations = sorted(
        (ActorRelation(relation, relation.subject.id == profile.id) for relation in relations),
        key=lambda item: (
            item.relation.type,
            not item.as_subject,
            item.other.name,
            item.relation.id,
        ),
    )


def _add_actor_events(connection: Connection, profile: Profile) -> None:
    """The events the actor takes part in or that happen in it, in timeline order."""
    p, v = schema.event_participants, schema.events
    taking_part = select(p.c.event_id).where(p.c.entity_id == profile.id)
    query = _event_query().where(v.c.id.in_(taking_part) | (v.c.location == profile.id))
    events = _event_rows(connection, query)
    for event in sorted(events, key=timeline_key):
        roles = [role for role in ("actor", "target") if profile.id in _ids(event.parties(role))]
        if event.location and event.location.id == profile.id:
            roles.append("place")
        profile.events.append(ActorEvent(event, roles))


def _ids(parties: list[Party]) -> set[str]:
    return {party.id for party in parties}


def _relation_rows(connection: Connection, ids: list[str]) -> list[RelationRow]:
    r, e = schema.relations, schema.entities
    subject, object_ = e.alias("subject_entity"), e.alias("object_entity")
    query = (
        select(
            r,
            subject.c.name.label("subject_name"),
            object_.c.name.label("object_name"),
        )
        .join(subject, subject.c.id == r.c.subject)
        .join(object_, object_.c.id == r.c.object)
        .order_by(r.c.id)
    )
    links = schema.relation_statements
    result = []
    for chunk in batches(sorted(ids)):
        statements = defaultdict(list)
        for relation, statement in connection.execute(
            select(links.c.relation_id, links.c.statement_id)
            .where(links.c.relation_id.in_(chunk))
            .order_by(links.c.relation_id, links.c.position, links.c.statement_id)
        ):
            statements[relation].append(statement)
        result.extend(
            RelationRow(
                row["id"],
                row["type"],
                Party(row["subject"], row["subject_name"]),
                Party(row["object"], row["object_name"]),
                row["role"],
                statements.get(row["id"], []),
            )
            for row in connection.execute(query.where(r.c.id.in_(chunk))).mappings()
        )
    return result


def _event_query() -> Select:
    """Events with their report and the name of their location, by report and position."""
    v, d = schema.events, schema.documents
    place = schema.entities.alias("place_entity")
    return (
        select(
            v,
            d.c.path.label("document_path"),
            d.c.outlet,
            place.c.name.label("location_name"),
        )
        .join(d, d.c.id == v.c.document_id, isouter=True)
        .join(place, place.c.id == v.c.location, isouter=True)
        .order_by(v.c.document_id, v.c.trigger_start, v.c.id)
    )


def _event_rows(connection: Connection, query: Select) -> list[EventRow]:
    """The events the query selects, with their parties, statements and who reports them."""
    rows = connection.execute(query).mappings().all()
    ids = [row["id"] for row in rows]
    p, e = schema.event_participants, schema.entities
    parties: dict[tuple[str, str], list[Party]] = defaultdict(list)
    links = schema.event_statements
    statements: dict[str, list[str]] = defaultdict(list)
    for chunk in batches(ids):
        for event, role, entity, name in connection.execute(
            select(p.c.event_id, p.c.role, p.c.entity_id, e.c.name)
            .join(e, e.c.id == p.c.entity_id)
            .where(p.c.event_id.in_(chunk))
            .order_by(p.c.event_id, p.c.role, p.c.position, p.c.entity_id)
        ):
            parties[(event, role)].append(Party(entity, name))
        for event, statement in connection.execute(
            select(links.c.event_id, links.c.statement_id)
            .where(links.c.event_id.in_(chunk))
            .order_by(links.c.event_id, links.c.position, links.c.statement_id)
        ):
            statements[event].append(statement)
    reporters = _reporters(connection, {s for group in statements.values() for s in group})
    return [
        EventRow(
            id=row["id"],
            document_id=row["document_id"],
            document_path=row["document_path"],
            outlet=row["outlet"],
            type=row["type"],
            mode=row["mode"],
            context=json.loads(row["context"]),
            actors=parties.get((row["id"], "actor"), []),
            targets=parties.get((row["id"], "target"), []),
            location=Party(row["location"], row["location_name"]) if row["location"] else None,
            date_start=row["date_start"],
            date_end=row["date_end"],
            date_text=row["date_text"],
            negated=bool(row["negated"]),
            modality=Modality(row["modality"]),
            count=row["count"],
            summary=row["summary"],
            trigger=(
                (row["trigger_start"], row["trigger_end"])
                if row["trigger_start"] is not None
                else None
            ),
            statements=statements.get(row["id"], []),
            reported_by=[reporters[s] for s in statements.get(row["id"], []) if s in reporters],
        )
        for row in rows
    ]


def _reporters(connection: Connection, statement_ids: set[str]) -> dict[str, Reporter]:
    """Statement id -> who says it and with what stance (statements of the statements table)."""
    st = schema.statements
    result = {}
    for chunk in batches(sorted(statement_ids)):
        for row in connection.execute(_statement_query().where(st.c.id.in_(chunk))).mappings():
            statement = _statement_row(row)
            source = (statement.outlet or "outlet") if statement.is_outlet else statement.source
            result[statement.id] = Reporter(
                statement.id,
                source,
                statement.speaker,
                statement.stance,
                statement.hedged,
                statement.document_id,
            )
    return result


def is_date_prefix(value: str) -> bool:
    """True for an ISO date prefix: ``2022``, ``2022-01`` or ``2022-01-18``."""
    return bool(schema.ISO_PREFIX.match(value))


def timeline_key(event: EventRow) -> tuple:
    """Date order by start (then end), undated last; then report, position and id."""
    interval = event.interval
    return (
        interval is None,
        interval or ("", ""),
        event.document_id or "",
        event.trigger[0] if event.trigger else -1,
        event.id,
    )


def list_events(
    database: Database,
    *,
    actor: str | None = None,
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    document: str | None = None,
    limit: int | None = None,
    timeline: bool = False,
) -> list[EventRow]:
    """Events by report and position in it, or with ``timeline`` in date order.

    ``actor`` and ``place`` are names, aliases or entity ids resolved as
    ``dossier show`` resolves them (:meth:`Database.find_entities`; a name
    that matches nothing gives no events): ``actor`` matches events where it
    is an actor or a target, ``place`` events located there. ``type`` is a
    PLOVER type, in any case. ``date_from`` and ``date_to`` are ISO date
    prefixes (``2022``, ``2022-01``, ``2022-01-18``; a ``ValueError``
    otherwise): an event matches when the days its date may cover touch the
    range; undated events do not match once either is given. ``document`` is
    a document id, file name or origin. In the timeline, events come by the
    start of their date (then its end), undated ones last.
    """
    v, d, p = schema.events, schema.documents, schema.event_participants
    for value in (date_from, date_to):
        if value is not None and not is_date_prefix(value):
            raise ValueError(f"{value!r} is not an ISO date prefix (2022, 2022-01, 2022-01-18)")
    query = _event_query()
    if actor is not None:
        ids = {entity["id"] for entity in database.find_entities(actor)}
        if not ids:
            return []
        query = query.where(v.c.id.in_(select(p.c.event_id).where(p.c.entity_id.in_(ids))))
    if place is not None:
        ids = {entity["id"] for entity in database.find_entities(place)}
        if not ids:
            return []
        query = query.where(v.c.location.in_(ids))
    if type is not None:
        query = query.where(v.c.type == type.upper())
    if document:
        query = query.where(
            (d.c.id == document) | (d.c.path == document) | (d.c.origin == document)
        )
    with database.engine.connect() as connection:
        events = _event_rows(connection, query)
    if date_from is not None or date_to is not None:
        first = date_bounds(date_from)[0] if date_from else "0000-00-00"
        last = date_bounds(date_to)[1] if date_to else "9999-99-99"
        events = [
            event
            for event in events
            if event.interval is not None
            and event.interval[1] >= first
            and event.interval[0] <= last
        ]
    if timeline:
        events.sort(key=timeline_key)
    return events[:limit] if limit else events


def list_relations(database: Database, *, actor: str | None = None) -> list[RelationRow]:
    """Relations by id; with ``actor`` (a name, alias or id), those it is subject or object of."""
    r = schema.relations
    query = select(r.c.id)
    if actor is not None:
        ids = {entity["id"] for entity in database.find_entities(actor)}
        if not ids:
            return []
        query = query.where(r.c.subject.in_(ids) | r.c.object.in_(ids))
    with database.engine.connect() as connection:
        return _relation_rows(connection, list(connection.execute(query).scalars()))


def actor_group_profile(database: Database, entity_id: str, context: int = 60) -> Profile | None:
    """The full profile of the actor an entity belongs to (every entity judged the same).

    The canonical entity's profile with the other members' aliases, mentions,
    statements, relations and events added, each event with the status of its
    assessment (contested, corroborated …), and the known-actor entry if the
    actor was loaded from a list.
    """
    from dossier.store.knowledge import Knowledge

    with database.engine.connect() as connection:
        knowledge = Knowledge(connection)
        canonical = knowledge.entity(entity_id)
        members = sorted(m for m, c in knowledge.canonical.items() if c == canonical)
        statuses = {a.about: a.status for a in knowledge.assessments()}
        item_of = knowledge.item_of
        listed = connection.execute(
            select(schema.known_actors.c.data).where(
                schema.known_actors.c.entity_id.in_([canonical, *members])
            )
        ).scalar()
    profile = actor_profile(database, canonical, context)
    if profile is None:
        return None
    profile.members = [m for m in members if m != canonical]
    profile.listed = json.loads(listed) if listed else None
    for member in profile.members:
        other = actor_profile(database, member, context)
        if other is None:
            continue
        profile.aliases = sorted({*profile.aliases, *other.aliases})
        profile.mentions += other.mentions
        for stance, found in other.statements.items():
            profile.statements[stance] = profile.statements.get(stance, []) + found
        profile.relations += other.relations
        profile.events += other.events
    seen: set[str] = set()
    events = []
    for item in sorted(profile.events, key=lambda e: timeline_key(e.event)):
        resolved = item_of(item.event.id)
        if resolved in seen:
            continue  # one happening told by several reports: listed once
        seen.add(resolved)
        item.status = statuses.get(resolved)
        events.append(item)
    profile.events = events
    profile.mentions.sort(key=lambda m: (m.document_id, m.start))
    return profile

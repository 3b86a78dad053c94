"""The resolved knowledge base: every report's items read as one.

The store keeps what each report gave (its entities, events, relations and
statements) and the judgements on pairs of entities; this module reads them
together as users see them:

- entities through their canonical ids (:mod:`dossier.resolve.judgements`);
- events of different reports that tell one happening as one event
  (:mod:`dossier.resolve.events`), with every member's statements;
- relations that become the same once their parties are resolved as one;
- the statements about each resolved item, as
  :class:`~dossier.assess.evidence.Evidence` to weigh
  (:func:`dossier.assess.assessment.assess`).

The export, ``dossier claims`` and the profile all read this one view, so
they agree. It is rebuilt on each read (nothing derived is stored, so an
analyst's judgement takes effect at once).

Limits: the view is built in memory, in time and space linear in the base
(a few hundred bytes per event and statement).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, func, select

from dossier.assess.assessment import Assessment, assess
from dossier.assess.evidence import Evidence
from dossier.resolve.events import EventKey, cluster_events
from dossier.resolve.names import normalise_name
from dossier.store import schema
from dossier.store.resolution import canonical_ids


@dataclass(slots=True)
class Item:
    """One resolved event or relation: its members and their statements."""

    id: str
    kind: str  # event | relation
    members: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    reversed: set[str] = field(default_factory=set)  # statements reporting the negation
    aside: set[str] = field(default_factory=set)  # backing it, but not weighed for it


class Knowledge:
    """The resolved view of one base (see the module docstring)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.canonical = canonical_ids(connection)
        self.event_of: dict[str, str] = {}
        self.relation_of: dict[str, str] = {}
        self.items: dict[str, Item] = {}
        self.negated: dict[str, bool] = {}
        self._evidence: dict[str, Evidence] | None = None
        self._load_links()
        self._resolve_events()
        self._resolve_relations()

    def entity(self, entity_id: str | None) -> str | None:
        """The canonical id of an entity (None stays None)."""
        if entity_id is None:
            return None
        return self.canonical.get(entity_id, entity_id)

    def item_of(self, item_id: str) -> str:
        """The resolved item a stored event or relation belongs to."""
        return self.event_of.get(item_id) or self.relation_of.get(item_id) or item_id

    # -- loading

    def _load_links(self) -> None:
        self.statements_of: dict[str, list[str]] = defaultdict(list)
        for table, column in (
            (schema.relation_statements, "relation_id"),
            (schema.event_statements, "event_id"),
        ):
            item = table.c[column]
            for item_id, statement_id in self.connection.execute(
                select(item, table.c.statement_id).order_by(
                    item, table.c.position, table.c.statement_id
                )
            ):
                self.statements_of[item_id].append(statement_id)

    def _resolve_events(self) -> None:
        table = schema.event_participants
        parties: dict[tuple[str, str], set[str]] = defaultdict(set)
        for event, entity, role in self.connection.execute(
            select(table.c.event_id, table.c.entity_id, table.c.role)
        ):
            parties[(event, role)].add(self.entity(entity) or entity)
        keys = []
        events = schema.events.c
        word = func.substr(
            schema.documents.c.text,
            events.trigger_start + 1,
            events.trigger_end - events.trigger_start,
        )
        for row in self.connection.execute(
            select(
                word.label("word"),
                events.id,
                events.document_id,
                events.type,
                events.location,
                events.mode,
                events.date_start,
                events.date_end,
                events.negated,
                events.trigger_start,
            )
            .select_from(schema.events.outerjoin(schema.documents))
            .order_by(events.id)
        ):
            if not self.statements_of.get(row.id):
                continue  # unbacked: not part of the knowledge base
            self.negated[row.id] = bool(row.negated)
            keys.append(
                EventKey(
                    row.id,
                    row.document_id,
                    row.type,
                    frozenset(parties.get((row.id, "actor"), ())),
                    frozenset(parties.get((row.id, "target"), ())),
                    self.entity(row.location),
                    row.mode,
                    row.date_start,
                    row.date_end,
                    bool(row.negated),
                    row.word,
                    row.trigger_start,
                )
            )
        clusters = cluster_events(keys)
        for key in keys:
            self.event_of[key.id] = clusters.get(key.id, key.id)
        members: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            members[self.event_of[key.id]].append(key.id)
        for item_id, group in members.items():
            # the group's polarity: asserted if any member is; the rest report its negation
            negated = all(self.negated[m] for m in group)
            item = Item(item_id, "event", sorted(group))
            for member in item.members:
                for statement in self.statements_of.get(member, ()):
                    if statement not in item.statements:
                        item.statements.append(statement)
                    if self.negated[member] != negated:
                        item.reversed.add(statement)
            self.negated[item_id] = negated
            self.items[item_id] = item

    def _resolve_relations(self) -> None:
        """Relations made one by their resolved parties, type and role.

        Only relations whose parties were different entities before
        resolution are joined; relations stored with the very same parties
        under two ids (one imported from another tool) stay as they are.

        A relation is weighed on the statements that assert it: a denial or a
        silence whose span merely holds the title or apposition that states
        the tie ("Nazari, the front's spokesman, denied that …") is about
        something else, and is left out of the relation's assessment (it
        still backs the relation in the export).
        """
        st = schema.statements.c
        asserting = {
            statement_id
            for statement_id, stance in self.connection.execute(select(st.id, st.stance))
            if stance == "asserts"
        }
        rel = schema.relations.c
        groups: dict[tuple, list[tuple[str, tuple[str, str]]]] = defaultdict(list)
        for row in self.connection.execute(
            select(rel.id, rel.type, rel.subject, rel.object, rel.role).order_by(rel.id)
        ):
            if not self.statements_of.get(row.id):
                continue
            key = (row.type, self.entity(row.subject), self.entity(row.object), row.role)
            groups[key].append((row.id, (row.subject, row.object)))
        for rows in groups.values():
            if len({parties for _, parties in rows}) > 1:
                merged = [[relation for relation, _ in rows]]  # one tie once parties resolve
            else:
                merged = [[relation] for relation, _ in rows]  # as stored (ids of other tools)
            for group in merged:
                self._add_relation(group, asserting)

    def _add_relation(self, group: list[str], asserting: set[str]) -> None:
        item_id = min(group)
        item = Item(item_id, "relation", sorted(group))
        for member in group:
            self.relation_of[member] = item_id
            for statement in self.statements_of.get(member, ()):
                if statement not in item.statements:
                    item.statements.append(statement)
                if statement not in asserting:
                    item.aside.add(statement)
        self.items[item_id] = item

    # -- weighing

    def about(self) -> dict[str, list[str]]:
        """{statement id: resolved items it is about}, in item order."""
        found: dict[str, list[str]] = defaultdict(list)
        for item_id in sorted(self.items):
            for statement in self.items[item_id].statements:
                found[statement].append(item_id)
        return found

    def evidence(self) -> dict[str, Evidence]:
        """Every statement as evidence (speaker names and outlets filled in), read once."""
        if self._evidence is None:
            self._evidence = self._read_evidence()
        return self._evidence

    def _read_evidence(self) -> dict[str, Evidence]:
        st = schema.statements.c
        outlets = dict(
            self.connection.execute(select(schema.documents.c.id, schema.documents.c.outlet)).all()
        )
        known_outlets = {normalise_name(o) for o in outlets.values() if o}
        names, types = {}, {}
        for entity_id, name, kind in self.connection.execute(
            select(schema.entities.c.id, schema.entities.c.name, schema.entities.c.type)
        ):
            names[entity_id], types[entity_id] = name, kind
        found: dict[str, Evidence] = {}
        for row in self.connection.execute(
            select(
                st.id,
                st.document_id,
                st.stance,
                st.speaker,
                st.speaker_text,
                st.anonymous,
                st.affiliation,
                st.hedged,
                st.chain,
                st.text,
            )
        ):
            speaker = self.entity(row.speaker)
            affiliation = self.entity(row.affiliation)
            quoted = None
            for candidate in [speaker, *_chain_speakers(row.chain, self)]:
                if candidate is None:
                    continue
                name = names.get(candidate)
                if (
                    name
                    and types.get(candidate) == "organization"
                    and normalise_name(name) in known_outlets
                ):
                    quoted = name
            found[row.id] = Evidence(
                id=row.id,
                stance=row.stance,
                document=row.document_id,
                outlet=outlets.get(row.document_id),
                speaker=speaker,
                speaker_name=names.get(speaker) if speaker else None,
                speaker_text=row.speaker_text,
                anonymous=bool(row.anonymous),
                affiliation=affiliation,
                affiliation_name=names.get(affiliation) if affiliation else None,
                hedged=bool(row.hedged),
                quoted_outlet=quoted,
                text=row.text,
            )
        return found

    def grades(self) -> dict[str, str]:
        """The reliability grades users gave, by normalised source name or entity id."""
        table = schema.source_grades.c
        return {
            source: grade
            for source, grade in self.connection.execute(select(table.source, table.grade))
        }

    def assessments(self) -> Iterator[Assessment]:
        """An assessment of every resolved event and relation, by item id."""
        evidence = self.evidence()
        grades = self.grades()
        for item_id in sorted(self.items):
            item = self.items[item_id]
            weighed = []
            for statement in item.statements:
                found = evidence.get(statement)
                if found is None or statement in item.aside:
                    continue  # kept verbatim from an older import, or not about the item
                if statement in item.reversed:
                    found = _reversed(found)
                weighed.append(found)
            yield assess(item_id, weighed, grades)


def _chain_speakers(chain: str | None, knowledge: Knowledge) -> list[str]:
    if not chain:
        return []
    links = json.loads(chain)
    return [
        knowledge.entity(link.get("speaker"))
        for link in links
        if isinstance(link, dict) and isinstance(link.get("speaker"), str)
    ]


def _reversed(evidence: Evidence) -> Evidence:
    return replace(evidence, reverses=True)


__all__ = ["Item", "Knowledge"]

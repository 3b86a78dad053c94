"""Claims: the assessments of the knowledge base, with who says what on each side.

:func:`list_claims` weighs every resolved event and relation
(:class:`~dossier.store.knowledge.Knowledge`) and returns them contested
first, then denied, single-source, unverified and corroborated, each with its
statements on each side: the source, the outlet and report, and the quote.
Filters: status, an actor taking part, the item's kind or event type, the
minimum number of independent sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from dossier.assess.assessment import Assessment
from dossier.assess.evidence import Evidence
from dossier.store import schema
from dossier.store.database import Database
from dossier.store.knowledge import Knowledge

ORDER = {"contested": 0, "denied": 1, "single_source": 2, "unverified": 3, "corroborated": 4}


@dataclass(slots=True)
class ClaimStatement:
    """One statement on one side of a claim."""

    id: str
    side: str
    source: str
    stance: str
    hedged: bool
    outlet: str | None
    document: str | None
    path: str | None
    text: str

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "side": self.side,
            "source": self.source,
            "stance": self.stance,
            "hedged": self.hedged,
            "outlet": self.outlet,
            "document": self.document,
            "path": self.path,
            "text": self.text,
        }


@dataclass(slots=True)
class Claim:
    """An assessed event or relation, described, with its statements."""

    assessment: Assessment
    kind: str
    type: str
    description: str
    parties: list[str]
    statements: list[ClaimStatement] = field(default_factory=list)

    def side(self, name: str) -> list[ClaimStatement]:
        return [s for s in self.statements if s.side == name]

    def to_dict(self) -> dict:
        record = self.assessment.to_record()
        record.update(
            {
                "item_kind": self.kind,
                "type": self.type,
                "description": self.description,
                "parties": list(self.parties),
                "statements": [s.to_dict() for s in self.statements],
            }
        )
        return record


def list_claims(
    database: Database,
    *,
    status: str | None = None,
    actor: str | None = None,
    kind: str | None = None,
    type: str | None = None,
    min_sources: int = 0,
    limit: int | None = None,
) -> list[Claim]:
    """The assessed items, contested first (see the module docstring).

    ``actor`` is an entity id (any id of the actor's group will do).
    """
    with database.engine.connect() as connection:
        knowledge = Knowledge(connection)
        names = dict(connection.execute(select(schema.entities.c.id, schema.entities.c.name)).all())
        paths = dict(
            connection.execute(select(schema.documents.c.id, schema.documents.c.path)).all()
        )
        describe = _Describer(connection, knowledge, names)
        wanted = knowledge.entity(actor) if actor else None
        evidence = knowledge.evidence()
        claims = []
        for assessment in knowledge.assessments():
            if status and assessment.status != status:
                continue
            if assessment.independent_sources < min_sources:
                continue
            item = knowledge.items[assessment.about]
            if kind and item.kind != kind:
                continue
            item_type, description, parties = describe(item)
            if type and item_type.upper() != type.upper():
                continue
            if wanted and wanted not in parties:
                continue
            claim = Claim(
                assessment, item.kind, item_type, description, [names.get(p, p) for p in parties]
            )
            for side in ("supporting", "denying", "silent"):
                for statement_id in getattr(assessment, side):
                    found = evidence.get(statement_id)
                    if found is not None:
                        claim.statements.append(_statement(found, side, paths))
            claims.append(claim)
    claims.sort(
        key=lambda c: (ORDER.get(c.assessment.status, 9), -c.assessment.independent_sources)
    )
    return claims[:limit] if limit is not None else claims


def _statement(found: Evidence, side: str, paths: dict) -> ClaimStatement:
    return ClaimStatement(
        found.id,
        side,
        found.label + (" (hedged)" if found.hedged else ""),
        found.stance,
        found.hedged,
        found.outlet,
        found.document,
        paths.get(found.document),
        found.text,
    )


class _Describer:
    """An item's type, a one-line description and its (resolved) parties."""

    def __init__(self, connection, knowledge: Knowledge, names: dict[str, str]) -> None:
        self.knowledge = knowledge
        self.names = names
        self.events = {
            row.id: row
            for row in connection.execute(
                select(
                    schema.events.c.id,
                    schema.events.c.type,
                    schema.events.c.summary,
                    schema.events.c.negated,
                )
            )
        }
        self.relations = {
            row.id: row
            for row in connection.execute(
                select(
                    schema.relations.c.id,
                    schema.relations.c.type,
                    schema.relations.c.subject,
                    schema.relations.c.object,
                    schema.relations.c.role,
                )
            )
        }
        table = schema.event_participants.c
        self.parties: dict[str, list[str]] = {}
        for event_id, entity_id in connection.execute(
            select(table.event_id, table.entity_id).order_by(
                table.event_id, table.role, table.position
            )
        ):
            self.parties.setdefault(event_id, []).append(entity_id)

    def __call__(self, item) -> tuple[str, str, list[str]]:
        entity = self.knowledge.entity
        if item.kind == "relation":
            row = self.relations[item.id]
            subject, obj = entity(row.subject), entity(row.object)
            role = f" ({row.role})" if row.role else ""
            text = (
                f"{self.names.get(subject, subject)} {row.type.replace('_', ' ')} "
                f"{self.names.get(obj, obj)}{role}"
            )
            return row.type, text, [subject, obj]
        row = self.events[item.id]
        parties = list(
            dict.fromkeys(entity(p) for m in item.members for p in self.parties.get(m, ()))
        )
        negated = "not: " if self.knowledge.negated.get(item.id) else ""
        return row.type, f"{negated}{row.summary or row.type}", parties


__all__ = ["Claim", "ClaimStatement", "list_claims"]

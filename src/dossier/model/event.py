"""Events and relations of one report, as the NLP stage hands them on.

An event is something a report says happened (or did not, or might), typed
with PLOVER 2.0; a relation is a lasting tie between two entities (an office,
membership, kinship, a base). Both are backed by the report's statements.

Participants, places and backing statements are given here as indexes into
the report's entity and statement lists (``doc._.dossier_entities`` and
``doc._.dossier_statements``); the store turns them into ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dossier.model.ids import content_id

Span = tuple[int, int]

EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER 2.0 event types, in the manual's order."""


class Modality(StrEnum):
    """How real the report makes an event (the exchange format's values)."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    ATTEMPTED = "attempted"


@dataclass(slots=True, frozen=True)
class DateValue:
    """When an event happened: an interval of ISO prefixes and the words that say so.

    ``start`` and ``end`` keep their precision (``2022``, ``2022-01``,
    ``2022-01-18``); both are None when the words could not be placed in time
    (a relative date in a report with no publication date).
    """

    text: str
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict | None) -> DateValue | None:
        if not data:
            return None
        return cls(data.get("text") or "", data.get("start"), data.get("end"))


@dataclass(slots=True)
class ReportEvent:
    """One event of one report (offsets are end-exclusive ``str`` indexes).

    ``trigger`` is the span of the words that name the event ("met",
    "clashes"); ``statements`` index the report's statements that report it.
    """

    type: str
    trigger: Span
    actors: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    location: int | None = None
    date: DateValue | None = None
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    count: int = 1
    summary: str = ""
    statements: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "trigger": list(self.trigger),
            "actors": list(self.actors),
            "targets": list(self.targets),
            "mode": self.mode,
            "context": list(self.context),
            "location": self.location,
            "date": self.date.to_dict() if self.date else None,
            "negated": self.negated,
            "modality": self.modality.value,
            "count": self.count,
            "summary": self.summary,
            "statements": list(self.statements),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReportEvent:
        return cls(
            type=data["type"],
            trigger=tuple(data["trigger"]),
            actors=list(data.get("actors") or []),
            targets=list(data.get("targets") or []),
            mode=data.get("mode"),
            context=list(data.get("context") or []),
            location=data.get("location"),
            date=DateValue.from_dict(data.get("date")),
            negated=bool(data.get("negated")),
            modality=Modality(data.get("modality") or "asserted"),
            count=int(data.get("count") or 1),
            summary=data.get("summary") or "",
            statements=list(data.get("statements") or []),
        )


class RelationType(StrEnum):
    """The relation types of the exchange format."""

    MEMBER_OF = "member_of"
    LEADER_OF = "leader_of"
    SPOKESPERSON_OF = "spokesperson_of"
    ENVOY_OF = "envoy_of"
    OFFICE_HOLDER_OF = "office_holder_of"
    RELATIVE_OF = "relative_of"
    BASED_IN = "based_in"
    OTHER = "other"


@dataclass(slots=True)
class ReportRelation:
    """One relation of one report: ``subject`` is ``type`` of ``object``.

    ``evidence`` is the span of the words that state the tie; ``role`` the
    reported title, verbatim where the text gives one.
    """

    type: RelationType
    subject: int
    object: int
    evidence: Span
    role: str | None = None
    statements: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "type": self.type.value,
            "subject": self.subject,
            "object": self.object,
            "evidence": list(self.evidence),
            "role": self.role,
            "statements": list(self.statements),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReportRelation:
        return cls(
            type=RelationType(data["type"]),
            subject=data["subject"],
            object=data["object"],
            evidence=tuple(data["evidence"]),
            role=data.get("role"),
            statements=list(data.get("statements") or []),
        )


def date_bounds(prefix: str) -> tuple[str, str]:
    """The first and last day an ISO date prefix covers, as ``YYYY-MM-DD`` strings.

    The last day of a month is written as its 31st: the strings are only
    compared, never read as dates.
    """
    parts = prefix.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    return f"{year}-{month or '01'}-{day or '01'}", f"{year}-{month or '12'}-{day or '31'}"


def event_id(document_id: str, event_type: str, trigger: Span, actors, targets) -> str:
    """A content-hash id for a report's event: where it is told, its type and parties."""
    return content_id("v", document_id, event_type, tuple(trigger), sorted(actors), sorted(targets))


def relation_id(relation_type: str, subject_id: str, object_id: str, role: str | None) -> str:
    """A content-hash id for a relation: the same tie from any report is one relation."""
    return content_id("r", relation_type, subject_id, object_id, (role or "").casefold())

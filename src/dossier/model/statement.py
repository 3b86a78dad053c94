"""Statements: who says what in a report, as the NLP stage hands them on.

A statement is one attribution: a span of a report that asserts, denies or
declines to comment on something, with who says so. The outlet's own voice
(a sentence stating facts with no attribution) is a statement too, with no
speaker and not anonymous.

Speakers and affiliations are given here as indexes into the report's entity
list (``doc._.dossier_entities``); the workflow turns them into entity ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from dossier.model.ids import content_id

Span = tuple[int, int]


class Stance(StrEnum):
    """What a statement does with its content (the exchange format's values)."""

    ASSERTS = "asserts"
    DENIES = "denies"
    DECLINES_COMMENT = "declines_comment"
    NO_RESPONSE = "no_response"


@dataclass(slots=True)
class ChainLink:
    """A further source in an "X, according to Y" or "X, citing Y" chain."""

    speaker_text: str
    cue: str | None
    speaker: int | None = None  # index into the report's entities

    def to_dict(self) -> dict:
        return {"speaker_text": self.speaker_text, "cue": self.cue, "speaker": self.speaker}

    @classmethod
    def from_dict(cls, data: dict) -> ChainLink:
        return cls(data["speaker_text"], data.get("cue"), data.get("speaker"))


@dataclass(slots=True)
class ReportStatement:
    """One statement of one report (offsets are end-exclusive ``str`` indexes).

    ``source``, ``cue_spans`` and ``content`` are the parts of the attribution,
    each a list of ``(start, end)`` pairs (several when a quote is broken by
    its attribution), empty where the text has no such part.
    """

    start: int
    end: int
    text: str
    stance: Stance = Stance.ASSERTS
    speaker: int | None = None
    speaker_text: str | None = None
    anonymous: bool = False
    affiliation: int | None = None
    cue: str | None = None
    hedged: bool = False
    source: list[Span] = field(default_factory=list)
    cue_spans: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    chain: list[ChainLink] = field(default_factory=list)

    @property
    def is_outlet(self) -> bool:
        """The outlet's own voice: no source named, not anonymous."""
        return self.speaker_text is None and not self.anonymous

    def key(self, document_id: str, speaker_id: str | None) -> str:
        """The statement id: a hash of where it is and who says it."""
        return statement_id(
            document_id, self.start, self.end, self.source, self.cue_spans, speaker_id, self.stance
        )

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "stance": self.stance.value,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "anonymous": self.anonymous,
            "affiliation": self.affiliation,
            "cue": self.cue,
            "hedged": self.hedged,
            "source": [list(s) for s in self.source],
            "cue_spans": [list(s) for s in self.cue_spans],
            "content": [list(s) for s in self.content],
            "chain": [link.to_dict() for link in self.chain],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReportStatement:
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            stance=Stance(data["stance"]),
            speaker=data.get("speaker"),
            speaker_text=data.get("speaker_text"),
            anonymous=bool(data.get("anonymous")),
            affiliation=data.get("affiliation"),
            cue=data.get("cue"),
            hedged=bool(data.get("hedged")),
            source=[tuple(s) for s in data.get("source") or []],
            cue_spans=[tuple(s) for s in data.get("cue_spans") or []],
            content=[tuple(s) for s in data.get("content") or []],
            chain=[ChainLink.from_dict(link) for link in data.get("chain") or []],
        )


def statement_id(
    document_id: str,
    start: int,
    end: int,
    source: list[Span],
    cue: list[Span],
    speaker_id: str | None,
    stance: Stance | str,
) -> str:
    """A content-hash id: the same statement of the same text gets the same id."""
    source = [(int(a), int(b)) for a, b in source]
    cue = [(int(a), int(b)) for a, b in cue]
    return content_id("s", document_id, start, end, source, cue, speaker_id, str(stance))


def spans_value(spans: list[Span]) -> list[int] | list[list[int]] | None:
    """A part's spans as the exchange format writes them.

    One pair is written as ``[start, end]``, several as a list of pairs, none
    as ``null``.
    """
    if not spans:
        return None
    if len(spans) == 1:
        return [spans[0][0], spans[0][1]]
    return [[s, e] for s, e in spans]


def spans_from_value(value) -> list[Span]:
    """The inverse of :func:`spans_value` (accepts either shape, or null)."""
    if not value:
        return []
    if isinstance(value[0], int):
        return [(value[0], value[1])]
    return [(pair[0], pair[1]) for pair in value]

"""Assessment: what every statement about one event or relation adds up to.

:func:`assess` sorts an item's statements into supporting, denying and
silent (see :class:`~dossier.assess.evidence.Evidence`), counts independent
sources on each side (:func:`~dossier.assess.evidence.source_key`) and gives
the item a status:

- ``contested``: asserted and denied;
- ``denied``: only denied (silences aside);
- ``corroborated``: asserted firmly by two or more independent sources, none
  denying (*firmly*: not hedged, and not in the outlet's own voice);
- ``single_source``: asserted firmly by one source;
- ``unverified``: only hedged reports, the outlet's own voice, or silences.

and the Admiralty credibility grade of :mod:`dossier.assess.credibility`,
with the reasons in words (``rationale``).

Limits: a hedged assertion still makes an item contested when it is denied;
a denial by a party with an interest in denying counts as much as any other;
the status reads the stances dossier extracted, so a missed denial leaves an
item corroborated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dossier.assess.credibility import CREDIBILITY, DEFAULT_RELIABILITY, TRUSTED, credibility
from dossier.assess.evidence import Evidence, source_key
from dossier.model.ids import content_id
from dossier.resolve.names import normalise_name

STATUSES = ("contested", "denied", "corroborated", "single_source", "unverified")
SILENCE_WORDS = {"no_response": "no response from", "declines_comment": "no comment from"}


@dataclass(slots=True)
class Source:
    """One independent source on one side of an item, with its statements."""

    key: tuple[str, str]
    label: str
    side: str
    statements: list[str] = field(default_factory=list)
    named: bool = False
    firm: bool = False
    reliability: str = DEFAULT_RELIABILITY

    def to_dict(self) -> dict:
        return {
            "source": self.label,
            "side": self.side,
            "named": self.named,
            "reliability": self.reliability,
            "statements": list(self.statements),
        }


@dataclass(slots=True)
class Assessment:
    """The weighing of one item (the exchange format's ``assessment`` record)."""

    about: str
    status: str
    supporting: list[str]
    denying: list[str]
    silent: list[str]
    independent_sources: int
    credibility: int
    rationale: str
    sources: list[Source] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id("a", self.about)

    def to_record(self) -> dict:
        return {
            "kind": "assessment",
            "id": self.id,
            "about": self.about,
            "status": self.status,
            "supporting": list(self.supporting),
            "denying": list(self.denying),
            "silent": list(self.silent),
            "independent_sources": self.independent_sources,
            "credibility": self.credibility,
            "rationale": self.rationale,
            "denying_sources": sum(1 for s in self.sources if s.side == "denying"),
            "sources": [source.to_dict() for source in self.sources],
        }


def assess(
    about: str,
    evidence: Sequence[Evidence],
    reliability: Mapping[str, str] | None = None,
) -> Assessment:
    """Weigh the statements about one item (see the module docstring).

    ``reliability`` maps source names (an outlet's or a speaker's name, as
    :func:`reliability_key` normalises it) or speaker entity ids to the A–F
    grade a user gave them.
    """
    reliability = reliability or {}
    sides: dict[str, list[str]] = {"supporting": [], "denying": [], "silent": []}
    sources: dict[tuple[str, tuple[str, str]], Source] = {}
    seen: set[str] = set()
    for item in evidence:
        if item.id in seen:
            continue
        seen.add(item.id)
        side = item.side
        sides[side].append(item.id)
        key = source_key(item)
        source = sources.get((side, key))
        if source is None:
            source = sources[(side, key)] = Source(
                key, item.label, side, reliability=_grade(item, reliability)
            )
        source.statements.append(item.id)
        source.named = source.named or key[0] == "entity" or bool(item.quoted_outlet)
        source.firm = source.firm or (not item.hedged and not item.is_outlet)
    asserting = [s for s in sources.values() if s.side == "supporting"]
    denying = [s for s in sources.values() if s.side == "denying"]
    silent = [s for s in sources.values() if s.side == "silent"]
    firm = [s for s in asserting if s.firm]
    if asserting and denying:
        status = "contested"
    elif denying:
        status = "denied"
    elif len(firm) >= 2:
        status = "corroborated"
    elif len(firm) == 1:
        status = "single_source"
    else:
        status = "unverified"
    grade = credibility(
        status,
        asserting=len(asserting),
        denying=len(denying),
        named=sum(1 for s in (firm or asserting) if s.named),
        trusted=any(s.reliability in TRUSTED for s in asserting),
        hedged_only=bool(asserting) and all(_all_hedged(s, evidence) for s in asserting),
    )
    ordered = sorted(sources.values(), key=lambda s: (_SIDE_ORDER[s.side], s.label.lower()))
    return Assessment(
        about=about,
        status=status,
        supporting=sides["supporting"],
        denying=sides["denying"],
        silent=sides["silent"],
        independent_sources=len(asserting),
        credibility=grade,
        rationale=_rationale(status, grade, asserting, denying, silent, evidence),
        sources=ordered,
    )


_SIDE_ORDER = {"supporting": 0, "denying": 1, "silent": 2}


def reliability_key(name: str) -> str:
    """How a source's name is looked up among the user's grades."""
    return normalise_name(name)


def _grade(item: Evidence, reliability: Mapping[str, str]) -> str:
    for key in (item.speaker, item.quoted_outlet, item.speaker_name, item.outlet):
        if not key:
            continue
        if key in reliability:
            return reliability[key]
        normalised = reliability_key(key)
        if normalised in reliability:
            return reliability[normalised]
        if item.speaker is not None or item.quoted_outlet:
            break  # a named source's grade is its own, not its outlet's
    return DEFAULT_RELIABILITY


def _all_hedged(source: Source, evidence: Sequence[Evidence]) -> bool:
    wanted = set(source.statements)
    return all(item.hedged for item in evidence if item.id in wanted)


def _names(sources: list[Source], evidence: Sequence[Evidence]) -> str:
    hedged = {item.id for item in evidence if item.hedged}
    labels = []
    for source in sorted(sources, key=lambda s: s.label.lower()):
        label = source.label
        if all(statement in hedged for statement in source.statements):
            label += " (hedged)"
        if source.reliability != DEFAULT_RELIABILITY:
            label += f" [{source.reliability}]"
        labels.append(label)
    return ", ".join(labels)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _rationale(
    status: str,
    grade: int,
    asserting: list[Source],
    denying: list[Source],
    silent: list[Source],
    evidence: Sequence[Evidence],
) -> str:
    parts = []
    if asserting:
        statements = sum(len(s.statements) for s in asserting)
        parts.append(
            f"asserted in {_count(statements, 'statement')} by "
            f"{_count(len(asserting), 'independent source')} ({_names(asserting, evidence)})"
        )
    if denying:
        parts.append(f"denied by {_names(denying, evidence)}")
    by_stance: dict[str, list[Source]] = {}
    for source in silent:
        stance = next(item.stance for item in evidence if item.id == source.statements[0])
        by_stance.setdefault(stance, []).append(source)
    for stance, group in sorted(by_stance.items()):
        parts.append(f"{SILENCE_WORDS.get(stance, stance)} {_names(group, evidence)}")
    if not parts:
        parts.append("no statement")
    summary = "; ".join(parts)
    return f"{status.replace('_', ' ')}: {summary}. Credibility {grade}: {CREDIBILITY[grade]}."


__all__ = ["STATUSES", "Assessment", "Source", "assess", "reliability_key"]

"""Event resolution: reports of one happening, from many reports, as one event.

Each report's events were already joined within the report by the event
coder (anaphora such as "the talks"); here a claim a report tells twice in
full (the same type, polarity and parties) is joined too
(:func:`told_again`), as are close reports of one party's presence at a
meeting, asserted or denied (:func:`same_presence`), and events of
*different* reports are one event when all of these hold:

- the same PLOVER type;
- overlapping participants (after entity resolution): the shared parties
  are at least half of all the parties of the two; for directed types (all
  but CONSULT, whose visitor and host news writes either way round) a shared
  party on each side that both events fill;
- the same mode where both give one;
- compatible places: the same, or one of them unknown;
- compatible times: intervals that touch; when either is undated, the same
  place, and failing that the very same two or more parties.

Polarity is not compared: "Russia armed the front" in one report and "Russia
did not arm the front" in another are one happening, reported and denied
(the assessment counts the second as a denial).

Candidate pairs come from a blocking index over (type, party), so resolving
costs little more than the events themselves; very large blocks (a party in
hundreds of events of one type) are compared only through their other
parties. The groups are connected components, so two events can be joined
through a third, but a group never holds two events of one report (the event
coder has already decided those are different); the canonical id of a group
is its smallest event id.

Events whose report is unknown (imported from a tool that does not give it)
are kept as they are.

Limits: no comparison of what the events' reports say beyond type, parties,
place and time: two different meetings of the same two parties at an
unknown time in different reports are one event here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.model.event import date_bounds
from dossier.resolve.presence import is_presence

SYMMETRIC = frozenset({"CONSULT"})
MAX_BLOCK = 200


@dataclass(slots=True, frozen=True)
class EventKey:
    """What resolution compares of one stored event (entity ids canonical)."""

    id: str
    document: str | None
    type: str
    actors: frozenset[str]
    targets: frozenset[str]
    location: str | None = None
    mode: str | None = None
    start: str | None = None  # ISO date prefixes
    end: str | None = None
    negated: bool = False
    word: str | None = None  # the trigger's words, as the report has them
    position: int | None = None  # where the trigger starts in its report

    @property
    def parties(self) -> frozenset[str]:
        return self.actors | self.targets


def _bounds(event: EventKey) -> tuple[str, str] | None:
    start, end = event.start or event.end, event.end or event.start
    if start is None or end is None:
        return None
    return date_bounds(start)[0], date_bounds(end)[1]


def same_happening(first: EventKey, second: EventKey) -> bool:
    """Whether two events of different reports are one (see the module docstring)."""
    if first.document == second.document and first.document is not None:
        return False
    if first.type != second.type:
        return False
    shared = first.parties & second.parties
    if not shared or len(shared) * 2 < len(first.parties | second.parties):
        return False
    if first.mode and second.mode and first.mode != second.mode:
        return False
    if first.type not in SYMMETRIC:
        if first.actors and second.actors and not first.actors & second.actors:
            return False
        if first.targets and second.targets and not first.targets & second.targets:
            return False
    if first.location and second.location and first.location != second.location:
        return False
    a, b = _bounds(first), _bounds(second)
    if a is not None and b is not None:
        return a[0] <= b[1] and b[0] <= a[1]
    if first.location and first.location == second.location:
        return True
    # nothing anchors either in time or place: only the very same parties will do
    return first.parties == second.parties and len(shared) >= 2


def told_again(first: EventKey, second: EventKey) -> bool:
    """Whether two events of one report are the same claim told twice.

    The same type, polarity and mode, the same trigger word (its first four
    letters: "supplied", "supplies"), the very same initiators and the very
    same recipients (at least one party), and compatible place and time:
    "Pakistan supplied rifles to the Taliban last month, a source said. The
    same source said that Pakistan supplied rifles to the Taliban."
    """
    if first.type != second.type or first.negated != second.negated:
        return False
    if _stem(first.word) != _stem(second.word):
        return False
    if first.mode != second.mode or not first.parties:
        return False
    if first.actors != second.actors or first.targets != second.targets:
        return False
    if first.location and second.location and first.location != second.location:
        return False
    a, b = _bounds(first), _bounds(second)
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


PRESENCE_SPAN = 1500  # characters between the two reports of one presence


def same_presence(first: EventKey, second: EventKey) -> bool:
    """Whether two events of one report tell one party's presence at one meeting.

    "Dost did not attend … confirmed his participation … was there for
    the talks": meetings (CONSULT) named by a presence word (attend,
    participation, attendance, presence), sharing a party, told close
    together, whatever their polarity (the denials then weigh against it).
    """
    if first.type != "CONSULT" or second.type != "CONSULT":
        return False
    if not is_presence(first.word) or not is_presence(second.word):
        return False
    if not first.parties & second.parties:
        return False
    if first.position is None or second.position is None:
        return False
    return abs(first.position - second.position) <= PRESENCE_SPAN


def _stem(word: str | None) -> str:
    return (word or "").strip().lower()[:4]


def cluster_events(events: Sequence[EventKey]) -> dict[str, str]:
    """{event id: canonical event id} for the events joined with another.

    First the events one report tells twice (:func:`told_again`), then the
    events of different reports (:func:`same_happening`); a join across
    reports never brings two groups of one report together.
    """
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, event in enumerate(events):
        if event.document is None:
            continue  # imported from a tool that does not say which report: kept as it is
        for party in event.parties:
            blocks[(event.type, party)].append(number)
    parent = list(range(len(events)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    documents: dict[int, set[str | None]] = {n: {e.document} for n, e in enumerate(events)}
    for within in (True, False):
        compared: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2 or len(members) > MAX_BLOCK:
                continue
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    if (first, second) in compared:
                        continue
                    compared.add((first, second))
                    one, other = events[first], events[second]
                    if within != (one.document == other.document and one.document is not None):
                        continue
                    a, b = find(first), find(second)
                    if a == b or (not within and documents[a] & documents[b] - {None}):
                        continue  # one report's groups stay apart, however joined
                    if within:
                        joined = told_again(one, other) or same_presence(one, other)
                    else:
                        joined = same_happening(one, other)
                    if joined:
                        parent[b] = a
                        documents[a] |= documents.pop(b)
    groups: dict[int, list[str]] = defaultdict(list)
    for number, event in enumerate(events):
        groups[find(number)].append(event.id)
    return {member: min(group) for group in groups.values() if len(group) > 1 for member in group}


__all__ = ["EventKey", "cluster_events", "same_happening", "same_presence", "told_again"]

"""Judgements: which entities are one actor, from decisions kept on pairs.

As in OpenSanctions' nomenklatura, entities are never merged in place.
Every decision on a pair is kept (``same``, ``different`` or ``unsure``,
made by dossier or by an analyst), and the actors are the connected groups of
``same`` pairs, read whenever they are needed:

- an analyst's judgement outranks dossier's on the same pair;
- a ``different`` judgement by an analyst keeps two groups apart: a ``same``
  pair (dossier's) that would join them is left out;
- the canonical id of a group is the smallest id in it (ids are content
  hashes, so the choice does not depend on ingestion order).

Limits: a ``different`` judgement by dossier itself only records that the
pair was looked at; it does not keep groups apart (an analyst's does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dossier.resolve.matching import Judgement

ANALYST = "analyst"
DOSSIER = "dossier"


@dataclass(slots=True, frozen=True)
class Decision:
    """One kept judgement on a pair (``left`` < ``right``)."""

    left: str
    right: str
    judgement: str
    origin: str = DOSSIER
    reason: str | None = None


def pair(first: str, second: str) -> tuple[str, str]:
    """The pair in its stored order."""
    return (first, second) if first <= second else (second, first)


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def canonical_map(decisions: Iterable[Decision]) -> dict[str, str]:
    """{entity id: canonical id} for every entity in a ``same`` group of two or more.

    Entities in no such group are their own canonical (and not in the map).
    """
    best: dict[tuple[str, str], Decision] = {}
    for decision in decisions:
        key = pair(decision.left, decision.right)
        earlier = best.get(key)
        if earlier is None or (decision.origin == ANALYST and earlier.origin != ANALYST):
            best[key] = decision
    apart = [key for key, d in best.items() if d.origin == ANALYST and d.judgement == "different"]
    same = [d for d in best.values() if d.judgement == Judgement.SAME.value]
    same.sort(key=lambda d: (d.origin != ANALYST, d.left, d.right))  # analysts' first
    groups = _Groups()
    members: dict[str, set[str]] = {}
    for decision in same:
        a, b = groups.find(decision.left), groups.find(decision.right)
        if a == b:
            continue
        joined = members.get(a, {a}) | members.get(b, {b})
        if any(x in joined and y in joined for x, y in apart):
            continue
        groups.union(a, b)
        root = groups.find(a)
        members.pop(a, None)
        members.pop(b, None)
        members[root] = joined
    return {member: min(group) for group in members.values() for member in group if len(group) > 1}


__all__ = ["ANALYST", "DOSSIER", "Decision", "Judgement", "canonical_map", "pair"]

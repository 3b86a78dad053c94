"""Cross-report entity resolution in the store: candidates, judgements, groups.

When a report is stored, each entity new to the base gets its blocking keys
(:func:`dossier.resolve.blocking.blocking_keys`), the entities sharing a key
(stored ones, and the report's other new ones) are its candidates, and
each candidate pair is compared (:func:`dossier.resolve.matching.compare`): ``same`` and ``unsure``
decisions are kept in ``judgements`` (a pair an analyst has judged is never
re-judged). Keys shared by more than ``MAX_BLOCK`` entities are skipped, so
the cost of adding a report does not grow with the base.

:func:`canonical_ids` reads the groups of entities that are one actor
(:mod:`dossier.resolve.judgements`); the export and the queries map every
reference through it.

Limits: an entity is compared when it first enters the base; a later analyst
correction changes the groups at once, but dossier does not go back to
compare old entities with each other when its matching rules change (run
``dossier resolve`` for that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, bindparam, delete, func, insert, select

from dossier.resolve.blocking import blocking_keys
from dossier.resolve.judgements import ANALYST, DOSSIER, Decision, canonical_map, pair
from dossier.resolve.matching import Candidate, compare
from dossier.store import schema
from dossier.store.batches import batches

MAX_BLOCK = 500
MAX_CANDIDATES = 50
KEPT = frozenset({"same", "unsure"})

# The queries run for every stored report, built once: each takes its ids or keys as
# the expanding parameter ``ids`` (a non-empty list, see dossier.store.batches), so
# SQLAlchemy neither rebuilds nor re-hashes a statement per call.
_IDS = bindparam("ids", expanding=True)
_ENTITY_ROWS = select(
    schema.entities.c.id, schema.entities.c.type, schema.entities.c.name, schema.entities.c.country
).where(schema.entities.c.id.in_(_IDS))
_ALIAS_ROWS = select(schema.aliases.c.entity_id, schema.aliases.c.alias).where(
    schema.aliases.c.entity_id.in_(_IDS)
)
_KEY_SIZES = (
    select(schema.blocking_keys.c.key, func.count())
    .where(schema.blocking_keys.c.key.in_(_IDS))
    .group_by(schema.blocking_keys.c.key)
)
_KEY_HOLDERS = select(schema.blocking_keys.c.key, schema.blocking_keys.c.entity_id).where(
    schema.blocking_keys.c.key.in_(_IDS)
)
_KEYS_OF = select(schema.blocking_keys.c.key, schema.blocking_keys.c.entity_id).where(
    schema.blocking_keys.c.entity_id.in_(_IDS)
)
_JUDGED_LEFT = select(schema.judgements.c.left, schema.judgements.c.right).where(
    schema.judgements.c.left.in_(_IDS)
)
_JUDGED_RIGHT = select(schema.judgements.c.left, schema.judgements.c.right).where(
    schema.judgements.c.right.in_(_IDS)
)


def candidates_of(connection: Connection, ids: Iterable[str]) -> dict[str, Candidate]:
    """The stored entities with these ids, as matching candidates (with aliases)."""
    ids = list(dict.fromkeys(ids))
    found: dict[str, Candidate] = {}
    for chunk in batches(ids):
        rows = connection.execute(_ENTITY_ROWS, {"ids": chunk}).all()
        aliases: dict[str, list[str]] = {}
        for entity_id, alias in connection.execute(_ALIAS_ROWS, {"ids": chunk}):
            aliases.setdefault(entity_id, []).append(alias)
        for entity_id, kind, name, country in rows:
            found[entity_id] = Candidate(
                entity_id, kind, name, tuple(sorted(aliases.get(entity_id, ()))), country
            )
    return found


def resolve_entities(connection: Connection, ids: Iterable[str]) -> int:
    """Index these (newly stored) entities and judge them against their candidates.

    Returns how many ``same`` or ``unsure`` judgements were added.
    """
    new = candidates_of(connection, ids)
    if not new:
        return 0
    keys = {entity_id: blocking_keys(candidate) for entity_id, candidate in new.items()}
    _store_keys(connection, keys)
    wanted = sorted({key for entity_keys in keys.values() for key in entity_keys})
    sizes: Counter[str] = Counter()
    for chunk in batches(wanted):
        for key, size in connection.execute(_KEY_SIZES, {"ids": chunk}):
            sizes[key] = size
    usable = [key for key in wanted if sizes[key] and sizes[key] <= MAX_BLOCK]
    holders: dict[str, list[str]] = {}
    for chunk in batches(usable):
        for key, entity_id in connection.execute(_KEY_HOLDERS, {"ids": chunk}):
            holders.setdefault(key, []).append(entity_id)
    pairs: dict[str, Counter[str]] = {}
    for entity_id, entity_keys in keys.items():
        shared: Counter[str] = Counter()
        for key in entity_keys:
            for other in holders.get(key, ()):
                if other != entity_id:
                    shared[other] += 1
        pairs[entity_id] = shared
    chosen = {a: [b for b, _ in shared.most_common(MAX_CANDIDATES)] for a, shared in pairs.items()}
    others = candidates_of(connection, {b for best in chosen.values() for b in best})
    judged = _judged(connection, [(a, b) for a, best in chosen.items() for b in best])
    rows, now = [], _now()
    for entity_id, best in chosen.items():
        for other_id in best:
            other = others.get(other_id) or new.get(other_id)
            key = pair(entity_id, other_id)
            if other is None or key in judged:
                continue
            match = compare(new[entity_id], other)
            judged.add(key)
            if match.judgement.value in KEPT:
                rows.append(
                    {
                        "left": key[0],
                        "right": key[1],
                        "judgement": match.judgement.value,
                        "origin": DOSSIER,
                        "score": match.score,
                        "reason": match.reason,
                        "created": now,
                    }
                )
    if rows:
        connection.execute(insert(schema.judgements), rows)
    return len(rows)


def _store_keys(connection: Connection, keys: dict[str, set[str]]) -> None:
    """Add the entities' blocking keys (those not stored already)."""
    known = set()
    for chunk in batches(list(keys)):
        known.update((k, e) for k, e in connection.execute(_KEYS_OF, {"ids": chunk}))
    rows = [
        {"key": key, "entity_id": entity_id}
        for entity_id, entity_keys in keys.items()
        for key in sorted(entity_keys)
        if (key, entity_id) not in known
    ]
    if rows:
        connection.execute(insert(schema.blocking_keys), rows)


def _judged(connection: Connection, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The pairs among these that already have a judgement.

    Every pair has a newly stored entity on its first side, so the judgements
    naming one of those are read (by the indexed ``left`` and ``right``
    columns) and the pairs picked from them in Python: one cached statement
    per chunk instead of a condition with a term per pair.
    """
    wanted = {pair(a, b) for a, b in pairs}
    found = set()
    for chunk in batches(sorted({a for a, _ in pairs})):
        for statement in (_JUDGED_LEFT, _JUDGED_RIGHT):
            rows = connection.execute(statement, {"ids": chunk})
            found.update(key for key in map(tuple, rows) if key in wanted)
    return found


def judge(
    connection: Connection, first: str, second: str, judgement: str, reason: str | None = None
) -> None:
    """Record an analyst's judgement on a pair (replacing any earlier one on it)."""
    left, right = pair(first, second)
    table = schema.judgements
    connection.execute(delete(table).where((table.c.left == left) & (table.c.right == right)))
    connection.execute(
        insert(table),
        [
            {
                "left": left,
                "right": right,
                "judgement": judgement,
                "origin": ANALYST,
                "score": None,
                "reason": reason,
                "created": _now(),
            }
        ],
    )


def decisions(connection: Connection) -> list[Decision]:
    """Every kept judgement."""
    table = schema.judgements
    return [
        Decision(left, right, judgement, origin, reason)
        for left, right, judgement, origin, reason in connection.execute(
            select(table.c.left, table.c.right, table.c.judgement, table.c.origin, table.c.reason)
        )
    ]


def canonical_ids(connection: Connection) -> dict[str, str]:
    """{entity id: canonical id} for the entities that are one actor with another."""
    return canonical_map(decisions(connection))


def judgement_records(connection: Connection) -> dict[str, list[dict]]:
    """Each entity's judgements as the export writes them, by entity id."""
    found: dict[str, list[dict]] = {}
    for decision in decisions(connection):
        for this, other in ((decision.left, decision.right), (decision.right, decision.left)):
            found.setdefault(this, []).append(
                {
                    "other": other,
                    "judgement": decision.judgement,
                    "origin": decision.origin,
                    "reason": decision.reason,
                }
            )
    return found


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = [
    "MAX_BLOCK",
    "candidates_of",
    "canonical_ids",
    "decisions",
    "judge",
    "judgement_records",
    "resolve_entities",
]

"""Known actors in the store: entities from a user's actor list (``dossier actors load``).

Each entry becomes the entity of its type and name (the same entity as a
report's when type and name agree), with its aliases and country; the entry
is kept in ``known_actors``. The entities are then indexed and judged like a
report's (:func:`dossier.store.resolution.resolve_entities`): a report's
"Mutaqqi" becomes one actor with a listed "Amir Khan Muttaqi" whose aliases
hold that spelling, whether the report came before the list or after.
Loading the same list again changes nothing.

Limits: affiliations are kept with the entry and shown in profiles, not made
into relations (a relation in the exchange format needs a statement that
reports it, and a list is not a report).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import insert, select, update

from dossier.model.entity import entity_id
from dossier.resolve.actors import KnownActor
from dossier.store import schema
from dossier.store.database import Database
from dossier.store.resolution import resolve_entities


def store_actors(database: Database, actors: Iterable[KnownActor], origin: str) -> dict[str, int]:
    """Store the actors of a list; return counts (new entities, aliases, judgements)."""
    counts = {"actors": 0, "new": 0, "aliases": 0, "judgements": 0}
    with database.transaction() as connection:
        stored = set()
        new_ids = []
        for actor in actors:
            key = entity_id(actor.type, actor.name)
            counts["actors"] += 1
            row = (
                connection.execute(select(schema.entities).where(schema.entities.c.id == key))
                .mappings()
                .first()
            )
            if row is None:
                connection.execute(
                    insert(schema.entities),
                    [
                        {
                            "id": key,
                            "type": actor.type.value,
                            "name": actor.name,
                            "country": actor.country,
                            "latitude": None,
                            "longitude": None,
                        }
                    ],
                )
                counts["new"] += 1
            elif actor.country and not row["country"]:
                connection.execute(
                    update(schema.entities)
                    .where(schema.entities.c.id == key)
                    .values(country=actor.country)
                )
            have = set(
                connection.execute(
                    select(schema.aliases.c.alias).where(schema.aliases.c.entity_id == key)
                ).scalars()
            )
            forms = [f for f in dict.fromkeys([actor.name, *actor.aliases]) if f not in have]
            if forms:
                connection.execute(
                    insert(schema.aliases), [{"entity_id": key, "alias": f} for f in forms]
                )
                counts["aliases"] += len(forms)
            data = json.dumps(actor.to_dict(), ensure_ascii=False, sort_keys=True)
            known = connection.execute(
                select(schema.known_actors.c.data).where(schema.known_actors.c.entity_id == key)
            ).scalar()
            if known is None and key not in stored:
                connection.execute(
                    insert(schema.known_actors),
                    [{"entity_id": key, "origin": origin, "data": data}],
                )
            elif known is not None and known != data:
                connection.execute(
                    update(schema.known_actors)
                    .where(schema.known_actors.c.entity_id == key)
                    .values(data=data, origin=origin)
                )
            stored.add(key)
            if forms:
                new_ids.append(key)
        # entities already indexed get their new aliases' keys; pairs judged stay judged
        connection.execute(
            schema.blocking_keys.delete().where(schema.blocking_keys.c.entity_id.in_(new_ids))
        )
        counts["judgements"] = resolve_entities(connection, new_ids)
    return counts


def known_actor(database: Database, entity: str) -> dict | None:
    """The list entry an entity was loaded from, or None."""
    with database.engine.connect() as connection:
        data = connection.execute(
            select(schema.known_actors.c.data).where(schema.known_actors.c.entity_id == entity)
        ).scalar()
    return json.loads(data) if data else None


__all__ = ["known_actor", "store_actors"]

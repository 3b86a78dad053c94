"""``dossier merge``, ``dossier split`` and ``dossier actors load``: analysts' corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dossier.cli.options import DbOption, fail, open_db, out
from dossier.errors import DossierError, Errors, StoreError


def _one_entity(database, name: str) -> dict:
    """The entity a name or id names; several or none is an error."""
    matches = database.find_entities(name)
    if not matches:
        raise fail(StoreError(Errors.E105, name=name))
    if len(matches) > 1:
        ids = ", ".join(f"{m['id']} {m['type']}" for m in sorted(matches, key=lambda m: m["id"]))
        raise fail(StoreError(Errors.E106, name=name, count=len(matches), ids=ids))
    return matches[0]


def _judge(first: str, second: str, judgement: str, reason: str | None, db: str | None) -> None:
    from dossier.store.resolution import canonical_ids, judge

    database = open_db(db, create=False)
    a, b = _one_entity(database, first), _one_entity(database, second)
    if a["id"] == b["id"]:
        raise fail(StoreError(Errors.E107, first=first, second=second))
    with database.transaction() as connection:
        judge(connection, a["id"], b["id"], judgement, reason)
        canonical = canonical_ids(connection)
    together = canonical.get(a["id"], a["id"]) == canonical.get(b["id"], b["id"])
    out.print(
        f"{escape(a['name'])} ({a['id']}) and {escape(b['name'])} ({b['id']}): {judgement}; "
        + ("now one actor" if together else "now apart")
    )


def merge(
    first: Annotated[str, typer.Argument(help="A name, alias or entity id.")],
    second: Annotated[str, typer.Argument(help="Another name, alias or entity id.")],
    reason: Annotated[str | None, typer.Option(help="Why (kept with the judgement).")] = None,
    db: DbOption = None,
) -> None:
    """Judge two entities one actor (kept, exported, and never undone by dossier)."""
    _judge(first, second, "same", reason, db)


def split(
    first: Annotated[str, typer.Argument(help="A name, alias or entity id.")],
    second: Annotated[str, typer.Argument(help="Another name, alias or entity id.")],
    reason: Annotated[str | None, typer.Option(help="Why (kept with the judgement).")] = None,
    db: DbOption = None,
) -> None:
    """Judge two entities different actors (kept, exported, and never undone by dossier)."""
    _judge(first, second, "different", reason, db)


def load_actors(
    file: Annotated[Path, typer.Argument(help="A list of known actors: .csv, .yaml or .yml.")],
    db: DbOption = None,
) -> None:
    """Load a list of known actors (name, type, aliases, country, affiliations)."""
    from dossier.resolve.actors import read_actors
    from dossier.store.actors import store_actors

    try:
        actors = read_actors(file)
    except DossierError as error:
        raise fail(error) from None
    database = open_db(db)
    counts = store_actors(database, actors, file.name)
    out.print(
        f"{counts['actors']} actors read from {escape(str(file))}: {counts['new']} new entities, "
        f"{counts['aliases']} new aliases, {counts['judgements']} new judgements"
    )


__all__ = ["load_actors", "merge", "split"]

"""``dossier claims`` and ``dossier sources``: the weighed claims and the sources' grades."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from dossier.cli.options import DbOption, fail, open_db, out

STATUSES = ("contested", "denied", "single_source", "unverified", "corroborated")
SIDE_TITLES = {"supporting": "says so", "denying": "denies", "silent": "silent"}

sources_app = typer.Typer(
    help="The reliability grades (A-F) of outlets and speakers.",
    no_args_is_help=True,
)


def claims(
    db: DbOption = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            help="Only this status: contested, denied, single_source, unverified, corroborated.",
        ),
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only claims in which this actor (name or id) takes part.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only events or only relations: event, relation.")
    ] = None,
    type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="Only this event or relation type (CONSULT, AID...)."),
    ] = None,
    min_sources: Annotated[
        int, typer.Option(help="Only claims asserted by this many independent sources.")
    ] = 0,
    quotes: Annotated[
        bool, typer.Option(help="Show each statement's words (--no-quotes: sources only).")
    ] = True,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
) -> None:
    """What the reports add up to: each event and relation weighed, contested first."""
    from dossier.errors import Errors, StoreError
    from dossier.store.claims import list_claims

    if status is not None and status not in STATUSES:
        raise fail(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    if kind is not None and kind not in ("event", "relation"):
        raise fail(f"--kind must be event or relation, not {kind!r}")
    database = open_db(db, create=False)
    actor_id = None
    if actor:
        matches = database.find_entities(actor)
        if not matches:
            raise fail(StoreError(Errors.E105, name=actor))
        actor_id = sorted(m["id"] for m in matches)[0]
    found = list_claims(
        database,
        status=status,
        actor=actor_id,
        kind=kind,
        type=type,
        min_sources=min_sources,
        limit=limit,
    )
    if as_json:
        for claim in found:
            print(json.dumps(claim.to_dict(), ensure_ascii=False))
        return
    if not found:
        out.print("no claims")
        return
    for claim in found:
        a = claim.assessment
        out.print(
            f"[bold]{a.status.replace('_', ' ').upper()}[/bold]  {escape(claim.description)}  "
            f"[dim]({claim.type}, {a.about}; credibility {a.credibility}, "
            f"{a.independent_sources} independent source"
            f"{'' if a.independent_sources == 1 else 's'})[/dim]"
        )
        for side in ("supporting", "denying", "silent"):
            statements = claim.side(side)
            if not statements:
                continue
            out.print(f"  {SIDE_TITLES[side]}:")
            for statement in statements:
                where = statement.path or statement.document or ""
                outlet = f"{statement.outlet}, " if statement.outlet else ""
                out.print(f"    {escape(statement.source)} [dim]({escape(outlet + where)})[/dim]")
                if quotes:
                    out.print(f"      “{escape(' '.join(statement.text.split()))}”")
        out.print(f"  [dim]{escape(a.rationale)}[/dim]")


@sources_app.command("grade")
def grade(
    source: Annotated[str, typer.Argument(help="An outlet's name, a speaker's name or id.")],
    reliability: Annotated[
        str, typer.Argument(help="A (completely reliable) to F (cannot be judged).")
    ],
    note: Annotated[str | None, typer.Option(help="Why (kept with the grade).")] = None,
    db: DbOption = None,
) -> None:
    """Give a source a reliability grade (A-F); every source is F until graded."""
    from dossier.assess.credibility import RELIABILITY, check_reliability
    from dossier.store.grades import set_grade

    try:
        value = check_reliability(reliability)
    except ValueError as error:
        raise fail(str(error)) from None
    database = open_db(db, create=False)
    key = set_grade(database, source, value, note)
    out.print(f"{escape(source)} ({key}): {value}, {RELIABILITY[value]}")


@sources_app.command("list")
def list_grades(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
) -> None:
    """The graded sources and their grades."""
    from dossier.assess.credibility import RELIABILITY
    from dossier.store.grades import grades

    database = open_db(db, create=False)
    for row in grades(database):
        if as_json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            note = f" — {row['note']}" if row["note"] else ""
            meaning = RELIABILITY[row["grade"]]
            out.print(f"{escape(row['label'])}: {row['grade']} ({meaning}){escape(note)}")


__all__ = ["claims", "sources_app"]

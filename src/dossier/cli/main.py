"""The ``dossier`` command: a thin layer over plain functions.

Exit codes: 0 done; 1 done, but some input could not be read; 2 nothing
done (bad arguments, a database that cannot be used, ``--strict`` stopped).
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from dossier import __version__
from dossier.cli.claims import claims, sources_app
from dossier.cli.evaluate import eval_app
from dossier.cli.options import DbOption, ModelOption, err, fail, open_db, out
from dossier.cli.resolution import load_actors, merge, split
from dossier.errors import DossierError, InputError
from dossier.ingest import Metadata
from dossier.ingest.dates import parse_iso_date
from dossier.model.statement import Stance

app = typer.Typer(
    name="dossier",
    help="Build a source-attributed knowledge base of actors and places from news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")


def version_callback(value: bool) -> None:
    if value:
        out.print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Build a source-attributed knowledge base of actors and places from news reports."""


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (text, HTML, JSON lines), folders (read recursively) or - for standard "
            "input."
        ),
    ],
    db: DbOption = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet of reports that do not name one.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of reports that have none.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) of reports that have none.")
    ] = None,
    model: ModelOption = None,
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes",
            "-j",
            min=1,
            help="Processes for parsing \\[default: all cores for large inputs, else 1].",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Stop at the first report that cannot be read.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Read reports, find their actors and places, and store them in the knowledge base."""
    from dossier.workflow import Progress as Callbacks
    from dossier.workflow import ingest as run_ingest

    try:
        metadata = Metadata(
            title=title,
            outlet=outlet,
            published=parse_iso_date(published, "--published") if published else None,
        )
    except InputError as error:
        raise fail(error) from None
    database = open_db(db)
    show_bar = not quiet and err.is_terminal
    bar = (
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}"),
            console=err,
            transient=True,
        )
        if show_bar
        else None
    )
    with bar or nullcontext():
        task = bar.add_task("ingesting", total=None, last="") if bar else None

        def advance(origin: str, outcome: str) -> None:
            if bar is not None:
                bar.update(task, advance=1, last=Path(origin).name)

        def problem(message: str) -> None:
            err.print(f"[yellow]problem:[/yellow] {escape(message)}", highlight=False)

        try:
            summary = run_ingest(
                paths,
                database,
                metadata=metadata,
                model=model,
                processes=processes,
                strict=strict,
                progress=Callbacks(advance=advance, problem=problem),
            )
        except DossierError as error:
            raise fail(error) from None
    for note in summary.notes:
        err.print(f"note: {note}", markup=False, highlight=False)
    if not quiet:
        report_ingest(database, summary)
    if summary.problems:
        raise typer.Exit(1)


def report_ingest(database, summary) -> None:
    """What a run stored, and for small runs what it found."""
    from dossier.store.queries import list_actors

    entities = sum(s.entities for s in summary.added)
    mentions = sum(s.mentions for s in summary.added)
    statements = sum(s.statements for s in summary.added)
    events = sum(s.events for s in summary.added)
    relations = sum(s.relations for s in summary.added)
    out.print(
        f"{len(summary.added)} report(s) stored ({entities} entities, {mentions} mentions, "
        f"{statements} statements, {events} events, {relations} relations); "
        f"{len(summary.unchanged)} already stored, unchanged; "
        f"{len(summary.problems)} could not be read."
    )
    if summary.added and len(summary.added) <= 10:
        for stored in summary.added:
            rows = list_actors(database, document=stored.document_id)
            print_actors(rows, title=f"Found in {stored.document_id}")


def print_actors(rows, title: str | None = None) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("type", "name", "aliases", "country", "mentions", "reports"):
        table.add_column(column, justify="right" if column in {"mentions", "reports"} else "left")
    for row in rows:
        table.add_row(
            row.type,
            row.name,
            ", ".join(row.aliases),
            row.country or "",
            str(row.mentions),
            str(row.reports),
        )
    out.print(table)


actors_app = typer.Typer(
    help="List the actors and places of the knowledge base; load a list of known actors.",
)
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors(
    ctx: typer.Context,
    db: DbOption = None,
    type: Annotated[
        str | None,
        typer.Option(
            "--type", "-t", help="Only this type: person, organization, country, place, group."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Only names or aliases containing this.")] = None,
    document: Annotated[
        str | None, typer.Option(help="Only entities of this document (id or file name).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only this ISO country code.")] = None,
    min_mentions: Annotated[int, typer.Option(help="Only entities mentioned this often.")] = 0,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List the actors and places of the knowledge base, most mentioned first.

    ``dossier actors load FILE`` reads a list of known actors instead.
    """
    import json

    from dossier.store.queries import list_actors

    if ctx.invoked_subcommand is not None:
        return
    database = open_db(db, create=False)
    rows = list_actors(
        database,
        type=type,
        name=name,
        document=document,
        country=country,
        min_mentions=min_mentions,
        limit=limit,
    )
    if as_json:
        for row in rows:
            print(
                json.dumps(
                    {
                        "id": row.id,
                        "type": row.type,
                        "name": row.name,
                        "aliases": row.aliases,
                        "country": row.country,
                        "mentions": row.mentions,
                        "reports": row.reports,
                    },
                    ensure_ascii=False,
                )
            )
        return
    print_actors(rows)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name, alias or entity id.")],
    db: DbOption = None,
    context: Annotated[int, typer.Option(help="Characters of context around a mention.")] = 60,
) -> None:
    """One actor's profile: aliases, country, mentions in context, statements, relations, events."""
    from dossier.errors import Errors, StoreError
    from dossier.store.queries import actor_group_profile

    database = open_db(db, create=False)
    matches = database.find_entities(name)
    if not matches:
        raise fail(StoreError(Errors.E105, name=name))
    shown: set[str] = set()
    for match in sorted(matches, key=lambda m: m["id"]):
        profile = actor_group_profile(database, match["id"], context)
        if profile is None or profile.id in shown:
            continue  # two names of one actor: shown once
        shown.add(profile.id)
        out.print(f"[bold]{escape(profile.name)}[/bold] ({profile.type}, {profile.id})")
        if profile.members:
            out.print(f"  judged the same actor: {', '.join(profile.members)}")
        if profile.listed:
            affiliations = ", ".join(profile.listed.get("affiliations") or [])
            out.print(
                "  in the actor list"
                + (f"; affiliations: {escape(affiliations)}" if affiliations else "")
            )
        if profile.country:
            out.print(f"  country: {profile.country}")
        if profile.latitude is not None:
            out.print(f"  coordinates: {profile.latitude:.4f}, {profile.longitude:.4f}")
        out.print(f"  aliases: {escape(', '.join(profile.aliases))}")
        out.print(f"  mentions: {len(profile.mentions)}")
        current = None
        for mention in profile.mentions:
            if mention.document_id != current:
                current = mention.document_id
                out.print(
                    f"  [bold]{escape(mention.document_path or mention.document_id)}[/bold]"
                    + (f" — {escape(mention.document_title)}" if mention.document_title else "")
                )
            mark = " (repeated)" if mention.repeated else ""
            out.print(
                f"    \\[{mention.start}:{mention.end}] …{escape(mention.before)} "
                f"[reverse]{escape(mention.text)}[/reverse] {escape(mention.after)}…{mark}",
                highlight=False,
            )
        print_actor_statements(profile)
        print_actor_relations(profile)
        print_actor_events(profile)


def print_actor_relations(profile) -> None:
    """``show``'s section of the actor's relations: type, other party, role."""
    out.print(f"  relations: {len(profile.relations)}")
    for item in profile.relations:
        relation = item.relation
        role = f" ({escape(relation.role)})" if relation.role else ""
        where = f"{len(relation.statements)} statement(s)"
        if item.as_subject:
            line = f"{relation.type} → {escape(item.other.name)}{role}"
        else:
            line = f"{escape(item.other.name)} is {relation.type} it{role}"
        out.print(f"    {line} — {where}", highlight=False)


def print_actor_events(profile) -> None:
    """``show``'s section of the actor's events, in date order: date, type, summary."""
    out.print(f"  events: {len(profile.events)}")
    for item in profile.events:
        event = item.event
        status = f"  \\[{item.status.replace('_', ' ')}]" if item.status else ""
        out.print(
            f"    {escape(event.when or 'undated')}  {event.type} ({', '.join(item.roles)}) "
            f"{escape(event_text(event))}{status}",
            highlight=False,
        )


def print_actor_statements(profile) -> None:
    """``show``'s sections: what the actor said, denied, declined to comment on, did not answer."""
    from dossier.store.queries import STANCE_LABELS

    total = sum(len(group) for group in profile.statements.values())
    out.print(f"  statements: {total}")
    for stance, group in profile.statements.items():
        if not group:
            continue
        out.print(f"  [bold]{STANCE_LABELS[stance]}[/bold] ({len(group)})")
        for item in group:
            statement = item.statement
            where = statement.document_path or statement.document_id
            notes = [statement.cue or "no cue"]
            if statement.hedged:
                notes.append("hedged")
            if item.as_affiliation:
                notes.append(f"unnamed source tied to it: {statement.speaker_text or 'not named'}")
            out.print(
                f"    {escape(where)} \\[{statement.start}:{statement.end}] "
                f"({escape('; '.join(notes))}) {escape(one_line(statement.text))}",
                highlight=False,
            )


STATEMENT_TEXT_WIDTH = 160  # characters of a statement's text in the `statements` table


def one_line(text: str, limit: int | None = None) -> str:
    """Whitespace folded to single spaces; cut at ``limit`` characters with "…"."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@app.command()
def statements(
    db: DbOption = None,
    speaker: Annotated[
        str | None,
        typer.Option(help="Only statements by this actor (a name, alias or entity id)."),
    ] = None,
    stance: Annotated[
        Stance | None,
        typer.Option(help="Only statements of this stance."),
    ] = None,
    anonymous: Annotated[
        bool | None,
        typer.Option(
            "--anonymous/--named",
            help="Only unnamed sources (--anonymous) or only named ones (--named).",
            show_default=False,
        ),
    ] = None,
    outlet_voice: Annotated[
        bool,
        typer.Option("--outlet-voice", help="Only the outlet's own voice (no source named)."),
    ] = False,
    report: Annotated[
        str | None,
        typer.Option(help="Only statements of this report (document id, file name or origin)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List who says what: statements with their source, stance, cue and report."""
    import json

    from dossier.errors import Errors, StoreError
    from dossier.store.queries import list_statements

    database = open_db(db, create=False)
    if speaker is not None and not database.find_entities(speaker):
        raise fail(StoreError(Errors.E105, name=speaker))
    rows = list_statements(
        database,
        speaker=speaker,
        stance=stance,
        anonymous=anonymous,
        outlet_voice=True if outlet_voice else None,
        document=report,
        limit=limit,
    )
    if as_json:
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
        return
    if not rows:
        err.print("no statements match")
        return
    table = Table()
    for column in ("source", "stance", "cue", "hedged", "report", "text"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            escape(row.source),
            row.stance.value,
            escape(row.cue or ""),
            "hedged" if row.hedged else "",
            escape(row.document_path or row.document_id),
            escape(one_line(row.text, STATEMENT_TEXT_WIDTH)),
        )
    out.print(table)


def event_text(event) -> str:
    """What an event is, for people: its summary, or its parties and type; with its marks."""
    text = one_line(event.summary or "")
    if not text:
        actors = ", ".join(party.name for party in event.actors) or "?"
        targets = ", ".join(party.name for party in event.targets)
        text = f"{actors} {event.type.lower()} {targets}".strip()
    marks = []
    if event.negated:
        marks.append("did not happen")
    if event.modality.value != "asserted":
        marks.append(event.modality.value)
    if event.count > 1:
        marks.append(f"{event.count} times")
    return f"{text} ({', '.join(marks)})" if marks else text


def _event_type(value: str | None) -> str | None:
    from dossier.model.event import EVENT_TYPES

    if value is None:
        return None
    if value.upper() not in EVENT_TYPES:
        raise typer.BadParameter(f"'{value}' is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    return value.upper()


def _date_prefix(value: str | None) -> str | None:
    from dossier.store.queries import is_date_prefix

    if value is not None and not is_date_prefix(value):
        raise typer.BadParameter(
            f"'{value}' is not an ISO date or date prefix (2022, 2022-01 or 2022-01-18)"
        )
    return value


ActorFilter = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Only events this actor takes part in, as actor or target (a name, alias or "
        "entity id).",
    ),
]
TypeFilter = Annotated[
    str | None,
    typer.Option(
        "--type",
        "-t",
        callback=_event_type,
        help="Only events of this PLOVER type (CONSULT, ASSAULT, …; any case).",
    ),
]
FromFilter = Annotated[
    str | None,
    typer.Option(
        "--from",
        callback=_date_prefix,
        help="Only events whose date reaches this ISO date or prefix (2022, 2022-01, "
        "2022-01-18) or later; undated events are left out.",
    ),
]
ToFilter = Annotated[
    str | None,
    typer.Option(
        "--to",
        callback=_date_prefix,
        help="Only events whose date begins on or before this ISO date or prefix; undated "
        "events are left out.",
    ),
]
PlaceFilter = Annotated[
    str | None,
    typer.Option("--place", help="Only events located in this place (a name, alias or entity id)."),
]
ReportFilter = Annotated[
    str | None,
    typer.Option(help="Only events of this report (document id, file name or origin)."),
]
LimitOption = Annotated[int | None, typer.Option(min=1, help="At most this many.")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")]


def find_events(
    db, actor, type, date_from, date_to, place, report, limit, *, timeline: bool
) -> list:
    """The events the filters select; an actor or place that matches no entity is E105."""
    from dossier.errors import Errors, StoreError
    from dossier.store.queries import list_events

    database = open_db(db, create=False)
    for name in (actor, place):
        if name is not None and not database.find_entities(name):
            raise fail(StoreError(Errors.E105, name=name))
    return list_events(
        database,
        actor=actor,
        type=type,
        date_from=date_from,
        date_to=date_to,
        place=place,
        document=report,
        limit=limit,
        timeline=timeline,
    )


def print_json_lines(rows) -> None:
    import json

    for row in rows:
        print(json.dumps(row.to_dict(), ensure_ascii=False))


def names(parties) -> str:
    return ", ".join(party.name for party in parties)


@app.command()
def events(
    db: DbOption = None,
    actor: ActorFilter = None,
    type: TypeFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
    place: PlaceFilter = None,
    report: ReportFilter = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List what happened: events with their type, parties, place, date and report."""
    rows = find_events(db, actor, type, date_from, date_to, place, report, limit, timeline=False)
    if as_json:
        print_json_lines(rows)
        return
    if not rows:
        err.print("no events match")
        return
    table = Table()
    for column in ("date", "type", "actors", "targets", "place", "event", "report"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            escape(row.when or row.date_text or ""),
            row.type + (f" ({row.mode})" if row.mode else ""),
            escape(names(row.actors)),
            escape(names(row.targets)),
            escape(row.location.name if row.location else ""),
            escape(event_text(row)),
            escape(row.document_path or row.document_id or ""),
        )
    out.print(table)


@app.command()
def timeline(
    db: DbOption = None,
    actor: ActorFilter = None,
    type: TypeFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
    place: PlaceFilter = None,
    report: ReportFilter = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events in date order (undated last), each with who reports it and with what stance."""
    rows = find_events(db, actor, type, date_from, date_to, place, report, limit, timeline=True)
    if as_json:
        print_json_lines(rows)
        return
    if not rows:
        err.print("no events match")
        return
    table = Table()
    for column in ("date", "type", "event", "reported by", "report"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            escape(row.when or "undated"),
            row.type,
            escape(event_text(row)),
            escape("; ".join(str(reporter) for reporter in row.reported_by) or "no statement"),
            escape(row.document_path or row.document_id or ""),
        )
    out.print(table)


app.command("claims")(claims)
app.command("merge")(merge)
app.command("split")(split)
actors_app.command("load")(load_actors)
app.add_typer(sources_app, name="sources")


@app.command("export")
def export_command(
    db: DbOption = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write, or - for standard output.")
    ] = "-",
    linked_only: Annotated[
        bool,
        typer.Option(
            "--linked-only",
            help="Leave out statements not about any event or relation, which the "
            "format's validator refuses.",
        ),
    ] = False,
) -> None:
    """Write the knowledge base in the exchange format (JSON lines)."""
    from dossier.export.jsonl import write_export

    database = open_db(db, create=False)
    if output == "-":
        write_export(database, sys.stdout, linked_only=linked_only)
        return
    target = Path(output)
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            count = write_export(database, handle, linked_only=linked_only)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise fail(f"{output}: cannot write: {error.strerror}") from None
    err.print(f"{count} records written to {output}")


@app.command("import")
def import_command(
    source: Annotated[
        str, typer.Argument(help="An export file (JSON lines), or - for standard input.")
    ],
    db: DbOption = None,
) -> None:
    """Read an export back into the knowledge base (all or nothing)."""
    from dossier.export.jsonl import import_export

    database = open_db(db)
    try:
        if source == "-":
            counts = import_export(database, sys.stdin, "<stdin>")
        else:
            try:
                handle = open(source, encoding="utf-8")  # noqa: SIM115
            except OSError as error:
                raise fail(f"{source}: cannot read: {error.strerror}") from None
            with handle:
                counts = import_export(database, handle, source)
    except UnicodeDecodeError:
        raise fail(f"{source}: the file is not UTF-8 text") from None
    except DossierError as error:
        raise fail(error) from None
    summary = ", ".join(f"{n} {kind}(s)" for kind, n in counts.items()) or "nothing new"
    err.print(f"imported {summary}")


def run() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    run()

"""``dossier eval``: scores of dossier's extraction on annotated corpora.

Exit codes: 0 done; 1 done, but the ``--json`` file could not be written; 2
nothing done (no such folder, not a corpus, no such split, a pipeline that
cannot be loaded).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, RenderableType
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from dossier.cli.options import ModelOption
from dossier.errors import DossierError
from dossier.evaluate import plover, polnear

eval_app = typer.Typer(
    help="Score dossier's extraction on annotated corpora (attribution: PolNeAR; events: PLOVER).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Split(StrEnum):
    train = "train"
    dev = "dev"
    test = "test"


def fail(error: DossierError | str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
    return typer.Exit(code)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on standard error (none when it is not a terminal); yields
    the ``progress(done, total)`` callback that the evaluation functions take."""
    if not err.is_terminal:
        yield lambda done, total: None
        return
    bar = Progress(
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def print_wide(renderable: RenderableType) -> None:
    """Print on standard output at the renderable's full width (a wide table is not
    squeezed into a narrow terminal, whose lines then wrap)."""
    width = Measurement.get(out, out.options.update(width=1000), renderable).maximum
    if width <= out.width:
        out.print(renderable)
        return
    Console(
        file=out.file,
        width=width,
        highlight=False,
        color_system=out.color_system,  # type: ignore[arg-type]
        force_terminal=out.is_terminal,
        no_color=out.no_color,
    ).print(renderable)


@eval_app.callback()
def main() -> None:
    """Score dossier's extraction on annotated corpora (attribution: PolNeAR; events: PLOVER)."""


@eval_app.command("polnear")
def polnear_command(
    directory: Annotated[
        str,
        typer.Argument(
            metavar="DIR",
            help="The PolNeAR folder: read_polnear.py and train/, dev/, test/ (each with text/ "
            "and attributions/).",
        ),
    ],
    split: Annotated[
        Split, typer.Option(help="The split to score (develop on train; test once).")
    ] = Split.test,
    model: ModelOption = None,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="Processes for parsing.")
    ] = 1,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N articles (for quick checks).")
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also print the most often missed and spurious cues.")
    ] = False,
) -> None:
    """Attribution (source, cue, content) precision, recall and F1 on PolNeAR."""
    import dossier.nlp

    name = split.value
    try:
        polnear.load_reader(directory)
        polnear.split_folder(directory, name)
        nlp = dossier.nlp.load_pipeline(model)
        predict = polnear.dossier_predictor(nlp, n_process=processes)
    except DossierError as error:
        raise fail(error) from None
    except ImportError as error:  # the attribution finder is not there (yet)
        raise fail(f"dossier's attribution finder cannot be imported: {error}") from None
    with progress_bar(f"polnear {name}") as progress:
        try:
            report = polnear.evaluate(directory, name, predict, progress, limit=limit)
        except DossierError as error:
            raise fail(error) from None
    for line in polnear.format_report(report, misses=misses):
        out.print(line, markup=False, highlight=False)


@eval_app.command("plover")
def plover_command(
    directory: Annotated[
        str,
        typer.Argument(
            metavar="DIR",
            help="The PLOVER folder: plover_gsr.json (the gold-standard records) and "
            "plover_0.5_to_2.0_map.json (the label map).",
        ),
    ],
    model: ModelOption = None,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="Processes for parsing.")
    ] = 1,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N records (for quick checks).")
    ] = None,
    notes: Annotated[
        bool,
        typer.Option(
            "--notes",
            help="Also give the type accuracy with the map's record notes applied to the gold "
            "types (the last line stays label map only).",
        ),
    ] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list the records scored wrong.")
    ] = False,
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json",
            metavar="FILE",
            dir_okay=False,
            help="Also write the figures, the confusion table and per-record results as JSON.",
        ),
    ] = None,
) -> None:
    """Event type, actor and recipient country accuracy on the PLOVER gold-standard records."""
    try:
        records = plover.load_records(directory, limit=limit)
        import dossier.nlp

        nlp = dossier.nlp.load_pipeline(model)
        predict = plover.dossier_predictor(nlp, n_process=processes)
    except DossierError as error:
        raise fail(error) from None
    except ImportError as error:  # a pipeline component is not there (yet)
        raise fail(f"dossier's pipeline cannot be imported: {error}") from None
    with progress_bar("plover") as progress:
        report = plover.evaluate_records(records, predict, progress)
    for line in plover.format_report(report, misses=misses, notes=notes):
        if isinstance(line, str):
            out.print(line, markup=False, highlight=False)
        else:
            print_wide(line)
    if json_file is not None:
        try:
            json_file.write_text(
                json.dumps(plover.report_json(report, notes=notes), indent=1) + "\n",
                encoding="utf-8",
            )
        except OSError as error:
            raise fail(f"{json_file}: cannot write the JSON file: {error.strerror}", 1) from None

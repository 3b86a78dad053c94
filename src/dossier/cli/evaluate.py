"""``dossier eval``: scores of dossier's extraction on annotated corpora.

Exit codes: 0 done; 2 nothing done (no such folder, not a corpus, no such
split, a pipeline that cannot be loaded).
"""

from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from dossier.cli.options import ModelOption
from dossier.errors import DossierError
from dossier.evaluate import polnear

eval_app = typer.Typer(
    help="Score dossier's extraction on annotated corpora (attribution: PolNeAR).",
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


@eval_app.callback()
def main() -> None:
    """Score dossier's extraction on annotated corpora (attribution: PolNeAR)."""


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
    bar = (
        Progress(
            SpinnerColumn(),
            TextColumn(f"polnear {name}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        )
        if err.is_terminal
        else None
    )
    with bar or nullcontext():
        task = bar.add_task(f"polnear {name}", total=None) if bar else None

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.update(task, completed=done, total=total)

        try:
            report = polnear.evaluate(directory, name, predict, progress, limit=limit)
        except DossierError as error:
            raise fail(error) from None
    for line in polnear.format_report(report, misses=misses):
        out.print(line, markup=False, highlight=False)

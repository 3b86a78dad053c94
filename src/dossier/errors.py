"""Errors with codes, in the manner of spaCy's ``Errors``.

Every error a user can meet has a code (``E0xx`` for input, ``E1xx`` for the
knowledge base, ``E2xx`` for the NLP pipeline, ``E3xx`` for evaluation corpora)
so that it can be searched for, documented and tested. Messages name the file
(and line) and the problem.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Message templates, formatted with ``str.format``."""

    E001 = "no such file or folder"
    E002 = "the file is empty"
    E003 = "the file looks binary (it holds NUL bytes or undecodable data), not text"
    E004 = "the text is not UTF-8 and no encoding could decode it"
    E005 = "not valid JSON: {detail}"
    E006 = "a JSON line must be an object with a non-empty string 'text'"
    E007 = "field '{field}' must be {expected}"
    E008 = "the HTML page holds no main text that could be extracted"
    E009 = "'{value}' is not a date (expected YYYY-MM-DD)"
    E010 = "cannot read the file: {detail}"
    E011 = "the report holds no text once whitespace is removed"
    E012 = "not a record of the exchange format: {detail}"
    E013 = "not an actor list: {detail}"
    E101 = "the database is locked by another process; try again when it is free"
    E102 = "not a dossier database: {detail}"
    E103 = "cannot open the database: {detail}"
    E104 = "the database was written by a newer dossier (schema {found}, this one reads {expected})"
    E105 = "no entity matches '{name}'"
    E106 = "'{name}' names {count} entities ({ids}); give one of the ids"
    E107 = "{first} and {second} are one entity already; a judgement needs two"
    E201 = "cannot load the spaCy pipeline '{name}': {detail}"
    E301 = "not a PolNeAR folder: {missing} is missing"
    E302 = "no split folder '{split}' (with text/ and attributions/); found: {found}"
    E303 = "cannot load the corpus reader {path}: {detail}"
    E304 = "not a PLOVER folder: {missing} is missing"
    E305 = "unreadable or not valid JSON: {detail}"
    E306 = "not PLOVER gold-standard records: {detail}"
    E307 = "not a PLOVER label map: {detail}"

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] {self.value.format(*args, **kwargs)}"


class DossierError(Exception):
    """Base class of every error dossier raises on purpose."""

    def __init__(self, code: Errors, *, where: str | None = None, **details: object) -> None:
        self.code = code
        self.where = where
        self.details = details
        message = code.format(**details)
        super().__init__(f"{where}: {message}" if where else message)


class InputError(DossierError):
    """A report could not be read: names the file (and line) and the problem."""


class StoreError(DossierError):
    """The knowledge base cannot be opened or written."""


class PipelineError(DossierError):
    """The NLP pipeline cannot be loaded."""

"""The report as read from its source, before any NLP."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.errors import InputError


@dataclass(slots=True, frozen=True)
class Metadata:
    """Metadata a user gives on the command line for reports that lack it."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD


@dataclass(slots=True)
class RawReport:
    """One report's text and metadata.

    ``text`` is the decoded text with line ends unified to ``\\n`` (as Python's
    universal newlines read it), otherwise untouched: every character offset
    dossier stores points into this string.
    """

    text: str
    origin: str  # where it came from, for messages: a path, "<stdin>", "file.jsonl:12"
    path: str | None = None  # the file name only (no folder), when read from a file
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date prefix
    language: str | None = "en"
    notes: list[str] = field(default_factory=list)  # warnings, e.g. a fallback decoding


@dataclass(slots=True)
class Problem:
    """Input that could not be read; the stream goes on after it."""

    error: InputError

    @property
    def message(self) -> str:
        return str(self.error)

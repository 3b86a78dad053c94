"""The main job: reports in, parsed, resolved and stored in the knowledge base.

Reports stream through: read one at a time, parsed in batches by
``nlp.pipe`` (on forked workers, every core for large inputs, which send back
only the extracted records: :mod:`dossier.nlp.parallel`), and stored one
transaction a report as they come back. Nothing holds the whole corpus in
memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from spacy.tokens import Doc

from dossier.errors import InputError
from dossier.ingest import Metadata, Problem, RawReport, iter_reports
from dossier.ingest.text import content_hash
from dossier.model.entity import ReportEntity
from dossier.model.event import ReportEvent, ReportRelation
from dossier.model.ids import content_id
from dossier.model.statement import ReportStatement
from dossier.nlp.parallel import pipe_read
from dossier.store.database import Database, StoredReport

# Below this many reports one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
BATCH_SIZE = 32
NO_METADATA = Metadata()


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    added: list[StoredReport] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # origins already stored
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class Progress:
    """Callbacks a front end may give to follow a run."""

    advance: Callable[[str, str], None] = lambda origin, outcome: None  # outcome: added/…
    problem: Callable[[str], None] = lambda message: None


def document_row(report: RawReport, sha256: str) -> dict:
    """The stored form of a report's metadata and text."""
    return {
        "id": content_id("d", sha256),
        "sha256": sha256,
        "title": report.title,
        "url": report.url,
        "outlet": report.outlet,
        "published": report.published,
        "language": report.language,
        "path": report.path,
        "origin": report.origin,
        "text": report.text,
    }


def processes_for(reports: Sequence[RawReport], requested: int | None) -> int:
    """How many processes to parse with: as asked, else all cores for large inputs."""
    if requested:
        return max(1, requested)
    if len(reports) < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def ingest(
    paths: Sequence[str],
    database: Database,
    *,
    metadata: Metadata = NO_METADATA,
    model: str | None = None,
    processes: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    nlp=None,
) -> IngestSummary:
    """Ingest every report under ``paths`` into ``database``.

    A report whose text is already stored is skipped before parsing.
    Unreadable input is reported and skipped; with ``strict`` the run stops
    at the first problem (reports stored before it stay stored).
    """
    progress = progress or Progress()
    summary = IngestSummary()
    stopped: list[InputError] = []

    def fresh_reports() -> Iterator[tuple[str, RawReport]]:
        seen: set[str] = set()
        for item in iter_reports(paths, metadata):
            if isinstance(item, Problem):
                summary.problems.append(item.message)
                progress.problem(item.message)
                if strict:
                    stopped.append(item.error)  # parse and store what came before, then stop
                    return
                continue
            summary.notes.extend(f"{item.origin}: {note}" for note in item.notes)
            sha = content_hash(item.text)
            if sha in seen or database.has_document(sha):
                summary.unchanged.append(item.origin)
                progress.advance(item.origin, "unchanged")
                continue
            seen.add(sha)
            yield sha, item

    stream = fresh_reports()
    head = list(islice(stream, PARALLEL_THRESHOLD))
    n_process = processes_for(head, processes)
    if not head:
        if stopped:
            raise stopped[0]
        return summary
    if nlp is None:
        from dossier.nlp import load_pipeline

        nlp = load_pipeline(model)
    for sha, report, entities, repeats, statements, events, relations in parse(
        nlp, chain(head, stream), n_process
    ):
        stored = database.store_report(
            document_row(report, sha), entities, repeats, statements, events, relations
        )
        if stored.added:
            summary.added.append(stored)
            progress.advance(report.origin, "added")
        else:
            summary.unchanged.append(report.origin)
            progress.advance(report.origin, "unchanged")
    if stopped:
        raise stopped[0]
    return summary


def parse(
    nlp, reports: Iterable[tuple[str, RawReport]], n_process: int = 1, batch_size: int = BATCH_SIZE
):
    """(sha, report, entities, repeats, statements, events, relations) for each report.

    Reports are parsed in batches (:func:`dossier.nlp.parallel.pipe_read`).
    Only the text and the report's publication date (which places relative
    dates) travel to the worker processes, and only what :func:`read_doc`
    takes from the parse comes back; the reports wait in the main process.
    """
    published = Doc.has_extension("dossier_published")

    def items() -> Iterator[tuple[str, dict, tuple[str, RawReport]]]:
        for sha, report in reports:
            extensions = {"dossier_published": report.published} if published else {}
            yield report.text, extensions, (sha, report)

    for (sha, report), (entities, repeats, statements, events, relations) in pipe_read(
        nlp, items(), read_doc, processes=n_process, batch_size=batch_size
    ):
        yield (
            sha,
            report,
            [ReportEntity.from_dict(e) for e in entities],
            [tuple(r) for r in repeats],
            [ReportStatement.from_dict(s) for s in statements],
            [ReportEvent.from_dict(e) for e in events],
            [ReportRelation.from_dict(r) for r in relations],
        )


def read_doc(doc: Doc) -> tuple[list, list, list, list, list]:
    """What the store needs of a parsed report, as plain data.

    Entities, repeats, statements, events and relations come from
    ``doc._.dossier_entities``, ``dossier_repeats``, ``dossier_statements``,
    ``dossier_events`` and ``dossier_relations`` when the pipeline sets them
    (empty otherwise); the entities and statements they name are still
    indexes into the entities and statements (the store turns them into ids).
    """
    return tuple(  # type: ignore[return-value]
        list(getattr(doc._, name, None) or [])
        for name in (
            "dossier_entities",
            "dossier_repeats",
            "dossier_statements",
            "dossier_events",
            "dossier_relations",
        )
    )


__all__ = ["IngestSummary", "InputError", "Progress", "ingest", "parse", "read_doc"]

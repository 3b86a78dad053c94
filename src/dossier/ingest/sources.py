"""Reading reports from files, folders and standard input, as a stream.

:func:`iter_reports` is the ingest stage's entry point. It yields one
:class:`~dossier.ingest.report.RawReport` per report and one
:class:`~dossier.ingest.report.Problem` per input that cannot be read, in a
deterministic order, and never raises for bad input: one unreadable file does
not stop the others. Nothing is held in memory beyond the report being read
(one file, or one JSON line).
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, TextIO

from dossier.errors import Errors, InputError
from dossier.ingest.dates import parse_iso_date
from dossier.ingest.html import looks_like_html, read_html
from dossier.ingest.jsonl import iter_jsonl, looks_like_json_line
from dossier.ingest.report import Metadata, Problem, RawReport
from dossier.ingest.text import decode_bytes

__all__ = ["READ_SUFFIXES", "STDIN_ORIGIN", "STDIN_PATH", "iter_reports", "source_credit"]

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
"""The extensions read when a folder is walked (compared case-insensitively)."""

_NO_METADATA = Metadata()
_SNIFF_SIZE = 8192
_SOURCE_CREDIT = re.compile(r"source\s*:\s*(?P<name>.*)", re.IGNORECASE)
_MAX_CREDIT_CHARS = 60
_MAX_CREDIT_WORDS = 8
_SNIFFED_HTML_NOTE = "read as HTML: the text is the page's extracted main text"

Item = RawReport | Problem


def iter_reports(
    paths: Sequence[str],
    metadata: Metadata = _NO_METADATA,
    *,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[RawReport | Problem]:
    """Yield the reports found at ``paths``, in order, as they are read.

    Each path is one of:

    * ``"-"``: standard input (``stdin`` if given, else ``sys.stdin.buffer``).
      If its first non-blank line is a one-line JSON object it is read as JSON
      lines (streamed); otherwise it is one document, HTML if it looks like
      HTML, else text.
    * a folder: walked recursively, entries sorted by name. Hidden entries
      (names starting with ``"."``) are skipped, as are files whose extension is
      not in :data:`READ_SUFFIXES` and broken symbolic links. A folder reached
      twice through symbolic links is read once.
    * a file: ``.jsonl`` / ``.ndjson`` is read as JSON lines, ``.html`` /
      ``.htm`` / ``.xhtml`` as HTML, anything else (whatever its extension,
      since the user named it) as text, or as HTML when it looks like HTML.

    A missing path gives a Problem E001, an unreadable one E010; decoding and
    format errors give the codes of :mod:`dossier.ingest.text`,
    :mod:`~dossier.ingest.html` and :mod:`~dossier.ingest.jsonl`.

    ``RawReport.origin`` is the path as given (joined with the names below it
    for folders; ``"<stdin>"``; ``"file.jsonl:LINE"``), ``RawReport.path`` the
    file name alone (``None`` for standard input and for JSON lines without a
    ``path`` field).

    Metadata precedence, per field: what the report itself states (HTML
    metadata, JSON fields) wins; then, for the outlet only, a short final
    ``"Source: NAME"`` credit line (see :func:`source_credit`); then the
    ``metadata`` the user gave, which thus fills gaps and never overrides. The
    user's values apply to every report that lacks them. An invalid
    ``metadata.published`` gives a single Problem E009 and nothing is read.
    """
    try:
        defaults = _checked_metadata(metadata)
    except InputError as error:
        yield Problem(error)
        return
    if isinstance(paths, str):  # one path given bare, not in a list
        paths = [paths]
    for given in paths:
        for item in _iter_source(given, stdin):
            yield _complete(item, defaults) if isinstance(item, RawReport) else item


def source_credit(text: str) -> str | None:
    """The outlet named by a short final credit line, ``"Source: NAME"``.

    Only the last non-blank line counts. It must be ``Source:`` (any case,
    optionally wrapped in ``*`` or ``_`` emphasis) followed by a name of at
    most 60 characters and 8 words that is not a URL; a trailing full stop is
    dropped. Anything longer is taken for a sentence, not a credit.
    """
    end = len(text.rstrip())
    last_line = text[text.rfind("\n", 0, end) + 1 : end].strip().strip("*_").strip()
    match = _SOURCE_CREDIT.fullmatch(last_line)
    if match is None:
        return None
    name = match.group("name").strip().rstrip(".").rstrip()
    if not name or len(name) > _MAX_CREDIT_CHARS or len(name.split()) > _MAX_CREDIT_WORDS:
        return None
    return None if "://" in name else name


# Metadata


def _checked_metadata(metadata: Metadata) -> Metadata:
    """The user's metadata with blank fields dropped and the date normalised."""
    title, outlet, published = (
        (value.strip() or None) if value else None
        for value in (metadata.title, metadata.outlet, metadata.published)
    )
    if published is not None:
        published = parse_iso_date(published, where="metadata 'published'")
    return Metadata(title=title, outlet=outlet, published=published)


def _complete(report: RawReport, defaults: Metadata) -> RawReport:
    if report.outlet is None:
        report.outlet = source_credit(report.text) or defaults.outlet
    if report.title is None:
        report.title = defaults.title
    if report.published is None:
        report.published = defaults.published
    return report


# Dispatch


def _iter_source(given: str, stdin: TextIO | BinaryIO | None) -> Iterator[Item]:
    if given == STDIN_PATH:
        yield from _iter_stdin(stdin)
        return
    try:
        info = os.stat(given)
    except (FileNotFoundError, NotADirectoryError):
        yield Problem(InputError(Errors.E001, where=given or repr(given)))
        return
    except OSError as error:
        yield _unreadable(given, error)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _iter_folder(given, set())
    else:
        yield from _iter_file(given)


def _iter_folder(folder: str, seen: set[tuple[int, int]]) -> Iterator[Item]:
    """Walk ``folder`` depth-first in name order, one directory listing at a time."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_folder, is_file = entry.is_dir(), entry.is_file()
        except OSError as error:
            yield _unreadable(path, error)
            continue
        if is_folder:
            yield from _iter_folder(path, seen)
        elif is_file and _suffix(entry.name) in READ_SUFFIXES:
            yield from _iter_file(path)


def _iter_file(path: str) -> Iterator[Item]:
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from _iter_jsonl_file(path)
        return
    try:
        data = _read_bytes(path)
    except InputError as error:
        yield Problem(error)
        return
    yield _document(data, path, os.path.basename(path), html=suffix in HTML_SUFFIXES)


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


# Files


def _open(path: str) -> BinaryIO:
    """Open a file for reading bytes; refuse devices and sockets (E010)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 -- the caller closes it
    except OSError as error:
        raise _read_error(path, error) from None
    try:
        mode = os.fstat(handle.fileno()).st_mode
    except OSError as error:
        handle.close()
        raise _read_error(path, error) from None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        handle.close()
        raise InputError(Errors.E010, where=path, detail="not a regular file")
    return handle


def _read_bytes(path: str) -> bytes:
    with _open(path) as handle:
        try:
            return handle.read()
        except OSError as error:
            raise _read_error(path, error) from None


def _iter_jsonl_file(path: str) -> Iterator[Item]:
    """JSON lines, read one line at a time; E002 if empty, E003 if binary."""
    try:
        handle = _open(path)
    except InputError as error:
        yield Problem(error)
        return
    with handle:
        try:
            if b"\x00" in handle.peek(_SNIFF_SIZE)[:_SNIFF_SIZE]:  # type: ignore[attr-defined]
                yield Problem(InputError(Errors.E003, where=path))
                return
            found = False
            for item in iter_jsonl(handle, path):
                found = True
                yield item
        except OSError as error:
            yield _unreadable(path, error)
            return
    if not found:
        yield Problem(InputError(Errors.E002, where=path))


# Standard input


def _iter_stdin(stdin: TextIO | BinaryIO | None) -> Iterator[Item]:
    """Standard input: JSON lines (streamed) or one text/HTML document."""
    handle = stdin if stdin is not None else _system_stdin()
    if handle is None:
        yield Problem(InputError(Errors.E010, where=STDIN_ORIGIN, detail="no standard input"))
        return
    lines: Iterator[str | bytes] = iter(handle)
    head: list[str | bytes] = []
    try:
        for line in lines:
            head.append(line)
            if line.strip():
                break
        if head and looks_like_json_line(head[-1]):
            yield from iter_jsonl(itertools.chain(head, lines), STDIN_ORIGIN)  # type: ignore[arg-type]
            return
        data = _as_bytes(itertools.chain(head, lines))
    except OSError as error:
        yield _unreadable(STDIN_ORIGIN, error)
        return
    yield _document(data, STDIN_ORIGIN, None, html=False)


def _system_stdin() -> TextIO | BinaryIO | None:
    if sys.stdin is None:
        return None
    return getattr(sys.stdin, "buffer", sys.stdin)


def _as_bytes(chunks: Iterable[str | bytes]) -> bytes:
    """Join lines back into bytes; text lines are re-encoded losslessly as UTF-8."""
    return b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", "surrogateescape")
        for chunk in chunks
    )


# Documents


def _document(data: bytes, origin: str, name: str | None, *, html: bool) -> Item:
    """Decode one text or HTML document; HTML is also recognised by sniffing."""
    try:
        text, notes = decode_bytes(data, origin)
        if not html and not looks_like_html(text):
            return RawReport(text=text, origin=origin, path=name, notes=notes)
        if not html:
            notes.append(_SNIFFED_HTML_NOTE)
        page = read_html(text, origin)
    except InputError as error:
        return Problem(error)
    return RawReport(
        text=page["text"] or "",
        origin=origin,
        path=name,
        title=page["title"],
        url=page["url"],
        outlet=page["outlet"],
        published=page["published"],
        notes=notes,
    )


def _read_error(where: str, error: OSError) -> InputError:
    detail = error.strerror or str(error) or type(error).__name__
    return InputError(Errors.E010, where=where, detail=detail)


def _unreadable(where: str, error: OSError) -> Problem:
    return Problem(_read_error(where, error))

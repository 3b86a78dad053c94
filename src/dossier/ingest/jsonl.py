"""Reading JSON lines: one report per line.

Each non-blank line is a JSON object::

    {"text": "...", "title": "...", "url": "...", "outlet": "...",
     "published": "2024-03-05", "path": "report-12.txt"}

``text`` is required (a non-empty string); the other fields are optional
strings (``null``, an empty string or a missing key all mean "not given").
``published`` may be a date or an ISO date and time, and is cut to
``YYYY-MM-DD``. ``path`` is reduced to its file name. Other keys are ignored.

A line that cannot be read becomes a :class:`~dossier.ingest.report.Problem`
naming ``file.jsonl:LINE``, and reading goes on with the next line. Lines are
counted from 1, blank lines included, so the number is the one an editor shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from dossier.errors import Errors, InputError
from dossier.ingest.dates import parse_iso_date
from dossier.ingest.report import Problem, RawReport
from dossier.ingest.text import unify_newlines

__all__ = ["iter_jsonl", "looks_like_json_line"]

_OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "path")
_UTF8_BOM = b"\xef\xbb\xbf"


def iter_jsonl(
    handle: Iterable[str] | Iterable[bytes], where: str
) -> Iterator[RawReport | Problem]:
    """Yield one report (or problem) per non-blank line of ``handle``.

    ``handle`` is anything that yields lines: a file opened in binary mode
    (lines must then be UTF-8, as JSON requires) or in text mode, or a list of
    strings. It is read one line at a time. ``where`` names the source in
    origins and messages (``f"{where}:{line}"``). The text's line ends are
    unified to ``"\\n"``; it is otherwise kept as given.
    """
    for number, line in enumerate(handle, start=1):
        origin = f"{where}:{number}"
        try:
            report = _read_line(line, origin, first=number == 1)
        except InputError as error:
            yield Problem(error)
            continue
        if report is not None:
            yield report


def looks_like_json_line(line: str | bytes) -> bool:
    """Whether a (first non-blank) line looks like a JSON object on one line."""
    if isinstance(line, bytes):
        line = line.removeprefix(_UTF8_BOM).decode("utf-8", errors="replace")
    stripped = line.lstrip("\ufeff").strip()
    return stripped.startswith("{") and stripped.endswith("}")


def _read_line(line: str | bytes, origin: str, *, first: bool) -> RawReport | None:
    text = _line_text(line, origin, first=first)
    if not text.strip():
        return None
    record = _parse_json(text, origin)
    if not isinstance(record, dict):
        raise InputError(Errors.E006, where=origin)
    fields = {name: _optional_string(record, name, origin) for name in _OPTIONAL_FIELDS}
    published = fields["published"]
    return RawReport(
        text=_report_text(record, origin),
        origin=origin,
        path=_file_name(fields["path"]),
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=parse_iso_date(published, origin) if published else None,
    )


def _file_name(path: str | None) -> str | None:
    """The last component of a POSIX or Windows path."""
    if path is None:
        return None
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def _line_text(line: str | bytes, origin: str, *, first: bool) -> str:
    if isinstance(line, str):
        return line.removeprefix("\ufeff") if first else line
    if first:
        line = line.removeprefix(_UTF8_BOM)
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as error:
        detail = f"the line is not UTF-8 ({error.reason} at byte {error.start + 1})"
        raise InputError(Errors.E005, where=origin, detail=detail) from None


def _parse_json(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        detail = f"{error.msg} at column {error.colno}"
        raise InputError(Errors.E005, where=origin, detail=detail) from None
    except RecursionError:
        raise InputError(Errors.E005, where=origin, detail="nested too deeply") from None


def _report_text(record: dict[str, Any], origin: str) -> str:
    text = record.get("text")
    if not isinstance(text, str) or not text:
        raise InputError(Errors.E006, where=origin)
    _check_encodable(text, "text", origin)
    text = unify_newlines(text)
    if not text.strip():
        raise InputError(Errors.E011, where=origin)
    return text


def _optional_string(record: dict[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(Errors.E007, where=origin, field=name, expected="a string or null")
    _check_encodable(value, name, origin)
    return value.strip() or None


def _check_encodable(value: str, name: str, origin: str) -> None:
    """Reject lone surrogates (``"\\ud800"`` escapes), which cannot be stored as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            Errors.E007, where=origin, field=name, expected="valid Unicode (no lone surrogates)"
        ) from None

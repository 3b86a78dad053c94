"""Validating the publication dates users and JSON lines give."""

from __future__ import annotations

import re
from datetime import date, datetime

from dossier.errors import Errors, InputError

__all__ = ["parse_iso_date"]

_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_SEPARATORS = "Tt "
_SHOWN_CHARS = 60


def parse_iso_date(value: str, where: str | None = None) -> str:
    """Return ``value`` as an ISO date, ``YYYY-MM-DD``.

    Accepts a calendar date (``2024-03-05``) or an ISO 8601 date and time that
    starts with one (``2024-03-05T10:00:00Z``, ``2024-03-05 10:00+02:00``), of
    which the date part is kept *as written*: no time zone is converted, so
    ``2024-03-05T23:30:00-05:00`` gives ``2024-03-05``. Surrounding whitespace
    is ignored.

    Raises :class:`~dossier.errors.InputError` E009 for anything else, including
    impossible dates (``2024-02-30``), other formats (``05/03/2024``,
    ``20240305``) and non-strings.
    """
    text = value.strip() if isinstance(value, str) else ""
    if _DATE_PREFIX.match(text) and _is_iso(text):
        return text[:10]
    raise InputError(Errors.E009, where=where, value=_shown(value))


def _is_iso(text: str) -> bool:
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        elif text[10] in _TIME_SEPARATORS:
            datetime.fromisoformat(text)
        else:
            return False
    except ValueError:
        return False
    return True


def _shown(value: object) -> str:
    """The value as shown in a message, cut short if long."""
    shown = value if isinstance(value, str) else repr(value)
    if len(shown) > _SHOWN_CHARS:
        return shown[: _SHOWN_CHARS - 1] + "…"
    return shown

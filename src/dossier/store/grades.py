"""The reliability grades (A–F) users give sources, kept in ``source_grades``.

A source is an outlet or a speaker, named as the user types it: an entity id
(``e-…``) stays as it is, a name is kept in its normalised form so that
"The New York Times" and "New York Times" are one source. A grade replaces
any earlier grade of the same source.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from dossier.assess.assessment import reliability_key
from dossier.store import schema
from dossier.store.database import Database


def grade_key(source: str) -> str:
    """How a source is kept in ``source_grades`` (entity ids as they are)."""
    return source if source.startswith("e-") else reliability_key(source)


def set_grade(database: Database, source: str, grade: str, note: str | None = None) -> str:
    """Give a source its grade; return the key it is kept under."""
    key = grade_key(source)
    table = schema.source_grades
    with database.transaction() as connection:
        connection.execute(delete(table).where(table.c.source == key))
        connection.execute(
            insert(table), [{"source": key, "grade": grade, "label": source, "note": note}]
        )
    return key


def grades(database: Database) -> list[dict]:
    """Every graded source: ``source`` (the key), ``label``, ``grade``, ``note``."""
    table = schema.source_grades
    with database.engine.connect() as connection:
        return [
            dict(row)
            for row in connection.execute(select(table).order_by(table.c.source)).mappings()
        ]


__all__ = ["grade_key", "grades", "set_grade"]

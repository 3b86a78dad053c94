"""Hand-made events and relations over the two statement reports of conftest.py.

Not a test module: the store, export and command-line tests load it from
its path (the suite runs with ``--import-mode=importlib``, so test folders
are not packages; :data:`MODULE` is the name it is loaded under, once) and
take its fixtures by assigning them to module names::

    event_reports = load_event_reports()
    event_reports_data = event_reports.event_reports_data
    events_kb_path = event_reports.events_kb_path
    events_kb = event_reports.events_kb

What the reports hold (the texts are in conftest.py; nothing here is taken
from a real report):

border.txt (entities: Omar Zadran 0, Hill Council 1, Lowland Radio 2,
Border Ministry 3; statements 0-5 as in conftest.py)
  - "sent": AID by the Hill Council, undated, backed by Zadran's quote (1).
  - "crossed": MOBILIZE by the Hill Council on 2022-01-14 ("on Friday"),
    given no statements: backed by the statement holding its trigger (0).
  - "weapons": AID (military) by the Hill Council in 2022 ("this year"),
    backed by the Council's denial (2).
  - Omar Zadran spokesperson_of the Hill Council, role "spokesman", given no
    statements: backed by the statement holding its evidence (0).
valley.txt (entities: Omar Zadran 0, Hill Council 1, Green Valley 2, a place;
statements 0-2 as in conftest.py)
  - "met": CONSULT (visit) by Zadran in Green Valley on 2022-01-16 ("on
    Sunday"), backed by the anonymous hedged source (0) and the Council's
    non-response (1).
  - "talks": CONSULT by Zadran and the Hill Council, planned, undated, no
    summary, backed by Zadran (2).
  - the same spokesperson_of relation, role spelt "Spokesman", backed by (2):
    one relation with the border report's.
  - Hill Council based_in Green Valley, with evidence that no statement
    holds: stored unbacked, never exported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dossier.model.entity import EntityType, Mention, ReportEntity
from dossier.model.event import DateValue, Modality, RelationType, ReportEvent, ReportRelation
from dossier.store.database import Database, open_database

MODULE = "dossier_tests_event_reports"


def at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def add_events(reports: list) -> list[tuple]:
    """(document, entities, statements, events, relations) of the two statement reports."""
    (border, border_entities, border_statements), (valley, valley_entities, valley_statements) = (
        reports
    )
    b, v = border["text"], valley["text"]
    zadran, council = 0, 1
    border_events = [
        ReportEvent(
            type="AID",
            trigger=at(b, "sent"),
            actors=[council],
            context=["humanitarian"],
            summary="The Hill Council sent forty trucks",
            statements=[1],
        ),
        ReportEvent(
            type="MOBILIZE",
            trigger=at(b, "crossed"),
            actors=[council],
            date=DateValue("on Friday", "2022-01-14", "2022-01-14"),
            summary="The Hill Council's convoy crossed the border",
        ),
        ReportEvent(
            type="AID",
            trigger=at(b, "weapons"),
            actors=[council],
            context=["military"],
            date=DateValue("this year", "2022", "2022"),
            summary="Weapons on board the convoy",
            statements=[2],
        ),
    ]
    border_relations = [
        ReportRelation(
            RelationType.SPOKESPERSON_OF,
            zadran,
            council,
            at(b, "a spokesman for the Hill Council"),
            role="spokesman",
        )
    ]
    start, end = at(v, "valley")
    place = ReportEntity(EntityType.PLACE, "Green Valley", [Mention(start, end, "valley")])
    valley_entities = [*valley_entities, place]
    valley_events = [
        ReportEvent(
            type="CONSULT",
            trigger=at(v, "met"),
            actors=[zadran],
            mode="visit",
            location=2,
            date=DateValue("on Sunday", "2022-01-16", "2022-01-16"),
            summary="Zadran met envoys in the valley",
            statements=[0, 1],
        ),
        ReportEvent(
            type="CONSULT",
            trigger=at(v, "talks"),
            actors=[zadran, council],
            modality=Modality.PLANNED,
            statements=[2],
        ),
    ]
    valley_relations = [
        ReportRelation(
            RelationType.SPOKESPERSON_OF,
            zadran,
            council,
            at(v, "Omar Zadran"),
            role="Spokesman",
            statements=[2],
        ),
        ReportRelation(RelationType.BASED_IN, council, 2, (0, len(v))),
    ]
    return [
        (border, border_entities, border_statements, border_events, border_relations),
        (valley, valley_entities, valley_statements, valley_events, valley_relations),
    ]


def store_event_reports(database: Database, reports: list[tuple]) -> Database:
    for document, entities, statements, events, relations in reports:
        database.store_report(document, entities, (), statements, events, relations)
    return database


@pytest.fixture
def event_reports_data(statement_reports_data) -> Callable[[], list[tuple]]:
    """``event_reports_data()``: fresh (document, entities, statements, events, relations)."""
    return lambda: add_events(statement_reports_data())


@pytest.fixture(scope="module")
def events_kb_path(tmp_path_factory: pytest.TempPathFactory, statement_reports_data) -> Path:
    """A knowledge base file holding the two reports with their events (do not write to it)."""
    path = tmp_path_factory.mktemp("events") / "events.db"
    database = open_database(str(path))
    try:
        store_event_reports(database, add_events(statement_reports_data()))
    finally:
        database.close()
    return path


@pytest.fixture(scope="module")
def events_kb(events_kb_path: Path) -> Iterator[Database]:
    """The events knowledge base, opened once (read-only by convention)."""
    database = open_database(str(events_kb_path), create=False)
    yield database
    database.close()

"""Backing: which statements of a report report each of its events.

An event found by :mod:`dossier.extract.events` is backed by the statements
that tell it: the statement whose content holds one of its mentions, the
outlet's own voice over a sentence holding one, and the silences of the
parties taking part ("X did not respond", "Y declined to comment") shortly
after it.

Limits: in-report only and positional. A statement that tells an event
without containing one of its trigger words (a denial worded generically,
"denied receiving assistance from any of the regional countries") backs
nothing here; cross-report resolution (:mod:`dossier.resolve.events`) is
where such statements are attached.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from dossier.model.event import ReportEvent
from dossier.model.statement import ReportStatement, Stance
from dossier.resolve.countries import country_in_name

SILENT = frozenset({Stance.DECLINES_COMMENT, Stance.NO_RESPONSE})
SILENCE_PARAGRAPHS = 2


def _states_named_in(entity: int, entities: Sequence[dict]) -> list[int]:
    """The report's country a body's name carries ("UK Ministry of Defence": the UK)."""
    if entity >= len(entities) or entities[entity]["type"] != "organization":
        return []
    country = country_in_name(entities[entity]["name"])
    if country is None:
        return []
    return [
        index
        for index, other in enumerate(entities)
        if other["type"] == "country" and other.get("country") == country.code
    ]


def link_statements(
    events: Sequence[ReportEvent],
    mentions: Sequence[Sequence[int]],
    statements: Sequence[ReportStatement],
    paragraphs: Sequence[int] = (0,),
    entities: Sequence[dict] = (),
) -> None:
    """Back each event by the statements that report it.

    - A statement whose content holds one of the event's mentions reports it;
      so does the outlet's voice over a sentence holding one. Failing both,
      any statement over a mention.
    - A party's silence ("X did not respond", "Y declined to comment") is
      about the events of the paragraphs before it (two) and its own in
      which that party, or the state its name carries ("the UK Ministry of
      Defence": the UK), takes part.
    """
    for event, starts in zip(events, mentions, strict=True):
        chosen: list[int] = []
        for number, statement in enumerate(statements):
            if statement.content and any(
                s <= start < e for start in starts for s, e in statement.content
            ):
                chosen.append(number)
        for number, statement in enumerate(statements):
            if statement.is_outlet and number not in chosen:
                if any(statement.start <= start < statement.end for start in starts):
                    chosen.append(number)
        if not chosen:
            chosen = [
                number
                for number, statement in enumerate(statements)
                if any(statement.start <= start < statement.end for start in starts)
            ]
        event.statements = chosen
    for number, statement in enumerate(statements):
        if statement.stance not in SILENT or statement.speaker is None:
            continue
        parties = {statement.speaker, *_states_named_in(statement.speaker, entities)}
        if statement.affiliation is not None:
            parties.add(statement.affiliation)
        paragraph = bisect_right(paragraphs, statement.start) - 1
        horizon = paragraphs[max(0, paragraph - SILENCE_PARAGRAPHS)]
        for event, starts in zip(events, mentions, strict=True):
            if number in event.statements or not parties & set(event.actors + event.targets):
                continue
            if any(horizon <= start < statement.end for start in starts):
                event.statements.append(number)
                event.statements.sort()


__all__ = ["link_statements"]

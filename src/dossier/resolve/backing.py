"""Backing: which statements of a report report each of its events.

An event found by :mod:`dossier.extract.events` is backed by the statements
that tell it: the statement whose content holds one of its mentions, the
outlet's own voice over a sentence holding one, and the silences of the
parties taking part ("X did not respond", "Y declined to comment") shortly
after it.

:func:`attach_denials` then gives denials the events they deny, when the
denial's own words name no event that was found:

- a denial that names a party but no happening ("Zand denied that Dost
  was there") denies the latest event before it, within two paragraphs, in
  which that party takes part; failing one, the first such event told after
  it in its own paragraph or the next ("…, while others confirmed his
  participation");
- a denial of an event with no initiator ("denied receiving assistance from
  any of the regional countries") denies every event of that type in the
  report whose recipients are the same, or tied to them (the group's leader,
  members and spokespeople, by the report's relations), and, when it denies
  for all cases ("any"), the events of that type with no recipient named;
- a denial for all cases ("denying that it was arming the warring parties in
  any way") denies every event of that type in the report by the same
  initiator.

Then three spreads of backing, each told in its function's docstring:
:func:`silence_of_bodies` (a body's silence covers its people's acts),
:func:`entail_presence` (a report of a meeting backs the later claims that
its parties were there) and :func:`share_among_speakers` (speakers given one
statement together back the same events).

Limits: in-report and positional. "X denied it" (a pronoun, no party named)
attaches to nothing; a denial aimed at an event told further back than two
paragraphs is missed; the generic denial reads "no initiator" as "anyone",
which over-reaches when the initiator is only missing from the parse.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from dossier.model.event import ReportEvent, ReportRelation
from dossier.model.statement import ReportStatement, Stance
from dossier.resolve.countries import country_in_name
from dossier.resolve.presence import is_presence

SILENT = frozenset({Stance.DECLINES_COMMENT, Stance.NO_RESPONSE})
SILENCE_PARAGRAPHS = 4
DENIAL_PARAGRAPHS = 2
QUANTIFIERS = frozenset({"any", "anyone", "anybody", "anything", "whatsoever", "whatever"})
TIES = frozenset({"leader_of", "member_of", "spokesperson_of", "envoy_of", "office_holder_of"})


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
      about the events of the paragraphs before it (four) and its own in
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
        horizon = _paragraphs_back(paragraphs, statement.start, SILENCE_PARAGRAPHS)
        for event, starts in zip(events, mentions, strict=True):
            if number in event.statements or not parties & set(event.actors + event.targets):
                continue
            if any(horizon <= start < statement.end for start in starts):
                event.statements.append(number)
                event.statements.sort()


def attach_denials(
    events: Sequence[ReportEvent],
    statements: Sequence[ReportStatement],
    entities: Sequence[dict],
    relations: Sequence[ReportRelation] = (),
    text: str = "",
) -> None:
    """Give denials the events they deny (see the module docstring).

    An event is placed where its trigger and the statements backing it are;
    paragraphs are the lines of ``text``.
    """
    paragraphs = line_starts(text)
    # where an event is told: its trigger and what reports it; a silence after it
    # ("X did not respond") does not tell it again
    mentions = [_told_at(event, statements) for event in events]
    for number, statement in enumerate(statements):
        if statement.stance != Stance.DENIES:
            continue
        own = [event for event in events if number in event.statements]
        if not own:
            target = _denied_by_party(number, statement, events, mentions, entities, paragraphs)
            if target is not None:
                _back(target, number)
            continue
        quantified = _quantified(statement, text)
        for denied in own:
            if denied.actors:
                if not quantified:
                    continue
                # "denying that it was arming the warring parties in any way": all of
                # the initiator's acts of that kind, whoever received them
                for event in events:
                    if event is denied or event.type != denied.type or event.negated:
                        continue
                    if set(denied.actors) & set(event.actors):
                        _back(event, number)
                continue
            sides = _tied(set(denied.targets), relations) if denied.targets else set()
            if not sides and statement.speaker is not None:
                sides = _tied(_organisations_of(statement.speaker, relations), relations)
            if not sides:
                continue
            for event in events:
                if event is denied or event.type != denied.type or event.negated:
                    continue
                if sides & set(event.targets) or (quantified and not event.targets):
                    # "from any of the regional countries" also denies the aid whose
                    # recipient the report leaves unnamed ("an air drop of weapons from X")
                    _back(event, number)


def silence_of_bodies(
    events: Sequence[ReportEvent],
    statements: Sequence[ReportStatement],
    relations: Sequence[ReportRelation],
    text: str,
) -> None:
    """A body's silence covers what its people did.

    "The Taliban did not respond to a request for comment" after "the
    Taliban's foreign minister met …": a silence of a body backs the events
    of the paragraphs before it (four) and its own in which one of its
    leaders, members, spokespeople, envoys or office holders takes part (by
    the report's relations). An event is placed where its trigger and the
    statements telling it are.

    Limits: only ties the report states; a person's silence does not cover
    their body's acts.
    """
    paragraphs = line_starts(text)
    for number, statement in enumerate(statements):
        if statement.stance not in SILENT or statement.speaker is None:
            continue
        people = {
            relation.subject
            for relation in relations
            if relation.type.value in TIES and relation.object == statement.speaker
        } - {statement.speaker}
        if not people:
            continue
        horizon = _paragraphs_back(paragraphs, statement.start, SILENCE_PARAGRAPHS)
        for event in events:
            if number in event.statements or not people & set(event.actors + event.targets):
                continue
            if any(horizon <= start < statement.end for start in _told_at(event, statements)):
                _back(event, number)


def share_among_speakers(
    events: Sequence[ReportEvent], statements: Sequence[ReportStatement]
) -> None:
    """Speakers given one statement together back the same events.

    "X and Y could not be reached for comment", "A and a senior diplomat
    confirmed his participation": the attribution finder gives each speaker
    a statement over the same words with the same stance; an event that one
    of them backs (through a party or a denied happening that only one of the
    speakers was tied to) is backed by all of them.
    """
    together: dict[tuple[int, int, Stance], list[int]] = defaultdict(list)
    for number, statement in enumerate(statements):
        together[(statement.start, statement.end, statement.stance)].append(number)
    for numbers in together.values():
        if len(numbers) < 2:
            continue
        for event in events:
            if any(number in event.statements for number in numbers):
                for number in numbers:
                    _back(event, number)


def entail_presence(
    events: Sequence[ReportEvent], statements: Sequence[ReportStatement], text: str
) -> None:
    """A report of a meeting tells who was there: it backs their presence too.

    "X met Y and Z in the capital" (asserted) is also a report of Z's presence
    at that meeting, which the report tells later as a claim of its own ("Z
    was there for the talks", "confirmed his participation"), asserted by
    some and denied by others. The asserting statements of a meeting
    (CONSULT, not negated, not itself named by a presence word), told before
    the presence, back each later presence event of the report (CONSULT named
    by attend, participation, presence, present) that shares two of its
    parties, or its only party. Denials and silences of the meeting are not
    carried over, nor the word of a speaker who denies that presence ("X did
    not attend, instead meeting Y in private", Z said: Z's meeting is an
    alternative, not a confirmation).

    Limits: the two are not compared in place or time; a report of two
    meetings of the same parties gives the later presence the first
    meeting's backing too.
    """
    presences = [
        event
        for event in events
        if event.type == "CONSULT" and is_presence(text[event.trigger[0] : event.trigger[1]])
    ]
    for meeting in events:
        if meeting.type != "CONSULT" or meeting.negated or meeting in presences:
            continue
        parties = set(meeting.actors + meeting.targets)
        for presence in presences:
            if presence.trigger[0] <= meeting.trigger[0]:
                continue
            own = set(presence.actors + presence.targets)
            shared = own & parties
            if len(shared) < 2 and not (len(own) == 1 and shared):
                continue
            deniers = {
                statements[n].speaker
                for other in presences
                if own & set(other.actors + other.targets)
                for n in other.statements
                if statements[n].stance == Stance.DENIES and statements[n].speaker is not None
            }
            for number in meeting.statements:
                told = statements[number]
                if told.stance != Stance.ASSERTS or told.start >= presence.trigger[0]:
                    continue
                if told.speaker is not None and told.speaker in deniers:
                    continue  # "X did not attend, instead meeting Y": an alternative
                _back(presence, number)


def _told_at(event: ReportEvent, statements: Sequence[ReportStatement]) -> list[int]:
    """Where a report tells an event: its trigger and the statements backing it.

    A silence after it ("X did not respond") does not tell it again.
    """
    return [
        event.trigger[0],
        *(statements[n].start for n in event.statements if statements[n].stance not in SILENT),
    ]


def _paragraphs_back(paragraphs: Sequence[int], position: int, back: int) -> int:
    """Where the paragraph ``back`` paragraphs before the one holding ``position`` starts."""
    paragraph = bisect_right(paragraphs, position) - 1
    return paragraphs[max(0, paragraph - back)]


def line_starts(text: str) -> list[int]:
    """Char offsets where the lines (paragraphs) of a text start."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _back(event: ReportEvent, number: int) -> None:
    if number not in event.statements:
        event.statements.append(number)
        event.statements.sort()


def _denied_by_party(
    number: int,
    statement: ReportStatement,
    events: Sequence[ReportEvent],
    mentions: Sequence[Sequence[int]],
    entities: Sequence[dict],
    paragraphs: Sequence[int],
) -> ReportEvent | None:
    """The latest earlier event in which a party the denial names takes part."""
    content = statement.content or [(statement.start, statement.end)]
    named = {
        index
        for index, entity in enumerate(entities)
        for start, end, *_ in entity.get("mentions", ())
        if any(s <= start and end <= e for s, e in content) and index != statement.speaker
    }
    if not named:
        return None
    paragraph = bisect_right(paragraphs, statement.start) - 1
    horizon = paragraphs[max(0, paragraph - DENIAL_PARAGRAPHS)]
    after = paragraphs[paragraph + 2] if paragraph + 2 < len(paragraphs) else _beyond(mentions)
    earlier: tuple[int, ReportEvent] | None = None
    later: tuple[int, ReportEvent] | None = None
    for event, starts in zip(events, mentions, strict=True):
        if not named & set(event.actors + event.targets):
            continue
        before = [start for start in starts if horizon <= start < statement.start]
        if before and (earlier is None or max(before) > earlier[0]):
            earlier = (max(before), event)
        following = [start for start in starts if statement.end <= start < after]
        if following and (later is None or min(following) < later[0]):
            later = (min(following), event)
    chosen = earlier or later
    return chosen[1] if chosen else None


def _beyond(mentions: Sequence[Sequence[int]]) -> int:
    """An offset beyond every mention."""
    return max((max(starts) for starts in mentions if starts), default=0) + 1


def _organisations_of(speaker: int, relations: Sequence[ReportRelation]) -> set[int]:
    return {
        relation.object
        for relation in relations
        if relation.subject == speaker and relation.type.value in TIES
    }


def _tied(parties: set[int], relations: Sequence[ReportRelation]) -> set[int]:
    """The parties and those the report ties to them.

    A body's leaders, members and spokespeople; and a leader's body (help to
    "Dost's group" is help to the front he leads).
    """
    bodies = set(parties)
    for relation in relations:
        if relation.type.value == "leader_of" and relation.subject in parties:
            bodies.add(relation.object)
    tied = set(bodies)
    for relation in relations:
        if relation.type.value in TIES and relation.object in bodies:
            tied.add(relation.subject)
    return tied


def _quantified(statement: ReportStatement, text: str) -> bool:
    """Whether the denial's words deny for all cases ("any", "in any way", "anyone")."""
    if not text:
        return False
    spans = statement.content or [(statement.start, statement.end)]
    words = {word.strip("\"'“”‘’,.;:").lower() for s, e in spans for word in text[s:e].split()}
    return bool(words & QUANTIFIERS)


__all__ = [
    "attach_denials",
    "entail_presence",
    "link_statements",
    "share_among_speakers",
    "silence_of_bodies",
]

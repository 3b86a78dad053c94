"""Backing: which statements of a report back each of its events.

:func:`attach_denials` and :func:`link_statements` on hand-made events,
statements, entities and relations over short texts written for these tests
(every country, group and person here is invented, but for Chile in the one
test of a state named in a body's name). Paragraphs are the texts' lines.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from dossier.model.event import RelationType, ReportEvent, ReportRelation
from dossier.model.statement import ReportStatement, Stance
from dossier.resolve.backing import (
    attach_denials,
    entail_presence,
    line_starts,
    link_statements,
    share_among_speakers,
    silence_of_bodies,
)

# The cast: entity index -> (type, name, forms looked for in a text)
CAST = [
    ("country", "Kestria", ["Kestria"]),
    ("organization", "Hadra Brigade", ["Hadra Brigade"]),
    ("person", "Joran Vell", ["Joran Vell", "Vell"]),
    ("person", "Oskar Tamm", ["Oskar Tamm", "Tamm"]),
    ("person", "Lena Brak", ["Lena Brak", "Brak"]),
    ("organization", "Ulm Militia", ["Ulm Militia"]),
    ("country", "Norvia", ["Norvia"]),
    ("organization", "Velor Front", ["Velor Front"]),
    ("person", "Tarik Bosun", ["Tarik Bosun", "Bosun"]),
]
KESTRIA, HADRA, VELL, TAMM, BRAK, ULM, NORVIA, VELOR, BOSUN = range(len(CAST))


def report(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def entities(text: str) -> list[dict]:
    """The cast as the NLP stage hands entities on, with their mentions in ``text``."""
    found = []
    for kind, name, forms in CAST:
        mentions: list[list] = []
        for form in forms:
            start = text.find(form)
            while start != -1:
                end = start + len(form)
                if not any(s <= start < e for s, e, *_ in mentions):
                    mentions.append([start, end, form, False])
                start = text.find(form, end)
        found.append({"type": kind, "name": name, "mentions": sorted(mentions)})
    return found


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    assert text.find(part, start + 1) == -1, f"{part!r} is not unique"
    return start, start + len(part)


def event(text: str, trigger: str, type: str = "AID", **fields) -> ReportEvent:
    return ReportEvent(type, span(text, trigger), **fields)


def statement(
    text: str,
    sentence: str,
    stance: Stance = Stance.DENIES,
    speaker: int | None = None,
    content: str | None = None,
    **fields,
) -> ReportStatement:
    """A statement over ``sentence``, its content the part ``content`` of it."""
    start, end = span(text, sentence)
    parts = []
    if content is not None:
        offset = text.index(content, start)
        parts = [(offset, offset + len(content))]
    speaker_text = fields.pop("speaker_text", CAST[speaker][1] if speaker is not None else None)
    return ReportStatement(
        start,
        end,
        text[start:end],
        stance,
        speaker=speaker,
        speaker_text=speaker_text,
        content=parts,
        **fields,
    )


def relation(text: str, kind: RelationType, subject: int, object: int) -> ReportRelation:
    return ReportRelation(kind, subject, object, (0, len(text)))


def backed(events: Sequence[ReportEvent]) -> list[list[int]]:
    return [list(e.statements) for e in events]


# -- a denial naming a party but no event


DENIAL = "Tarik Bosun denied that the Velor Front was behind the attacks."


def party_denial(text: str, **fields) -> ReportStatement:
    return statement(
        text, DENIAL, speaker=BOSUN, content="the Velor Front was behind the attacks", **fields
    )


def test_a_party_denial_attaches_to_the_latest_earlier_event_of_the_party():
    text = report(
        "Velor Front fighters seized the ridge at dawn.",
        "Hours later the Velor Front shelled a depot.",
        DENIAL,
        "The Velor Front raided a village the next day.",
    )
    events = [
        event(text, "seized", "ASSAULT", actors=[VELOR]),
        event(text, "shelled", "ASSAULT", actors=[VELOR]),
        event(text, "raided", "ASSAULT", actors=[VELOR]),
    ]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[], [0], []]


def test_a_party_denial_attaches_to_the_named_partys_event_not_the_nearest():
    text = report(
        "The Velor Front shelled a depot.",
        "Norvia sent fighter jets over the valley.",
        DENIAL,
    )
    events = [
        event(text, "shelled", "ASSAULT", actors=[VELOR]),
        event(text, "sent", "MOBILIZE", actors=[NORVIA]),
    ]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0], []]


def test_a_party_denial_finds_the_party_among_the_targets():
    text = report("Kestria shelled the Velor Front.", DENIAL)
    events = [event(text, "shelled", "ASSAULT", actors=[KESTRIA], targets=[VELOR])]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0]]


@pytest.mark.parametrize(
    ("between", "attached"),
    [(0, True), (1, True), (2, False), (3, False)],
    ids=["previous paragraph", "two paragraphs back", "three back", "four back"],
)
def test_a_party_denial_looks_back_two_paragraphs(between: int, attached: bool):
    filler = [f"Filler paragraph number {n} says nothing." for n in range(between)]
    text = report("The Velor Front shelled a depot.", *filler, DENIAL)
    events = [event(text, "shelled", "ASSAULT", actors=[VELOR])]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0] if attached else []]


def test_an_event_is_placed_where_its_backing_statements_are_too():
    # the trigger is three paragraphs back, but a statement backing the event is near
    text = report(
        "The Velor Front shelled a depot.",
        "Filler paragraph one.",
        "Residents said the depot burned for hours.",
        DENIAL,
    )
    near = statement(
        text,
        "Residents said the depot burned for hours.",
        Stance.ASSERTS,
        speaker_text="Residents",
        anonymous=True,
    )
    events = [event(text, "shelled", "ASSAULT", actors=[VELOR], statements=[0])]
    attach_denials(events, [near, party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0, 1]]


@pytest.mark.parametrize(
    ("where", "attached"),
    [("same", True), ("next", True), ("after next", False)],
)
def test_a_party_denial_failing_an_earlier_event_takes_a_later_one(where: str, attached: bool):
    later = "Witnesses said the Velor Front stormed the post."
    if where == "same":
        text = report(f"{DENIAL} {later}")
    elif where == "next":
        text = report(DENIAL, later)
    else:
        text = report(DENIAL, "Filler paragraph one.", later)
    events = [event(text, "stormed", "ASSAULT", actors=[VELOR])]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0] if attached else []]


def test_a_party_denial_takes_the_first_later_event():
    text = report(
        DENIAL,
        "The Velor Front stormed the post and later looted the market.",
    )
    events = [
        event(text, "looted", "ASSAULT", actors=[VELOR]),
        event(text, "stormed", "ASSAULT", actors=[VELOR]),
    ]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[], [0]]


def test_a_party_denial_prefers_an_earlier_event_to_a_closer_later_one():
    text = report(
        "The Velor Front shelled a depot.",
        "Filler paragraph one.",
        f"{DENIAL} Then the Velor Front stormed the post.",
    )
    events = [
        event(text, "shelled", "ASSAULT", actors=[VELOR]),
        event(text, "stormed", "ASSAULT", actors=[VELOR]),
    ]
    attach_denials(events, [party_denial(text)], entities(text), (), text)
    assert backed(events) == [[0], []]


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Tarik Bosun denied it.", BOSUN, "it"),
        ("The Velor Front denied the claims.", VELOR, "the claims"),
        ("The Velor Front denied everything.", VELOR, None),  # the speaker is no named party
    ],
    ids=["a pronoun", "only the speaker named", "no content"],
)
def test_a_denial_naming_no_other_party_attaches_to_nothing(sentence, speaker, content):
    text = report("The Velor Front shelled a depot.", sentence)
    events = [event(text, "shelled", "ASSAULT", actors=[VELOR])]
    denial = statement(text, sentence, speaker=speaker, content=content)
    attach_denials(events, [denial], entities(text), (), text)
    assert backed(events) == [[]]


@pytest.mark.parametrize("stance", [Stance.ASSERTS, Stance.DECLINES_COMMENT, Stance.NO_RESPONSE])
def test_statements_other_than_denials_are_left_alone(stance: Stance):
    text = report("The Velor Front shelled a depot.", DENIAL)
    events = [event(text, "shelled", "ASSAULT", actors=[VELOR])]
    attach_denials(events, [party_denial(text, stance=stance)], entities(text), (), text)
    assert backed(events) == [[]]


# -- a denial of an event with no initiator

GENERIC = report(
    "Kestria flew rifles to the Hadra Brigade in May.",  # 0: to the body
    "Norvia shipped fuel to Joran Vell, who leads the Hadra Brigade.",  # 1: to its leader
    "Kestria also paid Oskar Tamm, the spokesman of the Hadra Brigade.",  # 2: its spokesman
    "Kestria trained Lena Brak, a fighter of the Hadra Brigade.",  # 3: a member
    "Norvia armed the Ulm Militia.",  # 4: another group
    "Kestria shelled the Hadra Brigade.",  # 5: another type
    "Norvia did not lend money to the Hadra Brigade, officials said.",  # 6: negated
    "Tarik Bosun and Oskar Tamm denied receiving help from abroad.",  # the denial
)


def generic_events(denied_targets: list[int]) -> list[ReportEvent]:
    text = GENERIC
    return [
        event(text, "flew", actors=[KESTRIA], targets=[HADRA]),
        event(text, "shipped", actors=[NORVIA], targets=[VELL]),
        event(text, "paid", actors=[KESTRIA], targets=[TAMM]),
        event(text, "trained", actors=[KESTRIA], targets=[BRAK]),
        event(text, "armed", actors=[NORVIA], targets=[ULM]),
        event(text, "shelled", "ASSAULT", actors=[KESTRIA], targets=[HADRA]),
        event(text, "lend", actors=[NORVIA], targets=[HADRA], negated=True),
        event(text, "receiving", targets=denied_targets, negated=True, statements=[0]),
    ]


GENERIC_TIES = [
    relation(GENERIC, RelationType.LEADER_OF, VELL, HADRA),
    relation(GENERIC, RelationType.SPOKESPERSON_OF, TAMM, HADRA),
    relation(GENERIC, RelationType.MEMBER_OF, BRAK, HADRA),
]
HADRA_SIDE = [0, 1, 2, 3]  # the events to the Brigade and to the people tied to it


@pytest.mark.parametrize(
    ("targets", "speaker", "spread"),
    [
        pytest.param([HADRA], BOSUN, HADRA_SIDE, id="the body: it, its leader, spokesman, member"),
        pytest.param([VELL], BOSUN, HADRA_SIDE, id="its leader: his body and all tied to it"),
        pytest.param([ULM], BOSUN, [4], id="another group: its event only"),
        pytest.param([TAMM], BOSUN, [2], id="a spokesman: his own events only"),
        pytest.param([], TAMM, HADRA_SIDE, id="no recipient: the speaker's own body"),
        pytest.param([], BOSUN, [], id="no recipient, a speaker tied to nothing"),
        pytest.param([], None, [], id="no recipient, no speaker"),
    ],
)
def test_a_denial_without_initiator_spreads_to_events_of_the_same_recipients(
    targets: list[int], speaker: int | None, spread: list[int]
):
    events = generic_events(targets)
    denial = statement(
        GENERIC,
        "Tarik Bosun and Oskar Tamm denied receiving help from abroad.",
        speaker=speaker,
        speaker_text="Tarik Bosun and Oskar Tamm",
        content="receiving help from abroad",
    )
    attach_denials(events, [denial], entities(GENERIC), GENERIC_TIES, GENERIC)
    expected = [[0] if n in spread else [] for n in range(7)] + [[0]]
    assert backed(events) == expected


@pytest.mark.parametrize(
    ("denial_words", "spread"),
    [
        pytest.param("denied receiving help from any country", True, id="any: spreads"),
        pytest.param("denied receiving help from abroad", False, id="not quantified: stays"),
    ],
)
def test_a_denial_for_all_cases_covers_aid_with_no_recipient_named(denial_words, spread):
    """ "denied receiving help from any country" also denies "an air drop from X"."""
    text = report(
        "Reports told of an air drop of rifles from Kestria.",
        f"Oskar Tamm {denial_words}.",
    )
    events = [
        event(text, "drop", actors=[KESTRIA]),
        event(text, "receiving", targets=[HADRA], negated=True, statements=[0]),
    ]
    denial = statement(
        text,
        f"Oskar Tamm {denial_words}.",
        speaker=TAMM,
        content=denial_words.removeprefix("denied "),
    )
    attach_denials(events, [denial], entities(text), GENERIC_TIES, text)
    assert backed(events) == [[0] if spread else [], [0]]


def test_a_denial_without_initiator_needs_the_ties_to_spread():
    events = generic_events([HADRA])
    denial = statement(
        GENERIC,
        "Tarik Bosun and Oskar Tamm denied receiving help from abroad.",
        speaker=TAMM,
        content="receiving help from abroad",
    )
    attach_denials(events, [denial], entities(GENERIC), (), GENERIC)
    assert backed(events) == [[0], [], [], [], [], [], [], [0]]


def test_a_denial_keeps_the_statements_an_event_had():
    events = generic_events([HADRA])
    events[0].statements = [1]
    assertion = statement(
        GENERIC,
        "Kestria flew rifles to the Hadra Brigade in May.",
        Stance.ASSERTS,
        speaker_text=None,
    )
    denial = statement(
        GENERIC,
        "Tarik Bosun and Oskar Tamm denied receiving help from abroad.",
        speaker=TAMM,
        content="receiving help from abroad",
    )
    attach_denials(events, [denial, assertion], entities(GENERIC), GENERIC_TIES, GENERIC)
    assert events[0].statements == [0, 1]


# -- a denial for all cases by an initiator

QUANTIFIED_LINES = (
    "Kestria sent drones to the Hadra Brigade.",  # 0
    "Kestria delivered artillery to the Ulm Militia.",  # 1
    "Norvia sold rifles to the Ulm Militia.",  # 2: another initiator
    "Kestria bombed the Ulm Militia.",  # 3: another type
    "Kestria did not supply the Hadra Brigade in June.",  # 4: negated
)


def quantified_case(
    content: str, denied_targets: list[int] | None = None
) -> tuple[list[ReportEvent], str]:
    sentence = f"Kestria denied {content}."
    text = report(*QUANTIFIED_LINES, sentence)
    events = [
        event(text, "sent", actors=[KESTRIA], targets=[HADRA]),
        event(text, "delivered", actors=[KESTRIA], targets=[ULM]),
        event(text, "sold", actors=[NORVIA], targets=[ULM]),
        event(text, "bombed", "ASSAULT", actors=[KESTRIA], targets=[ULM]),
        event(text, "supply", actors=[KESTRIA], targets=[HADRA], negated=True),
        event(
            text,
            "arming",
            actors=[KESTRIA],
            targets=denied_targets or [],
            negated=True,
            statements=[0],
        ),
    ]
    denial = statement(text, sentence, speaker=KESTRIA, content=content)
    attach_denials(events, [denial], entities(text), (), text)
    return events, text


@pytest.mark.parametrize(
    ("content", "quantified"),
    [
        ("arming the factions in any way", True),
        ("arming anyone", True),
        ('arming "anybody" at all', True),
        ("arming anything, ever", True),
        ("arming the factions whatsoever", True),
        ("arming the factions, whatever was claimed", True),
        ("arming the factions", False),
        ("arming many factions", False),
        ("arming the company Anyway Ltd", False),
    ],
)
def test_a_quantified_denial_covers_all_the_initiators_events_of_its_type(
    content: str, quantified: bool
):
    events, _ = quantified_case(content)
    all_of_them = [[0], [0], [], [], [], [0]]
    nothing_more = [[], [], [], [], [], [0]]
    assert backed(events) == (all_of_them if quantified else nothing_more)


def test_a_quantified_denial_spreads_whoever_received_the_denied_act():
    events, _ = quantified_case("arming the Hadra Brigade in any way", [HADRA])
    assert backed(events) == [[0], [0], [], [], [], [0]]


def test_a_quantified_denial_without_text_does_not_spread():
    sentence = "Kestria denied arming the factions in any way."
    text = report(*QUANTIFIED_LINES, sentence)
    events = [
        event(text, "sent", actors=[KESTRIA], targets=[HADRA]),
        event(text, "arming", actors=[KESTRIA], negated=True, statements=[0]),
    ]
    denial = statement(text, sentence, speaker=KESTRIA, content="arming the factions in any way")
    attach_denials(events, [denial], entities(text), (), "")
    assert backed(events) == [[], [0]]


# -- silences (link_statements)

SILENCE_LINES = (
    "Kestria sent drones to the Hadra Brigade in March.",  # 0: five paragraphs back
    "The spring was mild.",
    "Markets were calm.",
    "Kestria flew more drones to the Hadra Brigade in April.",  # 1: two back
    "Norvia sold rifles to the Ulm Militia.",  # 2: the brigade takes no part
    "The Hadra Brigade did not respond to requests for comment.",  # the silence
    "Kestria later trucked fuel to the Hadra Brigade.",  # 3: told after it
)


def silence_case(
    stance: Stance, speaker: int | None = HADRA, sentence: str = SILENCE_LINES[5], **fields
) -> list[ReportEvent]:
    text = report(*SILENCE_LINES)
    events = [
        event(text, "sent", actors=[KESTRIA], targets=[HADRA]),
        event(text, "flew", actors=[KESTRIA], targets=[HADRA]),
        event(text, "sold", actors=[NORVIA], targets=[ULM]),
        event(text, "trucked", actors=[KESTRIA], targets=[HADRA]),
    ]
    silence = statement(text, sentence, stance, speaker=speaker, **fields)
    mentions = [[e.trigger[0]] for e in events]
    link_statements(events, mentions, [silence], line_starts(text), entities(text))
    return events


@pytest.mark.parametrize("stance", [Stance.NO_RESPONSE, Stance.DECLINES_COMMENT])
def test_a_silence_backs_the_partys_events_of_the_four_paragraphs_before(stance: Stance):
    assert backed(silence_case(stance)) == [[], [0], [], []]


@pytest.mark.parametrize("stance", [Stance.ASSERTS, Stance.DENIES])
def test_other_statements_do_not_back_events_they_do_not_hold(stance: Stance):
    assert backed(silence_case(stance)) == [[], [], [], []]


def test_a_silence_without_a_speaker_backs_nothing():
    events = silence_case(Stance.NO_RESPONSE, speaker=None, speaker_text="The Hadra Brigade")
    assert backed(events) == [[], [], [], []]


def test_a_silence_of_another_party_backs_nothing_of_the_brigade():
    events = silence_case(Stance.NO_RESPONSE, speaker=NORVIA)
    assert backed(events) == [[], [], [0], []]


def test_a_silence_of_a_source_close_to_a_party_counts_for_the_party():
    events = silence_case(Stance.NO_RESPONSE, speaker=BOSUN, affiliation=HADRA)
    assert backed(events) == [[], [0], [], []]


def test_a_silence_counts_for_the_state_a_bodys_name_carries():
    text = report(
        "Chile sent observers to the Hadra Brigade.",
        "The Chilean defence ministry declined to comment.",
    )
    cast = [
        {"type": "country", "name": "Chile", "country": "cl", "mentions": [[0, 5, "Chile", 0]]},
        {"type": "organization", "name": "Hadra Brigade", "mentions": []},
        {"type": "organization", "name": "Chilean defence ministry", "mentions": []},
    ]
    events = [event(text, "sent", "MOBILIZE", actors=[0], targets=[1])]
    silence = statement(
        text,
        "The Chilean defence ministry declined to comment.",
        Stance.DECLINES_COMMENT,
        speaker=2,
        speaker_text="The Chilean defence ministry",
    )
    link_statements(events, [[events[0].trigger[0]]], [silence], line_starts(text), cast)
    assert backed(events) == [[0]]


def test_link_statements_backs_an_event_by_the_statement_holding_its_trigger_in_content():
    text = report('"Kestria sent drones to us," Oskar Tamm said. The sky was clear.')
    quote = statement(
        text,
        '"Kestria sent drones to us," Oskar Tamm said.',
        Stance.ASSERTS,
        speaker=TAMM,
        content="Kestria sent drones to us",
    )
    outlet = statement(text, "The sky was clear.", Stance.ASSERTS, speaker_text=None)
    events = [event(text, "sent", actors=[KESTRIA], statements=[1])]
    link_statements(events, [[events[0].trigger[0]]], [quote, outlet], line_starts(text))
    assert backed(events) == [[0]]  # the given statements are replaced


def test_a_silence_after_an_event_does_not_make_it_the_latest_told():
    """A party's denial goes to the event last *told*, not the one last met by a silence."""
    text = report(
        "Joran Vell met Oskar Tamm at the border.",
        "Joran Vell later attended the Norvia talks.",
        "Vell and Tamm could not be reached.",
        "Tarik Bosun denied that Vell was there.",
    )
    events = [
        event(text, "met", "CONSULT", actors=[VELL, TAMM]),
        event(text, "attended", "CONSULT", actors=[VELL, NORVIA]),
    ]
    silence = statement(text, "Vell and Tamm could not be reached.", Stance.NO_RESPONSE, VELL)
    events[0].statements = [0]  # the silence backs the meeting (as link_statements does)
    denial = statement(
        text, "Tarik Bosun denied that Vell was there.", speaker=BOSUN, content="Vell was there"
    )
    attach_denials(events, [silence, denial], entities(text), (), text)
    assert backed(events) == [[0], [1]]


# -- what several speakers say together (share_among_speakers)


def test_speakers_given_one_statement_together_back_the_same_events():
    text = report(
        "Kestria sent drones to the Hadra Brigade.",
        "Vell and Tamm could not be reached for comment.",
    )
    sentence = "Vell and Tamm could not be reached for comment."
    statements = [
        statement(text, sentence, Stance.NO_RESPONSE, VELL),
        statement(text, sentence, Stance.NO_RESPONSE, TAMM),
    ]
    events = [event(text, "sent", actors=[KESTRIA], targets=[HADRA], statements=[1])]
    share_among_speakers(events, statements)
    assert backed(events) == [[0, 1]]


def test_one_speakers_two_stances_over_one_sentence_are_not_shared():
    """ "X denied that A was there, saying A met B": the assertion is not the denial."""
    text = report("Vell denied that Tamm attended, saying Tamm met Brak instead.")
    sentence = "Vell denied that Tamm attended, saying Tamm met Brak instead."
    statements = [
        statement(text, sentence, Stance.DENIES, VELL),
        statement(text, sentence, Stance.ASSERTS, VELL),
    ]
    events = [
        event(text, "attended", "CONSULT", actors=[TAMM], statements=[0]),
        event(text, "met", "CONSULT", actors=[TAMM, BRAK], statements=[1]),
    ]
    share_among_speakers(events, statements)
    assert backed(events) == [[0], [1]]


# -- a meeting tells who was there (entail_presence)

PRESENCE_LINES = (
    "Joran Vell met Oskar Tamm and Lena Brak in Norvia.",  # 0: the outlet
    "Tarik Bosun said Tamm did not attend, meeting Vell by chance instead.",  # 1, 2
    "Others confirmed his participation.",  # 3
    "Kestria later met Vell in Norvia.",  # 4: the outlet, after the presence
)


def presence_case() -> tuple[list[ReportEvent], list[ReportStatement]]:
    text = report(*PRESENCE_LINES)
    statements = [
        statement(text, PRESENCE_LINES[0], Stance.ASSERTS),
        statement(text, PRESENCE_LINES[1], Stance.DENIES, BOSUN),
        statement(text, PRESENCE_LINES[1], Stance.ASSERTS, BOSUN),
        statement(text, PRESENCE_LINES[2], Stance.ASSERTS, BRAK),
        statement(text, PRESENCE_LINES[3], Stance.ASSERTS),
    ]
    events = [
        event(text, "met Oskar", "CONSULT", actors=[VELL, TAMM, BRAK], statements=[0]),
        event(text, "meeting Vell", "CONSULT", actors=[TAMM, VELL], statements=[2]),
        event(text, "attend", "CONSULT", actors=[TAMM, VELL], statements=[1]),
        event(text, "participation", "CONSULT", actors=[TAMM, VELL], statements=[3]),
        event(text, "met Vell", "CONSULT", actors=[KESTRIA, VELL], statements=[4]),
    ]
    return events, statements


def test_a_meeting_report_backs_the_later_presence_of_its_parties():
    events, statements = presence_case()
    entail_presence(events, statements, report(*PRESENCE_LINES))
    attend, participation = backed(events)[2:4]
    assert 0 in attend and 0 in participation


def test_a_denier_s_alternative_meeting_does_not_confirm_the_presence():
    events, statements = presence_case()
    entail_presence(events, statements, report(*PRESENCE_LINES))
    assert 2 not in backed(events)[2] and 2 not in backed(events)[3]


def test_a_meeting_told_after_the_presence_does_not_back_it():
    events, statements = presence_case()
    entail_presence(events, statements, report(*PRESENCE_LINES))
    assert 4 not in backed(events)[2] and 4 not in backed(events)[3]


def test_presence_is_backed_by_assertions_only():
    events, statements = presence_case()
    events[0].statements = [0, 1]  # a denial on the meeting stays there
    entail_presence(events, statements, report(*PRESENCE_LINES))
    assert backed(events)[3] == [0, 3]


def test_a_meeting_sharing_one_of_several_parties_tells_no_presence():
    text = report("Kestria met Vell.", "Tamm and Brak confirmed Vell's attendance with Norvia.")
    statements = [statement(text, "Kestria met Vell.", Stance.ASSERTS)]
    events = [
        event(text, "met", "CONSULT", actors=[KESTRIA, VELL], statements=[0]),
        event(text, "attendance", "CONSULT", actors=[VELL, NORVIA]),
    ]
    entail_presence(events, statements, text)
    assert backed(events) == [[0], []]


# -- a body's silence covers its people (silence_of_bodies)


def body_silence_case(relations_of, *lines: str) -> list[ReportEvent]:
    """A meeting of Vell's, lines, then the Velor Front's silence."""
    silent = "The Velor Front did not respond to a request for comment."
    text = report("Joran Vell met Kestria's foreign minister.", *lines, silent)
    silence = statement(text, silent, Stance.NO_RESPONSE, VELOR)
    events = [event(text, "met", "CONSULT", actors=[VELL, KESTRIA])]
    silence_of_bodies(events, [silence], relations_of(text), text)
    return events


@pytest.mark.parametrize(
    ("tie", "backs"),
    [
        (RelationType.OFFICE_HOLDER_OF, True),
        (RelationType.SPOKESPERSON_OF, True),
        (RelationType.MEMBER_OF, True),
        (None, False),
    ],
)
def test_a_bodys_silence_backs_the_events_of_its_people(tie, backs: bool):
    events = body_silence_case(lambda text: [relation(text, tie, VELL, VELOR)] if tie else [])
    assert backed(events) == ([[0]] if backs else [[]])


def test_a_bodys_silence_does_not_reach_back_beyond_four_paragraphs():
    def member(text: str) -> list[ReportRelation]:
        return [relation(text, RelationType.MEMBER_OF, VELL, VELOR)]

    assert backed(body_silence_case(member, *["Nothing else happened."] * 3)) == [[0]]
    assert backed(body_silence_case(member, *["Nothing else happened."] * 4)) == [[]]

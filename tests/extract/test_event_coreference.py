"""One event told in several sentences: which event a later mention points back to.

Short reports written for these tests, run through the whole pipeline; each
test names the event it looks at by its trigger's words and checks which
statements back it (a statement backs an event when it tells it, here or
through a mention pointing back to it). The people and armed groups are
invented; countries and places are real because the pipeline only recognises
real ones.
"""

from __future__ import annotations

import pytest

FILLER = "Markets in the region were calm that week."


@pytest.fixture(scope="module")
def read(nlp):
    def run(*lines: str):
        text = "\n".join(lines) + "\n"
        doc = nlp.make_doc(text)
        doc._.dossier_published = "2022-01-20"
        return text, nlp(doc)

    return run


def event_at(text: str, doc, words: str) -> dict:
    start = text.index(words)
    found = [e for e in doc._.dossier_events if e["trigger"][0] == start]
    assert found, (words, doc._.dossier_events)
    return found[0]


def statement_of(text: str, doc, words: str) -> int:
    start = text.index(words)
    found = [n for n, s in enumerate(doc._.dossier_statements) if s["start"] <= start < s["end"]]
    assert found, (words, doc._.dossier_statements)
    return found[0]


def place_of(doc, event: dict) -> str | None:
    location = event["location"]
    return None if location is None else doc._.dossier_entities[location]["name"]


def test_a_meeting_on_a_visit_is_where_the_visit_went(read):
    text, doc = read("Karim Dost met Farid Hakimi while on a trip to Tehran.")
    assert place_of(doc, event_at(text, doc, "met")) == "Tehran"


def test_a_meeting_before_a_visit_is_not_placed_by_it(read):
    text, doc = read(
        "Karim Dost met Farid Hakimi, insisting that Dost come as a condition for his "
        "visit to Tehran."
    )
    assert place_of(doc, event_at(text, doc, "met")) is None


def test_the_meeting_points_to_the_main_clause_not_the_trip(read):
    """ "The meeting was arranged by X" tells the meeting itself, not the trip
    told beside it (and X's arranging is an event of its own)."""
    text, doc = read(
        "Karim Dost met Farid Hakimi while on a trip to Tehran.",
        "The meeting was arranged by Qatar, according to a source close to the Mountain Front.",
    )
    source = statement_of(text, doc, "The meeting was arranged")
    assert source in event_at(text, doc, "met")["statements"]
    assert source not in event_at(text, doc, "trip")["statements"]


def test_a_visit_points_back_to_a_visit_not_a_later_meeting(read):
    text, doc = read(
        "Karim Dost visited Tehran in May.",
        "Farid Hakimi met Omar Zand in Kabul in June.",
        "The visit was brief, a source said.",
    )
    source = statement_of(text, doc, "The visit was brief")
    assert source in event_at(text, doc, "visited")["statements"]
    assert source not in event_at(text, doc, "met")["statements"]


def test_talks_named_by_their_place_point_back_however_far(read):
    """ "the Doha talks" are the talks held in Doha, not the meetings told last."""
    text, doc = read(
        "Karim Dost held talks with Farid Hakimi in Doha in January.",
        *[FILLER] * 14,
        "Pakistan brokered meetings between the Taliban and the Mountain Front in Dubai.",
        "There was opposition within the Mountain Front to the Doha talks, a diplomat said.",
    )
    source = statement_of(text, doc, "There was opposition")
    assert source in event_at(text, doc, "talks with")["statements"]
    assert source not in event_at(text, doc, "brokered")["statements"]


def test_talks_named_by_another_place_do_not_point_back(read):
    text, doc = read(
        "Karim Dost held talks with Farid Hakimi in Doha in January.",
        "There was opposition within the Mountain Front to the Moscow talks, a diplomat said.",
    )
    source = statement_of(text, doc, "There was opposition")
    assert source not in event_at(text, doc, "talks with")["statements"]


def test_an_attendance_points_back_to_the_presence_told_last(read):
    """ "the attendance" is the presence told last, not the meeting told last."""
    text, doc = read(
        "Karim Dost met Farid Hakimi in Kabul last week.",
        "Leila Zand attended the meeting as well.",
        "Karim Dost later met Omar Brak in Herat.",
        "The Mountain Front's spokesperson offered no comment on the attendance.",
    )
    silence = statement_of(text, doc, "offered no comment")
    assert silence in event_at(text, doc, "attended")["statements"]
    assert silence not in event_at(text, doc, "met Omar")["statements"]

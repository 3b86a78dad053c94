"""Event resolution: which events of many reports are one happening.

Tables of pairs of :class:`EventKey` that :func:`same_happening`,
:func:`told_again` and :func:`same_presence` must join or keep apart (each
pair is checked both ways round), then :func:`cluster_events` on small
invented sets: joins through a third report, one report's events never in
one group, the canonical id, unknown reports and oversized blocks.

Party ids, places and trigger words are invented for these tests.
"""

from __future__ import annotations

import pytest

from dossier.resolve.events import (
    MAX_BLOCK,
    PRESENCE_SPAN,
    EventKey,
    cluster_events,
    same_happening,
    same_presence,
    told_again,
)


def ev(
    id: str = "v1",
    document: str | None = "d1",
    type: str = "AID",
    actors: tuple[str, ...] = ("e-kestria",),
    targets: tuple[str, ...] = ("e-hadra",),
    **fields,
) -> EventKey:
    return EventKey(id, document, type, frozenset(actors), frozenset(targets), **fields)


DAY = {"start": "2023-05-04", "end": "2023-05-04"}


def other(**fields) -> EventKey:
    """An event of another report (id v2, document d2), dated like :data:`DAY` by default."""
    values = {"id": "v2", "document": "d2", **DAY}
    values.update(fields)
    return ev(**values)


BASE = ev(**DAY)

# -- same_happening: (first, second, joined, why)

HAPPENING: list[tuple[EventKey, EventKey, bool]] = [
    pytest.param(BASE, other(), True, id="same type, parties and day"),
    pytest.param(BASE, other(type="ASSAULT"), False, id="different type"),
    pytest.param(
        BASE, other(actors=("e-norvia",), targets=("e-ulm",)), False, id="no shared party"
    ),
    pytest.param(BASE, other(negated=True), True, id="polarity not compared (reported and denied)"),
    # shared parties must be at least half of all the parties (CONSULT: roles not checked)
    pytest.param(
        ev(type="CONSULT", actors=("a", "b"), targets=(), **DAY),
        other(type="CONSULT", actors=("a", "b"), targets=("c", "d")),
        True,
        id="shared exactly half",
    ),
    pytest.param(
        ev(type="CONSULT", actors=("a", "b"), targets=(), **DAY),
        other(type="CONSULT", actors=("a", "b"), targets=("c", "d", "f")),
        False,
        id="shared less than half (2 of 5)",
    ),
    pytest.param(
        ev(type="CONSULT", actors=("a",), targets=("b",), **DAY),
        other(type="CONSULT", actors=("a",), targets=("c",)),
        False,
        id="shared 1 of 3",
    ),
    # directed types: a shared party on each side both fill
    pytest.param(
        BASE,
        other(actors=("e-hadra",), targets=("e-kestria",)),
        False,
        id="AID with roles swapped",
    ),
    pytest.param(
        ev(type="ASSAULT", actors=("a",), targets=("b",), **DAY),
        other(type="ASSAULT", actors=("b",), targets=("a",)),
        False,
        id="ASSAULT with roles swapped",
    ),
    pytest.param(
        ev(type="CONSULT", actors=("a",), targets=("b",), **DAY),
        other(type="CONSULT", actors=("b",), targets=("a",)),
        True,
        id="CONSULT with roles swapped: visitor and host either way",
    ),
    pytest.param(
        ev(actors=("a", "b"), targets=("c",), **DAY),
        other(actors=("a", "b"), targets=("d",)),
        False,
        id="same initiators, different recipients",
    ),
    pytest.param(
        ev(actors=("a",), targets=("b", "c"), **DAY),
        other(actors=("d",), targets=("b", "c")),
        False,
        id="same recipients, different initiators",
    ),
    pytest.param(BASE, other(targets=()), True, id="a side only one event fills is not compared"),
    # mode
    pytest.param(ev(mode="military", **DAY), other(mode="economic"), False, id="modes differ"),
    pytest.param(ev(mode="military", **DAY), other(mode=None), True, id="one mode unknown"),
    pytest.param(ev(mode="military", **DAY), other(mode="military"), True, id="same mode"),
    # place
    pytest.param(
        ev(location="p-arvel", **DAY), other(location="p-brisk"), False, id="places differ"
    ),
    pytest.param(ev(location="p-arvel", **DAY), other(), True, id="one place unknown"),
    # time: ISO prefixes are intervals that must touch
    pytest.param(BASE, other(start="2023-05-05", end="2023-05-05"), False, id="next day"),
    pytest.param(BASE, other(start="2023", end="2023"), True, id="year holds the day"),
    pytest.param(BASE, other(start="2023-05", end="2023-05"), True, id="month holds the day"),
    pytest.param(BASE, other(start="2022", end="2022"), False, id="another year"),
    pytest.param(BASE, other(start="2023-06", end="2023-06"), False, id="another month"),
    pytest.param(
        ev(start="2023-05", end="2023-05"),
        other(start="2023-05-31", end="2023-05-31"),
        True,
        id="month's last day",
    ),
    pytest.param(
        ev(start="2023-04", end="2023-04"),
        other(start="2023-05-01", end="2023-05-01"),
        False,
        id="day after the month",
    ),
    pytest.param(
        ev(start="2023-05-01", end="2023-05-04"),
        other(start="2023-05-04", end="2023-05-09"),
        True,
        id="intervals sharing a day",
    ),
    pytest.param(
        ev(start="2023-05-01", end="2023-05-03"),
        other(start="2023-05-04", end="2023-05-09"),
        False,
        id="intervals one day apart",
    ),
    pytest.param(
        ev(start=None, end="2023-05-04"),
        other(start="2023-05-04", end=None),
        True,
        id="an end alone or a start alone is that day",
    ),
    # undated: the same place, failing that the very same two or more parties
    pytest.param(
        ev(location="p-arvel"),
        other(location="p-arvel", targets=("e-hadra", "e-ulm")),
        True,
        id="undated, same place",
    ),
    pytest.param(
        ev(location="p-arvel"),
        other(start=None, end=None, location="p-arvel", targets=("e-hadra", "e-ulm")),
        True,
        id="both undated, same place",
    ),
    pytest.param(
        ev(), other(start=None, end=None), True, id="undated, no place, the same two parties"
    ),
    pytest.param(
        ev(),
        other(targets=("e-hadra", "e-ulm")),
        False,
        id="undated, no place, the parties not the very same",
    ),
    pytest.param(
        ev(location="p-arvel"),
        other(),
        True,
        id="undated with a place against dated without: the same two parties",
    ),
    pytest.param(
        ev(location="p-arvel"),
        other(targets=("e-hadra", "e-ulm")),
        False,
        id="a place on one side only is no anchor",
    ),
    pytest.param(
        ev(targets=()),
        other(targets=()),
        False,
        id="undated, no place, one party only",
    ),
    pytest.param(
        ev(type="CONSULT", actors=("a",), targets=("b",)),
        other(type="CONSULT", actors=("b",), targets=("a",), start=None, end=None),
        True,
        id="undated CONSULT of the same two either way round",
    ),
    # reports
    pytest.param(BASE, other(document="d1"), False, id="same report"),
]


@pytest.mark.parametrize(("first", "second", "joined"), HAPPENING)
def test_same_happening(first: EventKey, second: EventKey, joined: bool):
    assert same_happening(first, second) is joined
    assert same_happening(second, first) is joined


# -- told_again: one report, the same claim told twice

TOLD = ev(document="d1", word="supplied", start="2023-05", end="2023-05")


def retold(**fields) -> EventKey:
    values = {"id": "v2", "document": "d1", "word": "supplies", "start": None, "end": None}
    values.update(fields)
    return ev(**values)


TOLD_AGAIN: list = [
    pytest.param(TOLD, retold(), True, id="same stem, parties; one undated"),
    pytest.param(TOLD, retold(word="Supplying"), True, id="stem ignores case"),
    pytest.param(TOLD, retold(word="sent"), False, id="another trigger word"),
    pytest.param(TOLD, retold(negated=True), False, id="another polarity"),
    pytest.param(TOLD, retold(mode="military"), False, id="a mode on one only"),
    pytest.param(
        ev(mode="military", word="supplied"),
        retold(mode="military"),
        True,
        id="same mode",
    ),
    pytest.param(TOLD, retold(type="SUPPORT"), False, id="another type"),
    pytest.param(TOLD, retold(actors=("e-kestria", "e-norvia")), False, id="an extra initiator"),
    pytest.param(TOLD, retold(targets=()), False, id="recipient missing in one"),
    pytest.param(TOLD, retold(targets=("e-ulm",)), False, id="another recipient"),
    pytest.param(
        ev(actors=(), targets=(), word="supplied"),
        retold(actors=(), targets=()),
        False,
        id="no party at all",
    ),
    pytest.param(
        ev(actors=(), word="supplied"),
        retold(actors=()),
        True,
        id="no initiator in both, same recipient",
    ),
    pytest.param(
        ev(word="supplied", location="p-arvel"),
        retold(location="p-brisk"),
        False,
        id="places differ",
    ),
    pytest.param(ev(word="supplied", location="p-arvel"), retold(), True, id="one place unknown"),
    pytest.param(
        TOLD, retold(start="2023-07-02", end="2023-07-02"), False, id="times do not touch"
    ),
    pytest.param(TOLD, retold(start="2023-05-20", end="2023-05-20"), True, id="times touch"),
]


@pytest.mark.parametrize(("first", "second", "joined"), TOLD_AGAIN)
def test_told_again(first: EventKey, second: EventKey, joined: bool):
    assert told_again(first, second) is joined
    assert told_again(second, first) is joined


# -- same_presence: one party's presence at one meeting, told close together


def presence(word: str | None, position: int | None, **fields) -> EventKey:
    values = {
        "id": f"v{position}",
        "type": "CONSULT",
        "actors": ("e-velor",),
        "targets": (),
        "word": word,
        "position": position,
    }
    values.update(fields)
    return ev(**values)


PRESENCE: list = [
    pytest.param(
        presence("attend", 100, negated=True),
        presence("participation", 400),
        True,
        id="denied and confirmed",
    ),
    pytest.param(
        presence("present", 100), presence("presence", 900), True, id="present / presence"
    ),
    pytest.param(presence("president", 100), presence("presence", 900), False, id="not president"),
    pytest.param(
        presence("partnership", 100), presence("participation", 900), False, id="not partnership"
    ),
    pytest.param(
        presence("attendance", 0), presence("attended", PRESENCE_SPAN), True, id="at the span"
    ),
    pytest.param(
        presence("attendance", 0),
        presence("attended", PRESENCE_SPAN + 1),
        False,
        id="beyond the span",
    ),
    pytest.param(presence("attend", 100), presence("met", 200), False, id="not a presence word"),
    pytest.param(presence("attend", 100), presence(None, 200), False, id="no word"),
    pytest.param(
        presence("attend", 100),
        presence("participation", 200, type="SUPPORT"),
        False,
        id="not a meeting",
    ),
    pytest.param(
        presence("attend", 100),
        presence("participation", 200, actors=("e-ulm",)),
        False,
        id="no shared party",
    ),
    pytest.param(
        presence("attend", 100),
        presence("participation", 200, actors=(), targets=("e-velor",)),
        True,
        id="a shared party in either role",
    ),
    pytest.param(presence("attend", None), presence("participation", 200), False, id="no position"),
]


@pytest.mark.parametrize(("first", "second", "joined"), PRESENCE)
def test_same_presence(first: EventKey, second: EventKey, joined: bool):
    assert same_presence(first, second) is joined
    assert same_presence(second, first) is joined


def test_parties_are_actors_and_targets():
    assert ev(actors=("a",), targets=("b", "a")).parties == {"a", "b"}


# -- cluster_events


def test_cluster_joins_across_three_reports_through_the_middle_one():
    # the first and the last do not touch in time; the middle one touches both
    first = ev("v-c", "d1", start="2023-05-01", end="2023-05-03")
    middle = ev("v-b", "d2", start="2023-05-03", end="2023-05-06")
    last = ev("v-a", "d3", start="2023-05-06", end="2023-05-09")
    assert not same_happening(first, last)
    assert cluster_events([first, middle, last]) == {"v-a": "v-a", "v-b": "v-a", "v-c": "v-a"}


def test_cluster_canonical_id_is_the_smallest_whatever_the_order():
    events = [ev("v-9", "d9", **DAY), ev("v-10", "d1", **DAY), ev("v-5", "d5", **DAY)]
    expected = {"v-9": "v-10", "v-10": "v-10", "v-5": "v-10"}  # "v-10" < "v-5" < "v-9"
    assert cluster_events(events) == expected
    assert cluster_events(list(reversed(events))) == expected


def test_cluster_leaves_out_events_joined_with_nothing():
    events = [ev("v1", "d1", **DAY), ev("v2", "d2", **DAY), ev("v3", "d3", type="ASSAULT")]
    assert cluster_events(events) == {"v1": "v1", "v2": "v1"}
    assert cluster_events([ev("v1", "d1")]) == {}
    assert cluster_events([]) == {}


def test_cluster_never_joins_two_events_of_one_report_through_a_third():
    # two strikes one report tells apart (different words, so not told twice); another
    # report's undated strike by the same parties fits either of them
    morning = ev("v1", "d1", type="ASSAULT", word="shelled", start="2023-05-01", end="2023-05-01")
    evening = ev("v2", "d1", type="ASSAULT", word="bombed", start="2023-05-02", end="2023-05-02")
    vague = ev("v3", "d2", type="ASSAULT", word="struck")
    assert same_happening(morning, vague) and same_happening(evening, vague)
    groups = cluster_events([morning, evening, vague])
    assert len(groups) == 2
    assert groups["v3"] in {"v1", "v2"}
    assert groups.get("v1", "v1") != groups.get("v2", "v2")


def test_cluster_keeps_one_reports_groups_apart_after_a_join():
    # v1 (d1) and v2 (d2) join first; v3 (d1) also fits v2 but v2's group holds d1 already
    one = ev("v1", "d1", word="sent", start="2023-05", end="2023-05")
    two = ev("v2", "d2", word="gave")
    three = ev("v3", "d1", word="delivered", start="2023-05-20", end="2023-05-20")
    groups = cluster_events([one, two, three])
    assert groups.get("v1", "v1") != groups.get("v3", "v3")
    assert len(set(groups.values())) == 1 and len(groups) == 2


def test_cluster_does_not_join_events_of_one_report_as_one_happening():
    # they would pass same_happening's tests but for the report; not told twice either
    first = ev("v1", "d1", word="sent", **DAY)
    second = ev("v2", "d1", word="handed", **DAY)
    assert cluster_events([first, second]) == {}


def test_cluster_joins_a_claim_told_twice_in_one_report_then_across():
    first = ev("v2", "d1", word="supplied", **DAY)
    again = ev("v3", "d1", word="supplies")
    elsewhere = ev("v1", "d2", word="armed", start="2023-05", end="2023-05")
    assert cluster_events([first, again]) == {"v2": "v2", "v3": "v2"}
    assert cluster_events([first, again, elsewhere]) == {"v1": "v1", "v2": "v1", "v3": "v1"}


def test_cluster_joins_presence_reports_within_a_report():
    denied = presence("attend", 120, id="v1", negated=True)
    confirmed = presence("participation", 700, id="v2")
    far = presence("presence", 700 + PRESENCE_SPAN + 1, id="v3")
    assert cluster_events([denied, confirmed]) == {"v1": "v1", "v2": "v1"}
    # v3 is beyond the span from v2 and v1 alike
    assert "v3" not in cluster_events([denied, confirmed, far])


def test_cluster_keeps_events_of_unknown_reports_as_they_are():
    assert same_happening(ev("v1", None, **DAY), ev("v2", None, **DAY))
    assert cluster_events([ev("v1", None, **DAY), ev("v2", None, **DAY)]) == {}
    assert cluster_events([ev("v1", None, **DAY), ev("v2", "d2", **DAY)]) == {}
    known = cluster_events([ev("v1", None, **DAY), ev("v2", "d2", **DAY), ev("v3", "d3", **DAY)])
    assert known == {"v2": "v2", "v3": "v2"}


def lone_initiator(count: int) -> list[EventKey]:
    """``count`` reports of one initiator's AID on one day, naming no one else."""
    return [
        ev(f"v{n:04d}", f"d{n:04d}", actors=("e-big",), targets=(), **DAY) for n in range(count)
    ]


def test_cluster_compares_a_block_of_max_block_events():
    groups = cluster_events(lone_initiator(MAX_BLOCK))
    assert len(groups) == MAX_BLOCK
    assert set(groups.values()) == {"v0000"}


def test_cluster_skips_a_block_larger_than_max_block():
    assert cluster_events(lone_initiator(MAX_BLOCK + 1)) == {}


def test_cluster_compares_a_large_blocks_events_through_their_other_parties():
    events = lone_initiator(MAX_BLOCK + 1)
    events[3] = ev("v0003", "d0003", actors=("e-big",), targets=("e-small",), **DAY)
    events[7] = ev("v0007", "d0007", actors=("e-big",), targets=("e-small",), **DAY)
    assert cluster_events(events) == {"v0003": "v0003", "v0007": "v0003"}

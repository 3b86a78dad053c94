"""Judgements: the actors are the connected groups of ``same`` decisions on pairs.

:func:`canonical_map` on hand-made decision lists: transitive groups with the
smallest id canonical, ``unsure``/``different`` not grouping, the analyst
outranking dossier on one pair (in either order of input), an analyst's
``different`` keeping two groups apart, and an analyst's ``same`` joining on
its own. Ids are short invented strings ("e-a" < "e-b" < ...).
"""

from __future__ import annotations

import itertools

import pytest

from dossier.resolve.judgements import ANALYST, DOSSIER, Decision, canonical_map, pair


def same(left: str, right: str, origin: str = DOSSIER) -> Decision:
    return Decision(left, right, "same", origin)


def different(left: str, right: str, origin: str = DOSSIER) -> Decision:
    return Decision(left, right, "different", origin)


def unsure(left: str, right: str, origin: str = DOSSIER) -> Decision:
    return Decision(left, right, "unsure", origin)


def group_of(mapping: dict[str, str], entity: str) -> str:
    return mapping.get(entity, entity)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("e-a", "e-b", ("e-a", "e-b")), ("e-b", "e-a", ("e-a", "e-b")), ("e-a", "e-a", ("e-a",) * 2)],
)
def test_pair_is_in_stored_order(first: str, second: str, expected: tuple[str, str]):
    assert pair(first, second) == expected


def test_no_decisions_no_groups():
    assert canonical_map([]) == {}


def test_a_same_pair_is_one_group_under_the_smaller_id():
    assert canonical_map([same("e-b", "e-k")]) == {"e-b": "e-b", "e-k": "e-b"}


def test_a_same_pair_given_in_reverse_order_is_one_group_too():
    assert canonical_map([same("e-k", "e-b")]) == {"e-b": "e-b", "e-k": "e-b"}


@pytest.mark.parametrize(
    "order", list(itertools.permutations(range(3))), ids=lambda o: "".join(map(str, o))
)
def test_same_pairs_are_grouped_transitively_whatever_the_order(order):
    decisions = [same("e-d", "e-f"), same("e-c", "e-f"), same("e-b", "e-d")]
    decisions = [decisions[n] for n in order]
    expected = dict.fromkeys(("e-b", "e-c", "e-d", "e-f"), "e-b")
    assert canonical_map(decisions) == expected


def test_two_chains_stay_two_groups():
    decisions = [same("e-a", "e-c"), same("e-b", "e-d"), same("e-d", "e-f")]
    assert canonical_map(decisions) == {
        "e-a": "e-a",
        "e-c": "e-a",
        "e-b": "e-b",
        "e-d": "e-b",
        "e-f": "e-b",
    }


@pytest.mark.parametrize("judgement", ["unsure", "different"])
@pytest.mark.parametrize("origin", [DOSSIER, ANALYST])
def test_unsure_and_different_do_not_group(judgement: str, origin: str):
    assert canonical_map([Decision("e-a", "e-b", judgement, origin)]) == {}


def test_unsure_does_not_bridge_two_groups():
    decisions = [same("e-a", "e-b"), unsure("e-b", "e-c"), same("e-c", "e-d")]
    assert canonical_map(decisions) == {"e-a": "e-a", "e-b": "e-a", "e-c": "e-c", "e-d": "e-c"}


@pytest.mark.parametrize("analyst_first", [True, False])
@pytest.mark.parametrize(
    ("dossier_says", "analyst_says", "joined"),
    [
        ("same", "different", False),
        ("same", "unsure", False),
        ("different", "same", True),
        ("unsure", "same", True),
    ],
)
def test_the_analyst_outranks_dossier_on_one_pair(
    dossier_says: str, analyst_says: str, joined: bool, analyst_first: bool
):
    ours = Decision("e-a", "e-b", dossier_says, DOSSIER)
    theirs = Decision("e-a", "e-b", analyst_says, ANALYST)
    decisions = [theirs, ours] if analyst_first else [ours, theirs]
    assert canonical_map(decisions) == ({"e-a": "e-a", "e-b": "e-a"} if joined else {})


@pytest.mark.parametrize("analyst_first", [True, False])
def test_the_analyst_outranks_dossier_on_a_pair_written_the_other_way_round(analyst_first):
    ours = same("e-a", "e-b")
    theirs = different("e-b", "e-a", ANALYST)
    decisions = [theirs, ours] if analyst_first else [ours, theirs]
    assert canonical_map(decisions) == {}


@pytest.mark.parametrize(
    "order", list(itertools.permutations(range(3))), ids=lambda o: "".join(map(str, o))
)
def test_an_analysts_different_keeps_two_groups_apart_against_a_dossier_chain(order):
    # dossier: a ~ b ~ c; the analyst: a is not c. a and c never share a group.
    decisions = [same("e-a", "e-b"), same("e-b", "e-c"), different("e-a", "e-c", ANALYST)]
    mapping = canonical_map([decisions[n] for n in order])
    assert group_of(mapping, "e-a") != group_of(mapping, "e-c")
    # one of the dossier pairs is still kept: b is with a or with c
    assert group_of(mapping, "e-b") in {group_of(mapping, "e-a"), group_of(mapping, "e-c")}
    assert len(mapping) == 2


def test_an_analysts_different_keeps_apart_groups_joined_only_at_their_far_ends():
    # two dossier groups {a, b, c} and {d, f, g}; a dossier pair c ~ d would bridge them;
    # the analyst said a is not g
    decisions = [
        same("e-a", "e-b"),
        same("e-b", "e-c"),
        same("e-d", "e-f"),
        same("e-f", "e-g"),
        same("e-c", "e-d"),
        different("e-a", "e-g", ANALYST),
    ]
    mapping = canonical_map(decisions)
    assert group_of(mapping, "e-a") != group_of(mapping, "e-g")
    # only one dossier pair is left out: the other five still join six entities in two
    groups = {group_of(mapping, e) for e in ("e-a", "e-b", "e-c", "e-d", "e-f", "e-g")}
    assert len(groups) == 2
    assert {group_of(mapping, e) for e in ("e-a", "e-b", "e-c")} == {"e-a"}


def test_an_analysts_same_pair_wins_over_a_dossier_pair_in_the_way():
    # dossier says a ~ b, the analyst says b ~ c and a is not c: the dossier pair goes
    decisions = [same("e-a", "e-b"), same("e-b", "e-c", ANALYST), different("e-a", "e-c", ANALYST)]
    assert canonical_map(decisions) == {"e-b": "e-b", "e-c": "e-b"}


def test_a_dossier_different_does_not_keep_groups_apart():
    # documented limit: dossier's own "different" only records that a pair was looked at
    decisions = [same("e-a", "e-b"), same("e-b", "e-c"), different("e-a", "e-c")]
    assert canonical_map(decisions) == dict.fromkeys(("e-a", "e-b", "e-c"), "e-a")


def test_an_analysts_same_joins_with_nothing_else():
    assert canonical_map([same("e-x", "e-q", ANALYST)]) == {"e-q": "e-q", "e-x": "e-q"}


def test_an_analysts_same_joins_two_dossier_groups():
    decisions = [same("e-a", "e-b"), same("e-c", "e-d"), same("e-d", "e-b", ANALYST)]
    assert canonical_map(decisions) == dict.fromkeys(("e-a", "e-b", "e-c", "e-d"), "e-a")


def test_entities_in_no_group_are_not_in_the_map():
    decisions = [same("e-a", "e-b"), unsure("e-c", "e-d"), different("e-f", "e-g", ANALYST)]
    assert set(canonical_map(decisions)) == {"e-a", "e-b"}

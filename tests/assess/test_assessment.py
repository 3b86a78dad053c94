"""Assessments: status, independent sources, credibility and rationale from evidence."""

from __future__ import annotations

import pytest

from dossier.assess.assessment import assess
from dossier.assess.credibility import check_reliability
from dossier.assess.evidence import Evidence, source_key


def named(sid, speaker, stance="asserts", outlet="Daily Ledger", **extra):
    return Evidence(
        sid,
        stance,
        f"d-{outlet}",
        outlet,
        speaker=speaker,
        speaker_name=speaker.title(),
        speaker_text=speaker.title(),
        **extra,
    )


def anonymous(sid, outlet="Daily Ledger", affiliation=None, stance="asserts", **extra):
    return Evidence(
        sid,
        stance,
        f"d-{outlet}",
        outlet,
        speaker_text="a source",
        anonymous=True,
        affiliation=affiliation,
        affiliation_name=affiliation,
        **extra,
    )


def outlet_voice(sid, outlet="Daily Ledger", **extra):
    return Evidence(sid, "asserts", f"d-{outlet}", outlet, **extra)


CASES = [
    # (name, evidence, status, independent sources, credibility)
    ("two named sources", [named("s1", "e-ana"), named("s2", "e-ben")], "corroborated", 2, 1),
    (
        "one named source quoted by two outlets",
        [named("s1", "e-ana"), named("s2", "e-ana", outlet="Evening Post")],
        "single_source",
        1,
        2,
    ),
    ("one anonymous source", [anonymous("s1")], "single_source", 1, 3),
    (
        "repeats of one outlet's anonymous sources count once",
        [anonymous("s1"), anonymous("s2"), anonymous("s3")],
        "single_source",
        1,
        3,
    ),
    (
        "anonymous sources of two outlets are two",
        [anonymous("s1"), anonymous("s2", outlet="Evening Post")],
        "corroborated",
        2,
        2,
    ),
    (
        "anonymous sources with two affiliations are two",
        [anonymous("s1", affiliation="e-front"), anonymous("s2", affiliation="e-army")],
        "corroborated",
        2,
        2,
    ),
    (
        "asserted and denied",
        [named("s1", "e-ana"), anonymous("s2"), named("s3", "e-cal", stance="denies")],
        "contested",
        2,
        4,
    ),
    (
        "denied by more sources than assert it",
        [
            anonymous("s1"),
            named("s2", "e-ben", stance="denies"),
            named("s3", "e-cal", stance="denies"),
        ],
        "contested",
        1,
        5,
    ),
    ("only denied", [named("s1", "e-cal", stance="denies")], "denied", 0, 5),
    ("only the outlet's voice", [outlet_voice("s1")], "unverified", 1, 3),
    ("only hedged", [named("s1", "e-ana", hedged=True)], "unverified", 1, 4),
    ("only silence", [named("s1", "e-ana", stance="no_response")], "unverified", 0, 6),
    (
        "a statement of the negation is a denial",
        [named("s1", "e-ana"), named("s2", "e-ben", reverses=True)],
        "contested",
        1,
        4,
    ),
    (
        "an outlet quoting another outlet is that outlet",
        [
            outlet_voice("s1", outlet="Evening Post"),
            named("s2", "e-post", quoted_outlet="Evening Post"),
        ],
        "single_source",
        1,
        2,
    ),
]


@pytest.mark.parametrize(
    "evidence,status,sources,grade", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_status(evidence, status, sources, grade):
    result = assess("v-1", evidence)
    assert result.status == status
    assert result.independent_sources == sources
    assert result.credibility == grade
    assert result.rationale.startswith(status.replace("_", " "))


def test_sides_and_record():
    evidence = [
        named("s1", "e-ana"),
        named("s2", "e-cal", stance="denies"),
        named("s3", "e-dan", stance="declines_comment"),
        named("s4", "e-eve", stance="no_response"),
        named("s1", "e-ana"),  # the same statement twice counts once
    ]
    record = assess("v-1", evidence).to_record()
    assert record["kind"] == "assessment" and record["about"] == "v-1"
    assert record["id"] == assess("v-1", []).id  # the id hashes what is assessed
    assert (record["supporting"], record["denying"], record["silent"]) == (
        ["s1"],
        ["s2"],
        ["s3", "s4"],
    )
    assert "denied by E-Cal" in record["rationale"]
    assert "no comment from E-Dan" in record["rationale"]
    assert "no response from E-Eve" in record["rationale"]


def test_reliability_lifts_a_single_anonymous_source():
    evidence = [anonymous("s1", outlet="Daily Ledger")]
    assert assess("v-1", evidence).credibility == 3
    graded = assess("v-1", evidence, {"daily ledger": "B"})
    assert graded.credibility == 2
    assert graded.sources[0].reliability == "B"
    assert "[B]" in graded.rationale


def test_source_keys():
    assert source_key(named("s1", "e-ana")) == source_key(named("s2", "e-ana", outlet="X"))
    assert source_key(anonymous("s1")) != source_key(anonymous("s2", outlet="Evening Post"))
    assert source_key(outlet_voice("s1")) == ("outlet", "daily ledger")


@pytest.mark.parametrize("grade", ["a", "B ", "f"])
def test_reliability_grades(grade):
    assert check_reliability(grade) == grade.strip().upper()


@pytest.mark.parametrize("grade", ["G", "", "AB", "1"])
def test_bad_reliability_grades(grade):
    with pytest.raises(ValueError):
        check_reliability(grade)

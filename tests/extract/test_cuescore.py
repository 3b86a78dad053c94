"""The cue scorer: features of the rules' candidates, and what it keeps or drops."""

from __future__ import annotations

import pytest

from dossier.extract.attribution import AttributionFinder
from dossier.extract.cuescore import KEPT_KINDS, CueScorer, cue_features, cue_scorer


@pytest.fixture(scope="module")
def nlp(english):
    """The English pipeline alone: these rules read the parse only."""
    return english


def _cue(text: str, attribution) -> str:
    return " ".join(text[s:e] for s, e in attribution.cue)


def test_features_describe_the_candidate(nlp) -> None:
    text = "The mayor said on Monday that the bridge would reopen."
    doc = nlp(text)
    (attribution, where), *_ = AttributionFinder(scorer=False).candidates(doc, text)
    features = cue_features(doc, text, attribution, embedded=where)
    assert len(features) == len(set(features))
    for expected in (
        "kind=verb",
        "lemma=say",
        "kind_lemma=verb|say",
        "tag=VBD",
        "source_where=before",
        "content_where=after",
        "child=ccomp",
        "embedded=no",
    ):
        assert expected in features


def test_a_quoted_content_and_a_pronoun_source_are_features(nlp) -> None:
    text = "“We will rebuild the bridge,” she said."
    doc = nlp(text)
    candidates = AttributionFinder(scorer=False).candidates(doc, text)
    features = cue_features(doc, text, candidates[0][0])
    assert "content_quoted=True" in features
    assert "source=pronoun_she" in features
    assert "content_where=before" in features


SCORER = CueScorer(
    weights={"lemma=say": 3.0, "lemma=find": -3.0, "lemma=repair": 2.0, "lemma=eat": -3.0},
    bias=0.0,
    threshold=0.6,
    floor=0.3,
)


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a rule's own candidate is dropped only under the floor
        ("The minister said the talks had failed.", ["said"], []),
        ("The inspectors found that the walls had cracked.", [], ["found"]),
        # a broad candidate (any verb with a holder subject) needs the threshold
        ("The senator repaired the old fence.", ["repaired"], []),
        ("The senator ate a sandwich.", [], ["ate"]),
        # silences are never dropped, whatever the weights
        ("The ministry did not respond to a request for comment.", ["respond"], []),
    ],
)
def test_the_scorer_keeps_and_drops(nlp, text: str, kept: list[str], dropped: list[str]) -> None:
    scored = [_cue(text, a) for a in AttributionFinder(scorer=SCORER)(nlp(text))]
    for cue in kept:
        assert any(cue in found.split() for found in scored), scored
    for cue in dropped:
        assert all(cue not in found.split() for found in scored), scored


def test_without_a_scorer_no_broad_candidate_is_proposed(nlp) -> None:
    text = "The senator repaired the old fence."
    doc = nlp(text)
    assert [a.kind for a, _ in AttributionFinder(scorer=False).candidates(doc, text)] == []
    broad = AttributionFinder(scorer=SCORER).candidates(doc, text)
    assert [(a.kind, _cue(text, a), a.propositional) for a, _ in broad] == [
        ("broad", "repaired", False)
    ]


def test_reports_told_inside_another_report_stay_dropped(nlp) -> None:
    """The scorer never brings back what the rules drop as embedded."""
    text = "The mayor said her aide told reporters the bridge was safe."
    always = CueScorer(weights={}, bias=50.0, threshold=0.0, floor=0.0)
    doc = nlp(text)
    candidates = AttributionFinder(scorer=always).candidates(doc, text)
    assert ("told", "governed") in [(_cue(text, a), where) for a, where in candidates]
    found = [_cue(text, a) for a in AttributionFinder(scorer=always)(doc)]
    assert found == ["said"]


def test_probability_is_logistic_and_bounded() -> None:
    scorer = CueScorer(weights={"a": 1000.0, "b": -1000.0}, bias=0.0, threshold=0.5)
    assert scorer.probability([]) == 0.5
    assert scorer.probability(["a"]) == pytest.approx(1.0)
    assert scorer.probability(["b"]) == pytest.approx(0.0)
    assert scorer.probability(["unknown"]) == 0.5


def test_the_shipped_weights_load_and_keep_plain_reports(nlp) -> None:
    scorer = cue_scorer()
    assert scorer is not None
    assert 0.0 < scorer.floor <= scorer.threshold < 1.0
    assert len(scorer.weights) > 1000
    assert {"silence", "according"} <= KEPT_KINDS
    text = (
        "The minister said the talks had failed. According to the ministry, the border "
        "is closed. The army did not respond to a request for comment."
    )
    found = [_cue(text, a) for a in AttributionFinder()(nlp(text))]
    assert any("said" in cue for cue in found)
    assert any("According" in cue for cue in found)
    assert any("respond" in cue for cue in found)

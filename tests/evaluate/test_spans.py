"""Per-role scoring of attributions: pairing, exact, overlap and proportional measures.

The sentences are made up for these tests.
"""

from __future__ import annotations

import itertools
import random

import pytest

from dossier.evaluate.spans import (
    Score,
    SpanScores,
    cue_overlap,
    normalise,
    pair_attributions,
    score,
    tokens,
)


def span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    """The (start, end) of the n-th occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def attribution(text: str, source=None, cue=None, content=None) -> dict:
    """An attribution from parts of ``text`` (a string or a list of strings per role)."""

    def fragments(parts):
        if parts is None:
            return []
        if isinstance(parts, str):
            parts = [parts]
        return [span(text, part) for part in parts]

    return {"source": fragments(source), "cue": fragments(cue), "content": fragments(content)}


def counts(measure: Score) -> tuple[int, int, int]:
    return measure.tp, measure.predicted, measure.gold


SAID = 'The minister said "the border will reopen on Monday." Nobody else spoke.'


# -- Score ---------------------------------------------------------------------


def test_score_ratios_and_undefined_f1():
    assert Score().f1 == 0.0 and Score().precision == 0.0 and Score().recall == 0.0
    assert Score(tp=0, predicted=3, gold=2).f1 == 0.0
    measure = Score(tp=1, predicted=2, gold=4)
    assert measure.precision == 0.5 and measure.recall == 0.25
    assert measure.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


# -- normalisation and tokens ----------------------------------------------------


def test_normalise_trims_quotes_punctuation_and_whitespace():
    text = " “No deal,” he said. "
    assert normalise(text, [(0, len(text))]) == (span(text, "No deal,” he said"),)
    assert normalise(text, [span(text, " “No deal,” ")]) == (span(text, "No deal"),)
    assert normalise(text, [span(text, "No deal")]) == (span(text, "No deal"),)


def test_normalise_keeps_punctuation_only_fragments_and_merges_across_punctuation():
    text = 'Trump: "We will win," "Believe me."'
    assert normalise(text, [span(text, ": ")]) == (span(text, ":"),)
    split = [span(text, "We will win"), span(text, "Believe me")]
    whole = (span(text, 'We will win," "Believe me'),)
    assert normalise(text, split) == normalise(text, list(whole)) == whole
    # Fragments separated by words stay apart.
    apart = "A, he said, B"
    assert len(normalise(apart, [span(apart, "A"), span(apart, "B")])) == 2


def test_tokens_are_word_runs_touched_by_a_fragment():
    text = "The U.S. envoy's visit"
    assert tokens(text, [span(text, "U.S.")]) == {span(text, "U"), span(text, "S")}
    # A fragment that cuts a word still holds the word.
    assert tokens(text, [span(text, "nvo")]) == {span(text, "envoy")}
    # Punctuation only: its non-whitespace characters are the tokens.
    assert tokens("Trump: yes", [(5, 7)]) == {(5, 6)}
    assert tokens("a b", []) == set()


def test_cue_overlap_ignores_whitespace():
    text = "they said so"
    assert cue_overlap(text, [span(text, "they said")], [span(text, " said so")]) == 4
    assert cue_overlap(text, [span(text, "they ")], [span(text, " said")]) == 0


# -- exact versus overlap --------------------------------------------------------------


def test_exact_ignores_quotes_overlap_needs_a_shared_word():
    gold = [attribution(SAID, "The minister", "said", '"the border will reopen on Monday."')]
    same = [attribution(SAID, "minister", "said", "the border will reopen on Monday")]
    scores = score([(SAID, gold, same)])
    assert counts(scores.roles["content"].exact) == (1, 1, 1)
    assert counts(scores.roles["cue"].exact) == (1, 1, 1)
    # "minister" != "The minister": not exact, but overlapping.
    assert counts(scores.roles["source"].exact) == (0, 1, 1)
    assert counts(scores.roles["source"].overlap) == (1, 1, 1)

    shorter = [attribution(SAID, "The minister", "said", "the border")]
    scores = score([(SAID, gold, shorter)])
    assert counts(scores.roles["content"].exact) == (0, 1, 1)
    assert counts(scores.roles["content"].overlap) == (1, 1, 1)
    assert counts(scores.roles["content"].proportional) == (2, 2, 6)


def test_sharing_only_punctuation_is_no_overlap():
    text = 'He said: "Go." She said: "Stay."'
    gold = [{"source": [span(text, "He")], "cue": [span(text, "said")], "content": [(9, 14)]}]
    assert text[9:14] == '"Go."' and text[12:15] == '." '
    predicted = [
        {"source": [span(text, "He")], "cue": [span(text, "said")], "content": [(12, 15)]}
    ]  # shares only punctuation with the gold content
    scores = score([(text, gold, predicted)])
    assert counts(scores.roles["content"].overlap) == (0, 1, 1)


def test_colon_cue_is_compared_by_its_character():
    text = 'Trump: "We will win."'
    gold = [attribution(text, "Trump", ":", "We will win.")]
    assert score([(text, gold, gold)]).roles["cue"].overlap.f1 == 1.0
    assert score([(text, gold, gold)]).roles["cue"].exact.f1 == 1.0


def test_discontinuous_fragments():
    text = '"The talks failed," the envoy said, "and will not resume."'
    gold = [
        attribution(text, "the envoy", "said", ['"The talks failed,"', '"and will not resume."'])
    ]
    both = [attribution(text, "the envoy", "said", ["The talks failed", "and will not resume"])]
    first_only = [attribution(text, "the envoy", "said", "The talks failed")]
    scores = score([(text, gold, both)])
    assert counts(scores.roles["content"].exact) == (1, 1, 1)
    scores = score([(text, gold, first_only)])
    assert counts(scores.roles["content"].exact) == (0, 1, 1)
    assert counts(scores.roles["content"].overlap) == (1, 1, 1)
    assert counts(scores.roles["content"].proportional) == (3, 3, 7)


# -- unpaired attributions and missing roles ----------------------------------------------


def test_unpaired_predictions_and_gold_count_against_precision_and_recall():
    text = "Officials said the road was closed. Witnesses reported shooting."
    gold = [
        attribution(text, "Officials", "said", "the road was closed"),
        attribution(text, "Witnesses", "reported", "shooting"),
    ]
    predicted = [
        attribution(text, "Officials", "said", "the road was closed"),
        attribution(text, None, "closed", "the road"),  # cue overlaps no gold cue
    ]
    scores = SpanScores()
    result = scores.add(text, gold, predicted)
    assert result.pairs == [(0, 0)]
    assert result.unpaired_gold == [1] and result.unpaired_predicted == [1]
    assert (scores.texts, scores.gold, scores.predicted, scores.paired) == (1, 2, 2, 1)
    assert counts(scores.roles["cue"].exact) == (1, 2, 2)
    assert counts(scores.roles["content"].overlap) == (1, 2, 2)
    # The unpaired prediction has no source: it does not count against source precision.
    assert counts(scores.roles["source"].exact) == (1, 1, 2)
    # Proportional: tokens of every attribution; shared ones from the pair only.
    assert counts(scores.roles["content"].proportional) == (4, 4 + 2, 4 + 1)


def test_role_missing_on_one_side():
    text = "The vote was postponed, it was announced."
    gold = [attribution(text, None, "was announced", "The vote was postponed")]
    guessed = [attribution(text, "it", "was announced", "The vote was postponed")]
    scores = score([(text, gold, guessed)])
    assert counts(scores.roles["source"].exact) == (0, 1, 0)
    assert counts(scores.roles["source"].overlap) == (0, 1, 0)
    assert scores.roles["source"].exact.f1 == 0.0
    assert counts(scores.roles["content"].exact) == (1, 1, 1)
    # And the other way round: gold has a source the prediction lacks.
    scores = score([(text, guessed, gold)])
    assert counts(scores.roles["source"].overlap) == (0, 0, 1)


def test_sums_over_texts():
    first = "A said B."
    second = "C told D."
    gold_first = [attribution(first, "A", "said", "B")]
    gold_second = [attribution(second, "C", "told", "D")]
    scores = score([(first, gold_first, gold_first), (second, gold_second, [])])
    assert scores.texts == 2
    assert counts(scores.roles["cue"].exact) == (1, 1, 2)
    assert scores.roles["cue"].exact.precision == 1.0
    assert scores.roles["cue"].exact.recall == 0.5


# -- pairing ---------------------------------------------------------------------------------


def cues(*spans: tuple[int, int]) -> list[dict]:
    return [{"cue": [s]} for s in spans]


def test_pairing_maximises_pairs_before_overlap():
    text = "alpha beta gamma"
    gold = cues((0, 10), (11, 16))  # "alpha beta", "gamma"
    # The first prediction overlaps the first gold cue most (9 characters), but pairing
    # it there would leave the second prediction alone.
    predicted = cues((0, 16), (0, 5))
    assert pair_attributions(text, gold, predicted) == [(0, 1), (1, 0)]


def test_pairing_prefers_larger_cue_overlap():
    text = "they told reporters"
    gold = cues((5, 19))  # "told reporters"
    predicted = cues((5, 9), (5, 19))  # "told", "told reporters"
    assert pair_attributions(text, gold, predicted) == [(0, 1)]


def test_pairing_ties_on_cue_go_to_the_better_source_and_content():
    text = 'Rivera said "prices rose" and said "wages fell".'
    gold = [attribution(text, "Rivera", "said", '"wages fell"')]
    gold[0]["cue"] = [span(text, "said", 1)]
    predicted = [
        {"source": [span(text, "Rivera")], "cue": [span(text, "said", 1)], "content": []},
        {
            "source": [span(text, "Rivera")],
            "cue": [span(text, "said", 1)],
            "content": [span(text, "wages fell")],
        },
    ]
    assert pair_attributions(text, gold, predicted) == [(0, 1)]
    # Equal in every way: the earlier prediction.
    assert pair_attributions(text, gold, [predicted[1], predicted[1]]) == [(0, 0)]


def test_attribution_without_cue_is_never_paired():
    text = "Officials said so."
    gold = [attribution(text, "Officials", "said", "so")]
    predicted = [attribution(text, "Officials", None, "so")]
    assert pair_attributions(text, gold, predicted) == []
    assert pair_attributions(text, [], predicted) == []


def brute_force(text, gold, predicted):
    """The best (pairs, cue overlap, source+content tokens) over all matchings."""
    edges = {}
    for g, p in itertools.product(range(len(gold)), range(len(predicted))):
        shared = cue_overlap(text, gold[g]["cue"], predicted[p]["cue"])
        if shared:
            rest = sum(
                len(tokens(text, gold[g][r]) & tokens(text, predicted[p][r]))
                for r in ("source", "content")
            )
            edges[g, p] = (shared, rest)
    best = (0, 0, 0)
    keys = list(edges)
    for size in range(len(keys) + 1):
        for chosen in itertools.combinations(keys, size):
            if len({g for g, _ in chosen}) < size or len({p for _, p in chosen}) < size:
                continue
            value = (
                size,
                sum(edges[e][0] for e in chosen),
                sum(edges[e][1] for e in chosen),
            )
            best = max(best, value)
    return best, edges


@pytest.mark.parametrize("seed", range(40))
def test_pairing_is_optimal_on_random_cases(seed):
    rng = random.Random(seed)
    text = " ".join(rng.choice(["ab", "cd", "ef", ":", "gh"]) for _ in range(12))

    def random_attribution():
        def fragment():
            start = rng.randrange(0, len(text) - 1)
            return (start, min(len(text), start + rng.randint(1, 8)))

        return {
            "source": [fragment()] if rng.random() < 0.7 else [],
            "cue": [fragment()],
            "content": [fragment() for _ in range(rng.randint(0, 2))],
        }

    gold = [random_attribution() for _ in range(rng.randint(1, 4))]
    predicted = [random_attribution() for _ in range(rng.randint(1, 4))]
    pairs = pair_attributions(text, gold, predicted)
    best, edges = brute_force(text, gold, predicted)
    assert all(pair in edges for pair in pairs)
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)
    got = (
        len(pairs),
        sum(edges[e][0] for e in pairs),
        sum(edges[e][1] for e in pairs),
    )
    assert got == best

"""A learned check on the attribution rules' candidates: keep a cue or drop it.

The rules of :mod:`dossier.extract.attribution` find candidate cues by their
words and their place in the parse. Some kinds of candidate are right most of
the time ("said" with a subject), others only now and then ("found", "saw",
a report told inside another report's clause). :class:`CueScorer` weighs each
candidate by what the rules already know about it (its kind, the cue's lemma,
tag and dependency, its children and governor, the shape of its source and
content) with a logistic model: a rule's own candidate is dropped when that
probability is under the model's floor, a ``broad`` one (an act told by a
verb no list holds) kept when it reaches the threshold. A candidate told
inside another report or a quotation stays dropped, as the rules drop it.

The weights are data (``data/cue_weights.json``), fitted on the training
split of the PolNeAR corpus (Newell, Margolin and Ruths, LREC 2018) by
``tools/train_cue_scorer.py``; they hold feature names (words of the rule
lists, parser labels) and numbers, no text of the corpus.

Limits: the model sees only the features below, the parse's view of the
sentence; it learns what PolNeAR's annotators call an attribution in US
political news of 2016, and carries that corpus's choices elsewhere (it
keeps acts and stances such as "voted for the bill" as attributions because
PolNeAR does). It can only drop candidates the rules propose: a cue no rule
finds stays missed.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from dossier.extract.attribution import Attribution

QUOTE_MARKS = frozenset('“”"‘’«»')
OPENING_QUOTES = "“\"‘«'`"
WEIGHTS = "cue_weights.json"


def cue_features(doc: Doc, text: str, attribution: Attribution, *, embedded: str = "") -> list[str]:
    """The features of one candidate attribution (strings, each present once).

    ``text`` is ``doc.text``.

    ``embedded`` says where a candidate the rules would drop sits: ``quoted``
    (inside a quotation), ``governed`` (in the clause another report
    governs), ``according`` (in what an "according to" qualifies),
    ``nested`` (inside another attribution's content), or ``""``.
    """
    head = doc[attribution.cue_head]
    kind = attribution.kind
    lemma = head.lemma_.lower()
    features = [
        f"kind={kind}",
        f"lemma={lemma}",
        f"kind_lemma={kind}|{lemma}",
        f"tag={head.tag_}",
        f"kind_tag={kind}|{head.tag_}",
        f"lemma_tag={lemma}|{head.tag_}",
        f"dep={head.dep_}",
        f"kind_dep={kind}|{head.dep_}",
        f"head_dep={head.head.dep_ if head.head.i != head.i else 'ROOT'}",
        f"stance={attribution.stance.value}",
        f"propositional={attribution.propositional}",
        f"hedged={attribution.hedged}",
        f"embedded={embedded or 'no'}",
        f"kind_embedded={kind}|{embedded or 'no'}",
        f"cue_words={min(sum(len(text[s:e].split()) for s, e in attribution.cue), 4)}",
    ]
    if embedded:
        features.append(f"lemma_embedded={lemma}|{embedded}")
    features.append(f"lemma_dep={lemma}|{head.dep_}")
    for child in head.children:
        dep = child.dep_
        if dep in {"ccomp", "xcomp", "dobj", "prep", "dative", "attr", "acomp", "advcl", "prt"}:
            features.append(f"child={dep}")
            features.append(f"lemma_child={lemma}|{dep}")
            if dep in {"dobj", "prep", "prt", "attr", "acomp"}:
                features.append(f"child_word={dep}|{child.lemma_.lower()}")
                features.append(f"lemma_child_word={lemma}|{dep}|{child.lemma_.lower()}")
    if head.head.i != head.i:
        features.append(f"governor={head.head.lemma_.lower()}|{head.dep_}")
    features.extend(_source_features(doc, attribution, head))
    features.extend(_content_features(text, attribution, head))
    if kind == "colon" and attribution.source:
        features.extend(_colon_features(text, attribution))
    if attribution.chain:
        features.append("chain")
    if any(child.dep_ == "neg" for child in head.children):
        features.append("negated")
    if any(child.dep_ == "aux" and child.tag_ == "MD" for child in head.children):
        features.append("modal")
    sent = head.sent
    if head.i - sent.start <= 1:
        features.append("sentence_start")
    if sent.end - head.i <= 2:
        features.append("sentence_end")
    return features


def _source_features(doc: Doc, attribution: Attribution, head: Token) -> list[str]:
    if attribution.source_tokens is None:
        return ["source=none", f"kind_source={attribution.kind}|none"]
    start, end = attribution.source_tokens
    root = doc[start:end].root
    if root.pos_ == "PRON":
        shape = f"pronoun_{root.lower_}"
    elif root.ent_type_:
        shape = f"entity_{root.ent_type_}"
    else:
        shape = root.pos_.lower()
    where = "before" if end <= head.i else "after"
    return [
        f"lemma_source={head.lemma_.lower()}|{shape}",
        f"source={shape}",
        f"source_where={where}",
        f"kind_source={attribution.kind}|{shape}",
        f"source_words={min(end - start, 6)}",
    ]


def _content_features(text: str, attribution: Attribution, head: Token) -> list[str]:
    if not attribution.content:
        return ["content=none"]
    start = min(s for s, _ in attribution.content)
    end = max(e for _, e in attribution.content)
    edges = {text[start], text[max(start - 1, 0)], text[end - 1], text[min(end, len(text) - 1)]}
    quoted = bool(QUOTE_MARKS & edges)
    words = len(text[start:end].split())
    size = next(bound for bound in (1, 3, 10, 25, 60, 10**9) if words <= bound)
    where = "after" if start >= head.idx else "before"
    return [
        f"content_quoted={quoted}",
        f"content_size={size}",
        f"content_where={where}",
        f"kind_content={attribution.kind}|{quoted}|{size}",
        f"lemma_content={head.lemma_.lower()}|{quoted}",
    ]


def _colon_features(text: str, attribution: Attribution) -> list[str]:
    """Where a "Name: ..." stands: opening a line, its name in capitals
    ("LEE: ...") or not ("Jo Lee: ..."), or inside a sentence ("..., as
    pollster Jo Lee: “...”")."""
    start, end = attribution.source[0][0], attribution.source[-1][1]
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if line.strip(OPENING_QUOTES + " "):
        return ["colon_form=inline"]
    return ["colon_form=capitals" if text[start:end].isupper() else "colon_form=line"]


# Kinds the rules read with few errors and that matter most to users (who
# would not comment, "according to" whom, a signed post, a transcript's turn,
# "reportedly"): never dropped; nor is a noun that carries a claim ("reports
# that ...").
KEPT_KINDS = frozenset({"silence", "according", "citing", "signature", "adverb", "transcript"})


@dataclass(slots=True, frozen=True)
class CueScorer:
    """A logistic model over :func:`cue_features`.

    It weighs candidates told outside any other attribution (the rules drop
    the others, and so does the caller). A candidate the rules propose on
    their own is dropped only when its probability is under ``floor``; a
    ``broad`` one is kept only when it reaches ``threshold``. The two differ
    because a wrongly dropped statement costs a user more than a wrongly
    kept one.
    """

    weights: Mapping[str, float]
    bias: float
    threshold: float
    floor: float = 0.0

    def probability(self, features: Iterable[str]) -> float:
        """The modelled probability that a candidate with these features is a cue."""
        score = self.bias + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))

    def keeps(self, attribution: Attribution, features: Callable[[], Iterable[str]]) -> bool:
        """Whether to keep a candidate; ``features`` gives its features when needed."""
        if attribution.kind in KEPT_KINDS or (
            # "reports that ...", "his claim that ...": a claim with no named teller
            attribution.kind == "noun" and attribution.propositional
        ):
            return True
        chance = self.probability(features())
        return chance >= (self.threshold if attribution.kind == "broad" else self.floor)

    @classmethod
    def from_dict(cls, data: Mapping) -> CueScorer:
        return cls(
            dict(data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            float(data.get("floor", 0.0)),
        )


@functools.cache
def cue_scorer() -> CueScorer | None:
    """The shipped scorer, or None when the package holds no weights."""
    path = resources.files("dossier.data").joinpath(WEIGHTS)
    if not path.is_file():
        return None
    return CueScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))


__all__ = ["CueScorer", "cue_features", "cue_scorer"]

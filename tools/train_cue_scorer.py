"""Fit the cue scorer's weights (``src/dossier/data/cue_weights.json``) on PolNeAR train.

Usage, from the repository root (needs the ``train`` extra: ``pip install -e '.[train]'``)::

    .venv/bin/python tools/train_cue_scorer.py ../shared/eval/polnear \
        -o src/dossier/data/cue_weights.json

Steps:

1. parse every article of the ``train`` split with the spaCy pipeline (the
   dossier components off: only the parse is needed), on ``--processes``
   cores; ``--cache FILE`` keeps the parses in a DocBin for the next run;
2. take every candidate the attribution rules propose
   (:meth:`dossier.extract.attribution.AttributionFinder.candidates`, with the
   ``broad`` rule on), except those told inside another attribution, which
   dossier never keeps;
3. label a candidate right when it is paired with a gold attribution, one to
   one, greedily by shared cue characters (close to the evaluation's optimal
   pairing, :func:`dossier.evaluate.spans.pair_attributions`, which gives
   slightly different labels: the shipped weights were fitted with this one);
4. keep the features seen at least ``--min-count`` times and fit a logistic
   regression (scikit-learn, L2, ``C``), then write the weights, the bias,
   and the thresholds ``--threshold`` (to keep a ``broad`` candidate) and
   ``--floor`` (under which a rule's own candidate is dropped).

Only the train split is read: dev is for checking (``dossier eval polnear
--split dev``) and test is scored once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from dossier.evaluate.polnear import Article, iter_split
from dossier.extract.attribution import AttributionFinder
from dossier.extract.cuescore import CueScorer, cue_features
from dossier.nlp import DEFAULT_MODEL

Span = tuple[int, int]


def parse(articles: list[Article], model: str, processes: int, cache: Path | None) -> list[Doc]:
    """The articles parsed (read from ``cache`` when it holds them, else written there)."""
    nlp = spacy.load(model)
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    docs = list(nlp.pipe((a.text for a in articles), n_process=processes, batch_size=16))
    if cache is not None:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def _shared(first: list[Span], second: list[Span]) -> int:
    return sum(
        max(0, min(end, end2) - max(start, start2))
        for start, end in first
        for start2, end2 in second
    )


def labelled(articles: list[Article], docs: list[Doc]) -> list[tuple[list[str], bool]]:
    """(features, paired with a gold cue) for each candidate the rules keep or propose."""
    finder = AttributionFinder(scorer=CueScorer({}, 0.0, 0.0))  # a scorer turns ``broad`` on
    rows = []
    for article, doc in zip(articles, docs, strict=True):
        text = doc.text
        gold = [a["cue"] for a in article.attributions if a["cue"]]
        candidates = [a for a, where in finder.candidates(doc, text) if not where]
        edges = sorted(
            (
                (shared, i, j)
                for i, a in enumerate(candidates)
                for j, cue in enumerate(gold)
                if (shared := _shared(a.cue, cue))
            ),
            reverse=True,
        )
        paired: set[int] = set()
        used: set[int] = set()
        for _, i, j in edges:
            if i not in paired and j not in used:
                paired.add(i)
                used.add(j)
        rows.extend((cue_features(doc, text, a), i in paired) for i, a in enumerate(candidates))
    return rows


def fit(rows: list[tuple[list[str], bool]], c: float, min_count: int) -> tuple[dict, float]:
    """Weights by feature name (those with any weight) and the bias."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for features, _ in rows for f in set(features))
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(
        [{f: 1 for f in features if counts[f] >= min_count} for features, _ in rows]
    )
    model = LogisticRegression(C=c, max_iter=5000).fit(matrix, [label for _, label in rows])
    weights = {
        name: round(float(weight), 3)
        for name, weight in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= 0.005
    }
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, help="the PolNeAR folder (with read_polnear.py)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="a DocBin file to keep the parses in")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--floor", type=float, default=0.4)
    args = parser.parse_args(argv)
    articles = list(iter_split(args.polnear, "train"))
    docs = parse(articles, args.model, args.processes, args.cache)
    rows = labelled(articles, docs)
    weights, bias = fit(rows, args.c, args.min_count)
    data = {
        "about": "dossier cue scorer: logistic weights over dossier.extract.cuescore "
        f"features, fitted by tools/train_cue_scorer.py on PolNeAR train ({len(articles)} "
        f"articles, {len(rows)} candidates, C={args.c}, min count {args.min_count})",
        "bias": bias,
        "threshold": args.threshold,
        "floor": args.floor,
        "weights": weights,
    }
    args.output.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    paired = sum(label for _, label in rows)
    print(f"{len(rows)} candidates, {paired} paired, {len(weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())

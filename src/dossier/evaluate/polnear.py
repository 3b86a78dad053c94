"""Evaluation on the PolNeAR attribution corpus (Newell, Margolin and Ruths, LREC 2018).

The corpus is not part of dossier: point the functions at a folder that holds
``read_polnear.py`` (the dependency-free reader shipped with the copy of the
corpus) and one sub-folder per split (``train``, ``dev``, ``test``), each with
``text/*.txt`` and ``attributions/*.ann`` (brat standoff). The reader is
imported from that folder, so its choices hold: one annotation per article
(the alphabetically first annotator), ``Content2`` merged into ``content``,
``Discard``/``Discuss`` spans ignored.

Scores are those of :mod:`dossier.evaluate.spans` (pairing by cue overlap,
exact and token-overlap P/R/F1 per role, and proportional token scores).
Upstream asks that dev and test not be studied while developing, and that
test be scored once, for the final figure: develop on train.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from dossier.errors import Errors, InputError
from dossier.evaluate.spans import MEASURES, ROLES, Attribution, Span, SpanScores

READER = "read_polnear.py"
TOP = 20

Predict = Callable[[Iterable[str]], Iterable[Sequence[Attribution]]]
"""Takes texts, yields per text (in order, one for each) its predicted attributions."""

Progress = Callable[[int, int], None]
"""Called with ``(articles done, articles in all)`` after each article."""


@dataclass(slots=True)
class Article:
    """One article of a split with its gold attributions (role -> fragments)."""

    article_id: str
    annotator: str
    text: str
    attributions: list[dict[str, list[Span]]]


@dataclass(slots=True)
class PolnearReport:
    """The scores of one split, and what was missed and what was made up."""

    split: str
    scores: SpanScores
    missed: int = 0
    spurious: int = 0
    missed_cues: list[tuple[str, int]] = field(default_factory=list)
    spurious_cues: list[tuple[str, int]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.scores.texts

    @property
    def gold(self) -> int:
        return self.scores.gold

    @property
    def predicted(self) -> int:
        return self.scores.predicted

    @property
    def paired(self) -> int:
        return self.scores.paired


def load_reader(directory: str | os.PathLike[str]) -> ModuleType:
    """Import ``read_polnear.py`` from a PolNeAR folder.

    Raises :class:`InputError` (E001 no folder, E301 no reader, E303 the reader
    cannot be imported or has no ``iter_articles``). The module is imported
    under a private name and not registered in ``sys.modules``.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(Errors.E001, where=str(folder))
    path = folder / READER
    if not path.is_file():
        raise InputError(Errors.E301, where=str(folder), missing=READER)
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(f"_dossier_polnear_reader_{digest}", path)
    if spec is None or spec.loader is None:
        raise InputError(Errors.E303, path=str(path), detail="not a Python module")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # any failure of third-party code is reported the same way
        raise InputError(
            Errors.E303, path=str(path), detail=f"{type(error).__name__}: {error}"
        ) from error
    if not callable(getattr(module, "iter_articles", None)):
        raise InputError(Errors.E303, path=str(path), detail="it has no iter_articles()")
    return module


def split_folder(directory: str | os.PathLike[str], split: str) -> Path:
    """The folder of a split, checked to hold ``text/`` and ``attributions/`` (E302)."""
    folder = Path(directory) / split
    if not ((folder / "text").is_dir() and (folder / "attributions").is_dir()):
        found = sorted(
            child.name
            for child in Path(directory).iterdir()
            if (child / "text").is_dir() and (child / "attributions").is_dir()
        )
        raise InputError(
            Errors.E302, where=str(directory), split=split, found=", ".join(found) or "none"
        )
    return folder


def iter_split(
    directory: str | os.PathLike[str],
    split: str,
    *,
    limit: int | None = None,
    reader: ModuleType | None = None,
) -> Iterator[Article]:
    """The articles of a split, in file-name order (at most ``limit`` of them).

    ``reader`` is a module loaded with :func:`load_reader`, for a copy of the
    corpus without ``read_polnear.py``; by default it is loaded from
    ``directory``. The folder, the reader and the split are checked when this
    is called, not when the first article is asked for.
    """
    reader = reader or load_reader(directory)
    folder = split_folder(directory, split)
    return _articles(reader, folder, limit)


def _articles(reader: ModuleType, folder: Path, limit: int | None) -> Iterator[Article]:
    for count, record in enumerate(reader.iter_articles(str(folder))):
        if limit is not None and count >= limit:
            return
        yield Article(
            article_id=record["article_id"],
            annotator=record.get("annotator", ""),
            text=record["text"],
            attributions=[
                {
                    role: [(int(f["start"]), int(f["end"])) for f in attribution.get(role, [])]
                    for role in ROLES
                }
                for attribution in record["attributions"]
            ],
        )


def evaluate(
    directory: str | os.PathLike[str],
    split: str,
    predict: Predict,
    progress: Progress | None = None,
    *,
    limit: int | None = None,
    reader: ModuleType | None = None,
) -> PolnearReport:
    """Score ``predict`` on one split of PolNeAR.

    ``predict`` receives an iterator over the article texts and must yield one
    list of attributions per text, in order (a generator over ``nlp.pipe``
    fits). The articles are read first (a split is a few megabytes at most).
    Missed cues are the cues of unpaired gold attributions, spurious cues those
    of unpaired predictions, as lowercased text with fragments joined by a
    space; the 20 most frequent of each are kept. ``limit`` and ``reader`` are
    passed to :func:`iter_split`.
    """
    started = time.perf_counter()
    articles = list(iter_split(directory, split, limit=limit, reader=reader))
    scores = SpanScores()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    predictions = iter(predict(article.text for article in articles))
    for done, article in enumerate(articles, start=1):
        try:
            predicted = list(next(predictions))
        except StopIteration:
            raise ValueError(
                f"the predictor yielded {done - 1} results for {len(articles)} texts"
            ) from None
        result = scores.add(article.text, article.attributions, predicted)
        for index in result.unpaired_gold:
            missed[cue_text(article.text, article.attributions[index])] += 1
        for index in result.unpaired_predicted:
            spurious[cue_text(article.text, predicted[index])] += 1
        if progress is not None:
            progress(done, len(articles))
    return PolnearReport(
        split=split,
        scores=scores,
        missed=sum(missed.values()),
        spurious=sum(spurious.values()),
        missed_cues=missed.most_common(TOP),
        spurious_cues=spurious.most_common(TOP),
        seconds=time.perf_counter() - started,
    )


def cue_text(text: str, attribution: Attribution) -> str:
    """The cue of an attribution as lowercased text, ``(no cue)`` when it has none."""
    fragments = sorted(attribution.get("cue") or ())
    words = " ".join(" ".join(text[start:end].split()) for start, end in fragments).strip()
    return words.lower() or "(no cue)"


def dossier_predictor(nlp: Any, n_process: int = 1, batch_size: int = 16) -> Predict:
    """A ``predict`` callable running ``nlp.pipe`` and dossier's attribution finder.

    ``dossier.extract.attribution.find_attributions(doc)`` gives objects with
    ``source``, ``cue`` and ``content`` (lists of ``(start, end)``); it is
    imported here, when the predictor is made.
    """
    from dossier.extract.attribution import find_attributions

    def predict(texts: Iterable[str]) -> Iterator[list[dict[str, list[Span]]]]:
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            yield [
                {
                    "source": _spans(found.source),
                    "cue": _spans(found.cue),
                    "content": _spans(found.content),
                }
                for found in find_attributions(doc)
            ]

    return predict


def _spans(spans: Iterable[Sequence[int]] | None) -> list[Span]:
    return [(int(start), int(end)) for start, end in spans or ()]


def format_report(report: PolnearReport, *, misses: bool = False) -> list[str]:
    """The report as lines of text; the last line is a one-line summary.

    The summary reads ``polnear SPLIT: source F1=… cue F1=… content F1=…
    (overlap); source F1=… (exact)`` with F1 as a fraction (two decimals).
    With ``misses``, the most frequent missed and spurious cues come before it.
    """
    scores = report.scores
    lines = [
        f"PolNeAR {report.split}: {report.articles} articles, {report.gold} gold attributions, "
        f"{report.predicted} predicted, {report.paired} paired by cue overlap "
        f"({report.missed} gold unpaired, {report.spurious} predicted unpaired)"
        + (f", {report.seconds:.1f} s" if report.seconds else ""),
        "",
        f"{'role':<8} {'measure':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>8} {'pred':>8} "
        f"{'gold':>8}",
    ]
    for role in ROLES:
        for name in MEASURES:
            measure = scores.roles[role].measure(name)
            lines.append(
                f"{role:<8} {name:<12} {measure.precision:>6.3f} {measure.recall:>6.3f} "
                f"{measure.f1:>6.3f} {measure.tp:>8} {measure.predicted:>8} {measure.gold:>8}"
            )
    lines.append("(proportional counts are tokens; the others are attributions)")
    if misses:
        lines.append("")
        lines.extend(format_misses(report))
    lines.append("")
    lines.append(summary_line(report))
    return lines


def format_misses(report: PolnearReport) -> list[str]:
    """The most frequent missed gold cues and spurious predicted cues, side by side."""
    width = max((len(cue) for cue, _ in report.missed_cues), default=10)
    width = min(max(width, len("missed gold cues")), 30)
    lines = [f"{'missed gold cues':<{width}} {'n':>5}   {'spurious predicted cues':<30} {'n':>5}"]
    for index in range(max(len(report.missed_cues), len(report.spurious_cues))):
        left = right = ""
        if index < len(report.missed_cues):
            cue, count = report.missed_cues[index]
            left = f"{_clip(cue, width):<{width}} {count:>5}"
        if index < len(report.spurious_cues):
            cue, count = report.spurious_cues[index]
            right = f"{_clip(cue, 30):<30} {count:>5}"
        lines.append(f"{left:<{width + 6}}   {right}".rstrip())
    return lines


def summary_line(report: PolnearReport) -> str:
    """One line: ``polnear SPLIT: source F1=0.00 cue F1=0.00 content F1=0.00 (overlap);
    source F1=0.00 (exact)``, F1 as a fraction with two decimals."""
    roles = report.scores.roles
    overlap = " ".join(f"{role} F1={roles[role].overlap.f1:.2f}" for role in ROLES)
    exact = f"source F1={roles['source'].exact.f1:.2f}"
    return f"polnear {report.split}: {overlap} (overlap); {exact} (exact)"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

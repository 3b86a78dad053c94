"""Scoring predicted attributions against gold ones, per role (source, cue, content).

An attribution is a mapping ``role -> list of (start, end)`` character
fragments of one text (end exclusive, fragments possibly discontinuous; a
missing role or an empty list means the role is absent). Roles other than
``source``, ``cue`` and ``content`` are ignored.

Pairing
    The gold and predicted attributions of one text are paired one to one.
    Two attributions can be paired only when their cues overlap, that is share
    at least one non-whitespace character. Among all one-to-one pairings the
    one chosen has (1) the most pairs, then (2) the most shared cue characters
    (non-whitespace) in total, then (3) the most shared source and content
    tokens in total. Remaining ties are broken deterministically but by no
    particular rule. An attribution without a cue is never paired.

Tokens
    A token is a maximal run of word characters (``\\w``, Unicode) of the
    text. A role's tokens are the tokens that its fragments touch (cover at
    least one character of), so a span that cuts a word still holds the word.
    A role whose fragments touch no word (for instance a colon used as a cue,
    ``Trump: "…"``) has its non-whitespace characters as tokens instead, each
    one a token of its own.

Measures, per role, summed over all texts (:class:`Score`)
    * ``exact``: a paired role is correct when both sides have it and their
      normalised fragments are equal. Normalisation: each fragment is trimmed
      of whitespace, punctuation and quote marks (Unicode categories ``P*``
      and ``Z*``) at both ends (a fragment that would become empty is only
      trimmed of whitespace); empty fragments are dropped; fragments that
      overlap or are separated only by such characters are merged. So
      ``“No deal,” he said`` versus ``No deal`` is exact, and a quote split
      into two fragments at ``,” “`` equals the same quote in one fragment.
    * ``overlap``: a paired role is correct when both sides have it and they
      share at least one token (so sharing only punctuation does not count,
      except between two punctuation-only roles).
    * For both: ``tp`` is the number of correct paired roles, ``predicted``
      the number of predicted attributions that have the role and ``gold`` the
      number of gold attributions that have it. Unpaired predictions thus
      count against precision, unpaired gold against recall, and a role that
      only one side of a pair has counts against that side.
    * ``proportional`` (token level): ``tp`` is the number of tokens shared by
      the role in paired attributions, ``predicted`` the number of tokens of
      the role in all predicted attributions, ``gold`` the same for gold. Each
      attribution's tokens are counted once (a set), but two attributions
      that cover the same words both count them.

Limits: pairing uses the cue alone, so two gold attributions that share one
cue (a speaker with two contents) can pair with at most one prediction each;
scores are micro-averaged over attributions, never per text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ROLES: tuple[str, ...] = ("source", "cue", "content")
MEASURES: tuple[str, ...] = ("exact", "overlap", "proportional")

Span = tuple[int, int]
Attribution = Mapping[str, Sequence[Span]]
Token = tuple[int, int]

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Score:
    """Counts of one measure: correct, predicted and gold; P/R/F1 from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """``tp / predicted``; 0 when nothing was predicted."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """``tp / gold``; 0 when there is no gold."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold


@dataclass(slots=True)
class RoleScores:
    """The three measures of one role."""

    exact: Score = field(default_factory=Score)
    overlap: Score = field(default_factory=Score)
    proportional: Score = field(default_factory=Score)

    def measure(self, name: str) -> Score:
        return getattr(self, name)


@dataclass(slots=True)
class TextResult:
    """How the attributions of one text were paired (indexes into the given lists)."""

    pairs: list[tuple[int, int]]
    unpaired_gold: list[int]
    unpaired_predicted: list[int]


@dataclass(slots=True)
class SpanScores:
    """Scores accumulated over texts: call :meth:`add` once per text."""

    roles: dict[str, RoleScores] = field(
        default_factory=lambda: {role: RoleScores() for role in ROLES}
    )
    texts: int = 0
    gold: int = 0
    predicted: int = 0
    paired: int = 0

    def add(
        self, text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]
    ) -> TextResult:
        """Pair and score the attributions of one text; return the pairing."""
        view = _Text(text)
        pairs = _pair(view, gold, predicted)
        self.texts += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.paired += len(pairs)
        for role in ROLES:
            scores = self.roles[role]
            gold_spans = [_fragments(a, role) for a in gold]
            predicted_spans = [_fragments(a, role) for a in predicted]
            gold_tokens = [view.tokens(spans) for spans in gold_spans]
            predicted_tokens = [view.tokens(spans) for spans in predicted_spans]
            has_gold = sum(1 for spans in gold_spans if spans)
            has_predicted = sum(1 for spans in predicted_spans if spans)
            for measure in (scores.exact, scores.overlap):
                measure.gold += has_gold
                measure.predicted += has_predicted
            scores.proportional.gold += sum(len(tokens) for tokens in gold_tokens)
            scores.proportional.predicted += sum(len(tokens) for tokens in predicted_tokens)
            for g, p in pairs:
                shared = len(gold_tokens[g] & predicted_tokens[p])
                scores.proportional.tp += shared
                if gold_spans[g] and predicted_spans[p]:
                    scores.overlap.tp += shared > 0
                    scores.exact.tp += view.normalise(gold_spans[g]) == view.normalise(
                        predicted_spans[p]
                    )
        paired_gold = {g for g, _ in pairs}
        paired_predicted = {p for _, p in pairs}
        return TextResult(
            pairs=pairs,
            unpaired_gold=[i for i in range(len(gold)) if i not in paired_gold],
            unpaired_predicted=[i for i in range(len(predicted)) if i not in paired_predicted],
        )

    def merge(self, other: SpanScores) -> None:
        """Add another accumulation to this one."""
        for role in ROLES:
            for name in MEASURES:
                self.roles[role].measure(name).add(other.roles[role].measure(name))
        self.texts += other.texts
        self.gold += other.gold
        self.predicted += other.predicted
        self.paired += other.paired


def score(
    items: Iterable[tuple[str, Sequence[Attribution], Sequence[Attribution]]],
) -> SpanScores:
    """Score ``(text, gold, predicted)`` triples; see the module docstring."""
    scores = SpanScores()
    for text, gold, predicted in items:
        scores.add(text, gold, predicted)
    return scores


def normalise(text: str, spans: Sequence[Span]) -> tuple[Span, ...]:
    """The fragments as compared by the exact measure (see the module docstring)."""
    return _Text(text).normalise(_clean(spans))


def tokens(text: str, spans: Sequence[Span]) -> set[Token]:
    """The tokens (as ``(start, end)``) of some fragments (see the module docstring)."""
    return _Text(text).tokens(_clean(spans))


def cue_overlap(text: str, gold: Sequence[Span], predicted: Sequence[Span]) -> int:
    """Non-whitespace characters covered by both sets of fragments."""
    return _Text(text).shared_characters(_clean(gold), _clean(predicted))


def pair_attributions(
    text: str,
    gold: Sequence[Attribution],
    predicted: Sequence[Attribution],
) -> list[tuple[int, int]]:
    """Pair gold and predicted attributions one to one by cue overlap.

    Returns ``(gold index, predicted index)`` pairs sorted by gold index. The
    pairing has the most pairs, then the most shared cue characters, then the
    most shared source and content tokens (see the module docstring).
    """
    return _pair(_Text(text), gold, predicted)


# -- internals ---------------------------------------------------------------


def _pair(
    view: _Text, gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> list[tuple[int, int]]:
    gold_cues = [_fragments(a, "cue") for a in gold]
    predicted_cues = [_fragments(a, "cue") for a in predicted]
    # Candidate edges: cue overlap > 0. Cue fragments are few, so all pairs are tried
    # after a cheap bounding-interval test.
    edges: dict[tuple[int, int], tuple[int, int]] = {}
    bounds = [(spans[0][0], spans[-1][1]) if spans else None for spans in predicted_cues]
    for g, gold_spans in enumerate(gold_cues):
        if not gold_spans:
            continue
        low, high = gold_spans[0][0], gold_spans[-1][1]
        for p, bound in enumerate(bounds):
            if bound is None or bound[1] <= low or bound[0] >= high:
                continue
            shared = view.shared_characters(gold_spans, predicted_cues[p])
            if shared:
                rest = sum(
                    len(
                        view.tokens(_fragments(gold[g], role))
                        & view.tokens(_fragments(predicted[p], role))
                    )
                    for role in ("source", "content")
                )
                edges[g, p] = (shared, rest)
    return sorted(_best_matching(edges))


def _clean(spans: Sequence[Span] | None) -> list[Span]:
    """Sorted non-empty fragments as int pairs."""
    if not spans:
        return []
    return sorted((int(s), int(e)) for s, e in spans if int(e) > int(s))


def _fragments(attribution: Attribution, role: str) -> list[Span]:
    return _clean(attribution.get(role))


def _is_trimmed(character: str) -> bool:
    return character.isspace() or unicodedata.category(character)[0] in "PZ"


class _Text:
    """One text with its word tokens, and the span arithmetic the measures need."""

    __slots__ = ("_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_WORD.finditer(text))
        self._starts = [m.start() for m in matches]
        self._ends = [m.end() for m in matches]

    def tokens(self, spans: Sequence[Span]) -> set[Token]:
        found: set[Token] = set()
        for start, end in spans:
            first = bisect_right(self._ends, start)
            last = bisect_left(self._starts, end)
            found.update(zip(self._starts[first:last], self._ends[first:last], strict=True))
        if found:
            return found
        # No word touched: each non-whitespace character is a token.
        return {
            (i, i + 1)
            for start, end in spans
            for i in range(start, min(end, len(self.text)))
            if not self.text[i].isspace()
        }

    def shared_characters(self, first: Sequence[Span], second: Sequence[Span]) -> int:
        shared = 0
        for a_start, a_end in first:
            for b_start, b_end in second:
                start, end = max(a_start, b_start), min(a_end, b_end)
                if start < end:
                    shared += sum(1 for c in self.text[start:end] if not c.isspace())
        return shared

    def normalise(self, spans: Sequence[Span]) -> tuple[Span, ...]:
        text = self.text
        trimmed: list[Span] = []
        for start, end in spans:
            end = min(end, len(text))
            s, e = start, end
            while s < e and _is_trimmed(text[s]):
                s += 1
            while e > s and _is_trimmed(text[e - 1]):
                e -= 1
            if s == e:  # punctuation only: keep it, trimmed of whitespace
                s, e = start, end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
            if s < e:
                trimmed.append((s, e))
        trimmed.sort()
        merged: list[Span] = []
        for s, e in trimmed:
            if merged and all(_is_trimmed(c) for c in text[merged[-1][1] : s]):
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return tuple(merged)


def _best_matching(edges: Mapping[tuple[int, int], tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximum matching of a bipartite graph, by (pairs, first weight, second weight).

    ``edges`` maps ``(left, right)`` to ``(primary, secondary)`` weights, both >= 0.
    Solved per connected component, with the Hungarian algorithm when a
    component has more than one node on each side.
    """
    # Connected components (union-find over ("g", i) / ("p", j) nodes).
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for g, p in edges:
        root_g, root_p = find(("g", g)), find(("p", p))
        if root_g != root_p:
            parent[root_p] = root_g
    components: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for edge in sorted(edges):
        components.setdefault(find(("g", edge[0])), []).append(edge)

    chosen: list[tuple[int, int]] = []
    for component in components.values():
        lefts = sorted({g for g, _ in component})
        rights = sorted({p for _, p in component})
        if len(lefts) == 1 or len(rights) == 1:
            best = max(component, key=lambda e: (edges[e], -e[0], -e[1]))
            chosen.append(best)
            continue
        # Lexicographic weights folded into one integer: each level outweighs
        # the whole sum of the levels below it.
        second_total = sum(edges[e][1] for e in component) + 1
        first_total = sum(edges[e][0] * second_total + edges[e][1] for e in component) + 1
        weight = {e: first_total + edges[e][0] * second_total + edges[e][1] for e in component}
        if len(lefts) <= len(rights):
            rows, columns = lefts, rights
            oriented = weight
        else:  # the Hungarian algorithm wants no more rows than columns
            rows, columns = rights, lefts
            oriented = {(p, g): value for (g, p), value in weight.items()}
        matrix = [[-oriented.get((r, c), 0) for c in columns] for r in rows]
        for i, j in _hungarian(matrix):
            r, c = rows[i], columns[j]
            if (r, c) in oriented:
                chosen.append((r, c) if oriented is weight else (c, r))
    return chosen


def _hungarian(cost: list[list[int]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns).

    The classic O(rows² · columns) potentials algorithm; returns ``(row, column)``.
    """
    n, m = len(cost), len(cost[0])
    infinity = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row (1-based) assigned to column j, 0 = none
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minimum = [infinity] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = infinity
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minimum[j]:
                        minimum[j] = current
                        way[j] = j0
                    if minimum[j] < delta:
                        delta = minimum[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minimum[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]

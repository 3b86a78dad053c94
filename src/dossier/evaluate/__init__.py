"""Evaluation of dossier's extraction against annotated corpora.

* :mod:`dossier.evaluate.spans`: per-role (source, cue, content) scoring of
  predicted attributions against gold ones, exact and overlap.
* :mod:`dossier.evaluate.polnear`: the PolNeAR attribution corpus (read with
  the reader shipped beside the corpus) and a report of the scores.
"""

from dossier.evaluate.spans import ROLES, RoleScores, Score, SpanScores, pair_attributions, score

__all__ = ["ROLES", "RoleScores", "Score", "SpanScores", "pair_attributions", "score"]

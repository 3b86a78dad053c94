"""The Admiralty (NATO) grading: information credibility 1–6, source reliability A–F.

Credibility is the grade dossier gives an item (an event or a relation) from
what its statements say, as :func:`credibility` states:

1. *confirmed by other sources*: corroborated by two or more independent
   sources, at least one of them named, and denied by nobody;
2. *probably true*: corroborated by unnamed sources only, or resting on one
   named source speaking firmly (or on any single source the user graded A
   or B);
3. *possibly true*: one unnamed source, or only the outlet's own voice;
4. *doubtful*: contested, with at least as many independent sources
   asserting as denying; or only hedged reports;
5. *improbable*: contested with more independent sources denying than
   asserting, or only denied;
6. *truth cannot be judged*: nothing but silences (no response, no comment).

Reliability is the grade of a source (an outlet or a speaker): A completely
reliable, B usually reliable, C fairly reliable, D not usually reliable, E
unreliable, F reliability cannot be judged. Only the user sets it (``dossier
sources grade``); every source is F until then.

Limits: the grade is a rule over counts and stances, not a judgement of what
is plausible; the reliability a user sets lifts a single source's item from 3
to 2 and is shown beside each source, but never overrides a denial.
"""

from __future__ import annotations

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
DEFAULT_RELIABILITY = "F"
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
TRUSTED = frozenset({"A", "B"})


def credibility(
    status: str,
    *,
    asserting: int,
    denying: int,
    named: int,
    trusted: bool = False,
    hedged_only: bool = False,
) -> int:
    """The credibility grade (see the module docstring).

    ``asserting`` and ``denying`` count independent sources on each side,
    ``named`` the named ones among those asserting; ``trusted``: one of the
    asserting sources is graded A or B; ``hedged_only``: every supporting
    statement is hedged.
    """
    if status == "corroborated":
        return 1 if named else 2
    if status == "single_source":
        return 2 if named or trusted else 3
    if status == "contested":
        return 5 if denying > asserting else 4
    if status == "denied":
        return 5
    if asserting == 0:
        return 6
    return 4 if hedged_only else 3


def check_reliability(grade: str) -> str:
    """The grade upper-cased, or ValueError for anything but A–F."""
    value = grade.strip().upper()
    if value not in RELIABILITY:
        raise ValueError(f"{grade!r} is not a reliability grade (A to F)")
    return value


__all__ = [
    "CREDIBILITY",
    "DEFAULT_RELIABILITY",
    "RELIABILITY",
    "TRUSTED",
    "check_reliability",
    "credibility",
]

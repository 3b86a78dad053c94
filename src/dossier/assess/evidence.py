"""Evidence: one statement as it is weighed for one event or relation.

A statement enters an assessment with what decides how much it counts: its
stance, whether it is hedged, who says it (a named entity, an unnamed source
tied to an outlet and an affiliation, or the outlet's own voice) and whether
it reports the item itself or its negation (a statement asserting "Russia did
not arm the front" weighs against an event "Russia armed the front" that
another report gives).

:func:`source_key` is what makes two statements one *source* for counting
independent sources:

- a named speaker is itself, in whatever report it is quoted (so two outlets
  quoting one minister count once);
- the unnamed sources of one outlet with one affiliation are one source ("a
  source close to the NRF" and "sources in the NRF" in one outlet), those of
  another outlet another;
- an outlet quoted by another ("The New York Times reported", or a chain
  "…, citing The New York Times") is that outlet, the same source as the
  outlet's own reports;
- the outlet's own voice is the outlet.

Limits: independence is judged from who is named, never from what they say:
two outlets that both copy one wire report without naming it count as two;
an unnamed source with no affiliation is one source per outlet, however many
different people the outlet may have spoken to.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model.statement import Stance
from dossier.resolve.names import normalise_name

SILENT = frozenset({Stance.DECLINES_COMMENT.value, Stance.NO_RESPONSE.value})


@dataclass(slots=True, frozen=True)
class Evidence:
    """One statement about one item, with what weighing it needs.

    ``speaker`` and ``affiliation`` are entity ids (after resolution);
    ``quoted_outlet`` is the outlet a statement comes from when the speaker,
    or the last link of its "according to" chain, is a news outlet;
    ``reverses`` is true when the statement reports the item's negation
    (an assertion of it then weighs as a denial; a denial stays a denial).
    """

    id: str
    stance: str
    document: str | None
    outlet: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    anonymous: bool = False
    affiliation: str | None = None
    affiliation_name: str | None = None
    hedged: bool = False
    reverses: bool = False
    quoted_outlet: str | None = None
    text: str = ""

    @property
    def is_outlet(self) -> bool:
        """The outlet's own voice: nobody named, not anonymous."""
        return self.speaker is None and self.speaker_text is None and not self.anonymous

    @property
    def side(self) -> str:
        """``supporting``, ``denying`` or ``silent`` for the item weighed."""
        if self.stance in SILENT:
            return "silent"
        if self.stance == Stance.DENIES.value:
            # "X denied that Y did not attend" is rare; a denial of a negated
            # event is read as the stance already carrying the negation.
            return "denying"
        return "denying" if self.reverses else "supporting"

    @property
    def label(self) -> str:
        """Who says it, in words: a name, "anonymous (affiliation, outlet)" or the outlet."""
        if self.quoted_outlet and not self.speaker_name:
            return self.quoted_outlet
        if self.anonymous:
            parts = [part for part in (self.affiliation_name, self.outlet) if part]
            return f"anonymous ({', '.join(parts)})" if parts else "anonymous"
        if self.is_outlet:
            return self.outlet or "the outlet"
        return self.speaker_name or self.speaker_text or "unknown"


def source_key(evidence: Evidence) -> tuple[str, str]:
    """What makes statements one source (see the module docstring)."""
    if evidence.quoted_outlet:
        return ("outlet", normalise_name(evidence.quoted_outlet))
    if evidence.anonymous:
        outlet = normalise_name(evidence.outlet or evidence.document or "")
        return ("anonymous", f"{outlet}\x1f{evidence.affiliation or ''}")
    if evidence.speaker is not None:
        return ("entity", evidence.speaker)
    if evidence.is_outlet:
        return ("outlet", normalise_name(evidence.outlet or evidence.document or ""))
    return ("named", normalise_name(evidence.speaker_text or ""))


__all__ = ["SILENT", "Evidence", "source_key"]

"""Presence words: a meeting told as someone's being there.

"did not attend", "his participation", "her presence", "was present": a
meeting (CONSULT) named by one of these tells that one party was there, a
claim that reports often assert and deny apart from the meeting itself.

Limits: read from the trigger's beginning, in English only ("attend",
"participat", "presence", "present", but not "presentation" or "presented").
"""

from __future__ import annotations

PRESENCE = ("attend", "participat", "presence", "present")  # the words' beginnings
NOT_PRESENCE = ("presentation", "presented", "presenting", "presents")


def is_presence(word: str | None) -> bool:
    """Whether a trigger is a presence word (attend, attendance, participation, present)."""
    text = (word or "").strip().lower()
    return text.startswith(PRESENCE) and not text.startswith(NOT_PRESENCE)


__all__ = ["PRESENCE", "is_presence"]

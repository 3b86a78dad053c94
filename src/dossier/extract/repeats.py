"""Repeated lines: captions and pull quotes a scraped page prints twice.

A line repeats an earlier one when both, stripped, are equal, or when one
begins with the whole of the other (a caption printed again with its photo
credit added: "… 2021." then "… 2021. (AP)"). The later copy's shared part is
a repeat: its mentions and claims are kept (offsets stay true) but marked, so
that later stages do not count them twice.

Limits: lines shorter than ``MIN_LENGTH`` characters ("Why Iran?", "Source:
AP") are never repeats, since short lines recur by chance; a repeat with
words changed inside it is not found.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 40


@dataclass(slots=True, frozen=True)
class Repeat:
    """``text[start:end]`` repeats ``text[original:original + end - start]``."""

    start: int
    end: int
    original: int


def find_repeats(text: str, min_length: int = MIN_LENGTH) -> list[Repeat]:
    """Every later copy of a line seen before, in text order."""
    seen: list[tuple[str, int]] = []  # (stripped line, its start)
    repeats: list[Repeat] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        offset = position + (len(raw) - len(raw.lstrip()))
        position += len(raw) + 1
        if len(stripped) < min_length:
            continue
        for earlier, start in seen:
            shared = _shared_prefix(earlier, stripped, min_length)
            if shared:
                repeats.append(Repeat(offset, offset + shared, start))
                break
        else:
            seen.append((stripped, offset))
    return repeats


def _shared_prefix(earlier: str, later: str, min_length: int) -> int:
    """The length of the line both share from the start, if one holds the other."""
    if later.startswith(earlier):
        return len(earlier)
    if earlier.startswith(later) and len(later) >= min_length:
        return len(later)
    return 0


def in_repeat(start: int, end: int, repeats: list[Repeat]) -> bool:
    """Whether ``[start, end)`` lies inside a repeat."""
    return any(r.start <= start and end <= r.end for r in repeats)

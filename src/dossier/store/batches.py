"""Batches of ids for ``IN (...)`` queries, small enough for every database's limits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

BATCH = 500


def batches(ids: Sequence[str], size: int = BATCH) -> Iterator[list[str]]:
    """The ids in lists of at most ``size``, in order."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


__all__ = ["BATCH", "batches"]

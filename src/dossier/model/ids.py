"""Content-hash identifiers, stable across runs and ingestion orders."""

from __future__ import annotations

import hashlib


def content_id(prefix: str, *parts: object, length: int = 16) -> str:
    """An id such as ``e-3f2a…`` from the hash of its defining parts.

    The same parts give the same id on every machine and in every order of
    ingestion; nothing here depends on a counter.
    """
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:length]}"

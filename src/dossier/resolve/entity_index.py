"""Which entity each token of a parsed report names."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token


class EntityIndex:
    """The report's entity mentions, by token and by position.

    ``entities`` is the report's entity list (dicts, as the NLP stage keeps
    them). Where mentions overlap, the longest one over a token wins (a full
    name over a shorter reading of its last word). Mentions added to the
    entities later are not indexed; callers that add one set
    ``token_entity`` themselves.
    """

    def __init__(self, doc: Doc, entities: Sequence[dict]) -> None:
        self.entities = entities
        self.token_entity: dict[int, int] = {}
        self.mentions: list[tuple[int, int, int]] = []  # (start char, end char, entity)
        widths: dict[int, int] = {}
        for index, entity in enumerate(entities):
            for start, end, *_ in entity["mentions"]:
                self.mentions.append((start, end, index))
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    if end - start > widths.get(token.i, 0):
                        widths[token.i] = end - start
                        self.token_entity[token.i] = index
        self.mentions.sort()
        self.starts = [start for start, _, _ in self.mentions]

    def entity(self, token: Token) -> int | None:
        return self.token_entity.get(token.i)

    def type_of(self, entity: int) -> str:
        return self.entities[entity]["type"]

    def before(self, offset: int, kinds, horizon: int = 0) -> int | None:
        """The last entity of one of ``kinds`` mentioned between ``horizon`` and ``offset``."""
        position = bisect_right(self.starts, offset)
        for start, end, index in reversed(self.mentions[:position]):
            if start < horizon:
                return None
            if end <= offset and self.type_of(index) in kinds:
                return index
        return None

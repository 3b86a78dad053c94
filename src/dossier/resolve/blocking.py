"""Blocking: which known entities are worth comparing with a new one.

Comparing a new entity with every known one costs more with every report; a
blocking index keeps the cost flat. Each entity gets *blocking keys*, plain
strings (so that the store can keep them in a table):

* ``t:<skeleton>`` for each word of its names and aliases that is not a stop
  word or an initial, the skeleton being the word's transliteration shape
  without vowels (:func:`dossier.resolve.matching.consonants`): "Muttaqi",
  "Mutaqqi" and "Muttaqee" all give ``t:mtk``; a person's titles and the
  Arabic article are gone before (they are not name words);
* ``j:<skeleton>`` for a person's name written together ("Abdul Rahman" and
  "Abdulrahman" both give ``j:bdlrhmn``);
* ``a:<letters>`` for an organisation's or group's acronym both ways: the
  initials of a name of two or more words (with and without stop words:
  "National Resistance Front" gives ``a:nrf``) and a one-word name of two to
  eight letters itself ("NRF" gives ``a:nrf``);
* ``c:<code>`` for a country: its own code, and the code the country lexicon
  gives its names ("Iran" and "Islamic Republic of Iran" both give ``c:ir``).

:class:`BlockingIndex` maps keys to entity ids. ``candidates`` returns the
ids sharing keys with a new entity, of the same or a compatible type, most
keys in common first. Keys held by more than ``max_block`` entities ("t:ntnl"
for "national", a common given name) are skipped when querying, so a query
costs at most keys x ``max_block`` whatever the number of entities.

Limits: every SAME pair of :func:`dossier.resolve.matching.compare` shares a
key except fuzzy (Jaro-Winkler) matches whose every word differs in a
consonant; a name whose only keys are very common (a lone "Khan" in a
large base) gets no candidates.
"""

from __future__ import annotations

from collections import Counter

from dossier.resolve.matching import (
    BODY,
    PERSON,
    PLACE,
    Candidate,
    acronym,
    compatible_types,
    consonants,
    expand_names,
    initials,
    kind_of,
    name_form,
    rules,
)

MAX_BLOCK = 500


def blocking_keys(candidate: Candidate) -> set[str]:
    """The blocking keys of a candidate (plain strings; see the module docstring)."""
    kind = kind_of(candidate.type)
    data = rules()
    keys: set[str] = set()
    if candidate.type == "country" and candidate.country:
        keys.add(f"c:{candidate.country}")
    for name in expand_names((candidate.name, *candidate.aliases)):
        form = name_form(name, kind)
        for word, word_shape in zip(form.words, form.shapes, strict=True):
            if len(word) < 2 or word in data.stopwords:
                continue
            if kind == PERSON and word in data.titles:
                continue
            keys.add(f"t:{consonants(word_shape)}")
        if kind == PERSON and form.words:
            keys.add(f"j:{consonants(form.joined)}")
        if kind == BODY:
            keys.update(f"a:{letters}" for letters in initials(form))
            letters = acronym(form)
            if letters is not None:
                keys.add(f"a:{letters}")
        if kind == PLACE and candidate.type == "country":
            from dossier.resolve.countries import countries

            country = countries().by_text(name)
            if country is not None:
                keys.add(f"c:{country.code}")
    return keys


class BlockingIndex:
    """An in-memory inverted index from blocking keys to candidate ids."""

    def __init__(self, max_block: int = MAX_BLOCK) -> None:
        self.max_block = max_block
        self._ids: dict[str, set[str]] = {}  # key -> ids
        self._keys: dict[str, set[str]] = {}  # id -> keys
        self._types: dict[str, str] = {}  # id -> type

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._keys

    @staticmethod
    def keys(candidate: Candidate) -> set[str]:
        """The candidate's blocking keys (:func:`blocking_keys`)."""
        return blocking_keys(candidate)

    def add(self, candidate: Candidate) -> None:
        """Index a candidate (again, if its id is indexed already: its keys are replaced)."""
        if candidate.id in self._keys:
            self.remove(candidate.id)
        keys = blocking_keys(candidate)
        self._keys[candidate.id] = keys
        self._types[candidate.id] = candidate.type
        for key in keys:
            self._ids.setdefault(key, set()).add(candidate.id)

    def remove(self, entity_id: str) -> None:
        """Forget an id (nothing happens if it is not indexed)."""
        for key in self._keys.pop(entity_id, set()):
            ids = self._ids.get(key)
            if ids is not None:
                ids.discard(entity_id)
                if not ids:
                    del self._ids[key]
        self._types.pop(entity_id, None)

    def block_size(self, key: str) -> int:
        """How many ids hold a key."""
        return len(self._ids.get(key, ()))

    def candidates(self, candidate: Candidate, limit: int = 50) -> list[str]:
        """Ids sharing a key with the candidate, of the same or a compatible type, most
        keys in common first (then by id); not the candidate itself, and not through
        keys held by more than ``max_block`` ids."""
        counts: Counter[str] = Counter()
        for key in blocking_keys(candidate):
            ids = self._ids.get(key)
            if not ids or len(ids) > self.max_block:
                continue
            counts.update(ids)
        counts.pop(candidate.id, None)
        found = [
            entity_id
            for entity_id in counts
            if compatible_types(candidate.type, self._types[entity_id])
        ]
        found.sort(key=lambda entity_id: (-counts[entity_id], entity_id))
        return found[:limit]

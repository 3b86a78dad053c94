"""The word lists of ``data/lexicon.yaml``, loaded once, as sets."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from dossier.resolve.names import normalise_name


@dataclass(slots=True, frozen=True)
class Lexicon:
    """Word lists for the entity rules (all normalised, lower case)."""

    groups: dict[str, str]  # form -> canonical group name
    org_suffixes: frozenset[str]
    government_words: frozenset[str]
    state_nouns: frozenset[str]
    outlet_context: frozenset[str]
    speaking_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    office_titles: frozenset[str]
    organizations: dict[str, str]  # form -> name
    alias_cues: tuple[tuple[str, ...], ...]
    not_names: frozenset[str]


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(normalise_name(value) for value in values)


@functools.cache
def lexicon() -> Lexicon:
    """The shared lexicon."""
    data = yaml.safe_load(
        resources.files("dossier.data").joinpath("lexicon.yaml").read_text("utf-8")
    )
    groups: dict[str, str] = {}
    for name, forms in data["groups"].items():
        for form in [name, *(forms or [])]:
            groups[normalise_name(form)] = name
    cues = sorted(
        (tuple(normalise_name(c).split()) for c in data["alias_cues"]), key=len, reverse=True
    )
    return Lexicon(
        groups=groups,
        org_suffixes=_words(data["org_suffixes"]),
        government_words=_words(data["government_words"]),
        state_nouns=_words(data["government_words"] + data["state_nouns"]),
        outlet_context=_words(data["outlet_context"]),
        speaking_verbs=_words(data["speaking_verbs"]),
        membership_nouns=_words(data["membership_nouns"]),
        office_titles=frozenset(t.lower() for t in data["office_titles"]),
        organizations={normalise_name(name): name for name in data["organizations"]},
        alias_cues=tuple(cues),
        not_names=_words(data["not_names"]),
    )

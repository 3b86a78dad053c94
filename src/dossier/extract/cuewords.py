"""The word lists of ``data/attribution.yaml``, loaded once, as frozen sets."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(slots=True, frozen=True)
class CueWords:
    """Cue words for the attribution rules (lemmas, lower case)."""

    speech_verbs: frozenset[str]
    thought_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    act_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    attitude_adjectives: frozenset[str]
    attitude_links: frozenset[str]
    denied_objects: frozenset[str]
    clause_only_verbs: frozenset[str]
    hedging_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adjectives: frozenset[str]
    sourceless_adverbs: frozenset[str]
    seeming_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    decline_verbs: frozenset[str]
    decline_objects: frozenset[str]
    no_comment_verbs: frozenset[str]
    respond_verbs: frozenset[str]
    reach_words: frozenset[str]
    available_words: frozenset[str]
    request_nouns: frozenset[str]
    citing_words: frozenset[str]
    anonymous_nouns: frozenset[str]
    mouthpiece_nouns: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    topic_verbs: Mapping[str, frozenset[str]]  # verb -> the prepositions of its topic
    act_cue_verbs: frozenset[str] = frozenset()
    regard_verbs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    finding_verbs: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    no_act_reading: frozenset[str] = frozenset()
    ownerless_stance_nouns: frozenset[str] = frozenset()

    @property
    def verbs(self) -> frozenset[str]:
        """Every verb that may be a cue."""
        return self.speech_verbs | self.thought_verbs | self.denial_verbs


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values)


@functools.cache
def cue_words() -> CueWords:
    """The shared cue lists."""
    data = yaml.safe_load(
        resources.files("dossier.data").joinpath("attribution.yaml").read_text("utf-8")
    )
    pronouns = data["pronouns"]
    return CueWords(
        speech_verbs=_set(data["speech_verbs"]),
        thought_verbs=_set(data["thought_verbs"]),
        quote_only_verbs=_set(data["quote_only_verbs"]),
        act_verbs=_set(data["act_verbs"]),
        denial_verbs=_set(data["denial_verbs"]),
        attitude_adjectives=_set(data["attitude_adjectives"]),
        attitude_links=_set(data["attitude_links"]),
        denied_objects=_set(data["denied_objects"]),
        clause_only_verbs=_set(data["clause_only_verbs"]),
        hedging_verbs=_set(data["hedging_verbs"]),
        hedge_adverbs=_set(data["hedge_adverbs"]),
        hedge_modals=_set(data["hedge_modals"]),
        hedge_adjectives=_set(data["hedge_adjectives"]),
        sourceless_adverbs=_set(data["sourceless_adverbs"]),
        seeming_verbs=_set(data["seeming_verbs"]),
        cue_nouns=_set(data["cue_nouns"]),
        decline_verbs=_set(data["decline_verbs"]),
        decline_objects=_set(data["decline_objects"]),
        no_comment_verbs=_set(data["no_comment_verbs"]),
        respond_verbs=_set(data["respond_verbs"]),
        reach_words=_set(data["reach_words"]),
        available_words=_set(data["available_words"]),
        request_nouns=_set(data["request_nouns"]),
        citing_words=_set(data["citing_words"]),
        anonymous_nouns=_set(data["anonymous_nouns"]),
        mouthpiece_nouns=_set(data["mouthpiece_nouns"]),
        anonymity_phrases=tuple(str(p).lower() for p in data["anonymity_phrases"]),
        person_pronouns=_set(pronouns["person"]),
        thing_pronouns=_set(pronouns["thing"]),
        plural_pronouns=_set(pronouns["plural"]),
        topic_verbs={str(verb).lower(): _set(preps) for verb, preps in data["topic_verbs"].items()},
        regard_verbs=_set(data.get("regard_verbs", [])),
        light_verbs=_set(data.get("light_verbs", [])),
        stance_nouns=_set(data.get("stance_nouns", [])),
        finding_verbs=_set(data.get("finding_verbs", [])),
        light_nouns=_set(data.get("light_nouns", [])),
        no_act_reading=_set(data.get("no_act_reading", [])),
        ownerless_stance_nouns=_set(data.get("ownerless_stance_nouns", [])),
        act_cue_verbs=_set(data.get("act_cue_verbs", []))
        - _set(data["speech_verbs"])
        - _set(data["thought_verbs"])
        - _set(data["denial_verbs"]),
    )

"""The PLOVER 2.0 ontology and dossier's event triggers (``data/plover.yaml``), loaded once.

The ontology is data: the 16 types with their modes, the contexts, the words
that name events and where their participants stand. This module only reads
and checks it; :mod:`dossier.extract.events` applies it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

from dossier.model.event import EVENT_TYPES

ROLE_VALUES = frozenset({"actor", "target", "place", "none", "holder"})
TRIGGER_KEYS = frozenset(
    {
        "lemma",
        "pos",
        "type",
        "mode",
        "roles",
        "context",
        "symmetric",
        "plural_only",
        "requires_prep",
        "requires_object",
        "requires_xcomp",
        "clause_auxiliaries",
        "object_nouns",
        "not_objects",
        "object_kinds",
        "subject_nouns",
        "passive_only",
        "intransitive_only",
        "material_objects",
        "under_prep",
        "stative_passive",
    }
)


@dataclass(slots=True, frozen=True)
class Trigger:
    """A word (or fixed phrase) that names an event, and how to read its participants.

    ``lemma`` is the head word's lemma; ``particles`` the further words of a
    phrase ("hold out", "lose control"), which must be among the head's
    dependents. ``roles`` maps ``subject``, ``object``, ``dative`` and
    prepositions to ``actor``, ``target``, ``place`` or ``none``.
    """

    lemma: str
    pos: str
    type: str
    mode: str | None = None
    roles: Mapping[str, str] = field(default_factory=dict)
    context: tuple[str, ...] = ()
    symmetric: bool = False
    particles: tuple[str, ...] = ()
    plural_only: bool = False
    requires_prep: frozenset[str] = frozenset()
    requires_object: bool = False
    requires_xcomp: bool = False
    clause_auxiliaries: frozenset[str] = frozenset()
    object_nouns: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    object_kinds: frozenset[str] = frozenset()
    subject_nouns: frozenset[str] = frozenset()
    passive_only: bool = False
    intransitive_only: bool = False
    material_objects: str | None = None
    under_prep: frozenset[str] = frozenset()
    """For nouns: one of these prepositions must govern the noun ("remained on alert")."""
    stative_passive: bool = False
    """A passive without an agent tells the subject's stance ("is opposed to", "is
    committed to"): its subject is read as the subject of the active verb."""

    def role(self, slot: str) -> str | None:
        """Where a participant in ``slot`` stands (None: the slot is not read)."""
        if slot in self.roles:
            return self.roles[slot]
        if slot == "subject":
            return "actor"
        if slot == "object" and self.pos == "verb":
            return "target"
        if slot in {"in", "at"}:
            return "place"
        return None


@dataclass(slots=True, frozen=True)
class Ontology:
    """Types, contexts, triggers, modality words and participant heads."""

    types: Mapping[str, Mapping]
    contexts: Mapping[str, str]  # word -> context
    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]  # (lemma, pos) -> triggers
    planned_auxiliaries: frozenset[str]
    promise_auxiliaries: frozenset[str]
    promise_adjectives: frozenset[str]
    promise_verbs: frozenset[str]
    planned_governors: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_adverbs: frozenset[str]
    attempted_governors: frozenset[str]
    negation_dependents: frozenset[str]
    negation_subjects: frozenset[str]
    negation_verbs: frozenset[str]
    generic_heads: frozenset[str]
    group_heads: frozenset[str]
    separate_words: frozenset[str]
    promised_types: Mapping[str, str]
    outsider_verbs: frozenset[str]
    counts: Mapping[str, int | None]

    def modes(self, event_type: str) -> frozenset[str]:
        return frozenset((self.types[event_type].get("modes") or {}).keys())


def _set(values) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values or ())


def _trigger(entry: Mapping, types: Mapping) -> Trigger:
    unknown = set(entry) - TRIGGER_KEYS
    if unknown:
        raise ValueError(f"plover.yaml: trigger {entry.get('lemma')!r}: unknown keys {unknown}")
    event_type = entry["type"]
    if event_type not in types:
        raise ValueError(f"plover.yaml: trigger {entry['lemma']!r}: unknown type {event_type}")
    mode = entry.get("mode")
    if mode is not None and mode not in (types[event_type].get("modes") or {}):
        raise ValueError(
            f"plover.yaml: trigger {entry['lemma']!r}: {event_type} has no mode {mode}"
        )
    roles = dict(entry.get("roles") or {})
    bad = {value for value in roles.values() if value not in ROLE_VALUES}
    if bad:
        raise ValueError(f"plover.yaml: trigger {entry['lemma']!r}: unknown roles {bad}")
    words = str(entry["lemma"]).lower().split()
    return Trigger(
        lemma=words[0],
        pos=entry.get("pos", "verb"),
        type=event_type,
        mode=mode,
        roles=roles,
        context=tuple(entry.get("context") or ()),
        symmetric=bool(entry.get("symmetric")),
        particles=tuple(words[1:]),
        plural_only=bool(entry.get("plural_only")),
        requires_prep=_set(entry.get("requires_prep")),
        requires_object=bool(entry.get("requires_object")),
        requires_xcomp=bool(entry.get("requires_xcomp")),
        clause_auxiliaries=_set(entry.get("clause_auxiliaries")),
        object_nouns=_set(entry.get("object_nouns")),
        not_objects=_set(entry.get("not_objects")),
        object_kinds=_set(entry.get("object_kinds")),
        subject_nouns=_set(entry.get("subject_nouns")),
        passive_only=bool(entry.get("passive_only")),
        intransitive_only=bool(entry.get("intransitive_only")),
        material_objects=entry.get("material_objects"),
        under_prep=_set(entry.get("under_prep")),
        stative_passive=bool(entry.get("stative_passive")),
    )


def _general(trigger: Trigger) -> int:
    """Sort key: entries with conditions are tried before the unconditioned one."""
    conditioned = (
        trigger.object_nouns
        or trigger.object_kinds
        or trigger.requires_prep
        or trigger.requires_xcomp
        or trigger.clause_auxiliaries
        or trigger.requires_object
        or trigger.subject_nouns
        or trigger.material_objects
        or trigger.passive_only
        or trigger.particles
        or trigger.under_prep
    )
    return 0 if conditioned else 1


@functools.cache
def ontology() -> Ontology:
    """The ontology of ``data/plover.yaml`` (checked: unknown types, modes or keys raise)."""
    source = resources.files("dossier.data").joinpath("plover.yaml").read_text("utf-8")
    data = yaml.safe_load(source)
    types = data["types"]
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for entry in data["triggers"]:
        trigger = _trigger(entry, types)
        triggers.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    contexts = {
        str(word).lower(): name for name, words in data["contexts"].items() for word in words
    }
    modality = data["modality"]
    negation = data["negation"]
    return Ontology(
        types=types,
        contexts=contexts,
        triggers={key: tuple(sorted(value, key=_general)) for key, value in triggers.items()},
        planned_auxiliaries=_set(modality["planned"]["auxiliaries"]),
        promise_auxiliaries=_set(data["promised"]["auxiliaries"]),
        promise_adjectives=_set(data["promised"]["adjectives"]),
        promise_verbs=_set(data["promised"]["verbs"]),
        planned_governors=_set(modality["planned"]["governors"]),
        hypothetical_auxiliaries=_set(modality["hypothetical"]["auxiliaries"]),
        hypothetical_governors=_set(modality["hypothetical"]["governors"]),
        hypothetical_adverbs=_set(modality["hypothetical"]["adverbs"]),
        attempted_governors=_set(modality["attempted"]["governors"]),
        negation_dependents=_set(negation["dependents"]),
        negation_subjects=_set(negation["subjects"]),
        negation_verbs=_set(negation["verbs"]),
        generic_heads=_set(data["generic_heads"]),
        group_heads=_set(data["group_heads"]),
        separate_words=_set(data["separate_words"]),
        outsider_verbs=_set(data["outsider_verbs"]),
        promised_types=dict(data["promised"]["types"]),
        counts=dict(data["counts"]),
    )


__all__ = ["EVENT_TYPES", "Ontology", "Trigger", "ontology"]

"""dossier's spaCy pipeline components.

Each component declares what it needs and what it sets, as spaCy's own do,
and writes plain data (lists and dicts) onto the Doc, so that results
survive the trip back from ``nlp.pipe``'s worker processes.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from dossier.extract.attribution import AttributionFinder
from dossier.extract.events import EventFinder
from dossier.extract.mentions import MentionFinder
from dossier.extract.relations import find_relations
from dossier.extract.repeats import find_repeats
from dossier.model.statement import ReportStatement
from dossier.resolve.backing import (
    attach_denials,
    entail_presence,
    share_among_speakers,
    silence_of_bodies,
)
from dossier.resolve.coref import ReportResolver
from dossier.resolve.countries import (
    countries,
    country_in_name,
    nationality_in_name,
    nationality_word,
)
from dossier.resolve.speakers import SpeakerResolver

if not Doc.has_extension("dossier_repeats"):
    Doc.set_extension("dossier_repeats", default=None)
if not Doc.has_extension("dossier_entities"):
    Doc.set_extension("dossier_entities", default=None)
if not Doc.has_extension("dossier_statements"):
    Doc.set_extension("dossier_statements", default=None)
for _name in ("dossier_events", "dossier_relations", "dossier_published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EntityResolver:
    """Finds actors and places and resolves them within the report."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = MentionFinder()

    def __call__(self, doc: Doc) -> Doc:
        repeats = find_repeats(doc.text)
        doc._.dossier_repeats = [[r.start, r.end, r.original] for r in repeats]
        candidates = self.finder(doc)
        entities = ReportResolver(doc, candidates, repeats).resolve()
        doc._.dossier_entities = [entity.to_dict() for entity in entities]
        return doc


@Language.factory(
    "dossier_entities",
    requires=["doc.ents", "token.dep", "token.tag", "token.is_sent_start"],
    assigns=["doc._.dossier_entities", "doc._.dossier_repeats"],
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp, name)


class StatementFinder:
    """Finds who says what: attributions with resolved speakers, and the outlet's voice."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = AttributionFinder()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # spaCy builds it anew on each access
        attributions = self.finder(doc, text)
        entities = doc._.dossier_entities or []
        resolver = SpeakerResolver(doc, entities, text=text)
        statements = resolver.statements(attributions, doc._.dossier_repeats or [])
        doc._.dossier_entities = entities  # affiliations may add a country
        doc._.dossier_statements = [statement.to_dict() for statement in statements]
        return doc


@Language.factory(
    "dossier_statements",
    requires=["doc._.dossier_entities", "doc._.dossier_repeats", "token.dep", "token.lemma"],
    assigns=["doc._.dossier_statements"],
)
def make_statement_finder(nlp: Language, name: str) -> StatementFinder:
    return StatementFinder(nlp, name)


class EventCoder:
    """Finds events (PLOVER 2.0) and relations, backed by the report's statements.

    Relative dates are placed against ``doc._.dossier_published`` (an ISO
    date the caller sets before the pipeline runs); without it they keep
    their words and no interval.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = EventFinder()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # spaCy builds it anew on each access
        entities = doc._.dossier_entities or []
        for entity in entities:
            if entity["type"] in {"organization", "group"} and not entity.get("country"):
                country = country_in_name(entity["name"])
                entity["country"] = country.code if country is not None else None
        statements = [ReportStatement.from_dict(s) for s in doc._.dossier_statements or []]
        events = self.finder(doc, entities, statements, doc._.dossier_published, text)
        relations = find_relations(doc, entities, text)
        affiliate(doc, entities, relations)
        backing = relation_statements(relations, statements)
        for relation, numbers in zip(relations, backing, strict=True):
            relation.statements = numbers
        attach_denials(events, statements, entities, relations, text)
        silence_of_bodies(events, statements, relations, text)
        entail_presence(events, statements, text)
        share_among_speakers(events, statements)
        doc._.dossier_entities = entities  # nationality words may add a country
        doc._.dossier_events = [event.to_dict() for event in events]
        doc._.dossier_relations = [relation.to_dict() for relation in relations]
        return doc


AFFILIATIONS = frozenset(
    {"office_holder_of", "leader_of", "member_of", "spokesperson_of", "envoy_of"}
)
"""Relations that make a person or body stand for its object's country."""
PARTY_TYPES = frozenset({"person", "organization", "group"})
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "prep", "pobj", "punct"})


def affiliate(doc: Doc, entities: list[dict], relations) -> None:
    """Give persons, bodies and groups without a country the country they stand for.

    As PLOVER codes actors: a party takes the country of its office,
    leadership, membership or mission (``office_holder_of``, ``leader_of``,
    ``member_of``, ``spokesperson_of``, ``envoy_of`` a country, or a body or
    place with one), else of a nationality word in its name ("Israeli prime
    minister", "Bosnian Serbs") or in the title before a mention ("Iraqi
    President X", "U.S. Secretary of State X", "Pakistan President X").
    """
    for relation in relations:
        if relation.type not in AFFILIATIONS:
            continue
        subject, holder = entities[relation.subject], entities[relation.object]
        if subject["type"] in PARTY_TYPES and not subject.get("country"):
            subject["country"] = holder.get("country") or None
    starts = [token.idx for token in doc]
    for entity in entities:
        if entity["type"] not in PARTY_TYPES or entity.get("country"):
            continue
        country = nationality_in_name(entity["name"])
        if country is None:
            for start, *_ in entity["mentions"]:
                position = bisect_right(starts, start) - 1
                if 0 <= position < len(doc) and doc[position].idx == start:
                    country = _title_nationality(doc, position)
                if country is not None:
                    break
        if country is None and entity["type"] == "person":
            country = _office_country(doc, entity, entities, starts)
        if country is not None:
            entity["country"] = country.code


def _office_country(doc: Doc, entity: dict, entities: list[dict], starts: list[int]):
    """The state a titled office holder serves when the report names no other: "President
    X resigned to allow Haiti's elections" (the one country its sentence names, not one
    the person acts on: "President X threatened Russia")."""
    lexicon = countries()
    for start, end, *_ in entity["mentions"]:
        first = bisect_right(starts, start) - 1
        if not 0 <= first < len(doc) or doc[first].idx != start:
            continue
        words = [t.lower_ for t in doc[max(0, first - 3) : first + 3] if t.idx < end]
        if not set(words) & lexicon.state_titles:
            continue
        head = doc[first]
        while head.head.i != head.i and head.dep_ in {"compound", "amod", "nmod", "flat"}:
            head = head.head
        verb = head.head
        found = {}
        for token in doc[first].sent:
            country = nationality_word(token.text) if token.pos_ in {"PROPN", "ADJ"} else None
            if country is None or token.i in range(first, first + 3):
                continue
            acted_on = token.head.i == verb.i or (
                token.head.dep_ in {"prep", "agent", "dative"} and token.head.head.i == verb.i
            )
            if not acted_on:
                found[country.code] = country
        if len(found) == 1:
            return next(iter(found.values()))
    return None


def _title_nationality(doc: Doc, first: int):
    """The nationality word of the title right before a name ("Iraqi President", "U.S.
    Secretary of State"): a word left of the name that hangs, through title words, on it."""
    name_head = doc[first]
    while name_head.head.i > name_head.i and name_head.dep_ in {"compound", "amod", "nmod"}:
        name_head = name_head.head
    position = first - 1
    while position >= 0 and first - position <= 6:
        word = doc[position]
        chain, current = 0, word
        while current.i != name_head.i and chain < 6 and current.dep_ in TITLE_DEPS:
            if current.head.i == current.i:
                break
            current, chain = current.head, chain + 1
        if current.i != name_head.i:
            return None
        country = nationality_word(word.text)
        if country is not None:
            return country
        position -= 1
    return None


def relation_statements(relations, statements) -> list[list[int]]:
    """The statements over each relation's evidence (the sentence that states the tie)."""
    found = []
    for relation in relations:
        start, end = relation.evidence
        numbers = [
            number
            for number, statement in enumerate(statements)
            if statement.start < end and start < statement.end
        ]
        found.append(numbers)
    return found


@Language.factory(
    "dossier_events",
    requires=["doc._.dossier_entities", "doc._.dossier_statements", "token.dep", "token.lemma"],
    assigns=["doc._.dossier_events", "doc._.dossier_relations"],
)
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp, name)

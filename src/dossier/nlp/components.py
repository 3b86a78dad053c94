"""dossier's spaCy pipeline components.

Each component declares what it needs and what it sets, as spaCy's own do,
and writes plain data (lists and dicts) onto the Doc, so that results
survive the trip back from ``nlp.pipe``'s worker processes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dossier.extract.attribution import AttributionFinder
from dossier.extract.events import EventFinder
from dossier.extract.mentions import MentionFinder
from dossier.extract.relations import find_relations
from dossier.extract.repeats import find_repeats
from dossier.model.statement import ReportStatement
from dossier.resolve.coref import ReportResolver
from dossier.resolve.countries import country_in_name
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
        backing = relation_statements(relations, statements)
        for relation, numbers in zip(relations, backing, strict=True):
            relation.statements = numbers
        doc._.dossier_entities = entities  # nationality words may add a country
        doc._.dossier_events = [event.to_dict() for event in events]
        doc._.dossier_relations = [relation.to_dict() for relation in relations]
        return doc


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

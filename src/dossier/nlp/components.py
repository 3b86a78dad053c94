"""dossier's spaCy pipeline components.

Each component declares what it needs and what it sets, as spaCy's own do,
and writes plain data (lists and dicts) onto the Doc, so that results
survive the trip back from ``nlp.pipe``'s worker processes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dossier.extract.attribution import AttributionFinder
from dossier.extract.mentions import MentionFinder
from dossier.extract.repeats import find_repeats
from dossier.resolve.coref import ReportResolver
from dossier.resolve.speakers import SpeakerResolver

if not Doc.has_extension("dossier_repeats"):
    Doc.set_extension("dossier_repeats", default=None)
if not Doc.has_extension("dossier_entities"):
    Doc.set_extension("dossier_entities", default=None)
if not Doc.has_extension("dossier_statements"):
    Doc.set_extension("dossier_statements", default=None)


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

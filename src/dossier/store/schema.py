"""The tables of the knowledge base (SQLAlchemy Core).

Ids are content hashes (see :mod:`dossier.model.ids`); offsets are Python
string indices into ``documents.text``, end exclusive. Record kinds that this
version does not model yet (assessments imported from another tool) are
kept verbatim in ``records`` so that an import never loses them.

``SCHEMA_VERSION`` history (``Database`` brings an older base up to date when
it opens it):

1. documents, entities, aliases, mentions, repeats, records.
2. ``statements`` (who says what); statement records imported before it
   stay in ``records`` and are still exported from there.
3. ``events`` with ``event_participants``, ``relations``, and the links
   ``event_statements`` and ``relation_statements`` to the statements that
   report them; event and relation records imported before it stay in
   ``records`` and are still exported from there.
4. ``judgements`` (same / different / unsure decisions on pairs of
   entities, dossier's and analysts'), ``blocking_keys`` (the index that
   finds candidate pairs), ``known_actors`` (entities loaded from an actor
   list) and ``source_grades`` (the reliability a user gives a source).
"""

from __future__ import annotations

import re

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 4
APPLICATION = "dossier"

# The values of ``events.type`` are the 16 PLOVER 2.0 types (``model.event.EVENT_TYPES``).

# An event date's ``start`` and ``end``: an ISO date prefix (2022, 2022-01, 2022-01-18).
ISO_PREFIX = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")

metadata = MetaData()

meta = Table(
    "dossier_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("path", Text),
    Column("origin", Text),
    Column("text", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("country", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", String(64), ForeignKey("entities.id"), primary_key=True),
    Column("alias", Text, primary_key=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("repeated", Boolean, nullable=False, default=False),
    Index("mentions_entity", "entity_id"),
)

repeats = Table(
    "repeats",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("original", Integer, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", String(64), ForeignKey("entities.id")),  # null: anonymous or outlet
    Column("speaker_text", Text),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("affiliation", String(64), ForeignKey("entities.id")),
    Column("cue", Text),
    Column("stance", String(16), nullable=False),
    Column("hedged", Boolean, nullable=False, default=False),
    # JSON text, as the exchange format writes them: {"source", "cue", "content"},
    # a list of {"speaker_text", "cue", "speaker"} and a list of event/relation ids.
    Column("spans", Text, nullable=False),
    Column("chain", Text, nullable=False),
    Column("about", Text, nullable=False),
    # JSON object of the fields of an imported record that dossier does not know, or null.
    Column("extra", Text),
    Index("statements_document", "document_id", "start"),
    Index("statements_speaker", "speaker"),
    Index("statements_affiliation", "affiliation"),
    Index("statements_stance", "stance"),
)

# An event of one report (its id hashes the document, type, trigger and parties).
# ``document_id`` and the trigger are null for events imported from a tool that
# does not give them; ``date_*`` are all null when the report gives no time.
events = Table(
    "events",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id")),
    Column("type", String(16), nullable=False),
    Column("mode", Text),
    Column("context", Text, nullable=False),  # JSON list of PLOVER contexts
    Column("location", String(64), ForeignKey("entities.id")),
    Column("date_start", String(10)),  # ISO prefixes, precision kept
    Column("date_end", String(10)),
    Column("date_text", Text),
    Column("negated", Boolean, nullable=False, default=False),
    Column("modality", String(16), nullable=False),
    Column("count", Integer, nullable=False, default=1),
    Column("summary", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    # JSON object of the fields of an imported record that dossier does not know, or null.
    Column("extra", Text),
    Index("events_document", "document_id", "trigger_start"),
    Index("events_type", "type"),
    Index("events_location", "location"),
    Index("events_date", "date_start"),
)

# Who takes part in an event: initiators (``actor``) and recipients (``target``),
# each list in its order (``position``).
event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", String(128), ForeignKey("events.id"), primary_key=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), primary_key=True),
    Column("role", String(8), primary_key=True),  # actor | target
    Column("position", Integer, nullable=False),
    Index("event_participants_entity", "entity_id"),
)

# A lasting tie between two entities; one row however many reports state it
# (the id hashes type, subject, object and role).
relations = Table(
    "relations",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("subject", String(64), ForeignKey("entities.id"), nullable=False),
    Column("object", String(64), ForeignKey("entities.id"), nullable=False),
    Column("role", Text),
    Column("extra", Text),
    Index("relations_subject", "subject"),
    Index("relations_object", "object"),
)

# The statements that report an event or a relation (a statement's ``about``
# lists the same links from its side). ``statement_id`` has no foreign key: it
# may name a statement kept verbatim in ``records`` by an older dossier.
# ``position`` orders an item's statements (within one report, by the order
# they were given; several reports' statements interleave by position, then id).
event_statements = Table(
    "event_statements",
    metadata,
    Column("event_id", String(128), ForeignKey("events.id"), primary_key=True),
    Column("statement_id", String(128), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("event_statements_statement", "statement_id"),
)

relation_statements = Table(
    "relation_statements",
    metadata,
    Column("relation_id", String(128), ForeignKey("relations.id"), primary_key=True),
    Column("statement_id", String(128), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("relation_statements_statement", "statement_id"),
)

# A decision on whether two entities are one actor (nomenklatura's judgements):
# ``left`` sorts before ``right``; ``origin`` is ``dossier`` (an automatic
# match) or ``analyst`` (``dossier merge``/``split``), and an analyst's
# judgement is never overwritten by dossier's. Entities are never merged in
# place: the export and the queries read the connected "same" pairs.
judgements = Table(
    "judgements",
    metadata,
    Column("left", String(64), primary_key=True),
    Column("right", String(64), primary_key=True),
    Column("judgement", String(16), nullable=False),  # same | different | unsure
    Column("origin", String(16), nullable=False),  # dossier | analyst
    Column("score", Float),
    Column("reason", Text),
    Column("created", String(32)),
    Index("judgements_right", "right"),
)

# Blocking keys of each entity (name-token skeletons, acronyms): candidate
# pairs are entities sharing a key, found by index whatever the base's size.
blocking_keys = Table(
    "blocking_keys",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), primary_key=True),
    Index("blocking_keys_entity", "entity_id"),
)

# Entities loaded from a list of known actors (``dossier actors load``).
known_actors = Table(
    "known_actors",
    metadata,
    Column("entity_id", String(64), ForeignKey("entities.id"), primary_key=True),
    Column("origin", Text),  # the file it was loaded from
    Column("data", Text, nullable=False),  # JSON: the entry as loaded
)

# The reliability grade (A-F) a user gives a source: an outlet or speaker's
# name (normalised) or an entity id.
source_grades = Table(
    "source_grades",
    metadata,
    Column("source", String(256), primary_key=True),
    Column("grade", String(1), nullable=False),
    Column("label", Text),
    Column("note", Text),
)

"""The tables of the knowledge base (SQLAlchemy Core).

Ids are content hashes (see :mod:`dossier.model.ids`); offsets are Python
string indices into ``documents.text``, end exclusive. Record kinds that this
version does not model yet (relations, events, assessments imported from
another tool) are kept verbatim in ``records`` so that an import never loses
them.

``SCHEMA_VERSION`` history (``Database`` brings an older base up to date when
it opens it):

1. documents, entities, aliases, mentions, repeats, records.
2. ``statements`` (who says what); statement records imported before it
   stay in ``records`` and are still exported from there.
"""

from __future__ import annotations

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

SCHEMA_VERSION = 2
APPLICATION = "dossier"

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

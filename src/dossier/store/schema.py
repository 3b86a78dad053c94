"""The tables of the knowledge base (SQLAlchemy Core).

Ids are content hashes (see :mod:`dossier.model.ids`); offsets are Python
string indices into ``documents.text``, end exclusive. Record kinds that this
version does not model yet (relations, events, statements, assessments
imported from another tool) are kept verbatim in ``records`` so that an
import never loses them.
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

SCHEMA_VERSION = 1
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

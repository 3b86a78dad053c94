"""Entities and their mentions as the NLP stage hands them to the store."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum

from dossier.model.ids import content_id
from dossier.resolve.names import normalise_name


class EntityType(StrEnum):
    """The entity types of the exchange format."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    PLACE = "place"
    GROUP = "group"


@dataclass(slots=True)
class Mention:
    """One stretch of a report that names an entity (offsets end-exclusive)."""

    start: int
    end: int
    text: str
    repeated: bool = False  # inside a repeated line (a caption printed twice)


@dataclass(slots=True)
class ReportEntity:
    """An entity as resolved within one report, with all its mentions there."""

    type: EntityType
    name: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def key(self) -> str:
        """What makes two reports' entities one entity (for now): type and name."""
        return entity_id(self.type, self.name)

    def to_dict(self) -> dict:
        return {
            "type": self.type.value,
            "name": self.name,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "mentions": [[m.start, m.end, m.text, m.repeated] for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReportEntity:
        return cls(
            type=EntityType(data["type"]),
            name=data["name"],
            country=data.get("country"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            mentions=[Mention(s, e, t, bool(r)) for s, e, t, r in data["mentions"]],
        )


def entity_id(entity_type: EntityType | str, name: str) -> str:
    """The entity id: a hash of the type and the normalised name."""
    value = entity_type.value if isinstance(entity_type, EntityType) else entity_type
    return _entity_id(value, name)


@functools.lru_cache(maxsize=65536)
def _entity_id(entity_type: str, name: str) -> str:
    return content_id("e", entity_type, normalise_name(name))

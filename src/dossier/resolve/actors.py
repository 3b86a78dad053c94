"""Known actors: a list of actors a user gives, like an event coder's actor dictionary.

A list is a CSV file (a header row with ``name`` and ``type``, and
optionally ``aliases``, ``country`` and ``affiliations``, the lists
separated by ``;`` or ``|``) or a YAML file (a list of mappings with the
same keys, lists as YAML lists or as such strings; or a mapping with an
``actors`` key holding that list). Example::

    - name: Amir Khan Muttaqi
      type: person
      aliases: [Mawlawi Amir Khan Muttaqi, Amir Khan Mutaqqi]
      country: af
      affiliations: [Taliban]

``type`` is one of the exchange format's entity types; ``country`` an ISO
3166-1 alpha-2 code (or a country name that :mod:`dossier.resolve.countries`
knows). Every problem is an :class:`~dossier.errors.InputError` naming the
file and the row or entry; nothing of a file with a bad entry is loaded.

Limits: no dates of office (an alias is valid for all time), no sectors or
roles beyond the affiliations' names.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dossier.errors import Errors, InputError
from dossier.model.entity import EntityType
from dossier.resolve.countries import countries

LIST_SEPARATOR = re.compile(r"\s*[;|]\s*")
KEYS = ("name", "type", "aliases", "country", "affiliations")


@dataclass(slots=True)
class KnownActor:
    """One entry of an actor list."""

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type.value,
            "aliases": list(self.aliases),
            "country": self.country,
            "affiliations": list(self.affiliations),
        }


def read_actors(path: str | Path) -> list[KnownActor]:
    """The entries of an actor list (CSV or YAML, by the file's suffix)."""
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Errors.E013, where=where, detail="no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(Errors.E013, where=where, detail=str(error)) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _from_csv(text, where)
    if suffix in (".yaml", ".yml"):
        return _from_yaml(text, where)
    raise InputError(
        Errors.E013, where=where, detail=f"an actor list is .csv, .yaml or .yml, not {suffix!r}"
    )


def _from_csv(text: str, where: str) -> list[KnownActor]:
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [key for key in ("name", "type") if key not in header]
    if missing:
        raise InputError(
            Errors.E013, where=f"{where}:1", detail=f"the header has no {' and no '.join(missing)}"
        )
    actors = []
    for row in reader:
        entry = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        actors.append(_actor(entry, f"{where}:{reader.line_num}"))  # the line an editor shows
    return actors


def _from_yaml(text: str, where: str) -> list[KnownActor]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(Errors.E013, where=where, detail=f"not YAML ({error})") from None
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise InputError(
            Errors.E013, where=where, detail="an actor list is a list of entries (or 'actors:')"
        )
    actors = []
    for number, entry in enumerate(data, start=1):
        here = f"{where}: entry {number}"
        if not isinstance(entry, dict):
            raise InputError(Errors.E013, where=here, detail="an entry is a mapping")
        actors.append(_actor({str(k).lower(): v for k, v in entry.items()}, here))
    return actors


def _actor(entry: dict, here: str) -> KnownActor:
    unknown = sorted(set(entry) - set(KEYS) - {""})
    if unknown:
        raise InputError(Errors.E013, where=here, detail=f"unknown field(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(Errors.E013, where=here, detail="an actor needs a name")
    kind = str(entry.get("type") or "").strip().lower()
    try:
        entity_type = EntityType(kind)
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise InputError(
            Errors.E013, where=here, detail=f"type {kind!r} is not one of {allowed}"
        ) from None
    return KnownActor(
        name.strip(),
        entity_type,
        _list(entry.get("aliases"), here, "aliases"),
        _country(entry.get("country"), here),
        _list(entry.get("affiliations"), here, "affiliations"),
    )


def _list(value, here: str, key: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = LIST_SEPARATOR.split(value.strip())
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise InputError(Errors.E013, where=here, detail=f"{key} is a list of names")
    return [item.strip() for item in items if item and item.strip()]


def _country(value, here: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(Errors.E013, where=here, detail="country is a code or a name")
    text = value.strip()
    table = countries()
    found = table.by_text(text)  # "UK" is the United Kingdom (gb), "Iran" is ir
    if found is None and len(text) == 2:
        found = table.by_code.get(text.lower())
    if found is None:
        raise InputError(
            Errors.E013, where=here, detail=f"{text!r} is not an ISO alpha-2 code or known country"
        )
    return found.code


__all__ = ["KnownActor", "read_actors"]

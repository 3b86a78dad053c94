"""Countries: names, demonyms, ISO codes, coordinates and capitals.

Built from the ``countryinfo`` package (names, alternative spellings, one
demonym, a central point and the capital of 250 countries and territories),
with our own additions in ``data/countries.yaml``; codes are checked against
followthemoney's country type, whose convention (ISO alpha-2, lower case) the
exchange format uses. Capitals stand for their states ("Moscow said") except
those the data blocks (names of people or of other towns, disputed ones) and
those two countries share.

Limits: English names only; historical states (the USSR, Yugoslavia) are not
countries here, though some of their names are kept for their successors
("Kampuchea"); "Georgia" and similar ambiguous names are left to context; a
capital read as its state misreads a sentence about the city itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import countryinfo
import yaml
from followthemoney.types import registry

from dossier.resolve.names import is_latin, normalise_name


@dataclass(slots=True)
class Country:
    """One country as dossier knows it."""

    code: str  # ISO 3166-1 alpha-2, lower case
    name: str
    latitude: float | None = None
    longitude: float | None = None
    capital: str | None = None
    names: set[str] = field(default_factory=set)  # normalised
    demonyms: set[str] = field(default_factory=set)  # normalised
    capitals: set[str] = field(default_factory=set)  # normalised


class Countries:
    """Lookup of countries by name and by demonym."""

    def __init__(self) -> None:
        self.by_code: dict[str, Country] = {}
        self.by_name: dict[str, Country] = {}
        self.by_demonym: dict[str, Country] = {}
        self.by_capital: dict[str, Country] = {}
        extra = yaml.safe_load(
            resources.files("dossier.data").joinpath("countries.yaml").read_text("utf-8")
        )
        blocked = {normalise_name(n) for n in extra.get("not_countries", [])}
        self.state_titles = frozenset(t.lower() for t in extra.get("state_titles", []))
        for info in countryinfo.all_countries():
            self._add_info(info.info(), blocked)
        for code, names in extra.get("names", {}).items():
            country = self.by_code.get(code)
            if country is not None:
                for name in names:
                    self._add_name(country, name, override=True)
        for code, demonyms in extra.get("demonyms", {}).items():
            country = self.by_code.get(code)
            if country is not None:
                for demonym in demonyms:
                    self._add_demonym(country, demonym, override=True)
        self._add_capitals(extra)

    def _add_capitals(self, extra: dict) -> None:
        """Capitals that stand for their country ("Moscow said"): countryinfo's, with the
        additions of ``capitals`` and without ``not_capitals`` (names of people or of
        other towns) and capitals two countries share."""
        blocked = {normalise_name(n) for n in extra.get("not_capitals", [])}
        seen: dict[str, set[str]] = {}
        for country in self.by_code.values():
            capital = country.capital
            if isinstance(capital, str) and len(country.code) == 2:
                seen.setdefault(normalise_name(capital), set()).add(country.code)
        for code, names in extra.get("capitals", {}).items():
            for name in names:
                seen[normalise_name(name)] = {code}
        for key, codes in seen.items():
            if key and key not in blocked and len(codes) == 1:
                country = self.by_code[next(iter(codes))]
                country.capitals.add(key)
                self.by_capital[key] = country

    def _add_info(self, info: dict, blocked: set[str]) -> None:
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        code = registry.country.clean(alpha2) if alpha2 else None
        if not code or code in self.by_code:
            return
        latlng = info.get("latlng") or [None, None]
        country = Country(
            code=code,
            name=registry.country.caption(code) or info["name"],
            latitude=float(latlng[0]) if latlng[0] is not None else None,
            longitude=float(latlng[1]) if len(latlng) > 1 and latlng[1] is not None else None,
            capital=info.get("capital") or None,
        )
        self.by_code[code] = country
        for name in [info.get("name", ""), country.name, *info.get("altSpellings", [])]:
            if not name or not is_latin(name) or normalise_name(name) in blocked:
                continue
            # Two- and three-letter codes ("IR", "IRN") are not names in prose.
            if len(name) <= 3 and name.isupper():
                continue
            self._add_name(country, name)
        demonym = info.get("demonym")
        if demonym and is_latin(demonym):
            self._add_demonym(country, demonym)

    def _add_name(self, country: Country, name: str, *, override: bool = False) -> None:
        key = normalise_name(name)
        if key:
            country.names.add(key)
            if override:
                self.by_name[key] = country
            else:
                self.by_name.setdefault(key, country)

    def _add_demonym(self, country: Country, demonym: str, *, override: bool = False) -> None:
        key = normalise_name(demonym)
        if not key:
            return
        forms = {key}
        if not key.endswith(("s", "sh", "ch", "ese")):
            forms.add(key + "s")
        for form in forms:
            country.demonyms.add(form)
            if override:
                self.by_demonym[form] = country
            else:
                self.by_demonym.setdefault(form, country)

    def by_text(self, text: str) -> Country | None:
        """The country a name stands for ("Iran", "the US", "Türkiye"), if any."""
        return self.by_name.get(normalise_name(text))

    def by_demonym_text(self, text: str) -> Country | None:
        """The country of a demonym ("Iranian", "the Iranians", "British"), if any."""
        return self.by_demonym.get(normalise_name(text))

    def by_capital_text(self, text: str) -> Country | None:
        """The country whose capital a name is ("Moscow", "Washington"), if any."""
        return self.by_capital.get(normalise_name(text))


def country_in_name(name: str) -> Country | None:
    """The country a body's name starts with or carries ("Egyptian police", "UK Ministry of
    Defence", "the Sri Lankan army": a word or two words together), if exactly one; None
    otherwise."""
    lexicon = countries()
    found = {}
    words = name.replace("-", " ").split()
    for position, word in enumerate(words):
        country = lexicon.by_text(word) or lexicon.by_demonym_text(word)
        if country is None and position + 1 < len(words):
            pair = f"{word} {words[position + 1]}"
            country = lexicon.by_text(pair) or lexicon.by_demonym_text(pair)
        if country is not None:
            found[country.code] = country
    return next(iter(found.values())) if len(found) == 1 else None


def nationality_word(word: str):
    """The country a single word of nationality, a country's name or its capital stands for
    ("Iraqi", "U.S.", "Pakistan", "Moscow"), if any. Capitals are read as their states
    wherever a nationality word would be ("Moscow's envoy"): a sentence about the city
    itself is misread."""
    lexicon = countries()
    return lexicon.by_demonym_text(word) or lexicon.by_text(word) or lexicon.by_capital_text(word)


def nationality_in_name(name: str) -> Country | None:
    """The country of the first nationality word in a person's or group's name ("Israeli
    prime minister", "Bosnian Serbs"); country names are not read ("Israel Katz")."""
    lexicon = countries()
    for word in name.replace("-", " ").split():
        country = lexicon.by_demonym_text(word)
        if country is not None:
            return country
    return None


def country_entity(entities: list[dict], country: Country, start: int, text: str) -> int:
    """The index of a report's entity for ``country``, with this mention; added if missing.

    ``entities`` is the report's entity list (dicts, as the NLP stage keeps
    them); the mention ``text`` at ``start`` is added to the country's
    mentions when it is not there yet, and when no other entity holds that
    span (a country told by its city, "in Athens", is added without one: a
    span names one entity).
    """
    mention = [start, start + len(text), text, False]
    taken = any(
        m[0] == start and m[1] == start + len(text)
        for entity in entities
        if not (entity["type"] == "country" and entity.get("country") == country.code)
        for m in entity.get("mentions", ())
    )
    if taken:
        mention = None
    for index, entity in enumerate(entities):
        if entity["type"] == "country" and entity.get("country") == country.code:
            if mention is not None and mention not in entity["mentions"]:
                entity["mentions"].append(mention)
                entity["mentions"].sort()
            return index
    entities.append(
        {
            "type": "country",
            "name": country.name,
            "country": country.code,
            "latitude": country.latitude,
            "longitude": country.longitude,
            "mentions": [mention] if mention is not None else [],
        }
    )
    return len(entities) - 1


@functools.cache
def countries() -> Countries:
    """The shared, lazily built country lexicon."""
    return Countries()

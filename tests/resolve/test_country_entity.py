"""country_entity: a report's country entity, found or added, never stealing another's span;
the words that stand for a country (demonyms, names, capitals)."""

from __future__ import annotations

import pytest

from dossier.resolve.countries import countries, country_entity, country_in_name, nationality_word


def test_a_country_told_by_its_city_takes_no_mention_of_the_city():
    greece = countries().by_text("Greece")
    entities = [{"type": "place", "name": "Athens", "mentions": [[10, 16, "Athens", False]]}]
    index = country_entity(entities, greece, 10, "Athens")
    assert entities[index]["country"] == "gr" and entities[index]["mentions"] == []
    assert entities[0]["mentions"] == [[10, 16, "Athens", False]]  # the city keeps its span


def test_a_country_named_by_a_demonym_gets_that_mention_once():
    iran = countries().by_text("Iran")
    entities: list[dict] = []
    first = country_entity(entities, iran, 0, "Iranian")
    again = country_entity(entities, iran, 0, "Iranian")
    later = country_entity(entities, iran, 40, "Iranian")
    assert first == again == later == 0
    assert entities[0]["mentions"] == [[0, 7, "Iranian", False], [40, 47, "Iranian", False]]


NATIONALITY = [
    pytest.param("Argentine", "ar", id="demonym-argentine"),
    pytest.param("Kyrgyz", "kg", id="demonym-kyrgyz"),
    pytest.param("Azeri", "az", id="demonym-azeri"),
    pytest.param("PRC", "cn", id="name-prc"),
    pytest.param("Macedonia", "mk", id="name-macedonia"),
    pytest.param("Moscow", "ru", id="capital-moscow"),
    pytest.param("Washington", "us", id="capital-added-washington"),
    pytest.param("Algiers", "dz", id="capital-algiers"),
    pytest.param("Victoria", None, id="capital-that-is-a-name-is-not-read"),
    pytest.param("Kingston", None, id="capital-blocked-kingston"),
    pytest.param("Jerusalem", None, id="capital-disputed-not-read"),
]


@pytest.mark.parametrize(("word", "code"), NATIONALITY)
def test_nationality_words(word, code):
    """Demonyms, names and capitals that stand for a country; blocked capitals do not."""
    country = nationality_word(word)
    assert (country.code if country is not None else None) == code


IN_NAMES = [
    pytest.param("Sri Lankan army", "lk", id="two-word-demonym"),
    pytest.param("Egyptian police", "eg", id="one-word-demonym"),
    pytest.param("South Korean navy", "kr", id="two-word-demonym-not-korean-alone"),
    pytest.param("Moscow Institute", None, id="capital-not-read-in-names"),
]


@pytest.mark.parametrize(("name", "code"), IN_NAMES)
def test_country_in_name(name, code):
    country = country_in_name(name)
    assert (country.code if country is not None else None) == code

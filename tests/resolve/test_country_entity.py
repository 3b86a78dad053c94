"""country_entity: a report's country entity, found or added, never stealing another's span."""

from __future__ import annotations

from dossier.resolve.countries import countries, country_entity


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

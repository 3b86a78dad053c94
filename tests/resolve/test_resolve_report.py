"""Within-report resolution rules, each on a short text written for the test."""

from __future__ import annotations

import pytest

from dossier.nlp import load_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


def entities(pipeline, text: str) -> list[dict]:
    return pipeline(text)._.dossier_entities


def entity_of(found: list[dict], surface: str) -> dict:
    """The entity one of whose mentions reads ``surface`` exactly."""
    hits = [e for e in found if any(m[2] == surface for m in e["mentions"])]
    assert len(hits) == 1, f"{surface!r} is in {len(hits)} entities: {[e['name'] for e in hits]}"
    return hits[0]


def test_surname_resolves_to_full_name(pipeline):
    found = entities(
        pipeline,
        (
            "Ali Nazari, head of foreign relations for the movement, spoke to reporters in Geneva. "
            "The talks ended without results, Nazari said on Monday."
        ),
    )
    person = entity_of(found, "Nazari")
    assert person["name"] == "Ali Nazari"
    assert person["type"] == "person"


@pytest.mark.parametrize(
    "text",
    [
        # defined before use
        "The National Liberation Army (NLA) attacked a convoy. Later the NLA said it regretted it.",
        # used before its definition
        "The NLA said on Sunday it had attacked a convoy. The National Liberation Army (NLA) "
        "has fought the government since 2019.",
    ],
)
def test_acronym_joins_its_expansion(pipeline, text):
    found = entities(pipeline, text)
    org = entity_of(found, "NLA")
    assert org["name"] == "National Liberation Army"
    assert org["type"] == "organization"


def test_acronym_never_defined_joins_the_name_it_spells(pipeline):
    found = entities(
        pipeline,
        (
            "The Democratic Unity Party held a rally in Tbilisi on Friday. "
            "Police said DUP supporters blocked a road."
        ),
    )
    assert entity_of(found, "DUP")["name"] == "Democratic Unity Party"


def test_acronym_long_form_is_cut_to_the_words_it_spells(pipeline):
    found = entities(
        pipeline, ("Envoys met at the Organization of Islamic Cooperation (OIC) summit in Jeddah.")
    )
    assert entity_of(found, "OIC")["name"] == "Organization of Islamic Cooperation"


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("The Iranians were disappointed with the outcome of the talks.", "Iranians", "ir"),
        (
            "The Pakistani government did not respond to a request for comment.",
            "Pakistani government",
            "pk",
        ),
        ("The US said it would send envoys to Doha.", "US", "us"),
    ],
)
def test_demonyms_and_short_names_acting_are_countries(pipeline, text, surface, code):
    entity = entity_of(entities(pipeline, text), surface)
    assert entity["type"] == "country"
    assert entity["country"] == code
    assert entity["latitude"] is not None


def test_demonym_as_a_plain_adjective_is_not_an_actor(pipeline):
    found = entities(pipeline, "Russian weapons were seen in the valley.")
    assert not any(e["type"] == "country" for e in found)


def test_one_type_for_a_name_across_the_report(pipeline):
    found = entities(
        pipeline,
        (
            "The meeting was arranged by the Guard, according to Amin Karim, a senior member of "
            "the party. The Guards insisted on it, according to Karim."
        ),
    )
    karim = entity_of(found, "Karim")
    assert karim["type"] == "person"
    assert karim["name"] == "Amin Karim"


def test_father_and_son_stay_apart(pipeline):
    found = entities(
        pipeline,
        (
            "Ahmad Rahimi, the son of the late commander Yusuf Rahimi, leads the front. "
            "Ahmad Rahimi met envoys in Dushanbe. Rahimi said the talks were useful. "
            "Rahimi also visited Moscow."
        ),
    )
    son = entity_of(found, "Ahmad Rahimi")
    father = entity_of(found, "Yusuf Rahimi")
    assert son is not father
    assert {m[2] for m in son["mentions"]} == {"Ahmad Rahimi", "Rahimi"}
    assert {m[2] for m in father["mentions"]} == {"Yusuf Rahimi"}


def test_surname_matches_last_name_part_only(pipeline):
    found = entities(
        pipeline,
        (
            "The acting foreign minister Amir Khan Muttaqi met Ismail Khan in Tehran. "
            "Muttaqi and Khan could not be reached for comment."
        ),
    )
    assert entity_of(found, "Khan")["name"] == "Ismail Khan"
    assert entity_of(found, "Muttaqi")["name"] == "Amir Khan Muttaqi"


def test_also_known_as_gives_a_second_name(pipeline):
    found = entities(
        pipeline,
        (
            "He is the son of the late commander Yusuf Rahimi, also known as the Lion of Kunar, "
            "who was killed in 2001."
        ),
    )
    father = entity_of(found, "Yusuf Rahimi")
    assert father["name"] == "Yusuf Rahimi"
    assert "Lion of Kunar" in {m[2] for m in father["mentions"]}


def test_name_with_organization_word_is_an_organization(pipeline):
    found = entities(pipeline, "Officials blamed the Haqqani network for the attack.")
    assert entity_of(found, "Haqqani network")["type"] == "organization"


def test_member_of_a_name_the_tagger_missed(pipeline):
    found = entities(pipeline, "Amin Karim, a senior member of Hezb-i Islami, said so.")
    assert entity_of(found, "Hezb-i Islami")["type"] == "organization"


def test_outlet_named_by_request_for_comment(pipeline):
    found = entities(
        pipeline, ("The ministry did not respond to Kabulnow's questions about the trips.")
    )
    assert entity_of(found, "Kabulnow")["type"] == "organization"


def test_groups_from_the_word_list(pipeline):
    found = entities(
        pipeline,
        (
            "The Hazara minority and the Tajiks have long been targeted, and Sunni clerics "
            "condemned the attack."
        ),
    )
    assert entity_of(found, "Tajiks")["type"] == "group"
    assert entity_of(found, "Hazara")["type"] == "group"
    assert entity_of(found, "Sunni")["name"] == "Sunni"


def test_group_word_before_a_state_noun_is_not_the_group(pipeline):
    found = entities(pipeline, "The Tajik government denied the report.")
    assert not any(e["type"] == "group" for e in found)


def test_places_carry_country_and_coordinates(pipeline):
    found = entities(
        pipeline,
        ("Fighting was reported in Panjshir province and in Kabul, Afghanistan, on Sunday."),
    )
    panjshir = entity_of(found, "Panjshir province")
    assert panjshir["type"] == "place"
    assert panjshir["name"] == "Panjshir"
    assert panjshir["country"] == "af"
    kabul = entity_of(found, "Kabul")
    assert kabul["country"] == "af"
    assert abs(kabul["latitude"] - 34.5) < 0.5


def test_place_word_makes_a_place_of_an_unknown_name(pipeline):
    found = entities(pipeline, "Clashes spread to the Zorabad valley in Afghanistan.")
    assert entity_of(found, "Zorabad valley")["type"] == "place"
    assert entity_of(found, "Zorabad valley")["name"] == "Zorabad"


def test_small_town_is_a_place_in_a_country_the_report_names(pipeline):
    found = entities(
        pipeline, ("Afghanistan's Taliban sent fighters to Nahrin and to Baghlan on Friday.")
    )
    assert entity_of(found, "Nahrin")["type"] == "place"


def test_slash_separated_credit_is_two_names(pipeline):
    found = entities(pipeline, "A boy holds a poster in Delhi. (Manish Swarup / AP)")
    assert entity_of(found, "Manish Swarup")["type"] == "person"
    assert entity_of(found, "AP")["type"] == "organization"


def test_capitalised_common_noun_at_sentence_start_is_no_name(pipeline):
    found = entities(pipeline, "Photographs have subsequently appeared of the fighters.")
    assert found == []


def test_repeated_caption_mentions_are_marked(pipeline):
    caption = "A refugee holds a poster of Ahmad Rahimi during a protest in Delhi, India."
    doc = pipeline(f"Intro line.\n{caption}\n{caption} (AP)\n")
    rahimi = entity_of(doc._.dossier_entities, "Ahmad Rahimi")
    assert [m[3] for m in rahimi["mentions"]] == [False, True]
    assert len(doc._.dossier_repeats) == 1


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("He made a trip to Paris where he met the French president.", "French president"),
        (
            "He sometimes speaks to the head of Russian intelligence service, the FSB.",
            "head of Russian intelligence service",
        ),
        (
            "They met at the residence of the caretaker of the Afghan embassy in Tehran.",
            "caretaker of the Afghan embassy",
        ),
    ],
)
def test_person_named_by_office(pipeline, text, surface):
    assert entity_of(entities(pipeline, text), surface)["type"] == "person"


@pytest.mark.parametrize(
    "text",
    [
        "The acting foreign minister, Amir Khan Muttaqi, arrived in Islamabad.",
        "Talks were led by the head of foreign relations, who declined to comment.",
    ],
)
def test_office_beside_a_name_or_without_a_body_is_no_person(pipeline, text):
    found = entities(pipeline, text)
    assert not any(any(m[2].startswith(("acting", "head")) for m in e["mentions"]) for e in found)

"""The event coder (PLOVER 2.0) on sentences written for these tests.

Each row of ``CODED`` is one short report (a sentence or two) and the events
it must give, written as :class:`Coded` tuples with entity names instead of
indexes. A row states every event of the types it names: the report's events
of those types must be exactly the row's (so a sentence with two meetings must
give two CONSULT events, and a meeting told twice must give one). Events of
other types are not looked at. ``ANY`` leaves a mode or the contexts
unchecked where the row is not about them.

Rows the coder gets wrong today are strict xfails whose reason says what it
produces, so that fixing the coder turns them into failures to un-mark.

Unless a row says otherwise the report was published on Thursday 2022-01-20.
The names of people and armed groups are invented; countries and places are
real because the pipeline recognises only real ones.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, NamedTuple

import pytest
import yaml

from dossier.extract.ontology import EVENT_TYPES, ontology

PUB = "2022-01-20"
ANY: Any = object()  # a field the row does not check


class Coded(NamedTuple):
    """An event as the tests compare it: entity names, not indexes."""

    type: str
    mode: Any
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    place: str | None
    date: tuple | None  # (start, end) when placed in time, else (None, None, text)
    negated: bool
    modality: str
    count: int
    context: Any  # sorted tuple of contexts


def ev(
    type: str,
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    *,
    mode: Any = ANY,
    place: str | None = None,
    date: tuple | None = None,
    negated: bool = False,
    modality: str = "asserted",
    count: int = 1,
    context: Any = ANY,
) -> Coded:
    """An expected event (actors and targets in any order)."""
    if context is not ANY:
        context = tuple(sorted(context))
    return Coded(
        type,
        mode,
        tuple(sorted(actors)),
        tuple(sorted(targets)),
        place,
        date,
        negated,
        modality,
        count,
        context,
    )


def unplaced(text: str) -> tuple[None, None, str]:
    """A time expression kept with its words and no interval."""
    return (None, None, text)


def parse(nlp, text: str, published: str | None = PUB):
    doc = nlp.make_doc(text)
    doc._.dossier_published = published
    return nlp(doc)


def coded(doc) -> list[Coded]:
    """The document's events as comparable tuples with entity names."""
    entities = doc._.dossier_entities

    def names(indexes) -> tuple[str, ...]:
        return tuple(sorted(entities[i]["name"] for i in indexes))

    events = []
    for event in doc._.dossier_events:
        location = event["location"]
        when = event["date"]
        if when is None:
            date = None
        elif when["start"] is None and when["end"] is None:
            date = unplaced(when["text"])
        else:
            date = (when["start"], when["end"])
        events.append(
            Coded(
                event["type"],
                event["mode"],
                names(event["actors"]),
                names(event["targets"]),
                entities[location]["name"] if location is not None else None,
                date,
                event["negated"],
                event["modality"],
                event["count"],
                tuple(sorted(event["context"])),
            )
        )
    return events


def matches(found: Coded, expected: Coded) -> bool:
    return all(want is ANY or got == want for got, want in zip(found, expected, strict=True))


def assert_events(found: list[Coded], expected: list[Coded]) -> None:
    """The found events of the expected types are exactly the expected ones."""
    types = {event.type for event in expected}
    left = [event for event in found if event.type in types]
    missing = []
    for want in expected:
        match = next((event for event in left if matches(event, want)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    assert not missing and not left, f"\nmissing: {missing}\nunexpected: {left}\nall coded: {found}"


@pytest.fixture(scope="module")
def pipeline():
    from dossier.nlp import load_pipeline

    return load_pipeline()


def xfail(*args, reason: str, id: str):
    return pytest.param(*args, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


KD, FH = "Karim Dost", "Farid Hakimi"
MF, TB = "Mountain Front", "Taliban"

CODED = [
    # ------------------------------------------------------------ meetings and talks
    pytest.param(
        "Karim Dost met with Farid Hakimi in Dushanbe last Tuesday.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, place="Dushanbe", date=("2022-01-18", "2022-01-18"))],
        id="consult-met-with",
    ),
    pytest.param(
        "Karim Dost held talks with Farid Hakimi on Monday.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2022-01-17", "2022-01-17"))],
        id="consult-held-talks-with",
    ),
    pytest.param(
        "Karim Dost visited Farid Hakimi.",
        PUB,
        [ev("CONSULT", (KD,), (FH,), mode="visit")],
        id="consult-visit-person",
    ),
    pytest.param(
        "Karim Dost visited France this month.",
        PUB,
        [
            ev(
                "CONSULT",
                (KD,),
                ("France",),
                mode="visit",
                place="France",
                date=("2022-01", "2022-01"),
            )
        ],
        id="consult-visit-country",
    ),
    pytest.param(
        "The talks between the Taliban and the Mountain Front lasted three hours.",
        PUB,
        [ev("CONSULT", (TB, MF), mode=None)],
        id="consult-talks-between-symmetric",
    ),
    pytest.param(
        "Talks between the Taliban and the Mountain Front were held in Tajikistan.",
        PUB,
        [ev("CONSULT", (TB, MF), mode=None, place="Tajikistan")],
        id="consult-talks-were-held-in",
    ),
    pytest.param(
        "Karim Dost communicated with Farid Hakimi by phone.",
        PUB,
        [ev("CONSULT", (KD,), (FH,), mode="phone")],
        id="consult-phone-communicated-with",
    ),
    pytest.param(
        "Qatar hosted talks between the Taliban and the Mountain Front on September 6.",
        PUB,
        [
            ev(
                "CONSULT",
                ("Qatar", TB, MF),
                mode="third-party",
                date=("2021-09-06", "2021-09-06"),
            )
        ],
        id="consult-hosted-talks-third-party",
    ),
    pytest.param(
        "Iran hosted Farid Hakimi.",
        PUB,
        [ev("CONSULT", (FH,), ("Iran",), mode="visit", place="Iran")],
        id="consult-hosted-visitor",
    ),
    xfail(
        "Iran hosted Farid Hakimi in Tehran.",
        PUB,
        [ev("CONSULT", (FH,), ("Iran",), mode="visit", place="Tehran")],
        id="consult-hosted-visitor-in-city",
        reason="coder gives place Iran: the host country is taken as the place before "
        "'in Tehran' is read",
    ),
    pytest.param(
        "The meeting was arranged by Karim Dost.",
        PUB,
        [ev("CONSULT", (KD,), mode="third-party")],
        id="consult-arranged-by",
    ),
    pytest.param(
        "The meeting between Farid Hakimi and the Taliban was arranged by Qatar.",
        PUB,
        [ev("CONSULT", (FH, TB, "Qatar"), mode="third-party")],
        id="consult-meeting-between-arranged-by",
    ),
    # ------------------------------------------------------------ proposals, offers
    pytest.param(
        "Qatar proposed a ceasefire.",
        PUB,
        [ev("AGREE", ("Qatar",))],
        id="agree-proposed",
    ),
    pytest.param(
        "Pakistan offered to mediate between the Taliban and the Mountain Front.",
        PUB,
        [ev("AGREE", ("Pakistan",))],
        id="agree-offered-to",
    ),
    pytest.param(
        "Qatar invited Farid Hakimi to Doha.",
        PUB,
        [ev("AGREE", ("Qatar",), (FH,), place="Doha")],
        id="agree-invited",
    ),
    pytest.param(
        "Qatar offered aid to the Mountain Front.",
        PUB,
        [ev("AGREE", ("Qatar",), (MF,))],
        id="agree-offered-aid",
    ),
    # ------------------------------------------------------------ demands and calls
    pytest.param(
        "The Mountain Front called for talks with the Taliban.",
        PUB,
        [ev("REQUEST", (MF,))],
        id="request-called-for",
    ),
    pytest.param(
        "Pakistan urged the Taliban to open talks.",
        PUB,
        [ev("REQUEST", ("Pakistan",), (TB,))],
        id="request-urged",
    ),
    pytest.param(
        "Karim Dost demanded the release of Farid Hakimi.",
        PUB,
        [ev("REQUEST", (KD,))],
        id="request-demanded",
    ),
    pytest.param(
        "Pakistan called on the Taliban to release the prisoners.",
        PUB,
        [ev("REQUEST", ("Pakistan",), (TB,))],
        id="request-called-on",
    ),
    # ------------------------------------------------------------ accusations, concern
    pytest.param(
        "Iran accused the Taliban of abuses.",
        PUB,
        [ev("ACCUSE", ("Iran",), (TB,), mode="allege")],
        id="accuse-accused",
    ),
    pytest.param(
        "France criticised the Taliban.",
        PUB,
        [ev("ACCUSE", ("France",), (TB,), mode="disapprove")],
        id="accuse-criticised",
    ),
    pytest.param(
        "Karim Dost was critical of the Mountain Front.",
        PUB,
        [ev("ACCUSE", (KD,), (MF,), mode="disapprove")],
        id="accuse-was-critical-of",
    ),
    pytest.param(
        "Iran expressed concerns about the Taliban.",
        PUB,
        [ev("ACCUSE", ("Iran",), (TB,), mode="disapprove")],
        id="accuse-expressed-concerns",
    ),
    pytest.param(
        "Iran expressed concern about the Taliban.",
        PUB,
        [ev("ACCUSE", ("Iran",), (TB,), mode="disapprove")],
        id="accuse-expressed-concern-singular",
    ),
    xfail(
        "The Taliban accused Pakistan of arming the Mountain Front.",
        PUB,
        [ev("ACCUSE", (TB,), ("Pakistan",), mode="allege"), ev("AID", ("Pakistan",), (MF,))],
        id="accuse-of-doing-names-the-doer",
        reason="coder gives AID with actor Taliban (the accuser) instead of Pakistan",
    ),
    # ------------------------------------------------------------ refusals, exclusions
    pytest.param(
        "The Taliban rejected Pakistan's proposal.",
        PUB,
        [ev("REJECT", (TB,), ("Pakistan",))],
        id="reject-rejected",
    ),
    pytest.param(
        "The Mountain Front refused Pakistan's offer.",
        PUB,
        [ev("REJECT", (MF,), ("Pakistan",))],
        id="reject-refused",
    ),
    pytest.param(
        "The Taliban refused to meet Farid Hakimi.",
        PUB,
        [ev("REJECT", (TB,), (FH,))],
        id="reject-refused-to-meet",
    ),
    pytest.param(
        "Iran declined to recognise the Taliban.",
        PUB,
        [ev("REJECT", ("Iran",), (TB,))],
        id="reject-declined-to-recognise",
    ),
    pytest.param(
        "The Taliban excluded the Mountain Front from the talks.",
        PUB,
        [ev("REJECT", (TB,), (MF,))],
        id="reject-excluded",
    ),
    pytest.param(
        "Qatar tried to host the talks, but the Taliban was playing hardball.",
        PUB,
        [
            ev("CONSULT", ("Qatar",), mode="third-party", modality="attempted"),
            ev("REJECT", (TB,), ("Qatar",)),
        ],
        id="reject-playing-hardball",
    ),
    # ------------------------------------------------------------ material aid
    pytest.param(
        "Russia armed the Mountain Front.",
        PUB,
        [ev("AID", ("Russia",), (MF,), context=["military"])],
        id="aid-armed",
    ),
    pytest.param(
        "Iran funded the Mountain Front.",
        PUB,
        [ev("AID", ("Iran",), (MF,), context=["economic"])],
        id="aid-funded",
    ),
    pytest.param(
        "Pakistan provided intelligence support to the Taliban.",
        PUB,
        [ev("AID", ("Pakistan",), (TB,), context=["intelligence"])],
        id="aid-provided-intelligence-support",
    ),
    pytest.param(
        "The Mountain Front received weapons from Russia.",
        PUB,
        [ev("AID", ("Russia",), (MF,), context=["military"])],
        id="aid-received-from",
    ),
    pytest.param(
        "Iran supported the Mountain Front with arms and money.",
        PUB,
        [ev("AID", ("Iran",), (MF,), context=["economic", "military"])],
        id="aid-supported-with-arms-and-money",
    ),
    pytest.param(
        "While the Mountain Front does not receive arms from Iran, it does receive some money.",
        PUB,
        [
            ev("AID", ("Iran",), (MF,), context=["military"], negated=True),
            ev("AID", ("Iran",), (MF,), context=["economic"]),
        ],
        id="aid-source-of-a-contrast-clause",
    ),
    pytest.param(
        "While the Mountain Front does not receive arms from Iran, it buys rifles.",
        PUB,
        [
            ev("AID", ("Iran",), (MF,), context=["military"], negated=True),
            ev("AID", (), (MF,), context=["economic"]),
        ],
        id="aid-contrast-source-needs-the-same-verb",
    ),
    pytest.param(
        "The Mountain Front was buying rifles from Russia.",
        PUB,
        [ev("AID", ("Russia",), (MF,), context=["economic"])],
        id="aid-buying-arms-from",
    ),
    pytest.param(
        "The Mountain Front was buying grain from Russia.",
        PUB,
        [ev("COOPERATE", ("Russia",), (MF,), context=["economic"])],
        id="cooperate-buying-goods-from",
    ),
    # ------------------------------------------------------------ clashes, attacks
    pytest.param(
        "The Taliban fired rockets at the Mountain Front.",
        PUB,
        [ev("ASSAULT", (TB,), (MF,))],
        id="assault-fired-at",
    ),
    pytest.param(
        "Taliban fighters beat up Mountain Front prisoners.",
        PUB,
        [ev("ASSAULT", (TB,), ())],
        id="assault-beat-up",
    ),
    pytest.param(
        "The Taliban demolished homes of the Mountain Front.",
        PUB,
        [ev("COERCE", (TB,), ())],
        id="coerce-demolished",
    ),
    pytest.param(
        "The Taliban hacked into computers of the Mountain Front.",
        PUB,
        [ev("COERCE", (TB,), ())],
        id="coerce-hacked-into",
    ),
    pytest.param(
        "Iran strengthened its forces in Herat.",
        PUB,
        [ev("MOBILIZE", ("Iran",), (), place="Herat")],
        id="mobilize-strengthened-forces",
    ),
    pytest.param(
        "Iran strengthened its economy.",
        PUB,
        [],
        id="no-mobilize-strengthened-economy",
    ),
    pytest.param(
        "The Taliban clashed with the Mountain Front.",
        PUB,
        [ev("ASSAULT", (TB, MF))],
        id="assault-clashed-with-symmetric",
    ),
    pytest.param(
        "The Taliban and the Mountain Front clashed in Panjshir province.",
        PUB,
        [ev("ASSAULT", (TB, MF), place="Panjshir")],
        id="assault-clashed-in-province",
    ),
    pytest.param(
        "The Taliban attacked the Mountain Front last year.",
        PUB,
        [ev("ASSAULT", (TB,), (MF,), date=("2021", "2021"))],
        id="assault-attacked",
    ),
    pytest.param(
        "The Taliban launched an attack on the Mountain Front.",
        PUB,
        [ev("ASSAULT", (TB,), (MF,))],
        id="assault-attack-on",
    ),
    pytest.param(
        "The Taliban captured Karim Dost.",
        PUB,
        [ev("ASSAULT", (TB,), (KD,))],
        id="assault-captured",
    ),
    # ------------------------------------------------------------ takeover
    pytest.param(
        "The Taliban took over Kabul in August 2021.",
        PUB,
        [ev("COERCE", (TB,), ("Kabul",), mode="seize", date=("2021-08", "2021-08"))],
        id="coerce-took-over",
    ),
    pytest.param(
        "The Taliban's takeover of Kabul in August 2021 surprised Iran.",
        PUB,
        [ev("COERCE", (TB,), ("Kabul",), mode="seize", date=("2021-08", "2021-08"))],
        id="coerce-takeover-noun",
    ),
    # ------------------------------------------------------------ founding an armed front
    pytest.param(
        "Farid Hakimi announced the formation of the Mountain Front.",
        PUB,
        [ev("MOBILIZE", (FH,), mode="militia")],
        id="mobilize-formation-of-front",
    ),
    # ------------------------------------------------------------ flight and withdrawal
    pytest.param(
        "Karim Dost fled to Tajikistan.",
        PUB,
        [ev("RETREAT", (KD,), mode="withdraw", place="Tajikistan")],
        id="retreat-fled-to",
    ),
    pytest.param(
        "The Mountain Front lost control of the valley.",
        PUB,
        [ev("RETREAT", (MF,), mode="withdraw")],
        id="retreat-lost-control",
    ),
    pytest.param(
        "Karim Dost fled to Tajikistan, followed soon after by Farid Hakimi.",
        PUB,
        [
            ev("RETREAT", (KD,), mode="withdraw", place="Tajikistan"),
            ev("RETREAT", (FH,), mode="withdraw", place="Tajikistan"),
        ],
        id="retreat-followed-soon-after-by",
    ),
    # ------------------------------------------------------------ participants
    pytest.param(
        "Envoys from India and Iran met the Taliban.",
        PUB,
        [ev("CONSULT", ("India", "Iran", TB), mode=None)],
        id="who-envoys-from-two-countries",
    ),
    pytest.param(
        "Qatar's special envoy, Karim Dost, met Farid Hakimi on Monday.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2022-01-17", "2022-01-17"))],
        id="who-envoy-in-apposition",
    ),
    pytest.param(
        "The Iranians met Farid Hakimi last week.",
        PUB,
        [ev("CONSULT", ("Iran", FH), mode=None, date=("2022-01-10", "2022-01-16"))],
        id="who-the-iranians",
    ),
    pytest.param(
        "Iranian officials met the Taliban in Kabul.",
        PUB,
        [ev("CONSULT", ("Iran", TB), mode=None, place="Kabul")],
        id="who-iranian-officials",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi and praised Qatar.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None), ev("SUPPORT", (KD,), ("Qatar",))],
        id="who-coordinated-verb",
    ),
    pytest.param(
        "Karim Dost, who met Farid Hakimi last week, praised Qatar.",
        PUB,
        [
            ev("CONSULT", (KD, FH), mode=None, date=("2022-01-10", "2022-01-16")),
            ev("SUPPORT", (KD,), ("Qatar",)),
        ],
        id="who-relative-clause",
    ),
    pytest.param(
        "Iran tried to host the talks.",
        PUB,
        [ev("CONSULT", ("Iran",), mode="third-party", modality="attempted")],
        id="who-infinitive",
    ),
    # ------------------------------------------------------------ where
    pytest.param(
        "Karim Dost met Farid Hakimi in Tajikistan.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, place="Tajikistan")],
        id="where-in-country",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi in Panjshir province.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, place="Panjshir")],
        id="where-in-province",
    ),
    pytest.param(
        "Farid Hakimi lives in Tehran.\nKarim Dost held talks with Qatar in the Iranian capital.",
        PUB,
        [ev("CONSULT", (KD, "Qatar"), mode=None, place="Tehran")],
        id="where-the-iranian-capital",
    ),
    pytest.param(
        "Envoys from India and Iran met Farid Hakimi in Dushanbe.",
        PUB,
        [ev("CONSULT", ("India", "Iran", FH), mode=None, place="Dushanbe")],
        id="where-in-city-after-object",
    ),
    xfail(
        "Qatar's envoy visited Farid Hakimi in Dushanbe.",
        PUB,
        [ev("CONSULT", ("Qatar",), (FH,), mode="visit", place="Dushanbe")],
        id="where-visit-in-city-after-object",
        reason="coder gives no place: the parser hangs 'in Dushanbe' on the object "
        "'Farid Hakimi' and the coder reads only the trigger's own prepositions",
    ),
    # ------------------------------------------------------------ when
    pytest.param(
        "Karim Dost held talks with Farid Hakimi in the past two months.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2021-11", "2022-01"))],
        id="when-past-two-months",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi on Dec. 19, 2021.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2021-12-19", "2021-12-19"))],
        id="when-abbreviated-month",
    ),
    pytest.param(
        "Karim Dost has met Farid Hakimi three times since September.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2021-09", "2022-01-20"), count=3)],
        id="when-since-september",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi on Dec. 19, 2021.",
        None,
        [ev("CONSULT", (KD, FH), mode=None, date=("2021-12-19", "2021-12-19"))],
        id="when-unpublished-absolute",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi last Tuesday.",
        None,
        [ev("CONSULT", (KD, FH), mode=None, date=unplaced("last Tuesday"))],
        id="when-unpublished-relative-day",
    ),
    pytest.param(
        "Karim Dost visited France this month.",
        None,
        [
            ev(
                "CONSULT",
                (KD,),
                ("France",),
                mode="visit",
                place="France",
                date=unplaced("this month"),
            )
        ],
        id="when-unpublished-relative-month",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi on Monday, a week after the elections of 2020.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None, date=("2022-01-17", "2022-01-17"))],
        id="when-own-clause-only",
    ),
    # ------------------------------------------------------------ polarity and modality
    pytest.param(
        "Russia did not invite the Taliban.",
        PUB,
        [ev("AGREE", ("Russia",), (TB,), negated=True)],
        id="polarity-did-not-invite",
    ),
    pytest.param(
        "Iran was considering cooperation with the Mountain Front, but nothing materialised.",
        PUB,
        [ev("COOPERATE", ("Iran",), (MF,), negated=True, modality="hypothetical")],
        id="polarity-considering-nothing-materialised",
    ),
    pytest.param(
        "The Taliban might be purchasing weapons from Russia.",
        PUB,
        [ev("AID", ("Russia",), (TB,), modality="hypothetical")],  # arms bought: aid
        id="modality-might-be-purchasing",
    ),
    pytest.param(
        "Qatar tried three times to host the talks.",
        PUB,
        [ev("CONSULT", ("Qatar",), mode="third-party", modality="attempted", count=3)],
        id="modality-tried-three-times",
    ),
    xfail(
        "Qatar tried three times to host talks between the Taliban and the Mountain Front.",
        PUB,
        [
            ev(
                "CONSULT",
                ("Qatar", TB, MF),
                mode="third-party",
                modality="attempted",
                count=3,
            )
        ],
        id="modality-tried-three-times-to-host-talks-between",
        reason="coder gives only an asserted CONSULT (Taliban, Mountain Front) with no "
        "mode, count 1: the parser tags 'host' as a noun, so no hosting event is found",
    ),
    pytest.param(
        "Karim Dost will meet Farid Hakimi next week.",
        PUB,
        [
            ev(
                "CONSULT",
                (KD, FH),
                mode=None,
                modality="planned",
                date=("2022-01-24", "2022-01-30"),
            )
        ],
        id="modality-will-meet",
    ),
    pytest.param(
        "Karim Dost made two trips to Tajikistan last year.",
        PUB,
        [
            ev(
                "CONSULT",
                (KD,),
                ("Tajikistan",),
                mode="visit",
                place="Tajikistan",
                date=("2021", "2021"),
                count=2,
            )
        ],
        id="count-two-trips",
    ),
    # ------------------------------------------------------------ several events, one event
    pytest.param(
        "Karim Dost met Farid Hakimi, and Russia armed the Mountain Front.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None), ev("AID", ("Russia",), (MF,))],
        id="several-two-clauses",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi, praised Qatar and criticised the Taliban.",
        PUB,
        [
            ev("CONSULT", (KD, FH), mode=None),
            ev("SUPPORT", (KD,), ("Qatar",)),
            ev("ACCUSE", (KD,), (TB,), mode="disapprove"),
        ],
        id="several-three-verbs",
    ),
    xfail(
        "Karim Dost met Farid Hakimi and Pakistan attacked the Mountain Front.",
        PUB,
        [ev("CONSULT", (KD, FH), mode=None), ev("ASSAULT", ("Pakistan",), (MF,))],
        id="several-two-clauses-no-comma",
        reason="coder gives CONSULT (Karim Dost) alone and ASSAULT (Farid Hakimi, "
        "Pakistan) -> Mountain Front: the parser reads 'Farid Hakimi and Pakistan' as "
        "the subject of 'attacked', a clause under 'met'",
    ),
    # ------------------------------------------------------------ verbs over event nouns
    pytest.param(
        "The Taliban and the Mountain Front renewed negotiations.",
        PUB,
        [ev("CONSULT", (TB, MF), mode=None)],
        id="carrier-renewed-negotiations",
    ),
    pytest.param(
        "Karim Dost met Farid Hakimi while on a trip to Iran.",
        PUB,
        [
            ev("CONSULT", (KD, FH), mode=None, place="Iran"),  # held where the trip went
            ev("CONSULT", (KD,), ("Iran",), mode="visit", place="Iran"),
        ],
        id="meeting-and-visit-are-two",
    ),
    pytest.param(
        "Karim Dost telephoned Farid Hakimi.",
        PUB,
        [ev("CONSULT", (KD,), (FH,), mode="phone")],
        id="consult-telephoned",
    ),
    pytest.param(
        "Karim Dost communicated with Farid Hakimi and the Taliban.",
        PUB,
        [
            ev("CONSULT", (KD,), (FH,), mode="phone"),
            ev("CONSULT", (KD,), (TB,), mode="phone"),
        ],
        id="phone-contacts-one-per-party",
    ),
    pytest.param(
        "Farid Hakimi met envoys from India and Iran. These were separate meetings.",
        PUB,
        [
            ev("CONSULT", (FH, "India"), mode=None),
            ev("CONSULT", (FH, "Iran"), mode=None),
        ],
        id="separate-meetings-split",
    ),
    # ------------------------------------------------------------ what the act is about
    pytest.param(
        "Pakistan demanded that the Taliban leave Kabul.",
        PUB,
        [ev("REQUEST", ("Pakistan",), (TB,))],
        id="target-that-clause-subject",
    ),
    pytest.param(
        "Iran threatened to cut off fuel supplies to the Mountain Front.",
        PUB,
        [ev("THREATEN", ("Iran",), (MF,))],
        id="target-of-infinitive",
    ),
    pytest.param(
        "Iran threatened to shell Iraqi towns.",
        PUB,
        [ev("THREATEN", ("Iran",), ("Iraq",))],
        id="target-nationality-of-object",
    ),
    pytest.param(
        "The Taliban rejected a Pakistani proposal.",
        PUB,
        [ev("REJECT", (TB,), ("Pakistan",))],
        id="target-doer-of-object-event",
    ),
    pytest.param(
        "Pakistan said that the Taliban must release Karim Dost.",
        PUB,
        [ev("REQUEST", ("Pakistan",), (TB,))],
        id="request-said-must",
    ),
    pytest.param(
        "Iran declined to recognise the Taliban, calling for an inclusive government.",
        PUB,
        [ev("REQUEST", ("Iran",), (TB,))],
        id="participle-shares-target",
    ),
    pytest.param(
        "Karim Dost met the Taliban in Doha on Monday.\n"
        "At the meeting, Karim Dost reiterated his demands for elections.",
        PUB,
        [ev("REQUEST", (KD,), (TB,))],
        id="at-the-meeting-addressed-to-the-others",
    ),
    pytest.param(
        "Britain armed the Mountain Front and provided intelligence support.",
        PUB,
        [
            ev("AID", ("United Kingdom",), (MF,)),
            ev("AID", ("United Kingdom",), (MF,), context=["intelligence"]),
        ],
        id="coordinated-acts-two-events",
    ),
    # ------------------------------------------------------------ promises (future tense)
    pytest.param(
        "Qatar will give aid to the Mountain Front.",
        PUB,
        [ev("AGREE", ("Qatar",), (MF,), modality="planned")],
        id="promise-will-give",
    ),
    pytest.param(
        "Russia is ready to send weapons to the Mountain Front.",
        PUB,
        [ev("AGREE", ("Russia",), (MF,), modality=ANY)],
        id="promise-ready-to-send",
    ),
    # ------------------------------------------------------------ further triggers
    pytest.param(
        "Tajikistan extradited Karim Dost to Iran.",
        PUB,
        [ev("COOPERATE", ("Tajikistan",), ("Iran",))],
        id="cooperate-extradited",
    ),
    pytest.param(
        "Iran granted asylum to Karim Dost.",
        PUB,
        [ev("AID", ("Iran",), (KD,))],
        id="aid-granted-asylum",
    ),
    pytest.param(
        "France accepted the demands of the Taliban.",
        PUB,
        [ev("CONCEDE", ("France",))],
        id="concede-accepted-demands",
    ),
    pytest.param(
        "Iran warned that it will close the border.",
        PUB,
        [ev("THREATEN", ("Iran",))],
        id="threaten-warned-will",
    ),
    # ------------------------------------------------------------ who, told elsewhere
    pytest.param(
        "Iran criticised the Taliban regime.\nIran later declined to recognise the regime.",
        PUB,
        [ev("REJECT", ("Iran",), (TB,))],
        id="who-the-regime-named-before",
    ),
    pytest.param(
        "The Mountain Front is an armed group in Panjshir.\nRussia armed the insurgents.",
        PUB,
        [ev("AID", ("Russia",), (MF,))],
        id="who-the-insurgents",
    ),
    pytest.param(
        "Demonstrators in Baghdad blocked a road.",
        PUB,
        [ev("PROTEST", ("Iraq",), mode="obstruct")],
        id="who-people-in-a-city",
    ),
    pytest.param(
        "After the takeover, Karim Dost fled.\nThe Taliban takeover of Kabul surprised Iran.",
        PUB,
        [
            ev("COERCE", (TB,), ("Kabul",), mode="seize"),
            ev("COERCE", (TB,), ("Kabul",), mode="seize"),
        ],
        id="who-the-takeover-named-elsewhere",
    ),
    pytest.param(
        "Karim Dost held talks with Farid Hakimi in Dushanbe on Monday.\n"
        "The talks lasted three hours.",
        PUB,
        [
            ev(
                "CONSULT",
                (KD, FH),
                mode=None,
                place="Dushanbe",
                date=("2022-01-17", "2022-01-17"),
            )
        ],
        id="one-event-told-twice",
    ),  # ------------------------------------------------------------ actor countries (PLOVER)
    pytest.param(
        "Syria allowed the return of the inspectors.",
        PUB,
        [ev("RETREAT", ("Syria",), mode="access")],
        id="allow-access-object",
    ),
    pytest.param(
        "Pakistan allowed the Mountain Front to hold a rally in Lahore.",
        PUB,
        [ev("CONCEDE", ("Pakistan",), (MF,))],
        id="allow-infinitive-read-as-ccomp",
    ),
    pytest.param(
        "Uzbekistan finally opened the bridge to allow the delivery of grain.",
        PUB,
        [ev("RETREAT", ("Uzbekistan",), mode="access")],
        id="who-country-name-the-tagger-missed",
    ),
    pytest.param(
        "Iran is opposed to the plan.",
        PUB,
        [ev("ACCUSE", ("Iran",), mode="disapprove")],
        id="stative-passive-opposed-to",
    ),
    pytest.param(
        "Tajikistan is committed to a dialogue with the Taliban.",
        PUB,
        [ev("AGREE", ("Tajikistan",))],
        id="stative-passive-committed-to",
    ),
    pytest.param(
        "Pakistani troops remained on alert along the border.",
        PUB,
        [ev("MOBILIZE", ("Pakistan",))],
        id="mobilize-on-alert-under-prep",
    ),
    pytest.param(
        "The Mountain Front dismissed an appeal from Karim Dost.",
        PUB,
        [ev("REJECT", (MF,))],
        id="reject-dismissed-appeal",
    ),
    pytest.param(
        "Iraqi police prevented a demonstration in Basra.",
        PUB,
        [ev("COERCE", ("Iraqi police",), mode="restrict")],
        id="coerce-prevented-demonstration",
    ),
    pytest.param(
        "The British government outlawed the Mountain Front.",
        PUB,
        [ev("COERCE", ("United Kingdom",), (MF,), mode="restrict")],
        id="coerce-outlawed",
    ),
    pytest.param(
        "Greece imposed restrictions on trade with Iran.",
        PUB,
        [ev("COERCE", ("Greece",), mode="restrict")],
        id="coerce-restrictions-noun",
    ),
    pytest.param(
        "Iran imposed a blockade on the port.",
        PUB,
        [ev("COERCE", ("Iran",), mode="restrict")],
        id="coerce-blockade-noun",
    ),
    pytest.param(
        "Italy announced a suspension of flights to Serbia.",
        PUB,
        [ev("SANCTION", ("Italy",), mode="discontinue")],
        id="sanction-suspension-noun",
    ),
    pytest.param(
        "Russia closed its borders with Iran.",
        PUB,
        [ev("SANCTION", ("Russia",), ("Iran",), mode="discontinue")],
        id="sanction-closed-borders",
    ),
    pytest.param(
        "Pakistani forces have retaken the village.",
        PUB,
        [ev("ASSAULT", ("Pakistan",))],
        id="assault-retaken",
    ),
    pytest.param(
        "The Mountain Front called off the strike.",
        PUB,
        [ev("CONCEDE", (MF,))],
        id="concede-called-off-strike",
    ),
    pytest.param(
        "Israel's supreme court opened a hearing into the killings.",
        PUB,
        [ev("ACCUSE", ("supreme court",), mode="investigate")],
        id="accuse-hearing-into",
    ),
    pytest.param(
        "Uganda paid compensation to British nationals.",
        PUB,
        [ev("AID", ("Uganda",), ("United Kingdom",))],
        id="aid-compensation-to-nationals",
    ),
    pytest.param(
        "Swiss doctors handed over 700 kg of medicine to Iran.",
        PUB,
        [ev("AID", ("Switzerland",), ("Iran",))],
        id="aid-measured-object",
    ),
    pytest.param(
        "French and Egyptian warships launched ten days of war games.",
        PUB,
        [ev("COOPERATE", ("France", "Egypt"))],
        id="who-days-of-war-games",
    ),
    pytest.param(
        "Syrian officers ended mediation efforts between the militias.",
        PUB,
        [ev("CONSULT", ("Syria",), mode="third-party")],
        id="who-mediation-efforts",
    ),
    pytest.param(
        "An official Syrian newspaper called on Arabs to unite.",
        PUB,
        [ev("REQUEST", ("Syria",), ("Arabs",))],
        id="who-newspaper-called-on",
    ),
    pytest.param(
        "Vietnamese-led forces attacked the village.",
        PUB,
        [ev("ASSAULT", ("Vietnam",))],
        id="who-led-forces",
    ),
    pytest.param(
        "Beijing officials criticised the Mountain Front.",
        PUB,
        [ev("ACCUSE", ("China",), (MF,), mode="disapprove")],
        id="who-capital-officials",
    ),
    pytest.param(
        "Ethnic Albanians in Serbia demanded autonomy.",
        PUB,
        [ev("REQUEST", ("Serbia",))],
        id="who-ethnic-group-in-country",
    ),
    pytest.param(
        "The Albanians of Serbia demanded autonomy.",
        PUB,
        [ev("REQUEST", ("Serbia",))],
        id="who-demonym-of-country",
    ),
    pytest.param(
        "Ethnic Albanians demanded autonomy.",
        PUB,
        [ev("REQUEST")],
        id="who-ethnic-group-no-kin-state",
    ),
    pytest.param(
        "Thousands of people demonstrated in Basra.",
        PUB,
        [ev("PROTEST", ("Iraq",), mode="demo", place="Basra")],
        id="who-protesters-where-they-protest",
    ),
    pytest.param(
        "Prisoners rioted at a jail in Basra.",
        PUB,
        [ev("PROTEST", ("Iraq",), mode="riot")],
        id="who-protesters-place-in-at-phrase",
    ),
    pytest.param(
        "A journalist was arrested in Lebanon.",
        PUB,
        [ev("COERCE", ("Lebanon",), mode="arrest", place="Lebanon")],
        id="who-arrested-in-country-unagented",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CODED)
def test_coded_events(pipeline, text, published, expected):
    assert_events(coded(parse(pipeline, text, published)), expected)


NOT_EVENTS = [
    pytest.param(
        "The Mountain Front did not respond to a request for comment.",
        "REQUEST",
        id="no-request-for-comment",
    ),
    pytest.param("Farid Hakimi attended university in Tehran.", "CONSULT", id="no-university"),
    pytest.param(
        "Karim Dost told reporters that the Taliban should leave Kabul.",
        "REQUEST",
        id="no-request-told-reporters",
    ),
    pytest.param("Qatar offered condolences to Farid Hakimi.", "AGREE", id="no-agree-condolences"),
    xfail(
        "The so-called talks between the Taliban and Pakistan were a sham.",
        "CONSULT",
        id="no-consult-so-called",
        reason="coder gives CONSULT (Taliban, Pakistan): 'so-called' is not read",
    ),
    pytest.param(
        "Karim Dost declined to comment.",
        "REJECT",
        id="no-reject-declined-to-comment",
    ),
    pytest.param(
        "Germany welcomed Karim Dost's statement.",
        "CONSULT",
        id="no-consult-welcomed-a-statement",
    ),
]


COUNTRIES = [
    pytest.param("Iranian President Karim Dost visited France.", KD, "ir", id="title-nationality"),
    pytest.param("Bosnian Serbs attacked Gorazde.", "Bosnian Serbs", "ba", id="first-nationality"),
    pytest.param(
        "President Karim Dost resigned to allow Haiti's first elections.",
        KD,
        "ht",
        id="office-one-country-in-sentence",
    ),
    pytest.param(
        "President Karim Dost threatened Russia.", KD, None, id="office-not-the-country-acted-on"
    ),
    pytest.param(
        "President Karim Dost imposed a curfew in Algiers.",
        KD,
        "dz",
        id="office-capital-names-state",
    ),
    pytest.param("King Farid Hakimi of Jordan met Karim Dost.", FH, "jo", id="person-of-a-country"),
    pytest.param(
        "Morocco's Supreme Court ordered the Mountain Front to disband.",
        "Supreme Court",
        "ma",
        id="body-of-a-possessor-country",
    ),
]


@pytest.mark.parametrize(("text", "name", "country"), COUNTRIES)
def test_party_countries(pipeline, text, name, country):
    """Persons take the country their title or office names (PLOVER codes them so)."""
    entities = parse(pipeline, text)._.dossier_entities
    found = [e.get("country") for e in entities if name in e["name"]]
    assert found == ([country] if found or country else []), entities


@pytest.mark.parametrize(("text", "event_type"), NOT_EVENTS)
def test_not_an_event(pipeline, text, event_type):
    found = coded(parse(pipeline, text))
    assert [event for event in found if event.type == event_type] == [], found


def test_event_told_twice_has_both_statements(pipeline):
    doc = parse(
        pipeline,
        "Karim Dost held talks with Farid Hakimi in Dushanbe on Monday.\n"
        "The talks lasted three hours.",
    )
    consults = [event for event in doc._.dossier_events if event["type"] == "CONSULT"]
    assert len(consults) == 1
    statements = doc._.dossier_statements
    assert len(statements) == 2
    assert sorted(consults[0]["statements"]) == [0, 1]


def test_events_carry_summary_and_trigger(pipeline):
    text = "Karim Dost visited France this month."
    doc = parse(pipeline, text)
    (event,) = doc._.dossier_events
    start, end = event["trigger"]
    assert text[start:end] == "visited"
    assert "Karim Dost" in event["summary"] and "France" in event["summary"]


# ------------------------------------------------------------ the trigger list


def _plover() -> dict:
    source = resources.files("dossier.data").joinpath("plover.yaml").read_text("utf-8")
    return yaml.safe_load(source)


def test_the_sixteen_types():
    assert len(EVENT_TYPES) == 16
    assert set(_plover()["types"]) == set(EVENT_TYPES)
    assert set(ontology().types) == set(EVENT_TYPES)


def test_trigger_types_and_modes_are_plover():
    words = ontology()
    wrong = []
    for entry in _plover()["triggers"]:
        event_type = entry.get("type")
        if event_type not in EVENT_TYPES:
            wrong.append((entry.get("lemma"), event_type, None))
            continue
        mode = entry.get("mode")
        if mode is not None and mode not in words.modes(event_type):
            wrong.append((entry["lemma"], event_type, mode))
        if entry.get("material_objects") not in (None, *EVENT_TYPES):
            wrong.append((entry["lemma"], event_type, entry["material_objects"]))
    assert wrong == []


def test_trigger_prepositions_are_words():
    wrong = []
    for entry in _plover()["triggers"]:
        slots = list((entry.get("roles") or {}).keys()) + list(entry.get("requires_prep") or [])
        wrong += [(entry["lemma"], slot) for slot in slots if not isinstance(slot, str)]
    assert wrong == []


def test_modality_and_negation_words_are_words():
    data = _plover()
    lists = [words for kind in data["modality"].values() for words in kind.values()]
    lists += list(data["negation"].values())
    wrong = [word for words in lists for word in words if not isinstance(word, str)]
    assert wrong == []

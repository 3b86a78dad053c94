"""PLOVER evaluation: the loader, the alignment, the scorer and the report.

Nothing is taken from the gold standard: the records and the label map are
written here, with made-up sentences. One test reads the real folder (in the
``shared`` folder beside the repository) through the loader only, and is
skipped when it is absent.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import spacy
from rich.console import Console
from rich.table import Table

from dossier.errors import Errors, InputError
from dossier.evaluate import plover
from dossier.evaluate.plover import Prediction

PLOVER = Path(__file__).parents[2].parent / "shared" / "eval" / "plover"
SUMMARY = re.compile(
    r"^plover: type accuracy=(\d\.\d\d) actor accuracy=(\d\.\d\d) "
    r"recipient accuracy=(\d\.\d\d)$"
)

# Made up for these tests.
FISH = "Norway agreed to share fishing data with Chile on Monday."
FERRY = "Japan urged the ferry company to publish its safety records."
HILL = "A peacekeeping mission shelled an empty hillside near the border."
BOATS = "Italy seized the boats of a charity at dawn."
SQUARE = "Farmers marched past the embassy of the United States in the square."

RECORDS: list[dict[str, Any]] = [
    {"id": "TEST-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "not an event"},
    {
        "id": "TEST-AGREE-0001",
        "source": [{"actorText": "Norway", "code": "NOR", "sector": "GOV"}],
        "target": [{"actorText": "Chile", "code": "CHL"}],
        "event": "AGREE",
        "eventText": "agreed share",
        "text": FISH,
        "textInfo": {
            "markup": "(SRC: Norway) (EVT: agreed) to (EVT: share) fishing data with "
            "(TAR: Chile) on Monday."
        },
    },
    {
        "id": "TEST-DEMAND-0001",
        "source": [{"actorText": "Japan", "code": "JAP"}],
        "target": "",
        "event": "DEMAND",
        "eventText": "urged",
        "text": FERRY,
        "textInfo": {"markup": "(SRC: Japan) (EVT: urged) the ferry company to publish."},
    },
    {
        # No markup: the eventText words are located instead.
        "id": "TEST-FIGHT-0001",
        "source": [{"actorText": "A peacekeeping mission", "code": "IGO"}],
        "target": "diplomatic",
        "event": "FIGHT",
        "eventText": "shelled",
        "text": HILL,
    },
    {
        # Markup as a plain string with a brace typo; a typo'd country code.
        "id": "TEST-COERCE-0001",
        "source": [{"actorText": "Italy", "code": "ITL"}],
        "target": [{"actorText": "a charity", "code": "NGO"}],
        "event": "COERCE",
        "eventText": "seized",
        "text": BOATS,
        "textInfo": "(SRC: Italy) (EVT: seized} the boats of (TAR: a charity) at dawn.",
    },
    {
        "id": "TEST-PROTEST-0001",
        "target": [{"actorText": "United States", "code": "usa"}],
        "event": "PROTEST",
        "eventText": "marched",
        "text": SQUARE,
        "textInfo": {"markup": "Farmers (EVT: marched) past the embassy of the (TAR: United "},
    },
]

LABEL_MAP: dict[str, Any] = {
    "category_map": {
        "AGREE": {"plover_2_0": "AGREE"},
        "DEMAND": {"plover_2_0": "REQUEST"},
        "FIGHT": {"plover_2_0": "ASSAULT"},
        "COERCE": {"plover_2_0": "COERCE"},
        "PROTEST": {"plover_2_0": "PROTEST"},
        "DOCUMENT": {"plover_2_0": None},
    },
    "record_notes": [
        {"index": 1, "id": "TEST-AGREE-0001", "suggested_2_0": "AGREE"},  # changes nothing
        {"index": 4, "id": "TEST-COERCE-0001", "suggested_2_0": "ASSAULT"},
    ],
}


def at(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def entity(name: str, country: str | None, kind: str = "country") -> dict[str, Any]:
    return {"type": kind, "name": name, "country": country, "mentions": []}


def event(kind: str, text: str, trigger: str, actors=(), targets=()) -> dict[str, Any]:
    return {
        "type": kind,
        "trigger": at(text, trigger),
        "actors": list(actors),
        "targets": list(targets),
    }


PREDICTIONS = {
    # Two events overlap the gold words: the one on the first EVT span ("agreed") wins.
    FISH: Prediction(
        events=[
            event("COOPERATE", FISH, "share", actors=[0]),
            event("AGREE", FISH, "agreed", actors=[0], targets=[1]),
        ],
        entities=[entity("Norway", "no"), entity("Chile", "cl")],
    ),
    # JAP in the gold is Japan; the entity says "jp".
    FERRY: Prediction(
        events=[event("request", FERRY, "urged", actors=[0], targets=[1])],
        entities=[entity("Japan", "jp"), entity("the ferry company", None, "organization")],
    ),
    # No event found.
    HILL: Prediction(events=[], entities=[]),
    # Right type (by the label map), wrong actor country.
    BOATS: Prediction(
        events=[event("COERCE", BOATS, "seized", actors=[0], targets=[1])],
        entities=[entity("France", "fr"), entity("a charity", None, "organization")],
    ),
    # No trigger overlaps the gold words: the first event in text order is taken.
    SQUARE: Prediction(
        events=[
            event("ACCUSE", SQUARE, "square"),
            event("PROTEST", SQUARE, "Farmers", actors=[0], targets=[1, 7]),
        ],
        entities=[entity("farmers", None, "group"), entity("United States", "us")],
    ),
}


def fake_predict(texts):
    for text in texts:
        yield PREDICTIONS[text]


def write_folder(folder: Path, records: Any = RECORDS, label_map: Any = LABEL_MAP) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in ((plover.RECORDS, records), (plover.LABEL_MAP, label_map)):
        text = data if isinstance(data, str) else json.dumps(data)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "plover")


# -- loading ----------------------------------------------------------------------------------


def test_load_records(folder: Path):
    records = plover.load_records(folder)
    assert [r.index for r in records] == [1, 2, 3, 4, 5]  # DOCUMENT skipped
    fish, ferry, hill, boats, square = records
    assert [r.type for r in records] == ["AGREE", "REQUEST", "ASSAULT", "COERCE", "PROTEST"]
    assert [r.noted_type for r in records] == [None, None, None, "ASSAULT", None]
    assert fish.actors == ("NOR",) and fish.recipients == ("CHL",)
    assert ferry.actors == ("JPN",) and ferry.recipients == ()  # JAP mended; "" is none
    assert hill.actor_countries == frozenset() and hill.recipients == ()  # IGO; stray string
    assert boats.actors == ("ITA",) and boats.recipient_countries == frozenset()  # NGO
    assert square.actors == () and square.recipients == ("USA",)  # no source; upper-cased
    assert fish.event_spans == (tuple(at(FISH, "agreed")), tuple(at(FISH, "share")))
    assert hill.event_spans == (tuple(at(HILL, "shelled")),)  # from eventText
    assert boats.event_spans == (tuple(at(BOATS, "seized")),)  # the brace is cut off
    assert [r.index for r in plover.load_records(folder, limit=2)] == [1, 2]


def test_codes():
    assert plover.normalise_code(" jap ") == "JPN"
    assert plover.normalise_code("") is None and plover.normalise_code(None) is None
    assert plover.actor_codes([{"code": "USA"}, {"code": "USA"}, {"actorText": "x"}, "IGO"]) == (
        "USA",
    )
    assert plover.actor_codes("diplomatic") == () and plover.actor_codes(None) == ()
    assert plover.is_country("PSE") and not plover.is_country("IGO")
    assert not plover.is_country("NGO") and not plover.is_country("JAP")
    assert plover.alpha3("ps") == "PSE" and plover.alpha3("GB") == "GBR"
    assert plover.alpha3(None) is None and plover.alpha3("zz") is None


def test_event_spans_fall_back_on_the_event_words():
    text = "They agreed, after long talks, to agree again."
    assert plover.event_spans(text, "They (EVT: agreed), after (EVT: long  talks)") == (
        (5, 11),
        (19, 29),
    )
    # A phrase that is not in the text is dropped; with none left, eventText is used.
    assert plover.event_spans(text, "(EVT: signed)", "agree again") == ((34, 39), (40, 45))
    assert plover.event_spans(text, None, None) == ()


def test_choose_event_by_trigger_overlap_then_text_order():
    spans = [(10, 16), (30, 35)]
    late = {"type": "A", "trigger": [31, 33]}
    on_first = {"type": "B", "trigger": [12, 20]}
    early = {"type": "C", "trigger": [0, 4]}
    broken = {"type": "D", "trigger": None}
    assert plover.choose_event([late, on_first, early], spans) == (on_first, "trigger")
    assert plover.choose_event([late, early], spans) == (late, "trigger")
    assert plover.choose_event([broken, late, early], [(40, 45)]) == (early, "first")
    assert plover.choose_event([broken], spans) == (broken, "first")
    assert plover.choose_event([], spans) == (None, "none")
    # A trigger ending where a span starts does not overlap it.
    assert plover.choose_event([{"type": "E", "trigger": [5, 10]}], spans)[1] == "first"


# -- scoring ----------------------------------------------------------------------------------


def test_evaluate_scores_each_record(folder: Path):
    seen: list[tuple[int, int]] = []
    report = plover.evaluate(folder, fake_predict, lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    fish, ferry, hill, boats, square = report.results
    assert (fish.predicted_type, fish.alignment) == ("AGREE", "trigger")
    assert fish.actors == {"NOR"} and fish.recipients == {"CHL"}
    assert (ferry.predicted_type, ferry.actor_correct, ferry.recipient_correct) == (
        "REQUEST",
        True,
        None,
    )
    assert (hill.predicted_type, hill.alignment, hill.events) == (None, "none", 0)
    assert hill.wrong == ["type"]  # no gold country: actors and recipients not scored
    assert boats.type_correct and not boats.noted_type_correct
    assert boats.actors == {"FRA"} and boats.wrong == ["actor"]
    assert (square.predicted_type, square.alignment) == ("PROTEST", "first")
    assert square.recipients == {"USA"} and square.wrong == []  # target index 7 ignored
    assert square.actor_correct is None  # no gold source

    assert (report.type_accuracy.correct, report.type_accuracy.scored) == (4, 5)
    assert (report.noted_type_accuracy.correct, report.noted_changes) == (3, 1)
    assert (report.actor_accuracy.correct, report.actor_accuracy.scored) == (2, 3)
    assert (report.recipient_accuracy.correct, report.recipient_accuracy.scored) == (2, 2)
    assert report.alignments == Counter(trigger=3, first=1, none=1)
    assert report.confusion()[("ASSAULT", "none")] == 1
    assert report.confusion()[("PROTEST", "PROTEST")] == 1
    assert report.confusion(notes=True)[("ASSAULT", "COERCE")] == 1
    per_type = report.per_type()
    assert list(per_type) == ["AGREE", "REQUEST", "PROTEST", "COERCE", "ASSAULT"]
    assert per_type["COERCE"].value == 1.0 and per_type["ASSAULT"].value == 0.0
    assert plover.summary_line(report) == (
        "plover: type accuracy=0.80 actor accuracy=0.67 recipient accuracy=1.00"
    )


def test_targets_are_scored_by_their_own_indexes(folder: Path):
    """The chosen event's targets, not its actors, give the recipient countries."""
    records = plover.load_records(folder, limit=1)
    swapped = Prediction(
        events=[event("AGREE", FISH, "agreed", actors=[1], targets=[0])],
        entities=PREDICTIONS[FISH].entities,
    )
    result = plover.score_record(records[0], swapped)
    assert (result.actor_correct, result.recipient_correct) == (False, False)


def test_evaluate_complains_when_the_predictor_falls_short(folder: Path):
    def too_few(texts):
        yield Prediction([], [])

    with pytest.raises(ValueError, match="1 results for 5 texts"):
        plover.evaluate(folder, too_few)


def test_a_blank_pipeline_finds_no_event(folder: Path):
    predict = plover.dossier_predictor(spacy.blank("en"))
    report = plover.evaluate(folder, predict)
    assert report.records == 5 and report.events == 0
    assert report.alignments == Counter(none=5)
    assert plover.summary_line(report) == (
        "plover: type accuracy=0.00 actor accuracy=0.00 recipient accuracy=0.00"
    )


# -- the report -------------------------------------------------------------------------------


def render(lines) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    for line in lines:
        if isinstance(line, str):
            console.print(line, markup=False)
        else:
            console.print(line)
    return console.export_text()


def test_format_report(folder: Path):
    report = plover.evaluate(folder, fake_predict)
    lines = plover.format_report(report)
    assert lines[-1] == "plover: type accuracy=0.80 actor accuracy=0.67 recipient accuracy=1.00"
    assert SUMMARY.match(lines[-1])
    assert sum(isinstance(line, Table) for line in lines) == 1
    text = render(lines)
    assert "type accuracy      0.800  (4/5 records)" in text
    assert "(2/3 records with a country among the gold actors)" in text
    assert "record notes" not in text and "TEST-COERCE-0001" not in text
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip()}
    assert rows["gold"] == ["AGRE", "REQU", "PROT", "COER", "ASSA", "none", "n", "acc"]
    assert rows["PROTEST"] == [".", ".", "1", ".", ".", ".", "1", "1.00"]
    assert rows["ASSAULT"] == [".", ".", ".", ".", ".", "1", "1", "0.00"]
    assert rows["all"] == ["1", "1", "1", "1", "0", "1", "5", "0.80"]

    full = plover.format_report(report, misses=True, notes=True)
    assert full[-1] == lines[-1]
    text = render(full)
    assert (
        "type accuracy with the record notes 0.600  (3/5 records; gold type changed by a note: 1"
        in text
    )
    assert "[4] TEST-COERCE-0001 wrong actor: type COERCE (notes: ASSAULT) -> COERCE" in text
    assert "actor ITA -> FRA | recipient NGO -> -" in text
    assert "[3] TEST-FIGHT-0001 wrong type: type ASSAULT -> none" in text
    assert "TEST-AGREE-0001" not in text and "TEST-PROTEST-0001" not in text


def test_summary_line_of_an_empty_report():
    report = plover.PloverReport()
    lines = plover.format_report(report, misses=True, notes=True)
    assert lines[-1] == "plover: type accuracy=0.00 actor accuracy=0.00 recipient accuracy=0.00"
    assert "no wrong records" in lines


def test_report_json(folder: Path):
    report = plover.evaluate(folder, fake_predict)
    data = json.loads(json.dumps(plover.report_json(report, notes=True)))
    assert data["type"] == {"accuracy": 0.8, "correct": 4, "scored": 5}
    assert data["actor"]["scored"] == 3 and data["recipient"]["correct"] == 2
    assert data["type_with_notes"]["correct"] == 3 and data["notes_changed"] == 1
    assert data["confusion"]["ASSAULT"] == {"none": 1}
    assert data["per_type"]["AGREE"]["accuracy"] == 1.0
    assert data["results"][3]["noted_type"] == "ASSAULT"
    assert "type_with_notes" not in plover.report_json(report)


# -- errors -----------------------------------------------------------------------------------


def test_folder_errors(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        plover.load_records(tmp_path / "nowhere")
    assert caught.value.code is Errors.E001 and "nowhere" in str(caught.value)

    with pytest.raises(InputError) as caught:
        plover.load_records(tmp_path)
    assert caught.value.code is Errors.E304
    assert str(tmp_path) in str(caught.value) and "plover_gsr.json is missing" in str(caught.value)

    (tmp_path / plover.RECORDS).write_text("[]", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        plover.load_records(tmp_path)
    assert caught.value.code is Errors.E304 and plover.LABEL_MAP in str(caught.value)


@pytest.mark.parametrize(
    ("records", "label_map", "code", "words"),
    [
        ("[{", LABEL_MAP, Errors.E305, [plover.RECORDS, "not valid JSON"]),
        (RECORDS, "{not json", Errors.E305, [plover.LABEL_MAP]),
        ({"records": []}, LABEL_MAP, Errors.E306, ["does not hold a JSON array"]),
        ([*RECORDS, "x"], LABEL_MAP, Errors.E306, ["record 6 is not an object"]),
        ([*RECORDS, {"event": "PARADE"}], LABEL_MAP, Errors.E306, ["'PARADE' is not in"]),
        ([*RECORDS, {"event": "AGREE"}], LABEL_MAP, Errors.E306, ["record 6 (#6) has no text"]),
        (RECORDS, {"types": {}}, Errors.E307, ["no 'category_map'"]),
        (
            RECORDS,
            {"category_map": {"AGREE": {"plover_2_0": "FIGHT"}}},
            Errors.E307,
            ["'FIGHT', not a PLOVER 2.0 type"],
        ),
        (
            RECORDS,
            {
                **LABEL_MAP,
                "record_notes": [{"index": 2, "id": "TEST-AGREE-0001", "suggested_2_0": "AGREE"}],
            },
            Errors.E307,
            ["names TEST-AGREE-0001, but record 2 is TEST-DEMAND-0001"],
        ),
    ],
)
def test_content_errors(tmp_path: Path, records, label_map, code: Errors, words: list[str]):
    write_folder(tmp_path, records, label_map)
    with pytest.raises(InputError) as caught:
        plover.load_records(tmp_path)
    assert caught.value.code is code
    assert str(tmp_path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


# -- the real gold standard, through the loader only ------------------------------------------


@pytest.mark.skipif(not (PLOVER / plover.RECORDS).is_file(), reason="the PLOVER folder is absent")
def test_the_real_gold_standard_loads():
    records = plover.load_records(PLOVER)
    assert len(records) == 322
    assert len({r.index for r in records}) == 322
    assert Counter(r.type for r in records) == {
        "AGREE": 40,
        "CONSULT": 11,
        "SUPPORT": 12,
        "CONCEDE": 12,
        "COOPERATE": 4,
        "AID": 10,
        "RETREAT": 14,
        "REQUEST": 34,
        "ACCUSE": 25,
        "REJECT": 34,
        "THREATEN": 29,
        "PROTEST": 27,
        "SANCTION": 14,
        "MOBILIZE": 6,
        "COERCE": 18,
        "ASSAULT": 32,
    }
    label_map = json.loads((PLOVER / plover.LABEL_MAP).read_text(encoding="utf-8"))
    noted = Counter(r.noted_type or r.type for r in records)
    assert noted == label_map["counts_2_0_with_record_notes"]
    assert all(r.event_spans for r in records)  # every record's event words are found
    codes = {code for r in records for code in (*r.actors, *r.recipients)}
    assert "JAP" not in codes and "JPN" in codes
    assert {code for code in codes if not plover.is_country(code)} <= {"IGO", "NGO", "IMG", "ISM"}

"""Evaluation of dossier's event coder on the PLOVER gold-standard records.

The records are not part of dossier: point the functions at a folder that
holds ``plover_gsr.json`` (the Open Event Data Alliance's
``PLOVER_GSR_CAMEO`` file: one JSON array of PLOVER 0.5 records, one English
sentence each) and ``plover_0.5_to_2.0_map.json`` (a label map from the 0.5
labels to the 16 PLOVER 2.0 event types, with record-level notes).

Gold
    Records whose label the map sends to no type (the ``DOCUMENT`` record) are
    skipped; the others are scored in array order, and are named by their
    position in the array (ids are not unique). The gold type is the 2.0 type
    of the record's ``event`` under the label map. With the record notes, a
    record that has a note whose ``suggested_2_0`` differs from that type
    takes the suggestion instead; notes that only list alternatives change
    nothing. Gold actor codes are the ``code`` values of ``source``, recipient
    codes those of ``target``; anything but a list (missing, ``""``, the stray
    ``"diplomatic"``) gives no codes. Codes are upper-cased, and three typos
    are mended: ``JAP`` → ``JPN``, ``ITL`` → ``ITA`` and ``VTN`` → ``VNM``
    (their actor texts are "Japan(ese)", "Tokyo", "Italy" and
    "Vietnamese-led"). A code is a *country* when it is an ISO 3166 alpha-3
    code that ``countryinfo`` knows; ``IGO``, ``NGO``, ``IMG`` (militant
    group) and ``ISM`` (religion) are not countries and are never matched.

Alignment
    The gold event words are located in ``text``: each ``(EVT: words)`` tag of
    ``textInfo.markup`` in turn (the words up to the next bracket, so that
    nested tags and the odd brace are cut off), matched as whole words, case
    and spacing aside, searching on from the end of the previous match (then
    from the start of the text). When no tag can be located (no markup, or
    markup that does not match the text), the words of ``eventText`` are
    located one by one the same way. Of the coder's events for the sentence,
    the one chosen is the one whose trigger (end-exclusive; an empty trigger
    stands for its first character) overlaps a located span, the
    earliest such span winning, then the earliest trigger; when no trigger
    overlaps, the first event in text order (by trigger start); when the coder
    found no event, there is no prediction.

Scores
    *type accuracy*: records whose chosen event has the gold type (types
    compared upper-cased) / all scored records; no event counts as wrong.
    *actor accuracy*: over the records with at least one country among the
    gold actor codes, those where the chosen event's actors share a country
    with the gold ones (one shared country is enough for a compound actor).
    An actor's country is the ``country`` (ISO alpha-2, converted to alpha-3
    with ``countryinfo``) of the ``doc._.dossier_entities`` entry its index
    names, whatever the entity's type: a person or organisation tied to a
    country stands for it, as in PLOVER's actor codes. No event, or actors
    without a country, count as wrong. Records whose gold actors are all
    non-state (``IGO``, ``NGO`` ...) are left out.
    *recipient accuracy*: the same with the gold targets and the chosen
    event's targets. Actors and recipients are scored whatever the type.
    The confusion table crosses the gold type with the chosen event's type
    (``none`` when there is no event) and gives each gold type's accuracy.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rich import box
from rich.console import RenderableType
from rich.table import Table

from dossier.errors import Errors, InputError
from dossier.model.event import EVENT_TYPES

RECORDS = "plover_gsr.json"
LABEL_MAP = "plover_0.5_to_2.0_map.json"

TYPES = EVENT_TYPES

NONE = "none"
"""The predicted type of a record for which the coder found no event."""

CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
"""Actor codes of the gold file that are typos of ISO alpha-3 codes."""

Span = tuple[int, int]


class Prediction(NamedTuple):
    """What the coder found in one sentence, as the pipeline leaves it on the Doc."""

    events: list[dict[str, Any]]
    """``ReportEvent.to_dict()`` dicts (``doc._.dossier_events``)."""
    entities: list[dict[str, Any]]
    """``ReportEntity.to_dict()`` dicts (``doc._.dossier_entities``)."""


Predict = Callable[[Iterable[str]], Iterable[Prediction]]
"""Takes texts, yields per text (in order, one for each) its :class:`Prediction`."""

Progress = Callable[[int, int], None]
"""Called with ``(records done, records in all)`` after each record."""


@dataclass(slots=True, frozen=True)
class LabelMap:
    """The label map: PLOVER 0.5 label → 2.0 type, and the record notes' suggestions."""

    types: dict[str, str | None]
    """0.5 label → 2.0 type; None for labels that are not events (``DOCUMENT``)."""
    notes: dict[int, tuple[str, str]]
    """Array index → (record id, suggested 2.0 type), for every note."""


@dataclass(slots=True, frozen=True)
class GoldRecord:
    """One coded sentence of the gold standard."""

    index: int
    """Position in the JSON array (``DOCUMENT`` is 0)."""
    record_id: str
    label: str
    """The PLOVER 0.5 event label."""
    type: str
    """The 2.0 type under the label map."""
    noted_type: str | None
    """The record note's suggested 2.0 type, when there is one and it differs from ``type``."""
    text: str
    actors: tuple[str, ...]
    """Normalised codes of ``source`` (countries and others), in order, without repeats."""
    recipients: tuple[str, ...]
    """Normalised codes of ``target``."""
    event_spans: tuple[Span, ...]
    """Where the gold event words are in ``text``, in text order (see the module)."""

    @property
    def actor_countries(self) -> frozenset[str]:
        return frozenset(code for code in self.actors if is_country(code))

    @property
    def recipient_countries(self) -> frozenset[str]:
        return frozenset(code for code in self.recipients if is_country(code))


@dataclass(slots=True, frozen=True)
class RecordResult:
    """What the coder made of one gold record."""

    gold: GoldRecord
    predicted_type: str | None
    """The chosen event's type (upper-cased), None when the coder found no event."""
    alignment: str
    """How the event was chosen: ``trigger`` (overlap), ``first`` (fallback) or ``none``."""
    actors: frozenset[str] = frozenset()
    """Alpha-3 codes of the chosen event's actors."""
    recipients: frozenset[str] = frozenset()
    """Alpha-3 codes of the chosen event's targets."""
    events: int = 0
    """How many events the coder found in the sentence."""

    @property
    def type_correct(self) -> bool:
        return self.predicted_type == self.gold.type

    @property
    def noted_type_correct(self) -> bool:
        """Right against the gold type with the record notes applied."""
        return self.predicted_type == (self.gold.noted_type or self.gold.type)

    @property
    def actor_correct(self) -> bool | None:
        """None when the gold actors have no country (the record is not scored)."""
        gold = self.gold.actor_countries
        return bool(gold & self.actors) if gold else None

    @property
    def recipient_correct(self) -> bool | None:
        """None when the gold recipients have no country (the record is not scored)."""
        gold = self.gold.recipient_countries
        return bool(gold & self.recipients) if gold else None

    @property
    def wrong(self) -> list[str]:
        """The scores this record got wrong: some of ``type``, ``actor``, ``recipient``."""
        return [
            name
            for name, correct in (
                ("type", self.type_correct),
                ("actor", self.actor_correct),
                ("recipient", self.recipient_correct),
            )
            if correct is False
        ]


@dataclass(slots=True, frozen=True)
class Accuracy:
    """``correct`` out of ``scored``; 0.0 when nothing was scored."""

    correct: int
    scored: int

    @property
    def value(self) -> float:
        return self.correct / self.scored if self.scored else 0.0


@dataclass(slots=True)
class PloverReport:
    """The per-record results of one run, and the figures drawn from them."""

    results: list[RecordResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return len(self.results)

    @property
    def type_accuracy(self) -> Accuracy:
        return Accuracy(sum(r.type_correct for r in self.results), self.records)

    @property
    def noted_type_accuracy(self) -> Accuracy:
        """Type accuracy with the record notes applied to the gold types."""
        return Accuracy(sum(r.noted_type_correct for r in self.results), self.records)

    @property
    def noted_changes(self) -> int:
        """Records whose gold type the notes change."""
        return sum(r.gold.noted_type is not None for r in self.results)

    @property
    def actor_accuracy(self) -> Accuracy:
        scored = [r.actor_correct for r in self.results if r.actor_correct is not None]
        return Accuracy(sum(scored), len(scored))

    @property
    def recipient_accuracy(self) -> Accuracy:
        scored = [r.recipient_correct for r in self.results if r.recipient_correct is not None]
        return Accuracy(sum(scored), len(scored))

    @property
    def events(self) -> int:
        """Events the coder found in all the sentences."""
        return sum(r.events for r in self.results)

    @property
    def alignments(self) -> Counter[str]:
        return Counter(r.alignment for r in self.results)

    def confusion(self, *, notes: bool = False) -> Counter[tuple[str, str]]:
        """(gold type, predicted type or ``none``) → records."""
        return Counter(
            ((r.gold.noted_type or r.gold.type) if notes else r.gold.type, r.predicted_type or NONE)
            for r in self.results
        )

    def per_type(self, *, notes: bool = False) -> dict[str, Accuracy]:
        """Gold type → accuracy on its records, in the manual's order of types."""
        confusion = self.confusion(notes=notes)
        totals: Counter[str] = Counter()
        for (gold, _), count in confusion.items():
            totals[gold] += count
        return {gold: Accuracy(confusion[(gold, gold)], totals[gold]) for gold in _ordered(totals)}


# -- reading the folder ----------------------------------------------------------------------


def check_folder(directory: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The records file and the label-map file of a PLOVER folder.

    Raises :class:`InputError`: E001 when the folder does not exist, E304 when
    either file is missing.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(Errors.E001, where=str(folder))
    paths = (folder / RECORDS, folder / LABEL_MAP)
    for path in paths:
        if not path.is_file():
            raise InputError(Errors.E304, where=str(folder), missing=path.name)
    return paths


def read_json(path: str | os.PathLike[str]) -> Any:
    """The parsed content of a JSON file; E305 (naming the file) when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        raise InputError(Errors.E305, where=str(path), detail=str(error)) from error
    except UnicodeDecodeError as error:
        raise InputError(Errors.E305, where=str(path), detail=f"not UTF-8 ({error})") from error
    except OSError as error:
        raise InputError(
            Errors.E305, where=str(path), detail=error.strerror or str(error)
        ) from error


def load_map(path: str | os.PathLike[str]) -> LabelMap:
    """Read the label map: ``category_map`` (label → ``{"plover_2_0": type or null}``)
    and ``record_notes`` (``index``, ``id``, ``suggested_2_0``).

    Raises E305 (unreadable) or E307 (a shape other than this, or a 2.0 type
    that is not one of the 16).
    """
    data = read_json(path)

    def bad(detail: str) -> InputError:
        return InputError(Errors.E307, where=str(path), detail=detail)

    if not isinstance(data, dict) or not isinstance(data.get("category_map"), dict):
        raise bad("it has no 'category_map' object")
    types: dict[str, str | None] = {}
    for label, entry in data["category_map"].items():
        target = entry.get("plover_2_0") if isinstance(entry, dict) else entry
        if target is not None and target not in TYPES:
            raise bad(f"label {label!r} maps to {target!r}, not a PLOVER 2.0 type")
        types[label] = target
    notes: dict[int, tuple[str, str]] = {}
    raw_notes = data.get("record_notes") or []
    if not isinstance(raw_notes, list):
        raise bad("'record_notes' is not a list")
    for number, note in enumerate(raw_notes):
        index = note.get("index") if isinstance(note, dict) else None
        suggested = note.get("suggested_2_0") if isinstance(note, dict) else None
        if not isinstance(index, int) or isinstance(index, bool) or suggested not in TYPES:
            raise bad(f"record note {number} has no integer 'index' and 2.0 'suggested_2_0'")
        notes[index] = (str(note.get("id") or ""), suggested)
    return LabelMap(types=types, notes=notes)


def load_records(
    directory: str | os.PathLike[str], *, limit: int | None = None
) -> list[GoldRecord]:
    """The coded sentences of a PLOVER folder, in array order (at most ``limit``).

    Both files are read and checked first: E001/E304 (see
    :func:`check_folder`), E305 (unreadable or invalid JSON), E306 (not an
    array of records, a record without ``event`` or ``text``, a label the map
    does not know), E307 (a bad map, or a record note whose index does not hold
    the record it names).
    """
    records_path, map_path = check_folder(directory)
    label_map = load_map(map_path)
    data = read_json(records_path)

    def bad(detail: str) -> InputError:
        return InputError(Errors.E306, where=str(records_path), detail=detail)

    if not isinstance(data, list):
        raise bad("the file does not hold a JSON array")
    for index, (record_id, _) in sorted(label_map.notes.items()):
        found = (
            data[index].get("id")
            if 0 <= index < len(data) and isinstance(data[index], dict)
            else None
        )
        if record_id and found != record_id:
            raise InputError(
                Errors.E307,
                where=str(map_path),
                detail=f"the note on record {index} names {record_id}, but record {index} "
                f"is {found or 'missing'}",
            )
    records: list[GoldRecord] = []
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            raise bad(f"record {index} is not an object")
        record_id = str(record.get("id") or f"#{index}")
        label = record.get("event")
        if not isinstance(label, str) or label not in label_map.types:
            raise bad(f"record {index} ({record_id}): event {label!r} is not in the label map")
        gold_type = label_map.types[label]
        if gold_type is None:
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise bad(f"record {index} ({record_id}) has no text")
        note = label_map.notes.get(index)
        noted = note[1] if note and note[1] != gold_type else None
        records.append(
            GoldRecord(
                index=index,
                record_id=record_id,
                label=label,
                type=gold_type,
                noted_type=noted,
                text=text,
                actors=actor_codes(record.get("source")),
                recipients=actor_codes(record.get("target")),
                event_spans=event_spans(text, _markup(record), record.get("eventText")),
            )
        )
    return records if limit is None else records[:limit]


def _markup(record: dict[str, Any]) -> str | None:
    info = record.get("textInfo")
    markup = info.get("markup") if isinstance(info, dict) else info
    return markup if isinstance(markup, str) else None


# -- codes ------------------------------------------------------------------------------------


def normalise_code(code: object) -> str | None:
    """A gold actor code upper-cased, with the typos of :data:`CODE_FIXES` mended."""
    if not isinstance(code, str) or not code.strip():
        return None
    code = code.strip().upper()
    return CODE_FIXES.get(code, code)


def actor_codes(actors: object) -> tuple[str, ...]:
    """The normalised codes of a ``source`` or ``target`` list; () for anything else."""
    if not isinstance(actors, list):
        return ()
    codes: list[str] = []
    for actor in actors:
        code = normalise_code(actor.get("code")) if isinstance(actor, dict) else None
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


@functools.cache
def _alpha3_by_alpha2() -> dict[str, str]:
    import countryinfo

    table: dict[str, str] = {}
    for country in countryinfo.all_countries():
        iso = country.info().get("ISO") or {}
        alpha2, alpha3 = iso.get("alpha2"), iso.get("alpha3")
        if alpha2 and alpha3:
            table.setdefault(alpha2.lower(), alpha3.upper())
    return table


@functools.cache
def _alpha3_codes() -> frozenset[str]:
    return frozenset(_alpha3_by_alpha2().values())


def alpha3(alpha2: object) -> str | None:
    """The ISO alpha-3 code (upper case) of an alpha-2 code, None if countryinfo has none."""
    if not isinstance(alpha2, str):
        return None
    return _alpha3_by_alpha2().get(alpha2.strip().lower())


def is_country(code: str) -> bool:
    """Whether a (normalised) gold code is an ISO alpha-3 country code."""
    return code in _alpha3_codes()


# -- alignment and the chosen event ----------------------------------------------------------

_EVT = re.compile(r"\(EVT:\s*([^(){}]*)")


def event_spans(text: str, markup: str | None, event_text: object = None) -> tuple[Span, ...]:
    """Where the gold event words are in ``text`` (see the module), in text order."""
    spans = _locate(text, [match.group(1) for match in _EVT.finditer(markup or "")])
    if not spans and isinstance(event_text, str):
        spans = _locate(text, event_text.split())
    return tuple(sorted(set(spans)))


def _locate(text: str, phrases: Iterable[str]) -> list[Span]:
    found: list[Span] = []
    cursor = 0
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        pattern = re.compile(
            r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)",
            re.IGNORECASE,
        )
        match = pattern.search(text, cursor) or pattern.search(text)
        if match:
            found.append(match.span())
            cursor = match.end()
    return found


def _trigger(event: dict[str, Any]) -> Span | None:
    trigger = event.get("trigger")
    if (
        isinstance(trigger, Sequence)
        and len(trigger) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in trigger)
    ):
        return int(trigger[0]), int(trigger[1])
    return None


def _overlaps(trigger: Span, span: Span) -> bool:
    start, end = trigger
    return start < span[1] and span[0] < max(end, start + 1)


def choose_event(
    events: Sequence[dict[str, Any]], spans: Sequence[Span]
) -> tuple[dict[str, Any] | None, str]:
    """The event scored for a record, and how it was chosen (``trigger``, ``first``, ``none``).

    ``spans`` are the gold event spans in text order. An event whose trigger
    overlaps one wins, the earliest span first, then the earliest trigger;
    otherwise the event with the earliest trigger (events without a usable
    trigger come last, in list order).
    """
    candidates = [event for event in events if isinstance(event, dict)]
    best: tuple[tuple[int, int, int], dict[str, Any]] | None = None
    for position, event in enumerate(candidates):
        trigger = _trigger(event)
        if trigger is None:
            continue
        for rank, span in enumerate(spans):
            if _overlaps(trigger, span):
                key = (rank, trigger[0], position)
                if best is None or key < best[0]:
                    best = (key, event)
                break
    if best is not None:
        return best[1], "trigger"
    if not candidates:
        return None, NONE

    def start(position: int) -> tuple[float, int]:
        trigger = _trigger(candidates[position])
        return (trigger[0] if trigger else float("inf"), position)

    return candidates[min(range(len(candidates)), key=start)], "first"


def party_countries(indexes: object, entities: Sequence[dict[str, Any]]) -> frozenset[str]:
    """Alpha-3 codes of the entities that ``indexes`` (an event's actors or targets) name."""
    if not isinstance(indexes, list):
        return frozenset()
    codes: set[str] = set()
    for index in indexes:
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(entities):
            entity = entities[index]
            code = alpha3(entity.get("country")) if isinstance(entity, dict) else None
            if code:
                codes.add(code)
    return frozenset(codes)


def score_record(gold: GoldRecord, prediction: Prediction) -> RecordResult:
    """Choose the coder's event for a gold record and read off its type and parties."""
    events = list(prediction.events or [])
    event, alignment = choose_event(events, gold.event_spans)
    if event is None:
        return RecordResult(gold=gold, predicted_type=None, alignment=alignment, events=0)
    entities = list(prediction.entities or [])
    predicted_type = str(event.get("type") or "").strip().upper() or "UNTYPED"
    return RecordResult(
        gold=gold,
        predicted_type=predicted_type,
        alignment=alignment,
        actors=party_countries(event.get("actors"), entities),
        recipients=party_countries(event.get("targets"), entities),
        events=len(events),
    )


# -- running ----------------------------------------------------------------------------------


def evaluate(
    directory: str | os.PathLike[str],
    predict: Predict,
    progress: Progress | None = None,
    *,
    limit: int | None = None,
) -> PloverReport:
    """Score ``predict`` on the records of a PLOVER folder (see :func:`load_records`)."""
    return evaluate_records(load_records(directory, limit=limit), predict, progress)


def evaluate_records(
    records: Sequence[GoldRecord], predict: Predict, progress: Progress | None = None
) -> PloverReport:
    """Score ``predict`` on gold records already read.

    ``predict`` receives an iterator over the sentences and must yield one
    :class:`Prediction` per sentence, in order (a generator over ``nlp.pipe``
    fits); a ``ValueError`` says when it yields too few.
    """
    started = time.perf_counter()
    report = PloverReport()
    predictions = iter(predict(record.text for record in records))
    for done, record in enumerate(records, start=1):
        try:
            prediction = next(predictions)
        except StopIteration:
            raise ValueError(
                f"the predictor yielded {done - 1} results for {len(records)} texts"
            ) from None
        report.results.append(score_record(record, prediction))
        if progress is not None:
            progress(done, len(records))
    report.seconds = time.perf_counter() - started
    return report


def dossier_predictor(nlp: Any, n_process: int = 1, batch_size: int = 64) -> Predict:
    """A ``predict`` callable running ``nlp.pipe`` (a pipeline from ``load_pipeline``).

    It reads ``doc._.dossier_events`` and ``doc._.dossier_entities``; an
    extension that is not registered (no event coder in the pipeline) or not
    set gives an empty list, so every record then counts as wrong.
    """

    def predict(texts: Iterable[str]) -> Iterator[Prediction]:
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            yield Prediction(
                events=_doc_list(doc, "dossier_events"),
                entities=_doc_list(doc, "dossier_entities"),
            )

    return predict


def _doc_list(doc: Any, name: str) -> list[Any]:
    if not type(doc).has_extension(name):
        return []
    return list(getattr(doc._, name, None) or [])


# -- the report -------------------------------------------------------------------------------


def format_report(
    report: PloverReport, *, misses: bool = False, notes: bool = False
) -> list[RenderableType]:
    """The report as lines of text and a rich confusion table; the last item is
    :func:`summary_line` (figures under the label map, with or without ``notes``).

    With ``notes``, the type accuracy with the record notes applied follows the
    label-map figures; with ``misses``, the wrong records come before the summary.
    """
    aligned = report.alignments
    types, actors, recipients = (
        report.type_accuracy,
        report.actor_accuracy,
        report.recipient_accuracy,
    )
    lines: list[RenderableType] = [
        f"PLOVER gold standard: {report.records} records, {report.events} events found; "
        f"event chosen by trigger overlap {aligned['trigger']}, first in the sentence "
        f"{aligned['first']}, no event {aligned[NONE]}"
        + (f"; {report.seconds:.1f} s" if report.seconds else ""),
        "",
        f"type accuracy      {types.value:.3f}  ({types.correct}/{types.scored} records)",
        f"actor accuracy     {actors.value:.3f}  ({actors.correct}/{actors.scored} records "
        "with a country among the gold actors)",
        f"recipient accuracy {recipients.value:.3f}  ({recipients.correct}/{recipients.scored} "
        "records with a country among the gold recipients)",
    ]
    if notes:
        noted = report.noted_type_accuracy
        lines.append(
            f"type accuracy with the record notes {noted.value:.3f}  "
            f"({noted.correct}/{noted.scored} records; gold type changed by a note: "
            f"{report.noted_changes} records)"
        )
    lines.append("")
    lines.append(confusion_table(report))
    if misses:
        wrong = format_misses(report, notes=notes)
        lines.append("")
        lines.extend(wrong or ["no wrong records"])
    lines.append("")
    lines.append(summary_line(report))
    return lines


def _abbreviation(name: str) -> str:
    return name[:4] if name in TYPES else name


def confusion_table(report: PloverReport) -> Table:
    """Gold type (rows, label map) × predicted type (columns), with each row's accuracy.

    Columns are the gold types present, then other predicted types, then
    ``none``; the 2.0 types are shortened to their first four letters.
    """
    confusion = report.confusion()
    per_type = report.per_type()
    predicted = {pred for _, pred in confusion}
    columns = [name for name in _ordered(set(per_type) | predicted) if name != NONE] + [NONE]
    table = Table(
        title="gold type (rows) × predicted type (columns)",
        title_justify="left",
        box=box.SIMPLE,
        show_edge=False,
        pad_edge=False,
        padding=(0, 0, 0, 1),
    )
    table.add_column("gold")
    for name in columns:
        table.add_column(_abbreviation(name), justify="right")
    table.add_column("n", justify="right")
    table.add_column("acc", justify="right")
    for gold, accuracy in per_type.items():
        cells = [str(confusion[(gold, name)] or ".") for name in columns]
        table.add_row(gold, *cells, str(accuracy.scored), f"{accuracy.value:.2f}")
    totals = Counter(pred for _, pred in confusion.elements())
    overall = report.type_accuracy
    table.add_section()
    table.add_row(
        "all",
        *(str(totals[name]) for name in columns),
        str(overall.scored),
        f"{overall.value:.2f}",
    )
    return table


def format_misses(report: PloverReport, *, notes: bool = False) -> list[str]:
    """Two lines per record with a wrong score: what was wrong, gold → predicted, the text."""
    lines: list[str] = []
    for result in report.results:
        wrong = result.wrong
        if not wrong:
            continue
        gold = result.gold
        gold_type = gold.type + (
            f" (notes: {gold.noted_type})" if notes and gold.noted_type else ""
        )
        lines.append(
            f"[{gold.index}] {gold.record_id} wrong {'+'.join(wrong)}: "
            f"type {gold_type} -> {result.predicted_type or NONE} | "
            f"actor {_codes(gold.actors)} -> {_codes(sorted(result.actors))} | "
            f"recipient {_codes(gold.recipients)} -> {_codes(sorted(result.recipients))}"
        )
        lines.append(f"    {_clip(' '.join(gold.text.split()), 110)}")
    return lines


def summary_line(report: PloverReport) -> str:
    """``plover: type accuracy=0.00 actor accuracy=0.00 recipient accuracy=0.00``
    (label-map gold, fractions with two decimals)."""
    return (
        f"plover: type accuracy={report.type_accuracy.value:.2f} "
        f"actor accuracy={report.actor_accuracy.value:.2f} "
        f"recipient accuracy={report.recipient_accuracy.value:.2f}"
    )


def report_json(report: PloverReport, *, notes: bool = False) -> dict[str, Any]:
    """The figures, the confusion table, per-type accuracy and per-record results as JSON."""

    def accuracy(value: Accuracy) -> dict[str, Any]:
        return {"accuracy": value.value, "correct": value.correct, "scored": value.scored}

    data: dict[str, Any] = {
        "records": report.records,
        "events": report.events,
        "type": accuracy(report.type_accuracy),
        "actor": accuracy(report.actor_accuracy),
        "recipient": accuracy(report.recipient_accuracy),
        "alignment": {name: report.alignments[name] for name in ("trigger", "first", NONE)},
        "per_type": {name: accuracy(value) for name, value in report.per_type().items()},
        "confusion": _nested(report.confusion()),
    }
    if notes:
        data["type_with_notes"] = accuracy(report.noted_type_accuracy)
        data["notes_changed"] = report.noted_changes
        data["per_type_with_notes"] = {
            name: accuracy(value) for name, value in report.per_type(notes=True).items()
        }
        data["confusion_with_notes"] = _nested(report.confusion(notes=True))
    data["results"] = [
        {
            "index": r.gold.index,
            "id": r.gold.record_id,
            "gold_type": r.gold.type,
            **({"noted_type": r.gold.noted_type} if notes and r.gold.noted_type else {}),
            "predicted_type": r.predicted_type,
            "alignment": r.alignment,
            "gold_actors": list(r.gold.actors),
            "actors": sorted(r.actors),
            "actor_correct": r.actor_correct,
            "gold_recipients": list(r.gold.recipients),
            "recipients": sorted(r.recipients),
            "recipient_correct": r.recipient_correct,
        }
        for r in report.results
    ]
    return data


def _nested(confusion: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    nested: dict[str, dict[str, int]] = {}
    for (gold, predicted), count in sorted(confusion.items()):
        nested.setdefault(gold, {})[predicted] = count
    return nested


def _ordered(names: Iterable[str]) -> list[str]:
    """The 2.0 types in the manual's order, then other names sorted, ``none`` last."""
    names = set(names)
    return (
        [name for name in TYPES if name in names]
        + sorted(name for name in names if name not in TYPES and name != NONE)
        + ([NONE] if NONE in names else [])
    )


def _codes(codes: Iterable[str]) -> str:
    return ",".join(codes) or "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""Temporal expressions of one report, placed in time relative to its publication date.

Two steps, kept apart so that each can be tested alone:

- :func:`find_dates` finds the expressions in a parsed report: spaCy's DATE
  entities (and TIME entities that name a day, "last night"), plus a
  ``Matcher`` for forms the small English model often misses ("last
  Tuesday", "since September", "in recent weeks", "the 1990s"), each with the
  preposition it hangs from ("on", "since", "between").
- :func:`resolve_date` turns one expression into a :class:`DateValue`, an
  interval of ISO prefixes that keep their precision ("2022", "2022-01",
  "2022-01-18"). The parsing is dateparser's (``DateDataParser`` with the
  publication date as ``RELATIVE_BASE``, dates preferred from the past, and
  its ``period`` giving the precision); the small rules around it cover what
  dateparser does not do (see :func:`resolve_date`).

Limits: English only; no tense is looked at, so "on Friday" in a report
published on a Thursday is the Friday before, even in "they will meet on
Friday"; calendar weeks run Monday to Sunday (ISO); numeric dates are read
month first ("12/05/2021" is December 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from dossier.model.event import DateValue

__all__ = ["DateMention", "find_dates", "resolve_date"]

Interval = tuple[str, str]


def _words(text: str) -> list[str]:
    return text.split()


PREPOSITIONS = frozenset(
    _words(
        "in on at since during from until till by before after through throughout over "
        "within for between around"
    )
)
# Prepositions that bound an interval on one side only, or loosely: the words are
# kept, no interval is given ("before 2019", "by September", "until last week").
_UNPLACED_PREPOSITIONS = frozenset(_words("until till by before after through"))
# Prepositions that open a range ("from 2019 to 2021", "between May and July").
_RANGE_PREPOSITIONS = frozenset(_words("from between"))
# Other prepositions leave the expression's interval as it is ("in August", "over the
# past month", "for the past two years"; "for two years" is a duration), and "since"
# runs it on to the publication day.

_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_PARTS_OF_DAY = _words("morning afternoon evening night")
_UNITS = _words("hour day week fortnight month year decade")
_PLURAL_UNITS = [unit + "s" for unit in _UNITS]
_NUMBERS = _words("one two three four five six seven eight nine ten eleven twelve")
_NUMBER_WORDS = {word: n for n, word in enumerate(_NUMBERS, start=1)} | {
    "a": 1,
    "an": 1,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    # vague counts, by convention (see resolve_date)
    "couple": 2,
    "few": 3,
    "several": 3,
    "recent": 3,
}

_ALTERNATION = "|".join
_TEMPORAL = re.compile(
    r"\b(?:"
    + _ALTERNATION(_MONTHS + _WEEKDAYS + _PARTS_OF_DAY)
    + r"|(?:hour|day|week|weekend|fortnight|month|year|decade)s?|century|centuries"
    + r"|tonight|today|yesterday|tomorrow|spring|summer|autumn|fall|winter)\b"
    + r"|\b(?:1\d|20)\d\d(?:['’]?s)?\b"
    + r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b(?:year|month|week|day)s?[\s-]+old\b", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(
    r"^(?P<prep>" + _ALTERNATION(sorted(PREPOSITIONS)) + r")\s+(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_TRAILING_JUNK = re.compile(r"(?:\s*['’]s)?[\s,;:]*$")
_DECADE = re.compile(
    r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>1\d\d0|20\d0)['’]?s$", re.IGNORECASE
)
_YEAR_RANGE = re.compile(r"^(?P<a>(?:1\d|20)\d\d)\s*[-–—]\s*(?P<b>(?:1\d|20)?\d\d)$")
_DAY_RANGE = re.compile(
    r"^(?P<month>[a-z]+\.?)\s+(?P<a>\d{1,2})\s*[-–—]\s*(?P<b>\d{1,2})(?P<year>,?\s+\d{4})?$",
    re.IGNORECASE,
)
_WORD_RANGE = re.compile(
    r"^(?P<a>.+?)\s+(?:to|until|till|through|and|[-–—])\s+(?P<b>.+)$", re.IGNORECASE
)
_MODIFIED = re.compile(
    r"^(?:(?:earlier|later|early|late|mid)(?:\s+in)?[\s-]+"
    r"|(?:the\s+)?(?:(?:start|beginning|end|middle|rest|first|second|last)\s+"
    r"(?:(?:half|quarter|days?|weeks?|months?)\s+)?of\s+)"
    r"|(?:the\s+)?(?:spring|summer|autumn|fall|winter|morning|afternoon|evening|night)"
    r"(?:\s+of)?\s+)"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_LOOKBACK = re.compile(
    r"^(?P<the>the\s+)?(?:most\s+)?(?P<word>past|last|previous|recent)\s+"
    r"(?:(?P<count>\d+|[a-z]+|a\s+few|a\s+couple(?:\s+of)?|couple\s+of)\s+)?"
    r"(?P<unit>hour|day|week|fortnight|month|year|decade)s?$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"^(?P<day>" + _ALTERNATION(_WEEKDAYS) + r")"
    r"(?:\s+(?:" + _ALTERNATION(_PARTS_OF_DAY) + r"))?$",
    re.IGNORECASE,
)
_WEEKEND = re.compile(r"^(?:the|this|last|past)\s+weekend$", re.IGNORECASE)
_QUANTITY_WORDS = frozenset(
    _words(
        "a an of more than nearly almost about around over under at least full whole long many "
        "some few several couple dozen dozens hundred hundreds thirteen fourteen sixteen "
        "seventeen nineteen forty fifty sixty seventy eighty ninety"
    )
    + [word for word in _NUMBER_WORDS if word != "recent"]
)
_DURATION_UNITS = frozenset(_UNITS + _PLURAL_UNITS + ["century", "centuries", "minute", "minutes"])

# Two unrelated dates to resolve against when a report has no publication date: an
# expression that gives the same interval against both does not depend on "now".
_PROBE_BASES = (date(2001, 3, 14), date(2013, 10, 5))


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None) -> DateValue | None:
    """Place a temporal expression in time, relative to a report's publication date.

    ``published`` is the report's publication date as ``YYYY-MM-DD`` (a
    ``ValueError`` for anything else) or None. ``text`` is the expression as
    the caller found it, possibly with the preposition it hangs from ("on
    September 6", "since 2019"); it is kept verbatim as the value's ``text``.

    Returns None when the words are not a time expression at all: no month,
    weekday, time unit, year or numeric date among them ("now", "recently",
    "currently", "soon", a bare number such as "60" or "two"), or an age
    ("23-year-old"). These describe the report's present or a quantity, not
    a time that can be placed, so they are left out rather than kept empty.

    Returns ``DateValue(text, None, None)`` for a time expression that cannot
    be placed: a relative one ("last Tuesday", "September 6") in a report
    with no publication date, a duration ("two years", "for two years",
    "in two weeks"), a one-sided or loose bound ("before 2019", "by March",
    "until last week", "from May" with no end), an anaphoric one ("the
    following day"), a season with no year ("last summer").

    Otherwise ``start`` and ``end`` keep the precision of the words: a day
    ("last Tuesday", "yesterday", "Dec. 19, 2021", "Tuesday morning"), a
    calendar week given as its days Monday to Sunday ("last week"), a month
    ("this month", "in August"), a year ("last year", "two years ago"). Dates
    are preferred from the past: "August 15" is the most recent August 15 not
    after publication, and a bare weekday ("on Wednesday") the most recent
    such day on or before it. Rules of this module around dateparser:

    - "since X" runs from the start of X to the publication day (to None
      without a publication date, when X itself can be placed);
    - ranges "from X to Y", "between X and Y", "2019-2021", "Sept. 6-8";
    - decades "the 1990s" (1990..1999); "the '90s" and centuries are not read;
    - look-backs "in the past two months", "over the past month", "the last
      few days", "in recent weeks" run from that far back to the publication
      date, at month precision for months, year precision for years and
      decades, day precision otherwise; a vague count ("few", "several",
      "recent") is taken as 3, "a couple" as 2 - a convention, not a reading;
    - modifiers that narrow a period are dropped, keeping the wider period
      that contains it: "earlier this year" is this year, "mid-2021" 2021,
      "the end of last year" last year, "the summer of 2021" 2021;
    - "the weekend" / "last weekend" is the most recent Saturday and Sunday
      starting on or before publication;
    - anything else dateparser cannot read but which names exactly one year
      is that year.

    A month name is always a month ("May"): telling the modal verb apart is
    the caller's job (:func:`find_dates` does). Results are cached on
    ``(text, published)``; dateparser's parser is built once per relative
    base date.
    """
    published_day = date.fromisoformat(published) if published is not None else None
    expression = _TRAILING_JUNK.sub("", " ".join(text.split()))
    preposition, rest = None, expression
    if match := _LEADING_PREPOSITION.match(expression):
        preposition, rest = match["prep"].lower(), match["rest"]
    if not _TEMPORAL.search(rest) or _AGE.search(rest):
        return None
    if preposition in _UNPLACED_PREPOSITIONS:
        return DateValue(text)
    if preposition in _RANGE_PREPOSITIONS and _split_range(rest) is None:
        return DateValue(text)
    interval = _place(rest, published_day)
    if interval is None:
        return DateValue(text)
    start, end = interval
    if preposition == "since":
        end = published_day.isoformat() if published_day else None
    return DateValue(text, start, end)


def _place(expression: str, published: date | None) -> Interval | None:
    """The interval of an expression (no leading preposition), or None if it has none.

    Without a publication date the expression is placed against two unrelated
    dates, and kept only if both give the same interval (it is absolute).
    """
    if published is not None:
        return _interval(expression, published)
    first = _interval(expression, _PROBE_BASES[0])
    if first is None:
        return None  # no interval against one base: none to keep, whatever the other gives
    return first if first == _interval(expression, _PROBE_BASES[1]) else None


def _interval(expression: str, base: date) -> Interval | None:
    """The interval of an expression relative to ``base``: the rules first, then dateparser."""
    if parts := _split_range(expression):
        first, second = (_interval(part, base) for part in parts)
        if first is None or second is None or _before(second[1], first[0]):
            return None
        return first[0], second[1]
    if match := _DECADE.match(expression):
        decade = int(match["decade"])
        return str(decade), str(decade + 9)
    if match := _MODIFIED.match(expression):
        return _interval(match["rest"], base)
    if (match := _LOOKBACK.match(expression)) and _is_lookback(match):
        return _lookback(match, base)
    if match := _WEEKDAY.match(expression):
        day = base - timedelta(days=(base.weekday() - _WEEKDAYS.index(match["day"].lower())) % 7)
        return day.isoformat(), day.isoformat()
    if _WEEKEND.match(expression):
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        return saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()
    if _is_duration(expression):
        return None
    data = _parser(base).get_date_data(expression)
    if data.date_obj is None:
        years = re.findall(r"\b(?:1\d|20)\d\d\b", expression)
        return (years[0], years[0]) if len(set(years)) == 1 else None
    return _period(data.date_obj.date(), data.period)


def _split_range(expression: str) -> tuple[str, str] | None:
    """The two ends of a range ("2019-21", "Sept. 6-8, 2021", "May to July"), or None."""
    if match := _YEAR_RANGE.match(expression):
        first, second = match["a"], match["b"]
        return first, first[: 4 - len(second)] + second
    if match := _DAY_RANGE.match(expression):
        year = match["year"] or ""
        return f"{match['month']} {match['a']}{year}", f"{match['month']} {match['b']}{year}"
    if (match := _WORD_RANGE.match(expression)) and all(
        _TEMPORAL.search(match[part]) for part in ("a", "b")
    ):
        return match["a"], match["b"]
    return None


def _before(end: str, start: str) -> bool:
    """Whether the ISO prefix ``end`` lies wholly before the ISO prefix ``start``."""
    length = min(len(end), len(start))
    return end[:length] < start[:length]


def _is_lookback(match: re.Match[str]) -> bool:
    """Whether a look-back match is one ("last month", with no "the" and no count, is not).

    "last month" and "last week" are calendar periods, left to dateparser.
    """
    return match["word"].lower() not in {"last", "previous"} or bool(match["the"] or match["count"])


def _lookback(match: re.Match[str], base: date) -> Interval | None:
    """ "the past two months": from that far back to ``base``, at the unit's precision."""
    word, count, unit = match["word"].lower(), match["count"], match["unit"].lower()
    if count is None:
        number: int | None = _NUMBER_WORDS[word] if word == "recent" else 1
    elif count.isdigit():
        number = int(count)
    else:
        number = _NUMBER_WORDS.get([w for w in count.lower().split() if w != "of"][-1])
    if number is None:
        return None
    if unit == "fortnight":
        number, unit = 2 * number, "week"
    elif unit == "decade":
        number, unit = 10 * number, "year"
    data = _parser(base).get_date_data(f"{number} {unit}s ago")
    if data.date_obj is None:  # pragma: no cover - dateparser reads "N units ago"
        return None
    precision = {"month": 7, "year": 4}.get(unit, 10)
    return data.date_obj.date().isoformat()[:precision], base.isoformat()[:precision]


def _is_duration(expression: str) -> bool:
    """Whether the words are a bare amount of time ("two years", "a few days", "24-hour")."""
    words = [word for word in re.split(r"[\s-]+", expression.lower()) if word]
    if not words or words[-1] not in _DURATION_UNITS:
        return False
    return all(word in _QUANTITY_WORDS or word.replace(".", "").isdigit() for word in words[:-1])


def _period(day: date, period: str) -> Interval:
    """The interval of dateparser's date at its precision (a time of day keeps its day)."""
    if period == "year":
        return str(day.year), str(day.year)
    if period == "month":
        return day.isoformat()[:7], day.isoformat()[:7]
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return day.isoformat(), day.isoformat()


@lru_cache(maxsize=64)
def _parser(base: date) -> DateDataParser:
    """dateparser's English parser for dates relative to ``base``, built once per base."""
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


@dataclass(slots=True, frozen=True)
class DateMention:
    """A temporal expression in a report.

    ``start`` and ``end`` are character offsets into ``doc.text`` (end
    exclusive) of the expression without its preposition; ``head`` is the
    index of the token through which it attaches to the sentence: the
    governing preposition when there is one ("on" in "on September 6"),
    else the expression's root ("Tuesday" in "last Tuesday").
    """

    start: int
    end: int
    text: str
    head: int
    preposition: str | None = None

    @property
    def phrase(self) -> str:
        """The words to pass to :func:`resolve_date`: the preposition, then the expression."""
        return f"{self.preposition} {self.text}" if self.preposition else self.text


def find_dates(doc: Doc, text: str | None = None) -> list[DateMention]:
    """The temporal expressions of a parsed report, in text order.

    ``text`` is ``doc.text``, if at hand (spaCy builds it anew on each access).

    Candidates are spaCy's DATE entities, TIME entities that name a day
    ("last night", "Tuesday morning"), and the matches of :func:`_matcher`.
    Each is trimmed of a leading preposition (which becomes its
    ``preposition``), a trailing possessive and punctuation; candidates with
    no time word (a DATE entity "60") and ages ("23-year-old", "23 years
    old") are skipped; of overlapping candidates the longer is kept. An
    expression is extended left over "the evening of" / "the end of", and
    "from 1996" + "until 2001" (or "between May" + "and July") are joined into
    one range when the model split them. Durations ("for two years") are
    kept: :func:`resolve_date` gives them no interval.

    Limits: the governing preposition is the head of the expression's root
    in the parse, or failing that the word right before the expression; a
    parse that attaches the expression elsewhere loses its preposition.
    Month names that are also common words ("May", "March") are matched by
    the rules only with a day or year, and "May" never as a modal verb.
    """
    candidates: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAY_OF_TIME.search(ent.text)):
            candidates.append(ent)
    matcher = _matcher(doc.vocab)
    for low, high in _matcher_windows(doc, doc.text if text is None else text):
        window = doc[low:high]
        candidates.extend(doc[low + start : low + end] for _, start, end in matcher(window))
    cores: dict[tuple[int, int], Token | None] = {}
    for span in candidates:
        core, preposition = _trim(span)
        if core is None or _is_age(core):
            continue
        key = (core.start, core.end)
        if cores.get(key) is None:
            cores[key] = preposition
    kept = sorted(filter_spans([doc[start:end] for start, end in cores]), key=lambda s: s.start)
    found = [(core, cores[(core.start, core.end)] or _governing_preposition(core)) for core in kept]
    mentions = []
    for core, preposition in _join_ranges(found):
        head = preposition if preposition is not None else core.root
        mentions.append(
            DateMention(
                start=core.start_char,
                end=core.end_char,
                text=core.text,
                head=head.i,
                preposition=preposition.lower_ if preposition is not None else None,
            )
        )
    return mentions


_DAY_OF_TIME = re.compile(
    r"\b(?:" + _ALTERNATION(_WEEKDAYS) + r"|today|tonight|yesterday|tomorrow|this|last)\b",
    re.IGNORECASE,
)
_PERIOD_PARTS = frozenset([*_PARTS_OF_DAY, *_words("start beginning end middle")])
_RANGE_LINKS = frozenset(
    [("from", link) for link in _words("to until till through - – —")] + [("between", "and")]
)
_TRAILING_TOKENS = frozenset({"'s", "’s", ",", ";", ":", "-", "–", "—", "(", ")"})


def _trim(span: Span) -> tuple[Span | None, Token | None]:
    """The span without a leading preposition and trailing junk, and that preposition."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    preposition = None
    if start < end - 1 and doc[start].lower_ in PREPOSITIONS and doc[start].tag_ == "IN":
        preposition = doc[start]
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING_TOKENS or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None, None
    if preposition is None and start >= 2 and doc[start - 1].lower_ == "of":
        # "the evening of Jan. 5", "the end of March": the whole phrase is the expression
        if doc[start - 2].lower_ in _PERIOD_PARTS:
            start -= 3 if start >= 3 and doc[start - 3].lower_ == "the" else 2
    core = doc[start:end]
    if not _TEMPORAL.search(core.text):
        return None, None
    return core, preposition


def _join_ranges(found: list[tuple[Span, Token | None]]) -> list[tuple[Span, Token | None]]:
    """Join "from 1996" + "until 2001" and "between May" + "and July" into one range."""
    joined: list[tuple[Span, Token | None]] = []
    for core, preposition in found:
        if joined:
            previous, opening = joined[-1]
            link = core.doc[previous.end] if previous.end < len(core.doc) else None
            if (
                opening is not None
                and link is not None
                and core.start == previous.end + 1
                and (opening.lower_, link.lower_) in _RANGE_LINKS
            ):
                joined[-1] = (core.doc[previous.start : core.end], opening)
                continue
        joined.append((core, preposition))
    return joined


def _is_age(span: Span) -> bool:
    """ "23-year-old", "23 years old": the entity, or it and the word after it."""
    doc = span.doc
    following = doc[span.end : min(span.end + 2, len(doc))].text
    return bool(_AGE.search(span.text) or _AGE.search(f"{span.text} {following}"))


def _governing_preposition(span: Span) -> Token | None:
    root = span.root
    head = root.head
    if head.i < span.start and head.lower_ in PREPOSITIONS and root.dep_ == "pobj":
        return head
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.lower_ in PREPOSITIONS and before.tag_ == "IN":
            return before
    return None


_DAY_WORDS = _words("weekend yesterday today tomorrow tonight")
# Every rule of _matcher needs one of these words (a superset): the matcher runs
# only on windows of _MATCH_REACH tokens around them, which is several times
# faster than running it on every token, with the same matches.
_MATCHER_ANCHOR = re.compile(
    r"(?i)\b(?:"
    + _ALTERNATION([*_MONTHS, *_WEEKDAYS, *_UNITS, *_PLURAL_UNITS, *_DAY_WORDS])
    + r")\b|\b\d{4}(?:['’]?s)?\b"
)
_MATCH_REACH = 6  # tokens: the longest rule has six


def _matcher_windows(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges (merged, in order) holding every possible match of :func:`_matcher`."""
    windows: list[list[int]] = []
    for found in _MATCHER_ANCHOR.finditer(text):
        anchor = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if anchor is None:
            continue
        low, high = max(0, anchor.start - _MATCH_REACH), min(len(doc), anchor.end + _MATCH_REACH)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return [(low, high) for low, high in windows]


_OTHER_ENTITIES = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"]
_DAY_NUMBER = {"TEXT": {"REGEX": r"^\d{1,2}(?:st|nd|rd|th)?$"}}
_YEAR = {"TEXT": {"REGEX": r"^(?:1\d|20)\d\d$"}}


@lru_cache(maxsize=4)
def _matcher(vocab) -> Matcher:
    """Rules for forms the small English model often leaves out of its DATE entities."""
    months = [month.capitalize() for month in _MONTHS if month not in {"may", "march", "mar"}]
    months += [month + "." for month in months if len(month) <= 4]
    ambiguous_months = ["May", "March", "Mar."]
    month = {"TEXT": {"IN": months}, "ENT_TYPE": {"NOT_IN": _OTHER_ENTITIES}}
    any_month = {
        "TEXT": {"IN": [*months, *ambiguous_months]},
        "TAG": {"NOT_IN": ["MD"]},
        "ENT_TYPE": {"NOT_IN": _OTHER_ENTITIES},
    }
    weekday = {"TEXT": {"IN": [day.capitalize() for day in _WEEKDAYS]}}
    deictic = {"LOWER": {"IN": ["last", "this", "next", "past", "previous", "coming"]}}
    narrowing = {"LOWER": {"IN": ["earlier", "later", "early", "late", "mid"]}, "OP": "?"}
    count = {"LIKE_NUM": True}
    matcher = Matcher(vocab)
    matcher.add(
        "DATE",
        [
            # "last Tuesday", "Tuesday morning", "this Friday night"
            [{**deictic, "OP": "?"}, weekday, {"LOWER": {"IN": _PARTS_OF_DAY}, "OP": "?"}],
            # "this month", "earlier this year", "late last year", "last weekend"
            [narrowing, deictic, {"LOWER": {"IN": [*_UNITS, "weekend"]}}],
            # "the past two months", "the last few days", "past month"
            [
                {"LOWER": "the", "OP": "?"},
                {"LOWER": {"IN": ["past", "last", "previous"]}},
                {"LOWER": {"IN": ["few", "several", "couple"]}, "OP": "?"},
                {"LOWER": "of", "OP": "?"},
                {**count, "OP": "?"},
                {"LOWER": {"IN": _UNITS + _PLURAL_UNITS}},
            ],
            # "recent weeks"
            [{"LOWER": "recent"}, {"LOWER": {"IN": _PLURAL_UNITS}}],
            # "two years ago", "a month ago"
            [{"LOWER": {"IN": ["a", "an"]}}, {"LOWER": {"IN": _UNITS}}, {"LOWER": "ago"}],
            [count, {"LOWER": {"IN": _UNITS + _PLURAL_UNITS}}, {"LOWER": "ago"}],
            # "the 1990s", "the early 2000s"
            [
                {"LOWER": "the", "OP": "?"},
                {"LOWER": {"IN": ["early", "mid", "late"]}, "OP": "?"},
                {"TEXT": {"REGEX": r"^(?:1\d\d0|20\d0)['’]?s$"}},
            ],
            # "September", "early September", "September 6", "Sept. 6, 2021", "May 2020"
            [narrowing, month],
            [any_month, _DAY_NUMBER],
            [any_month, _DAY_NUMBER, {"TEXT": ","}, _YEAR],
            [any_month, _YEAR],
            [_DAY_NUMBER, any_month],
            [_DAY_NUMBER, any_month, _YEAR],
            # "in 1998", "since 2019" (a bare year only after a preposition)
            [{"LOWER": {"IN": ["in", "since", "during", "until", "before", "after"]}}, _YEAR],
            [{"LOWER": {"IN": ["yesterday", "today", "tomorrow", "tonight"]}}],
        ],
    )
    return matcher

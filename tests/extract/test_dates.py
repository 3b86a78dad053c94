"""Temporal expressions: resolving them to intervals, and finding them in sentences.

The sentences are written for these tests. Most rows resolve against a report
published on Thursday 2022-01-20.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from dossier.extract.dates import DateMention, _parser, find_dates, resolve_date
from dossier.model.event import DateValue

PUB = "2022-01-20"
NO_INTERVAL = object()  # the text is kept, with no interval: DateValue(text, None, None)

RESOLVED = [
    # days
    ("last Tuesday", PUB, "2022-01-18", "2022-01-18"),
    ("yesterday", PUB, "2022-01-19", "2022-01-19"),
    ("today", PUB, "2022-01-20", "2022-01-20"),
    ("on Wednesday", PUB, "2022-01-19", "2022-01-19"),
    ("Wednesday", PUB, "2022-01-19", "2022-01-19"),
    ("on Thursday", PUB, "2022-01-20", "2022-01-20"),  # the publication day itself
    ("Friday", PUB, "2022-01-14", "2022-01-14"),
    ("Tuesday morning", PUB, "2022-01-18", "2022-01-18"),
    ("Tuesday's", PUB, "2022-01-18", "2022-01-18"),
    ("last night", PUB, "2022-01-19", "2022-01-19"),
    ("this morning", PUB, "2022-01-20", "2022-01-20"),
    ("on September 6", PUB, "2021-09-06", "2021-09-06"),
    ("August 15", PUB, "2021-08-15", "2021-08-15"),
    ("Jan. 18", PUB, "2022-01-18", "2022-01-18"),
    ("Jan. 21", PUB, "2021-01-21", "2021-01-21"),  # not after publication
    ("Dec. 19, 2021", PUB, "2021-12-19", "2021-12-19"),
    ("on 6 September 2021", PUB, "2021-09-06", "2021-09-06"),
    ("2021-12-19", PUB, "2021-12-19", "2021-12-19"),
    ("on the evening of Jan. 5", PUB, "2022-01-05", "2022-01-05"),
    # weeks, as their days
    ("last week", PUB, "2022-01-10", "2022-01-16"),
    ("this week", PUB, "2022-01-17", "2022-01-23"),
    ("over the weekend", PUB, "2022-01-15", "2022-01-16"),
    # months
    ("this month", PUB, "2022-01", "2022-01"),
    ("last month", PUB, "2021-12", "2021-12"),
    ("in August", PUB, "2021-08", "2021-08"),
    ("early March", PUB, "2021-03", "2021-03"),
    ("in August 2021", PUB, "2021-08", "2021-08"),
    ("February 2020", PUB, "2020-02", "2020-02"),
    # years and decades
    ("this year", PUB, "2022", "2022"),
    ("earlier this year", PUB, "2022", "2022"),
    ("last year", PUB, "2021", "2021"),
    ("the end of last year", PUB, "2021", "2021"),
    ("two years ago", PUB, "2020", "2020"),
    ("in 1998", PUB, "1998", "1998"),
    ("mid-2021", PUB, "2021", "2021"),
    ("the summer of 2021", PUB, "2021", "2021"),
    ("the 1990s", PUB, "1990", "1999"),
    ("in the early 2000s", PUB, "2000", "2009"),
    # look-backs to the publication date
    ("in the past two months", PUB, "2021-11", "2022-01"),
    ("over the past month", PUB, "2021-12", "2022-01"),
    ("in the past two weeks", PUB, "2022-01-06", "2022-01-20"),
    ("in recent weeks", PUB, "2021-12-30", "2022-01-20"),
    ("over the last few days", PUB, "2022-01-17", "2022-01-20"),
    ("the past 24 hours", PUB, "2022-01-19", "2022-01-20"),
    ("for the past two years", PUB, "2020", "2022"),
    # since: from the start of the period to the publication day
    ("since September", PUB, "2021-09", "2022-01-20"),
    ("since 2019", PUB, "2019", "2022-01-20"),
    ("since last week", PUB, "2022-01-10", "2022-01-20"),
    # ranges
    ("from 2019 to 2021", PUB, "2019", "2021"),
    ("between 2019 and 2021", PUB, "2019", "2021"),
    ("2019-21", PUB, "2019", "2021"),
    ("from 1996 until 2001", PUB, "1996", "2001"),
    ("Sept. 6-8, 2021", PUB, "2021-09-06", "2021-09-08"),
    # no publication date: absolute expressions are still placed ...
    ("in August 2021", None, "2021-08", "2021-08"),
    ("Dec. 19, 2021", None, "2021-12-19", "2021-12-19"),
    ("1998", None, "1998", "1998"),
    ("the 1990s", None, "1990", "1999"),
    ("between 2019 and 2021", None, "2019", "2021"),
    ("since 2019", None, "2019", None),
    # ... relative ones keep their text only
    ("last Tuesday", None, NO_INTERVAL, None),
    ("this month", None, NO_INTERVAL, None),
    ("since September", None, NO_INTERVAL, None),
    ("September 6", None, NO_INTERVAL, None),
    ("in August", None, NO_INTERVAL, None),
    ("yesterday", None, NO_INTERVAL, None),
    ("in the past two months", None, NO_INTERVAL, None),
    ("two years ago", None, NO_INTERVAL, None),
    # time expressions that cannot be placed
    ("two years", PUB, NO_INTERVAL, None),
    ("for two years", PUB, NO_INTERVAL, None),
    ("in two weeks", PUB, NO_INTERVAL, None),
    ("decades", PUB, NO_INTERVAL, None),
    ("before 2019", PUB, NO_INTERVAL, None),
    ("by September", PUB, NO_INTERVAL, None),
    ("from May", PUB, NO_INTERVAL, None),
    ("the following day", PUB, NO_INTERVAL, None),
    ("last summer", PUB, NO_INTERVAL, None),
    # not time expressions at all
    ("now", PUB, None, None),
    ("recently", PUB, None, None),
    ("currently", PUB, None, None),
    ("soon", PUB, None, None),
    ("60", PUB, None, None),
    ("two", PUB, None, None),
    ("the capital", PUB, None, None),
    ("23-year-old", PUB, None, None),
    ("", PUB, None, None),
]


@pytest.mark.parametrize(("text", "published", "start", "end"), RESOLVED)
def test_resolve_date(text: str, published: str | None, start, end) -> None:
    value = resolve_date(text, published)
    if start is None:
        assert value is None
    elif start is NO_INTERVAL:
        assert value == DateValue(text, None, None)
    else:
        assert value == DateValue(text, start, end)


def test_resolve_date_keeps_the_text_verbatim() -> None:
    value = resolve_date("  on  September 6, ", PUB)
    assert value is not None
    assert value.text == "  on  September 6, "
    assert (value.start, value.end) == ("2021-09-06", "2021-09-06")


def test_resolve_date_depends_on_the_publication_date() -> None:
    assert resolve_date("last month", "2022-08-10") == DateValue("last month", "2022-07", "2022-07")
    assert resolve_date("in August", "2022-08-10") == DateValue("in August", "2022-08", "2022-08")
    assert resolve_date("August 15", "2022-08-10") == DateValue(
        "August 15", "2021-08-15", "2021-08-15"
    )


def test_resolve_date_rejects_a_bad_publication_date() -> None:
    with pytest.raises(ValueError):
        resolve_date("last Tuesday", "20/01/2022")


def test_resolve_date_is_cached_and_the_parser_built_once() -> None:
    resolve_date("last Tuesday", "2019-05-05")
    hits = resolve_date.cache_info().hits
    assert resolve_date("last Tuesday", "2019-05-05") is resolve_date("last Tuesday", "2019-05-05")
    assert resolve_date.cache_info().hits == hits + 2
    assert _parser(date(2019, 5, 5)) is _parser(date(2019, 5, 5))


@pytest.fixture(scope="module")
def nlp(english):
    """The English pipeline alone: these rules read the parse only."""
    return english


# Each row: a sentence, then its mentions as (text, preposition, head token's text).
FOUND = [
    ("The envoy met the rebels in the capital last Tuesday.", [("last Tuesday", None, "Tuesday")]),
    ("They lost the town on September 6.", [("September 6", "on", "on")]),
    ("Talks have continued since September.", [("September", "since", "since")]),
    ("Prices have doubled in the past two months.", [("the past two months", "in", "in")]),
    ("Fighting has intensified in recent weeks.", [("recent weeks", "in", "in")]),
    ("The group was founded in the 1990s.", [("the 1990s", "in", "in")]),
    ("The ministry said this month that it would act.", [("this month", None, "month")]),
    (
        "He has lived in exile since 2019 and fought for two years.",
        [("2019", "since", "since"), ("two years", "for", "for")],
    ),
    (
        "The militia seized the airport Tuesday morning, two years ago.",
        [("Tuesday morning", None, "morning"), ("two years ago", None, "ago")],
    ),
    (
        "Earlier this year the council voted; in August 2021 it had refused.",
        [("Earlier this year", None, "year"), ("August 2021", "in", "in")],
    ),
    (
        "The 23-year-old soldier was killed on Dec. 19, 2021.",
        [("Dec. 19, 2021", "on", "on")],
    ),
    ("The 30-year-old commander, who is 45 years old, joined in 2004.", [("2004", "in", "in")]),
    ("She was born in 1998, and he was 60.", [("1998", "in", "in")]),
    ("The army is now in control and will soon withdraw.", []),
    (
        "Between 2019 and 2021 the rebels held the valley.",
        [("2019 and 2021", "between", "Between")],
    ),
    ("He served as governor from 1996 until 2001.", [("1996 until 2001", "from", "from")]),
    (
        "Attacks were reported last week, yesterday and on Wednesday.",
        [("last week", None, "week"), ("yesterday", None, "yesterday"), ("Wednesday", "on", "on")],
    ),
    (
        "The ceasefire collapsed on the evening of Jan. 5.",
        [("the evening of Jan. 5", "on", "on")],
    ),
    ("Last Tuesday's raid left twelve dead.", [("Last Tuesday", None, "Tuesday")]),
    ("Mary May said she may return in May.", [("May", "in", "in")]),
]


@pytest.mark.parametrize(("sentence", "expected"), FOUND)
def test_find_dates(nlp, sentence: str, expected: list[tuple[str, str | None, str]]) -> None:
    doc = nlp(sentence)
    mentions = find_dates(doc)
    assert [(m.text, m.preposition, doc[m.head].text) for m in mentions] == expected
    for mention in mentions:
        assert isinstance(mention, DateMention)
        assert doc.text[mention.start : mention.end] == mention.text


def test_found_mentions_resolve(nlp) -> None:
    doc = nlp("Talks have continued since September, after the envoy left last Tuesday.")
    values = [resolve_date(m.phrase, PUB) for m in find_dates(doc)]
    assert values == [
        DateValue("since September", "2021-09", "2022-01-20"),
        DateValue("last Tuesday", "2022-01-18", "2022-01-18"),
    ]


def test_rules_run_only_near_their_words_with_the_same_matches(nlp) -> None:
    """The date rules run on windows around the words they need; nothing is lost."""
    from dossier.extract.dates import _matcher, _matcher_windows

    text = " ".join(
        [sentence for sentence, _ in FOUND]
        + [
            "Nothing happened here at all, and the long sentence goes on without a single "
            "word of time in it so that the windows have a gap to leave out.",
            "Over the past few days, the last couple of weeks and a month ago, the 2000s.",
        ]
    )
    doc = nlp(text)
    windows = _matcher_windows(doc, text)
    assert windows == sorted(windows)
    assert all(high < low for (_, high), (low, _) in pairwise(windows))
    assert sum(high - low for low, high in windows) < len(doc)
    matcher = _matcher(nlp.vocab)
    in_windows = {
        (low + start, low + end)
        for low, high in windows
        for _, start, end in matcher(doc[low:high])
    }
    assert in_windows == {(start, end) for _, start, end in matcher(doc)}
    assert len(in_windows) > 20

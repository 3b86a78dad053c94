"""Reading JSON lines, and validating dates."""

from __future__ import annotations

import io
import json

import pytest

from dossier.errors import Errors, InputError
from dossier.ingest.dates import parse_iso_date
from dossier.ingest.jsonl import iter_jsonl
from dossier.ingest.report import Problem, RawReport


def _lines(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, str) else json.dumps(r)).encode("utf-8") + b"\n" for r in records
    )


def test_good_lines_become_reports():
    data = _lines(
        {
            "text": "Talks resumed.\r\nOfficials agreed.",
            "title": "Talks",
            "url": "https://example.org/t",
            "outlet": "Example Wire",
            "published": "2024-03-05T10:00:00Z",
            "path": "archive/2024/talks.txt",
            "extra": [1, 2],
        },
        "",
        {"text": "Second report.", "title": None, "published": ""},
    )
    items = list(iter_jsonl(io.BytesIO(data), "feed.jsonl"))
    assert [type(item) for item in items] == [RawReport, RawReport]
    first, second = items
    assert first.text == "Talks resumed.\nOfficials agreed."
    assert first.origin == "feed.jsonl:1"
    assert (first.title, first.url, first.outlet) == (
        "Talks",
        "https://example.org/t",
        "Example Wire",
    )
    assert first.published == "2024-03-05"
    assert first.path == "talks.txt"
    assert second.origin == "feed.jsonl:3"  # the blank line 2 still counts
    assert (second.title, second.published, second.path) == (None, None, None)


def test_bad_lines_are_problems_and_the_stream_goes_on():
    data = _lines(
        {"text": "Good one."},
        "{not json",
        {"title": "no text"},
        {"text": ""},
        ["text", "in a list"],
        {"text": "Bad date.", "published": "5 March 2024"},
        {"text": "Bad title.", "title": 12},
        {"text": "   \n "},
        {"text": "Good two."},
    )
    items = list(iter_jsonl(io.BytesIO(data), "feed.jsonl"))
    assert isinstance(items[0], RawReport) and isinstance(items[-1], RawReport)
    assert items[-1].origin == "feed.jsonl:9"
    problems = items[1:-1]
    assert all(isinstance(p, Problem) for p in problems)
    codes = [p.error.code for p in problems]
    assert codes == [Errors.E005, Errors.E006, Errors.E006, Errors.E006, Errors.E009,
                     Errors.E007, Errors.E011]  # fmt: skip
    for line, problem in zip(range(2, 9), problems, strict=True):
        assert problem.error.where == f"feed.jsonl:{line}"
        assert problem.message.startswith(f"feed.jsonl:{line}: [")
    assert "'5 March 2024' is not a date" in problems[4].message
    assert "field 'title' must be a string" in problems[5].message


def test_line_that_is_not_utf8_is_e005():
    data = _lines({"text": "ok"}) + b'{"text": "caf\xe9"}\n'
    problem = list(iter_jsonl(io.BytesIO(data), "f.jsonl"))[1]
    assert problem.error.code is Errors.E005
    assert "not UTF-8" in problem.message and problem.error.where == "f.jsonl:2"


def test_lone_surrogate_is_e007():
    items = list(iter_jsonl([r'{"text": "bad \ud800 text"}'], "f.jsonl"))
    assert items[0].error.code is Errors.E007


def test_text_lines_and_bom_are_accepted():
    lines = ['\ufeff{"text": "First."}\n', '{"text": "Second."}\n']
    items = list(iter_jsonl(lines, "<stdin>"))
    assert [item.text for item in items] == ["First.", "Second."]
    assert items[1].origin == "<stdin>:2"


def test_reading_is_lazy():
    def lines():
        yield '{"text": "One."}'
        raise AssertionError("read too far")

    assert next(iter_jsonl(lines(), "f.jsonl")).text == "One."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        (" 2024-03-05 ", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05 10:00", "2024-03-05"),
        ("2024-03-05T10:00:00.123456+00:00", "2024-03-05"),
    ],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value, "x") == expected


@pytest.mark.parametrize(
    "value", ["", "yesterday", "05/03/2024", "2024-02-30", "2024-3-5", "20240305", "2024-03-05X"]
)
def test_parse_iso_date_rejects(value):
    with pytest.raises(InputError) as caught:
        parse_iso_date(value, "--published")
    assert caught.value.code is Errors.E009
    assert str(caught.value).startswith("--published: [E009]")


def test_parse_iso_date_shortens_long_values():
    with pytest.raises(InputError) as caught:
        parse_iso_date("x" * 500)
    assert len(str(caught.value)) < 120

"""The stream of reports from files, folders and standard input."""

from __future__ import annotations

import io
import os
import sys

import pytest

from dossier.errors import Errors
from dossier.ingest import Metadata, Problem, RawReport, iter_reports
from dossier.ingest.sources import source_credit

PAGE = """<!DOCTYPE html><html><head><title>Talks | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Talks to resume">
<meta name="date" content="2024-03-05">
</head><body><article>
<p>The minister said on Tuesday that the talks would resume next week in Geneva.</p>
<p>Several delegations are expected to attend the meeting, officials said.</p>
</article></body></html>"""


def _reports(items: list[RawReport | Problem]) -> list[RawReport]:
    return [item for item in items if isinstance(item, RawReport)]


def _problems(items: list[RawReport | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def test_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"Ankara, Monday.\r\nThe minister spoke.\r\n")
    [report] = iter_reports([str(path)])
    assert report.text == path.read_text(encoding="utf-8")
    assert report.origin == str(path)
    assert report.path == "report.txt"
    assert report.notes == []
    assert (report.title, report.outlet, report.published) == (None, None, None)


def test_cp1252_file_carries_its_note(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("The café’s owner “declined” to comment.".encode("cp1252"))
    [report] = iter_reports([str(path)])
    assert report.text == "The café’s owner “declined” to comment."
    assert report.notes == ["not UTF-8; decoded as cp1252"]


def test_missing_path_is_e001_and_others_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed.", encoding="utf-8")
    missing = str(tmp_path / "nope.txt")
    items = list(iter_reports([missing, str(good)]))
    assert isinstance(items[0], Problem)
    assert items[0].error.code is Errors.E001
    assert items[0].error.where == missing
    assert items[0].message.startswith(f"{missing}: [E001]")
    assert items[1].text == "Talks resumed."


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", Errors.E002), (b"\n \n", Errors.E002), (b"PK\x03\x04\x00\x00", Errors.E003)],
)
def test_empty_and_binary_files(tmp_path, data, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [problem] = iter_reports([str(path)])
    assert problem.error.code is code
    assert problem.error.where == str(path)


def _corpus(root):
    (root / "b").mkdir(parents=True)
    (root / "b" / "deep").mkdir()
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("Report A.", encoding="utf-8")
    (root / "b" / "c.md").write_text("Report C.", encoding="utf-8")
    (root / "b" / "deep" / "d.TXT").write_text("Report D.", encoding="utf-8")
    (root / "b" / "empty.txt").write_bytes(b"")
    (root / "b" / "z.html").write_text(PAGE, encoding="utf-8")
    (root / "e.jsonl").write_text('{"text": "Report E1."}\n{"text": "Report E2."}\n', "utf-8")
    (root / ".secret.txt").write_text("Hidden file.", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("Hidden folder.", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    (root / "image.png").write_bytes(b"\x89PNG\x00")
    (root / "README").write_text("No extension.", encoding="utf-8")


def test_folder_recursion_is_sorted_and_skips_hidden_and_other_files(tmp_path):
    root = tmp_path / "corpus"
    _corpus(root)
    items = list(iter_reports([str(root)]))
    origins = [item.origin if isinstance(item, RawReport) else item.error.where for item in items]
    base = str(root)
    assert origins == [
        os.path.join(base, "a.txt"),
        os.path.join(base, "b", "c.md"),
        os.path.join(base, "b", "deep", "d.TXT"),
        os.path.join(base, "b", "empty.txt"),
        os.path.join(base, "b", "z.html"),
        os.path.join(base, "e.jsonl") + ":1",
        os.path.join(base, "e.jsonl") + ":2",
    ]
    [problem] = _problems(items)
    assert problem.error.code is Errors.E002
    texts = [report.text for report in _reports(items)]
    assert texts[:3] == ["Report A.", "Report C.", "Report D."]
    assert texts[-2:] == ["Report E1.", "Report E2."]
    assert all("Hidden" not in text for text in texts)
    assert [report.path for report in _reports(items)][:3] == ["a.txt", "c.md", "d.TXT"]


def test_folder_is_streamed(tmp_path):
    root = tmp_path / "corpus"
    _corpus(root)
    stream = iter_reports([str(root)])
    first = next(stream)
    (root / "b" / "c.md").write_text("Changed after the first report.", encoding="utf-8")
    assert first.text == "Report A."
    assert next(stream).text == "Changed after the first report."


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loop_is_read_once(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Report A.", encoding="utf-8")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "gone.txt")
    assert [item.text for item in iter_reports([str(root)])] == ["Report A."]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permissions do not bind root"
)
def test_unreadable_file_is_e010(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    try:
        [problem] = iter_reports([str(path)])
    finally:
        path.chmod(0o644)
    assert problem.error.code is Errors.E010
    assert "cannot read the file" in problem.message


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_device_is_e010():
    [problem] = iter_reports(["/dev/null"])
    assert problem.error.code is Errors.E010
    assert problem.message == "/dev/null: [E010] cannot read the file: not a regular file"


def test_jsonl_file_with_bad_lines(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_bytes(
        b'{"text": "One."}\n{"text": 1}\n\n{"text": "Two.", "published": "soon"}\n'
        b'{"text": "Three.", "outlet": "Example Wire"}\n'
    )
    items = list(iter_reports([str(path)], Metadata(outlet="User Outlet")))
    assert [type(item).__name__ for item in items] == [
        "RawReport", "Problem", "Problem", "RawReport",
    ]  # fmt: skip
    assert items[1].message.startswith(f"{path}:2: [E006]")
    assert items[2].message.startswith(f"{path}:4: [E009]")
    assert items[0].outlet == "User Outlet"
    assert items[3].outlet == "Example Wire"
    assert items[3].origin == f"{path}:5"
    assert items[3].path is None


def test_empty_and_binary_jsonl_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b'{"text": "x"}\x00\x00\n')
    items = list(iter_reports([str(empty), str(binary)]))
    assert [item.error.code for item in items] == [Errors.E002, Errors.E003]


def test_html_file(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    [report] = iter_reports([str(path)])
    assert report.title == "Talks to resume"
    assert report.outlet == "Example News"
    assert report.published == "2024-03-05"
    assert report.text.startswith("The minister said")
    assert report.notes == []


def test_html_without_main_text_is_e008(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>T</title></head><body></body></html>", "utf-8")
    [problem] = iter_reports([str(path)])
    assert problem.error.code is Errors.E008


def test_txt_file_holding_html_is_sniffed(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    [report] = iter_reports([str(path)])
    assert report.outlet == "Example News"
    assert "<p>" not in report.text
    assert report.notes == ["read as HTML: the text is the page's extracted main text"]


def test_stdin_text_bytes():
    data = b"Ankara, Monday.\r\nThe minister spoke.\nSource: Example Wire\n"
    [report] = iter_reports(["-"], stdin=io.BytesIO(data))
    assert report.text == "Ankara, Monday.\nThe minister spoke.\nSource: Example Wire\n"
    assert report.origin == "<stdin>"
    assert report.path is None
    assert report.outlet == "Example Wire"


def test_stdin_text_handle_and_cp1252():
    [report] = iter_reports(["-"], stdin=io.StringIO("\n\nA plain report.\n"))
    assert report.text == "\n\nA plain report.\n"
    [legacy] = iter_reports(["-"], stdin=io.BytesIO("Café “talks”.".encode("cp1252")))
    assert legacy.text == "Café “talks”."
    assert legacy.notes == ["not UTF-8; decoded as cp1252"]


def test_stdin_jsonl():
    data = b'\n{"text": "One."}\n{"text": "Two.", "title": "T"}\nnot json\n{"text": "Three."}\n'
    items = list(iter_reports(["-"], stdin=io.BytesIO(data)))
    assert [getattr(item, "text", None) for item in items] == ["One.", "Two.", None, "Three."]
    assert items[0].origin == "<stdin>:2"
    assert items[2].message.startswith("<stdin>:4: [E005]")
    assert items[3].origin == "<stdin>:5"


def test_stdin_jsonl_text_handle():
    items = list(iter_reports(["-"], stdin=io.StringIO('{"text": "One."}\n{"text": "Two."}')))
    assert [item.text for item in items] == ["One.", "Two."]


def test_stdin_html():
    [report] = iter_reports(["-"], stdin=io.BytesIO(PAGE.encode()))
    assert report.outlet == "Example News"
    assert report.origin == "<stdin>"


def test_stdin_empty_is_e002():
    [problem] = iter_reports(["-"], stdin=io.BytesIO(b""))
    assert problem.error.code is Errors.E002
    assert problem.error.where == "<stdin>"


def test_user_metadata_fills_gaps_only(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("Talks resumed.", encoding="utf-8")
    credited = tmp_path / "credited.txt"
    credited.write_text("Talks resumed.\n\nSource: Example Wire.\n\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    user = Metadata(title="User Title", outlet="User Outlet", published="2023-01-02T08:00:00Z")
    items = list(iter_reports([str(plain), str(credited), str(page)], user))
    assert [(r.title, r.outlet, r.published) for r in items] == [
        ("User Title", "User Outlet", "2023-01-02"),
        ("User Title", "Example Wire", "2023-01-02"),
        ("Talks to resume", "Example News", "2024-03-05"),
    ]


def test_invalid_user_date_is_one_problem(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks.", encoding="utf-8")
    [problem] = iter_reports([str(path)], Metadata(published="last week"))
    assert problem.error.code is Errors.E009


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Body.\nSource: TRT World", "TRT World"),
        ("Body.\nSOURCE:  Example Wire. \n\n  \n", "Example Wire"),
        ("Body.\n*Source: Example Wire*", "Example Wire"),
        ("Source: Example Wire", "Example Wire"),
        ("Source: Example Wire\nBody follows.", None),
        ("Body.\nSource:", None),
        ("Body.\nSource: https://example.org/story", None),
        ("Body.\nSource: a senior official who spoke on condition of anonymity said so", None),
        ("Body.\nOpen source: tools", None),
        ("", None),
    ],
)
def test_source_credit(text, outlet):
    assert source_credit(text) == outlet

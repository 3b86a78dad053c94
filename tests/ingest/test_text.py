"""Decoding bytes to report text, and the content hash."""

from __future__ import annotations

import itertools

import pytest

from dossier.errors import Errors, InputError
from dossier.ingest.text import content_hash, decode_bytes, normalise_for_hash


def _code(data: bytes) -> Errors:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "report.txt")
    assert "report.txt" in str(caught.value)
    return caught.value.code


def test_utf8_is_decoded_without_notes():
    text, notes = decode_bytes("Talks in Genève — “soon”.\n".encode(), "r.txt")
    assert text == "Talks in Genève — “soon”.\n"
    assert notes == []


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line\r\nSecond line\r\n")
    text, notes = decode_bytes(path.read_bytes(), str(path))
    assert text == "First line\nSecond line\n"
    assert text == path.read_text(encoding="utf-8-sig")
    assert notes == []


def test_line_ends_match_read_text_offsets(tmp_path):
    body = "Ankara, Monday.\r\nThe minister spoke.\rOfficials agreed.\r\r\nEnd\n\u2028kept\x0c"
    path = tmp_path / "crlf.txt"
    path.write_bytes(body.encode("utf-8"))
    text, _ = decode_bytes(path.read_bytes(), str(path))
    assert text == path.read_text(encoding="utf-8")
    assert text.index("Officials") == path.read_text(encoding="utf-8").index("Officials")
    assert "\r" not in text
    assert "\u2028" in text and "\x0c" in text  # only \r\n and \r are unified


def test_line_ends_agree_with_universal_newlines(tmp_path):
    path = tmp_path / "mix.txt"
    for pieces in itertools.product(["a", "\r", "\n", "\r\n", "é"], repeat=4):
        path.write_bytes(("x" + "".join(pieces)).encode("utf-8"))
        decoded, _ = decode_bytes(path.read_bytes(), "mix.txt")
        assert decoded == path.read_text(encoding="utf-8"), pieces


def test_cp1252_falls_back_with_a_note():
    data = "The café’s owner said “no comment” – twice.".encode("cp1252")
    text, notes = decode_bytes(data, "r.txt")
    assert text == "The café’s owner said “no comment” – twice."
    assert notes == ["not UTF-8; decoded as cp1252"]


def test_latin1_falls_back_with_a_note():
    data = "Müller met Señor García in Zürich.".encode("latin-1")
    text, notes = decode_bytes(data, "r.txt")
    assert text == "Müller met Señor García in Zürich."
    assert len(notes) == 1 and notes[0].startswith("not UTF-8; decoded as ")


def test_declared_html_charset_is_used():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Genève</p></body></html>'
    text, notes = decode_bytes(page.encode("latin-1"), "page.html")
    assert "Genève" in text
    assert notes == ["not UTF-8; decoded as cp1252 (declared by the document)"]


def test_utf16_with_bom_is_text():
    text, notes = decode_bytes("One\r\nTwo".encode("utf-16"), "r.txt")
    assert text == "One\nTwo"
    assert notes == ["not UTF-8; decoded as utf-16 (byte order mark)"]


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_or_blank_is_e002(data):
    assert _code(data) is Errors.E002


@pytest.mark.parametrize(
    "data",
    [
        b"text\x00with a NUL",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(1, 9)) * 50 + b"some letters",
    ],
)
def test_binary_is_e003(data):
    assert _code(data) is Errors.E003


def test_normalise_for_hash():
    assert normalise_for_hash("  Cafe\u0301 \r\n\t talks\u00a0 here  ") == "Café talks here"


def test_content_hash_ignores_line_ends_and_trailing_spaces():
    unix = "Headline\n\nThe minister spoke.\n"
    windows = "Headline  \r\n\r\nThe minister spoke.   \r\n\r\n"
    assert content_hash(unix) == content_hash(windows)
    assert content_hash(unix) != content_hash("Headline The minister spoke again.")
    assert len(content_hash(unix)) == 64


def test_content_hash_of_decoded_copies_is_equal():
    first, _ = decode_bytes(b"Talks resume.\nSource: Example Wire\n", "a.txt")
    second, _ = decode_bytes(b"\xef\xbb\xbfTalks resume. \r\nSource: Example Wire", "b.txt")
    assert content_hash(first) == content_hash(second)

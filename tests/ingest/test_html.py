"""Reading HTML pages (no network: pages are written here)."""

from __future__ import annotations

import socket

import pytest

from dossier.errors import Errors, InputError
from dossier.ingest.html import looks_like_html, read_html

BODY = (
    "<p>The minister said on Tuesday that the talks would resume next week in Geneva,"
    " according to two officials.</p>"
    "<p>Several delegations are expected to attend the meeting, which follows talks"
    " that stalled on 12 January 2019.</p>"
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Talks to resume | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Talks to resume">
<meta property="article:published_time" content="2024-03-05T10:00:00+02:00">
<link rel="canonical" href="https://news.example.org/world/talks-to-resume">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Talks to resume</h1>{BODY}</article>
<footer><p>Copyright Example News</p></footer>
</body></html>"""


def test_page_metadata_and_main_text():
    page = read_html(PAGE, "page.html")
    assert page["title"] == "Talks to resume"
    assert page["outlet"] == "Example News"
    assert page["url"] == "https://news.example.org/world/talks-to-resume"
    assert page["published"] == "2024-03-05"
    assert "talks would resume next week in Geneva" in page["text"]
    assert "Home" not in page["text"]
    assert page["text"] == page["text"].strip()


def test_date_in_the_article_text_is_not_taken_for_publication():
    page = read_html(f"<html><body><article>{BODY}</article></body></html>", "p.html")
    assert page["published"] is None


def test_byline_date_is_found():
    html = f"<html><body><p class='byline'>Published 5 March 2024</p><article>{BODY}</article>"
    assert read_html(html + "</body></html>", "p.html")["published"] == "2024-03-05"


def test_fragment_without_html_element_is_read():
    page = read_html(BODY, "fragment")
    assert page["text"].startswith("The minister said")
    assert page["title"] is None and page["published"] is None


def test_xml_declaration_is_tolerated():
    xhtml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>'
        f"<body>{BODY}</body></html>"
    )
    assert "Geneva" in read_html(xhtml, "page.xhtml")["text"]


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><head><script>var x = 1;</script><style>p {}</style></head><body> </body></html>",
        "",
        "   ",
    ],
)
def test_no_main_text_is_e008(html):
    with pytest.raises(InputError) as caught:
        read_html(html, "empty.html")
    assert caught.value.code is Errors.E008
    assert str(caught.value).startswith("empty.html: [E008]")


def test_a_url_is_never_fetched(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    # htmldate downloads a bare "http..." string: read_html must only parse it.
    page = read_html("https://example.invalid/story", "odd.html")
    assert page["text"] == "https://example.invalid/story"
    assert read_html(PAGE, "page.html")["outlet"] == "Example News"


@pytest.mark.parametrize(
    "text",
    [
        PAGE,
        "<!doctype html><title>x</title>",
        "\ufeff  <html><body>x</body></html>",
        "<div><p>One</p><p>Two</p></div>",
        "Intro line <p>One</p><p>Two</p><p>Three</p>",
    ],
)
def test_looks_like_html(text):
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said talks would resume.\nSource: Example Wire",
        "Engineers discussed the <html> tag and the <p> tag at length.",
        "<Ankara> The minister spoke.",
        "<p>just one tag</p>",
        "",
    ],
)
def test_does_not_look_like_html(text):
    assert not looks_like_html(text)

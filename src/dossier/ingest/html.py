"""Reading saved HTML pages: the main text and the page's metadata.

trafilatura finds the article's main text, title, site name and URL; the
publication date comes from htmldate (which trafilatura calls with the
parameters given here). Nothing is ever fetched: the page is parsed here and
only the parsed tree is handed on, so neither library sees a string it could
take for a URL to download.

Limits, all from the libraries:

* The main text is trafilatura's choice: navigation, footers and comments are
  dropped, but so, sometimes, is a short paragraph it takes for boilerplate.
  Paragraphs are joined with single line ends.
* The title may fall back to the first ``<h1>`` or ``<title>``, which can
  carry the site's name (``"Story | Site"``).
* Without a site-name tag the outlet falls back to the domain of the page's
  canonical URL (``example.org``), when the page names one.
* The date is only looked for in the page's markup (meta tags, ``<time>``,
  bylines, the URL): htmldate's "extensive" search of the free text is off,
  because it readily takes a date the article mentions for the date it was
  published.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from dossier.errors import Errors, InputError

__all__ = ["looks_like_html", "read_html"]

# trafilatura logs an ERROR for every page it cannot read; the problem is
# reported to the user as an InputError instead. A NullHandler keeps Python's
# last-resort handler from printing those records when the application has not
# configured logging; a configured root logger still receives them.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_SNIFF_CHARS = 8192
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]")
_BLOCK_TAG = re.compile(
    r"<(?:p|div|br|article|section|header|footer|main|h[1-6]|ul|ol|li|table|tr|td|span|a)[\s/>]"
)
_CLOSING_BLOCK_TAG = re.compile(r"</(?:p|div)\s*>")


def looks_like_html(text: str) -> bool:
    """Guess whether a text is an HTML page (or a fragment of one).

    Looks at the first 8 KiB only. True when the text starts with a tag and
    holds ``<!doctype html``, ``<html`` or ``<body``, or at least two common
    block tags (``<p>``, ``<div>``, ``<h1>``…); or, wherever it starts, when it
    holds three or more ``</p>`` / ``</div>`` closing tags. A plain-text report
    that merely mentions a tag or two is left as text; a Markdown file made
    mostly of raw HTML blocks is taken for HTML.
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n").lower()
    if len(_CLOSING_BLOCK_TAG.findall(head)) >= 3:
        return True
    if not head.startswith("<"):
        return False
    return bool(_HTML_START.search(head)) or len(_BLOCK_TAG.findall(head)) >= 2


def read_html(raw: str, where: str) -> dict[str, str | None]:
    """Extract a page's main text and metadata.

    Returns a dict with ``text`` (the main text, stripped), ``title``,
    ``outlet`` (the site name), ``url`` (as the page states it: canonical link
    or ``og:url``) and ``published`` (ISO ``YYYY-MM-DD`` or ``None``). A bare
    fragment such as ``"<p>…</p><p>…</p>"`` is read as the body of a page.

    Raises :class:`~dossier.errors.InputError` E008 when no main text can be
    extracted (an empty page, a page of navigation only, or text too short
    for trafilatura to keep).
    """
    tree = _parse(raw)
    document = None
    if tree is not None:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise InputError(Errors.E008, where=where)
    return {
        "text": text,
        "title": _clean(document.title),
        "outlet": _clean(document.sitename),
        "url": _clean(document.url),
        "published": _iso_date(document.date),
    }


def _parse(raw: str) -> lxml.html.HtmlElement | None:
    """Parse a page or fragment into a full ``<html>`` tree; ``None`` if empty.

    lxml refuses a str that carries an XML encoding declaration, which is
    meaningless once the text is decoded, so the declaration is dropped.
    """
    source = _XML_DECLARATION.sub("", raw, count=1)
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
    )
    try:
        return lxml.html.document_fromstring(source, parser=parser)
    except (ParserError, ValueError):
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _iso_date(value: str | None) -> str | None:
    if value and _ISO_DATE.fullmatch(value):
        return value
    return None

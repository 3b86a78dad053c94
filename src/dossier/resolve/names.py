"""Name forms: how names are cleaned, compared and split into parts.

Limits: written for names in Latin script as English-language news prints
them. Transliteration variants (Muttaqi/Mutaqqi) are not unified here; that
is cross-report resolution's job.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

POSSESSIVE = re.compile(r"['\u2019]s?$")
LEADING_ARTICLE = re.compile(r"^(the|The|THE)\s+")
# Words that join name parts and are not parts of their own ("bin", "al-" are parts).
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "prime",
        "minister",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "sheikh",
        "ayatollah",
        "mullah",
        "maulvi",
        "mawlawi",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sultan",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "judge",
        "justice",
        "commander",
        "marshal",
        "admiral",
        "pope",
        "imam",
    }
)


def unify_quotes(text: str) -> str:
    """Curly quotes and apostrophes to straight ones (same length)."""
    return text.translate(QUOTES)


def strip_diacritics(text: str) -> str:
    """Decompose (NFKD) and drop the combining marks."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_latin(text: str) -> bool:
    """Whether every letter of the text is a Latin letter (accents allowed)."""
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in text)


_POSSESSIVE_S = re.compile(r"'s\b")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """The form in which names are compared and hashed.

    Casefolded, no diacritics, quotes unified, possessive dropped, only letters,
    digits and single spaces, no leading "the". "The Taliban's" and "Taliban"
    are one form; so are "Türkiye" and "Turkiye".

    A pure function of ``name``, called for the same few names over and over
    (lexicon look-ups, mention classes): results are cached (65,536 names).
    """
    text = strip_diacritics(unify_quotes(name)).casefold()
    text = _POSSESSIVE_S.sub("", text)
    text = "".join(
        char if char.isalnum() else " " if char in "-/" else (char if char.isspace() else "")
        for char in text
    )
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


def name_parts(name: str) -> list[str]:
    """The normalised words of a name, honorifics left out."""
    return [part for part in normalise_name(name).split() if part not in HONORIFICS]


def display_form(text: str) -> str:
    """A mention's text as a name: no leading article, no possessive, single spaces."""
    text = " ".join(text.split())
    text = LEADING_ARTICLE.sub("", text)
    return POSSESSIVE.sub("", text).strip(" ,;:-")


def is_acronym(text: str) -> bool:
    """Two to eight capitals (dots allowed, one lower-case letter inside allowed: "MoD")."""
    letters = text.replace(".", "")
    if not 2 <= len(letters) <= 8 or not letters.isalpha():
        return False
    upper = sum(1 for char in letters if char.isupper())
    return upper == len(letters) or (
        upper >= 2 and upper >= len(letters) - 1 and letters[0].isupper()
    )

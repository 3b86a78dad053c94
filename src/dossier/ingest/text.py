"""Turning bytes into report text, and the text's content hash.

The decoded text is what every stored character offset points into, so the
rules here are deliberately few and exact:

* UTF-8 is tried first; a leading UTF-8 byte order mark is dropped.
* Otherwise an encoding the document declares (``<meta charset>`` or an XML
  declaration) is tried, then charset_normalizer's guess. Either fallback adds a
  note such as ``"not UTF-8; decoded as cp1252"`` for the report's ``notes``.
* Line ends ``"\\r\\n"`` and ``"\\r"`` become ``"\\n"``, exactly as Python's
  universal newlines read them; nothing else is touched (no stripping, no
  Unicode normalisation). For a UTF-8 file without a byte order mark the text
  is therefore identical to ``Path.read_text(encoding="utf-8")``; with a byte
  order mark it is identical to ``Path.read_text(encoding="utf-8-sig")`` (one
  character shorter than the ``"utf-8"`` reading, which keeps the mark).

Limits: encoding detection of short non-UTF-8 texts is a guess. It is biased
towards Windows-1252 (Western European), the likeliest legacy encoding of
English-language news; a short text in, say, Turkish Windows-1254 may come out
with a few wrong letters. The note says which encoding was used.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from charset_normalizer import from_bytes

from dossier.errors import Errors, InputError

__all__ = ["content_hash", "decode_bytes", "normalise_for_hash", "unify_newlines"]

_SNIFF_SIZE = 8192
_UTF8_BOM = codecs.BOM_UTF8
# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that do not occur in text (tab, line feed, vertical tab, form
# feed, carriage return and escape do).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_MAX_CONTROL_SHARE = 0.05
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# As browsers do (WHATWG Encoding): these labels mean Windows-1252.
_WINDOWS_1252_LABELS = frozenset({"latin_1", "iso8859-1", "ascii"})
_PREFERRED_GUESS = "cp1252"
_CHAOS_TOLERANCE = 0.01


def unify_newlines(text: str) -> str:
    """Turn ``"\\r\\n"`` and lone ``"\\r"`` into ``"\\n"``, as universal newlines do."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode a report's bytes to text with unified line ends.

    Returns the text and a list of notes (empty for UTF-8). ``where`` names the
    input in error messages.

    Raises :class:`~dossier.errors.InputError`:

    * E002 when the data is empty or holds only whitespace;
    * E003 when it looks binary: a NUL byte or more than 5 % control bytes in
      the first 8 KiB (UTF-16 and UTF-32 text with a byte order mark is decoded,
      not rejected, although it holds NUL bytes);
    * E004 when it is not UTF-8 and no other encoding decodes it.
    """
    if not data.strip():
        raise InputError(Errors.E002, where=where)
    text, notes = _decode_with_bom(data)
    if text is None:
        if _looks_binary(data[:_SNIFF_SIZE]):
            raise InputError(Errors.E003, where=where)
        text, notes = _decode_without_bom(data)
        if text is None:
            raise InputError(Errors.E004, where=where)
    text = unify_newlines(text)
    if not text.strip():
        raise InputError(Errors.E002, where=where)
    return text, notes


def _decode_with_bom(data: bytes) -> tuple[str | None, list[str]]:
    """Decode UTF-16/UTF-32 text that starts with a byte order mark."""
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)  # the codec reads and drops the mark
            except UnicodeDecodeError:
                return None, []
            return text, [f"not UTF-8; decoded as {encoding} (byte order mark)"]
    return None, []


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _decode_without_bom(data: bytes) -> tuple[str | None, list[str]]:
    """UTF-8, else the declared encoding, else charset_normalizer's best guess."""
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data[:_SNIFF_SIZE])
    if declared is not None:
        text = _try_decode(data, declared)
        if text is not None:
            return text, [f"not UTF-8; decoded as {declared} (declared by the document)"]
    guessed = _guess(data)
    if guessed is None:
        return None, []
    encoding, text = guessed
    return text, [f"not UTF-8; decoded as {encoding}"]


def _declared_encoding(head: bytes) -> str | None:
    """The encoding a ``<meta charset>`` or ``<?xml encoding?>`` names, if Python knows it."""
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name == "utf-8":  # already tried and failed: the declaration is wrong
        return None
    return _PREFERRED_GUESS if name in _WINDOWS_1252_LABELS else name


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's best guess, preferring Windows-1252 on a tie.

    For short English texts charset_normalizer often rates several single-byte
    code pages as equally plausible and picks, say, cp1250, cp857 or cp1006;
    where Windows-1252 is rated as plausible as the best guess (alone or as an
    equivalent reading of a candidate), it is chosen instead.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    if any(
        _PREFERRED_GUESS in match.could_be_from_charset
        and match.chaos <= best.chaos + _CHAOS_TOLERANCE
        for match in matches
    ):
        text = _try_decode(data, _PREFERRED_GUESS)
        if text is not None:
            return _PREFERRED_GUESS, text
    text = _try_decode(data, best.encoding)
    if text is None:
        return None
    return best.encoding, text


def normalise_for_hash(text: str) -> str:
    """The form of a text that its content hash is taken of.

    NFC-normalised, every run of whitespace (including line ends and no-break
    spaces) collapsed to one space, and stripped. Two copies of a report that
    differ only in line ends, indentation, trailing spaces or Unicode
    composition have the same form.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """The document identity: SHA-256 (hex) of :func:`normalise_for_hash` in UTF-8."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()

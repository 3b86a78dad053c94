"""Cross-report entity matching: are two entities, named by two reports, one actor?

:func:`compare` judges a pair of :class:`Candidate` entities SAME (safe to
merge automatically), UNSURE (plausible, for a person or a later rule to
decide) or DIFFERENT, with a score in [0, 1] and a short reason.

How names are prepared (:func:`name_form`, cached):

* lower case, diacritics stripped, quotes and dashes unified, possessive
  "'s", dots and apostrophes dropped, hyphenated words split;
* a leading "the" dropped; the Arabic article ("al", "el", and hyphenated
  "ash-", "ul-", ...) dropped ("al-Qaeda" is "Qaeda"), except as the first,
  unhyphenated word of a person's name ("Al Gore"); a hyphenated Persian
  ezafe ("Mazar-i-Sharif", "Mazar-e-Sharif") written "e";
* for persons, titles dropped from the start ("Acting Foreign Minister Amir
  Khan Muttaqi" is "Amir Khan Muttaqi"), also after up to two descriptive
  words ("Taliban spokesman Zabihullah Mujahid"), and a generational suffix
  ("Jr") kept apart;
* known spelling variants replaced by one form (``data/titles.yaml``);
* each word reduced to a *shape*, its transliteration skeleton: ph/f,
  kh, gh/q/k/c/ck, th/t, dh/d, w/v, sh, ch, a final "h" after a vowel
  dropped, doubled letters collapsed, and every run of vowels reduced to a
  class: A (a, aa), U (o, u, ou, oo), I (i, ee, ie, y), D (ai, ay, ei, ey,
  ae: "Hussein", "Husayn", "Saeed", "Qaeda"), W (o or u with i or y: ui,
  oi, oui: "Anguilla" is not "Angola") and E (a lone e, which matches A or
  I: "Ahmed" ~ "Ahmad", "Hamed" ~ "Hamid"); D also matches I ("Haibatullah"
  ~ "Hibatullah", "Haniya" ~ "Haniyeh"). "y" is a vowel except as a
  word's first letter. Muttaqi, Mutaqqi and Muttaqee are all mUtAkI;
  Massoud, Masood and Masoud are all mAsUd; Hassan (hAsAn) and Hussein
  (hUsDn) stay apart.

Two words match exactly, by shape, or fuzzily: Jaro-Winkler >= 0.92, both
at least four letters, lengths within one, neither a prefix of the other
(Karim/Karimi, Daniel/Daniela, Barak/Barakzai) and consonant skeletons equal
but for one dropped consonant ("Zabihullah" ~ "Zabiullah", but not
"Rahmatullah" / "Rahmanullah"). A one-letter word matches only as an
initial, a two-letter word only exactly.

Rules by type (organization and group are compared with each other; any
other type difference, or two different countries, is DIFFERENT):

* persons: SAME when both names have two or more words and match word by
  word (or written together: "Abdul Rahman" ~ "Abdulrahman"). A lone word
  against a full name ("Massoud" / "Ahmad Massoud"), an initial ("A.
  Massoud"), an extra middle name ("Mohammad Javad Zarif" / "Javad Zarif")
  or two lone words are UNSURE. Different surnames, different given names
  ("Ismail Khan" / "Imran Khan") or an extra word that makes another given
  name ("Ahmad Shah" / "Ahmad", list ``compound_given``) are DIFFERENT.
* organisations and groups: SAME for equal names or names matching word by
  word on shape (UNSURE on fuzzy words: "Jamiat-e-Islami" /
  "Jamaat-e-Islami" are two parties; names written as acronyms only letter
  for letter), and for an acronym equal to the initials of the other name
  ("NRF" / "National Resistance Front"; initials without stop words, or
  with every word: "LeT" / "Lashkar-e-Taiba"), three letters or more or
  listed in ``known_acronyms``. "X (ABC)" counts as two names, X and ABC.
  One name inside the other ("Taliban" / "Pakistani Taliban") is UNSURE.
* countries: SAME when both resolve to one ISO code (the candidates'
  ``country``, or the country lexicon on their names); two codes that
  differ are DIFFERENT ("Iran" / "Iraq"). Places, and countries the lexicon
  does not know: SAME word by word on shape, UNSURE on fuzzy words or one
  name inside the other.

Every name of one side (name and aliases) is compared with every name of the
other, and the best pair decides, with one exception: when two names of two
or more words each are DIFFERENT (a conflict: "Ahmad Massoud" / "Ahmad Shah
Massoud") and no such pair is SAME, a SAME from shorter names ("NRF" / "NRF")
becomes UNSURE and an UNSURE becomes DIFFERENT.

Limits, honestly:

* the skeleton is deliberately loose on vowels, so two people whose names
  differ only in transliteration-like ways merge: "Ahmad Massoud" / "Ahmad
  Masood" is right here, but a different Masood with the same given name
  would merge too; Mottaki (the Iranian) and Muttaqi (the Afghan) share a
  shape, only their given names keep them apart; Sayyid, Sayed and Said
  share one (D for every a-i vowel run), though Sayyid is also a title;
* names that differ by more than the skeleton and the variant list cover
  ("Mehmet" / "Mohammed", "Gani" / "Ghani") are missed;
* titles are dropped only before a name ("Amir Khan Muttaqi, foreign
  minister" keeps its tail), and only for persons;
* two persons with one word each, even the same word ("Mujahid"), are
  UNSURE: a lone name says too little (equal names are one entity anyway
  by :func:`dossier.model.entity.entity_id`);
* dropped middle names are UNSURE at best, and dropped compound parts
  DIFFERENT ("Amir Khan Muttaqi" / "Amir Muttaqi");
* an acronym is trusted: two bodies with the same initials ("National
  Resistance Front" / "National Revolutionary Front", both NRF) are both
  SAME with "NRF"; only countries, or the full names as aliases, keep them
  apart;
* word order matters ("Xi Jinping" / "Jinping Xi" is DIFFERENT); names in
  scripts other than Latin are not transliterated.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from importlib import resources

import yaml

from dossier.resolve.names import is_acronym, strip_diacritics, unify_quotes


class Judgement(StrEnum):
    """Whether two candidates are one entity."""

    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


@dataclass(slots=True)
class Candidate:
    """An entity as matching sees it (``country``: ISO alpha-2, lower case)."""

    id: str
    type: str  # person, organization, country, place, group
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(slots=True)
class Match:
    """A judgement, its score (how likely the pair is one entity) and why."""

    judgement: Judgement
    score: float
    reason: str


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Rules:
    """The word lists of ``data/titles.yaml``."""

    titles: frozenset[str]
    title_connectors: frozenset[str]
    particles: frozenset[str]
    hyphen_particles: frozenset[str]
    ezafe: frozenset[str]
    stopwords: frozenset[str]
    compound_given: frozenset[str]
    suffixes: frozenset[str]
    variants: dict[str, str]
    prefix_rewrites: tuple[tuple[str, str], ...]
    suffix_rewrites: tuple[tuple[str, str], ...]
    known_acronyms: dict[str, str]


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(word for value in values for word in _plain(value).split())


def _plain(text: str) -> str:
    text = strip_diacritics(unify_quotes(text)).casefold()
    return "".join(char if char.isalnum() else " " for char in text)


@functools.cache
def rules() -> Rules:
    """The matching word lists, loaded once."""
    data = yaml.safe_load(
        resources.files("dossier.data").joinpath("titles.yaml").read_text("utf-8")
    )
    variants = {}
    for group in data.get("variants", []):
        canonical = _plain(group[0]).strip()
        for spelling in group:
            variants[_plain(spelling).strip()] = canonical
    return Rules(
        titles=_words(data.get("titles", [])),
        title_connectors=_words(data.get("title_connectors", [])),
        particles=_words(data.get("particles", [])),
        hyphen_particles=_words(data.get("hyphen_particles", [])),
        ezafe=_words(data.get("ezafe", [])),
        stopwords=_words(data.get("stopwords", [])),
        compound_given=_words(data.get("compound_given", [])),
        suffixes=_words(data.get("suffixes", [])),
        variants=variants,
        prefix_rewrites=tuple(
            sorted(data.get("prefix_rewrites", {}).items(), key=lambda item: -len(item[0]))
        ),
        suffix_rewrites=tuple(
            sorted(data.get("suffix_rewrites", {}).items(), key=lambda item: -len(item[0]))
        ),
        known_acronyms={
            key.casefold(): " ".join(_plain(value).split())
            for key, value in data.get("known_acronyms", {}).items()
        },
    )


# ---------------------------------------------------------------- kinds

PERSON, BODY, PLACE = "person", "body", "place"
_KINDS = {
    "person": PERSON,
    "organization": BODY,
    "group": BODY,
    "country": PLACE,
    "place": PLACE,
}


def kind_of(entity_type: str) -> str:
    """How names of this type are prepared and compared: person, body or place."""
    return _KINDS.get(entity_type, BODY)


def compatible_types(left: str, right: str) -> bool:
    """Whether entities of these two types may be one (equal, or organization/group)."""
    return left == right or {left, right} == {"organization", "group"}


# ---------------------------------------------------------------- shapes

_VOWELS = frozenset("aeiouy")
_DIGRAPHS = {
    "ph": "f",
    "kh": "x",
    "gh": "k",
    "th": "t",
    "dh": "d",
    "dj": "j",
    "zh": "j",
    "ck": "k",
    "sh": "S",
    "ch": "C",
}
_SINGLES = {"q": "k", "c": "k", "w": "v", "x": "ks"}
_VOWEL_CLASSES = frozenset("AEIUDW")


def _vowel_class(run: str) -> str:
    has_a = "a" in run
    has_i = "i" in run or "y" in run
    if "o" in run or "u" in run:
        return "W" if has_i else "U"
    if not has_a and not has_i:
        return "E" if run == "e" else "I"
    if has_a and not has_i:
        return "A" if "e" not in run else "D"
    if has_i and not has_a:
        return "I" if run[0] in "iy" else "D"
    return "D"


@functools.lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """A word's transliteration skeleton (see the module docstring).

    >>> shape("muttaqi") == shape("mutaqqi") == shape("muttaqee")
    True
    """
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        char = word[i]
        if char in _VOWELS and not (char == "y" and i == 0):
            j = i + 1
            while j < n and word[j] in _VOWELS:
                j += 1
            out.append(_vowel_class(word[i:j]))
            i = j
            continue
        pair = word[i : i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        if char == "h" and i == n - 1 and out and out[-1] in _VOWEL_CLASSES:
            i += 1  # "Shah" ~ "Sha", "Abdullah" ~ "Abdulla"
            continue
        out.append(_SINGLES.get(char, char))
        i += 1
    collapsed: list[str] = []
    for symbol in out:
        if not collapsed or collapsed[-1] != symbol:
            collapsed.append(symbol)
    return "".join(collapsed)


def consonants(word_shape: str) -> str:
    """A shape without its vowel classes (a blocking key); the shape if that is empty."""
    skeleton = "".join(symbol for symbol in word_shape if symbol not in _VOWEL_CLASSES)
    return skeleton or word_shape


# Vowel classes that match each other besides themselves: a lone e is an a or an i
# ("Ahmed", "Hamed"); in persons' names an a-i run is also an i ("Haibatullah" ~
# "Hibatullah", "Haniya" ~ "Haniyeh"; not for places: "Saint Martin" / "Sint Maarten").
_LOOSE_VOWELS = frozenset({("E", "A"), ("A", "E"), ("E", "I"), ("I", "E")})
_LOOSER_VOWELS = _LOOSE_VOWELS | {("D", "I"), ("I", "D")}


def shapes_match(left: str, right: str, *, person: bool = False) -> bool:
    """Equal shapes, but for vowel classes that are loose: E ~ A, E ~ I, and for persons
    D ~ I."""
    if left == right:
        return True
    if len(left) != len(right):
        return False
    loose = _LOOSER_VOWELS if person else _LOOSE_VOWELS
    return all(a == b or (a, b) in loose for a, b in zip(left, right, strict=True))


def jaro_winkler(left: str, right: str) -> float:
    """Jaro-Winkler similarity (prefix scale 0.1, prefix up to four letters)."""
    if left == right:
        return 1.0
    n_left, n_right = len(left), len(right)
    if not n_left or not n_right:
        return 0.0
    window = max(0, max(n_left, n_right) // 2 - 1)
    left_flags = [False] * n_left
    right_flags = [False] * n_right
    matches = 0
    for i, char in enumerate(left):
        for j in range(max(0, i - window), min(n_right, i + window + 1)):
            if not right_flags[j] and right[j] == char:
                left_flags[i] = right_flags[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    transpositions = k = 0
    for i in range(n_left):
        if left_flags[i]:
            while not right_flags[k]:
                k += 1
            if left[i] != right[k]:
                transpositions += 1
            k += 1
    jaro = (matches / n_left + matches / n_right + (matches - transpositions // 2) / matches) / 3
    prefix = 0
    for a, b in zip(left[:4], right[:4], strict=False):
        if a != b:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


class Level(IntEnum):
    """How well two words match."""

    NONE = 0
    INITIAL = 1  # "a" ~ "ahmad"
    FUZZY = 2  # Jaro-Winkler >= 0.92
    SHAPE = 3  # same transliteration skeleton
    EXACT = 4


FUZZY_THRESHOLD = 0.92
FUZZY_MIN_LENGTH = 4


def _one_deletion(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with at most one symbol more, anywhere."""
    if len(long) == len(short):
        return long == short
    if len(long) != len(short) + 1:
        return False
    return any(long[:index] + long[index + 1 :] == short for index in range(len(long)))


def _fuzzy(left: str, right: str) -> bool:
    """Jaro-Winkler >= 0.92 between words of four letters or more and lengths within one,
    neither a prefix of the other (Karim/Karimi, Daniel/Daniela, Barak/Barakzai) and
    consonant skeletons equal but for one dropped consonant (Zabihullah/Zabiullah; not
    Rahmatullah/Rahmanullah)."""
    if min(len(left), len(right)) < FUZZY_MIN_LENGTH or abs(len(left) - len(right)) > 1:
        return False
    if left.startswith(right) or right.startswith(left):
        return False
    skeleton_left, skeleton_right = consonants(shape(left)), consonants(shape(right))
    if len(skeleton_left) > len(skeleton_right):
        skeleton_left, skeleton_right = skeleton_right, skeleton_left
    if not _one_deletion(skeleton_left, skeleton_right):
        return False
    return jaro_winkler(left, right) >= FUZZY_THRESHOLD


@functools.lru_cache(maxsize=262144)
def word_level(left: str, right: str, person: bool = False) -> Level:
    """How well two normalised words match (``person``: words of persons' names)."""
    if left == right:
        return Level.EXACT
    if len(left) == 1 or len(right) == 1:
        if left[0] == right[0]:
            return Level.INITIAL
        return Level.NONE
    if len(left) == 2 or len(right) == 2:  # "EU" / "AU": too short for a shape
        return Level.NONE
    if shapes_match(shape(left), shape(right), person=person):
        return Level.SHAPE
    if _fuzzy(left, right):
        return Level.FUZZY
    return Level.NONE


# ---------------------------------------------------------------- name forms

_POSSESSIVE = re.compile(r"'s?\b")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_PARENS = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name prepared for matching."""

    text: str
    words: tuple[str, ...]
    shapes: tuple[str, ...]
    originals: tuple[str, ...]  # the words before spelling variants were unified
    suffix: str = ""
    titled: bool = False  # titles were dropped

    @property
    def joined(self) -> str:
        """The shape of the words written together."""
        return shape("".join(self.words))

    def display(self, start: int = 0, stop: int | None = None) -> str:
        """The words from ``start`` to ``stop`` as a reason shows them."""
        return " ".join(word.capitalize() for word in self.originals[start:stop])


def expand_names(names: tuple[str, ...] | list[str]) -> list[str]:
    """The names, "X (ABC)" split into X and ABC, duplicates left out."""
    out: list[str] = []
    for name in names:
        match = _PARENS.match(name.strip())
        parts = [match.group(1), match.group(2)] if match else [name]
        for part in parts:
            if part.strip() and part not in out:
                out.append(part)
    return out


def _rewrite(word: str, data: Rules) -> str:
    word = data.variants.get(word, word)
    for old, new in data.prefix_rewrites:
        if word.startswith(old):
            word = new + word[len(old) :]
            break
    for old, new in data.suffix_rewrites:
        if word.endswith(old) and len(word) > len(old) + 1:
            word = word[: -len(old)] + new
            break
    return data.variants.get(word, word)


def _strip_titles(words: list[str], data: Rules) -> list[str]:
    """Words after a leading run of titles ("acting foreign minister"), also after up to
    two descriptive words ("taliban spokesman"); at least one word is kept."""
    last = -1
    for index, word in enumerate(words):
        if word in data.titles:
            last = index
        elif last >= 0 and word in data.title_connectors:
            continue
        elif last >= 0 or index >= 2:
            break
    if 0 <= last < len(words) - 1:
        return words[last + 1 :]
    return words


@functools.lru_cache(maxsize=65536)
def name_form(text: str, kind: str) -> NameForm:
    """A name as matching compares it; ``kind`` is person, body or place."""
    data = rules()
    plain = _POSSESSIVE.sub("", strip_diacritics(unify_quotes(text)).casefold().translate(_DASHES))
    words: list[str] = []
    hyphened: list[bool] = []  # the word was hyphenated to the next one
    for chunk in plain.replace("/", " ").split():
        parts = chunk.split("-")
        for index, part in enumerate(parts):
            word = "".join(char for char in part if char.isalnum())
            if not word:
                continue
            attached = index < len(parts) - 1
            if attached and word in data.hyphen_particles:
                continue
            if 0 < index < len(parts) - 1 and word in data.ezafe:
                word = "e"
            words.append(word)
            hyphened.append(attached)
    if len(words) > 1 and words[0] == "the":
        words, hyphened = words[1:], hyphened[1:]
    kept = [
        word
        for index, word in enumerate(words)
        if word not in data.particles or (kind == PERSON and index == 0 and not hyphened[0])
    ]
    words = kept or words
    suffix = ""
    titled = False
    if kind == PERSON:
        if len(words) > 1 and words[-1] in data.suffixes:
            suffix, words = words[-1], words[:-1]
        stripped = _strip_titles(words, data)
        titled = len(stripped) < len(words)
        words = stripped
    originals = tuple(words)
    words = [_rewrite(word, data) for word in words]
    return NameForm(
        text=text,
        words=tuple(words),
        shapes=tuple(shape(word) for word in words),
        originals=originals,
        suffix=suffix,
        titled=titled,
    )


def initials(form: NameForm) -> frozenset[str]:
    """The acronyms a name of two or more words may have: the initials of every word
    and of the words that are not stop words."""
    if len(form.words) < 2:
        return frozenset()
    stop = rules().stopwords
    every = "".join(word[0] for word in form.words)
    content = "".join(word[0] for word in form.words if word not in stop)
    return frozenset(letters for letters in (every, content) if len(letters) >= 2)


def _is_acronym(form: NameForm) -> bool:
    """Whether the name is written as an acronym ("ISI", "LeT"): compared letter by letter."""
    text = form.text.strip()
    return " " not in text and is_acronym(text)


def acronym(form: NameForm) -> str | None:
    """The name as an acronym: one word of two to eight letters."""
    if len(form.words) == 1 and 2 <= len(form.words[0]) <= 8 and form.words[0].isalpha():
        return form.words[0]
    return None


# ---------------------------------------------------------------- comparing names

_SCORES = {Level.EXACT: 1.0, Level.SHAPE: 0.95, Level.FUZZY: 0.9}


def _same(left: NameForm, right: NameForm, levels: list[Level]) -> Match:
    level = min(levels)
    score = _SCORES[level]
    if level == Level.EXACT:
        if left.text.casefold() == right.text.casefold():
            return Match(Judgement.SAME, score, f"same name: {left.text}")
        how = "without titles" if left.titled or right.titled else "after normalisation"
        return Match(Judgement.SAME, score, f"same name {how}: {left.display()}")
    pairs = [
        f"{left.display(index, index + 1)} ~ {right.display(index, index + 1)}"
        for index, lvl in enumerate(levels)
        if lvl != Level.EXACT
    ]
    how = "after transliteration" if level == Level.SHAPE else "with similar spelling"
    return Match(Judgement.SAME, score, f"same name {how}: {', '.join(pairs)}")


def _levels(left: tuple[str, ...], right: tuple[str, ...], person: bool = False) -> list[Level]:
    return [word_level(a, b, person) for a, b in zip(left, right, strict=True)]


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> list[int] | None:
    """Indices of ``long`` that match ``short`` in order (initials allowed), or None
    (persons' given names)."""
    found: list[int] = []
    start = 0
    for word in short:
        for index in range(start, len(long)):
            if word_level(word, long[index], True) >= Level.INITIAL:
                found.append(index)
                start = index + 1
                break
        else:
            return None
    return found


def compare_persons(left: NameForm, right: NameForm) -> Match:
    """Two persons' names (see the module docstring)."""
    a, b = left.words, right.words
    if not a or not b:
        return Match(Judgement.DIFFERENT, 0.0, "empty name")
    if left.suffix and right.suffix and left.suffix != right.suffix:
        return Match(
            Judgement.DIFFERENT,
            0.05,
            f"different generations: {left.suffix.capitalize()} vs {right.suffix.capitalize()}",
        )
    if len(a) == len(b):
        levels = _levels(a, b, True)
        if min(levels) >= Level.FUZZY:
            if len(a) == 1:
                score = 0.7 if levels[0] == Level.EXACT else 0.6
                return Match(
                    Judgement.UNSURE,
                    score,
                    f"one word each: {left.display()} ~ {right.display()}",
                )
            if left.suffix != right.suffix:
                suffix = left.suffix or right.suffix
                return Match(
                    Judgement.UNSURE, 0.6, f"same name, one with suffix {suffix.capitalize()}"
                )
            return _same(left, right, levels)
    elif min(len(a), len(b)) > 1 or len("".join(a + b)) >= 12:
        if left.joined == right.joined and left.suffix == right.suffix:
            return Match(
                Judgement.SAME,
                0.9,
                f"same name written with and without spaces: {left.display()} ~ {right.display()}",
            )
    if len(a) == 1 or len(b) == 1:
        lone, full = (left, right) if len(a) == 1 else (right, left)
        word = lone.words[0]
        if len(word) > 1 and word_level(word, full.words[-1], True) >= Level.FUZZY:
            return Match(
                Judgement.UNSURE,
                0.5,
                f"lone surname: {lone.display()} / {full.display()}",
            )
        if len(word) > 1 and any(
            word_level(word, other, True) >= Level.FUZZY for other in full.words
        ):
            return Match(
                Judgement.UNSURE, 0.3, f"lone name part: {lone.display()} / {full.display()}"
            )
        return Match(
            Judgement.DIFFERENT, 0.0, f"different names: {lone.display()} vs {full.display()}"
        )
    if word_level(a[-1], b[-1], True) < Level.FUZZY:
        return Match(
            Judgement.DIFFERENT,
            0.0,
            f"different surnames: {left.display(-1)} vs {right.display(-1)}",
        )
    given_a, given_b = a[:-1], b[:-1]
    given = f"{left.display(0, -1)} vs {right.display(0, -1)}"
    if len(given_a) == len(given_b):
        levels = _levels(given_a, given_b, True)
        if min(levels) == Level.NONE:
            return Match(Judgement.DIFFERENT, 0.05, f"different given names: {given}")
        return Match(Judgement.UNSURE, 0.6, f"initials may stand for the given names: {given}")
    longer = left if len(given_a) > len(given_b) else right
    short, long = (given_a, given_b) if len(given_a) < len(given_b) else (given_b, given_a)
    found = _subsequence(short, long)
    if found is None:
        return Match(Judgement.DIFFERENT, 0.05, f"different given names: {given}")
    extra = [index for index in range(len(long)) if index not in found]
    compound = rules().compound_given
    if any(index > 0 and long[index] in compound for index in extra):
        return Match(Judgement.DIFFERENT, 0.1, f"different given names: {given}")
    words = " ".join(longer.display(index, index + 1) for index in extra)
    return Match(Judgement.UNSURE, 0.55, f"extra given name {words}: {given}")


def _contains(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return all(any(word_level(word, other) >= Level.SHAPE for other in long) for word in short)


def _spacing_or_inclusion(left: NameForm, right: NameForm) -> Match:
    """The last tests of two names of different lengths: the same letters with and
    without spaces, or one name's words all in the other; else different."""
    a, b = left.words, right.words
    if len(a) != len(b) and left.joined == right.joined:
        return Match(
            Judgement.SAME,
            0.9,
            f"same name written with and without spaces: {left.display()} ~ {right.display()}",
        )
    short, long = (left, right) if len(a) < len(b) else (right, left)
    if len(a) != len(b) and _contains(short.words, long.words):
        return Match(
            Judgement.UNSURE,
            0.4,
            f"one name inside the other: {short.display()} / {long.display()}",
        )
    return Match(
        Judgement.DIFFERENT, 0.0, f"different names: {left.display()} vs {right.display()}"
    )


def compare_bodies(left: NameForm, right: NameForm) -> Match:
    """Two organisations' or groups' names (see the module docstring)."""
    a, b = left.words, right.words
    if not a or not b:
        return Match(Judgement.DIFFERENT, 0.0, "empty name")
    if a == b:
        if left.text.casefold() == right.text.casefold():
            return Match(Judgement.SAME, 1.0, f"same name: {left.text}")
        return Match(Judgement.SAME, 1.0, f"same name after normalisation: {left.display()}")
    for short, full in ((left, right), (right, left)):
        letters = acronym(short)
        if letters is None or len(full.words) < 2:
            continue
        expansion = " ".join(full.words)
        known = rules().known_acronyms.get(letters)
        if known == expansion or (len(letters) >= 3 and letters in initials(full)):
            return Match(Judgement.SAME, 0.9, f"acronym {short.text} of {full.text}")
        if letters in initials(full):
            return Match(
                Judgement.UNSURE,
                0.5,
                f"two-letter acronym {short.text} may stand for {full.text}",
            )
    if len(a) == len(b) and not (_is_acronym(left) or _is_acronym(right)):
        levels = _levels(a, b)
        if min(levels) >= Level.SHAPE:
            return _same(left, right, levels)
        if min(levels) >= Level.FUZZY:  # "Jamiat-e-Islami" / "Jamaat-e-Islami"
            return Match(
                Judgement.UNSURE,
                0.6,
                f"similar spelling: {left.display()} ~ {right.display()}",
            )
    return _spacing_or_inclusion(left, right)


def _country_code(text: str) -> str | None:
    from dossier.resolve.countries import countries  # built on first use

    country = countries().by_text(text)
    return country.code if country is not None else None


def compare_places(left: NameForm, right: NameForm, *, countries: bool = False) -> Match:
    """Two places' names; with ``countries``, names the country lexicon knows by code."""
    if countries:
        code_left, code_right = _country_code(left.text), _country_code(right.text)
        if code_left and code_right:
            if code_left == code_right:
                return Match(Judgement.SAME, 1.0, f"same country: {left.text} ~ {right.text}")
            return Match(
                Judgement.DIFFERENT,
                0.0,
                f"different countries: {left.text} ({code_left}) vs {right.text} ({code_right})",
            )
    a, b = left.words, right.words
    if not a or not b:
        return Match(Judgement.DIFFERENT, 0.0, "empty name")
    if len(a) == len(b):
        levels = _levels(a, b)
        if min(levels) >= Level.SHAPE:
            return _same(left, right, levels)
        if min(levels) >= Level.FUZZY:
            return Match(
                Judgement.UNSURE, 0.6, f"similar spelling: {left.display()} ~ {right.display()}"
            )
    return _spacing_or_inclusion(left, right)


def _compare_forms(kind: str, left: NameForm, right: NameForm, *, countries: bool) -> Match:
    if kind == PERSON:
        return compare_persons(left, right)
    if kind == PLACE:
        return compare_places(left, right, countries=countries)
    return compare_bodies(left, right)


_RANK = {Judgement.SAME: 2, Judgement.UNSURE: 1, Judgement.DIFFERENT: 0}


def _conflict(kind: str, left: NameForm, right: NameForm, match: Match) -> bool:
    """Whether a DIFFERENT between two names of two or more words speaks against any
    shorter evidence: a person's same surname with other given names or generations, a
    body's or place's names sharing a word ("National Resistance Front" / "National
    Revolutionary Front"). Different surnames are not a conflict: aliases may be noms de
    guerre."""
    if match.judgement is not Judgement.DIFFERENT:
        return False
    if len(left.words) < 2 or len(right.words) < 2:
        return False
    if kind == PERSON:
        return word_level(left.words[-1], right.words[-1], True) >= Level.FUZZY
    return any(word_level(a, b) >= Level.SHAPE for a in left.words for b in right.words)


def compare(left: Candidate, right: Candidate) -> Match:
    """Whether two candidates are one entity (see the module docstring for the rules)."""
    if not compatible_types(left.type, right.type):
        return Match(Judgement.DIFFERENT, 0.0, f"different types: {left.type} vs {right.type}")
    if left.country and right.country and left.country != right.country:
        return Match(
            Judgement.DIFFERENT,
            0.0,
            f"different countries: {left.country} vs {right.country}",
        )
    is_country = left.type == right.type == "country"
    if is_country and left.country and right.country:
        return Match(Judgement.SAME, 1.0, f"same country code: {left.country}")
    kind = kind_of(left.type)
    best: Match | None = None
    conflict: Match | None = None
    full_same = False
    for name_left in expand_names((left.name, *left.aliases)):
        form_left = name_form(name_left, kind)
        for name_right in expand_names((right.name, *right.aliases)):
            form_right = name_form(name_right, kind)
            match = _compare_forms(kind, form_left, form_right, countries=is_country)
            if conflict is None and _conflict(kind, form_left, form_right, match):
                conflict = match
            if (
                match.judgement is Judgement.SAME
                and min(len(form_left.words), len(form_right.words)) > 1
            ):
                full_same = True
            if best is None or (_RANK[match.judgement], match.score) > (
                _RANK[best.judgement],
                best.score,
            ):
                best = match
    if best is None:
        return Match(Judgement.DIFFERENT, 0.0, "no names")
    if conflict is not None and not full_same:
        if best.judgement is Judgement.SAME:
            return Match(Judgement.UNSURE, 0.5, f"{best.reason}, but {conflict.reason}")
        if best.judgement is Judgement.UNSURE:
            return conflict
    return best

"""Candidate mentions of actors and places in one parsed report.

The statistical tagger's entities are the starting point; rules keyed on
word lists and dependency structure then mend what it gets wrong in news
about conflict and diplomacy:

- spans are trimmed of articles, possessives and punctuation, split at "/"
  ("Manish Swarup / AP"), and extended over proper-noun compounds the tagger
  cut ("Hezb-i Islami");
- "Long Name (ACR)" defines an acronym, and the long name's span is cut to
  the words whose initials spell it;
- a proper name followed by an organization word is an organization ("the
  Haqqani network"), by a kind-of-place word a place ("Andarab valley");
- demonyms used as actors are countries ("the Iranians", "the Pakistani
  government"); ethnic and religious groups come from a word list; a
  one-word country name the tagger missed is a country ("The U.S. said");
- proper nouns the tagger missed are taken where the structure says what
  they are ("a member of X", "X's request for comment", "speaking to X").

Limits: English only; the rules see one sentence's parse at a time, so a
parse error (a name read as a verb) still loses a mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dossier.extract.lexicon import Lexicon, lexicon
from dossier.resolve.countries import Countries, countries
from dossier.resolve.gazetteer import GEO_SUFFIXES
from dossier.resolve.names import is_acronym, normalise_name

PERSON, ORG, PLACE, COUNTRY, GROUP = "person", "organization", "place", "country", "group"
NER_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP}
PROPER_TAGS = {"NNP", "NNPS"}
CONNECTORS = {
    "of",
    "and",
    "for",
    "the",
    "i",
    "e",
    "al",
    "el",
    "de",
    "du",
    "la",
    "bin",
    "ibn",
    "-",
    "&",
    "on",
    "in",
}
# Strength of evidence for a type: lexicon and structure beat the tagger.
TAGGER, STRUCTURE, LEXICON, DEFINITION = 1, 2, 3, 4


@dataclass(slots=True)
class Candidate:
    """A stretch of tokens that may name an actor or place."""

    start: int  # token index
    end: int  # token index, exclusive
    label: str  # one of the entity types
    strength: int  # how sure the label is
    rule: str
    country: str | None = None  # for countries: the ISO code
    group: str | None = None  # for groups: the canonical name
    acronym_of: tuple[int, int] | None = None  # token range of the long form it abbreviates
    place_word: bool = False  # followed by "province", "valley", …

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without leading articles/punctuation and trailing possessives."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in {"'s", "’s"}
    ):
        end -= 1
    return start, end


def extend_compounds(doc: Doc, start: int, end: int) -> int:
    """Move the start left over proper-noun compounds joined by hyphens ("Hezb-i Islami")."""
    while start > 0:
        previous = doc[start - 1]
        if (
            previous.tag_ == "HYPH"
            and start > 1
            and doc[start - 2].tag_ in PROPER_TAGS
            and not doc[start - 2].ent_type_
        ):
            start -= 2
        elif (
            previous.tag_ in PROPER_TAGS
            and previous.dep_ == "compound"
            and not previous.ent_type_
            and start <= previous.head.i < end
        ):
            start -= 1
        else:
            break
    return start


def extend_right(doc: Doc, end: int) -> int:
    """Move the end right while the name's last word is a compound of the next proper
    noun the tagger left out ("Amir Khan" + "Muttaqi")."""
    while (
        end < len(doc)
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and doc[end].tag_ in PROPER_TAGS
        and not doc[end].ent_type_
    ):
        end += 1
    return end


class MentionFinder:
    """Finds candidate mentions in a parsed report."""

    def __init__(self, words: Lexicon | None = None, places: Countries | None = None) -> None:
        self.words = words or lexicon()
        self.countries = places or countries()

    def __call__(self, doc: Doc) -> list[Candidate]:
        found: list[Candidate] = []
        found.extend(self.from_tagger(doc))
        found.extend(self.acronyms(doc, found))
        found.extend(self.lexicon_terms(doc))
        found.extend(self.structural(doc, found))
        found.extend(self.offices(doc))
        return resolve_overlaps(found)

    # -- the tagger's entities, cleaned

    def from_tagger(self, doc: Doc) -> list[Candidate]:
        found = []
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None:
                continue
            for start, end in self._pieces(doc, ent.start, ent.end):
                candidate = self._classify(doc, start, end, label)
                if candidate is not None:
                    found.append(candidate)
        return found

    def _pieces(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Split at slashes and brackets; trim each piece."""
        pieces, piece_start = [], start
        for i in range(start, end):
            if doc[i].text in {"/", "(", ")", "|"}:
                pieces.append((piece_start, i))
                piece_start = i + 1
        pieces.append((piece_start, end))
        result = []
        for piece in pieces:
            s, e = trim(doc, *piece)
            if s < e:
                result.append((s, e))
        return result

    def _classify(self, doc: Doc, start: int, end: int, label: str) -> Candidate | None:
        span = doc[start:end]
        key = normalise_name(span.text)
        if not key or key in self.words.not_names or not any(t.is_alpha for t in span):
            return None
        # A name followed by an organization word: "the Haqqani network".
        if (
            end < len(doc)
            and doc[end].lower_ in self.words.org_suffixes
            and doc[end].is_lower
            and label in {PERSON, ORG, GROUP, PLACE}
            and not self.countries.by_text(span.text)
        ):
            return Candidate(
                extend_compounds(doc, start, end), end + 1, ORG, STRUCTURE, "org-suffix"
            )
        start = extend_compounds(doc, start, end)
        if label in {PERSON, ORG}:
            end = extend_right(doc, end)
        span = doc[start:end]
        key = normalise_name(span.text)
        country = self.countries.by_text(span.text)
        if country is not None:
            return Candidate(start, end, COUNTRY, LEXICON, "country", country=country.code)
        group = self.words.groups.get(key) or (
            # "Shia Hazara" is the Hazara; a person named "Sebghat Ahmadi" is no group
            self.words.groups.get(normalise_name(span.root.text))
            if len(span) > 1 and label != PERSON
            else None
        )
        if group is not None:
            if self._before_state_noun(span.root):
                return None
            return Candidate(start, end, GROUP, LEXICON, "group", group=group)
        if label == GROUP:
            return self._norp(doc, start, end)
        place_word = end < len(doc) and doc[end].lower_ in GEO_SUFFIXES and doc[end].is_lower
        if place_word:
            return Candidate(start, end + 1, PLACE, STRUCTURE, "place-word", place_word=True)
        if span[-1].lower_ in GEO_SUFFIXES and label != ORG:
            return Candidate(start, end, PLACE, STRUCTURE, "place-word", place_word=True)
        if len(span) == 1 and span[0].tag_ in {"NNS", "NN"} and span[0].is_sent_start:
            return None  # "Photographs have appeared …": a common noun, capitalised
        apposed = self._apposed_noun(span)
        if apposed is not None and label != PERSON:
            # "its Shia militia, the Fatemiyoun": the noun it is set beside says what it is.
            if apposed in self.words.org_suffixes:
                return Candidate(start, end, ORG, STRUCTURE, "apposition")
        if label == ORG and is_acronym(span.text):
            return Candidate(start, end, ORG, TAGGER, "tagger")
        return Candidate(start, end, label, TAGGER, "tagger")

    def _before_state_noun(self, token: Token) -> bool:
        """ "Tajik government", "the Uzbek ministry": the state, not the people."""
        return token.dep_ in {"amod", "compound"} and token.head.lower_ in self.words.state_nouns

    @staticmethod
    def _apposed_noun(span: Span) -> str | None:
        """The common noun a name stands in apposition to, if any (lower case)."""
        root = span.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            return root.head.lower_
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                return child.lower_
        return None

    def _norp(self, doc: Doc, start: int, end: int) -> Candidate | None:
        """A nationality or group word: a country when it acts, a group when listed."""
        span = doc[start:end]
        country = self.countries.by_demonym_text(span.text)
        head = span.root
        if country is not None:
            # "the Iranians" (a noun) or "the Iranian government" acts for the country.
            if head.tag_ in {"NNPS", "NNS"} or (
                head.dep_ not in {"amod", "compound"} and head.pos_ in {"PROPN", "NOUN"}
            ):
                return Candidate(start, end, COUNTRY, LEXICON, "demonym", country=country.code)
            governing = head.head
            if (
                head.dep_ in {"amod", "compound"}
                and governing.i == end
                and governing.lower_ in self.words.government_words
            ):
                if not any(t.lower_ == "former" for t in doc[max(0, start - 2) : start]):
                    return Candidate(
                        start,
                        end + 1,
                        COUNTRY,
                        STRUCTURE,
                        "demonym-government",
                        country=country.code,
                    )
            return None
        if head.tag_ in {"NNPS", "NNS"} and head.dep_ not in {"amod", "compound"}:
            return Candidate(start, end, GROUP, STRUCTURE, "group-noun", group=span.text)
        return None

    # -- acronyms defined in brackets

    def acronyms(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """ "Long Name (ACR)": both, the long name cut to the words that spell ACR."""
        result = []
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")" or not is_acronym(doc[i + 1].text):
                continue
            long_start = spell_back(doc, i, doc[i + 1].text)
            if long_start is None:
                continue
            label = ORG
            for candidate in found:
                if (candidate.start, candidate.end) == (long_start, i) and candidate.label in {
                    COUNTRY,
                    PLACE,
                    PERSON,
                }:
                    label = candidate.label
            result.append(Candidate(long_start, i, label, DEFINITION, "acronym-long"))
            result.append(
                Candidate(i + 1, i + 2, label, DEFINITION, "acronym", acronym_of=(long_start, i))
            )
        return result

    # -- word lists

    def lexicon_terms(self, doc: Doc) -> list[Candidate]:
        result = []
        for token in doc:
            if not token.text[:1].isupper():
                continue  # both word lists hold capitalised names only
            key = normalise_name(token.text)
            group = self.words.groups.get(key)
            if group is not None:
                if (
                    token.ent_type_ in {"PERSON", "ORG", "FAC", "WORK_OF_ART"}
                    and token.ent_iob_ == "B"
                    and token.i + 1 < len(doc)
                    and doc[token.i + 1].ent_iob_ == "I"
                ):
                    continue  # part of a longer name: "Ahmadi" in "Sebghat Ahmadi"
                if token.ent_iob_ == "I" and token.ent_type_ in {"PERSON", "ORG", "FAC"}:
                    continue
                if self._before_state_noun(token):
                    continue
                result.append(Candidate(token.i, token.i + 1, GROUP, LEXICON, "group", group=group))
            elif key in self.words.organizations:
                result.append(Candidate(token.i, token.i + 1, ORG, LEXICON, "organization"))
            elif not token.ent_type_ and token.tag_ in PROPER_TAGS:
                # a one-word country name the tagger missed ("The U.S. said", "Uzbekistan")
                country = self.countries.by_text(token.text)
                if country is not None:
                    result.append(
                        Candidate(
                            token.i, token.i + 1, COUNTRY, LEXICON, "country", country=country.code
                        )
                    )
        return result

    # -- proper nouns the tagger missed, placed by structure

    def structural(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        covered = {i for c in found for i in range(c.start, c.end)}
        covered.update(t.i for t in doc if t.ent_type_)
        result = []
        for token in doc:
            if token.i in covered or token.tag_ not in PROPER_TAGS or token.is_sent_start:
                continue
            if token.dep_ == "compound":
                continue  # the head of the name decides
            start = proper_start(doc, token.i)
            if any(i in covered for i in range(start, token.i + 1)):
                continue
            if self._org_position(token):
                result.append(Candidate(start, token.i + 1, ORG, STRUCTURE, "structure"))
                covered.update(range(start, token.i + 1))
        return result

    # -- people named only by their office

    def offices(self, doc: Doc) -> list[Candidate]:
        """ "the French president", "the head of Russian intelligence service": a person.

        Only definite phrases whose office is tied to a country (a demonym) or to a
        named body (an "of" object holding a proper noun or demonym), and only
        where no name stands beside them ("the acting foreign minister, Amir Khan
        Muttaqi" is Muttaqi's title, not another person).
        """
        result = []
        for token in doc:
            if token.lower_ not in self.words.office_titles or token.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
                continue
            if self._named_beside(token):
                continue
            modifiers = [c for c in token.lefts if c.dep_ in {"amod", "compound"}]
            demonyms = [c for c in modifiers if self.countries.by_demonym_text(c.text)]
            if demonyms:
                start = min(c.left_edge.i for c in modifiers)
                result.append(Candidate(start, token.i + 1, PERSON, STRUCTURE, "office"))
                continue
            for prep in token.rights:
                if prep.dep_ != "prep" or prep.lower_ != "of":
                    continue
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if not objects:
                    continue
                obj = objects[0]
                words = doc[obj.left_edge.i : obj.i + 1]
                if any(
                    t.tag_ in PROPER_TAGS or self.countries.by_demonym_text(t.text) for t in words
                ) and not any(t.ent_type_ == "PERSON" for t in words):
                    start = token.i
                    while (
                        start > 0
                        and doc[start - 1].dep_ in {"amod", "compound"}
                        and doc[start - 1].head.i == token.i
                    ):
                        start -= 1
                    result.append(Candidate(start, obj.i + 1, PERSON, STRUCTURE, "office"))
        return result

    @staticmethod
    def _named_beside(token: Token) -> bool:
        """Whether a person's name stands in apposition to, or inside, the office phrase."""
        if token.ent_type_ == "PERSON":
            return True
        if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
            return True
        if any(c.dep_ in {"appos", "compound"} and c.ent_type_ == "PERSON" for c in token.children):
            return True
        return token.head.ent_type_ == "PERSON" and token.dep_ in {"compound", "appos"}

    def _org_position(self, token: Token) -> bool:
        head = token.head
        if (
            token.dep_ == "pobj"
            and head.lower_ in {"of", "for"}
            and head.head.lower_ in self.words.membership_nouns
        ):
            return True
        if token.dep_ == "poss" and head.lemma_.lower() in self.words.outlet_context:
            return True
        return token.dep_ in {"pobj", "dobj", "dative"} and (
            head.lemma_.lower() in self.words.speaking_verbs
            or (head.lower_ == "to" and head.head.lemma_.lower() in self.words.speaking_verbs)
        )


def proper_start(doc: Doc, i: int) -> int:
    """The first token of the proper-noun compound that ends at token i."""
    start = i
    while start > 0 and (
        doc[start - 1].tag_ in PROPER_TAGS
        or doc[start - 1].tag_ == "HYPH"
        or (doc[start - 1].is_lower and doc[start - 1].text in {"i", "e"})
    ):
        if doc[start - 1].is_sent_start and doc[start - 1].tag_ not in PROPER_TAGS:
            break
        start -= 1
    while start < i and doc[start].tag_ == "HYPH":
        start += 1
    return start


def spell_back(doc: Doc, bracket: int, acronym: str) -> int | None:
    """The start of the words before ``bracket`` whose initials spell ``acronym``.

    Connecting words ("of", "and", "i", "al") may stand between the spelling
    words; the first word must spell the first letter. None when no run fits.
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    position = len(letters) - 1
    i = bracket - 1
    while i >= 0 and position >= 0:
        word = doc[i]
        if word.is_punct and word.text != "-":
            return None
        if word.text[:1].isupper() and word.text[0].lower() == letters[position]:
            # Some acronyms take two letters from a word ("MoD" is "Ministry of Defence").
            position -= 1
            if position < 0:
                return i
        elif word.lower_ in CONNECTORS or word.text == "-":
            pass
        elif (
            word.text[:1].isupper()
            and position + 1 < len(letters)
            and word.text[:2].lower() == "".join(letters[position - 1 : position + 1])
        ):
            position -= 2
            if position < 0:
                return i
        else:
            return None
        i -= 1
        if bracket - i > len(letters) * 3:
            return None
    return None


def resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the strongest candidate where several overlap (then the longest, the first)."""
    ordered = sorted(found, key=lambda c: (-c.strength, -(c.end - c.start), c.start))
    taken: set[int] = set()
    kept = []
    for candidate in ordered:
        tokens = set(range(candidate.start, candidate.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)

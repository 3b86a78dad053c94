"""Lasting ties between a report's entities, read from titles and clauses.

A report says who holds which office, who belongs to what, who is whose son
and where a body is based mostly in a handful of phrase shapes; this module
reads them off spaCy's parse and the word lists of ``data/relations.yaml``,
never off particular names:

- a title beside a person's name: after it ("X, a senior member of Y", "X
  (the son of Y)"), before it ("Y's special envoy for Z, X", "Y's acting
  foreign minister X", "the Ruritanian supreme leader, X"), or joined to it
  by a copula ("X is the leader of Y", "X, who is the son of Y", "X serves
  as an adviser to Y"). The title gives the type (``titles``); its object
  is, in this order, a possessor ("Y's", "its"), a name or nationality word
  among its modifiers ("a former Ruritanian ambassador"), or the entity of
  an "of"/"for"/"at"/"in"/"with"/"to" phrase after it ("for the Y"; an
  envoy's or ambassador's "for"/"to" names the post, not the employer). A
  state body named there ("an official of the Ruritanian ministry") gives
  ``office_holder_of`` its country;
- a person the pipeline names by office ("the head of the Ruritanian
  intelligence service, the RIS", "the French president"): that entity is
  the subject;
- bases: "Y, which is based in Z", "X, who lives in Z", "the Z-based Y", "Y,
  a think tank based in Z", "from their base in Z", and a country that
  "hosts"/"is hosting" Y or Y's leaders (present forms only);
- membership: "Y, including members of W" (W member of Y) and "members of
  W, including X" (X member of W);
- a state's bodies (type ``other``): "the Y Guard Corps (YGC) of Ruritania",
  "Ruritanian intelligence service, the RIS" give role "part of"; "its
  militia, the V" gives the noun as the role ("militia"); a possessor alone
  ("Ruritania's Y": a company or a party as often as an agency) gives role
  "home country" unless the body's name is a state body's;
- the government of a person ("the Ruritanian government of X": X leads the
  entity the government phrase names);
- ties (type ``other``, the words of the tie as the role): "Y's ties to W",
  "Y has long held ties to W", "a movement associated with W", "Y remains
  close to W", "Y is working with W" (present or progressive, undated), one
  relation for each name coordinated or set beside a description after the
  tie ("acquainted with the commander, W, and the leader, V"); "Y cut its
  ties with W" gives nothing;
- a state title naming no state ("X, the former vice-president", "President
  X", "a presidential adviser"): the one country the sentence names outside
  the holder's own clause and not as a place ("Y keeps ties to Ruritania,
  talking often with President X"); none when there are several or none.

A nationality word naming a country the report's entities lack ("Ruritanian
President X") adds that country to ``entities`` when a relation uses it.

Roles are the title as printed, one stretch of the text without
determiners, a leading possessor or nationality word, the phrase naming the
object, or trailing phrases other than "of"/"for"/"to"/"on": "acting
foreign minister", "supreme leader", "head of foreign relations", "special
envoy for Z"; words inside stay ("former Ruritanian ambassador to Canada and
France", "current Y commander"). A leader's title is ``leader_of`` only
with rank words before it (``leader_modifiers``: "former", "acting",
"supreme"...); any other ("deputy head", "military commander", "research
director") or a first "of" phrase naming no entity ("head of research")
makes it ``office_holder_of``, and "a"/"an" makes it ``member_of`` ("a
Front commander").

Possessive pronouns ("its former commander X", "their base in Z") are
resolved only syntactically: the entity the phrase is coordinated with ("the
Y force and its commander X"), else the subject of the governing clause
("Iran ... deploying its militia"); a person's fighters or members stand for
the one organization the report makes that person lead. "He", "she", "his"
and "her" are resolved only as the holder of a tie, and only to the
report's focus person (named at least three times and twice as often as any
other person, and named in the sentence or the one before); "his father" is
then that person's one parent by a kinship relation of the report. This is
salience, not coreference: a pronoun for another man in a report about one
person is read wrongly, unless it sits in that man's reported words.

Limits: precision over recall. Titles with no object in the phrase and no
state in the sentence ("the former vice-president" after "fled to Z"),
offices read from events ("declared himself president"), a state title's
state when the sentence names it only inside the holder's own clause
("President X said Z..."), and ties needing world knowledge ("X became like
a second father") give nothing; the context rule for state titles can still
pick a country the sentence names for another reason. A capital city stands for its country only
as the subject of a tie ("Moscow keeps links to Y"). A common noun stands for
an organization only when it repeats the last word of exactly one
organization's name and its other words are in that name ("the resistance
front"). The small model's parse errs; phrases are bounded on the surface
(commas, brackets, verbs) as well as on dependency arcs, so a misattached
apposition still counts when punctuation closes it. English only.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from dossier.extract.lexicon import lexicon
from dossier.model.event import RelationType, ReportRelation
from dossier.resolve.countries import Country, countries, country_entity
from dossier.resolve.names import normalise_name

PERSON, ORG, COUNTRY, PLACE, GROUP = "person", "organization", "country", "place", "group"
ACTORS = {ORG, COUNTRY, GROUP}
ARTICLES = {"a", "an", "the", "this", "that", "these", "those"}
INDEFINITE = {"a", "an"}
PHRASE_POS = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "PART"}
CLOSERS = {",", ";", ")", ".", "—", "–", ":"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PREPOSITIONS = {"of", "for", "at", "in", "with", "to"}
DESTINATION_PREPS = {"for", "to"}
ROLE_PREPOSITIONS = {"of", "for", "to", "on"}  # phrases kept in a role after its title
PART_OF = "part of"
HOME_COUNTRY = "home country"
MAX_CLIMB = 8  # heads to climb from a gerund to its clause's subject
_WORD = re.compile(r"[^\W_]+|\S")


def _key(text: str) -> str:
    """A title as compared: lower case, single spaces, no spaces around hyphens."""
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))


def _first_word(text: str) -> str:
    match = _WORD.match(text.lower())
    return match.group(0) if match else ""


@dataclass(slots=True, frozen=True)
class RelationWords:
    """The word lists of ``data/relations.yaml`` (lower case)."""

    titles: dict[str, RelationType]  # title key -> type
    title_starts: frozenset[str]  # first words of titles
    title_length: int  # the most tokens a title can span
    destination_titles: frozenset[str]
    leader_modifiers: frozenset[str]
    copulas: frozenset[str]
    as_verbs: frozenset[str]
    member_nouns: frozenset[str]
    base_verbs: frozenset[str]
    host_verbs: frozenset[str]
    base_nouns: frozenset[str]
    body_part_nouns: frozenset[str]
    state_bodies: frozenset[str]
    government_nouns: frozenset[str]
    group_nouns: frozenset[str]
    tie_nouns: frozenset[str]
    tie_verbs: frozenset[str]
    tie_adjectives: frozenset[str]
    tie_prepositions: frozenset[str]
    cooperation_verbs: frozenset[str]
    possessive_pronouns: frozenset[str]
    state_titles: frozenset[str]
    state_modifiers: frozenset[str]
    parent_words: frozenset[str]
    child_words: frozenset[str]
    personal_pronouns: frozenset[str]
    personal_possessives: frozenset[str]
    location_prepositions: frozenset[str]
    breaking_verbs: frozenset[str]


@functools.cache
def relation_words() -> RelationWords:
    """The shared word lists, loaded once."""
    data = yaml.safe_load(
        resources.files("dossier.data").joinpath("relations.yaml").read_text("utf-8")
    )
    titles: dict[str, RelationType] = {}
    for type_name, words in data["titles"].items():
        for word in words:
            titles[_key(word)] = RelationType(type_name)
    starts = frozenset(_first_word(title) for title in titles)
    length = max(len(_WORD.findall(title)) for title in titles)

    def words(name: str) -> frozenset[str]:
        return frozenset(_key(word) for word in data[name])

    return RelationWords(
        titles=titles,
        title_starts=starts,
        title_length=length,
        destination_titles=words("destination_titles"),
        leader_modifiers=words("leader_modifiers"),
        copulas=words("copulas"),
        as_verbs=words("as_verbs"),
        member_nouns=words("member_nouns"),
        base_verbs=words("base_verbs"),
        host_verbs=words("host_verbs"),
        base_nouns=words("base_nouns"),
        body_part_nouns=words("body_part_nouns"),
        state_bodies=words("state_bodies"),
        government_nouns=words("government_nouns"),
        group_nouns=words("group_nouns"),
        tie_nouns=words("tie_nouns"),
        tie_verbs=words("tie_verbs"),
        tie_adjectives=words("tie_adjectives"),
        tie_prepositions=words("tie_prepositions"),
        cooperation_verbs=words("cooperation_verbs"),
        possessive_pronouns=words("possessive_pronouns"),
        state_titles=words("state_titles"),
        state_modifiers=words("state_modifiers"),
        parent_words=words("parent_words"),
        child_words=words("child_words"),
        personal_pronouns=words("personal_pronouns"),
        personal_possessives=words("personal_possessives"),
        location_prepositions=words("location_prepositions"),
        breaking_verbs=words("breaking_verbs"),
    )


@functools.cache
def _capitals() -> dict[str, str]:
    """Normalised capital name -> ISO code."""
    result: dict[str, str] = {}
    for country in countries().by_code.values():
        capitals = country.capital if isinstance(country.capital, list) else [country.capital]
        for capital in capitals:
            if capital:
                result.setdefault(normalise_name(capital), country.code)
    return result


def find_relations(doc: Doc, entities: list[dict], text: str | None = None) -> list[ReportRelation]:
    """The relations stated in a parsed report between its resolved entities.

    ``entities`` is the report's entity list (``doc._.dossier_entities``);
    subjects and objects are indexes into it. ``text`` is ``doc.text``, passed
    in by callers that hold it already (spaCy rebuilds it on each access).
    One relation per (type, subject, object, role), with the evidence of its
    first statement in the report; in text order.
    """
    if not entities or len(doc) == 0:
        return []
    return _Finder(doc, entities, doc.text if text is None else text).run()


@dataclass(slots=True)
class _Title:
    """A title phrase read: its type, object and role, as token ranges."""

    type: RelationType
    object: int
    role: tuple[int, int]  # token range of the role
    span: tuple[int, int]  # token range of the whole phrase (evidence)


class _Finder:
    """Relations of one report."""

    def __init__(self, doc: Doc, entities: list[dict], text: str) -> None:
        self.doc = doc
        self.text = text
        self.words = relation_words()
        self.entities = entities
        self.types: dict[int, str] = {i: entity["type"] for i, entity in enumerate(entities)}
        # countries named only by a nationality word: negative indexes until a
        # relation needs them, then added to ``entities`` (``country_entity``)
        self.virtual: dict[int, tuple[Country, int]] = {}
        self.real: dict[int, int] = {}
        self.entity_of: list[int] = [-1] * len(doc)  # token -> entity index
        self.mention_of: list[tuple[int, int] | None] = [None] * len(doc)  # token -> mention
        self.by_code: dict[str, int] = {}
        self.by_form: dict[str, int] = {}
        self.by_last_word: dict[str, list[int]] = {}
        self.mentions: list[tuple[int, int, int]] = []  # (entity, start token, end token)
        self.found: dict[tuple, ReportRelation] = {}
        self.org_words = lexicon().org_suffixes
        self.name_words: dict[int, set[str]] = {}  # entity -> words of its names
        self._index(entities)

    # -- the token index

    def _index(self, entities: list[dict]) -> None:
        starts = [token.idx for token in self.doc]
        ambiguous: set[str] = set()
        for index, entity in enumerate(entities):
            if entity["type"] == COUNTRY and entity.get("country"):
                self.by_code.setdefault(entity["country"], index)
            if entity["type"] == ORG:
                words = normalise_name(entity["name"]).split()
                if len(words) > 1:
                    self.by_last_word.setdefault(words[-1], []).append(index)
            forms = {normalise_name(entity["name"])}
            for start_char, end_char, form, *_ in entity["mentions"]:
                forms.add(normalise_name(form))
                first = max(bisect_right(starts, start_char) - 1, 0)
                last = max(bisect_right(starts, end_char - 1) - 1, first)
                span = (first, last + 1)
                self.mentions.append((index, first, last + 1))
                for i in range(first, last + 1):
                    if self.entity_of[i] == -1:
                        self.entity_of[i] = index
                        self.mention_of[i] = span
            self.name_words[index] = {word for form in forms for word in form.split()}
            for form in forms:
                if not form:
                    continue
                if form in self.by_form and self.by_form[form] != index:
                    ambiguous.add(form)
                self.by_form.setdefault(form, index)
        for form in ambiguous:
            del self.by_form[form]

    def entity(self, token: Token) -> int | None:
        index = self.entity_of[token.i]
        return None if index < 0 else index

    def demonym(self, token: Token) -> int | None:
        """The country entity a nationality word stands for ("Ruritanian")."""
        if not token.text[:1].isupper():
            return None
        country = countries().by_demonym_text(token.text)
        if country is None:
            return None
        found = self.by_code.get(country.code)
        if found is None:  # "Russian President X" in a report that never names Russia
            found = -2 - len(self.virtual)
            self.virtual[found] = (country, token.i)
            self.types[found] = COUNTRY
            self.by_code[country.code] = found
        return found

    def materialise(self, index: int) -> int:
        """A report entity's index; a country read from a nationality word is added."""
        if index not in self.virtual:
            return index
        if index not in self.real:
            country, i = self.virtual[index]
            token = self.doc[i]
            real = country_entity(self.entities, country, token.idx, token.text)
            self.real[index] = real
            self.types[real] = COUNTRY
        return self.real[index]

    def country_word(self, token: Token) -> int | None:
        """The country a token names: a country mention or a nationality word."""
        found = self.entity(token)
        if found is not None and self.types[found] == COUNTRY:
            return found
        return self.demonym(token)

    def actor(self, token: Token) -> int | None:
        """The entity a token names: a mention, or a nationality word's country."""
        found = self.entity(token)
        return found if found is not None else self.demonym(token)

    # -- noun phrases to entities

    def phrase_entity(self, head: Token, *, allow_person: bool = False) -> int | None:
        """The entity a noun phrase with this head names, if any.

        A mention at the head; the entity set beside it ("the service, the
        RIS"); a body-part noun of a named body ("the Front leadership"); a
        group noun with a group word ("the Tajik minority"); a common noun
        that repeats the last word of exactly one organization's name ("the
        resistance front"); a proper compound that is an entity's name ("the
        Y force").
        """
        found = self.actor(head)
        if found is not None and (allow_person or self.types[found] != PERSON):
            return found
        for child in head.children:
            if child.dep_ == "appos":
                found = self.entity(child)
                if found is not None and self.types[found] != PERSON:
                    return found
        found = self.apposed_right(head)
        if found is not None:
            return found
        lower = head.lower_
        modifiers = [c for c in head.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        if lower in self.words.body_part_nouns or lower in self.words.group_nouns:
            for modifier in reversed(modifiers):
                found = self.entity(modifier)
                if found is None and modifier.dep_ != "poss":
                    found = self.nominal(modifier)
                if found is not None and self.types[found] in ACTORS:
                    if lower in self.words.group_nouns and self.types[found] != GROUP:
                        continue
                    return found
            return None
        return self.nominal(head)

    def nominal(self, head: Token) -> int | None:
        """A common noun repeating the last word of one organization's name.

        "the resistance front" is the National Resistance Front when it is the
        only organization named "... Front" and "resistance" is in its name;
        a proper compound naming an entity ("the Y force") is that entity.
        """
        if head.pos_ not in {"NOUN", "PROPN"} or self.entity(head) is not None:
            return None
        compounds = [
            c
            for c in self.doc[head.left_edge.i : head.i]
            if c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "PROPN"} and c.head == head
        ]
        if not compounds:
            compounds = [
                c for c in self.doc[max(head.i - 3, 0) : head.i] if c.pos_ in {"NOUN", "PROPN"}
            ]
            compounds = compounds[-1:] if compounds and compounds[-1].i == head.i - 1 else []
        proper = [c for c in compounds if c.tag_ in {"NNP", "NNPS"}]
        if proper and head.lower_ in self.org_words:
            found = self.by_form.get(normalise_name(" ".join(c.text for c in proper)))
            if found is not None and self.types[found] in ACTORS | {PLACE}:
                return found
        options = self.by_last_word.get(normalise_name(head.text), [])
        if len(options) != 1 or not compounds:
            return None
        name_words = self.name_words.get(options[0], set())
        if all(normalise_name(c.text) in name_words for c in compounds):
            return options[0]
        return None

    def apposed_right(self, head: Token) -> int | None:
        """ "the intelligence service, the RIS": the entity after the comma."""
        i = head.i + 1
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        if doc[i].lower_ == "the":
            i += 1
        if i >= len(doc):
            return None
        mention = self.mention_of[i]
        if mention is None or mention[0] != i:
            return None
        after = mention[1]
        if after < len(doc) and doc[after].text not in CLOSERS:
            return None
        found = self.entity_of[i]
        return found if self.types[found] in {ORG, GROUP} else None

    def apposed_left(self, start: int) -> int | None:
        """ "the Front (TF), an armed movement": the entity before the comma."""
        doc = self.doc
        i = start - 1
        if i < 1 or doc[i].text != ",":
            return None
        i -= 1
        if doc[i].text == ")" and i >= 2 and doc[i - 2].text == "(":
            i -= 3
        if i < 0 or self.mention_of[i] is None or self.mention_of[i][1] != i + 1:
            return None
        found = self.entity_of[i]
        return found if self.types[found] in ACTORS else None

    def possessive(self, pronoun: Token) -> int | None:
        """The entity "its"/"their" stands for, when syntax says so, else None."""
        head = pronoun.head
        # "the Y force and its commander X": the coordinated phrase.
        if head.dep_ == "conj":
            found = self.phrase_entity(head.head)
            if found is not None and self.types[found] in ACTORS | {PLACE}:
                return found
        # "Iran ... deploying its militia": the governing clause's subject.
        subject = self.clause_subject(head, exclude=pronoun)
        if subject is None:
            return None
        found = self.phrase_entity(subject)
        if found is not None:
            return found if self.types[found] in ACTORS else None
        return self.members_body(subject)

    def members_body(self, noun: Token) -> int | None:
        """ "X's fighters", "leaders of X": the organization X (or the one person X leads)."""
        if noun.lower_ not in self.words.member_nouns:
            return None
        owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod"}]
        for prep in noun.children:  # "leaders of the Front"
            if prep.dep_ == "prep" and prep.lower_ == "of":
                owners.extend(c for c in prep.children if c.dep_ == "pobj")
        for child in owners:
            found = self.actor(child)
            if found is None:
                continue
            if self.types[found] in ACTORS:
                return found
            if self.types[found] == PERSON:
                led = {
                    r.object
                    for r in self.found.values()
                    if r.type == RelationType.LEADER_OF
                    and r.subject == found
                    and self.types[r.object] == ORG
                }
                if len(led) == 1:
                    return led.pop()
        return None

    def clause_subject(self, token: Token, exclude: Token | None = None) -> Token | None:
        """The subject of the clause a word belongs to, climbing from gerunds.

        "Iran played a game, backing X and maintaining links": "Iran" for
        "maintaining". A relative pronoun gives its antecedent; a participle
        modifying a noun gives the noun. None when no subject is found.
        """
        current = token
        for _ in range(MAX_CLIMB):
            if current.pos_ in {"VERB", "AUX"} or current.dep_ in {"acomp", "ROOT"}:
                for child in current.children:
                    if child.dep_ not in SUBJECT_DEPS:
                        continue
                    if exclude is not None and child.left_edge.i <= exclude.i <= child.right_edge.i:
                        continue
                    if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                        return current.head
                    if child.pos_ == "PRON":
                        return None
                    return child
                if current.dep_ == "acl":
                    return current.head
                if current.dep_ == "relcl":
                    return None
            if current.head == current or current.dep_ in {"ccomp", "parataxis"}:
                return None
            current = current.head
        return None

    # -- recording

    def add(
        self,
        kind: RelationType,
        subject: int | None,
        obj: int | None,
        pieces: Iterable[tuple[int, int] | None],
        role: tuple[int, int] | str | None = None,
    ) -> None:
        """Record a relation; ``pieces`` are token ranges the evidence spans."""
        if subject is None or obj is None or subject == obj:
            return
        ranges = [piece for piece in pieces if piece is not None and piece[0] < piece[1]]
        if not ranges:
            return
        doc = self.doc
        start = doc[min(r[0] for r in ranges)].idx
        last = doc[max(r[1] for r in ranges) - 1]
        end = last.idx + len(last.text)
        if isinstance(role, tuple):
            role_text = self.text[doc[role[0]].idx : doc[role[1] - 1].idx + len(doc[role[1] - 1])]
            role_text = " ".join(role_text.split()) or None
        else:
            role_text = role
        key = (kind, subject, obj, (role_text or "").casefold())
        if key not in self.found:
            subject, obj = self.materialise(subject), self.materialise(obj)
            self.found[key] = ReportRelation(kind, subject, obj, (start, end), role_text)

    # -- the run

    def run(self) -> list[ReportRelation]:
        people = [(e, s, t) for e, s, t in self.mentions if self.types[e] == PERSON]
        for entity, start, end in people:
            self.titles_of(entity, start, end)
        for entity, start, end in self.mentions:
            if self.types[entity] == ORG:
                self.state_body(entity, start, end)
        based_nouns: list[Token] = []
        host_verbs: list[Token] = []
        for token in self.doc:
            lower = token.lower_
            if lower in self.words.base_nouns and token.pos_ == "NOUN":
                based_nouns.append(token)
            elif token.lemma_.lower() in self.words.base_verbs and token.pos_ == "VERB":
                self.based_verb(token)
            elif token.lemma_.lower() in self.words.host_verbs and token.pos_ == "VERB":
                host_verbs.append(token)
            elif lower == "including":
                self.including(token)
            elif lower in self.words.tie_nouns and token.pos_ == "NOUN":
                self.tie_noun(token)
            elif lower in self.words.tie_adjectives and token.pos_ in {"ADJ", "VERB"}:
                self.tie_adjective(token)
            elif token.lemma_.lower() in self.words.cooperation_verbs and token.pos_ == "VERB":
                self.cooperation(token)
            elif lower in self.words.government_nouns:
                self.government_of(token)
        for token in based_nouns:  # after the leaders are known ("their base")
            self.based_noun(token)
        for token in host_verbs:
            self.hosted(token)
        return sorted(self.found.values(), key=lambda r: (r.evidence, r.type.value))

    # -- titles beside a person's name

    def titles_of(self, entity: int, start: int, end: int) -> None:
        doc = self.doc
        if self.is_office(start, end):
            # "the head of the Ruritanian intelligence service": a person by office
            self.title_relation(entity, (start, start), (start, end))
            return
        name_start = start
        while name_start < end - 1:  # "President X" as one mention
            match = self.title_at(name_start, end - 1)
            if match is None:
                break
            name_start = match[1]
        # after the name: "X, a senior member of Y" / "X (the son of Y)"
        if end < len(doc) and doc[end].text in {",", "("}:
            phrase = self.scan_right(end + 1)
            if phrase is not None and (self.closed(phrase[1]) or self.linked((start, end), phrase)):
                self.title_relation(entity, (start, end), phrase)
        if name_start == start and start >= 2 and doc[start - 1].text == ",":
            # before the name and a comma: "Y's special envoy for Z, X,"
            if doc[start - 2].pos_ in {"NOUN", "PROPN"}:
                first = self.trim_left(self.scan_left(start - 2), start - 2, end, 1)
                phrase = (first, start - 1)
                if self.closed(end) or self.linked((start, end), phrase):
                    self.title_relation(entity, (start, end), phrase)
        elif name_start > 0 and not doc[name_start - 1].is_punct:
            # right before the name: "Y's acting foreign minister X", "Ruritanian President X"
            first = self.scan_left(name_start - 1)
            # the title's head may hang elsewhere when the name is set beside it
            roots = int(first <= self.root_of(start, end).head.i < name_start)
            first = self.trim_left(first, name_start - 1, end, roots)
            phrase = (first, name_start)
            if name_start > start or self.linked((start, end), phrase):
                self.title_relation(entity, (name_start, end), phrase, at_end=True)
        self.copular(entity, start, end)

    def is_office(self, start: int, end: int) -> bool:
        """Whether a person mention names an office, not a person: "the French
        president", "the leader of the Y Front" (but not "President X")."""
        doc = self.doc
        i = start
        while i < end:
            match = self.title_at(i, end)
            if match is not None:
                after = match[1]
                return after == end or doc[after].pos_ == "ADP"
            if doc[i].tag_ in {"NNP", "NNPS"} and self.demonym(doc[i]) is None:
                return False
            i += 1
        return False

    def closed(self, i: int) -> bool:
        """Whether token i ends an apposition (a comma, a bracket, the sentence's end)."""
        return i >= len(self.doc) or self.doc[i].text in CLOSERS

    def copular(self, entity: int, start: int, end: int) -> None:
        """ "X is the leader of Y", "X, who is the son of Y", "X serves as envoy to Y"."""
        root = self.root_of(start, end)
        verbs = []
        if root.dep_ in SUBJECT_DEPS:
            verbs.append(root.head)
        for child in root.children:
            if child.dep_ == "relcl" and any(
                c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in child.children
            ):
                verbs.append(child)
        for verb in verbs:
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            lemma = verb.lemma_.lower()
            heads = []
            if lemma in self.words.copulas:
                heads = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
            elif lemma in self.words.as_verbs:
                heads = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ == "as":
                        heads.extend(c for c in prep.children if c.dep_ == "pobj")
            for head in heads[:1]:
                phrase = self.scan_right(head.left_edge.i)
                if phrase is not None and phrase[0] <= head.i < phrase[1]:
                    self.title_relation(entity, (start, end), phrase)

    def title_at(self, i: int, limit: int) -> tuple[RelationType, int] | None:
        """The longest title starting at token i (ending before ``limit``): (type, end)."""
        doc = self.doc
        token = doc[i]
        if _first_word(token.text) not in self.words.title_starts:
            return None
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and not (
            token.pos_ == "VERB" and token.dep_ in {"amod", "compound"}  # "managing director"
        ):
            return None
        best = None
        text = ""
        for j in range(i, min(limit, i + self.words.title_length + 2)):
            text += doc[j].text + (doc[j].whitespace_ if j + 1 < limit else "")
            kind = self.words.titles.get(_key(text))
            if kind is not None:
                best = (kind, j + 1)
        return best

    def allowed(self, token: Token) -> bool:
        """Whether a token may stand inside a title phrase."""
        if token.is_space or "\n" in token.whitespace_:
            return False
        if token.ent_type_ in {"DATE", "TIME"} and self.entity_of[token.i] < 0:
            return False  # "last week US Treasury Secretary X"
        if token.text == "-" or token.tag_ == "POS" or self.entity_of[token.i] >= 0:
            return True
        if token.pos_ in PHRASE_POS:
            return token.lower_ not in RELATIVE_PRONOUNS
        if token.tag_ == "PRP$":
            return token.lower_ in self.words.possessive_pronouns
        return token.dep_ in {"amod", "compound"} and token.pos_ == "VERB"  # "acting"

    def scan_right(self, start: int) -> tuple[int, int] | None:
        """The title phrase starting at token ``start`` (exclusive end), or None."""
        doc = self.doc
        i = start
        while i < len(doc):
            token = doc[i]
            if i > start and token.is_sent_start:
                break
            if token.pos_ == "CCONJ":
                # "to Canada and France": names joined; otherwise the phrase ends.
                if i + 1 < len(doc) and self.entity_of[i + 1] >= 0 and i > start:
                    i += 1
                    continue
                break
            if token.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")":
                i += 3  # "the National Front (NF)"
                continue
            if not self.allowed(token):
                break
            i += 1
        return (start, i) if i > start else None

    def scan_left(self, last: int) -> int:
        """The first token of the title phrase ending at token ``last``."""
        doc = self.doc
        i = last
        while i > 0:
            token = doc[i]
            if token.is_sent_start:
                break
            previous = doc[i - 1]
            if token.tag_ == "PRP$":
                break
            if token.pos_ == "DET" and not (previous.pos_ == "ADP" and previous.lower_ != "as"):
                break
            if previous.pos_ == "ADP" and previous.tag_ != "POS":
                before = doc[i - 2] if i > 1 else None
                if before is None or before.pos_ not in {"NOUN", "PROPN"}:
                    break
            if not self.allowed(previous) or previous.pos_ == "CCONJ":
                break
            i -= 1
        return i

    def trim_left(self, first: int, last: int, name_end: int, roots: int) -> int:
        """Drop leading words the parse does not attach inside the phrase or the name.

        A phrase right before a name hangs wholly on the name (``roots`` 0),
        unless the name hangs on it; one set off by a comma has one word, its
        head, attached elsewhere (``roots`` 1). "after the announcement Y
        spokesman X" loses "after the announcement".
        """
        doc = self.doc
        for start in range(first, last + 1):
            outside = sum(
                1 for token in doc[start : last + 1] if not start <= token.head.i < name_end
            )
            if outside <= roots:
                # keep hyphenated words whole: "co-chairman", "non-resident"
                while start > first and (
                    doc[start].text == "-"
                    or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
                ):
                    start -= 1
                return start
        return last + 1

    def root_of(self, start: int, end: int) -> Token:
        for token in self.doc[start:end]:
            if not start <= token.head.i < end or token.head == token:
                return token
        return self.doc[end - 1]

    def linked(self, name: tuple[int, int], phrase: tuple[int, int]) -> bool:
        """Whether a dependency arc joins the name and the phrase."""
        for token in self.doc[phrase[0] : phrase[1]]:
            if name[0] <= token.head.i < name[1]:
                return True
        root = self.root_of(*name)
        return phrase[0] <= root.head.i < phrase[1]

    def read_title(
        self,
        start: int,
        end: int,
        subject: int,
        *,
        at_end: bool = False,
        name: tuple[int, int] | None = None,
    ) -> _Title | None:
        """Read a title phrase: its title word, object and role (None if it has none).

        ``at_end``: the title must end the phrase (a title right before a name).
        ``name``: the holder's mention, for a state title that names no state.
        """
        doc = self.doc
        i = start
        definite = True
        while i < end and doc[i].lower_ in ARTICLES:
            definite = doc[i].lower_ not in INDEFINITE
            i += 1
        owner = self.owner(i, end)
        if owner is False:
            return None
        body = owner[2] if owner else i
        title = self.find_title(body, end, subject)
        if title is None or (at_end and title[2] != end):
            return None
        kind, title_start, title_end, stop = title
        obj: int | None = None
        obj_range: tuple[int, int] | None = None
        role_start, role_end = body, end
        unit = False  # "head of foreign affairs for Y": the head of a part of Y
        via_state = False
        if owner:
            obj, obj_range = owner[0], (owner[1], owner[2])
        else:
            found = self.modifier_object(body, title_start, subject)
            if found is not None:
                obj, obj_range = found
                if obj_range[0] == body:
                    role_start = obj_range[1]
        if owner is None and obj is None:
            found = self.pp_object(kind, title_start, title_end, stop, end, subject)
            if found is not None:
                obj, obj_range, role_end, via_state, unit = found
        else:
            if stop < end and doc[stop].lower_ == "of":
                unit = True  # "Y's head of research"
            for k in range(stop, end):  # "envoy for Z" stays, "minister at the time" goes
                if doc[k].pos_ == "ADP" and self.entity_of[k] < 0:
                    if doc[k].lower_ not in ROLE_PREPOSITIONS:
                        role_end = k
                        break
        state_office = False
        if obj is None and owner is None and stop == end and name is not None:
            # "X, the former vice-president", "President X": the state the sentence names
            if self.state_title(body, title_start, title_end):
                obj = self.context_state(start, end, name)
                state_office = obj is not None
        if obj is None or subject == obj:
            return None
        if kind == RelationType.RELATIVE_OF:
            if self.types[obj] != PERSON or self.types[subject] != PERSON:
                return None
        elif self.types[obj] == PERSON or (
            kind != RelationType.MEMBER_OF and self.types[subject] != PERSON
        ):
            return None
        if via_state and kind != RelationType.MEMBER_OF:
            kind = RelationType.OFFICE_HOLDER_OF  # "head of the Ruritanian intelligence service"
        if kind == RelationType.LEADER_OF:
            if unit or self.part_leader(role_start, title_start, obj_range):
                kind = RelationType.OFFICE_HOLDER_OF  # "deputy head", "head of research"
            elif not definite and not owner and not state_office:
                kind = RelationType.MEMBER_OF  # "a Front commander"
        while role_end > role_start and doc[role_end - 1].is_punct:
            role_end -= 1
        span = (start, max(end, obj_range[1])) if obj_range else (start, end)
        return _Title(kind, obj, (role_start, role_end), span)

    def owner(self, start: int, end: int) -> tuple[int | None, int, int] | bool | None:
        """A possessor before the title: (entity or None, first token, token after "'s").

        None when there is none; False for "his"/"her" (not resolved here).
        """
        doc = self.doc
        for j in range(start, end):
            token = doc[j]
            if j + 1 < end and doc[j + 1].tag_ == "POS":
                return self.phrase_entity(token, allow_person=True), start, j + 2
            if token.tag_ == "PRP$":
                if token.lower_ not in self.words.possessive_pronouns:
                    return False
                return self.possessive(token), j, j + 1
            if token.pos_ == "ADP" or self.title_at(j, end) is not None:
                return None
        return None

    def find_title(
        self, body: int, end: int, subject: int
    ) -> tuple[RelationType, int, int, int] | None:
        """The title at the head of the phrase: (type, start, end, first token after it).

        The last title before the first preposition that is not part of a
        name; it must end the noun ("a spokesman office" has none), and be
        singular ("two commanders" give nothing).
        """
        doc = self.doc
        title = None
        j = body
        stop = end
        while j < end:
            match = self.title_at(j, end)
            if match is not None:
                title = (match[0], j, match[1])
                j = match[1]
                continue
            token = doc[j]
            if token.text == "(" or (
                token.pos_ == "ADP" and token.tag_ != "POS" and self.entity_of[j] in (-1, subject)
            ):
                stop = j
                break
            j += 1
        if title is None or title[2] != stop:
            return None
        kind, title_start, title_end = title
        head = next(
            (doc[k - 1] for k in range(title_start + 1, title_end) if doc[k].pos_ == "ADP"),
            doc[title_end - 1],
        )
        if head.tag_ in {"NNS", "NNPS"}:
            return None
        return kind, title_start, title_end, stop

    def modifier_object(
        self, body: int, title_start: int, subject: int
    ) -> tuple[int, tuple[int, int]] | None:
        """A name or nationality word before the title: "a former Ruritanian ambassador"."""
        doc = self.doc
        for k in range(title_start - 1, body - 1, -1):
            token = doc[k]
            if k + 1 < len(doc) and doc[k + 1].text == "-" and k + 1 < title_start:
                continue  # "the UK-based chairman", "Front-run"
            found = self.actor(token)
            if found is not None and (
                found == subject
                or self.types[found] == GROUP  # "a Pashtun commander": who he is, not whose
                or (self.mention_of[k] and self.mention_of[k][1] > title_start)
            ):
                continue
            nominal = False
            if found is None and token.pos_ in {"NOUN", "PROPN"} and k == title_start - 1:
                found = self.nominal(token)
                nominal = True
            if found is None:
                continue
            first = k
            while first > body and (
                self.entity_of[first - 1] == found
                or (nominal and doc[first - 1].pos_ in {"NOUN", "PROPN"})
            ):
                first -= 1  # the whole name, or "resistance front"
            return found, (first, k + 1)
        return None

    def pp_object(
        self,
        kind: RelationType,
        title_start: int,
        title_end: int,
        stop: int,
        end: int,
        subject: int,
    ) -> tuple[int, tuple[int, int], int, bool, bool] | None:
        """The object in a phrase after the title: "member of Y", "head of X for Y".

        (entity, its tokens, role end, reached through a state body, the title
        heads a part first), or None. "for"/"to" after an envoy's or an
        ambassador's title name the post, not the employer.
        """
        doc = self.doc
        destination = _key(doc[title_start:title_end].text) in self.words.destination_titles
        relative = kind == RelationType.RELATIVE_OF
        unit = False
        k = stop
        while k < end:
            prep = doc[k]
            np_end = k + 1
            while np_end < end and not (
                doc[np_end].pos_ == "ADP" and self.entity_of[np_end] in (-1, subject)
            ):
                np_end += 1
            if prep.lower_ in PREPOSITIONS and not (
                destination and prep.lower_ in DESTINATION_PREPS
            ):
                head = self.phrase_head(k + 1, np_end)
                if head is not None:
                    found = self.phrase_entity(head, allow_person=relative)
                    if found is None and self.entity_of[head.i] == subject:
                        found = self.named_inside(k + 1, head.i + 1)
                    if found is not None and found != subject:
                        return found, (k + 1, np_end), k, False, unit
                    found = None if relative else self.state_of(head, k + 1)
                    if found is not None:
                        return found, (k + 1, np_end), np_end, True, unit
                    if k == stop and prep.lower_ == "of":
                        unit = True
            elif k == stop:
                return None  # "an ambassador to Y": no employer named
            k = np_end
        return None

    def named_inside(self, start: int, end: int) -> int | None:
        """An entity named, word for word, inside a person named by office ("the leader
        of the Mountain Front" when the Mountain Front is an entity of the report)."""
        doc = self.doc
        while start < end and doc[start].lower_ in ARTICLES:
            start += 1
        found = self.by_form.get(normalise_name(doc[start:end].text)) if start < end else None
        return found if found is not None and self.types[found] in ACTORS else None

    def state_title(self, body: int, title_start: int, title_end: int) -> bool:
        """Whether a title is a state's office: "vice-president", "presidential adviser"."""
        if _key(self.doc[title_start:title_end].text) in self.words.state_titles:
            return True
        return any(t.lower_ in self.words.state_modifiers for t in self.doc[body:title_start])

    def context_state(self, start: int, end: int, name: tuple[int, int]) -> int | None:
        """The one country a sentence names outside the holder's own clause.

        The holder's clause (the nearest verb above the name, with all it
        governs) is left out: what the holder does, says or undergoes there
        ("President X warned Y", "Y asked President X", "X said Y...") names
        other states as often as the holder's own. Countries are named by a
        country mention, a nationality word or a capital city.
        """
        doc = self.doc
        clauses = []
        clause = self.root_of(*name)
        while clause.pos_ not in {"VERB", "AUX"} and clause.head != clause:
            clause = clause.head
        clauses.append(clause)
        after = max(end, name[1])  # "X, a former adviser, said": the verb after the comma
        if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ == "VERB":
            clauses.append(doc[after + 1])
        if not any(c.pos_ in {"VERB", "AUX"} for c in clauses):
            return None
        left_out = {i for c in clauses for i in range(c.left_edge.i, c.right_edge.i + 1)}
        sentence = doc[name[0]].sent
        found = set()
        for token in sentence:
            if token.i in left_out or start <= token.i < end or name[0] <= token.i < name[1]:
                continue
            if self.as_place(token):
                continue  # "fled to Z": a place things happen, not whose office
            country = self.country_word(token)
            if country is None:
                place = self.entity(token)
                if place is not None and self.types[place] == PLACE:
                    country = self.capital_country(place)
            if country is not None:
                found.add(country)
        return found.pop() if len(found) == 1 else None

    def as_place(self, token: Token) -> bool:
        """Whether a word names where something happens ("fled to Z"), not a tie
        ("close to Z", "links to Z")."""
        prep = token.head
        if token.dep_ != "pobj" or prep.lower_ not in self.words.location_prepositions:
            return False
        word = prep.head.lower_
        return word not in self.words.tie_nouns and word not in self.words.tie_adjectives

    def part_leader(
        self, role_start: int, title_start: int, obj_range: tuple[int, int] | None
    ) -> bool:
        """Whether words before a leader's title make it the head of a part ("deputy
        head", "military commander", "research director")."""
        for token in self.doc[role_start:title_start]:
            if obj_range and obj_range[0] <= token.i < obj_range[1]:
                continue
            if token.is_punct or token.text == "-" or token.lower_ in self.words.leader_modifiers:
                continue
            return True
        return False

    def phrase_head(self, start: int, end: int) -> Token | None:
        """The head noun of a surface noun phrase: its last noun before a bracket or
        a conjunction ("Canada and France": Canada)."""
        head = None
        for token in self.doc[start:end]:
            if token.text == "(" or (token.pos_ == "CCONJ" and head is not None):
                break
            if token.pos_ in {"NOUN", "PROPN"} or self.entity_of[token.i] >= 0:
                head = token
        return head

    def state_of(self, head: Token, start: int) -> int | None:
        """ "the Ruritanian foreign ministry": the country of a state body."""
        if head.lower_ not in self.words.state_bodies:
            return None
        for token in reversed(self.doc[start : head.i]):
            found = self.country_word(token)
            if found is None:
                found = self.entity(token)  # "the Front-run cabinet"
                if found is not None and self.types[found] not in {ORG, COUNTRY}:
                    found = None
            if found is not None:
                return found
        return None

    def title_relation(
        self,
        subject: int,
        name: tuple[int, int],
        phrase: tuple[int, int],
        *,
        at_end: bool = False,
    ) -> None:
        title = self.read_title(phrase[0], phrase[1], subject, at_end=at_end, name=name)
        if title is None:
            return
        pieces = [name, title.span, title.role]
        end = title.span[1]
        if end < len(self.doc) and self.doc[end].text == ",":  # "head of the X service, the XS"
            for i in range(end + 1, min(end + 4, len(self.doc))):
                if self.entity_of[i] == title.object:
                    pieces.append(self.mention_of[i])
                    break
        self.add(title.type, subject, title.object, pieces, title.role)

    # -- bases

    def based_verb(self, verb: Token) -> None:
        """ "which is based in Z", "who lives in Z", "based in Z", "the Z-based Y"."""
        doc = self.doc
        if any(c.dep_ == "neg" for c in verb.children) or self.past(verb):
            return
        if verb.lower_ == "based" and verb.i >= 2 and doc[verb.i - 1].text == "-":
            place = self.entity(doc[verb.i - 2])
            subject = self.phrase_entity(verb.head, allow_person=True)
            if subject is not None and self.types[subject] not in {PERSON, ORG}:
                return
            if place is not None and self.types[place] in {PLACE, COUNTRY}:
                self.add(RelationType.BASED_IN, subject, place, [(verb.i - 2, verb.head.i + 1)])
            return
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects:
                continue
            place = self.phrase_entity(objects[0])
            if place is None or self.types[place] not in {PLACE, COUNTRY}:
                continue
            if verb.dep_ in {"relcl", "acl"}:
                holder = self.antecedent(verb)
            else:
                holder = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
                if holder is not None and holder.lower_ in RELATIVE_PRONOUNS:
                    holder = verb.head if verb.dep_ == "relcl" else None
            if holder is None:
                continue
            subject = self.described(holder)
            if subject is None or self.types[subject] not in {PERSON, ORG}:
                continue  # "a Kurd living in Y" is one person, not the group
            start = holder.left_edge.i if holder.i < verb.i else verb.i
            pieces = [(start, objects[0].i + 1), self.mention_before(subject, holder)]
            self.add(RelationType.BASED_IN, subject, place, pieces)

    def antecedent(self, clause: Token) -> Token:
        """The noun a relative clause or participle hangs on.

        The word just before its comma ("X and Y, who lives in Z": Y) when it
        ends a mention, else the parse's head.
        """
        first = clause.left_edge.i
        if first >= 2 and self.doc[first - 1].text == ",":
            mention = self.mention_of[first - 2]
            if mention is not None and mention[1] == first - 1:
                return self.doc[first - 2]
        return clause.head

    def past(self, verb: Token) -> bool:
        if verb.tag_ == "VBD":
            return True
        return any(
            c.dep_ in {"aux", "auxpass"} and (c.tag_ == "VBD" or c.lower_ == "had")
            for c in verb.children
        )

    def hosted(self, verb: Token) -> None:
        """Ruritania "hosts"/"is hosting" the Front or its leaders: the Front is based there.

        Present and progressive forms only: "hosted the Front's leaders" tells
        of a visit, not a base.
        """
        if verb.tag_ not in {"VBG", "VBZ", "VBP"} or any(
            c.dep_ == "neg" or c.lower_ in {"will", "would", "did"} for c in verb.children
        ):
            return
        guest = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if guest is None:
            return
        found = self.phrase_entity(guest)
        if found is None or self.types[found] != ORG:
            found = self.members_body(guest)
        if found is None:
            return
        holder = self.clause_subject(verb)
        if holder is None:
            return
        host = self.phrase_entity(holder)
        if host is None or self.types[host] not in {COUNTRY, PLACE}:
            return
        pieces = [(verb.i, guest.i + 1)]
        if holder.sent == verb.sent:
            pieces.append((holder.left_edge.i, holder.i + 1))
        self.add(RelationType.BASED_IN, found, host, pieces)

    def based_noun(self, noun: Token) -> None:
        """ "from their base in Z", "the Front's headquarters in Z"."""
        place = None
        end = noun.i + 1
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        place = self.phrase_entity(obj)
                        end = obj.i + 1
        if place is None or self.types[place] not in {PLACE, COUNTRY}:
            return
        for child in noun.children:
            if child.dep_ != "poss":
                continue
            if child.tag_ == "PRP$":
                if child.lower_ not in self.words.possessive_pronouns:
                    continue
                subject = self.possessive(child)
            else:
                subject = self.phrase_entity(child, allow_person=True)
            if subject is not None and self.types[subject] in {PERSON, ORG}:
                self.add(RelationType.BASED_IN, subject, place, [(child.left_edge.i, end)])

    # -- membership

    def including(self, token: Token) -> None:
        """ "Y, including members of W" and "members of W, including X"."""
        doc = self.doc
        i = token.i
        # forward: the entity before, members of an entity after
        before = i - 1 if i > 0 and doc[i - 1].text != "," else i - 2
        whole = self.entity_of[before] if before >= 0 else -1
        j = i + 1
        while j < len(doc) and doc[j].pos_ in {"ADJ", "DET"}:
            j += 1
        if (
            whole >= 0
            and self.types[whole] in {ORG, GROUP, COUNTRY}
            and j + 1 < len(doc)
            and doc[j].lower_ in self.words.member_nouns
            and doc[j + 1].lower_ == "of"
        ):
            k = j + 2
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
            part = self.entity_of[k] if k < len(doc) else -1
            if part >= 0 and self.types[part] in {ORG, GROUP}:
                mention = self.mention_of[k]
                start = self.mention_of[before][0] if self.mention_of[before] else before
                self.add(RelationType.MEMBER_OF, part, whole, [(start, mention[1])])
            return
        # backward: "members of W, including X and Z"
        if before < 0 or doc[i - 1].text != ",":
            return
        mention = self.mention_of[before]
        if mention is None or self.types[self.entity_of[before]] not in {ORG, GROUP}:
            return
        k = mention[0] - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 1 or doc[k].lower_ != "of" or doc[k - 1].lower_ not in self.words.member_nouns:
            return
        group = self.entity_of[before]
        j = i + 1
        while j < len(doc):
            if doc[j].text in {",", "and"} or doc[j].lower_ == "the":
                j += 1
                continue
            member = self.mention_of[j]
            if member is None or member[0] != j:
                break
            self.add(RelationType.MEMBER_OF, self.entity_of[j], group, [(k - 1, member[1])])
            j = member[1]

    # -- a state's bodies

    def state_body(self, entity: int, start: int, end: int) -> None:
        """A body tied to a country: "Ruritania's RIS", "the Y Guard Corps (YGC) of
        Ruritania", "Ruritanian intelligence service, the RIS", "its militia, the V".

        Role "part of" where the body's names or the noun beside it say it is a
        state's (``state_bodies``); a possessor alone says less ("Ruritania's
        Y" is as often a company or a party), so it gives role "home country".
        """
        doc = self.doc
        state_name = bool(self.name_words.get(entity, set()) & self.words.state_bodies)
        # possessor: "Ruritania's RIS"
        if start >= 2 and doc[start - 1].tag_ == "POS" and start <= doc[start - 2].head.i < end:
            owner = self.entity(doc[start - 2])
            if owner is not None and self.types[owner] == COUNTRY:
                first = self.mention_of[start - 2][0]
                role = PART_OF if state_name else HOME_COUNTRY
                self.add(RelationType.OTHER, entity, owner, [(first, end)], role)
                return
        if not state_name:
            self.beside_body(entity, start, end)
            return
        # a nationality word before a state body's name: "the Ruritanian Army"
        if start >= 1:
            owner = self.demonym(doc[start - 1])
            if owner is not None:
                self.add(RelationType.OTHER, entity, owner, [(start - 1, end)], PART_OF)
                return
        # "of Ruritania" after the name (and its acronym)
        i = end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            i += 3
        if i + 1 < len(doc) and doc[i].lower_ == "of":
            k = i + 1 + (doc[i + 1].lower_ == "the")
            owner = self.entity(doc[k]) if k < len(doc) else None
            if owner is not None and self.types[owner] == COUNTRY:
                last = self.mention_of[k][1]
                self.add(RelationType.OTHER, entity, owner, [(start, last)], PART_OF)
                return
        self.beside_body(entity, start, end)

    def beside_body(self, entity: int, start: int, end: int) -> None:
        """ "Ruritanian intelligence service, the RIS", "its militia, the V": a body set
        beside a definite or possessed noun of a body tied to a country or organization."""
        doc = self.doc
        i = start - 1
        if i >= 1 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].text != "," or not self.closed(end) or doc[i - 1].pos_ != "NOUN":
            return
        noun = doc[i - 1]
        if noun.lower_ not in self.words.state_bodies and noun.lower_ not in self.org_words:
            return
        if noun.tag_ == "NNS":
            return  # "UK exporters, Y": a list
        owner = None
        owner_end = noun.left_edge.i
        for child in noun.lefts:
            if child.dep_ == "det" and child.lower_ in INDEFINITE:
                return  # "a US court, Y": a list or a description
            if child.tag_ == "PRP$":
                if child.lower_ in self.words.possessive_pronouns:
                    owner, owner_end = self.possessive(child), child.i + 1
            elif child.dep_ in {"poss", "amod", "compound", "nmod"} and owner is None:
                found = self.country_word(child)
                named = self.entity(child)
                if found is None and named is not None and self.types[named] == ORG:
                    found = named
                mention = self.mention_of[child.i]
                if found is not None and found == named and mention and mention[1] > noun.i:
                    found = None  # "the Atlanta university, Y": the noun is in the name
                if found is not None:
                    owner, owner_end = found, child.i + 1
        if owner is None or self.types[owner] not in {COUNTRY, ORG}:
            return
        if noun.lower_ in self.words.state_bodies:
            role: tuple[int, int] | str = PART_OF
        else:
            first = owner_end
            while first < noun.i and (doc[first].tag_ == "POS" or doc[first].is_punct):
                first += 1
            role = (first, noun.i + 1)  # "Shia militia"
        self.add(RelationType.OTHER, entity, owner, [(noun.left_edge.i, end)], role)

    # -- a government's leader

    def government_of(self, noun: Token) -> None:
        """ "the Ruritanian government of X": X leads the government's entity."""
        body = self.entity(noun)
        if body is None or self.types[body] not in {COUNTRY, ORG}:
            return
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                leader = self.entity(obj) if obj.dep_ == "pobj" else None
                if leader is not None and self.types[leader] == PERSON:
                    first = self.mention_of[noun.i][0]
                    self.add(RelationType.LEADER_OF, leader, body, [(first, obj.i + 1)])

    # -- the report's focus person, for "he", "his" and "his father"

    @functools.cached_property
    def focus_person(self) -> int | None:
        """The person the report is about: named at least three times, and at least
        twice as often as any other person."""
        counts = Counter(e for e, _, _ in self.mentions if self.types[e] == PERSON)
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 3:
            return None
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return ranked[0][0]

    def pronoun_subject(self, verb: Token) -> Token | None:
        """A "he"/"she" subject of a verb."""
        return next(
            (
                c
                for c in verb.children
                if c.dep_ in SUBJECT_DEPS and c.lower_ in self.words.personal_pronouns
            ),
            None,
        )

    def personal(self, token: Token) -> int | None:
        """The person "he"/"his" or "his father" stands for, if the report says enough.

        A personal pronoun is the report's focus person when that person is
        named in its sentence or the one before and the pronoun is not inside
        the reported words of someone else ("Y said he..."); a kin word after
        "his"/"her" ("his father") is the one relative of that kind a kinship
        relation of the report gives the focus person ("X, the son of W").
        """
        lower = token.lower_
        if lower in self.words.personal_pronouns or lower in self.words.personal_possessives:
            return self.focus(token)
        if lower not in self.words.parent_words | self.words.child_words:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in self.words.personal_possessives:
            return None
        person = self.focus(owner)
        return None if person is None else self.kin(person, lower in self.words.parent_words)

    def focus(self, pronoun: Token) -> int | None:
        person = self.focus_person
        if person is None:
            return None
        sentence = pronoun.sent
        first = sentence.start
        if first > 0:
            first = self.doc[first - 1].sent.start
        if not any(self.entity_of[i] == person for i in range(first, pronoun.i)):
            return None
        current = pronoun
        for _ in range(MAX_CLIMB):  # "Y said he was close to W": he may be Y
            if current.head == current:
                break
            if current.dep_ in {"ccomp", "xcomp", "parataxis"}:
                speakers = [c for c in current.head.children if c.dep_ in SUBJECT_DEPS]
                if any(self.entity(c) not in (None, person) for c in speakers):
                    return None
            current = current.head
        return person

    def kin(self, person: int, parent: bool) -> int | None:
        """The one parent (or child) of a person the report's kinship relations give."""
        found = set()
        for relation in self.found.values():
            if relation.type != RelationType.RELATIVE_OF or not relation.role:
                continue
            word = relation.role.lower().split()[-1]
            mine = self.words.child_words if parent else self.words.parent_words
            theirs = self.words.parent_words if parent else self.words.child_words
            if relation.subject == person and word in mine:
                found.add(relation.object)
            elif relation.object == person and word in theirs:
                found.add(relation.subject)
        return found.pop() if len(found) == 1 else None

    # -- ties

    def tie_objects(self, word: Token) -> list[tuple[int, Token]]:
        """The entities of the "to"/"with" phrase after a tie word.

        Coordinated names count each ("ties to Y and W"), and a description
        counts by the name set beside it ("acquainted with the current
        commander, X, and the supreme leader, W").
        """
        preps = [c for c in word.children if c.dep_ == "prep"]
        for child in word.children:
            if child.dep_ == "advmod":  # "associated primarily with"
                preps.extend(c for c in child.children if c.dep_ == "prep")
        for prep in preps:
            if prep.lower_ not in self.words.tie_prepositions:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                found: dict[int, Token] = {}
                queue = [obj]
                while queue:
                    noun = queue.pop(0)
                    entity = self.phrase_entity(noun, allow_person=True)
                    if entity is not None:
                        found.setdefault(entity, noun)
                    queue.extend(c for c in noun.children if c.dep_ in {"conj", "appos"})
                if found:
                    return [(entity, noun) for entity, noun in found.items()]
        return []

    def described(self, token: Token) -> int | None:
        """The entity a noun phrase names, or the one it describes when set beside it
        with "a"/"an" ("the Front (TF), an armed movement")."""
        found = self.phrase_entity(token, allow_person=True)
        if found is None and self.doc[token.left_edge.i].lower_ in INDEFINITE:
            found = self.apposed_left(token.left_edge.i)
        return found

    def mention_before(self, entity: int, token: Token) -> tuple[int, int] | None:
        """The entity's mention a described phrase stands beside (for evidence)."""
        if self.entity_of[token.i] == entity:
            return self.mention_of[token.i]
        sentence_start = token.sent.start
        for i in range(token.left_edge.i - 1, max(sentence_start, token.left_edge.i - 6) - 1, -1):
            if self.entity_of[i] == entity:
                return self.mention_of[i]
        return None

    def tie_subject(self, token: Token) -> int | None:
        """The entity holding a tie; a capital city acting stands for its country."""
        found = self.described(token)
        if found is None:
            return None
        if self.types[found] == PLACE:
            return self.capital_country(found)
        return found

    def capital_country(self, place: int) -> int | None:
        """A capital city acting ("Moscow keeps links to Y") stands for its country."""
        for form, index in self.by_form.items():
            if index == place:
                code = _capitals().get(form)
                if code is not None:
                    return self.by_code.get(code)
        return None

    def tie_noun(self, noun: Token) -> None:
        """ "Y's ties to W", "Y has long held ties to W"."""
        if any(c.lower_ == "no" for c in noun.children):
            return
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.words.breaking_verbs:
            return  # "Y cut its ties with W"
        targets = self.tie_objects(noun)
        if not targets:
            return
        role_start = noun.i
        while role_start > noun.left_edge.i and self.doc[role_start - 1].dep_ in {
            "amod",
            "compound",
            "punct",
            "advmod",
        }:
            role_start -= 1
        while self.doc[role_start].is_punct:
            role_start += 1
        role = (role_start, noun.i + 1)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        subject = None
        subject_token = None
        if owner is not None and owner.tag_ != "PRP$":
            subject = self.tie_subject(owner)
            subject_token = owner
        elif owner is not None and owner.lower_ in self.words.possessive_pronouns:
            subject = self.possessive(owner)
        elif owner is not None and owner.lower_ in self.words.personal_possessives:
            subject = self.personal(owner)  # "his ties to W"
        if subject is None and noun.dep_ == "dobj":
            verb = noun.head
            if verb.lemma_.lower() in self.words.tie_verbs and not any(
                c.dep_ == "neg" for c in verb.children
            ):
                subject_token = self.clause_subject(verb)
                if subject_token is not None:
                    subject = self.tie_subject(subject_token)
                else:
                    pronoun = self.pronoun_subject(verb)  # "he has ties to W"
                    subject = self.personal(pronoun) if pronoun is not None else None
        if subject is None:
            return
        for obj, obj_token in targets:
            pieces = [role, (obj_token.left_edge.i, obj_token.i + 1)]
            if subject_token is not None and subject_token.sent == noun.sent:
                pieces.append((subject_token.left_edge.i, subject_token.i + 1))
            self.add(RelationType.OTHER, subject, obj, pieces, role)

    def cooperation(self, verb: Token) -> None:
        """ "Y is working with W", "Y, cooperating closely with W": ongoing work only.

        Progressive and present forms with no date: "worked with W on the
        deal" or "will cooperate with W next week" tell of an event.
        """
        if verb.tag_ not in {"VBG", "VBZ", "VBP"}:
            return
        for child in verb.children:
            if child.ent_type_ in {"DATE", "TIME"} or child.lower_ in {"will", "would"}:
                return
            if child.dep_ == "prep" and any(
                c.ent_type_ in {"DATE", "TIME"} for c in child.children
            ):
                return
        self.tie_adjective(verb)

    def tie_adjective(self, word: Token) -> None:
        """ "a movement associated primarily with W", "Y, remaining close to W"."""
        if any(c.dep_ == "neg" for c in word.children) or any(
            c.dep_ == "neg" for c in word.head.children
        ):
            return
        targets = self.tie_objects(word)
        if not targets:
            return
        if word.dep_ in {"acl", "amod"}:
            holder = word.head
        elif word.pos_ == "VERB" and word.lemma_.lower() in self.words.cooperation_verbs:
            holder = self.clause_subject(word)
        elif word.dep_ in {"acomp", "xcomp", "advcl", "conj"}:
            verb = word.head if word.dep_ == "acomp" else word
            holder = self.clause_subject(verb) or self.pronoun_subject(verb)
        else:
            return
        if holder is None:
            return
        subject = self.tie_subject(holder)
        if subject is None:
            subject = self.personal(holder)  # "he is close to W", "his father was close to W"
        if subject is None:
            return
        for obj, obj_token in targets:
            prep_token = self.doc[obj_token.i]
            for candidate in self.doc[word.i : obj_token.i]:
                if candidate.lower_ in self.words.tie_prepositions:
                    prep_token = candidate
                    break
            role = (word.i, prep_token.i + 1)
            pieces = [role, (obj_token.left_edge.i, obj_token.i + 1)]
            if holder.sent == word.sent:
                pieces.append((holder.left_edge.i, holder.i + 1))
                pieces.append(self.mention_before(subject, holder))
            self.add(RelationType.OTHER, subject, obj, pieces, role)

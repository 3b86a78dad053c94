"""Who says so: attributions turned into statements with resolved speakers.

:class:`SpeakerResolver` takes a report's attributions (from
:mod:`dossier.extract.attribution`) and its resolved entities (from
:mod:`dossier.resolve.coref`) and makes one :class:`ReportStatement` per
speaking party:

* coordinated sources ("an official and Amin Karim", "A and B could not be
  reached", "A, along with B, confirmed") give one statement each;
* a named person in the source is the speaker ("the council's Sadat", "a
  council spokesman, Omar Haidari"); an unnamed mouthpiece speaks for its body
  ("the ministry's spokesperson" is the ministry); "the government of X" and
  "the X-ian government" are the state; a bare "the government" is the last
  state named;
* unnamed sources ("a source close to the council leadership", "a senior
  Afghan diplomat", "officials") are anonymous, with the entity the text ties them
  to as ``affiliation``; "the source" and "the diplomat" later on are the same
  unnamed party and keep its affiliation;
* a transcript's label in capitals ("SADAT:") is the entity named so in
  the report, by full or last name, when only one is; "Q:" and "A:" are
  named parties the report does not resolve, not anonymous ones;
* pronouns ("he said", "it denied") are the last compatible speaker of the
  few sentences before, else the last compatible entity named;
* sentences that state facts with no attribution are the outlet's own voice
  (no speaker, not anonymous), hedged when softened ("reportedly",
  "apparently", "might", "likely").

Limits: pronoun resolution is a recency rule, not a coreference model, and
goes wrong when a pronoun skips over a nearer candidate of the same kind;
an "according to" nested in another attribution is read as its own
statement, not as a link of a chain (only "citing X" and "quoted X as
saying" are recorded as chains);
sources the entity stage did not find (an unknown name) keep their words in
``speaker_text`` with no speaker entity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from dossier.extract.attribution import Attribution, is_hedged, merge_spans
from dossier.extract.cuewords import CueWords, cue_words
from dossier.extract.lexicon import lexicon
from dossier.model.statement import ChainLink, ReportStatement, Stance
from dossier.resolve.countries import countries, country_entity
from dossier.resolve.entity_index import EntityIndex

PARTY_PREPOSITIONS = (("along", "with"), ("together", "with"), ("as", "well", "as"))
LOOKBACK_SENTENCES = 3
# Below this share of a sentence's letters inside attributions, the rest of
# the sentence is the outlet speaking.
OUTLET_SHARE = 0.5


@dataclass(slots=True)
class Party:
    """One speaking party of a source: an entity, or an unnamed source."""

    text: str
    start: int
    end: int
    speaker: int | None = None
    anonymous: bool = False
    affiliation: int | None = None
    kind: str | None = None  # person/organization/country/group/anonymous, for pronouns
    head: str = ""  # the head noun of an unnamed source ("source", "diplomat")


class SpeakerResolver:
    """Makes a report's statements (see the module docstring)."""

    def __init__(
        self,
        doc: Doc,
        entities: list[dict],
        words: CueWords | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text is built on each access
        self.entities = entities
        self.words = words or cue_words()
        self.government_words = lexicon().government_words
        self.index = EntityIndex(doc, entities)
        self.token_entity = self.index.token_entity  # token index -> entity index
        self.history: list[tuple[int, Party]] = []  # (sentence start char, party)
        self.sentence_starts: list[int] | None = None  # read when a pronoun needs them

    # ------------------------------------------------------------ public

    def statements(
        self, attributions: Sequence[Attribution], repeats: Sequence[Sequence[int]] = ()
    ) -> list[ReportStatement]:
        """One statement per speaking party, and the outlet's own sentences."""
        result: list[ReportStatement] = []
        ordered = sorted(attributions, key=lambda a: a.extent)
        citing = {a.cue_head: a for a in ordered if a.kind == "citing"}
        claims = [a for a in ordered if a.propositional and a.kind != "citing"]
        for attribution in claims:
            if _inside_repeat(attribution.extent, repeats):
                continue
            result.extend(self._statements_of(attribution, citing))
        result.extend(self._outlet(claims, repeats))
        result.sort(key=lambda s: (s.start, s.end, s.speaker_text or ""))
        return result

    # ------------------------------------------------------------ attributions

    def _statements_of(
        self, attribution: Attribution, citing: dict[int, Attribution]
    ) -> list[ReportStatement]:
        doc = self.doc
        start, end = attribution.extent
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        cue_text = " ".join(self.text[s:e] for s, e in attribution.cue) or None
        hedged = attribution.hedged or self._hedged_content(attribution)
        chain = self._chain(attribution, citing)
        if attribution.source_tokens is None:
            # a passive with no agent ("it is believed that"): nobody named
            return [
                ReportStatement(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    stance=attribution.stance,
                    cue=None,
                    hedged=True,
                    cue_spans=list(attribution.cue),
                    content=list(attribution.content),
                )
            ]
        parties = self._parties(attribution)
        statements = []
        claims = [(attribution.stance, list(attribution.content))]
        claims.extend((Stance.ASSERTS, part) for part in self._counter_assertions(attribution))
        for party, (stance, content) in ((p, c) for p in parties for c in claims):
            statements.append(
                ReportStatement(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    stance=stance,
                    speaker=None if party.anonymous else party.speaker,
                    speaker_text=party.text,
                    anonymous=party.anonymous,
                    affiliation=party.affiliation if party.anonymous else None,
                    cue=cue_text,
                    hedged=hedged,
                    source=[(party.start, party.end)],
                    cue_spans=list(attribution.cue),
                    content=content,
                    chain=chain,
                )
            )
        for party in parties:
            self.history.append((span.start_char, party))
        return statements

    def _counter_assertions(self, attribution: Attribution) -> list[list[tuple[int, int]]]:
        """What a denial asserts instead: "denied that A attended, instead meeting B".

        A clause hanging on the denied (negated) clause that is not negated
        itself is something the source asserts.
        """
        if attribution.stance is not Stance.DENIES or not attribution.content:
            return []
        start, end = attribution.content[0][0], attribution.content[-1][1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        parts = []
        for token in span:
            if token.dep_ not in {"advcl", "conj"} or token.pos_ not in {"VERB", "AUX"}:
                continue
            if not _has_negation(token.head) or _has_negation(token):
                continue
            sub = sorted(token.subtree, key=lambda t: t.i)
            parts.append([(sub[0].idx, sub[-1].idx + len(sub[-1].text))])
        return parts

    def _chain(self, attribution: Attribution, citing: dict[int, Attribution]) -> list[ChainLink]:
        """ "X, citing Y, reported": Y as a link of the chain behind X; "the
        agency quoted X as saying": the agency as a link behind X."""
        links = []
        if attribution.kind != "citing":
            for start, end in attribution.chain:
                verb = self.doc[start:end].root.head
                if verb.dep_ == "agent":
                    verb = verb.head  # "was quoted by the agency"
                links.append(self._link(start, end, verb.text))
        for cited in citing.values():
            head = self.doc[cited.cue_head].head
            if head.i != attribution.cue_head:
                continue
            cue = self.doc[cited.cue_head].text
            links.extend(self._link(start, end, cue) for start, end in cited.chain)
        return links

    def _link(self, start: int, end: int, cue: str) -> ChainLink:
        """The party of tokens ``start:end`` as a link of a chain, told by ``cue``."""
        phrase = self.doc[start:end]
        party = self._resolve(phrase.root, phrase)
        return ChainLink(
            speaker_text=phrase.text,
            cue=cue,
            speaker=None if party.anonymous else party.speaker,
        )

    def _parties(self, attribution: Attribution) -> list[Party]:
        """Each coordinated party of the source, resolved."""
        doc = self.doc
        first, last = attribution.source_tokens  # type: ignore[misc]
        source = doc[first:last]
        head = source.root
        heads = [head]
        for token in head.subtree:
            if token.i < first or token.i >= last:
                continue
            if (
                token.dep_ == "conj"
                and token.head in heads
                and token.pos_ in {"PROPN", "NOUN", "PRON"}
            ):
                heads.append(token)
            if token.dep_ == "pobj" and _party_preposition(token.head):
                heads.append(token)
        if len(heads) == 1:
            return [self._resolve(head, _trim_span(source))]
        parties = []
        for party_head in heads:
            others = [h for h in heads if h is not party_head and h.i > party_head.i]
            tokens = [
                t
                for t in party_head.subtree
                if first <= t.i < last
                and not any(t in other.subtree for other in others)
                and not (t.dep_ == "cc" and t.head.i == party_head.i)
                and not (t.dep_ == "prep" and _party_preposition(t))
                and not any(t in c.subtree for c in party_head.children if c.dep_ == "relcl")
            ]
            tokens = [t for t in tokens if t.i == party_head.i or t not in heads]
            tokens = _strip(tokens)
            if not tokens:
                continue
            phrase = doc[tokens[0].i : tokens[-1].i + 1]
            # the phrase ends at the next party: a tail of punctuation or
            # "and" is not part of it
            phrase = _trim_span(phrase)
            parties.append(self._resolve(party_head, phrase))
        return parties

    # ------------------------------------------------------------ resolution

    def _resolve(self, head: Token, phrase: Span) -> Party:
        words = self.words
        party = Party(text=phrase.text, start=phrase.start_char, end=phrase.end_char)
        lower = head.lower_
        lemma = head.lemma_.lower()
        in_phrase = [self.token_entity[t.i] for t in phrase if t.i in self.token_entity]
        # a pronoun: a speaker just before, else an entity named before
        if (
            head.pos_ == "PRON"
            or lower in words.person_pronouns | words.thing_pronouns | words.plural_pronouns
        ):
            return self._antecedent(head, party)
        # a named person at the head or in apposition
        person = self._person_in(head, phrase)
        if person is not None:
            return self._named(party, person)
        # the head itself names an entity
        if head.i in self.token_entity:
            return self._named(party, self.token_entity[head.i])
        # a description before a name ("the armaments expert Jo Lee")
        last = phrase[-1]
        if (
            last.i in self.token_entity
            and self.entities[self.token_entity[last.i]]["type"] in {"person", "organization"}
            and not _under_preposition(last, phrase)
        ):
            return self._named(party, self.token_entity[last.i])
        # a body's mouthpiece or the government of a state speaks for it
        if (
            lemma in words.mouthpiece_nouns
            or lower in words.mouthpiece_nouns
            or (lemma in self.government_words)
        ):
            body = self._body_in(phrase)
            if body is not None:
                return self._named(party, body)
            if lemma in self.government_words:
                state = self._last_state(head)
                if state is not None:
                    return self._named(party, state)
        # a transcript's label in capitals ("KARIM SADAT:", "SADAT:", "A:"): a
        # party named so elsewhere in the report, else a named one not found
        if phrase.text.isupper():
            named = self._named_like(phrase.text)
            if named is not None:
                return self._named(party, named)
            party.kind = "unknown"
            return party
        # an unnamed source
        if lemma in words.anonymous_nouns or lower in words.anonymous_nouns:
            party.anonymous = True
            party.kind = "anonymous"
            party.head = lemma
            affiliation = self._affiliation(phrase, head)
            if affiliation is None and _definite(phrase):
                earlier = self._earlier_anonymous(lemma)
                if earlier is not None:
                    affiliation = earlier.affiliation
            party.affiliation = affiliation
            return party
        if in_phrase:
            return self._named(party, in_phrase[0])
        if head.pos_ == "PROPN" or head.ent_type_:
            party.kind = "unknown"
            return party
        # a described source the entity stage did not name ("the armaments
        # expert"): unnamed
        party.anonymous = True
        party.kind = "anonymous"
        party.head = lemma
        party.affiliation = self._affiliation(phrase, head)
        return party

    def _named_like(self, label: str) -> int | None:
        """The one entity whose name, or a person's last name, is ``label``
        in any case ("SADAT" is Karim Sadat), if only one is."""
        label = label.casefold()
        found = {
            n
            for n, entity in enumerate(self.entities)
            if entity["name"].casefold() == label
            or (entity["type"] == "person" and entity["name"].casefold().split()[-1:] == [label])
        }
        return found.pop() if len(found) == 1 else None

    def _named(self, party: Party, entity: int) -> Party:
        party.speaker = entity
        party.kind = self.entities[entity]["type"]
        return party

    def _person_in(self, head: Token, phrase: Span) -> int | None:
        """A person named at the head of the phrase or in apposition to it."""
        candidates = [head, *[c for c in head.children if c.dep_ == "appos"]]
        if head.dep_ == "appos":
            candidates.append(head.head)
        for token in candidates:
            entity = self.token_entity.get(token.i)
            if entity is not None and self.entities[entity]["type"] == "person":
                if phrase.start <= token.i < phrase.end:
                    return entity
        return None

    def _body_in(self, phrase: Span) -> int | None:
        for token in phrase:
            entity = self.token_entity.get(token.i)
            if entity is not None and self.entities[entity]["type"] in {
                "organization",
                "country",
            }:
                return entity
        return None

    def _affiliation(self, phrase: Span, head: Token) -> int | None:
        """The entity an unnamed source is tied to in its own words.

        A named body or state in the phrase ("close to the council leadership"),
        else a nationality word before the head ("a senior Afghan diplomat",
        "Pakistani officials"), which is the country (added to the report's
        entities when the report does not otherwise name it).
        """
        for token in phrase:
            if token.i == head.i:
                continue
            entity = self.token_entity.get(token.i)
            if entity is not None and self.entities[entity]["type"] != "place":
                return entity
        for token in phrase:
            if token.i >= head.i or token.dep_ not in {"amod", "compound"}:
                continue
            country = countries().by_demonym_text(token.text)
            if country is not None:
                return self._country_entity(country, token)
        return None

    def _country_entity(self, country, token: Token) -> int:
        """The report's entity of a country, with this mention; added if missing."""
        known = len(self.entities)
        index = country_entity(self.entities, country, token.idx, token.text)
        if index == known:  # a new entity
            self.token_entity[token.i] = index
        return index

    def _last_state(self, head: Token) -> int | None:
        """The state a bare "the government" means: the last one named before."""
        return self.index.before(head.idx, {"country"})

    def _earlier_anonymous(self, head: str) -> Party | None:
        for _, party in reversed(self.history):
            if party.anonymous and (party.head == head or head in {"source", "sources"}):
                return party
        return None

    def _antecedent(self, pronoun: Token, party: Party) -> Party:
        """The party a pronoun refers to."""
        lower = pronoun.lower_
        if self.sentence_starts is None:
            self.sentence_starts = [sent.start_char for sent in self.doc.sents]
        before = bisect_right(self.sentence_starts, pronoun.idx)
        horizon = (
            self.sentence_starts[before - LOOKBACK_SENTENCES] if before >= LOOKBACK_SENTENCES else 0
        )
        if lower in self.words.person_pronouns:
            kinds = {"person", "anonymous"}
        elif lower in self.words.thing_pronouns:
            kinds = {"organization", "country"}
        else:
            kinds = {"organization", "country", "group", "anonymous", "person"}
        for start, earlier in reversed(self.history):
            if start < horizon:
                break
            if earlier.kind in kinds:
                return Party(
                    text=party.text,
                    start=party.start,
                    end=party.end,
                    speaker=earlier.speaker,
                    anonymous=earlier.anonymous,
                    affiliation=earlier.affiliation,
                    kind=earlier.kind,
                    head=earlier.head,
                )
        entity_kinds = kinds - {"anonymous"}
        earlier = self.index.before(pronoun.idx, entity_kinds)
        if earlier is not None:
            return self._named(party, earlier)
        party.kind = "unknown"
        return party

    # ------------------------------------------------------------ hedges, outlet

    def _hedged_content(self, attribution: Attribution) -> bool:
        for start, end in attribution.content:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and is_hedged(span, self.words):
                return True
        return False

    def _outlet(
        self, claims: Sequence[Attribution], repeats: Sequence[Sequence[int]]
    ) -> list[ReportStatement]:
        """Sentences (mostly) outside any attribution: the outlet's own voice."""
        covered = merge_spans([span for a in claims for span in (*a.content, *a.source, *a.cue)])
        covered_starts = [s for s, _ in covered]
        letters_before = _letters_before(self.text)
        statements = []
        for sent in self.doc.sents:
            span = _trim_span(sent)
            if len(span) == 0 or _inside_repeat((span.start_char, span.end_char), repeats):
                continue
            start, end = span.start_char, span.end_char
            words = self.text[start:end]  # span.text, without rebuilding it from tokens
            if not _states_something(span, words):
                continue
            letters = letters_before[end] - letters_before[start]
            inside = _covered_letters(letters_before, start, end, covered, covered_starts)
            if letters == 0 or inside / letters >= OUTLET_SHARE:
                continue
            statements.append(
                ReportStatement(
                    start=start,
                    end=end,
                    text=words,
                    stance=Stance.ASSERTS,
                    hedged=self._hedged_sentence(span),
                    content=[(start, end)],
                )
            )
        return statements

    def _hedged_sentence(self, span: Span) -> bool:
        words = self.words
        if is_hedged(span, words):
            return True
        for token in span:
            if token.lower_ in words.hedge_adverbs and token.dep_ == "amod":
                return True
            if token.lemma_.lower() in words.seeming_verbs and any(
                c.dep_ == "xcomp" for c in token.children
            ):
                return True
        return False


# ---------------------------------------------------------------- helpers


def _under_preposition(token: Token, phrase: Span) -> bool:
    """Whether a token hangs on a preposition inside the phrase ("close to X")."""
    current = token
    while phrase.start <= current.i < phrase.end and current.head.i != current.i:
        if current.dep_ in {"pobj", "prep"}:
            return True
        current = current.head
    return False


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _party_preposition(token: Token) -> bool:
    """ "along with", "together with", "as well as" joining parties."""
    doc = token.doc
    for words in PARTY_PREPOSITIONS:
        for offset in range(len(words)):
            start = token.i - offset
            if start < 0 or start + len(words) > len(doc):
                continue
            if tuple(t.lower_ for t in doc[start : start + len(words)]) == words:
                return True
    return False


def _strip(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc" or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _trim_span(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_space or (doc[start].is_punct and doc[start].text not in '“"‘(')
    ):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ";", ":", "-", "—"}):
        end -= 1
    return doc[start:end]


def _definite(phrase: Span) -> bool:
    first = phrase[0].lower_ if len(phrase) else ""
    return first in {"the", "this", "that", "these", "those"}


def _states_something(span: Span, text: str | None = None) -> bool:
    """Whether a sentence states something: it has a verb and is no question.

    ``text`` is ``span.text``, if at hand (spaCy builds it anew on each access).
    """
    words = span.text if text is None else text
    if words.rstrip().endswith("?"):
        return False
    if words.lower().startswith("source:"):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in span)


def _letters_before(text: str) -> list[int]:
    """How many letters (``str.isalpha``) precede each offset of ``text``, and its end.

    ``letters[end] - letters[start]`` counts the letters of ``text[start:end]``.
    """
    return list(accumulate(map(str.isalpha, text), initial=0))


def _covered_letters(
    letters: list[int], start: int, end: int, covered: list[tuple[int, int]], starts: list[int]
) -> int:
    """Letters of ``text[start:end]`` inside ``covered`` (sorted, disjoint spans).

    ``letters`` is :func:`_letters_before` of the text.
    """
    count = 0
    for s, e in covered[max(0, bisect_right(starts, start) - 1) : bisect_left(starts, end)]:
        if e <= start:
            continue
        low, high = max(s, start), min(e, end)
        if high > low:
            count += letters[high] - letters[low]
    return count


def _inside_repeat(extent: tuple[int, int], repeats: Sequence[Sequence[int]]) -> bool:
    start, end = extent
    return any(r[0] <= start and end <= r[1] for r in repeats)

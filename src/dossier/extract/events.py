"""Events: what a report says happened, typed with PLOVER 2.0.

:class:`EventFinder` reads a parsed report with its resolved entities and
statements and returns :class:`~dossier.model.event.ReportEvent` records:

- **Triggers** are the words of ``data/plover.yaml`` (verbs, nouns, a few
  adjectives and fixed phrases such as "hold out against"), each with its
  conditions ("call" is a REQUEST only with "for" or "on"; "receive" is AID
  only when what is received is help, arms or money).
- **Participants** come from the dependency parse: the subject (followed
  through infinitives, coordinated verbs, relative and participle clauses,
  and light verbs such as "held talks"), the object, the agent of a passive,
  and the prepositions the trigger's entry names. A phrase headed by a
  generic noun ("officials", "envoys", "the government") stands for the
  entity in its modifiers ("Iranian officials", "envoys from India and
  Iran", "Qatar's envoy"); a named person in apposition comes first.
  Pronouns take the nearest earlier entity of a fitting kind; a bare "the
  regime" or "the insurgents" the entity last named with that head ("the
  Taliban regime"), else the last organization named. A verb that is no
  trigger itself over an event noun makes its subject the doer ("renewed
  negotiations"), unless the data lists it as an outsider's ("suffered");
  so does one over an effort or a stretch of time that names the event
  ("ended mediation efforts", "launched ten days of war games").
- **Actor countries** (PLOVER codes states): a capital in a generic
  phrase stands for its country ("Beijing officials"), "X-led forces" for X;
  an ethnic group named by another state's demonym stands for the country
  it lives in ("ethnic Albanians in Serbia", "the Albanians of Serbia"),
  and for no state when none is named; a body or person without a country
  takes the one its phrase names ("Morocco's Supreme Court", "King X of
  Jordan"). Protesters named by no party are of the country they protest
  in, and an arrest or ban told in the passive without an agent is the act
  of the state where it happened.
- **Implied targets**: what the act is about ("rejected a US offer": the
  offer's doer; "demanded that X ...": X; "threatened to cut supplies to
  X": X), the target of the act it is coordinated with or hangs on as a
  participle, and the other parties of the meeting it happens "at".
- **Promises**: SUPPORT, COOPERATE and AID told in the future tense or
  offered are AGREE, a future retreat is CONCEDE (the PLOVER 2.0 rule).
- **Splits**: contacts by phone with several parties, and meetings a later
  sentence calls "separate", are one event per party.
- **Place**: "in"/"at" (and "where" clauses) naming a place or country, and
  the destination of visits.
- **Date**: a time expression attached to the trigger's own clause (not any
  date in the sentence), normalised against the publication date.
- **Polarity and modality**: negation on the trigger or its governing verb
  ("did not invite", "nothing materialised"), modal auxiliaries, governing
  verbs ("tried to host", "was considering cooperation"), and counts ("two
  trips", "three times").
- **Statements**: each event is backed by the statements whose content (or,
  for the outlet's voice, whose sentence) holds its trigger.

Limits: one parse, one reading. Participants the parser attaches to the wrong
word are missed or misplaced (one misreading is mended: a sentence whose verb
the parser read as a participle of its subject noun); the place-based actors
misread foreigners protesting abroad and arrests by a foreign force; a person
known only by name and title ("President X") gets no country here; events
told across sentences are separate events here (resolution joins them
later); metaphorical uses of trigger words ("a battle of ideas") are coded as
events unless a condition in the data rules them out; no word-sense
disambiguation beyond those conditions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from dossier.extract.dates import find_dates, resolve_date
from dossier.extract.ontology import Ontology, Trigger, ontology
from dossier.model.event import DateValue, Modality, ReportEvent
from dossier.model.statement import ReportStatement
from dossier.resolve.backing import line_starts, link_statements
from dossier.resolve.countries import countries, country_entity, nationality_word
from dossier.resolve.entity_index import EntityIndex
from dossier.resolve.names import normalise_name
from dossier.resolve.presence import is_presence

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "obj"})
LIGHT_VERBS = frozenset(
    {
        "hold",
        "make",
        "have",
        "launch",
        "conduct",
        "stage",
        "carry",
        "express",
        "raise",
        "voice",
        "give",
        "reiterate",
        "put",
        "reach",
        "take",
        "begin",
        "start",
        "resume",
        "continue",
        "issue",
        "pay",
        "mount",
        "wage",
        "extend",
        "offer",
        "receive",
        "get",
        "provide",
        "announce",
        "seek",
        "need",
        "consider",
        "pursue",
        "engage",
    }
)
ACTED_ON_PREPOSITIONS = frozenset({"to", "with", "against", "for", "on", "from"})
RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "accept"})
GIVING_VERBS = frozenset({"provide", "give", "supply", "send", "offer", "extend", "deliver"})
QUANTITY_NOUNS = frozenset(
    {"ton", "tonne", "kg", "kilogram", "worth", "shipment", "consignment", "batch", "load"}
)
EFFORT_NOUNS = frozenset({"effort", "efforts", "bid", "bids", "attempt", "attempts", "mission"})
PARTITIVE_NOUNS = frozenset(
    {"day", "week", "month", "year", "hour", "round", "series", "wave", "spate", "string"}
)
PARTICIPANT_NOUNS = frozenset({"participant", "delegate", "attendee", "delegation"})
GOVERNMENT_WORDS = frozenset({"government", "authorities", "regime", "administration"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
LOOKBACK_SENTENCES = 3
COREFERENCE_SENTENCES = 12
PARTY_TYPES = frozenset({"person", "organization", "country", "group"})
PLACE_TYPES = frozenset({"place", "country"})
CONTRAST = frozenset({"while", "although", "though", "whereas"})
ARMED_AID_WORDS = frozenset(
    {
        "arm",
        "arms",
        "weapon",
        "weapons",
        "funding",
        "fund",
        "funds",
        "money",
        "cash",
        "sanctuary",
        "ammunition",
        "munition",
        "rifle",
        "gun",
        "missile",
        "rocket",
        "drone",
        "tank",
        "artillery",
        "supply",
        "supplies",
        "aid",
        "assistance",
        "training",
    }
)


@dataclass(slots=True)
class _Event:
    """An event while it is being read (token-level)."""

    trigger: Trigger
    token: Token  # the trigger's head word
    words: list[Token]  # the trigger's words (head and particles)
    actors: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    location: int | None = None
    date: DateValue | None = None
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    count: int = 1
    context: list[str] = field(default_factory=list)
    type: str = ""
    mode: str | None = None
    mentions: list[int] = field(default_factory=list)  # char starts of the words telling it
    groups: list[list[int]] = field(default_factory=list)  # parties told in one conjoined phrase

    @property
    def participants(self) -> list[int]:
        return self.actors + self.targets

    def copy(self, **changes: Any) -> _Event:
        """A copy with lists of its own; ``changes`` replace fields."""
        own = {
            "words": list(self.words),
            "actors": list(self.actors),
            "targets": list(self.targets),
            "context": list(self.context),
            "mentions": list(self.mentions),
            "groups": [list(group) for group in self.groups],
        }
        return replace(self, **{**own, **changes})


class EventFinder:
    """Finds the events of a parsed report (see the module docstring)."""

    def __init__(self, words: Ontology | None = None) -> None:
        self.words = words or ontology()

    def __call__(
        self,
        doc: Doc,
        entities: Sequence[dict],
        statements: Sequence[ReportStatement] = (),
        published: str | None = None,
        text: str | None = None,
    ) -> list[ReportEvent]:
        reader = _ReportReader(self.words, doc, entities, published, text)
        found = reader.read()
        events = [reader.report_event(event) for event in found]
        link_statements(
            events, [event.mentions for event in found], statements, reader.paragraphs, entities
        )
        return events


def find_events(
    doc: Doc,
    entities: Sequence[dict],
    statements: Sequence[ReportStatement] = (),
    published: str | None = None,
) -> list[ReportEvent]:
    """The events of a parsed report (a convenience over :class:`EventFinder`)."""
    return EventFinder()(doc, entities, statements, published)


class _ReportReader:
    """Reads one report's events."""

    def __init__(
        self,
        words: Ontology,
        doc: Doc,
        entities: Sequence[dict],
        published: str | None,
        text: str | None,
    ) -> None:
        self.words = words
        self.doc = doc
        self.text = doc.text if text is None else text
        self.index = EntityIndex(doc, entities)
        self.published = published
        self.sentence_starts = [sent.start_char for sent in doc.sents]
        self.dates = _dates_by_sentence(doc, self.text)
        self._named_heads: dict[str, list[tuple[int, int]]] | None = None
        self.resolved: dict[int, _Event] = {}  # anaphoric mention token -> its event

    # ------------------------------------------------------------ triggers

    def read(self) -> list[_Event]:
        found: list[_Event] = []
        for sent in self.doc.sents:
            sentence_events = []
            for token in sent:
                event = self._event_at(token)
                if event is not None:
                    sentence_events.append(event)
            sentence_events = self._merge(sentence_events)
            sentence_events += self._followers(sentence_events)
            self._embedded_targets(sentence_events)
            self._implied_targets(sentence_events)
            self._contrasted_sources(sentence_events)
            self._during_visit(sentence_events)
            found.extend(sentence_events)
        for event in found:
            event.mentions = [
                event.token.idx,
                *(w.idx for w in event.words if w is not event.token),
            ]
        found = [part for event in found for part in self._contacts(event)]
        kept = self._corefer(found)
        self._named_elsewhere(kept)
        self._met_at(kept)
        self._local_actors(kept)
        return kept

    def _local_actors(self, events: list[_Event]) -> None:
        """Actors a place implies when the text names none (PLOVER codes them so).

        - Protesters named by no party ("thousands of people", "ethnic
          Albanians") are of the country they protest in.
        - A passive arrest, ban or curfew without an agent ("was arrested in
          Lebanon") is the act of the state where it happened.

        Limits: the place is the event's location only; foreigners protesting
        abroad and arrests by a foreign force are misread.
        """
        for event in events:
            if event.actors:
                continue
            token = event.token
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
            unagented = passive and not any(c.dep_ == "agent" for c in token.children)
            place = event.location
            if event.type == "PROTEST" and place is None:
                place = self._place_below(token)
            if place is None:
                continue
            if event.type == "PROTEST" or (
                event.type == "COERCE" and _pos(token) == "verb" and unagented
            ):
                state = self._state_of_place(place)
                if state is not None and state not in event.targets:
                    event.actors.append(state)

    def _place_below(self, token: Token) -> int | None:
        """A place named by "in" within the trigger's object or "at" phrase ("blocked
        streets in X", "rioted at a jail in X"), two phrases deep at most."""
        holders = [c for c in token.children if c.dep_ in OBJECTS]
        holders += _prep_objects(token, {"at"})
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "in":
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for word in [pobj, *(c for c in pobj.children if c.dep_ == "poss")]:
                        entity = self.index.entity(word)
                        if entity is not None and self.index.type_of(entity) in PLACE_TYPES:
                            return entity
        return None

    def _state_of_place(self, place: int) -> int | None:
        """The country entity of a place or country (added without a mention: the place's
        words name the place)."""
        data = self.index.entities[place]
        if data["type"] == "country":
            return place
        code = data.get("country") if data["type"] == "place" else None
        country = countries().by_code.get(code) if code else None
        if country is None:
            return None
        for index, entity in enumerate(self.index.entities):
            if entity["type"] == "country" and entity.get("country") == country.code:
                return index
        if not data.get("mentions"):
            return None
        start, end, *_ = data["mentions"][0]
        return country_entity(self.index.entities, country, start, self.text[start:end])

    def _during_visit(self, events: list[_Event]) -> None:
        """A meeting held on a visit is held where the visit went ("X met Y while on a
        trip to Z", "during a visit to Z"): the visit, by one of the meeting's
        parties, hangs on the meeting's word by "on" or "during"."""
        for event in events:
            if event.type != "CONSULT" or event.mode == "visit" or event.location is not None:
                continue
            for visit in events:
                if visit.mode != "visit" or visit.location is None:
                    continue
                if visit.token.i == event.token.i or not set(visit.actors) & set(event.actors):
                    continue
                on = visit.token.head
                if on.lower_ in {"on", "during"} and on.head.i == event.token.i:
                    event.location = visit.location
                    break

    def _contacts(self, event: _Event) -> list[_Event]:
        """Contacts by phone or message with several parties are one contact each
        ("communicated with A and B")."""
        if event.mode != "phone" or len(event.targets) < 2:
            return [event]
        return self._apart(event.copy(groups=[list(event.targets)]))

    def _named_elsewhere(self, events: list[_Event]) -> None:
        """ "The August 15 takeover" with no parties: the report's nearest mention of
        the same act by the same word that names them ("the Taliban takeover")."""
        for event in events:
            token = event.token
            if event.participants or _pos(token) != "noun":
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                continue
            lemma = token.lemma_.lower()
            others = [
                other
                for other in events
                if other is not event
                and other.actors
                and other.token.lemma_.lower() == lemma
                and other.type == event.type
            ]
            if others:
                nearest = min(others, key=lambda other: abs(other.token.i - token.i))
                event.actors = list(nearest.actors)
                event.targets = list(nearest.targets)

    def _met_at(self, events: list[_Event]) -> None:
        """What a party says or does "at the meeting" is addressed to the others there."""
        by_token = {event.token.i: event for event in events}
        for event in events:
            if event.targets or event.trigger.symmetric or event.type == "CONSULT":
                continue
            verbs = [event.token]
            light = self._light_verb(event.token)
            if light is not None:
                verbs.append(light)
            for verb in verbs:
                for prep in verb.children:
                    if prep.dep_ != "prep" or prep.lower_ not in {"at", "during", "in"}:
                        continue
                    for pobj in prep.children:
                        meeting = self.resolved.get(pobj.i) or by_token.get(pobj.i)
                        if meeting is not None and meeting.type == "CONSULT":
                            event.targets = [
                                e for e in meeting.participants if e not in event.actors
                            ]

    @property
    def paragraphs(self) -> list[int]:
        """Char offsets where the report's paragraphs (lines) start."""
        return line_starts(self.text)

    def _anaphoric(self, event: _Event) -> bool:
        """Words that point back to an event told before ("the talks", "his attendance")."""
        token = event.token
        if _pos(token) == "noun" and token.dep_ == "attr":
            # "These were separate meetings"
            if any(
                c.dep_ in SUBJECTS and c.lower_ in {"this", "that", "these", "those", "it", "they"}
                for c in token.head.children
            ):
                return True
        if _pos(token) == "noun":
            return any(
                (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"})
                or (c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS | THING_PRONOUNS)
                for c in token.children
            ) and not any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)
        # taking part without saying in what: "did not attend", "was there"
        return event.type == "CONSULT" and not any(c.dep_ in OBJECTS for c in token.children)

    def _corefer(self, events: list[_Event]) -> list[_Event]:
        """One event told in several sentences is one event.

        A later mention that points back ("the meeting", "the talks", "did not
        attend") to the last event of its type within a few sentences is that
        event: its statements back it. When the mention names a party of its
        own ("Dost was there for the talks"), it becomes that party's part
        in the event: the earlier event's parties plus the new one, and later
        mentions of the same party's part join it.
        """
        kept: list[_Event] = []
        parts: dict[tuple[int, frozenset[int]], _Event] = {}
        wholes: list[tuple[_Event, int]] = []
        for event in events:
            antecedent = None
            if self._anaphoric(event):
                antecedent = self._antecedent_event(kept, event)
            if antecedent is None:
                kept.append(event)
                continue
            if antecedent.location is not None and antecedent.location == self._own_place(event):
                # the place that named the talks is where they were, not a party to them
                event.actors = [e for e in event.actors if e != antecedent.location]
                event.targets = [e for e in event.targets if e != antecedent.location]
            own = frozenset(event.actors + event.targets)
            new = own - set(antecedent.participants)
            if not new:
                antecedent.mentions.extend(event.mentions)
                self.resolved[event.token.i] = antecedent
                if self._told_apart(event):
                    kept[kept.index(antecedent) :] = [
                        *self._apart(antecedent),
                        *kept[kept.index(antecedent) + 1 :],
                    ]
                continue
            key = (id(antecedent), frozenset(new))
            if key in parts:
                parts[key].mentions.extend(event.mentions)
                self.resolved[event.token.i] = parts[key]
                continue
            # the part is told of the whole: "The meeting was arranged by X" tells the
            # meeting (counted once all are read: a part does not make the whole the
            # event told last)
            wholes.append((antecedent, event.token.idx))
            for entity in antecedent.participants:
                if entity not in event.actors and entity not in event.targets:
                    event.actors.append(entity)
            event.location = event.location if event.location is not None else antecedent.location
            event.date = event.date or antecedent.date
            event.negated = False  # the part is what is claimed or denied
            parts[key] = event
            kept.append(event)
        for whole, position in wholes:
            whole.mentions.append(position)
        return kept

    def _told_apart(self, event: _Event) -> bool:
        """ "These were separate meetings": the earlier event was several."""
        return any(c.lower_ in self.words.separate_words for c in event.token.children) or any(
            c.lower_ in self.words.separate_words for c in event.token.head.children
        )

    def _apart(self, event: _Event) -> list[_Event]:
        """One event per member of the party told in one conjoined phrase ("envoys from
        A and B" met X in separate meetings: A's envoys met X, B's envoys met X)."""
        group = max(event.groups, key=len, default=[])
        if len(group) < 2:
            return [event]
        return [
            event.copy(
                actors=[e for e in event.actors if e not in group or e == member],
                targets=[e for e in event.targets if e not in group or e == member],
                groups=[],
            )
            for member in group
        ]

    def _antecedent_event(self, kept: list[_Event], event: _Event) -> _Event | None:
        """The event a mention points back to.

        The event of its type told last (its own words or a mention pointing
        back to it), in an earlier sentence within the horizon, with parties
        and not itself a pointer. Of the events of one sentence, the one of
        the main clause comes first ("X met Y while on a trip to Z. The
        meeting …": the meeting, not the trip).
        """
        sentence = bisect_right(self.sentence_starts, event.token.idx)
        horizon = self.sentence_starts[max(0, sentence - 1 - COREFERENCE_SENTENCES)]
        if self._tells_presence(event):
            presence = self._presence_antecedent(kept, event, horizon)
            if presence is not None:
                return presence
        place = self._own_place(event)
        if place is not None:
            # "the Doha talks": the talks held there, however far back they were told
            there = [
                earlier
                for earlier in kept
                if earlier.type == event.type
                and (earlier.mode == "visit") == (event.mode == "visit")
                and earlier.location == place
                and earlier.token.idx < event.token.idx
                and earlier.token.sent != event.token.sent
                and not self._anaphoric(earlier)
            ]
            if there:
                return max(there, key=lambda e: (max(e.mentions), -_depth(e.token)))
        best: tuple[int, int, int] | None = None
        chosen = None
        for earlier in kept:
            if earlier.type != event.type or earlier.token.sent == event.token.sent:
                continue
            if not earlier.participants or self._anaphoric(earlier):
                continue
            if event.mode == "visit" and earlier.mode != "visit":
                continue  # "his visit" is no meeting told before (but "the talks" may be a trip's)
            if place is not None and earlier.location not in (None, place):
                continue  # "the Moscow talks" are not the talks held in Doha
            told = [m for m in earlier.mentions if horizon <= m < event.token.idx]
            if not told:
                continue
            last = max(told)
            rank = (bisect_right(self.sentence_starts, last), -_depth(earlier.token), last)
            if best is None or rank > best:
                best, chosen = rank, earlier
        return chosen

    def _own_place(self, event: _Event) -> int | None:
        """The place a pointing mention names: "the Doha talks", "the talks in Doha"."""
        if event.location is not None:
            return event.location
        for child in event.token.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                entity = self.index.entity(child)
                if entity is not None and self.index.type_of(entity) in PLACE_TYPES:
                    return entity
        return None

    def _tells_presence(self, event: _Event) -> bool:
        """A mention of someone's being at a meeting: "his attendance", "did not
        attend", "was present for the talks", "was there for the talks"."""
        token = event.token
        if is_presence(token.text):
            return True
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return False
        governor = token.head.head
        return is_presence(governor.text) or any(
            c.lower_ == "there" and c.dep_ in {"advmod", "expl", "attr"} for c in governor.children
        )

    def _presence_antecedent(
        self, kept: list[_Event], event: _Event, horizon: int
    ) -> _Event | None:
        """The presence told last that the mention tells again.

        A mention naming a party ("Dost was present for the talks") points
        back to that party's presence told last; a mention naming none ("his
        attendance": the pronoun is not followed) to the presence told last.
        None when no presence of a party it names was told.
        """
        own = set(event.participants)
        best: tuple[int, int] | None = None
        chosen = None
        for earlier in kept:
            if earlier.type != event.type or not is_presence(earlier.token.text):
                continue
            if own and not own & set(earlier.participants):
                continue
            told = [m for m in earlier.mentions if horizon <= m < event.token.idx]
            if told and (best is None or (max(told), earlier.token.idx) > best):
                best, chosen = (max(told), earlier.token.idx), earlier
        return chosen

    def _followers(self, events: list[_Event]) -> list[_Event]:
        """ "X fled to A, followed soon after by Y": Y did the same."""
        copies = []
        for event in events:
            for child in event.token.children:
                if child.lemma_.lower() != "follow" or child.dep_ not in {"advcl", "conj", "acl"}:
                    continue
                agents = [
                    pobj
                    for agent in child.children
                    if agent.dep_ == "agent"
                    for pobj in agent.children
                    if pobj.dep_ == "pobj"
                ]
                actors = [e for pobj in agents for e in self._entities_of(pobj)]
                if not actors:
                    continue
                copies.append(
                    event.copy(words=[child], actors=actors, count=1, mentions=[], groups=[])
                )
        return copies

    def _contrasted_sources(self, events: list[_Event]) -> None:
        """The source a contrast clause names is the main clause's too.

        "While the front does not receive military support from Iran, it does
        receive some funding": the funding comes from Iran. Only for the same
        verb in both clauses, an event of the same type, and a main event
        with no initiator of its own.
        """
        for event in events:
            if event.actors:
                continue
            verb = event.token if event.token.pos_ in {"VERB", "AUX"} else event.token.head
            for other in events:
                if other is event or not other.actors or other.type != event.type:
                    continue
                clause = other.token if other.token.pos_ in {"VERB", "AUX"} else other.token.head
                if (
                    clause.dep_ == "advcl"
                    and clause.head == verb
                    and clause.lemma_ == verb.lemma_
                    and any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in clause.children)
                ):
                    event.actors = list(other.actors)
                    break

    def _implied_targets(self, events: list[_Event]) -> None:
        """Targets the text leaves implied.

        - A refusal set against an earlier clause ("A tried to host the talks,
          but B was playing hardball"): B refuses A.
        - An act on "those efforts" or "these moves": the targets of the
          event before it in the sentence.
        """
        by_verb: dict[int, _Event] = {}
        for event in events:
            verb = self._light_verb(event.token) or event.token
            by_verb.setdefault(verb.i, event)
        for position, event in enumerate(events):
            if event.targets:
                continue
            token = event.token
            verb = self._light_verb(token) or token
            shared = by_verb.get(verb.head.i) if verb.dep_ in {"conj", "advcl"} else None
            if (
                shared is not None
                and shared is not event
                and shared.targets
                and not event.trigger.symmetric
                and (verb.dep_ == "conj" or verb.tag_ == "VBG")
                and not any(c.dep_ in SUBJECTS for c in verb.children)
            ):
                # "armed X and provided support", "declined to recognise X, calling for Y"
                event.targets = [e for e in shared.targets if e not in event.actors]
                continue
            if event.type == "REJECT" and token.dep_ == "conj":
                if any(c.lower_ == "but" for c in token.head.children if c.dep_ == "cc"):
                    subject = self._subject(token.head)
                    if subject is not None:
                        event.targets = [
                            e for e in self._entities_of(subject) if e not in event.actors
                        ]
                continue
            objects = [c for c in token.children if c.dep_ in OBJECTS]
            anaphoric = any(
                c.dep_ == "det" and c.lower_ in {"those", "these", "this", "that"}
                for obj in objects
                for c in obj.children
            )
            if anaphoric and position > 0:
                event.targets = list(events[position - 1].targets)

    def _embedded_targets(self, events: list[_Event]) -> None:
        """Targets named in what the trigger is about, when it names none itself.

        - an event noun as its object: that event's doers ("rejected a US
          offer", "demanded the withdrawal of Serbian forces");
        - a clause with its own subject: that subject ("demanded that X
          release", "its demand that X ease");
        - an infinitive: that act's targets, or what it acts on ("threatened
          to cut off supplies to X", "offered to hand over to X", "agreed
          to provide aid for X").
        """
        by_token = {event.token.i: event for event in events}
        for event in events:
            if event.targets or event.trigger.symmetric:
                continue
            found: list[int] = []
            for child in event.token.children:
                inner = by_token.get(child.i)
                if child.dep_ in OBJECTS and _pos(child) == "noun":
                    if inner is not None:
                        found.extend(inner.actors)
                elif child.dep_ in {"ccomp", "acl"} and _pos(child) == "verb":
                    subject = next((c for c in child.children if c.dep_ in SUBJECTS), None)
                    if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
                        found.extend(self._entities_of(subject))
                elif child.dep_ == "xcomp" and _pos(child) == "verb":
                    if inner is not None and inner.targets:
                        found.extend(inner.targets)
                    else:
                        found.extend(self._acted_on(child))
            event.targets = [e for e in dict.fromkeys(found) if e not in event.actors]

    def _acted_on(self, verb: Token) -> list[int]:
        """The parties a verb acts on: its objects and what "to", "with", "against",
        "for", "on", "from" introduce on it or on its object."""
        found: list[int] = []
        holders = [verb]
        for child in verb.children:
            if child.dep_ in OBJECTS | {"dative"}:
                found.extend(self._entities_of(child))
                holders.append(child)
        for holder in holders:
            for child in holder.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in ACTED_ON_PREPOSITIONS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self._entities_of(pobj))
        return found

    def _event_at(self, token: Token) -> _Event | None:
        pos = _pos(token)
        if pos is None:
            return None
        for trigger in self.words.triggers.get((token.lemma_.lower(), pos), ()):
            words = self._phrase(token, trigger)
            if words is None or not self._fits(token, trigger):
                continue
            event = _Event(trigger, token, words, type=trigger.type, mode=trigger.mode)
            if trigger.material_objects and self._material(token):
                event.type = trigger.material_objects
                event.mode = None
            self._participants(event)
            if trigger.object_kinds and not self._object_kind_fits(event, token, trigger):
                continue
            self._attributes(event)
            return event
        return None

    def _phrase(self, token: Token, trigger: Trigger) -> list[Token] | None:
        """The trigger's words: its head and, for phrases, the particles under it."""
        if not trigger.particles:
            return [token]
        words = [token]
        pool = list(token.children)
        pool += [grandchild for child in pool for grandchild in child.children]
        for particle in trigger.particles:
            match = next(
                (t for t in pool if t.lemma_.lower() == particle or t.lower_ == particle), None
            )
            if match is None:
                return None
            words.append(match)
        return words

    def _fits(self, token: Token, trigger: Trigger) -> bool:
        children = list(token.children)
        if trigger.plural_only and token.tag_ not in {"NNS", "NNPS"}:
            return False
        if trigger.passive_only and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in children):
            if not (token.dep_ == "acomp" or token.tag_ == "VBN"):
                return False
        objects = [c for c in children if c.dep_ in OBJECTS]
        if trigger.intransitive_only and objects:
            return False
        if trigger.requires_object and not objects:
            return False
        if trigger.requires_prep:
            holders = children + (
                list(token.head.children) if self._light_verb(token) is not None else []
            )
            preps = {c.lower_ for c in holders if c.dep_ in {"prep", "prt", "agent", "dative"}}
            if not preps & trigger.requires_prep:
                return False
        if trigger.requires_xcomp and not any(_infinitive(c) for c in children):
            return False
        if trigger.under_prep and not (
            token.dep_ == "pobj" and token.head.lower_ in trigger.under_prep
        ):
            return False  # "remained on alert"
        if trigger.clause_auxiliaries and not any(
            c.dep_ == "ccomp" and any(a.lower_ in trigger.clause_auxiliaries for a in c.children)
            for c in children
        ):
            return False  # "said that X must leave"
        if trigger.object_nouns:
            heads = self._object_heads(token)
            if (
                not {h.lemma_.lower() for h in heads} & trigger.object_nouns
                and not {h.lower_ for h in heads} & trigger.object_nouns
            ):
                return False
        if trigger.not_objects:
            heads = self._object_heads(token) + [
                grandchild
                for child in children
                if child.dep_ == "prep"
                for grandchild in child.children
                if grandchild.dep_ == "pobj"
            ]
            heads += [child for child in children if child.dep_ == "xcomp"]
            if {h.lemma_.lower() for h in heads} & trigger.not_objects:
                return False
        if trigger.subject_nouns:
            subject = self._subject(token)
            if subject is None or not {subject.lemma_.lower(), subject.lower_} & (
                trigger.subject_nouns
            ):
                return False
        if _pos(token) == "verb" and token.lemma_.lower() in LIGHT_VERBS:
            # "held talks", "gave recognition": the noun names the event
            if any(c.dep_ in OBJECTS and self._names_event(c) for c in children):
                return False
        return True

    def _object_heads(self, token: Token) -> list[Token]:
        """What the trigger acts on: its objects, or for nouns what "of" introduces."""
        heads = [c for c in token.children if c.dep_ in OBJECTS | {"nsubjpass"}]
        if _pos(token) == "noun":
            heads += _prep_objects(token, {"of"})
        for head in list(heads):
            heads.extend(c for c in head.conjuncts)
        for head in list(heads):
            # "700 kg of medicine", "a shipment of arms": the measured thing
            if head.lemma_.lower() in QUANTITY_NOUNS or any(
                c.dep_ == "nummod" for c in head.children
            ):
                heads.extend(_prep_objects(head, {"of"}))
        return heads

    def _material(self, token: Token) -> bool:
        """Whether support is given in arms, money or shelter ("supporting X with arms").

        Also what is bought or got is arms or money ("purchasing weapons from X").
        """
        for child in token.children:
            if child.dep_ in OBJECTS and child.lemma_.lower() in ARMED_AID_WORDS:
                return True
            if child.dep_ == "prep" and child.lower_ in {"with", "in"}:
                for pobj in child.children:
                    words = [pobj, *pobj.conjuncts]
                    if any(w.lemma_.lower() in ARMED_AID_WORDS for w in words):
                        return True
        return False

    def _object_kind_fits(self, event: _Event, token: Token, trigger: Trigger) -> bool:
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        for obj in objects:
            if obj.lemma_.lower() in trigger.object_kinds or obj.lower_ in trigger.object_kinds:
                return True
            if self.index.entity(obj) is None and obj.lemma_.lower() not in (
                self.words.generic_heads
            ):
                continue  # "welcomed X's statement" welcomes no person
            for entity in self._entities_of(obj):
                if self.index.type_of(entity) in trigger.object_kinds:
                    return True
        return False

    # ------------------------------------------------------------ participants

    def _participants(self, event: _Event) -> None:
        token, trigger = event.token, event.trigger
        slots: list[tuple[str, Token]] = []
        subject = self._subject(token)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
        if passive and trigger.stative_passive:
            # "X is opposed to Y", "X is committed to Z": a stance, not something done to X
            passive = any(c.dep_ == "agent" for c in token.children)
        light = self._light_verb(token)
        receiving = light is not None and light.lemma_.lower() in RECEIVING_VERBS
        if light is not None and event.type == "SUPPORT" and not _moral(token):
            if receiving or light.lemma_.lower() in GIVING_VERBS:
                event.type, event.mode = "AID", None  # "provided support", "received support"
        if subject is not None:
            if receiving:
                slots.append(("receiver", subject))
            else:
                slots.append(
                    ("object" if passive and _pos(token) == "verb" else "subject", subject)
                )
        for child in token.children:
            if child.dep_ in OBJECTS:
                slots.append(("object", child))
            elif child.dep_ == "dative":
                slots.append(("dative", child))
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        slots.append(("by" if "by" in trigger.roles else "subject", pobj))
            elif child.dep_ == "poss" and _pos(token) == "noun":
                slots.append(("subject", child))
            elif child.dep_ in {"compound", "amod"} and _pos(token) == "noun":
                if self.index.entity(child) is not None or self._demonym(child) is not None:
                    slots.append(("subject", child))  # "Palestinian riots", "a US offer"
            elif child.dep_ in {"relcl", "acl"} and _pos(token) == "noun":
                # "concerns that have been expressed by X", "talks X held"
                if child.lemma_.lower() in LIGHT_VERBS:
                    for grandchild in child.children:
                        if grandchild.dep_ == "agent":
                            slots.extend(
                                ("subject", p) for p in grandchild.children if p.dep_ == "pobj"
                            )
                        elif grandchild.dep_ == "nsubj" and grandchild.lower_ not in (
                            RELATIVE_PRONOUNS
                        ):
                            slots.append(("subject", grandchild))
        if _pos(token) == "noun" and token.dep_ == "pobj" and token.head.lower_ in {"at", "in"}:
            holder = token.head.head  # "participants at a meeting"
            if holder.lemma_.lower() in PARTICIPANT_NOUNS:
                slots.append(("subject", holder))
        for prep in self._preps(event):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    slots.append((prep.lower_, pobj))
        holders = [word for slot, word in slots if trigger.role(slot) == "holder"]
        for slot, word in slots:
            role = "target" if slot == "receiver" else trigger.role(slot)
            if role == "holder":
                role = "actor"
            elif holders and slot == "subject":
                role = "target"  # "X's visits raised concerns in Y": Y is concerned about X
            if role in {None, "none"}:
                continue
            entities = self._entities_of(word)
            if role == "place":
                places = [e for e in entities if self.index.type_of(e) in PLACE_TYPES]
                if places and event.location is None:
                    event.location = places[0]
                continue
            if role == "target" and trigger.mode == "visit":
                places = [e for e in entities if self.index.type_of(e) in PLACE_TYPES]
                if places and event.location is None:
                    event.location = places[0]
            bucket = event.actors if role == "actor" else event.targets
            if len(entities) > 1:
                event.groups.append(list(entities))
            for entity in entities:
                if entity not in bucket:
                    bucket.append(entity)
        if event.location is None:
            event.location = self._where(token)
        if trigger.symmetric:
            for entity in event.targets:
                if entity not in event.actors:
                    event.actors.append(entity)
            event.targets = []
        event.targets = [e for e in event.targets if e not in event.actors]

    def _preps(self, event: _Event) -> list[Token]:
        """Prepositions attached to the trigger, its phrase words, or a light verb over it."""
        holders = list(event.words)
        token = event.token
        if self._light_verb(token) is not None:
            holders.append(token.head)
        elif _pos(token) == "noun" and token.dep_ == "nsubjpass" and self._carries(token.head):
            holders.append(token.head)  # "talks were held in X"
        preps = []
        for holder in holders:
            for child in holder.children:
                # "gave aid to X": the parser may call a "to" phrase a dative
                dative = child.dep_ == "dative" and child.pos_ == "ADP"
                if (child.dep_ == "prep" or dative) and child not in preps:
                    preps.append(child)
                    # "in meetings with X": with hangs under the noun of in
        return preps

    def _subject(self, token: Token) -> Token | None:
        """The trigger's subject, followed up through the clauses that imply it."""
        current = token
        for _ in range(6):
            for child in current.children:
                if child.dep_ in SUBJECTS and child.dep_ != "expl":
                    if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                        return current.head
                    return child
            dep = current.dep_
            if _pos(current) == "noun":
                if dep in OBJECTS and self._carries(current.head):
                    current = current.head  # "held talks", "made trips"
                    continue
                if dep == "compound" and current.head.lower_ in EFFORT_NOUNS:
                    current = current.head  # "ended mediation efforts"
                    continue
                if (
                    dep == "pobj"
                    and current.head.lower_ == "of"
                    and current.head.head.lemma_.lower() in PARTITIVE_NOUNS
                ):
                    current = current.head.head  # "launched ten days of war games"
                    continue
                if dep == "pobj" and current.head.head.pos_ in {"VERB", "AUX"}:
                    preposition = current.head.lower_
                    if preposition in {"for", "in", "into", "to", "on"}:
                        current = current.head.head  # "trips ... for talks"
                        continue
                return None
            if dep in {"xcomp", "conj", "advcl", "acomp"}:
                if dep == "conj" and current.head.pos_ not in {"VERB", "AUX"}:
                    return None
                if dep == "conj":
                    stranded = self._stranded_subject(current)
                    if stranded is not None:
                        return stranded
                current = current.head
                continue
            if dep in {"relcl", "acl"}:
                if dep == "acl" and current.tag_ == "VBN":
                    if (
                        current.head.dep_ == "ROOT"
                        and _pos(current.head) == "noun"
                        and not any(c.dep_ in {"agent", "auxpass"} for c in current.children)
                    ):
                        # "An official newspaper called on X to ...": a sentence with no
                        # verb but the participle is one the parser misread
                        return current.head
                    return None  # "the weapons supplied by X": passive participle
                return current.head
            if dep == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head  # "by attacking", "after meeting"
                continue
            if dep == "ccomp" and current.head.lemma_ in {"help"}:
                current = current.head
                continue
            return None
        return None

    def _stranded_subject(self, verb: Token) -> Token | None:
        """A conjoined clause's subject the parser hung on the first clause.

        In "A encouraged the talks in B and C endorsed them" the parser may
        read C as conjoined with B: a named entity right before the second
        verb, after the "and", is taken as its subject.
        """
        left = verb.i - 1
        while left > 0 and self.doc[left].dep_ in {"advmod", "aux", "neg", "auxpass"}:
            left -= 1
        word = self.doc[left]
        if word.dep_ != "conj" or word.head.i == verb.i or word.i == 0:
            return None
        if self.doc[word.i - 1].dep_ != "cc" or self.index.entity(word) is None:
            return None
        return word

    def _entities_of(self, word: Token) -> list[int]:
        """The entities a participant phrase headed by ``word`` stands for."""
        found: list[int] = []
        for head in [word, *word.conjuncts]:
            for entity in self._entities_of_head(head):
                if entity not in found:
                    found.append(entity)
        return found

    def _entities_of_head(self, head: Token) -> list[int]:
        entity = self.index.entity(head)
        if entity is not None:
            home = self._ethnic_home(head, entity)
            if home is not None:
                return home
            self._state_of(head, entity)
            return [entity]
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
            antecedent = self._antecedent(head)
            return [antecedent] if antecedent is not None else []
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            return self._entities_of_head(head.head.head)
        if lower in {"those", "one", "some"} and head.head.lemma_ == "be":
            # "among those who met X was Y": the other side of the copula
            return [
                entity
                for other in head.head.children
                if other.dep_ in {"attr", "nsubj"} and other.i != head.i
                for entity in self._entities_of(other)
            ]
        if head.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return []
        generic = head.lemma_.lower() in self.words.generic_heads or lower in (
            self.words.generic_heads
        )
        found: list[int] = []
        for child in head.children:
            if child.dep_ == "appos":
                found.extend(self._entities_of(child))
        if found:
            return [e for e in found if self.index.type_of(e) in PARTY_TYPES] or found
        lemma = head.lemma_.lower()
        if lemma == "capital":
            capital = self._capital(head)
            if capital is not None:
                return [capital]
        for child in head.children:
            if child.dep_ == "poss":
                found.extend(self._entities_of(child))
            elif child.dep_ in {"compound", "amod", "nmod"}:
                for word in [child, *child.conjuncts]:
                    entity = self.index.entity(word)
                    if entity is None and child.dep_ in {"amod", "compound"}:
                        if generic or head.pos_ == "NOUN":
                            entity = self._demonym(word)  # "Iraqi towns", "French warships"
                            if entity is None:
                                entity = self._leader(word)  # "Vietnamese-led forces"
                    if (
                        entity is not None
                        and generic
                        and self.index.type_of(entity) == "place"
                        and self.index.entities[entity].get("country")
                    ):
                        entity = self._place_country(entity, word)  # "Beijing officials"
                    if entity is not None and self.index.type_of(entity) in PARTY_TYPES:
                        if entity not in found:
                            found.append(entity)
        included = _prep_objects(head, {"including"})
        if found or not generic:
            for pobj in included:
                found.extend(e for e in self._entities_of(pobj) if e not in found)
            return found
        for pobj in _prep_objects(head, {"from", "of", "in", "throughout"}):
            for entity in self._entities_of(pobj):
                if self.index.type_of(entity) == "place":
                    entity = self._place_country(entity, pobj)  # "people in Y"
                if entity is not None and entity not in found:
                    found.append(entity)
        for pobj in included:
            found.extend(e for e in self._entities_of(pobj) if e not in found)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        if not found and definite and lemma in GOVERNMENT_WORDS and head.i > 0:
            named = self._named_before(head)  # "the Taliban regime" ... "the regime"
            state = (
                named
                if named is not None
                else self.index.before(head.idx, frozenset({"country"}), 0)
            )
            if state is not None:
                found.append(state)
        elif (
            not found
            and definite
            and head.i > 0
            and (lemma in self.words.group_heads or lower in self.words.group_heads)
        ):
            bare = all(c.dep_ in {"det", "punct"} for c in head.children)
            named = self._named_before(head)
            if named is None and bare:
                sentence = bisect_right(self.sentence_starts, head.idx)
                horizon = self.sentence_starts[max(0, sentence - LOOKBACK_SENTENCES)]
                named = self.index.before(head.idx, frozenset({"organization", "group"}), horizon)
            if named is not None:
                found.append(named)  # "the insurgents", "the group"
        return found

    def _named_before(self, head: Token) -> int | None:
        """The entity last named with the same head noun before ``head`` ("the Taliban
        regime" for a later "the regime")."""
        if self._named_heads is None:
            self._named_heads = {}
            for token in self.doc:
                if _pos(token) != "noun" or token.pos_ == "PROPN":
                    continue
                for child in token.children:
                    if child.dep_ in {"compound", "amod", "poss"} and child.i < token.i:
                        entity = self.index.entity(child)
                        if entity is not None and self.index.type_of(entity) in PARTY_TYPES:
                            self._named_heads.setdefault(token.lemma_.lower(), []).append(
                                (token.i, entity)
                            )
                            break
        named = None
        for position, entity in self._named_heads.get(head.lemma_.lower(), ()):
            if position >= head.i:
                break
            named = entity
        return named

    def _leader(self, word: Token) -> int | None:
        """The country leading a force: "Vietnamese-led forces", "a US-led coalition"."""
        if word.lemma_.lower() != "lead" or word.tag_ != "VBN":
            return None
        for child in word.children:
            if child.dep_ in {"npadvmod", "compound", "amod", "nmod", "advmod"}:
                entity = self.index.entity(child)
                if entity is None:
                    entity = self._demonym(child)
                if entity is not None and self.index.type_of(entity) in PARTY_TYPES:
                    return entity
        return None

    def _ethnic_home(self, head: Token, entity: int) -> list[int] | None:
        """An ethnic group named by another country's demonym stands for the country it lives
        in, not for its kin state ("ethnic Albanians in Serbia", "the Albanians of
        Serbia"): that country when a phrase names it, else no one (None: not such a
        phrase)."""
        if (
            self.index.type_of(entity) != "country"
            or countries().by_demonym_text(head.text) is None
        ):
            return None
        ethnic = any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children)
        homes: list[int] = []
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ({"in", "of"} if ethnic else {"of"}):
                continue
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                for place in self._entities_of(pobj):
                    if self.index.type_of(place) == "place":
                        place = self._place_country(place, pobj)
                    if place is not None and self.index.type_of(place) == "country":
                        homes.append(place)
        if homes:
            return [home for home in dict.fromkeys(homes) if home != entity] or None
        return [] if ethnic else None

    def _state_of(self, head: Token, entity: int) -> None:
        """Give a body or person without a country the state its phrase ties it to:
        "Morocco's Supreme Court", "King X of Morocco", "the Supreme Court of Y" (a
        possessive only for bodies: "Iran's ally X" is no Iranian)."""
        data = self.index.entities[entity]
        if data.get("country") or data["type"] not in {"organization", "person"}:
            return
        for child in head.children:
            words = []
            if child.dep_ == "poss" and data["type"] == "organization":
                words = [child]
            elif child.dep_ == "prep" and child.lower_ == "of":
                words = [c for c in child.children if c.dep_ == "pobj"]
            for word in words:
                state = self.index.entity(word)
                if state is not None and self.index.type_of(state) == "country" and state != entity:
                    data["country"] = self.index.entities[state].get("country")
                    return

    def _demonym(self, word: Token) -> int | None:
        """The country of a nationality word ("Iranian officials"), added to the report."""
        country = nationality_word(word.text)
        if country is None:
            return None
        index = country_entity(self.index.entities, country, word.idx, word.text)
        self.index.token_entity[word.i] = index
        return index

    def _place_country(self, place: int, word: Token) -> int | None:
        """The country entity of a place ("demonstrators in Baghdad" are Iraq's)."""
        code = self.index.entities[place].get("country")
        country = countries().by_code.get(code) if code else None
        if country is None:
            return None
        for index, entity in enumerate(self.index.entities):
            if entity["type"] == "country" and entity.get("country") == country.code:
                return index  # the report's own entity, without the city as its mention
        return country_entity(self.index.entities, country, word.idx, word.text)

    def _capital(self, head: Token) -> int | None:
        """ "the Iranian capital", "Iran's capital": the report's entity of that city."""
        for child in head.children:
            if child.dep_ not in {"amod", "poss", "compound"}:
                continue
            entity = self.index.entity(child)
            code = self.index.entities[entity].get("country") if entity is not None else None
            country = countries().by_code.get(code) if code else None
            if country is None:
                country = countries().by_demonym_text(child.text)
            if country is None or not country.capital:
                continue
            wanted = normalise_name(country.capital)
            for index, entity_data in enumerate(self.index.entities):
                if entity_data["type"] == "place" and normalise_name(entity_data["name"]) == wanted:
                    return index
            return country_entity(self.index.entities, country, child.idx, child.text)
        return None

    def _antecedent(self, pronoun: Token) -> int | None:
        lower = pronoun.lower_
        if lower in PERSON_PRONOUNS:
            kinds = frozenset({"person"})
        elif lower in THING_PRONOUNS:
            kinds = frozenset({"organization", "country"})
        elif lower in PLURAL_PRONOUNS:
            kinds = frozenset({"organization", "country", "group"})
        else:
            return None
        position = bisect_right(self.sentence_starts, pronoun.idx)
        horizon = self.sentence_starts[max(0, position - LOOKBACK_SENTENCES)]
        if pronoun.dep_ in SUBJECTS or (pronoun.dep_ == "poss" and pronoun.head.dep_ in SUBJECTS):
            # a subject pronoun continues an earlier subject: of a clause
            # before it in the sentence, else of the sentence before
            for subject in self._earlier_subjects(pronoun):
                for entity in self._entities_of_head(subject):
                    if self.index.type_of(entity) in kinds:
                        return entity
        return self.index.before(pronoun.idx, kinds, horizon)

    def _earlier_subjects(self, pronoun: Token) -> list[Token]:
        sent = pronoun.sent
        found = [
            t
            for t in reversed(sent[: pronoun.i - sent.start])
            if t.dep_ in SUBJECTS and t.lower_ not in RELATIVE_PRONOUNS and not _is_pronoun(t)
        ]
        if sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            found += [
                t for t in previous.root.children if t.dep_ in SUBJECTS and not _is_pronoun(t)
            ]
        return found

    def _where(self, token: Token) -> int | None:
        """A place given by a "where" clause the trigger sits in ("…, where they met")."""
        current = token
        for _ in range(3):
            if current.dep_ == "relcl" and any(
                c.lower_ == "where" for c in current.children if c.dep_ == "advmod"
            ):
                entity = self.index.entity(current.head)
                if entity is not None and self.index.type_of(entity) in PLACE_TYPES:
                    return entity
                return None
            if current.dep_ in {"conj", "xcomp"}:
                current = current.head
                continue
            return None
        return None

    # ------------------------------------------------------------ attributes

    def _attributes(self, event: _Event) -> None:
        token = event.token
        governors = self._governors(token)
        event.negated = self._negated(token, governors)
        event.modality = self._modality(token, governors)
        if not event.negated and self._promised(token, governors):
            promised = self.words.promised_types.get(event.type)
            if promised is not None:
                event.type, event.mode = promised, None
        event.count = max(self._count(verb) for verb in governors)
        event.date = self._date(token, governors)
        event.context = self._context(event)

    def _governors(self, token: Token) -> list[Token]:
        """The trigger, then the verbs it hangs under as infinitive, object or light-verb noun."""
        chain = [token]
        current = token
        for _ in range(3):
            if current.dep_ in {"xcomp"} or (
                current.dep_ in OBJECTS and current.head.pos_ in {"VERB", "AUX"}
            ):
                current = current.head
                chain.append(current)
            elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head
                chain.append(current)
            else:
                break
        return chain

    def _negated(self, token: Token, governors: list[Token]) -> bool:
        words = self.words
        for verb in governors:
            for child in verb.children:
                if child.dep_ == "neg" or (
                    child.lower_ in words.negation_dependents
                    and (child.dep_ in {"advmod", "det", "neg"})
                ):
                    if child.dep_ == "det" and child.head.i != token.i:
                        continue
                    return True
                if child.dep_ in SUBJECTS and child.lower_ in words.negation_subjects:
                    return True
            if verb is not token and verb.lemma_.lower() in words.negation_verbs:
                return True
        if _pos(token) == "noun":
            if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                return True
        # "…, but nothing materialised"
        for verb in governors[-1:]:
            for conj in verb.conjuncts:
                subjects = [c for c in conj.children if c.dep_ in SUBJECTS]
                if any(s.lower_ in words.negation_subjects for s in subjects) and conj.i > verb.i:
                    return True
        return False

    def _modality(self, token: Token, governors: list[Token]) -> Modality:
        words = self.words
        for verb in governors[1:]:
            lemma = verb.lemma_.lower()
            if lemma in words.attempted_governors:
                return Modality.ATTEMPTED
            if lemma in words.hypothetical_governors:
                return Modality.HYPOTHETICAL
            if lemma in words.planned_governors:
                return Modality.PLANNED
        for verb in governors:
            for child in verb.children:
                if child.dep_ != "aux":
                    if child.dep_ == "advmod" and child.lower_ in words.hypothetical_adverbs:
                        return Modality.HYPOTHETICAL
                    continue
                lower = child.lower_
                if lower in words.hypothetical_auxiliaries:
                    return Modality.HYPOTHETICAL
                if lower in words.planned_auxiliaries:
                    return Modality.PLANNED
        if _pos(token) == "noun" and any(
            c.dep_ == "amod" and c.lower_ in {"future", "planned", "proposed", "possible"}
            for c in token.children
        ):
            return Modality.PLANNED
        return Modality.ASSERTED

    def _promised(self, token: Token, governors: list[Token]) -> bool:
        """Whether a cooperative act is told as still to come: "will give", "is ready to
        send", "offered aid" (PLOVER codes these as the promise they are)."""
        words = self.words
        light = self._light_verb(token)
        if light is not None and light.lemma_.lower() in words.promise_verbs:
            return True
        for verb in governors:
            if verb is not token and verb.lemma_.lower() in words.promise_adjectives:
                return True
            if any(
                c.dep_ == "aux" and c.lower_ in words.promise_auxiliaries for c in verb.children
            ):
                return True
        return False

    def _count(self, token: Token) -> int:
        counts = self.words.counts
        if _pos(token) == "noun":
            for child in token.children:
                if child.dep_ == "nummod":
                    value = counts.get(child.lower_)
                    if value is None and child.like_num and child.text.isdigit():
                        value = int(child.text)
                    if value:
                        return value
            return 1
        for child in token.children:
            if child.lower_ in {"once", "twice", "thrice"}:
                return counts[child.lower_] or 1
            if child.lemma_.lower() == "time" and child.dep_ in {"npadvmod", "dobj"}:
                for number in child.children:
                    value = counts.get(number.lower_)
                    if number.dep_ == "nummod" and value:
                        return value
        return 1

    def _date(self, token: Token, governors: list[Token]) -> DateValue | None:
        """The time expression of the trigger's own clause."""
        holders = {t.i for t in governors}
        for mention_head, phrase in self.dates.get(token.sent.start, ()):
            attached = mention_head
            for _ in range(4):
                if attached.i in holders:
                    # placed only when attached: most time words are no event's
                    value = resolve_date(phrase, self.published)
                    if value is None:  # no time expression after all ("now")
                        break
                    return value
                if attached.dep_ in {"ROOT"} or attached.head.i == attached.i:
                    break
                if attached.pos_ in {"VERB", "AUX"} and attached.i not in holders:
                    break
                if _pos(attached) == "noun" and self._is_trigger_word(attached):
                    break
                attached = attached.head
        return None

    def _light_verb(self, token: Token) -> Token | None:
        """The verb a trigger noun is the object of, when its subject does the event.

        Light verbs ("held talks", "received arms"), and any other verb that
        is no trigger itself and not one whose subject only undergoes or
        watches the event ("renewed negotiations", "staged rallies"; not
        "suffered an attack", "covered the talks").
        """
        if _pos(token) == "noun" and token.dep_ in OBJECTS:
            if self._carries(token.head):
                return token.head
        return None

    def _carries(self, verb: Token) -> bool:
        """Whether a verb's subject does what the event noun it governs names."""
        lemma = verb.lemma_.lower()
        if lemma in LIGHT_VERBS:
            return True
        if verb.pos_ != "VERB" or lemma in self.words.outsider_verbs:
            return False
        return not self._names_event(verb)

    def _names_event(self, noun: Token) -> bool:
        """Whether a noun is a trigger whose conditions hold."""
        pos = _pos(noun)
        if pos is None:
            return False
        return any(
            self._fits(noun, trigger)
            for trigger in self.words.triggers.get((noun.lemma_.lower(), pos), ())
        )

    def _is_trigger_word(self, token: Token) -> bool:
        pos = _pos(token)
        return pos is not None and (token.lemma_.lower(), pos) in self.words.triggers

    def _context(self, event: _Event) -> list[str]:
        contexts = list(event.trigger.context)
        words = [event.token]
        for child in event.token.children:
            if child.dep_ in OBJECTS | {"prep", "compound", "amod"}:
                words.extend(child.subtree)
        for word in words:
            context = self.words.contexts.get(word.lower_) or self.words.contexts.get(
                word.lemma_.lower()
            )
            if context and context not in contexts:
                contexts.append(context)
        return contexts

    # ------------------------------------------------------------ merging

    def _merge(self, events: list[_Event]) -> list[_Event]:
        """One happening named twice in a sentence is one event ("met … and held talks")."""
        kept: list[_Event] = []
        for event in events:
            host = next((k for k in kept if self._same_happening(k, event)), None)
            if host is None:
                kept.append(event)
                continue
            for entity in event.actors:
                if entity not in host.actors and entity not in host.targets:
                    host.actors.append(entity)
            for entity in event.targets:
                if entity not in host.targets and entity not in host.actors:
                    host.targets.append(entity)
            host.location = host.location if host.location is not None else event.location
            host.date = host.date or event.date
            host.count = max(host.count, event.count)
            host.mode = host.mode or event.mode
        return kept

    def _same_happening(self, first: _Event, second: _Event) -> bool:
        """A noun under a verb of the same type and mode names the verb's event."""
        if first.type != second.type or first.negated != second.negated:
            return False
        if (first.mode == "visit") != (second.mode == "visit"):
            return False  # "met X while on a trip to Y": a meeting and a visit
        if first.mode and second.mode and first.mode != second.mode:
            return False
        a, b = first.token, second.token
        if b.dep_ == "conj" or (a.dep_ == "conj" and b.head.i == a.i):
            return False
        return _governs(a, b) or _governs(b, a)

    # ------------------------------------------------------------ output

    def report_event(self, event: _Event) -> ReportEvent:
        words = sorted(event.words, key=lambda t: t.i)
        start = words[0].idx
        end = words[-1].idx + len(words[-1].text)
        return ReportEvent(
            type=event.type,
            trigger=(start, end),
            actors=event.actors,
            targets=event.targets,
            mode=event.mode,
            context=event.context,
            location=event.location,
            date=event.date,
            negated=event.negated,
            modality=event.modality,
            count=event.count,
            summary=self._summary(event),
        )

    def _summary(self, event: _Event) -> str:
        names = self.index.entities

        def listed(entities: list[int]) -> str:
            return ", ".join(names[e]["name"] for e in entities)

        parts = []
        if event.actors:
            parts.append(listed(event.actors))
        if event.negated:
            parts.append("not")
        parts.append(" ".join(t.text for t in sorted(event.words, key=lambda t: t.i)))
        if event.targets:
            parts.append(listed(event.targets))
        if event.location is not None:
            parts.append(f"in {names[event.location]['name']}")
        if event.date is not None:
            parts.append(f"({event.date.text})")
        return " ".join(parts)


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | (
        PLURAL_PRONOUNS
    )


def _infinitive(child: Token) -> bool:
    """An infinitive complement: an ``xcomp``, or a ``ccomp`` with its own subject and
    "to" ("allowed X to take part": the parser's reading of the object as subject)."""
    if child.dep_ == "xcomp":
        return True
    return child.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children
    )


def _moral(token: Token) -> bool:
    """Support qualified as moral, political or diplomatic stays SUPPORT."""
    return any(
        c.dep_ == "amod" and c.lower_ in {"moral", "political", "diplomatic", "verbal"}
        for c in token.children
    )


def _prep_objects(token: Token, prepositions: set[str]) -> list[Token]:
    """The objects of a word's prepositions among ``prepositions`` ("at X", "of Y")."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _depth(token: Token) -> int:
    """How many heads lie between a word and its sentence's root."""
    depth = 0
    while token.head.i != token.i and depth < 100:
        token = token.head
        depth += 1
    return depth


def _pos(token: Token) -> str | None:
    """The trigger part of speech of a token: verb, noun, adj, or None."""
    if token.pos_ in {"VERB"} or (token.pos_ == "AUX" and token.dep_ != "aux"):
        return "verb"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "noun"
    if token.pos_ == "ADJ":
        return "adj"
    return None


def _governs(head: Token, word: Token) -> bool:
    """Whether ``word`` hangs under ``head`` within two steps (directly or via a preposition),
    not across a coordination ("armed X and provided support" are two acts)."""
    current = word
    for _ in range(3):
        if current.head.i == current.i or current.dep_ == "conj":
            return False
        current = current.head
        if current.i == head.i:
            return True
    return False


def _dates_by_sentence(doc: Doc, text: str) -> dict[int, list[tuple[Token, str]]]:
    """Time expressions of the report by sentence start: attachment token, phrase to place."""
    found: dict[int, list[tuple[Token, str]]] = {}
    for mention in find_dates(doc, text):
        head = doc[mention.head]
        found.setdefault(head.sent.start, []).append((head, mention.phrase))
    return found


__all__ = ["EventFinder", "find_events"]

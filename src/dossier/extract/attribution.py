"""Attributions: who is reported to say, think, deny or withhold what.

``find_attributions(doc)`` reads a parsed Doc and returns one
:class:`Attribution` per cue, with three parts as character spans: the
**source** (the words naming who says it), the **cue** (the reporting words)
and the **content** (what is said). It works on spaCy's dependency parse and
the word lists of ``data/attribution.yaml``; it does not resolve who the
source is (that is :mod:`dossier.resolve.speakers`).

The forms it reads:

* verbs of saying, writing, thinking and denying with a subject and a clause,
  a quote or an object ("Sadat said that ...", "... , he said",
  "said the source", "denied the claims", "tweeted that");
* verbs broken into a quote ("“We tried,” she said, “but failed.”") and
  quotes that run on over several sentences;
* "according to X" and "citing X";
* a dash and a name signing a post or a quoted paragraph ("... — Jo Lee
  (@jolee) May 5, 2016", "- Jo Lee." under a quotation);
* passives with and without an agent ("denied by the government", "it is
  believed");
* refusals ("declined to comment", "offered no comment") and non-responses
  ("did not respond to a request for comment", "could not be reached");
* source-less hedges ("reportedly", "allegedly") and seeming ("appears to");
* attitude adjectives with a holder ("are optimistic that", "was critical
  of"), framing phrases ("in her view", "In a new poll, ...", "To many
  voters, ...", "leads in the latest poll"), stance nouns with an owner
  ("his criticism of", "criticism from the union of") and a few without one
  when what they are about follows ("questions about the deal");
* public acts and stances of a person or body (``act_cue_verbs``: "offered
  a plan", "voted for the bill", "refused to"), light verbs with a noun of
  stance ("made the case for", "took aim at", "raised questions about",
  "made it clear that", "as Lee put it"), verbs of saying or thinking the
  clause rule cannot read, taken as acts ("pointed to her record"),
  regarding and naming ("sees the
  vote as a test", "is widely seen as", "a group known as ..."), and verbs
  in title-case headlines ("Lee Slams Kim Over Taxes").

The acts, views and namings are ``propositional=False``: they say what a
source did or thinks, and make no statement. A report told inside a
quotation, in the clause another sourced report governs ("Lee said Kim told
her ...") or in what an "according to" qualifies is the outer source's
account and is dropped; one coordinated with it ("Lee said ... and added
...") or set against it ("..., while Kim confirmed it") is kept.

The rules propose candidates (:meth:`AttributionFinder.candidates`); by
default the shipped scorer of :mod:`dossier.extract.cuescore` then drops
those it finds unlikely and admits ``broad`` ones (an act told by any other
verb with a holder subject: "the senator repaired the fence"), which the
rules alone never propose. ``AttributionFinder(scorer=False)`` gives the
rules alone.

Limits, stated honestly: rules on a statistical parse inherit its errors (a
long sentence may attach a cue to the wrong clause, and the parse may run a
sentence over a paragraph break; the rules read each line apart but do not
re-parse it); nominal cues are read only in a few shapes ("reports that
...", "in a statement", a stance noun with an owner); the act, light-verb
and headline rules rest on word lists chosen for English political news and
will miss or over-read acts elsewhere; a colon introducing a quote after a
name ("Jones: “...”") is not a cue unless a verb of saying is there, and
"Q:"/"A:" transcript labels are not read; attributions that span
paragraphs without quote marks are missed. On the PolNeAR training split
most remaining misses are a long tail of verbs and nouns of acts that the
lists do not hold, and reports told inside another report's clause, which
the corpus annotates and this finder drops.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dossier.extract.cuescore import CueScorer, cue_features, cue_scorer
from dossier.extract.cuewords import CueWords, cue_words
from dossier.model.statement import Stance

CharSpan = tuple[int, int]

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
CLAUSES = frozenset({"ccomp", "xcomp", "csubj"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
OPENING_QUOTES = '“"‘«'
CLOSING_QUOTES = '”"’»'
# Quote marks as tokens: typewriter text doubles apostrophes (''...'').
OPENING_MARKS = frozenset([*OPENING_QUOTES, "''", "``"])
CLOSING_MARKS = frozenset([*CLOSING_QUOTES, "''"])
QUOTE_CHARS = frozenset([*OPENING_QUOTES, *CLOSING_QUOTES, "'", "`", "''", "``"])
# Labels before a colon that introduce no speaker ("Editor's Note:", "Update:").
COLON_LABELS = frozenset(
    {
        "note",
        "latest",
        "guide",
        "recap",
        "timeline",
        "factbox",
        "explainer",
        "transcript",
        "update",
        "updated",
        "photo",
        "photos",
        "video",
        "source",
        "sources",
        "related",
        "read",
        "follow",
        "watch",
        "correction",
        "disclosure",
        "breaking",
        "exclusive",
        "live",
        "analysis",
        "opinion",
        "warning",
        "editor",
        "editors",
        "caption",
        "credit",
        "see",
        "also",
        "more",
        "listen",
        "subscribe",
        "share",
        "advertisement",
        "contact",
        "email",
        "twitter",
        "facebook",
        "tags",
        "topics",
        "category",
        "filed",
        "posted",
        "by",
        "when",
        "where",
        "what",
        "who",
        "why",
        "how",
        "q",
        "a",
        "question",
        "answer",
        "part",
        "chapter",
        "day",
        "step",
    }
)
# Verbs that put a claim against another one: a negated content is a denial.
COUNTER_CLAIM_VERBS = frozenset({"claim", "insist", "maintain", "counter", "retort", "contend"})
# Nouns a participle may hang on without being its speaker.
INANIMATE_HEADS = frozenset(
    {
        "statement",
        "image",
        "images",
        "photo",
        "photos",
        "response",
        "report",
        "letter",
        "video",
        "post",
        "message",
        "note",
        "document",
        "documents",
        "tweet",
        "interview",
        "release",
        "speech",
        "remark",
        "remarks",
        "comment",
        "comments",
        "way",
        "time",
    }
)
# Where a source speaks ("on his Facebook page", "in an interview").
MEDIUM_NOUNS = frozenset(
    {
        "page",
        "account",
        "feed",
        "website",
        "site",
        "blog",
        "show",
        "program",
        "programme",
        "channel",
        "interview",
        "statement",
        "post",
        "tweet",
        "video",
        "podcast",
        "broadcast",
        "column",
        "letter",
        "speech",
    }
)
# Verbs whose object alone is a claim: confirmed or admitted things, and
# material published as evidence.
PROPOSITIONAL_OBJECT_VERBS = frozenset(
    {"confirm", "acknowledge", "admit", "claim", "tweet", "retweet", "post", "publish", "share"}
)
# Verbs that invert after a quote or clause ("..., said the minister").
INVERTING_VERBS = frozenset(
    {
        "say",
        "add",
        "tell",
        "write",
        "ask",
        "reply",
        "explain",
        "note",
        "continue",
        "insist",
        "argue",
        "warn",
        "claim",
        "report",
        "state",
        "declare",
        "recall",
        "observe",
        "conclude",
        "answer",
        "respond",
        "counter",
        "retort",
        "admit",
        "acknowledge",
        "confirm",
        "deny",
        "suggest",
        "complain",
        "predict",
        "announce",
        "tweet",
        "remark",
        "joke",
        "quip",
    }
)
# Parts of speech no rule starts from (a colon is read apart): skipping them
# saves most of the per-token calls.
NEVER_CUES = frozenset(
    {"DET", "PRON", "PROPN", "CCONJ", "SCONJ", "NUM", "SYM", "SPACE", "PART", "INTJ", "PUNCT"}
)
# Verbs of answering whose words a participle of saying carries ("responded,
# saying ...").
ANSWER_VERBS = frozenset({"respond", "reply", "answer", "react", "retort", "counter"})
# A dash and a name signing a post or a quotation, ending its line or
# followed by a date or a markup tag (see AttributionFinder._signatures).
SIGNATURE = re.compile(
    r"(?m)(?:^|(?<=[\s”\"’]))(?P<dash>[―—–]|--?)[ \t\xa0]+"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"(?:[ \t]+(?P<handle>\(@\w+\)))?"
    r"(?=[ \t\xa0]*(?:\.?[ \t\xa0]*$|[A-Z][a-z]+\.?[ \t]+\d{1,2},?[ \t]+\d{4}|<))"
)
FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
# Verbs that put out a document ("a report released by ..."): as a
# participle on the document they name no claim of their own.
PUBLISHING_VERBS = frozenset({"release", "issue", "publish", "post", "broadcast", "distribute"})
# Verbs of thought whose passive states a view held by no one named ("is
# expected to win", "was thought to be", "is believed to have").
SOURCELESS_PASSIVES = frozenset(
    {
        "expect",
        "believe",
        "think",
        "know",
        "consider",
        "understand",
        "presume",
        "assume",
        "fear",
        "suspect",
        "see",
        "view",
        "regard",
    }
)
# Prepositions that take what an attitude is about ("critical of", "worried
# about", "frustrated with", "divided on"); those a linking verb may carry
# for it when the parse hangs them there.
ATTITUDE_PREPOSITIONS = frozenset(
    {"of", "about", "with", "on", "over", "in", "at", "by", "to", "toward", "towards", "for"}
)
# Nouns of a stance or an act of speech that, with an owner and an object,
# report it ("his criticism of the plan", "her call for talks").
STANCE_NOUNS = frozenset(
    {
        "criticism",
        "attack",
        "complaint",
        "endorsement",
        "embrace",
        "praise",
        "condemnation",
        "denunciation",
        "denial",
        "accusation",
        "rebuke",
    }
)
STANCE_PREPOSITIONS = frozenset({"for", "of", "on", "about", "against", "to", "with", "over"})
# Common nouns of people, and the endings most such nouns have.
PERSON_NOUNS = frozenset(
    {
        "mayor",
        "nurse",
        "public",
        "parent",
        "family",
        "union",
        "crowd",
        "audience",
        "majority",
        "minority",
        "staff",
        "team",
        "camp",
        "side",
        "citizen",
        "student",
        "judge",
        "doctor",
        "chief",
        "head",
        "executive",
        "candidate",
        "nominee",
        "senator",
        "governor",
        "president",
        "coach",
        "chair",
        "chairman",
        "chairwoman",
        "board",
        "panel",
        "firm",
        "agency",
        "department",
        "office",
        "bank",
    }
)
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent", "ee", "crat")
# Words for a share of people that may hold a view ("many think", "half said").
GROUP_WORDS = frozenset(
    {
        "many",
        "some",
        "most",
        "few",
        "others",
        "both",
        "all",
        "half",
        "majority",
        "plurality",
        "minority",
        "third",
        "thirds",
        "quarter",
        "fifth",
        "none",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
    }
)
# Where findings or views are set out ("in a new poll", "in his view").
FRAMING_NOUNS = frozenset(
    {"poll", "survey", "study", "analysis", "census", "view", "opinion", "estimation"}
)
# Prepositions that take what a light verb's stance is about ("took aim at",
# "raised questions about", "made the case for").
LIGHT_PREPOSITIONS = frozenset(
    {"of", "about", "on", "for", "against", "at", "to", "toward", "towards", "over", "with"}
)
# Subordinators of a clause set against another ("..., while B said").
CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though", "but"})
POLL_NOUNS = frozenset({"poll", "survey", "study", "census"})
# "quoted Lee as saying", "cited an official as saying"
QUOTING_VERBS = frozenset({"quote", "cite", "report"})
# "drew criticism from", "came under fire from": a stance received from someone
RECEPTION_VERBS = frozenset({"draw", "attract", "receive", "earn", "win", "face", "come", "get"})
RECEPTION_NOUNS = frozenset(
    {
        "criticism",
        "fire",
        "praise",
        "condemnation",
        "rebuke",
        "backlash",
        "opposition",
        "objection",
        "complaint",
        "scorn",
        "ridicule",
        "applause",
        "support",
        "endorsement",
        "pushback",
        "scrutiny",
        "attack",
        "censure",
    }
)
LINK_PREPOSITIONS = frozenset({"of", "about", "with", "on", "over", "toward", "towards"})


@dataclass(slots=True)
class Attribution:
    """One cue with its source and content.

    ``kind`` says which rule found it (``verb``, ``according``, ``citing``,
    ``passive``, ``silence``, ``adverb``, ``seeming``, ``noun``,
    ``attitude``, ``framing``, ``colon``, ``transcript``, ``act``, ``light``,
    ``regard``, ``headline``, ``signature``, ``broad``).
    ``propositional`` is true when the content is a claim (a clause, a quote
    or the clause an "according to" qualifies) rather than a thing acted on
    ("praised the plan", "called for talks"): only propositional
    attributions make statements, the rest are reported acts.
    ``source_tokens`` is the token range of the source (end exclusive).
    """

    cue: list[CharSpan]
    source: list[CharSpan]
    content: list[CharSpan]
    cue_head: int
    kind: str
    stance: Stance = Stance.ASSERTS
    hedged: bool = False
    propositional: bool = True
    source_tokens: tuple[int, int] | None = None
    chain: list[tuple[int, int]] = field(default_factory=list)  # token ranges of further sources

    @classmethod
    def of_tokens(
        cls,
        cue: Iterable[Token],
        source: Sequence[Token],
        content: Iterable[Token],
        cue_head: int,
        kind: str,
        **fields,
    ) -> Attribution:
        """An attribution from its parts' tokens (``source`` in text order)."""
        return cls(
            cue=_char_spans(cue),
            source=_char_spans(source),
            content=_char_spans(content),
            cue_head=cue_head,
            kind=kind,
            source_tokens=(source[0].i, source[-1].i + 1) if source else None,
            **fields,
        )

    @property
    def extent(self) -> CharSpan:
        """From the first to the last character of any part."""
        parts = [*self.cue, *self.source, *self.content]
        return min(s for s, _ in parts), max(e for _, e in parts)


# ------------------------------------------------------------------ helpers


# Forms the parser's lemmatiser gets wrong ("hopes" as a form of "hop").
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _lemma(token: Token) -> str:
    lower = token.lower_
    return LEMMA_FIXES.get(lower) or token.lemma_.lower()


# "say" in set phrases that report no one's words
_SAYING_BEFORE = (
    ("needless", "to"),
    ("suffice", "to"),
    ("suffice", "it", "to"),
    ("that", "is", "to"),
    ("so", "to"),
    ("let", "'s"),
    ("let", "’s"),
    ("let", "us"),
    ("lets",),
)
_SAYING_AFTER = (("the", "least"), ("nothing", "of"))
# what an inanimate subject "says" when it reveals: "the vote says a lot about ..."
_REVEALED = frozenset({"something", "lot", "much", "volumes", "little", "more", "everything"})


def _set_phrase(token: Token, holder: Callable[[Token], bool]) -> bool:
    """Whether a verb of saying is part of a set phrase that reports no
    one's words: "it goes without saying", "needless to say", "let's say",
    "so to speak", "to say the least", "the result says a lot about ...",
    "who asked not to be named".

    ``holder`` tells a subject that can hold a view: "the minister said a
    lot about the deal" is a report.

    Limits: read on the surface words around the verb, lower-cased, and on
    the verb's own subject and object (a parse that hangs "says" elsewhere
    hides the inanimate subject)."""
    if _asks_anonymity(token):
        return True  # "who asked not to be named": a condition, not a statement
    if token.lemma_.lower() not in {"say", "speak", "tell"}:
        return False
    doc = token.doc
    before = tuple(t.lower_ for t in doc[max(0, token.i - 3) : token.i])
    if any(before[-len(phrase) :] == phrase for phrase in _SAYING_BEFORE):
        return True
    after = tuple(t.lower_ for t in doc[token.i + 1 : token.i + 3])
    if any(after[: len(phrase)] == phrase for phrase in _SAYING_AFTER):
        return True
    head = token.head
    if head.lower_ == "without" and head.head.lemma_.lower() == "go":
        return True
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "csubj"}), None)
    return (
        subject is not None
        and (subject.dep_ == "csubj" or not holder(subject))
        and any(c.dep_ == "dobj" and c.lower_ in _REVEALED for c in token.children)
    )


def _silent(token: Token) -> bool:
    """Whether a verb of answering tells that no answer came: negated ("did
    not respond"), still to come ("has yet to respond", "is yet to
    comment"), or with nobody as subject ("neither side has commented", "no
    one at the embassy responded")."""
    if _negated(token):
        return True
    head = token.head
    if (
        token.dep_ == "xcomp"
        and head.lemma_.lower() in {"have", "be"}
        and any(c.lower_ == "yet" for c in head.children)
    ):
        return True
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.lower_ in {"nobody", "none", "neither"}
        or any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in subject.children)
    )


def _negated(token: Token) -> bool:
    """Whether the token has a negation of its own ("did not respond")."""
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in {"advmod", "det"}):
            return True
    return False


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and conjunctions at either end (quotes are kept)."""
    while tokens and (
        (tokens[0].is_punct and tokens[0].text not in OPENING_MARKS)
        or tokens[0].dep_ == "cc"
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    while tokens and (
        (tokens[-1].is_punct and tokens[-1].text not in CLOSING_MARKS)
        or tokens[-1].dep_ == "cc"
        or tokens[-1].is_space
    ):
        tokens = tokens[:-1]
    return tokens


def _char_spans(tokens: Iterable[Token]) -> list[CharSpan]:
    """Contiguous runs of the tokens as character spans."""
    spans: list[CharSpan] = []
    previous = None
    for token in sorted(tokens, key=lambda t: t.i):
        if token.is_space:
            continue
        end = token.idx + len(token.text)
        if previous is not None and token.i == previous + 1 and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((token.idx, end))
        previous = token.i
    return spans


def _subtree(token: Token, exclude: Iterable[Token] = ()) -> list[Token]:
    """The token's subtree without the subtrees of ``exclude``, in order."""
    skip: set[int] = set()
    for other in exclude:
        skip.update(t.i for t in other.subtree)
    return [t for t in token.subtree if t.i not in skip]


def _contiguous(tokens: list[Token]) -> list[Token]:
    """The tokens from the first to the last (a span has no holes)."""
    if not tokens:
        return []
    doc = tokens[0].doc
    return list(doc[tokens[0].i : tokens[-1].i + 1])


def _phrase(token: Token, sent: Span) -> list[Token]:
    """A noun phrase's tokens (its subtree), inside the sentence, trimmed,
    without a clause after it that only asks for anonymity ("a spokesman,
    who asked not to be named,")."""
    tokens = [t for t in token.subtree if sent.start <= t.i < sent.end]
    for clause in token.children:
        if clause.dep_ == "relcl" and clause.i > token.i and _asks_anonymity(clause):
            start = min(t.i for t in clause.subtree)
            tokens = [t for t in tokens if t.i < start]
            break
    return _trim(tokens)


def _asks_anonymity(verb: Token) -> bool:
    """ "asked not to be named", "requested anonymity", "spoke on condition
    of anonymity": a source's condition, not a statement."""
    lemma = verb.lemma_.lower()
    if lemma in {"ask", "request", "demand"} and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in {"name", "identify", "quote"} and _negated(c)
        for c in verb.children
    ):
        return True
    return lemma in {"request", "speak", "ask", "seek", "insist"} and any(
        t.lower_ == "anonymity" for t in verb.subtree
    )


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, following coordinated and participle verbs up."""
    seen = 0
    current = verb
    while current is not None and seen < 6:
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            # a parse that runs over a line break may give a second subject
            # from the line before ("12:15 p.m.: ¶ Lee says ..."): the one in
            # the verb's own paragraph is the subject
            return next((c for c in subjects if not _line_between(c, current)), subjects[0])
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            noun = current.head
            if (
                noun.pos_ == "PROPN"
                or noun.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                or (noun.lemma_.lower() not in INANIMATE_HEADS)
            ):
                return noun  # "calls saying ...", "voters saying ..."
            current = noun.head  # "issued a statement denying ...": the issuer
            seen += 1
            continue
        if (
            current.dep_ in {"conj", "xcomp", "advcl", "pcomp", "acomp", "dep", "prep", "pobj"}
            and current.head.i != current.i
        ):
            current = current.head
            if current.dep_ == "prep" and current.head.i != current.i:
                current = current.head  # "by saying ..."
            seen += 1
            continue
        return None
    return None


def _governs(outer: Token, inner: Token) -> bool:
    """Whether ``inner`` lies in a clause under ``outer``, not coordinated with
    it, in the same paragraph."""
    if _line_between(outer, inner):
        return False
    child = inner
    for _ in range(40):
        head = child.head
        if head.i == child.i or child.dep_ in {"conj", "parataxis"}:
            return False
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in child.children
        ):
            return False  # "said A, while B confirmed it": B's own report
        if head.i == outer.i:
            return child.dep_ in {"ccomp", "xcomp", "dobj"}  # its content, not an adjunct
        child = head
    return False


def _line_between(one: Token, other: Token) -> bool:
    """Whether a line break lies between two tokens."""
    low, high = sorted((one.i, other.i))
    if high - low > 60:
        return "\n" in one.doc[low:high].text
    return any(t.is_space and "\n" in t.text for t in one.doc[low + 1 : high])


def _agent(verb: Token) -> Token | None:
    """The object of a passive's "by" agent."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _patient(verb: Token) -> Token | None:
    """The subject of a passive verb that has an agent ("the plan" in "the
    plan was rejected by the council"), not a dummy "it" ("it was reported
    by the paper that ...")."""
    if _agent(verb) is None:
        return None
    return next(
        (c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in {"it", "this"}),
        None,
    )


def _quoted_as(verb: Token) -> tuple[list[Token], Token | None, Token | None]:
    """ "quoted as" in "Lee was quoted as saying ..." and "the agency quoted
    Lee as saying ...": the quoting verb and "as" (cue words of ``verb``),
    the speaker (Lee), and who quotes them (the agency, a link of the
    chain); nothing when ``verb`` is not told so."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.i == prep.i:
        return [], None, None
    quoting = prep.head
    if quoting.lemma_.lower() not in QUOTING_VERBS:
        return [], None, None
    if _is_passive(quoting):
        speaker = next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)
        return [quoting, prep], speaker, _agent(quoting)
    speaker = next((c for c in quoting.children if c.dep_ == "dobj"), None)
    if speaker is None:
        return [], None, None
    return [quoting, prep], speaker, _subject(quoting)


def _quotes_as(verb: Token) -> bool:
    """Whether a verb quotes someone "as saying" (the saying verb tells
    their words: "the agency quoted Lee as saying ...")."""
    return verb.lemma_.lower() in QUOTING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
        for c in verb.children
    )


def _object_gap(verb: Token) -> bool:
    """Whether a relative clause's verb has its object in the noun it
    qualifies: "(a view) which I share", "(the senator) whom rivals hate",
    "(the lesson) they intended"."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "xcomp", "attr"}]
    if any(o.lower_ not in {"which", "that", "whom", "who"} for o in objects):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ not in {"which", "that", "who"}


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    # "a plan backed by ...", "Asked if he would run, Lee said no"
    return verb.dep_ == "acl" or (
        verb.dep_ == "advcl" and not any(c.dep_ in {"nsubj", "aux"} for c in verb.children)
    )


def _cue_tokens(verb: Token, extra: Iterable[Token] = ()) -> list[Token]:
    """The cue phrase: the verb with its auxiliaries, negation and particle."""
    tokens = [verb, *extra]
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass", "neg", "prt"} and abs(child.i - verb.i) <= 3:
            tokens.append(child)
    tokens.sort(key=lambda t: t.i)
    # only the run that touches the verb, so "has also called" stays whole
    # but an auxiliary across a subject does not join
    run = [verb]
    by_index = {t.i: t for t in tokens}
    i = verb.i - 1
    while i in by_index or (i >= 0 and verb.doc[i].dep_ == "advmod" and (i - 1) in by_index):
        if i in by_index:
            run.insert(0, by_index[i])
        i -= 1
    i = verb.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    return run


class _Quotes:
    """Where the report's quotations lie (pairs of quote marks).

    Curly marks say which way they face; a straight mark ``"`` is read as
    opening after a space and closing after a word, so a stray mark does not
    flip every quotation after it. A quotation left open at a line end
    continues on the next line only if that line opens with a quote mark.
    """

    def __init__(self, text: str) -> None:
        self.spans: list[CharSpan] = []
        open_at: int | None = None
        straight_open: int | None = None
        size = len(text)
        doubled_open: int | None = None
        continuing = False  # an open quotation carried over a paragraph break
        skip = -1
        for i, char in enumerate(text):
            if i == skip:
                continue
            if char == "“":
                if open_at is None or not continuing:
                    open_at = i
                continuing = False  # a quote reopened in the next paragraph goes on
            elif char == "”" and open_at is not None:
                self.spans.append((open_at, i + 1))
                open_at = None
            elif char == "”" and straight_open is not None:
                self.spans.append((straight_open, i + 1))  # "...” mixed marks
                straight_open = None
            elif char == '"' or (char in "'`" and text[i + 1 : i + 2] == char):
                width = 1 if char == '"' else 2
                skip = i + 1 if width == 2 else -1
                before = text[i - 1] if i else " "
                after = text[i + width] if i + width < size else " "
                opening = before.isspace() or before in "([{—–-/"
                if opening and after.isspace():
                    continue  # a stray mark between spaces
                current = straight_open if width == 1 else doubled_open
                if current is None and open_at is not None and not opening:
                    # a curly quotation closed by a straight mark (“...")
                    self.spans.append((open_at, i + width))
                    open_at = None
                    continuing = False
                    continue
                if current is None:
                    current = i if opening else None
                elif not opening:
                    self.spans.append((current, i + width))
                    current = None
                elif not continuing:
                    current = i  # the earlier mark was stray
                continuing = False
                if width == 1:
                    straight_open = current
                else:
                    doubled_open = current
            elif char == "\n" and (
                open_at is not None or straight_open is not None or doubled_open is not None
            ):
                # a quotation left open at a paragraph end continues in the
                # next paragraph only if that one opens with a quote mark
                rest = text[i + 1 : i + 40].lstrip()
                if not rest.startswith(("“", '"', "''", "``")):
                    open_at = straight_open = doubled_open = None
                else:
                    continuing = True
        self.spans.sort()
        self._starts = [qs for qs, _ in self.spans]
        self._longest = max((qe - qs for qs, qe in self.spans), default=0)

    def around(self, start: int, end: int) -> CharSpan | None:
        """The first quotation that overlaps ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for qs, qe in self.spans[lo:hi]:
            if qs < end and start < qe:
                return qs, qe
        return None


# ------------------------------------------------------------------ finder


class AttributionFinder:
    """Finds the attributions of a parsed Doc (see the module docstring)."""

    def __init__(
        self, words: CueWords | None = None, scorer: CueScorer | bool | None = True
    ) -> None:
        """``scorer`` weighs the rules' candidates (:mod:`dossier.extract.cuescore`):
        ``True`` for the shipped one (if the package holds weights), ``False``
        or None for the rules alone."""
        self.words = words or cue_words()
        self.scorer = cue_scorer() if scorer is True else (scorer or None)

    def __call__(self, doc: Doc, text: str | None = None) -> list[Attribution]:
        """The attributions of ``doc`` (``text`` is ``doc.text``, if at hand:
        spaCy builds it anew on each access)."""
        text = doc.text if text is None else text
        scorer = self.scorer
        found = [
            a
            for a, where in self.candidates(doc, text)
            # told inside another attribution: the outer speaker's words
            if not where
            and (scorer is None or scorer.keeps(a, lambda a=a: cue_features(doc, text, a)))
        ]
        self._continued_quotes(doc, found, self._quotes)
        return found

    def candidates(self, doc: Doc, text: str | None = None) -> list[tuple[Attribution, str]]:
        """Every attribution the rules propose, with why it is told inside
        another one (see :meth:`_embedding`; "" when it is not)."""
        text = self._text = doc.text if text is None else text
        quotes = self._quotes = _Quotes(text)
        self._interview: bool | None = None
        found: list[Attribution] = []
        taken: set[int] = set()  # tokens already part of a cue
        for sent in _segments(doc):
            for token in sent:
                if (
                    token.i in taken
                    or (
                        token.pos_ in NEVER_CUES
                        and token.text not in {":", "):"}
                        and token.pos_ != "PROPN"
                    )
                    or (
                        token.pos_ == "VERB"
                        # "quoted Lee as saying ...": "saying" tells Lee's words
                        and (_set_phrase(token, self._holder) or _quotes_as(token))
                    )
                ):
                    continue
                attribution = (
                    self._silence(token, sent)
                    or self._according(token, sent)
                    or self._verb(token, sent)
                    or self._regard(token, sent)
                    or self._attitude(token, sent)
                    or self._framing(token, sent)
                    or self._adverb(token, sent)
                    or self._noun(token, sent)
                    or self._act(token, sent)
                    or self._light(token, sent)
                    or self._reception(token, sent)
                    or self._headline(token, sent)
                    or self._colon(token, sent)
                    or self._broad(token, sent)
                )
                if attribution is None:
                    continue
                for start, end in attribution.cue:
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if span is not None:
                        taken.update(t.i for t in span)
                found.append(attribution)
        found.extend(self._signatures(doc, text, taken))
        found = _merge_participles(doc, found)
        for attribution in found:
            self._extend_quotes(doc, attribution, quotes)
        return list(zip(found, self._embedding(doc, found, quotes), strict=True))

    def _embedding(self, doc: Doc, found: list[Attribution], quotes: _Quotes) -> list[str]:
        """For each attribution, why it is told inside another one ("" when it is not).

        Views and acts told inside another attribution (``nested``) or a
        quotation (``quoted``) are the outer speaker's words: "Clinton says
        she wants to ..." reports what Clinton says, not a second
        attribution of a wish; "“People believe in us,” he said" is the
        speaker's own phrasing. Reports of speech, refusals and sourced
        phrases stand wherever they are ("said the FBI had not commented"),
        except inside a quotation, in the clause another sourced report
        governs (``governed``) or in what an "according to" qualifies
        (``according``). Every embedded attribution is dropped.
        """
        if len(found) < 2 and not quotes.spans:
            return [""] * len(found)
        contents = sorted(
            # a broad candidate is too weak a reading to embed others
            (s, e, n)
            for n, a in enumerate(found)
            if a.kind != "broad"
            for s, e in a.content
        )
        starts = [s for s, _, _ in contents]
        longest = max((e - s for s, e, _ in contents), default=0)
        reasons = []
        for number, attribution in enumerate(found):
            at = (
                # a dash glued to the closing mark it follows ('.”―')
                attribution.cue[0][0]
                if attribution.kind == "signature"
                else doc[attribution.cue_head].idx
            )
            lo = bisect_left(starts, at - longest)
            hi = bisect_right(starts, at)
            outer = [n for s, e, n in contents[lo:hi] if s <= at < e and n != number]
            quoted = quotes.around(at, at + 1) is not None and not (
                # a transcript quoted paragraph by paragraph: '"LEE: ...'
                attribution.kind in {"colon", "transcript"}
                and attribution.source_tokens is not None
                and _opens_line(doc[attribution.source_tokens[0]])
            )
            if not self._is_report(doc, attribution):
                reasons.append("quoted" if quoted else "nested" if outer else "")
            elif attribution.kind == "silence":
                reasons.append("")
            # a report inside a quotation that is itself reported ("“I told
            # him no,” she said") is the speaker's own story, and so is one
            # in the clause another report governs ("Lee said Kim told her
            # ..."); one coordinated with it ("Lee said ... and added ...")
            # stands on its own
            elif quoted:
                reasons.append("quoted")
            # "Lee said ..., according to the paper": the paper's report
            elif any(found[n].kind == "according" for n in outer):
                reasons.append("according")
            elif any(
                found[n].source
                and attribution.kind != "according"
                and _governs(doc[found[n].cue_head], doc[attribution.cue_head])
                for n in outer
            ):
                reasons.append("governed")
            else:
                reasons.append("")
        return reasons

    def _signatures(self, doc: Doc, text: str, taken: set[int]) -> list[Attribution]:
        """A dash and a name that sign a quotation or a post: "... no place in
        politics. — Jo Lee (@jolee) May 5, 2016" (an embedded tweet) and a
        line "- Jo Lee." under a quoted paragraph.

        Read on the surface: the name is one to four capitalised words (a
        proper noun, no pronoun or verb), with an "(@handle)" after a post,
        and must end its line, or come before a date or a markup tag. The
        content is the text before the dash on its line (after any markup
        tag), or, for a dash that opens its line, the paragraph before it if
        that is a quotation. Embedded posts are not always annotated as
        attributions in news corpora, so this rule trades some precision for
        the ones that are. A dash before a name in
        running text ("the plan — Lee said — is dead") does not match.
        """
        found: list[Attribution] = []
        for match in SIGNATURE.finditer(text):
            dash = match.start("dash")
            token = _token_at(doc, dash)
            if token is None or token.i in taken:
                continue
            name_end = match.end("handle") if match.group("handle") else match.end("name")
            while text[name_end - 1] == ".":
                name_end -= 1  # "- Jo Marsh."
            source = doc.char_span(match.start("name"), name_end, alignment_mode="expand")
            line_start = text.rfind("\n", 0, dash) + 1
            start = max(line_start, text.rfind(">", line_start, dash) + 1)
            content: CharSpan | None = None
            before = text[start:dash]
            if not any(t.pos_ == "PROPN" for t in source or ()) or any(
                t.pos_ in {"PRON", "VERB", "AUX"} for t in source or ()
            ):
                continue  # "— It Might Surprise You."
            if len(before.split()) >= 3 and match.group("handle"):
                lead = len(before) - len(before.lstrip())
                content = (start + lead, start + len(before.rstrip()))
            elif before.strip() and before.rstrip()[-1] in CLOSING_QUOTES:
                # "“... our greatest shame.” ― Jo Lee": the quotation it signs
                mark = start + len(before.rstrip()) - 1
                content = self._quotes.around(mark, mark + 1)
            elif not before.strip() and line_start >= 2:
                # "- Jo Lee." under the quoted paragraph it signs
                end = len(text[:line_start].rstrip())
                previous = text.rfind("\n", 0, end) + 1
                paragraph = text[previous:end]
                if paragraph.lstrip()[:1] in OPENING_QUOTES and paragraph.rstrip(" .")[-1:] in (
                    CLOSING_QUOTES
                ):
                    content = (previous + len(paragraph) - len(paragraph.lstrip()), end)
            if content is None or source is None:
                continue
            found.append(
                Attribution(
                    cue=[(dash, match.end("dash"))],
                    source=[(source.start_char, source.end_char)],
                    content=[content],
                    cue_head=token.i,
                    kind="signature",
                    source_tokens=(source.start, source.end),
                )
            )
        return found

    def _is_report(self, doc: Doc, attribution: Attribution) -> bool:
        """Whether an attribution reports speech (as against a view or an act)."""
        if attribution.kind in {
            "silence",
            "according",
            "citing",
            "colon",
            "transcript",
            "signature",
        }:
            return True
        if attribution.kind == "noun" and attribution.source:
            return attribution.propositional  # "reports that ...", "his claim that ..."
        if attribution.kind not in {"verb", "passive"}:
            return False
        lemma = doc[attribution.cue_head].lemma_.lower()
        words = self.words
        return (lemma in words.speech_verbs or lemma in words.topic_verbs) and not (
            lemma in words.act_verbs or lemma in words.thought_verbs
        )

    # -------------------------------------------------------- silence

    def _silence(self, token: Token, sent: Span) -> Attribution | None:
        """Refusals to comment and non-responses, with the silent party."""
        words = self.words
        lemma = token.lemma_.lower()
        stance: Stance | None = None
        silent: Token | None = None  # the party a "no comment from" names
        extra: list[Token] = []
        content: list[Token] = []
        if lemma in words.respond_verbs and token.pos_ in {"VERB", "AUX"} and _silent(token):
            if not _negated(token) and token.dep_ == "xcomp":
                # "has yet to respond"
                extra = [token.head, *(c for c in token.head.children if c.lower_ == "yet")]
            objects = [c for c in token.children if c.dep_ in {"dobj", "prep"}]
            if lemma == "comment":
                stance = Stance.DECLINES_COMMENT
            elif not objects or any(
                self._is_request(o)
                # "did not respond to the allegations": a claim left unanswered
                or any(t.lower_ in words.denied_objects for t in o.subtree)
                for o in objects
            ):
                stance = Stance.NO_RESPONSE
            content = [t for o in objects for t in o.subtree]
        elif lemma in words.reach_words and _negated(token) and _is_passive(token):
            stance = Stance.NO_RESPONSE
            content = [t for c in token.children if c.dep_ == "prep" for t in c.subtree]
        elif lemma in words.available_words and token.pos_ == "ADJ":
            head = token.head
            negative = lemma.startswith("un") or _negated(head) or _negated(token)
            if (
                negative
                and head.lemma_ == "be"
                and any(
                    t.lower_ in {"comment", "interview", "remark", "remarks"} for t in token.subtree
                )
            ):
                stance = Stance.NO_RESPONSE
                extra = [head, token]
                token = head
        elif lemma in words.decline_verbs:
            for child in token.children:
                if child.dep_ == "xcomp" and child.lemma_.lower() in words.decline_objects:
                    stance = Stance.DECLINES_COMMENT
                    extra = [t for t in child.subtree if t.i <= child.i]
                    content = [t for t in child.subtree if t.i > child.i]
                elif child.dep_ == "dobj" and child.lemma_.lower() in {"comment", "request"}:
                    stance = Stance.DECLINES_COMMENT
                    extra = [child]
        elif lemma in words.no_comment_verbs:
            for child in token.children:
                if (
                    child.dep_ == "dobj"
                    and child.lemma_.lower() == "comment"
                    and any(g.lower_ == "no" for g in child.children)
                ):
                    stance = Stance.DECLINES_COMMENT
                    extra = [t for t in child.subtree if t.i <= child.i]
                    content = [t for t in child.subtree if t.i > child.i]
        elif lemma == "confirm" and token.pos_ == "VERB":
            # "would neither confirm nor deny", "would not confirm or deny": a refusal
            deny = next(
                (c for c in token.children if c.dep_ == "conj" and c.lemma_.lower() == "deny"),
                None,
            )
            if (
                deny is not None
                and deny.i - token.i <= 2
                and (_negated(token) or any(c.lower_ == "neither" for c in token.children))
            ):
                stance = Stance.DECLINES_COMMENT
                extra = [t for t in token.doc[token.i + 1 : deny.i + 1]]
                extra += [c for c in token.children if c.lower_ == "neither"]
                content = [
                    t
                    for verb in (token, deny)
                    for c in verb.children
                    if c.dep_ in {"dobj", "ccomp"}
                    for t in c.subtree
                ]
        elif (
            lemma in {"comment", "response", "reply"}
            and token.pos_ == "NOUN"
            and token.dep_ == "attr"
            and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
            and any(c.dep_ == "expl" for c in token.head.children)
        ):
            # "there was no immediate comment from the ministry"
            silent = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if silent is None:
                return None
            stance = Stance.NO_RESPONSE
            extra = [token.head, *(t for t in token.subtree if t.i < token.i), silent.head]
            content = [
                t
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in {"to", "on"}
                for t in c.subtree
                if t.i != c.i
            ]
        if stance is None:
            return None
        subject = silent if silent is not None else _subject(token)
        if subject is None:
            return None
        source = _phrase(subject, sent)
        cue = _cue_tokens(token, extra)
        return Attribution.of_tokens(
            cue,
            source,
            _trim(content),
            cue_head=token.i,
            kind="silence",
            stance=stance,
            propositional=True,
        )

    def _is_request(self, token: Token) -> bool:
        """Whether a phrase is about a request or a question to answer."""
        return any(
            t.lower_ in self.words.request_nouns or t.lower_ == "comment" for t in token.subtree
        )

    # -------------------------------------------------------- according to

    def _according(self, token: Token, sent: Span) -> Attribution | None:
        words = self.words
        lower = token.lower_
        if lower == "according":
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if nxt is None or nxt.lower_ != "to":
                return None
            objects = [c for c in nxt.children if c.dep_ == "pobj"] or [
                c for c in token.children if c.dep_ == "pobj"
            ]
            if not objects:
                return None
            cue = [token, nxt]
            head = token.head
        elif lower in words.citing_words and token.dep_ in {"advcl", "acl", "xcomp", "conj"}:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if not objects:
                return None
            cue = [token]
            head = token.head
        else:
            return None
        source = _phrase(objects[0], sent)
        if lower in words.citing_words:
            # "X, citing Y, reported ...": the source is X's, Y is cited
            subject = _subject(token)
            cited = source
            source = _phrase(subject, sent) if subject is not None else []
            content = _trim(cited)
            return Attribution(
                cue=_char_spans(cue),
                source=_char_spans(source),
                content=_char_spans(content),
                cue_head=token.i,
                kind="citing",
                propositional=False,
                source_tokens=(source[0].i, source[-1].i + 1) if source else None,
                chain=[(cited[0].i, cited[-1].i + 1)] if cited else [],
            )
        # the content: the clause the phrase qualifies, without the phrase
        anchor = head
        while (
            anchor.dep_ not in {"ROOT"}
            and anchor.head.i != anchor.i
            and anchor.pos_
            not in {
                "VERB",
                "AUX",
            }
        ):
            anchor = anchor.head
        content = [
            t
            for t in _subtree(anchor, exclude=[token])
            if sent.start <= t.i < sent.end and t.i not in {token.i, cue[-1].i}
        ]
        content = _trim(_contiguous_part(content, token))
        hedged = is_hedged(content, self.words)
        return Attribution.of_tokens(
            cue,
            source,
            content,
            cue_head=token.i,
            kind="according",
            hedged=hedged,
            propositional=True,
        )

    # -------------------------------------------------------- verbs

    def _verb(self, token: Token, sent: Span) -> Attribution | None:
        words = self.words
        if token.pos_ not in {"VERB"}:
            return None
        lemma = _lemma(token)
        if lemma in words.seeming_verbs:
            return self._seeming(token, sent)
        quoter: list[Token] = []  # "the agency" of "the agency quoted Lee as saying"
        is_speech = lemma in words.speech_verbs
        is_thought = lemma in words.thought_verbs
        is_denial = lemma in words.denial_verbs
        quote_only = lemma in words.quote_only_verbs and not (is_speech or is_thought)
        topic = words.topic_verbs.get(lemma)
        if not (is_speech or is_thought or is_denial or quote_only or topic):
            return None
        if topic and not (is_speech or is_thought or is_denial):
            # "referring to the plan": only with its preposition
            if not any(c.dep_ == "prep" and c.lower_ in topic for c in token.children):
                return None
            is_speech, quote_only = True, False
        clause = [
            c
            for c in token.children
            if c.dep_ in CLAUSES
            and c.dep_ != "csubj"
            # a silence clause before the verb is its own attribution
            # ("A could not be reached, B denied ..."); after it, it is what
            # the verb reports ("said the FBI had not commented")
            and not (c.i < token.i and self._is_cue_clause(c))
        ]
        # a parse that runs over a line break may hang a word of the next
        # paragraph on the verb (an "___" separator as its object)
        objects = [
            c
            for c in token.children
            if c.dep_ in OBJECTS and sent.start <= c.i < sent.end and not c.is_punct
        ]
        preps = [
            c
            for c in token.children
            if c.dep_ == "prep"
            and (
                c.lower_ in {"for", "on", "to", "about", "against", "that", "of"}
                or (topic is not None and c.lower_ in topic)
            )
        ]
        parenthetical = (
            token.dep_ in {"parataxis", "ccomp", "advcl"}
            and not clause
            and (token.head.i < token.i or token.dep_ == "parataxis")
            # "..., calling him a liar": a participle with its own object
            and not (token.dep_ == "advcl" and (objects or preps) and token.i > token.head.i)
            # set off by punctuation ("..., he said"), not a question or a
            # clause of its own ("asked him how he is feeling")
            and not any(
                c.dep_ in {"mark", "advmod"} and c.tag_ in {"WRB", "IN"} for c in token.children
            )
        ) or (
            # "As the paper reported, ...", "..., as Lee noted": the clause it qualifies
            token.dep_ == "advcl"
            and not clause
            and not objects
            and _has_mark(token, "as")
            and (is_speech or is_thought)
        )
        propositional = True
        content: list[Token] = []
        cue_extra: list[Token] = []
        fallback_subject: Token | None = None
        if len(clause) > 1 and clause[0].i < token.i < clause[-1].i and _subject(token) is None:
            # "Kasich offered him a job, then says he will ...": a misparse that
            # hangs the first clause under the verb; its subject is the speaker
            first = clause[0]
            fallback_subject = next((c for c in first.children if c.dep_ == "nsubj"), None)
            if fallback_subject is not None:
                clause = [c for c in clause if c.i > token.i]
        if not clause and lemma in {"ask", "wonder", "question", "inquire", "enquire"}:
            # "asked if he would run": the question is an adverbial clause
            clause = [
                c
                for c in token.children
                if c.dep_ == "advcl"
                and c.i > token.i
                and (_has_mark(c, "if") or _has_mark(c, "whether"))
            ]
        if not clause and not objects and (is_speech or is_thought):
            # "called for the states to act", "pushed for him to run": the
            # parse makes the wish an adverbial clause marked by "for"
            wish = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "advcl" and c.i > token.i and _has_mark(c, "for")
                ),
                None,
            )
            if wish is not None:
                clause = [wish]
                cue_extra = [m for m in wish.children if m.dep_ == "mark" and m.i == token.i + 1]
                propositional = False
        # "the claims were denied by the ministry": the subject is what is denied
        patient = _patient(token)
        if clause:
            content = [t for c in clause for t in c.subtree if t not in cue_extra]
            if clause[0].dep_ == "xcomp" and clause[0].i > token.i:
                # "urged him to leave", "wants to talk": an act or intent
                propositional = lemma in {"claim", "deny"}
        elif parenthetical and token.head.pos_ in {"VERB", "AUX", "NOUN", "ADJ"}:
            content = _subtree(token.head, exclude=[token])
            content = [t for t in content if sent.start <= t.i < sent.end]
            content = _contiguous_part(content, token)
        elif objects and (lemma not in words.clause_only_verbs or lemma in words.finding_verbs):
            obj = objects[-1]
            if lemma == "tell" and not self._quote_like(obj):
                obj = None  # "told reporters": the hearer
            elif lemma == "say" and obj.ent_type_ in {"DATE", "TIME"}:
                obj = None
            if obj is not None:
                content = list(obj.subtree)
                # a denial or confirmation of a thing, or a thing published as
                # evidence ("tweeted images of the weapons"), is a claim
                propositional = is_denial or lemma in PROPOSITIONAL_OBJECT_VERBS
        elif lemma == "say" and (
            answer := [
                c
                for c in token.children
                if c.i > token.i
                and (
                    (c.lower_ in {"yes", "no", "so"} and c.dep_ != "det")
                    # the parse may take "the same" after the verb for its subject
                    or (c.lower_ == "same" and c.dep_ in {"dobj", "nsubj"})
                )
            ]
        ):
            # "75 percent said yes", "half said so", "26 percent said the same"
            content = [t for c in answer for t in c.subtree]
        elif (
            preps
            and (
                lemma not in words.clause_only_verbs
                or any(p.lower_ in (topic or ()) for p in preps)
            )
            and not is_thought
            # "was rejected by the council on Monday": the subject is what is rejected
            and patient is None
        ):
            prep = next((p for p in preps if topic and p.lower_ in topic), preps[0])
            content = [t for t in prep.subtree if t.i != prep.i]
            cue_extra = [prep]
            propositional = False
        edge = self._edge(token, sent) if (is_speech or is_denial) and not quote_only else None
        if edge is not None:
            # "..., said a source close to X." / "..., the source said.": the
            # surface shape is surer than a parse that hangs the verb elsewhere
            fallback_subject, content = edge
            propositional = True
        if token.dep_ == "acl" and token.tag_ == "VBN" and lemma in PUBLISHING_VERBS:
            return None  # "a report released by the ministry": the report is the cue
        if not content and token.dep_ == "acl" and token.tag_ == "VBN" and _agent(token):
            # "reports of a deal, denied by the government": what is denied
            # is the noun the participle qualifies
            content = [t for t in _subtree(token.head, exclude=[token]) if t.i < token.i]
            content = [t for t in content if sent.start <= t.i]
        if not content and patient is not None:
            content = [t for t in patient.subtree if sent.start <= t.i < sent.end]
            propositional = is_denial or lemma in PROPOSITIONAL_OBJECT_VERBS
        if not content or quote_only:
            near = self._quote_near(token, sent)
            if quote_only and not near and not any(t.text in QUOTE_CHARS for t in content):
                return None
            content = content or near
            if not content:
                return None
        if is_denial and lemma in {"reject", "dismiss", "contest", "dispute"} and not clause:
            # "rejected the conditions" is a refusal, not a denial of a claim
            if not any(t.lemma_.lower() in words.denied_objects for t in content):
                is_denial = False
                propositional = False
        # the source
        passive = _is_passive(token)
        quoting: list[Token] = []
        if passive:
            subject_token = _agent(token)
        else:
            subject_token = fallback_subject or _subject(token)
            quoting, speaker, quoting_party = _quoted_as(token)
            if speaker is not None:
                # "Lee was quoted as saying", "the agency quoted Lee as saying"
                subject_token = speaker
                cue_extra = [*quoting, *cue_extra]
                if quoting_party is not None:
                    quoter = _phrase(quoting_party, sent)
            elif subject_token is not None and subject_token.dep_ == "nsubjpass":
                subject_token = None
            if subject_token is None and is_speech:
                subject_token = self._left_speaker(token, content)
        if subject_token is not None and subject_token.lower_ == "it" and passive:
            subject_token = None
        if subject_token is not None and any(t.i == subject_token.i for t in content):
            # "“..., every one,” said Lee": the parse takes a word of the
            # quotation for a subject; the speaker follows the verb
            subject_token = next(
                (c for c in token.children if c.dep_ == "nsubj" and c.i > token.i), subject_token
            )
        source = _phrase(subject_token, sent) if subject_token is not None else []
        if source and subject_token is not None:
            # a parse that splits "the armaments expert Jo Lee" into two
            # subjects: the name that follows at once belongs to the source
            for other in subject_token.head.children:
                if (
                    other.dep_ == "nsubj"
                    and other.i != subject_token.i
                    and (other.left_edge.i == source[-1].i + 1)
                ):
                    source = source + _phrase(other, sent)
            # the source is the subject alone, not a clause it heads, nor
            # where it spoke ("the candidate on his Facebook page")
            medium = [
                t
                for c in subject_token.children
                if c.dep_ == "prep"
                and c.i > subject_token.i
                and c.lower_ in {"on", "in"}
                and any(g.lemma_.lower() in MEDIUM_NOUNS for g in c.children)
                for t in c.subtree
            ]
            source = [t for t in source if t not in medium]
            source = [t for t in source if t.i not in {c.i for c in content}]
            source = _trim(_contiguous(source))
        if not source and not passive:
            return None
        if subject_token is not None and subject_token.lower_ in FIRST_SECOND_PERSON:
            # "I think", "we believe" in a quotation or a columnist's aside
            inside = self._quotes.around(token.idx, token.idx + 1) is not None
            if inside:
                return None
        if is_thought and not is_speech and not clause and not parenthetical:
            if not (objects and lemma not in words.clause_only_verbs) or passive:
                return None
            propositional = False  # "wants a recount", "fears a trap": a view of a thing
        if passive and not source and not (clause and clause[0].dep_ == "ccomp"):
            # "it is said that ...", "was believed to" need their clause;
            # "had not been seen" is no attribution
            if not (
                clause and (lemma in words.speech_verbs or lemma in SOURCELESS_PASSIVES)
            ) and not (
                # "Asked about the plan, Lee said", "was pressed on taxes":
                # a question put to someone by no one named
                cue_extra and is_speech and not quote_only
            ):
                return None
        if source and (is_thought and not is_speech) and not self._holder(subject_token):
            return None
        content = _trim(content)
        if not content:
            return None
        stance = Stance.DENIES if is_denial else Stance.ASSERTS
        if stance is Stance.ASSERTS and lemma in COUNTER_CLAIM_VERBS:
            # "claimed that the envoy did not attend": a claim made against another
            if any(_negated(c) for c in clause if c.dep_ == "ccomp") and not _negated(token):
                stance = Stance.DENIES
        if lemma in words.act_verbs and not (
            clause and clause[0].dep_ == "ccomp" and lemma in {"tweet", "post", "issue", "express"}
        ):
            propositional = False
        hedged = lemma in words.hedging_verbs or (bool(clause) and is_hedged(content, self.words))
        cue = _cue_tokens(token, cue_extra)
        if quoting and quoting[0].i not in {t.i for t in cue}:
            cue = [quoting[0], *cue]  # "quoted [Lee] as saying"
        return Attribution.of_tokens(
            cue,
            source,
            content,
            cue_head=token.i,
            kind="passive" if passive else "verb",
            stance=stance,
            hedged=hedged,
            propositional=propositional,
            chain=[(quoter[0].i, quoter[-1].i + 1)] if quoter else [],
        )

    def _edge(self, verb: Token, sent: Span) -> tuple[Token, list[Token]] | None:
        """A reporting clause closing its sentence after a comma.

        "CONTENT, said SOURCE." or "CONTENT, SOURCE said." (the source a
        noun phrase with no verb): returns the source's head and the content
        (the sentence before the comma). None for any other shape.
        """
        words = [t for t in sent if not t.is_space]
        while words and (words[-1].is_punct and words[-1].text not in CLOSING_MARKS):
            words = words[:-1]
        if not words or verb.i < words[0].i:
            return None
        after = [t for t in words if t.i > verb.i]
        before_verb = [t for t in words if t.i < verb.i]
        if after:
            # "..., said the source"
            if not before_verb or before_verb[-1].text != ",":
                return None
            if verb.lemma_.lower() not in INVERTING_VERBS:
                return None
            if any(t.pos_ in {"VERB", "AUX"} for t in after) or len(after) > 14:
                return None
            nouns = [t for t in after if t.pos_ in {"NOUN", "PROPN", "PRON"}]
            if not nouns or after[0].dep_ in {"dative"} or after[0].lower_ in {"that", "to"}:
                return None
            head = next((t for t in after if t.head.i < after[0].i or t.head.i > after[-1].i), None)
            if head is None or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
                head = nouns[-1] if not nouns[0].dep_.startswith("nsubj") else nouns[0]
            if not self._holder(head):
                return None
            content = before_verb[:-1]
        else:
            # "..., the source said"
            commas = [i for i, t in enumerate(before_verb) if t.text == ","]
            if not commas:
                return None
            cut = commas[-1]
            source = [t for t in before_verb[cut + 1 :] if t.text not in CLOSING_MARKS]
            if not source or len(source) > 14:
                return None
            if any(
                t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"} for t in source
            ):
                return None
            heads = [
                t for t in source if t.head.i == verb.i or t.head.i not in {s.i for s in source}
            ]
            head = heads[0] if heads else source[-1]
            if head.pos_ not in {"NOUN", "PROPN", "PRON"}:
                return None
            content = before_verb[:cut]
        content = _trim(content)
        if len(content) < 3:
            return None
        return head, content

    def _left_speaker(self, verb: Token, content: list[Token]) -> Token | None:
        """The noun phrase right before a subjectless verb of saying, when the
        parse has hung it elsewhere ("In a statement to the paper, her adviser,
        Jo Lee, said: ...")."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (doc[i].text in {",", "—", "-"} or doc[i].is_space):
            i -= 1
        if i < 0:
            return None
        noun = doc[i]
        if noun.pos_ not in {"PROPN", "NOUN", "PRON"}:
            return None
        while noun.dep_ in {"compound", "flat"} and noun.head.i > noun.i:
            noun = noun.head
        if noun.dep_ == "appos" and noun.head.pos_ in {"PROPN", "NOUN"} and noun.head.i < noun.i:
            noun = noun.head
        if noun.sent.start != verb.sent.start or any(t.i == noun.i for t in content):
            return None
        if not self._holder(noun):
            return None
        return noun

    def _act(self, token: Token, sent: Span) -> Attribution | None:
        """ "Lee offered a plan", "the senator voted for the bill", "Kim
        pushed for talks": a public act or stance of a person or body, told by
        a verb of ``act_cue_verbs`` with a holder as subject and a complement."""
        lemma = _lemma(token)
        if token.dep_ == "acl" and token.tag_ == "VBN" and lemma in PUBLISHING_VERBS:
            return None  # "a report released by the ministry": the report is the cue
        if token.pos_ != "VERB" or not self._act_verb(lemma):
            return None
        return self._holder_act(token, sent, "act")

    def _act_verb(self, lemma: str) -> bool:
        words = self.words
        return (
            lemma in words.act_cue_verbs
            # a verb of saying or thinking the clause rule could not read
            # ("pointed to her record", "tells the crowd", "pushed hard for
            # it") is read as an act, unless its act reading is seldom a
            # stance ("spoke at the rally", "played a role")
            or (lemma in words.verbs and lemma not in words.no_act_reading)
        )

    def _broad(self, token: Token, sent: Span) -> Attribution | None:
        """Any other verb with a holder as subject and a complement ("the
        senator repaired the fence"), proposed only when a scorer weighs the
        candidates: whether it is an act of stance is the scorer's call."""
        if self.scorer is None or token.pos_ != "VERB" or self._act_verb(_lemma(token)):
            return None
        if token.dep_ == "acl" and token.tag_ == "VBN":
            return None
        return self._holder_act(token, sent, "broad")

    def _holder_act(self, token: Token, sent: Span, kind: str) -> Attribution | None:
        """The act a verb tells of its holder subject, with its complement."""
        if token.dep_ in {"amod", "compound"}:
            return None
        passive = _is_passive(token)
        subject = _agent(token) if passive else _subject(token)
        if subject is None or subject.dep_ == "nsubjpass" or not self._holder(subject):
            return None
        if not sent.start <= subject.i < sent.end:
            return None
        content: list[Token] = []
        cue_extra: list[Token] = []
        gap = not passive and _object_gap(token)
        for child in token.children:
            if child.i < token.i or child.dep_ in {"agent"} or gap:
                continue
            if child.dep_ in {"dobj", "ccomp", "xcomp", "oprd", "dative", "attr"}:
                content.extend(child.subtree)
            elif child.dep_ == "prep" and not content and not cue_extra:
                if any(g.dep_ in {"pobj", "pcomp"} for g in child.children):
                    content.extend(t for t in child.subtree if t.i != child.i)
                    if child.i == token.i + 1 or (
                        child.i == token.i + 2 and token.doc[token.i + 1].dep_ == "prt"
                    ):
                        cue_extra.append(child)
        if not content and passive and (patient := _patient(token)) is not None:
            content.extend(patient.subtree)  # "the plan was rejected by the council"
        if gap:
            # "a view which I share", "the senator whom his rivals hate": the
            # noun the clause qualifies is what the act is about
            noun = token.head
            clause = {t.i for t in token.subtree}
            content = [t for t in noun.subtree if t.i not in clause and t.i <= token.i]
        content = _trim(
            sorted((t for t in content if sent.start <= t.i < sent.end), key=lambda t: t.i)
        )
        if not content:
            return None
        source = _phrase(subject, sent)
        source = _trim(_contiguous([t for t in source if t not in content]))
        if not source:
            return None
        return Attribution.of_tokens(
            _cue_tokens(token, cue_extra),
            source,
            content,
            cue_head=token.i,
            kind=kind,
            propositional=False,
        )

    def _reception(self, token: Token, sent: Span) -> Attribution | None:
        """ "the plan drew criticism from farmers", "the mayor came under
        fire from the unions", "the deal won praise from Lee": the stance of
        whoever the "from" names, towards the subject."""
        lemma = _lemma(token)
        if token.pos_ != "VERB" or lemma not in RECEPTION_VERBS:
            return None
        if lemma == "come":
            under = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "under"), None
            )
            noun = next((g for g in under.children if g.dep_ == "pobj"), None) if under else None
            extra = [under] if under is not None else []
        else:
            noun = next((c for c in token.children if c.dep_ == "dobj"), None)
            extra = []
        if noun is None or noun.lemma_.lower() not in RECEPTION_NOUNS:
            return None
        holder = next(
            (
                (c, g)
                for parent in (noun, token)
                for c in parent.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        subject = _subject(token)
        if holder is None or subject is None or not self._holder(holder[1]):
            return None
        cue = [token, *extra, *(t for t in noun.subtree if t.i <= noun.i), holder[0]]
        return Attribution.of_tokens(
            sorted(set(cue), key=lambda t: t.i),
            _phrase(holder[1], sent),
            _trim(_phrase(subject, sent)),
            cue_head=token.i,
            kind="light",
            propositional=False,
        )

    def _light(self, token: Token, sent: Span) -> Attribution | None:
        """ "made the case for", "took aim at", "has no doubt that", "raised
        questions about", "made it clear that", "as Lee put it": a light verb
        whose object noun (``light_nouns``) names the stance or the act of
        speech, with a holder as subject."""
        words = self.words
        lemma = _lemma(token)
        if token.pos_ not in {"VERB", "AUX"} or lemma not in words.light_verbs:
            return None
        doc = token.doc
        noun = next(
            (c for c in token.children if c.dep_ in {"dobj", "oprd", "ccomp", "acomp"}), None
        )
        if noun is None:
            return None
        noun_lemma = noun.lemma_.lower()
        cue = [token]
        content: list[Token] = []
        if noun_lemma == "it" and lemma == "put":
            # "as Lee put it", "“...,” as she put it"
            content = self._quote_near(token, sent)
            if not content and token.head.i != token.i:
                content = _contiguous_part(
                    [
                        t
                        for t in _subtree(token.head, exclude=[token])
                        if sent.start <= t.i < sent.end
                    ],
                    token,
                )
            cue.append(noun)
        elif noun_lemma == "it" or noun_lemma == "clear":
            # "made it clear that ...", "made clear that ..."
            clear = (
                noun
                if noun_lemma == "clear"
                else next((c for c in token.children if c.lower_ == "clear"), None)
            )
            if clear is None or lemma != "make":
                return None
            cue += [noun, clear]
            clause = [
                c
                for c in [*token.children, *clear.children]
                if (c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "advcl" and _has_mark(c, "that")))
                and c.i not in {noun.i, clear.i}
            ]
            content = [t for c in clause for t in c.subtree if t.i not in {noun.i, clear.i}]
        elif noun_lemma in words.light_nouns and noun.pos_ == "NOUN":
            cue += [
                t
                for t in noun.subtree
                if t.i <= noun.i and t.dep_ in {"det", "amod", "neg", "compound"}
            ]
            cue.append(noun)
            for child in [*noun.children, *token.children]:
                if child.i <= noun.i and child.head.i == noun.i:
                    continue
                if _is_prep_with_object(child, LIGHT_PREPOSITIONS, token.i):
                    content = [t for t in child.subtree if t.i != child.i]
                    cue.append(child)
                    break
                if child.dep_ in {"acl", "ccomp", "relcl"} and _has_mark(child, "that"):
                    content = list(child.subtree)
                    break
        else:
            return None
        content = _trim([t for t in content if sent.start <= t.i < sent.end])
        if not content:
            return None
        subject = _subject(token)
        if subject is None or not self._holder(subject) or subject.dep_ == "nsubjpass":
            return None
        source = _phrase(subject, sent)
        source = _trim(_contiguous([t for t in source if t not in content and t not in cue]))
        if not source:
            return None
        cue_tokens = _cue_tokens(token, cue[1:])
        # the cue from the verb to its last word ("took a shot at")
        span = doc[cue_tokens[0].i : max(t.i for t in cue) + 1]
        if len(span) > 8:
            span = cue_tokens
        return Attribution.of_tokens(
            span,
            source,
            content,
            cue_head=token.i,
            kind="light",
            propositional=False,
        )

    def _headline(self, token: Token, sent: Span) -> Attribution | None:
        """ "Lee Slams Kim Over Tax Plan": a headline in title case, read by
        the surface (its parse is seldom of use), with a verb of the lists
        in the present tense after its capitalised subject."""
        lower = token.lower_
        if not (token.text[:1].isupper() and lower.endswith("s") and len(lower) > 3):
            return None
        stem = lower[:-2] if lower.endswith(("ches", "shes", "sses", "xes")) else lower[:-1]
        words = self.words
        if stem not in words.verbs and stem not in words.act_cue_verbs:
            return None
        doc = token.doc
        text = self._text
        start = text.rfind("\n", 0, token.idx) + 1
        end = text.find("\n", token.idx)
        end = len(text) if end < 0 else end
        line = [t for t in doc[max(0, token.i - 12) : token.i + 25] if start <= t.idx < end]
        line = [t for t in line if not t.is_space]
        alpha = [t for t in line if t.is_alpha and len(t.text) > 3]
        if len(line) > 25 or len(alpha) < 3:
            return None
        if sum(t.text[:1].isupper() for t in alpha) < 0.8 * len(alpha):
            return None  # not a headline in title case
        before = [t for t in line if t.i < token.i]
        after = _trim([t for t in line if t.i > token.i])
        if not before or not after or len(before) > 6 or before[-1].is_punct:
            return None
        if not all(t.text[:1].isupper() or t.text in {"'s", "’s", "-", "."} for t in before):
            return None
        return Attribution.of_tokens(
            [token],
            before,
            after,
            cue_head=token.i,
            kind="headline",
            propositional=False,
        )

    def _regard(self, token: Token, sent: Span) -> Attribution | None:
        """ "sees the vote as a test", "is widely seen as", "a group known as
        ...", "a plan called ...": how someone, or no one named, regards or
        names a thing (``regard_verbs`` with "as" or a naming complement; "call" is
        not among them, so "a group called ..." is no cue)."""
        if token.pos_ != "VERB" or _lemma(token) not in self.words.regard_verbs:
            return None
        if any(c.lower_ == "so" for c in token.children) or token.dep_ in {"amod", "compound"}:
            return None  # "so-called"
        complement = next(
            (
                c
                for c in token.children
                if (c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i) or c.dep_ in {"oprd"}
            ),
            None,
        )
        if complement is None:
            return None
        named = [t for t in complement.subtree if sent.start <= t.i < sent.end]
        if complement.dep_ == "prep":
            named = [t for t in named if t.i != complement.i]
        named = _trim(named)
        if not named:
            return None
        passive = _is_passive(token)
        cue = _cue_tokens(token, [complement] if complement.dep_ == "prep" else [])
        if token.dep_ == "acl" and token.tag_ == "VBN":
            # "a group known as ...", "the plan, dubbed ...": no one named
            source: list[Token] = []
            content = named
        elif passive:
            agent = _agent(token)
            source = _phrase(agent, sent) if agent is not None else []
            thing = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if thing is None or thing.lower_ in {"it", "what", "which", "that"}:
                return None
            content = _trim(sorted({*_phrase(thing, sent), *named}, key=lambda t: t.i))
        else:
            subject = _subject(token)
            if subject is None or not self._holder(subject) or subject.dep_ == "nsubjpass":
                return None
            source = _phrase(subject, sent)
            objects = [c for c in token.children if c.dep_ in {"dobj"}]
            content = [t for o in objects for t in o.subtree] + named
            content = _trim(sorted(set(content), key=lambda t: t.i))
            source = _trim(_contiguous([t for t in source if t not in content]))
            if not source:
                return None
        if not content:
            return None
        return Attribution.of_tokens(
            cue,
            source,
            content,
            cue_head=token.i,
            kind="regard",
            propositional=False,
        )

    def _seeming(self, token: Token, sent: Span) -> Attribution | None:
        """ "appears to admire", "seemed to suggest": a claim with no source."""
        clause = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
        if not clause:
            # "appeared weak", "seems intent on it", "seemed like a bluff"
            clause = [
                c
                for c in token.children
                if c.i > token.i
                and (
                    c.dep_ in {"acomp", "attr", "oprd"}
                    or (c.dep_ == "prep" and c.lower_ == "like" and any(c.children))
                )
            ]
        if not clause:
            return None
        subject = _subject(token)
        content = list(subject.subtree) if subject is not None else []
        content += [t for c in clause for t in c.subtree]
        content = _trim(sorted(content, key=lambda t: t.i))
        return Attribution.of_tokens(
            _cue_tokens(token),
            (),
            content,
            cue_head=token.i,
            kind="seeming",
            hedged=True,
            propositional=False,
        )

    def _attitude(self, token: Token, sent: Span) -> Attribution | None:
        """ "is optimistic that ...", "are tired of ...", "was critical of ...":
        a person's or body's stance, told by an adjective with its complement."""
        words = self.words
        if token.lower_ not in words.attitude_adjectives or token.pos_ not in {"ADJ", "VERB"}:
            return None
        head = token.head
        link: Token | None = None
        if token.dep_ == "acomp" and head.lemma_.lower() in words.attitude_links:
            link = head  # "is critical of"
            subject = _subject(head)
        elif token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
            # "is worried about", "are convinced that"
            subject = next((c for c in token.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        elif token.dep_ in {"amod", "appos"} and token.i > head.i:
            subject = head  # "voters wary of the plan"
        else:
            return None
        if subject is None or not self._holder(subject):
            return None
        content: list[Token] = []
        cue_extra: list[Token] = []
        propositional = False
        for child in token.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.i > token.i:
                content = list(child.subtree)
                propositional = child.dep_ == "ccomp"
                break
            if _is_prep_with_object(child, ATTITUDE_PREPOSITIONS, token.i):
                content = [t for t in child.subtree if t.i != child.i]
                cue_extra = [child]
                break
        if not content and link is not None:
            prep = next(
                (c for c in link.children if _is_prep_with_object(c, LINK_PREPOSITIONS, token.i)),
                None,
            )
            if prep is not None:
                content = [t for t in prep.subtree if t.i != prep.i]
                cue_extra = [prep]
        content = _trim(content)
        if not content:
            return None
        source = _phrase(subject, sent)
        source = _trim(_contiguous([t for t in source if t.i < token.i and t not in content]))
        if not source:
            return None
        cue = [token, *cue_extra]
        if link is not None:
            cue += _cue_tokens(link)
            # adverbs and negation between the link and the adjective
            cue += [
                t
                for t in token.doc[link.i + 1 : token.i]
                if t.dep_ in {"advmod", "neg"} and t.head in {link, token}
            ]
        else:
            cue += [c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"}]
        cue = sorted(set(cue), key=lambda t: t.i)
        return Attribution.of_tokens(
            cue,
            source,
            content,
            cue_head=token.i,
            kind="attitude",
            propositional=propositional,
        )

    def _framing(self, token: Token, sent: Span) -> Attribution | None:
        """ "In a new poll, ...", "in his view, ...", and a sentence opening
        "To many voters, ...": a phrase that says whose finding or view the
        clause is."""
        lower = token.lower_
        if token.dep_ != "prep" or lower not in {"in", "to"}:
            return None
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            return None
        obj = objects[0]
        if lower == "in" and obj.lemma_.lower() not in FRAMING_NOUNS:
            return None
        # a phrase opening the sentence and set off by a comma ("In a new
        # poll, ...", "To her, ..."), or one naming a view ("in his view")
        doc = token.doc
        first = sent.start
        while first < token.i and (
            doc[first].is_punct or doc[first].is_space or doc[first].dep_ in {"cc", "advmod"}
        ):
            first += 1
        end = token.right_edge.i + 1
        opening = first == token.i and end < sent.end and doc[end].text == ","
        if lower in {"to", "for"} and not (
            self._holder(obj) and obj.lower_ not in FIRST_SECOND_PERSON
        ):
            return None
        if not opening and not (
            lower == "in"
            and obj.lemma_.lower() in {"view", "opinion", "estimation"}
            and any(c.dep_ == "poss" for c in obj.children)
        ):
            # "Lee leads in the latest poll": a finding, wherever it stands
            if not (
                lower == "in"
                and obj.lemma_.lower() in POLL_NOUNS
                and token.i > first
                and token.head.pos_ in {"VERB", "AUX"}
                and any(c.dep_ in {"amod", "compound", "poss", "nmod"} for c in obj.children)
            ):
                return None
        anchor = token.head
        while (
            anchor.dep_ != "ROOT"
            and anchor.head.i != anchor.i
            and anchor.pos_
            not in {
                "VERB",
                "AUX",
            }
        ):
            anchor = anchor.head
        if anchor.pos_ not in {"VERB", "AUX"} or (
            anchor.lemma_.lower() in self.words.verbs and obj.lemma_.lower() not in POLL_NOUNS
        ):
            return None  # "In a statement, she said ...": the verb is the cue
        if any(_has_mark(anchor, m) for m in ("if", "because", "when", "while")):
            return None
        content = [t for t in _subtree(anchor, exclude=[token]) if sent.start <= t.i < sent.end]
        content = _trim(_contiguous_part(content, token))
        if len(content) < 3:
            return None
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        if owner is not None and obj.lemma_.lower() in {"view", "opinion", "estimation"}:
            obj = owner  # "in her view": hers
        source = [t for t in _phrase(obj, sent) if t.lower_ not in {"'s", "’s"}]
        return Attribution.of_tokens(
            [token],
            source,
            content,
            cue_head=token.i,
            kind="framing",
            hedged=is_hedged(content, self.words),
            propositional=False,
        )

    def _is_cue_clause(self, token: Token) -> bool:
        """A clause that is itself an attribution of silence ("could not be reached")."""
        lemma = token.lemma_.lower()
        return _negated(token) and (
            lemma in self.words.respond_verbs or lemma in self.words.reach_words
        )

    def _quote_like(self, token: Token) -> bool:
        return any(t.text in QUOTE_CHARS for t in token.subtree)

    def _quote_near(self, token: Token, sent: Span) -> list[Token]:
        """A quotation next to the verb: before it in its sentence, or opening
        right after it ("said: “...”", "“...,” he continued")."""
        doc = token.doc
        after = token.i + 1
        while after < len(doc) and (doc[after].text in {":", ",", "-", "—"} or doc[after].is_space):
            after += 1
        if after < len(doc) and doc[after].text in OPENING_MARKS and after - token.i <= 3:
            quote = self._quotes.around(doc[after].idx, doc[after].idx + 1)
            if quote is not None:
                span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
                if span is not None:
                    return list(span)
        quoted = []
        for t in sent:
            if t.text in OPENING_MARKS and t.i < token.i:
                quoted = [x for x in sent if t.i <= x.i < token.i]
                break
        closing = [n for n, x in enumerate(quoted) if n and x.text in CLOSING_MARKS]
        if closing:
            return quoted[: closing[-1] + 1]  # up to the last closing mark
        if len(quoted) < 2:
            # a quotation that opened in an earlier sentence and closes in
            # this one, right before the verb ("Every one," said Lee.)
            mark = next(
                (x for x in doc[max(sent.start, token.i - 4) : token.i] if x.text in CLOSING_MARKS),
                None,
            )
            quote = self._quotes.around(mark.idx, mark.idx + 1) if mark is not None else None
            if quote is not None and quote[0] < sent.start_char and quote[1] <= token.idx:
                span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
                if span is not None:
                    return list(span)
        # "“...” ¶ Trump said.": a short sentence right after a quotation
        first = sent.start
        while first < token.i and (doc[first].is_punct or doc[first].is_space):
            first += 1
        before = sent.start - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if token.i - first <= 6 and before >= 0 and doc[before].text in CLOSING_MARKS:
            quote = self._quotes.around(doc[before].idx, doc[before].idx + 1)
            if quote is not None:
                span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
                if span is not None and span.end <= sent.start:
                    return list(span)
        return []

    def _colon(self, token: Token, sent: Span) -> Attribution | None:
        """ "Name: what they said" (a headline or a transcript line), and a
        name right before a colon that opens a quotation ("..., as the
        pollster Jo Lee put it: “...”" has a verb; "pollster Jo Lee: “...”"
        has none)."""
        if token.text not in {":", "):"}:
            return None
        doc = token.doc
        text = self._text
        line_start = text.rfind("\n", 0, token.idx) + 1
        before = [t for t in doc[max(0, token.i - 12) : token.i] if t.idx >= line_start]
        before = [t for t in before if not t.is_space]
        if token.text == "):":
            # "Rep. Jo Lee (D-Ore.):" with the bracket and colon one token:
            # the name before the tag speaks
            opening = next((n for n in range(len(before) - 1, -1, -1) if before[n].text == "("), 0)
            before = before[:opening]
        # "EXCLUSIVE – Jo Lee: ...": what follows the last dash
        for n in range(len(before) - 1, -1, -1):
            if before[n].text in {"–", "—", "-", "--"} and before[n].whitespace_:
                before = before[n + 1 :]
                break
        source = self._colon_speaker(before)
        if source:
            end_of_line = text.find("\n", token.idx)
            end_of_line = len(text) if end_of_line < 0 else end_of_line
            after = [t for t in doc[token.i + 1 :] if t.idx < end_of_line and not t.is_space]
            after = _trim(after)
            if len(after) >= 3:
                name = text[source[0].idx : source[-1].idx + len(source[-1].text)]
                # a turn of a transcript or an interview: the same name opens
                # other lines ("LEE: ..." ... "LEE: ..."), or "Q:"/"A:"
                transcript = (
                    name in {"Q", "A"}
                    or speaker_lines(text, name) > 1
                    or (name.isupper() and speaker_lines(text) > 1)
                )
                return self._colon_attribution(
                    token, source, _contiguous(after), "transcript" if transcript else "colon"
                )
        # a named person right before a colon and a quotation
        after = token.i + 1
        while after < len(doc) and doc[after].is_space:
            after += 1
        if after >= len(doc) or doc[after].text not in OPENING_MARKS or token.i == 0:
            return None
        name = doc[token.i - 1]
        if name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
            return None
        while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
            name = name.head
        if name.head.lemma_.lower() in self.words.verbs and name.head.i < name.i:
            return None  # "told Jo Lee: ...": the verb is the cue
        quote = self._quotes.around(doc[after].idx, doc[after].idx + 1)
        if quote is None:
            return None
        content = doc.char_span(quote[0], quote[1], alignment_mode="expand")
        source = _trim([t for t in name.subtree if t.i < token.i])
        if not source or content is None:
            return None
        return self._colon_attribution(token, source, list(content))

    def _colon_speaker(self, before: list[Token]) -> list[Token]:
        """The speaker a line opens with ("Jo Lee:", "Former Mayor Lee at the
        rally:", "Lee camp:", "Rep. Jo Lee (D-Ore.):"), a transcript's speaker
        ("JO LEE:", also in a quoted paragraph: '"LEE: ...'), an interview's
        "Q:" and "A:" (when the report has both), or nothing for a label
        ("The Latest:", "BREAKING:")."""
        before = _trim(before)
        if before and before[0].text in OPENING_MARKS:
            before = before[1:]  # a transcript quoted paragraph by paragraph
        if not before or len(before) > 8 or not _opens_line(before[0]):
            return []
        if len(before) == 1 and before[0].text in {"Q", "A"}:
            return before if self._is_interview() else []
        if any(t.lower_ in COLON_LABELS for t in before):
            return []
        if _is_caps_name(before):
            return before  # a transcript's "JO LEE:": a parse of capitals is no guide
        if any(t.pos_ in {"VERB", "AUX"} for t in before):
            return []
        if not any(t.ent_type_ in {"PERSON", "ORG", "NORP"} for t in before) and (
            # a headline parse often misses the name: a short capitalised
            # noun phrase without an article ("Lee:", "Senate Panel:")
            len(before) > 4 or before[0].pos_ == "DET" or before[-1].pos_ not in {"PROPN", "NOUN"}
        ):
            return []
        depth = 0
        for t in before:
            if t.text == "(" or depth:
                # a party and state tag, "(D-Ore.)"
                depth += (t.text == "(") - (t.text == ")")
                continue
            if t.text[:1].isupper() or t.text in {"'s", "’s", ".", "-", "&"}:
                continue
            if t.pos_ in {"ADP", "CCONJ", "DET", "PART", "NUM"}:
                continue
            if t.pos_ == "NOUN" and t.i > before[0].i:
                continue  # "Lee camp", "Lee allies"
            return []
        if any(t.text == "(" for t in before):
            before = _trim(before[: next(n for n, t in enumerate(before) if t.text == "(")])
        return before

    def _is_interview(self) -> bool:
        """Whether the report has lines opening with both "Q:" and "A:"."""
        if self._interview is None:
            self._interview = bool(
                _INTERVIEW_Q.search(self._text) and _INTERVIEW_A.search(self._text)
            )
        return self._interview

    def _colon_attribution(
        self, token: Token, source: list[Token], content: list[Token], kind: str = "colon"
    ) -> Attribution:
        return Attribution(
            cue=[(token.idx + len(token.text) - 1, token.idx + len(token.text))],
            source=_char_spans(source),
            content=_char_spans(content),
            cue_head=token.i,
            kind=kind,
            source_tokens=(source[0].i, source[-1].i + 1),
        )

    def _animate(self, token: Token | None) -> bool:
        """Whether a subject can hold a view: a person, body, pronoun or role noun."""
        if token is None:
            return False
        if token.pos_ == "PRON":
            return token.lower_ not in {"it", "this", "that", "which", "what"}
        if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
            return True
        if token.pos_ == "PROPN":
            return True
        return token.lemma_.lower() in self.words.anonymous_nouns or token.lemma_.lower() in {
            "government",
            "administration",
            "campaign",
            "party",
            "voter",
            "supporter",
            "critic",
            "opponent",
            "democrat",
            "republican",
            "american",
            "group",
            "ministry",
            "committee",
            "council",
            "court",
            "company",
            "poll",
            "survey",
            "study",
        }

    def _holder(self, token: Token) -> bool:
        """Whether a noun can hold a view: :meth:`_animate`, or a common noun
        of people by its ending ("farmers", "the mayor", "fishermen"); a
        relative "that" or "which" stands for the noun its clause qualifies
        ("the committee, which rejected the plan")."""
        if self._animate(token):
            return True
        if (
            token.lower_ in {"that", "which"}
            and token.head.dep_ == "relcl"
            and token.head.head.i != token.head.i
        ):
            return self._holder(token.head.head)
        if token.lower_ in GROUP_WORDS or (
            token.ent_type_ == "PERCENT" and token.lower_ in {"percent", "%"}
        ):
            return True  # "many think", "most said", "26 percent said"
        if token.like_num and any(
            c.lower_ == "in" and (c.dep_ == "quantmod" or any(g.like_num for g in c.children))
            for c in token.children
        ):
            return True  # "six in 10 say": the share of those polled
        if token.pos_ != "NOUN" or token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
            return False
        lemma = token.lemma_.lower()
        return lemma in PERSON_NOUNS or lemma.endswith(PERSON_ENDINGS)

    # -------------------------------------------------------- adverbs, nouns

    def _adverb(self, token: Token, sent: Span) -> Attribution | None:
        """ "reportedly fled", "allegedly deploying": a claim with no source named."""
        if token.lower_ not in self.words.sourceless_adverbs or token.dep_ != "advmod":
            return None
        head = token.head
        subject = _subject(head)
        content = [t for t in _subtree(head, exclude=[]) if t.i != token.i]
        content = [t for t in content if sent.start <= t.i < sent.end]
        # the clause, not clauses coordinated with it
        content = _trim(
            [
                t
                for t in content
                if not any(
                    t in c.subtree for c in head.children if c.dep_ == "conj" and c.i > token.i
                )
            ]
        )
        if subject is not None and subject.i < head.i:
            content = _trim(sorted({*content, *subject.subtree}, key=lambda t: t.i))
        if not content:
            return None
        return Attribution(
            cue=[(token.idx, token.idx + len(token.text))],
            source=[],
            content=_char_spans(_contiguous(content)),
            cue_head=token.i,
            kind="adverb",
            hedged=True,
            propositional=False,
        )

    def _noun(self, token: Token, sent: Span) -> Attribution | None:
        """ "Reports ... that ...", "his claim that ...": a noun that carries a claim."""
        words = self.words
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN":
            return None
        if lemma not in words.cue_nouns:
            return self._stance_noun(token, sent)
        clause = [c for c in token.children if c.dep_ in {"acl", "ccomp"} and _has_mark(c, "that")]
        head = token.head
        if (
            not clause
            and token.dep_ == "nsubj"
            and head.lemma_.lower()
            in {
                "appear",
                "emerge",
                "surface",
                "circulate",
                "suggest",
                "indicate",
            }
        ):
            clause = [c for c in head.children if c.dep_ == "ccomp"]
        if not clause:
            return self._stance_noun(token, sent)
        source_tokens: list[Token] = []
        for child in token.children:
            if child.dep_ == "poss":
                source_tokens = _phrase(child, sent)
        if not source_tokens and lemma in {"report", "rumour", "rumor", "claim", "allegation"}:
            source_tokens = [t for t in token.subtree if t.i <= token.i and not t.is_punct]
        content = _trim([t for c in clause for t in c.subtree])
        if not content:
            return None
        return Attribution.of_tokens(
            [token],
            source_tokens,
            content,
            cue_head=token.i,
            kind="noun",
            propositional=bool(source_tokens),
        )

    def _stance_noun(self, token: Token, sent: Span) -> Attribution | None:
        """ "his criticism of the plan", "Lee's call for talks", "her decision
        to run": a noun of stance or speech with its owner and its object."""
        lemma = token.lemma_.lower()
        if lemma not in STANCE_NOUNS and lemma not in self.words.stance_nouns:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            # "criticism from Republicans", "support among women"
            owner = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ in {"from", "by", "among"} and c.i > token.i
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
        # "questions about the deal", not "the criticism of the plan" (whose
        # owner an earlier sentence names)
        ownerless = (
            owner is None
            and lemma in self.words.ownerless_stance_nouns
            and not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        )
        if not ownerless and (
            owner is None or not self._holder(owner) or owner.lower_ in {"its", "my", "our", "your"}
        ):
            return None
        content: list[Token] = []
        cue = [token]
        for child in token.children:
            if child.i < token.i or (owner is not None and owner in child.subtree):
                continue
            if (
                child.dep_ == "prep"
                and child.lower_ in STANCE_PREPOSITIONS
                and any(g.dep_ in {"pobj", "pcomp"} for g in child.children)
            ):
                content = [t for t in child.subtree if t.i != child.i]
                cue.append(child)
                break
            if child.dep_ in {"acl", "ccomp"} and _has_mark(child, "that"):
                content = list(child.subtree)
                break
            if (
                child.dep_ in {"acl", "relcl"}
                and child.tag_ == "VB"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            ):
                content = list(child.subtree)
                break
        content = _trim(content)
        if not content:
            return None
        if owner is None:
            # "questions about the deal", "growing opposition to the plan":
            # a stance held by no one named (only with what it is about)
            if not any(t.lower_ in STANCE_PREPOSITIONS for t in cue):
                return None
            source = []
        else:
            source = _phrase(owner, sent)
            source = [t for t in source if t.lower_ not in {"'s", "’s"}] or source
        return Attribution.of_tokens(
            cue,
            source,
            content,
            cue_head=token.i,
            kind="noun",
            propositional=False,
        )

    # -------------------------------------------------------- quotes

    def _extend_quotes(self, doc: Doc, attribution: Attribution, quotes: _Quotes) -> None:
        """Grow a content that lies in a quotation to the whole quotation."""
        if not attribution.content:
            return
        grown: list[CharSpan] = []
        for start, end in attribution.content:
            quote = quotes.around(start, end)
            if quote is not None and not _overlaps_any(quote, attribution.cue + attribution.source):
                start, end = min(start, quote[0]), max(end, quote[1])
            grown.append((start, end))
        attribution.content = merge_spans(grown)

    def _continued_quotes(self, doc: Doc, found: list[Attribution], quotes: _Quotes) -> None:
        """A quotation right after a quoted attribution, with no cue of its own,
        continues it ("“We tried,” Sadat said. “They would not listen.”")."""
        covered = sorted(span for a in found for span in a.content + a.cue + a.source)
        by_end = sorted(
            (a for a in found if a.kind in {"verb", "according"} and a.source),
            key=lambda a: a.extent[1],
        )
        for qs, qe in quotes.spans:
            if _overlaps_any((qs, qe), covered):
                continue
            previous = [a for a in by_end if a.extent[1] <= qs]
            if not previous:
                continue
            last = previous[-1]
            gap = self._text[last.extent[1] : qs]
            if len(gap) > 3 or "\n\n" in gap:
                # only a quotation that follows at once (same or next paragraph)
                if len(gap.strip(" \n.,;:")) > 0:
                    continue
            if not any(_opens_quote(self._text[s:e]) for s, e in last.content):
                continue
            last.content = merge_spans([*last.content, (qs, qe)])


def _merge_participles(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """One cue for a verb and the participle of saying that carries its words.

    "The campaign responded on Friday, saying ..." and "replied by saying
    ..." tell one act of speech: the participle's attribution is folded into
    the verb's (the cue runs from the verb to the participle, the content is
    the participle's). Only a participle in "-ing" hung on a verb of answering
    (``ANSWER_VERBS``) directly or through "by" is folded: with other verbs
    ("defended the plan, saying ...") the two are reports of their own.
    """
    if len(found) < 2:
        return found
    by_head = {a.cue_head: a for a in found}
    dropped: set[int] = set()
    for attribution in found:
        token = doc[attribution.cue_head]
        if token.tag_ != "VBG" or attribution.kind != "verb":
            continue
        if token.dep_ not in {"advcl", "pcomp", "xcomp"}:
            continue
        head = token.head
        if token.dep_ == "pcomp":
            if head.lower_ != "by":
                continue
            head = head.head
        outer = by_head.get(head.i)
        if outer is None or outer is attribution or outer.kind not in {"verb", "silence"}:
            continue
        if _lemma(head) not in ANSWER_VERBS:
            continue  # "defended the plan, saying ...": two reports
        if head.i > token.i or token.i - head.i > 12:
            continue
        start = min(s for s, _ in outer.cue)
        end = max(e for _, e in attribution.cue)
        outer.cue = [(start, end)]
        outer.content = attribution.content
        outer.propositional = attribution.propositional
        outer.hedged = attribution.hedged
        outer.stance = attribution.stance
        outer.source = outer.source or attribution.source
        outer.source_tokens = outer.source_tokens or attribution.source_tokens
        dropped.add(id(attribution))
    return [a for a in found if id(a) not in dropped]


_INTERVIEW_Q = re.compile(r"^\W{0,3}Q:", re.MULTILINE)
_INTERVIEW_A = re.compile(r"^\W{0,3}A:", re.MULTILINE)


def speaker_lines(text: str, name: str | None = None, most: int = 2) -> int:
    """How many lines of ``text`` open with ``name`` and a colon (up to
    ``most``), quotation marks before it allowed: a transcript names each
    turn's speaker so. Without ``name``, lines that open with any name in
    capitals ("JO LEE:")."""
    speaker = re.escape(name) if name is not None else r"[A-Z][A-Z.'’ -]{1,40}"
    pattern = re.compile(rf"^[{OPENING_QUOTES}'` ]*{speaker}\s*\)?:", re.MULTILINE)
    return len(list(itertools.islice(pattern.finditer(text), most)))


def _opens_line(token: Token) -> bool:
    """Whether a token opens its line (or follows a dash that opens the
    rest of a line: "EXCLUSIVE – Jo Lee: ..."), a quotation mark at the
    start of a line aside."""
    if token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    if previous.text in OPENING_MARKS and not previous.whitespace_:
        if previous.i == 0:
            return True
        previous = token.doc[previous.i - 1]
    return (
        (previous.is_space and "\n" in previous.text)
        or previous.text in {"–", "—", "-", "--"}
        or previous.text.endswith("\n")
    )


def _is_caps_name(tokens: list[Token]) -> bool:
    """One to four words in capitals, initials and titles allowed ("JO LEE",
    "SEN. LEE", "J.D. LEE"): how transcripts name who speaks."""
    words = [t for t in tokens if t.text not in {".", "-", "'", "’"}]
    return 1 <= len(words) <= 4 and all(
        len(t.text) > 1 and t.text.isupper() and t.text.replace(".", "").isalpha() for t in words
    )


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token that holds a character, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _segments(doc: Doc) -> Iterable[Span]:
    """The sentences of the parse, cut again at line breaks.

    The parser may run a sentence on across a paragraph break (a headline
    into its first line, a quotation into the next paragraph); the rules read
    each piece apart, so a cue in one paragraph takes no content from the
    next. The parse itself is not redone: a word's head may still lie in
    another piece.
    """
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start : token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start : sent.end]


def _opens_quote(text: str) -> bool:
    text = text.strip()
    return bool(text) and (text[0] in OPENING_QUOTES or text.startswith(("''", "``")))


def _is_prep_with_object(token: Token, prepositions: Iterable[str], after: int) -> bool:
    """A preposition of the list, after token ``after``, with its object."""
    return (
        token.dep_ == "prep"
        and token.lower_ in prepositions
        and token.i > after
        and any(g.dep_ in {"pobj", "pcomp"} for g in token.children)
    )


def is_hedged(tokens: Iterable[Token], words: CueWords) -> bool:
    """Whether tokens soften what they say ("might", "reportedly", "it is likely")."""
    for t in tokens:
        lower = t.lower_
        if lower in words.hedge_adverbs and t.dep_ in {"advmod", "acomp"}:
            return True
        if lower in words.hedge_modals and t.dep_ == "aux":
            return True
        if lower in words.hedge_adjectives and t.dep_ == "acomp":
            return True
    return False


def _has_mark(token: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in token.children)


def _contiguous_part(tokens: list[Token], around: Token) -> list[Token]:
    """The run of ``tokens`` on one side of ``around``: the longer one.

    A clause broken by its attribution ("The talks, he said, failed") keeps
    both sides; otherwise the side away from the attribution is the content.
    """
    before = [t for t in tokens if t.i < around.i]
    after = [t for t in tokens if t.i > around.i]
    if before and after:
        return sorted(tokens, key=lambda t: t.i)
    return before or after


def _overlaps_any(span: CharSpan, spans: Iterable[CharSpan]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def merge_spans(spans: list[CharSpan]) -> list[CharSpan]:
    """Overlapping or touching spans joined, in order."""
    merged: list[CharSpan] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_FINDER: AttributionFinder | None = None


def find_attributions(doc: Doc) -> list[Attribution]:
    """The attributions of a parsed Doc (see :class:`AttributionFinder`)."""
    global _FINDER
    if _FINDER is None:
        _FINDER = AttributionFinder()
    return _FINDER(doc)

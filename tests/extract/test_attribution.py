"""The attribution finder on sentences written for these tests.

Each row: a text, then the attributions expected in it as (source, cue,
stance, hedged, propositional, words the content contains). ``None`` in a
field means "any". Rows with no expected attribution are negative cases:
the finder must find no attribution whose cue is the given word.
"""

from __future__ import annotations

import pytest

from dossier.extract.attribution import Attribution, find_attributions
from dossier.model.statement import Stance

A, D, DC, NR = Stance.ASSERTS, Stance.DENIES, Stance.DECLINES_COMMENT, Stance.NO_RESPONSE


@pytest.fixture(scope="module")
def nlp(english):
    """The English pipeline alone: these rules read the parse only."""
    return english


def _text(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _find(found: list[Attribution], text: str, cue: str) -> Attribution | None:
    for attribution in found:
        if cue in _text(text, attribution.cue).split(" ") or _text(text, attribution.cue) == cue:
            return attribution
        if cue in _text(text, attribution.cue):
            return attribution
    return None


# text, [(source, cue, stance, hedged, propositional, content contains)]
CASES = [
    # reports of speech
    (
        "The mayor said that the bridge would reopen in May.",
        [("The mayor", "said", A, False, True, "the bridge would reopen")],
    ),
    (
        "The bridge will reopen in May, the mayor said.",
        [("the mayor", "said", A, False, True, "The bridge will reopen")],
    ),
    (
        "The bridge will reopen in May, said the engineer in charge.",
        [("the engineer in charge", "said", A, False, True, "bridge will reopen")],
    ),
    (
        "“We did our best,” she said, “but the flood was too strong.”",
        [("she", "said", A, False, True, "the flood was too strong")],
    ),
    (
        "“We did our best,” the coach said. “The other team was simply better.”",
        [("the coach", "said", A, False, True, "simply better")],
    ),
    (
        "“We did our best,” the coach said.\n\n“The other team was simply better.”",
        [("the coach", "said", A, False, True, "simply better")],
    ),
    (
        "The senator told the Daily Courier that the vote would be close.",
        [("The senator", "told", A, False, True, "the vote would be close")],
    ),
    (
        "The governor tweeted that the storm had passed.",
        [("The governor", "tweeted", A, False, True, "the storm had passed")],
    ),
    (
        "The actor wrote on Facebook that he was leaving the show.",
        [("The actor", "wrote", A, False, True, "he was leaving the show")],
    ),
    (
        "The candidate on his Facebook page suggested that the count was rigged.",
        [("The candidate", "suggested", A, True, True, "the count was rigged")],
    ),
    (
        "Asked whether she would run again, the senator said yes.",
        [("the senator", "said", A, False, True, "yes")],
    ),
    (
        "The minister spoke about the new budget at length.",
        [("The minister", "spoke about", A, False, False, "the new budget")],
    ),
    (
        "Jobs will come back, the governor said, referring to the new factory.",
        [("the governor", "referring to", A, False, False, "the new factory")],
    ),
    # citing, according to
    (
        "The Daily Courier, citing internal documents, reported that the firm had lost money.",
        [
            ("The Daily Courier", "reported", A, False, True, "the firm had lost money"),
            ("The Daily Courier", "citing", A, False, False, "internal documents"),
        ],
    ),
    (
        "The firm lost money last year, according to the auditors.",
        [("the auditors", "according to", A, False, True, "The firm lost money")],
    ),
    (
        "According to an official and two witnesses, the convoy left at dawn.",
        [("an official and two witnesses", "According to", A, False, True, "the convoy left")],
    ),
    # denials
    (
        "The company denied that it had hidden the losses.",
        [("The company", "denied", D, False, True, "it had hidden the losses")],
    ),
    (
        "The minister rejected the claims as baseless.",
        [("The minister", "rejected", D, False, True, "the claims")],
    ),
    (
        "The ministry dismissed reports of a cabinet split.",
        [("The ministry", "dismissed", D, False, True, "reports")],
    ),
    (
        "The union rejected the conditions set by the owners.",
        [("The union", "rejected", A, False, False, "the conditions")],
    ),
    (
        "The lawyer claimed that his client did not attend the meeting.",
        [("The lawyer", "claimed", D, False, True, "did not attend")],
    ),
    (
        "Reports of a secret deal circulated widely, denied by the government.",
        [("the government", "denied", D, None, None, None)],
    ),
    # confirmations
    (
        "The striker confirmed his participation in the final.",
        [("The striker", "confirmed", A, False, True, "his participation")],
    ),
    # refusals and non-responses
    (
        "The bank declined to comment.",
        [("The bank", "declined to comment", DC, False, True, None)],
    ),
    (
        "The agency offered no comment on the leak.",
        [("The agency", "offered no comment", DC, False, True, None)],
    ),
    (
        "A spokesman declined to comment on background.",
        [("A spokesman", "declined to comment", DC, False, True, None)],
    ),
    (
        "The club refused to comment on the transfer.",
        [("The club", "refused to comment", DC, False, True, None)],
    ),
    (
        "The council did not respond to the Daily Courier's request for comment.",
        [("The council", "respond", NR, False, True, None)],
    ),
    (
        "The owner could not be reached for comment.",
        [("The owner", "reached", NR, False, True, None)],
    ),
    (
        "The coach did not respond to the Daily Courier's questions.",
        [("The coach", "respond", NR, False, True, None)],
    ),
    (
        "The director was not available for comment.",
        [("The director", "available", NR, False, True, None)],
    ),
    (
        "There was no immediate comment from the ministry.",
        [("the ministry", "comment", NR, False, True, None)],
    ),
    (
        "There was no response from the rebels to the offer.",
        [("the rebels", "response", NR, False, True, "the offer")],
    ),
    (
        "The embassy would neither confirm nor deny the meeting.",
        [("The embassy", "confirm", DC, False, True, "the meeting")],
    ),
    (
        "The army would not confirm or deny the report.",
        [("The army", "deny", DC, False, True, "the report")],
    ),
    # a stance received from someone: theirs, towards the subject
    (
        "The move drew criticism from opposition leaders.",
        [("opposition leaders", "criticism", A, False, False, "The move")],
    ),
    (
        "The governor has come under fire from farmers for the water cuts.",
        [("farmers", "fire", A, False, False, "The governor")],
    ),
    (
        "The mayor and her deputy could not be reached for comment.",
        [("The mayor and her deputy", "reached", NR, False, True, None)],
    ),
    (
        "The landlord and the tenant could not be reached for comment, the city denied "
        "that it had issued the permit, whereas the builder offered no comment on the matter.",
        [
            ("The landlord and the tenant", "reached", NR, False, True, None),
            ("the city", "denied", D, False, True, "it had issued the permit"),
            ("the builder", "offered no comment", DC, False, True, None),
        ],
    ),
    (
        "He said the agency had not commented on the report.",
        [
            ("He", "said", A, False, True, "the agency had not commented"),
            ("the agency", "commented", DC, False, True, None),
        ],
    ),
    # hedges
    (
        "The rebels reportedly seized the airport.",
        [("", "reportedly", A, True, False, "seized the airport")],
    ),
    (
        "The suspect apparently fled the country.",
        [("", "apparently", None, True, None, None)],
    ),
    (
        "The driver allegedly ran a red light.",
        [("", "allegedly", A, True, False, "ran a red light")],
    ),
    (
        "The analyst said the deal might collapse.",
        [("The analyst", "said", A, True, True, "the deal might collapse")],
    ),
    (
        "The official said it is likely that the talks will fail.",
        [("The official", "said", A, True, True, "the talks will fail")],
    ),
    # colon in a headline
    (
        "Jane Porter: The council must act now on housing\n\nThe council met on Monday.",
        [("Jane Porter", ":", A, False, True, "must act now")],
    ),
    # a subject the parse hangs elsewhere
    (
        "In a letter to the board, her lawyer, Tom Reed, said: “The case has no merit.”",
        [("her lawyer, Tom Reed", "said", A, False, True, "no merit")],
    ),
    # attitude adjectives with a person or body as holder
    (
        "The farmers are optimistic that the rains will come early.",
        [("The farmers", "optimistic", A, None, True, "the rains will come")],
    ),
    (
        "Local residents have been critical of the new parking rules.",
        [("Local residents", "critical", A, None, False, "the new parking rules")],
    ),
    (
        "The nurses were worried about the staffing cuts.",
        [("The nurses", "worried", A, None, False, "the staffing cuts")],
    ),
    # "are opposed to": a stance told by a participle with a plain subject
    (
        "The residents are opposed to the new parking rules.",
        [("The residents", "opposed", A, None, False, "the new parking rules")],
    ),
    # shares of those polled
    (
        "About 4 in 10 want a mayor with experience.",
        [("About 4 in 10", "want", A, None, None, "a mayor with experience")],
    ),
    (
        "Last month, 26 percent said the same.",
        [("26 percent", "said", A, None, None, "the same")],
    ),
    # a relative pronoun stands for the body its clause qualifies
    (
        "The committee, which rejected the plan last year, met again on Monday.",
        [("which", "rejected", A, None, None, "the plan")],
    ),
    # a relative clause whose object is the noun it qualifies
    (
        "The plan the council rejected in May was costly.",
        [("the council", "rejected", A, None, False, "The plan")],
    ),
    # a passive with its agent: the agent holds the stance, the subject is its object
    (
        "The plan was rejected by the council on Monday.",
        [("the council", "rejected", A, None, False, "The plan")],
    ),
    (
        "The budget has been endorsed by the farmers' union.",
        [("the farmers' union", "endorsed", A, None, None, "The budget")],
    ),
    (
        "In her view, the museum should open on Sundays.",
        [("her", "In", A, None, False, "the museum should open")],
    ),
    (
        "To many fishermen, the new quota is a disaster.",
        [("many fishermen", "To", A, None, False, "the new quota is a disaster")],
    ),
    (
        "In a survey of teachers, most work more than fifty hours a week.",
        [("a survey of teachers", "In", A, None, False, "most work")],
    ),
    # a sourceless passive of expectation
    (
        "The bridge is expected to reopen in May.",
        [("", "expected", A, None, None, "to reopen in May")],
    ),
    # a quotation that opens in an earlier sentence
    (
        "“We tried hard. Every single one,” said the coach.",
        [("the coach", "said", A, False, True, "Every single one")],
    ),
    # typewriter quote marks
    (
        "''The market is tired,'' the trader said.",
        [("the trader", "said", A, False, True, "The market is tired")],
    ),
    # stance nouns with an owner
    (
        "The union repeated its demands after the mayor's criticism of the strike.",
        [("the mayor", "criticism", A, None, False, "the strike")],
    ),
    (
        "There was strong opposition from farmers to the new dam.",
        [("farmers", "opposition", A, None, False, "the new dam")],
    ),
    # public acts and stances of a person or body
    (
        "The senator voted against the bill on Tuesday.",
        [("The senator", "voted against", A, False, False, "the bill")],
    ),
    (
        "The governor refused to sign the budget.",
        [("The governor", "refused", A, False, False, "to sign the budget")],
    ),
    (
        "The union offered a new plan to end the strike.",
        [("The union", "offered", A, False, False, "a new plan")],
    ),
    # light verbs with a noun of stance or speech
    (
        "The mayor took aim at the new tax.",
        [("The mayor", "took aim at", A, False, False, "the new tax")],
    ),
    (
        "The mayor has raised questions about the contract.",
        [("The mayor", "raised questions about", A, False, False, "the contract")],
    ),
    (
        "The minister made it clear that the port would stay open.",
        [("The minister", "made it clear", A, False, False, "the port would stay open")],
    ),
    (
        "As the minister put it, the port is the heart of the city.",
        [("the minister", "put it", A, False, False, "the heart of the city")],
    ),
    # regarding and naming
    (
        "The deal is widely seen as a win for the union.",
        [("", "seen as", A, False, False, "a win for the union")],
    ),
    (
        "The river is guarded by a group known as the River Friends.",
        [("", "known as", A, False, False, "the River Friends")],
    ),
    # a headline in title case
    (
        "Mayor Lopez Slams Council Over Bus Fares\n\nThe mayor spoke on Monday.",
        [("Mayor Lopez", "Slams", A, False, False, "Council Over Bus Fares")],
    ),
    # "as X reported": the clause it qualifies
    (
        "As the Daily Courier reported, the mill will close in June.",
        [("the Daily Courier", "reported", A, False, True, "the mill will close")],
    ),
    # a poll that frames a finding, wherever it stands
    (
        "The mayor leads by ten points in the latest city poll.",
        [("the latest city poll", "in", A, None, False, "The mayor leads")],
    ),
    # a view in the writer's own voice, and a view held by many
    (
        "I think the council made the right call.",
        [("I", "think", A, True, True, "the council made the right call")],
    ),
    (
        "Many believe the vote will be close.",
        [("Many", "believe", A, True, True, "the vote will be close")],
    ),
    # a question put by no one named
    (
        "Asked about the strike, the mayor said talks would continue.",
        [
            ("", "Asked about", A, False, False, "the strike"),
            ("the mayor", "said", A, False, True, "talks would continue"),
        ],
    ),
    # what a poll shows
    (
        "A new poll shows the mayor with a wide lead.",
        [("A new poll", "shows", A, False, None, "the mayor")],
    ),
    # a time stamp on the line before is not the subject
    (
        "12:15 p.m.:\n\nThe mayor says the bridge will reopen in May.",
        [("The mayor", "says", A, False, True, "the bridge will reopen")],
    ),
    # a report set against another one stands on its own
    (
        "The mayor said the bridge would reopen, while the engineer confirmed the date.",
        [
            ("The mayor", "said", A, False, True, "the bridge would reopen"),
            ("the engineer", "confirmed", A, False, True, "the date"),
        ],
    ),
    # a curly quotation closed by a straight mark
    (
        '“We will rebuild," the mayor said.',
        [("the mayor", "said", A, False, True, "We will rebuild")],
    ),
    # a separator line the parse hangs on the verb is not its object
    (
        "The mayor praised the firefighters.\n___.\n",
        [("The mayor", "praised", A, False, False, "the firefighters")],
    ),
    # a wish the parse reads as a clause marked by "for"
    (
        "The union called for the city to hire more drivers.",
        [("The union", "called for", A, False, False, "the city to hire more drivers")],
    ),
    # a verb of a topic with its preposition, even one that takes clauses
    (
        "The mayor pointed to the new budget.",
        [("The mayor", "pointed to", A, False, False, "the new budget")],
    ),
    # a verb of saying the clause rule cannot read, read as an act
    (
        "The coach pushed hard for a new stadium.",
        [("The coach", "pushed", A, False, False, "a new stadium")],
    ),
    # a post signed with a dash, a name and a handle
    (
        "<tweet>The bridge is open again. Thanks to all the crews! "
        "— Jo Marsh (@jomarsh) May 5, 2016</tweet>",
        [("Jo Marsh (@jomarsh)", "—", A, False, True, "The bridge is open again")],
    ),
    # a quoted paragraph signed on the line below
    (
        '"We will not raise the fares this year."\n\n- Jo Marsh.\n\nThe fares rose in June.',
        [("Jo Marsh", "-", A, False, True, "We will not raise the fares")],
    ),
    # a stance noun with no owner, with what it is about
    (
        "Questions about the contract have dogged the council for months.",
        [("", "Questions about", A, False, False, "the contract")],
    ),
    # seeming with an adjective or "like"
    (
        "The council appeared divided after the vote.",
        [("", "appeared", A, True, False, "divided")],
    ),
    # an answer carried by a participle of saying is one cue
    (
        "The company responded on Friday, saying the plant would stay open.",
        [("The company", "responded on Friday, saying", A, False, True, "the plant would stay")],
    ),
]

NEGATIVE = [
    ("The so-called experts were wrong about the weather.", "so-called"),
    ("The so-called experts were wrong about the weather.", "called"),
    ("Russia did not invite the Taliban to the talks.", "invite"),
    ("“I think we can win this,” the coach said.", "think"),
    ("Officials say the residents want to go home.", "want"),
    ("The Latest: Storm hits the coast\n\nThe storm hit the coast on Monday.", ":"),
    # an attitude adjective needs a holder that can hold a view
    ("The road is clear of snow this morning.", "clear"),
    ("The old bridge is critical to the town's trade.", "critical"),
    # framing needs a view or a finding, or a person at the sentence start
    ("In the morning, the crew repaired the pump.", "In"),
    ("To the north, the river floods every spring.", "To"),
    ("She gave the keys to her brother, who drove home.", "to"),
    # "is supposed to" is an obligation, not a view; a published document is
    # not itself an attribution
    ("The train is supposed to leave at noon.", "supposed"),
    ("A report released by the ministry on Monday lists the closures.", "released"),
    # a stance noun needs an owner
    ("The criticism of the plan grew louder.", "criticism"),
    # a report in the clause another report governs, or in a quotation, is
    # the outer speaker's account
    ("The mayor said her aide told reporters the bridge would reopen.", "told"),
    ("“My father told me never to give up,” she said.", "told"),
    # an act needs a person or body as its subject; a light verb a noun of
    # stance or speech; naming with "called" is no cue
    ("The storm offered no relief to the farmers.", "offered"),
    ("The company made a profit on the deal.", "made"),
    ("The band played a song called Home.", "called"),
    # a verb of saying whose act reading is no stance
    ("The mayor spoke at the opening of the bridge.", "spoke"),
    ("The actor played a doctor in the film.", "played"),
    # a dash before a name in running text, or a title-case line, is no signature
    ("The plan — Jo Marsh said — was dead on arrival.", "—"),
    ("Mayor Reveals Her Choice For The Board — It Might Surprise You.", "—"),
    # an ownerless noun needs what it is about; a call for talks needs an owner
    ("The questions were hard.", "questions"),
    ("Calls for talks grew louder.", "Calls"),
    # "defended the plan, saying ..." is two reports, not one cue
    ("The mayor defended the plan, saying it would save money.", "defended the plan, saying"),
    # "Q:" and "A:" outside an interview, and labels in capitals, name no speaker
    ("A: the first option costs less than the second one.", ":"),
    ("BREAKING: The dam upstream of the town has burst.", ":"),
    # ... but not for a thing
    ("The storm, which destroyed the bridge, moved north.", "destroyed"),
    # "drew a crowd" receives no stance
    ("The band drew a large crowd from the city.", "drew"),
    # "say" in set phrases
    ("It goes without saying that the budget is too small.", "saying"),
    ("Let's say the council approves the plan in May.", "say"),
    ("Needless to say, the mayor was furious.", "say"),
    ("The result was disappointing, to say the least.", "say"),
    ("The turnout says a lot about the mood in the city.", "says"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_attribution(nlp, text: str, expected: list[tuple]) -> None:
    found = find_attributions(nlp(text))
    for source, cue, stance, hedged, propositional, content in expected:
        attribution = _find(found, text, cue)
        assert attribution is not None, (cue, [_text(text, a.cue) for a in found])
        assert _text(text, attribution.source).strip(" ,") == source
        if stance is not None:
            assert attribution.stance is stance
        if hedged is not None:
            assert attribution.hedged is hedged
        if propositional is not None:
            assert attribution.propositional is propositional
        if content is not None:
            assert content in _text(text, attribution.content)


@pytest.mark.parametrize(("text", "cue"), NEGATIVE, ids=[f"{c[1]}:{c[0][:30]}" for c in NEGATIVE])
def test_no_attribution(nlp, text: str, cue: str) -> None:
    found = find_attributions(nlp(text))
    assert all(cue not in _text(text, a.cue).split(" ") for a in found), [
        _text(text, a.cue) for a in found
    ]


def test_citing_chain(nlp) -> None:
    text = "The Daily Courier, citing internal documents, reported that the firm had lost money."
    doc = nlp(text)
    citing = _find(find_attributions(doc), text, "citing")
    assert citing is not None and citing.kind == "citing"
    assert [doc[s:e].text for s, e in citing.chain] == ["internal documents"]


def test_continued_quote_is_discontinuous(nlp) -> None:
    text = "“We did our best,” she said. “The other team was better.”"
    said = _find(find_attributions(nlp(text)), text, "said")
    assert said is not None and len(said.content) == 2


def test_stray_quote_mark_does_not_hide_a_report(nlp) -> None:
    text = 'The sign read " closed.\nThe mayor said the market would reopen on Friday.'
    said = _find(find_attributions(nlp(text)), text, "said")
    assert said is not None and _text(text, said.source) == "The mayor"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a transcript: the same names open the lines
        (
            "LEE: We will vote against the budget.\n\nKIM: The budget is sound and we back it."
            "\n\nLEE: Then we will see you in court.",
            ["LEE", "KIM", "LEE"],
        ),
        # quoted paragraph by paragraph, as a report quotes a transcript
        (
            'The exchange went on:\n\n"LEE: We will vote against the budget.\n\n'
            '"KIM: The budget is sound and we back it.',
            ["LEE", "KIM"],
        ),
        # an interview
        (
            "Q: Why did you leave the party last year?\n\n"
            "A: I could no longer defend its record on housing.",
            ["Q", "A"],
        ),
    ],
)
def test_transcript_turns(nlp, text: str, speakers: list[str]) -> None:
    found = [a for a in find_attributions(nlp(text)) if _text(text, a.cue) == ":"]
    assert [_text(text, a.source) for a in found] == speakers
    assert all(a.kind == "transcript" and a.stance is A for a in found)


def test_colon_speaker_with_party_tag(nlp) -> None:
    for text in (
        "Rep. Jo Lee (D-Ore.): We will not back this bill in its current form.",
        "Rep. Jo Lee (D-Ore.) : We will not back this bill in its current form.",
    ):
        colon = _find(find_attributions(nlp(text)), text, ":")
        assert colon is not None and _text(text, colon.source) == "Rep. Jo Lee"
        assert "not back this bill" in _text(text, colon.content)


def test_confirm_and_deny_apart_are_no_refusal(nlp) -> None:
    text = "The army did not confirm the report but did not deny it."
    found = find_attributions(nlp(text))
    assert all(a.stance is not DC for a in found)
    assert all(
        "deny" not in _text(text, a.cue) or "confirm" not in _text(text, a.cue) for a in found
    )


def test_quoted_as_saying(nlp) -> None:
    text = "State media quoted the minister as saying that the border would reopen."
    doc = nlp(text)
    found = find_attributions(doc)
    assert len(found) == 1
    saying = found[0]
    assert _text(text, saying.source) == "the minister"
    assert _text(text, saying.cue) == "quoted as saying"
    assert [doc[s:e].text for s, e in saying.chain] == ["State media"]


def test_signatures_after_quotations_on_their_line(nlp) -> None:
    # readers' quotations, each signed on its own line, the dash now spaced,
    # now glued to the closing mark, now followed by a no-break space
    text = (
        "Readers wrote in after the debate.\n\n"
        "“The town deserves a better council.” ― Jo Marsh\n"
        "“We need the bridge fixed before winter.”― Sam Otieno\xa0\n"
        "“Nobody listens to us.” —\xa0Ana Ruiz.\n\nThe council met on Monday."
    )
    signed = [a for a in find_attributions(nlp(text)) if a.kind == "signature"]
    assert [_text(text, a.source) for a in signed] == ["Jo Marsh", "Sam Otieno", "Ana Ruiz"]
    assert [_text(text, a.content) for a in signed] == [
        "“The town deserves a better council.”",
        "“We need the bridge fixed before winter.”",
        "“Nobody listens to us.”",
    ]

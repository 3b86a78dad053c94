"""Statements with resolved speakers: one table row per form news uses.

Every text here is written for these tests. Each row gives a short report and
the statement expected in it: the speaker (an entity name, ``anonymous`` or
``outlet``), the affiliation of an unnamed source, the cue, the stance and
whether it is hedged. ``part`` is a piece of text the statement's content
must include, to pick the statement out of the report.
"""

from __future__ import annotations

import pytest

ANON, OUTLET = "anonymous", "outlet"

# text, part of the content, speaker, affiliation, cue, stance, hedged
ROWS = [
    # direct and partial quotes
    (
        '"The talks were useful," Omar Haidari said.',
        "The talks were useful",
        "Omar Haidari",
        None,
        "said",
        "asserts",
        False,
    ),
    (
        "“We tried,” said Laila Noori, “but the road was closed.”",
        "the road was closed",
        "Laila Noori",
        None,
        "said",
        "asserts",
        False,
    ),
    (
        "Karim Sadat said the convoy had reached the border and that the talks “went well”.",
        "went well",
        "Karim Sadat",
        None,
        "said",
        "asserts",
        False,
    ),
    # indirect speech and inversion
    (
        "The ceasefire held through the night, Karim Sadat told Radio Kabul.",
        "The ceasefire held",
        "Karim Sadat",
        None,
        "told",
        "asserts",
        False,
    ),
    (
        "The envoy left the capital on Monday, said a source close to the Northern Council.",
        "The envoy left the capital",
        ANON,
        "Northern Council",
        "said",
        "asserts",
        False,
    ),
    # a condition of anonymity is no statement of its own
    (
        "A spokesman for the Northern Council, who asked not to be named, said the talks"
        " were useful.",
        "the talks were useful",
        "Northern Council",
        None,
        "said",
        "asserts",
        False,
    ),
    # still to come, and nobody as the subject: no response
    (
        "The Northern Council has yet to respond to the allegations.",
        "the allegations",
        "Northern Council",
        None,
        "has yet to respond",
        "no_response",
        False,
    ),
    (
        "No one at the Northern Council responded to questions about the visit.",
        "questions about the visit",
        ANON,
        "Northern Council",
        "responded",
        "no_response",
        False,
    ),
    # a passive with its agent, and "was quoted as saying"
    (
        "The reports of a deal were denied by Karim Sadat on Monday.",
        "The reports of a deal",
        "Karim Sadat",
        None,
        "were denied",
        "denies",
        False,
    ),
    (
        "Karim Sadat was quoted as saying the road to the border was open.",
        "the road to the border was open",
        "Karim Sadat",
        None,
        "quoted as saying",
        "asserts",
        False,
    ),
    # according to, and coordinated sources
    (
        "The meeting was held in Dushanbe, according to a senior Afghan diplomat.",
        "The meeting was held in Dushanbe",
        ANON,
        "Afghanistan",
        "according to",
        "asserts",
        False,
    ),
    (
        "The meeting was held in Dushanbe, according to a former official and Karim Sadat.",
        "The meeting was held in Dushanbe",
        "Karim Sadat",
        None,
        "according to",
        "asserts",
        False,
    ),
    (
        "The meeting was held in Dushanbe, according to a former official and Karim Sadat.",
        "The meeting was held in Dushanbe",
        ANON,
        None,
        "according to",
        "asserts",
        False,
    ),
    # pronouns and later mentions of the same source
    (
        "Laila Noori is a lawyer in Herat. The court was closed on Sunday, she said.",
        "The court was closed",
        "Laila Noori",
        None,
        "said",
        "asserts",
        False,
    ),
    (
        "A source close to the Northern Council said the talks failed. "
        "The envoy went home early, the source said.",
        "The envoy went home early",
        ANON,
        "Northern Council",
        "said",
        "asserts",
        False,
    ),
    # social media
    (
        "Karim Sadat tweeted on Monday that the border was open.",
        "the border was open",
        "Karim Sadat",
        None,
        "tweeted",
        "asserts",
        False,
    ),
    (
        "Karim Sadat on his Facebook page suggested that the envoy was in Kabul.",
        "the envoy was in Kabul",
        "Karim Sadat",
        None,
        "suggested",
        "asserts",
        True,
    ),
    (
        "The militia expert Karim Sadat tweeted images of the weapons.",
        "images of the weapons",
        "Karim Sadat",
        None,
        "tweeted",
        "asserts",
        False,
    ),
    # other outlets, with a chain
    (
        "The Daily Courier, citing police documents, reported that the convoy was attacked.",
        "the convoy was attacked",
        "Daily Courier",
        None,
        "reported",
        "asserts",
        False,
    ),
    # denials
    (
        "Karim Sadat denied that the envoy had visited Kabul.",
        "the envoy had visited Kabul",
        "Karim Sadat",
        None,
        "denied",
        "denies",
        False,
    ),
    (
        "The Interior Ministry rejected the claims that its forces fired first.",
        "the claims",
        "Interior Ministry",
        None,
        "rejected",
        "denies",
        False,
    ),
    (
        "Karim Sadat claimed that the envoy did not attend the talks.",
        "the envoy did not attend",
        "Karim Sadat",
        None,
        "claimed",
        "denies",
        False,
    ),
    (
        "Reports also appeared that the convoy was attacked, denied by the Interior Ministry.",
        "the convoy was attacked",
        ANON,
        None,
        "Reports",
        "asserts",
        False,
    ),
    (
        "Reports also appeared that the convoy was attacked, denied by the Interior Ministry.",
        "the convoy was attacked",
        "Interior Ministry",
        None,
        "denied",
        "denies",
        False,
    ),
    (
        "The convoy crossed the border at night, the source close to the Northern Council said.",
        "The convoy crossed the border",
        ANON,
        "Northern Council",
        "said",
        "asserts",
        False,
    ),
    # confirmations
    (
        "Laila Noori confirmed that the envoy attended the talks.",
        "the envoy attended the talks",
        "Laila Noori",
        None,
        "confirmed",
        "asserts",
        False,
    ),
    # refusals and non-responses: the silent party is the speaker
    (
        "The Interior Ministry declined to comment.",
        None,
        "Interior Ministry",
        None,
        "declined to comment",
        "declines_comment",
        False,
    ),
    (
        "The Northern Council's spokesperson offered no comment on the talks.",
        None,
        "Northern Council",
        None,
        "offered no comment",
        "declines_comment",
        False,
    ),
    (
        "The Interior Ministry did not respond to the Daily Courier's request for comment.",
        None,
        "Interior Ministry",
        None,
        "did not respond",
        "no_response",
        False,
    ),
    (
        "Karim Sadat and Laila Noori could not be reached for comment.",
        None,
        "Laila Noori",
        None,
        "could not be reached",
        "no_response",
        False,
    ),
    (
        "A council spokesman, Omar Haidari, did not respond to the Daily Courier's questions.",
        None,
        "Omar Haidari",
        None,
        "did not respond",
        "no_response",
        False,
    ),
    (
        "The government of Uzbekistan did not respond to a request for comment.",
        None,
        "Uzbekistan",
        None,
        "did not respond",
        "no_response",
        False,
    ),
    # hedges
    (
        "Karim Sadat reportedly fled to Dushanbe in May.",
        "Karim Sadat reportedly fled",
        OUTLET,
        None,
        None,
        "asserts",
        True,
    ),
    (
        "The convoy might have been attacked, Laila Noori said.",
        "The convoy might have been attacked",
        "Laila Noori",
        None,
        "said",
        "asserts",
        True,
    ),
    # the outlet's own voice
    (
        "The convoy crossed the border on Monday.",
        "The convoy crossed the border",
        OUTLET,
        None,
        None,
        "asserts",
        False,
    ),
]


def _ingest(nlp, text):
    doc = nlp(text)
    return doc, doc._.dossier_entities, doc._.dossier_statements


def _matches(statement, entities, text, part, speaker, affiliation, cue, stance, hedged):
    if part is not None:
        contents = [text[s:e] for s, e in statement["content"]]
        if not any(part in c for c in contents) and part not in statement["text"]:
            return False
    if speaker == OUTLET:
        who_ok = statement["speaker_text"] is None and not statement["anonymous"]
    elif speaker == ANON:
        who_ok = statement["anonymous"] and statement["speaker"] is None
    else:
        index = statement["speaker"]
        who_ok = index is not None and entities[index]["name"].endswith(speaker)
    if not who_ok:
        return False
    if affiliation is not None:
        index = statement["affiliation"]
        if index is None or not entities[index]["name"].endswith(affiliation):
            return False
    return (
        statement["cue"] == cue
        and statement["stance"] == stance
        and (statement["hedged"] == hedged)
    )


def _describe(statements, entities):
    rows = []
    for s in statements:
        who = entities[s["speaker"]]["name"] if s["speaker"] is not None else s["speaker_text"]
        aff = entities[s["affiliation"]]["name"] if s["affiliation"] is not None else None
        rows.append((who, s["anonymous"], aff, s["cue"], s["stance"], s["hedged"], s["text"]))
    return rows


@pytest.mark.parametrize(
    ("text", "part", "speaker", "affiliation", "cue", "stance", "hedged"), ROWS
)
def test_statement_forms(nlp, text, part, speaker, affiliation, cue, stance, hedged):
    _doc, entities, statements = _ingest(nlp, text)
    assert any(
        _matches(s, entities, text, part, speaker, affiliation, cue, stance, hedged)
        for s in statements
    ), _describe(statements, entities)


# Things that are not a new speaker or not a cue at all.
NEGATIVES = [
    # reported speech about a statement is not a new speaker
    ("Karim Sadat said the statement was false.", "statement"),
    # a condition of anonymity is no statement
    ("A Northern Council official, who asked not to be named, said the road was open.", "asked"),
    # "so-called" is no cue
    ("The so-called peace council met in Kabul on Monday.", "so-called"),
    # a refusal of conditions is no denial of a claim
    ("The council rejected the conditions set by the envoy.", "rejected"),
    # the outlet reporting that an act did not happen is no denial
    ("Russia did not invite the Taliban to the meeting.", "invite"),
]


@pytest.mark.parametrize(("text", "word"), NEGATIVES)
def test_not_a_new_statement(nlp, text, word):
    _doc, entities, statements = _ingest(nlp, text)
    for statement in statements:
        assert statement["stance"] != "denies", _describe(statements, entities)
        assert statement["cue"] is None or word not in statement["cue"], _describe(
            statements, entities
        )
    speakers = {s["speaker_text"] for s in statements if s["speaker_text"]}
    assert not any(word in speaker for speaker in speakers)


def test_first_person_inside_a_quote_is_no_new_speaker(nlp):
    text = '"I think the road is closed," Laila Noori said.'
    _doc, entities, statements = _ingest(nlp, text)
    named = [s for s in statements if s["speaker"] is not None]
    assert len(named) == 1
    assert entities[named[0]["speaker"]]["name"] == "Laila Noori"


def test_a_quote_over_two_sentences_is_one_statement(nlp):
    text = "“We tested them. We saw that they are not serious,” Karim Sadat said."
    _doc, _entities, statements = _ingest(nlp, text)
    named = [s for s in statements if s["speaker"] is not None]
    assert len(named) == 1
    content = " ".join(text[s:e] for s, e in named[0]["content"])
    assert "We tested them" in content and "not serious" in content


def test_a_quote_over_two_paragraphs_is_one_statement(nlp):
    text = (
        "“The road is closed to every truck.\n\n“Nobody can pass until Monday,” Laila Noori said."
    )
    _doc, _entities, statements = _ingest(nlp, text)
    named = [s for s in statements if s["speaker"] is not None]
    assert len(named) == 1
    content = " ".join(text[s:e] for s, e in named[0]["content"])
    assert "every truck" in content and "until Monday" in content
    assert not [s for s in statements if s["speaker_text"] is None], "no outlet voice in a quote"


def test_a_pronoun_after_a_quote_is_the_speaker(nlp):
    text = "“The road is closed,” Laila Noori said.\n\n“The convoy turned back,” she added."
    _doc, entities, statements = _ingest(nlp, text)
    added = [s for s in statements if s["cue"] == "added"]
    assert added and entities[added[0]["speaker"]]["name"] == "Laila Noori"


def test_a_chain_is_recorded(nlp):
    text = "The Daily Courier, citing police documents, reported that the convoy was attacked."
    _doc, _entities, statements = _ingest(nlp, text)
    reported = [s for s in statements if s["cue"] == "reported"]
    assert reported and reported[0]["chain"]
    assert reported[0]["chain"][0]["speaker_text"] == "police documents"


def test_quoted_as_saying_is_the_quoted_party_with_the_quoter_as_chain(nlp):
    text = "Radio Kabul quoted Karim Sadat as saying that the convoy was attacked."
    _doc, entities, statements = _ingest(nlp, text)
    said = [s for s in statements if s["cue"] and "saying" in s["cue"]]
    assert len(said) == 1, _describe(statements, entities)
    assert entities[said[0]["speaker"]]["name"] == "Karim Sadat"
    assert [link["speaker_text"] for link in said[0]["chain"]] == ["Radio Kabul"]
    assert said[0]["chain"][0]["cue"] == "quoted"
    assert not [s for s in statements if s["cue"] == "quoted"]
    text = "Karim Sadat was quoted by Radio Kabul as saying that the convoy was attacked."
    _doc, entities, statements = _ingest(nlp, text)
    said = [s for s in statements if s["cue"] and "saying" in s["cue"]]
    assert said and entities[said[0]["speaker"]]["name"] == "Karim Sadat"
    assert [(link["speaker_text"], link["cue"]) for link in said[0]["chain"]] == [
        ("Radio Kabul", "quoted")
    ]


def test_statement_spans_point_into_the_text(nlp):
    text = "The ceasefire held through the night, Karim Sadat told Radio Kabul."
    _doc, _entities, statements = _ingest(nlp, text)
    for statement in statements:
        assert text[statement["start"] : statement["end"]] == statement["text"]
        for part in ("source", "cue_spans", "content"):
            for start, end in statement[part]:
                assert statement["start"] <= start < end <= statement["end"]


def test_transcript_labels_are_named_parties(nlp):
    text = (
        "Radio Kabul interviewed the council spokesman Karim Sadat on Monday.\n\n"
        "RADIO KABUL: Did you meet the envoy?\n\n"
        "SADAT: I met him twice in Dushanbe.\n\n"
        "RADIO KABUL: Were the talks useful?"
    )
    _doc, entities, statements = _ingest(nlp, text)
    turns = [s for s in statements if s["cue"] == ":"]
    assert [s["speaker_text"] for s in turns] == ["RADIO KABUL", "SADAT", "RADIO KABUL"]
    sadat = turns[1]
    assert entities[sadat["speaker"]]["name"] == "Karim Sadat"
    assert not any(s["anonymous"] for s in turns)


def test_interview_answers_are_not_anonymous(nlp):
    text = (
        "Q: Did you meet the envoy in Dushanbe?\n\nA: I met him twice, and we discussed the border."
    )
    _doc, entities, statements = _ingest(nlp, text)
    turns = [s for s in statements if s["cue"] == ":"]
    assert [s["speaker_text"] for s in turns] == ["Q", "A"]
    assert not any(s["anonymous"] for s in turns), _describe(statements, entities)

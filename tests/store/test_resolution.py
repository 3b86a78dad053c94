"""Cross-report entity resolution in the store, and known actors.

Small reports with hand-made entities are stored one by one
(:meth:`Database.store_report`); the store judges each new entity against its
candidates (:mod:`dossier.store.resolution`), an analyst may judge a pair
(:func:`judge`), a user's actor list adds entities and aliases
(:func:`store_actors`, :func:`read_actors`), and the export writes one entity
record per actor. Every name and sentence here is invented for these tests.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from dossier.errors import Errors, InputError
from dossier.export.jsonl import write_export
from dossier.ingest.text import content_hash
from dossier.model.entity import EntityType, Mention, ReportEntity, entity_id
from dossier.model.ids import content_id
from dossier.resolve.actors import KnownActor, read_actors
from dossier.store import resolution, schema
from dossier.store.actors import known_actor, store_actors
from dossier.store.database import Database
from dossier.store.resolution import canonical_ids, decisions, judge

PERSON = EntityType.PERSON


def document(text: str, path: str) -> dict:
    sha = content_hash(text)
    return {
        "id": content_id("d", sha),
        "sha256": sha,
        "language": "en",
        "path": path,
        "origin": f"/reports/{path}",
        "text": text,
    }


def mentioned(text: str, kind: EntityType, name: str, *forms: str) -> ReportEntity:
    """An entity with a mention for every occurrence of its forms (the name by default)."""
    mentions: list[Mention] = []
    for form in forms or (name,):
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not any(m.start <= start < m.end for m in mentions):
                mentions.append(Mention(start, end, form))
            start = text.find(form, end)
    assert mentions, f"{name!r} is not in the text"
    return ReportEntity(kind, name, sorted(mentions, key=lambda m: m.start))


def store(
    database: Database, text: str, path: str, *entities: tuple[str, ...], kind=PERSON
) -> dict:
    """Store a report naming these entities (each a name and optional further forms)."""
    doc = document(text, path)
    found = [mentioned(text, kind, name, *forms) for name, *forms in entities]
    database.store_report(doc, found)
    return doc


def pid(name: str) -> str:
    return entity_id(PERSON, name)


def export_records(database: Database, kind: str = "entity") -> list[dict]:
    buffer = io.StringIO()
    write_export(database, buffer)
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [record for record in records if record["kind"] == kind]


def rows_on(database: Database, first: str, second: str) -> list[tuple[str, str]]:
    """(judgement, origin) of the kept judgements on a pair."""
    left, right = sorted((first, second))
    return sorted(
        (d.judgement, d.origin) for d in _decisions(database) if (d.left, d.right) == (left, right)
    )


def _decisions(database: Database):
    with database.engine.connect() as connection:
        return decisions(connection)


def _canonical(database: Database) -> dict[str, str]:
    with database.engine.connect() as connection:
        return canonical_ids(connection)


def group(database: Database, entity: str) -> str:
    return _canonical(database).get(entity, entity)


COMMANDER = "Farid Qasimi, a commander in the hills, met the envoy on Monday. Qasimi left early.\n"
VARIANT = "Fareed Kasimi told reporters on Tuesday that the ceasefire would hold.\n"
THIRD = "Farid Qaasimi was seen in the market on Wednesday.\n"
FARID, FAREED, FARID3 = pid("Farid Qasimi"), pid("Fareed Kasimi"), pid("Farid Qaasimi")


def commander_reports(database: Database) -> tuple[dict, dict]:
    first = store(database, COMMANDER, "commander.txt", ("Farid Qasimi", "Farid Qasimi", "Qasimi"))
    second = store(database, VARIANT, "variant.txt", ("Fareed Kasimi",))
    return first, second


# -- a transliteration variant across reports


def test_a_transliteration_variant_in_a_second_report_is_judged_same(make_db):
    database = make_db()
    commander_reports(database)
    assert rows_on(database, FARID, FAREED) == [("same", "dossier")]
    assert group(database, FARID) == group(database, FAREED) == min(FARID, FAREED)


def test_the_export_writes_one_entity_with_both_reports_mentions_and_the_judgement(make_db):
    database = make_db()
    first, second = commander_reports(database)
    records = export_records(database)
    (record,) = [r for r in records if r["type"] == "person"]
    assert record["id"] == min(FARID, FAREED)
    assert record["documents"] == sorted([first["id"], second["id"]])
    texts = {(m["document"], m["text"]) for m in record["mentions"]}
    assert texts == {
        (first["id"], "Farid Qasimi"),
        (first["id"], "Qasimi"),
        (second["id"], "Fareed Kasimi"),
    }
    assert {"Farid Qasimi", "Fareed Kasimi", "Qasimi"} <= set(record["aliases"])
    judgements = record["judgements"]
    assert {(j["other"], j["judgement"], j["origin"]) for j in judgements} == {
        (FAREED, "same", "dossier"),
        (FARID, "same", "dossier"),
    }
    assert all(j["reason"] for j in judgements)


@pytest.mark.parametrize(
    ("father", "son"),
    [
        ("Nadir Shah Qarlugh", "Nadir Qarlugh"),  # a compound given name
        ("Bahram Tosh Sr", "Bahram Tosh Jr"),  # generations
    ],
)
def test_father_and_son_stay_two_entities(make_db, father: str, son: str):
    database = make_db()
    store(database, f"{father} ruled the valley for decades.\n", "father.txt", (father,))
    store(database, f"His son {son} leads the council now.\n", "son.txt", (son,))
    assert group(database, pid(father)) != group(database, pid(son))
    assert ("same", "dossier") not in rows_on(database, pid(father), pid(son))
    records = [r for r in export_records(database) if r["type"] == "person"]
    assert sorted(r["name"] for r in records) == sorted([father, son])


def test_an_analysts_different_splits_a_dossier_same(make_db):
    database = make_db()
    commander_reports(database)
    with database.transaction() as connection:
        judge(connection, FAREED, FARID, "different", reason="two commanders")
    assert rows_on(database, FARID, FAREED) == [("different", "analyst")]
    assert _canonical(database) == {}
    records = [r for r in export_records(database) if r["type"] == "person"]
    assert sorted(r["id"] for r in records) == sorted([FARID, FAREED])
    for record in records:
        (kept,) = record["judgements"]
        assert (kept["judgement"], kept["origin"], kept["reason"]) == (
            "different",
            "analyst",
            "two commanders",
        )


def test_an_analysts_same_joins_what_dossier_left_apart(make_db):
    database = make_db()
    store(database, COMMANDER, "commander.txt", ("Farid Qasimi",))
    store(database, "Ustad Bahlul gave the order, a witness said.\n", "nom.txt", ("Ustad Bahlul",))
    other = pid("Ustad Bahlul")
    assert group(database, FARID) != group(database, other)
    with database.transaction() as connection:
        judge(connection, FARID, other, "same")
    assert group(database, FARID) == group(database, other) == min(FARID, other)
    assert len([r for r in export_records(database) if r["type"] == "person"]) == 1


def test_judgements_survive_storing_the_same_report_again(make_db):
    database = make_db()
    _, second = commander_reports(database)
    with database.transaction() as connection:
        judge(connection, FARID, FAREED, "different")
    before = sorted(_decisions(database), key=lambda d: (d.left, d.right))
    counts = database.counts()
    again = database.store_report(second, [mentioned(VARIANT, PERSON, "Fareed Kasimi")])
    assert not again.added
    store(database, COMMANDER, "commander-copy.txt", ("Farid Qasimi",))  # same text
    assert sorted(_decisions(database), key=lambda d: (d.left, d.right)) == before
    assert database.counts() == counts


def test_an_analysts_different_holds_when_a_third_spelling_joins_both(make_db):
    database = make_db()
    commander_reports(database)
    with database.transaction() as connection:
        judge(connection, FARID, FAREED, "different")
    store(database, THIRD, "third.txt", ("Farid Qaasimi",))
    # dossier judges the third spelling the same as either; that would chain the two
    assert rows_on(database, FARID3, FARID) == [("same", "dossier")]
    assert rows_on(database, FARID3, FAREED) == [("same", "dossier")]
    assert rows_on(database, FARID, FAREED) == [("different", "analyst")]
    assert group(database, FARID) != group(database, FAREED)
    assert group(database, FARID3) in {group(database, FARID), group(database, FAREED)}


def test_a_pair_an_analyst_judged_is_never_rejudged(make_db):
    database = make_db()
    commander_reports(database)
    with database.transaction() as connection:
        judge(connection, FARID, FAREED, "different")
    # a new alias re-indexes the entity and judges it against its candidates again
    counts = store_actors(
        database, [KnownActor("Farid Qasimi", PERSON, ["Farid Qasemi"])], "list.csv"
    )
    assert counts["aliases"] == 1 and counts["judgements"] == 0
    assert rows_on(database, FARID, FAREED) == [("different", "analyst")]


def test_a_later_analyst_judgement_replaces_the_earlier(make_db):
    database = make_db()
    commander_reports(database)
    with database.transaction() as connection:
        judge(connection, FARID, FAREED, "different")
        judge(connection, FAREED, FARID, "same", reason="checked")
    assert rows_on(database, FARID, FAREED) == [("same", "analyst")]
    assert group(database, FARID) == group(database, FAREED)


def test_two_spellings_new_in_one_report_are_judged_as_in_two_reports(make_db):
    database = make_db()
    text = "Farid Qasimi met the envoy on Monday; Fareed Kasimi left on Tuesday.\n"
    store(database, text, "both.txt", ("Farid Qasimi",), ("Fareed Kasimi",))
    assert rows_on(database, FARID, FAREED) == [("same", "dossier")]


# -- known actors

NOM = "Sadeq Tarzai, as fighters call him, crossed the river at night.\n"
LISTED = KnownActor("Harun Beshkar", PERSON, ["Sadiq Tarzay"], "af", ["Hill Council"])


@pytest.mark.parametrize("list_first", [True, False], ids=["list first", "report first"])
def test_a_listed_alias_joins_a_reports_variant(make_db, list_first: bool):
    database = make_db()
    if list_first:
        counts = store_actors(database, [LISTED], "actors.yaml")
        store(database, NOM, "nom.txt", ("Sadeq Tarzai",))
    else:
        store(database, NOM, "nom.txt", ("Sadeq Tarzai",))
        counts = store_actors(database, [LISTED], "actors.yaml")
    assert counts["actors"] == 1 and counts["new"] == 1 and counts["aliases"] == 2
    assert counts["judgements"] == (0 if list_first else 1)
    listed, reported = pid("Harun Beshkar"), pid("Sadeq Tarzai")
    assert rows_on(database, listed, reported) == [("same", "dossier")]
    assert group(database, listed) == group(database, reported)
    (record,) = [r for r in export_records(database) if r["type"] == "person"]
    assert record["name"] == "Harun Beshkar"  # the listed member names the actor
    assert record["country"] == "af"
    assert {"Harun Beshkar", "Sadiq Tarzay", "Sadeq Tarzai"} <= set(record["aliases"])
    assert known_actor(database, listed) == LISTED.to_dict()


def test_a_listed_actor_without_the_alias_does_not_join_the_variant(make_db):
    database = make_db()
    store_actors(database, [KnownActor("Harun Beshkar", PERSON)], "actors.yaml")
    store(database, NOM, "nom.txt", ("Sadeq Tarzai",))
    assert group(database, pid("Harun Beshkar")) != group(database, pid("Sadeq Tarzai"))


def test_a_listed_actor_named_as_a_report_names_it_is_that_entity(make_db):
    database = make_db()
    store(database, COMMANDER, "commander.txt", ("Farid Qasimi",))
    entities = database.counts()["entities"]
    counts = store_actors(
        database, [KnownActor("Farid Qasimi", PERSON, ["Commander Farid"], "af")], "a.csv"
    )
    assert counts["new"] == 0 and counts["aliases"] == 1
    assert database.counts()["entities"] == entities
    with database.engine.connect() as connection:
        aliases = set(
            connection.execute(
                select(schema.aliases.c.alias).where(schema.aliases.c.entity_id == FARID)
            ).scalars()
        )
        country = connection.execute(
            select(schema.entities.c.country).where(schema.entities.c.id == FARID)
        ).scalar()
    assert {"Farid Qasimi", "Commander Farid"} <= aliases
    assert country == "af"


def test_loading_the_same_list_again_changes_nothing(make_db):
    database = make_db()
    store(database, NOM, "nom.txt", ("Sadeq Tarzai",))
    store_actors(database, [LISTED], "actors.yaml")
    counts, judged = database.counts(), _decisions(database)
    again = store_actors(database, [LISTED], "actors.yaml")
    assert again == {"actors": 1, "new": 0, "aliases": 0, "judgements": 0}
    assert database.counts() == counts
    assert _decisions(database) == judged


# -- read_actors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_actors_reads_a_csv_list(tmp_path: Path):
    path = write(
        tmp_path,
        "actors.csv",
        "name,type,aliases,country,affiliations\n"
        "Harun Beshkar,person,Sadiq Tarzay; H. Beshkar | Beshkar,af,Hill Council\n"
        "Hill Council,organization,,Kenya,\n",
    )
    harun, council = read_actors(path)
    assert harun == KnownActor(
        "Harun Beshkar", PERSON, ["Sadiq Tarzay", "H. Beshkar", "Beshkar"], "af", ["Hill Council"]
    )
    assert council == KnownActor("Hill Council", EntityType.ORGANIZATION, [], "ke", [])


def test_read_actors_reads_a_yaml_list_under_actors(tmp_path: Path):
    path = write(
        tmp_path,
        "actors.yml",
        "actors:\n"
        "  - name: Harun Beshkar\n"
        "    type: Person\n"
        "    aliases: [Sadiq Tarzay]\n"
        "    affiliations: Hill Council | Lowland Front\n",
    )
    (harun,) = read_actors(path)
    assert harun == KnownActor(
        "Harun Beshkar", PERSON, ["Sadiq Tarzay"], None, ["Hill Council", "Lowland Front"]
    )


BAD_LISTS = [
    pytest.param("actors.csv", "name,aliases\nHarun Beshkar,\n", ":1", "no type", id="csv header"),
    pytest.param(
        "actors.csv",
        "name,type\nHarun Beshkar,person\nHill Council,planet\n",
        ":3",
        "'planet'",
        id="csv type row 3",
    ),
    pytest.param(
        "actors.csv", "name,type\n,person\n", ":2", "needs a name", id="csv no name row 2"
    ),
    pytest.param(
        "actors.csv",
        "name,type,rank\nHarun Beshkar,person,general\n",
        ":2",
        "rank",
        id="csv unknown field",
    ),
    pytest.param(
        "actors.csv",
        "name,type,country\nHarun Beshkar,person,Atlantis\n",
        ":2",
        "'Atlantis'",
        id="csv country",
    ),
    pytest.param(
        "actors.yaml",
        "- name: Harun Beshkar\n  type: person\n- just a name\n",
        ": entry 2",
        "mapping",
        id="yaml entry not a mapping",
    ),
    pytest.param(
        "actors.yaml",
        "- name: Harun Beshkar\n  type: person\n  aliases: [1, 2]\n",
        ": entry 1",
        "aliases",
        id="yaml aliases not names",
    ),
    pytest.param(
        "actors.yaml",
        "- name: Harun Beshkar\n  type: person\n- name: Hill Council\n",
        ": entry 2",
        "type ''",
        id="yaml no type",
    ),
    pytest.param("actors.yaml", "name: Harun Beshkar\n", "", "list", id="yaml not a list"),
    pytest.param("actors.yaml", "- [unclosed\n", "", "not YAML", id="yaml syntax"),
    pytest.param("actors.txt", "name,type\n", "", "'.txt'", id="suffix"),
]


@pytest.mark.parametrize(("name", "text", "where", "detail"), BAD_LISTS)
def test_read_actors_names_the_file_and_row_of_a_problem(
    tmp_path: Path, name: str, text: str, where: str, detail: str
):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        read_actors(path)
    error = caught.value
    assert error.code is Errors.E013
    assert error.where == f"{path}{where}"
    message = str(error)
    assert message.startswith(f"{path}{where}: [E013] not an actor list: ")
    assert detail in message


def test_read_actors_names_a_missing_file(tmp_path: Path):
    path = tmp_path / "missing.csv"
    with pytest.raises(InputError) as caught:
        read_actors(path)
    assert caught.value.code is Errors.E013
    assert str(caught.value) == f"{path}: [E013] not an actor list: no such file"


def test_read_actors_names_the_line_of_a_bad_row_after_blank_lines(tmp_path: Path):
    path = write(
        tmp_path, "actors.csv", "name,type\n\nHarun Beshkar,person\n\nHill Council,planet\n"
    )
    with pytest.raises(InputError) as caught:
        read_actors(path)
    assert caught.value.where == f"{path}:5"


def test_read_actors_reads_a_two_letter_country_name_through_the_lexicon(tmp_path: Path):
    path = write(tmp_path, "actors.csv", "name,type,country\nHarun Beshkar,person,UK\n")
    (harun,) = read_actors(path)
    assert harun.country == "gb"


def test_read_actors_refuses_two_letters_that_are_no_country(tmp_path: Path):
    path = write(tmp_path, "actors.csv", "name,type,country\nHarun Beshkar,person,ZZ\n")
    with pytest.raises(InputError):
        read_actors(path)


# -- the cost of resolving a report does not grow with the base

CONSONANTS = "bdfgklmnprstvz"


def surnames(count: int) -> list[str]:
    """Distinct invented surnames: consonant skeletons all different (blocking keys)."""
    names = []
    for first in CONSONANTS:
        for second in CONSONANTS:
            for third in CONSONANTS:
                names.append(f"{first.upper()}a{second}i{third}")
                if len(names) == count:
                    return names
    raise AssertionError("not enough surnames")


def counting_compare(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    real = resolution.compare

    def compare(left, right):
        calls.append((left.id, right.id))
        return real(left, right)

    monkeypatch.setattr(resolution, "compare", compare)
    return calls


def comparisons_for_a_new_report(
    make_db: Callable[..., Database], monkeypatch: pytest.MonkeyPatch, size: int, name: str
) -> tuple[list[tuple[str, str]], Database]:
    """Store ``size`` reports, each naming one "Jalal <surname>"; then count the comparisons
    made for a report naming a variant of the first ("Jalaal Baabib" ~ "Jalal Babib")."""
    database = make_db(name)
    calls = counting_compare(monkeypatch)
    for number, surname in enumerate(surnames(size)):
        text = f"Jalal {surname} spoke to reporters in the valley on day {number}.\n"
        store(database, text, f"r{number}.txt", (f"Jalal {surname}",))
    first = f"Jalal {surnames(1)[0]}"
    variant = "Jalaal " + surnames(1)[0].replace("a", "aa", 1)
    calls.clear()
    store(database, f"{variant} was not seen again.\n", "last.txt", (variant,))
    assert rows_on(database, pid(first), pid(variant)) == [("same", "dossier")]
    return list(calls), database


def test_comparisons_per_new_entity_do_not_grow_with_the_base(make_db, monkeypatch):
    small, _ = comparisons_for_a_new_report(make_db, monkeypatch, 60, "small.db")
    large, _ = comparisons_for_a_new_report(make_db, monkeypatch, 400, "large.db")
    # every stored "Jalal" shares a key with the new entity: the candidates are capped
    assert len(small) == len(large) == resolution.MAX_CANDIDATES
    assert {left for left, _ in large} == {pid("Jalaal Baabib")}


def test_a_key_held_by_too_many_entities_gives_no_candidates(make_db, monkeypatch):
    monkeypatch.setattr(resolution, "MAX_BLOCK", 5)
    calls, _ = comparisons_for_a_new_report(make_db, monkeypatch, 8, "kb.db")
    # "Jalal" (t:jll) is held by 8 > 5 entities: only the surname's key finds a candidate
    assert calls == [(pid("Jalaal Baabib"), pid("Jalal Babib"))]

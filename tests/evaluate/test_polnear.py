"""PolNeAR evaluation: the reader loader, the split iterator, the report and ``dossier eval``.

Nothing is taken from the corpus: the brat files are written here, with made-up
sentences. Tests that need the corpus reader (``read_polnear.py``, shipped with
the corpus in the ``shared`` folder beside the repository) link to it and are
skipped when it is absent.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.evaluate import eval_app
from dossier.errors import Errors, InputError
from dossier.evaluate import polnear
from dossier.evaluate.spans import SpanScores

POLNEAR = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear"
WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}
SUMMARY = re.compile(
    r"^polnear (\w+): source F1=(\d\.\d\d) cue F1=(\d\.\d\d) content F1=(\d\.\d\d) \(overlap\); "
    r"source F1=(\d\.\d\d) \(exact\)$"
)

# Made up for these tests.
BRIDGE = (
    "The mayor said the bridge would reopen on Friday. "
    '"It is safe," an engineer told reporters, "and it is cheap." '
    "The plan was criticised.\n"
)
STORM = "A storm hit the coast, forecasters said.\n"


def at(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def textbound(tid: str, label: str, text: str, *parts: str) -> str:
    spans = [at(text, part) for part in parts]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}\n"


BRIDGE_ANN = "".join(
    [
        textbound("T1", "Source", BRIDGE, "The mayor"),
        textbound("T2", "Cue", BRIDGE, "said"),
        textbound("T3", "Content", BRIDGE, "the bridge would reopen on Friday"),
        textbound("T4", "Attribution", BRIDGE, "said"),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        textbound("T5", "Content", BRIDGE, '"It is safe,"', '"and it is cheap."'),
        textbound("T6", "Source", BRIDGE, "an engineer"),
        textbound("T7", "Cue", BRIDGE, "told"),
        textbound("T8", "Attribution", BRIDGE, "told"),
        "E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7\n",
        textbound("T9", "Cue", BRIDGE, "was criticised"),
        textbound("T10", "Content", BRIDGE, "The plan"),
        textbound("T11", "Attribution-no-source", BRIDGE, "was criticised"),
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9\n",
        textbound("T12", "Discard", BRIDGE, "Friday"),
    ]
)
STORM_ANN = "".join(
    [
        textbound("T1", "Source", STORM, "forecasters"),
        textbound("T2", "Cue", STORM, "said"),
        textbound("T3", "Content", STORM, "A storm hit the coast"),
        textbound("T4", "Attribution", STORM, "said"),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
    ]
)


def write_split(folder: Path) -> None:
    """Two annotated articles (one with two annotators) and a text without annotation."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    files = {
        "text/2016-01-01_bridge.txt": BRIDGE,
        "text/2016-01-02_storm.txt": STORM,
        "text/2016-01-03_unannotated.txt": "Nothing here.\n",
        "attributions/2016-01-01_bridge_0a1b.ann": BRIDGE_ANN,
        "attributions/2016-01-02_storm_0c2d.ann": STORM_ANN,
        "attributions/2016-01-02_storm_ff00.ann": "",
    }
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8", newline="\n")


@pytest.fixture(scope="module")
def reader_path() -> Path:
    path = (POLNEAR / polnear.READER).resolve()
    if not path.is_file():
        pytest.skip(f"{path} (the PolNeAR reader) is not available")
    return path


@pytest.fixture
def corpus(tmp_path: Path, reader_path: Path) -> Path:
    """A tiny PolNeAR-like folder: the real reader (a link) and a train split."""
    folder = tmp_path / "polnear"
    folder.mkdir()
    (folder / polnear.READER).symlink_to(reader_path)
    write_split(folder / "train")
    return folder


def oracle_with_mistakes(texts):
    """Gold for the storm; for the bridge, E1 right, E2 half its content, E3 missed,
    and a made-up attribution with cue "reopen"."""
    for text in texts:
        if text == STORM:
            yield [
                {
                    "source": [at(STORM, "forecasters")],
                    "cue": [at(STORM, "said")],
                    "content": [at(STORM, "A storm hit the coast")],
                }
            ]
            continue
        yield [
            {
                "source": [at(text, "The mayor")],
                "cue": [at(text, "said")],
                "content": [at(text, "the bridge would reopen on Friday.")],
            },
            {
                "source": [at(text, "an engineer")],
                "cue": [at(text, "told")],
                "content": [at(text, "It is safe")],
            },
            {"cue": [at(text, "reopen")], "content": [at(text, "the bridge would")]},
        ]


# -- load_reader and iter_split ----------------------------------------------------------


def test_load_reader_imports_the_corpus_reader(reader_path: Path):
    module = polnear.load_reader(reader_path.parent)
    assert callable(module.iter_articles)
    assert module.__name__ not in sys.modules


def test_load_reader_errors(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        polnear.load_reader(tmp_path / "nowhere")
    assert caught.value.code is Errors.E001 and "nowhere" in str(caught.value)

    with pytest.raises(InputError) as caught:
        polnear.load_reader(tmp_path)
    assert caught.value.code is Errors.E301
    assert str(tmp_path) in str(caught.value) and "read_polnear.py is missing" in str(caught.value)

    (tmp_path / "read_polnear.py").write_text("def broken(:\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        polnear.load_reader(tmp_path)
    assert caught.value.code is Errors.E303 and "SyntaxError" in str(caught.value)

    (tmp_path / "read_polnear.py").write_text("ROLES = ()\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        polnear.load_reader(tmp_path)
    assert caught.value.code is Errors.E303 and "iter_articles" in str(caught.value)


def test_iter_split_reads_the_brat_files(corpus: Path):
    articles = list(polnear.iter_split(corpus, "train"))
    assert [a.article_id for a in articles] == ["2016-01-01_bridge", "2016-01-02_storm"]
    bridge, storm = articles
    assert bridge.text == BRIDGE and bridge.annotator == "0a1b"
    assert storm.annotator == "0c2d"  # the alphabetically first annotator
    first, second, third = bridge.attributions
    assert first == {
        "source": [at(BRIDGE, "The mayor")],
        "cue": [at(BRIDGE, "said")],
        "content": [at(BRIDGE, "the bridge would reopen on Friday")],
    }
    assert second["content"] == [at(BRIDGE, '"It is safe,"'), at(BRIDGE, '"and it is cheap."')]
    assert third["source"] == [] and third["cue"] == [at(BRIDGE, "was criticised")]
    assert len(list(polnear.iter_split(corpus, "train", limit=1))) == 1


def test_iter_split_checks_the_split_at_once(corpus: Path):
    with pytest.raises(InputError) as caught:
        polnear.iter_split(corpus, "dev")
    assert caught.value.code is Errors.E302
    assert "'dev'" in str(caught.value) and "found: train" in str(caught.value)


def test_a_reader_from_elsewhere(tmp_path: Path, reader_path: Path):
    write_split(tmp_path / "copy" / "train")
    reader = polnear.load_reader(reader_path.parent)
    articles = list(polnear.iter_split(tmp_path / "copy", "train", reader=reader))
    assert len(articles) == 2


# -- evaluate and the report ----------------------------------------------------------------


def test_evaluate_scores_and_lists_misses(corpus: Path):
    seen = []
    report = polnear.evaluate(
        corpus, "train", oracle_with_mistakes, lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 2), (2, 2)]
    assert (report.articles, report.gold, report.predicted, report.paired) == (2, 4, 4, 3)
    roles = report.scores.roles
    assert (roles["source"].exact.tp, roles["source"].exact.predicted) == (3, 3)
    assert roles["source"].exact.gold == 3
    assert (roles["cue"].overlap.tp, roles["cue"].overlap.predicted, roles["cue"].overlap.gold) == (
        3,
        4,
        4,
    )
    assert (roles["content"].exact.tp, roles["content"].overlap.tp) == (2, 3)
    assert report.missed_cues == [("was criticised", 1)]
    assert report.spurious_cues == [("reopen", 1)]
    assert (report.missed, report.spurious) == (1, 1)

    lines = polnear.format_report(report)
    assert lines[-1] == (
        "polnear train: source F1=1.00 cue F1=0.75 content F1=0.75 (overlap); "
        "source F1=1.00 (exact)"
    )
    assert SUMMARY.match(lines[-1])
    assert not any("spurious predicted cues" in line for line in lines)
    with_misses = polnear.format_report(report, misses=True)
    assert any("was criticised" in line and "reopen" in line for line in with_misses)
    assert with_misses[-1] == lines[-1]


def test_evaluate_complains_when_the_predictor_falls_short(corpus: Path):
    def too_few(texts):
        yield []

    with pytest.raises(ValueError, match="1 results for 2 texts"):
        polnear.evaluate(corpus, "train", too_few)


def test_summary_line_of_an_empty_report():
    report = polnear.PolnearReport(split="test", scores=SpanScores())
    lines = polnear.format_report(report, misses=True)
    assert lines[-1] == (
        "polnear test: source F1=0.00 cue F1=0.00 content F1=0.00 (overlap); source F1=0.00 (exact)"
    )
    assert SUMMARY.match(lines[-1])


def test_cue_text():
    text = "They have  Said so, and also claimed it."
    assert polnear.cue_text(text, {"cue": [at(text, "have  Said")]}) == "have said"
    assert polnear.cue_text(text, {"cue": [at(text, "claimed"), at(text, "have")]}) == (
        "have claimed"
    )
    assert polnear.cue_text(text, {"cue": []}) == "(no cue)"


def test_dossier_predictor_maps_found_attributions(monkeypatch: pytest.MonkeyPatch):
    class Found:
        def __init__(self, source, cue, content):
            self.source, self.cue, self.content = source, cue, content

    module = types.ModuleType("dossier.extract.attribution")
    module.find_attributions = lambda doc: [Found([(0, 3)], [(4, 8)], [(9, len(doc))])]
    monkeypatch.setitem(sys.modules, "dossier.extract.attribution", module)

    class FakeNlp:
        def __init__(self) -> None:
            self.calls: list[tuple[int, int]] = []

        def pipe(self, texts, n_process=1, batch_size=1000):
            self.calls.append((n_process, batch_size))
            yield from texts

    nlp = FakeNlp()
    predict = polnear.dossier_predictor(nlp, n_process=2, batch_size=4)
    results = list(predict(iter(["Ann said hello", "Bob said goodbye"])))
    assert nlp.calls == [(2, 4)]
    assert results[0] == [{"source": [(0, 3)], "cue": [(4, 8)], "content": [(9, 14)]}]
    assert results[1][0]["content"] == [(9, 16)]


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list:
    """No model: ``load_pipeline`` and ``dossier_predictor`` are replaced."""
    import dossier.nlp

    calls: list = []

    def load_pipeline(model=None):
        calls.append(("load", model))
        return "nlp"

    def dossier_predictor(nlp, n_process=1, batch_size=16):
        calls.append(("predictor", nlp, n_process))
        return oracle_with_mistakes

    monkeypatch.setattr(dossier.nlp, "load_pipeline", load_pipeline)
    monkeypatch.setattr(polnear, "dossier_predictor", dossier_predictor)
    return calls


def test_command_prints_the_report(corpus: Path, fake_pipeline: list):
    result = CliRunner().invoke(
        eval_app,
        ["polnear", str(corpus), "--split", "train", "--model", "m", "-j", "2", "--misses"],
        env=WIDE,
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[-1].startswith("polnear train: source F1=1.00 cue F1=0.75")
    assert "spurious predicted cues" in result.stdout
    assert fake_pipeline == [("load", "m"), ("predictor", "nlp", 2)]


def test_command_limit(corpus: Path, fake_pipeline: list):
    result = CliRunner().invoke(
        eval_app, ["polnear", str(corpus), "--split", "train", "--limit", "1"], env=WIDE
    )
    assert result.exit_code == 0, result.output
    assert "PolNeAR train: 1 articles, 3 gold attributions" in result.stdout
    assert "spurious predicted cues" not in result.stdout


def test_command_errors_name_the_path(tmp_path: Path, fake_pipeline: list):
    runner = CliRunner()
    missing = tmp_path / "nowhere"
    result = runner.invoke(eval_app, ["polnear", str(missing)], env=WIDE)
    assert result.exit_code == 2
    assert str(missing) in result.stderr and "E001" in result.stderr

    result = runner.invoke(eval_app, ["polnear", str(tmp_path)], env=WIDE)
    assert result.exit_code == 2
    assert "E301" in result.stderr and "read_polnear.py is missing" in result.stderr

    # A made-up reader is enough to get to the split check.
    (tmp_path / "read_polnear.py").write_text(
        "def iter_articles(split_dir):\n    return iter(())\n", encoding="utf-8"
    )
    result = runner.invoke(eval_app, ["polnear", str(tmp_path)], env=WIDE)
    assert result.exit_code == 2
    assert "E302" in result.stderr and "'test'" in result.stderr and str(tmp_path) in result.stderr

    result = runner.invoke(eval_app, ["polnear", str(tmp_path), "--split", "final"], env=WIDE)
    assert result.exit_code == 2
    assert "final" in result.output
    assert fake_pipeline == []  # the pipeline is not loaded when the input is wrong


def test_command_help():
    result = CliRunner().invoke(eval_app, ["polnear", "--help"], env=WIDE)
    assert result.exit_code == 0
    for option in ("--split", "--model", "--processes", "--limit", "--misses"):
        assert option in result.output

"""Throughput and memory benchmark: dossier's ingest against bare spaCy on the BBC corpus.

Run from the repository root::

    .venv/bin/python benchmarks/ingest_bbc.py                 # all 2,225 reports, 2 processes
    .venv/bin/python benchmarks/ingest_bbc.py --limit 300 --sizes 100,300

Two measurements in one run, both on the same ``N`` worker processes:

1. **Throughput.** "bare" is ``spacy.load(MODEL)`` and
   ``nlp.pipe(texts, n_process=N, batch_size=32)`` over the texts streamed
   from the JSON lines. "dossier" is the full
   ``dossier.workflow.ingest([jsonl], open_database(fresh.sqlite), processes=N)``:
   reading, parsing with dossier's component, entity resolution and storage.
   dossier skips a report whose text is already stored or already seen in the
   run (by ``content_hash``: 2,089 distinct texts among the 2,225 records), so
   bare spaCy skips the same texts and both parse exactly the same documents.
   Model loading, the gazetteer/country/lexicon caches and a 20-report warm-up
   of each pipeline happen before the clock starts; load times are reported
   separately. The runs are interleaved
   ``bare, dossier, bare[, dossier, bare ...]`` (``--rounds``), so a drift in
   machine speed hits both sides alike; the ratio is mean(dossier) /
   mean(bare), with min(dossier) / min(bare) printed beside it.

2. **Memory.** dossier's ingest runs on growing prefixes of the corpus
   (``--sizes``), each in a fresh subprocess of this script, so each has its
   own peak. For each size it prints the peak of the process tree (the main
   process plus spaCy's workers, sampled from ``/proc`` every 50 ms, as RSS
   and as PSS, which counts pages shared after ``fork`` once), the exact peak
   of the main process (``VmHWM``) and of the largest worker
   (``RUSAGE_CHILDREN``'s ``ru_maxrss``). ``--memory-baseline`` measures bare
   spaCy the same way, to tell dossier's growth from spaCy's own. Memory that is
   flat in corpus size gives growth ratios (largest size / smallest) near 1.

The figures are printed as ratios and rates, never asserted. The last line is
machine-readable ``key=value`` pairs, e.g.
``bbc: reports=2225 processes=2 parsed=2089 ... ratio=1.225 ... peak_rss_mb=1354 rss_growth=1.385``.

The corpus (``/work/shared/corpora/bbc``, or ``--corpus`` / ``DOSSIER_BBC``)
is third-party and research-use only: it is read in place, and a prefix is
written only to a temporary folder that is deleted at the end.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language

from common import add_corpus_option, load_average
from dossier.ingest.text import content_hash, unify_newlines
from dossier.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from dossier.store.database import open_database
from dossier.workflow import ingest

DEFAULT_SIZES = "250,500,1000,2225"
BATCH_SIZE = 32  # dossier.workflow.BATCH_SIZE
WARM_UP = 20
SAMPLE_SECONDS = 0.05
MB = 1024 * 1024


# -- the corpus


def count_lines(path: Path) -> int:
    """Non-blank lines of a JSON-lines file."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def iter_texts(path: Path, limit: int) -> Iterator[str]:
    """The ``text`` of the first ``limit`` lines, read one line at a time."""
    with path.open("rb") as handle:
        for line in islice((line for line in handle if line.strip()), limit):
            yield unify_newlines(json.loads(line)["text"])


def unique_texts(texts: Iterator[str]) -> Iterator[str]:
    """The texts dossier would parse: each distinct text (by ``content_hash``) once."""
    seen: set[str] = set()
    for text in texts:
        sha = content_hash(text)
        if sha not in seen:
            seen.add(sha)
            yield text


def prefix_file(corpus: Path, limit: int, total: int, folder: Path) -> Path:
    """The corpus itself, or a temporary file holding its first ``limit`` lines."""
    if limit >= total:
        return corpus
    target = folder / f"prefix-{limit}.jsonl"
    if not target.exists():
        with corpus.open("rb") as source, target.open("wb") as sink:
            sink.writelines(islice((line for line in source if line.strip()), limit))
    return target


def warm_caches() -> float:
    """Build or open dossier's shared lookups (gazetteer, countries, lexicon); seconds taken."""
    from dossier.extract.lexicon import lexicon
    from dossier.resolve.countries import countries
    from dossier.resolve.gazetteer import gazetteer

    start = time.perf_counter()
    gazetteer().known("London")  # opens (or first builds) the SQLite file in the cache
    countries()
    lexicon()
    return time.perf_counter() - start


# -- the two contenders


@dataclass(slots=True)
class Run:
    """One timed run."""

    kind: str  # "bare" or "dossier"
    seconds: float
    docs: int  # documents parsed
    tokens: int = 0  # bare only


def run_bare(nlp: Language, corpus: Path, limit: int, processes: int) -> Run:
    """Bare spaCy over the texts dossier would parse."""
    gc.collect()
    docs = tokens = 0
    start = time.perf_counter()
    for doc in nlp.pipe(
        unique_texts(iter_texts(corpus, limit)), n_process=processes, batch_size=BATCH_SIZE
    ):
        docs += 1
        tokens += len(doc)
    return Run("bare", time.perf_counter() - start, docs, tokens)


def run_dossier(nlp: Language, source: Path, processes: int, database_path: Path) -> Run:
    """dossier's full ingest into a fresh database (opening it included)."""
    database_path.unlink(missing_ok=True)
    gc.collect()
    start = time.perf_counter()
    database = open_database(str(database_path))
    try:
        summary = ingest([str(source)], database, processes=processes, nlp=nlp)
    finally:
        database.close()
    seconds = time.perf_counter() - start
    if summary.problems:
        raise SystemExit(f"ingest reported problems: {summary.problems[:3]}")
    return Run("dossier", seconds, len(summary.added))


def timed_load(load: Callable[[str], Language], model: str) -> tuple[Language, float]:
    """Call ``load(model)`` and time it."""
    start = time.perf_counter()
    nlp = load(model)
    return nlp, time.perf_counter() - start


# -- memory


class TreeMemory:
    """Samples the resident memory of this process and all its descendants from /proc."""

    def __init__(self, interval: float = SAMPLE_SECONDS) -> None:
        self.interval = interval
        self.rss_peak = 0
        self.pss_peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        rss = pss = 0
        for pid in self._tree(os.getpid()):
            values = _rollup(pid)
            rss += values.get("Rss", 0)
            pss += values.get("Pss", 0)
        self.rss_peak = max(self.rss_peak, rss)
        self.pss_peak = max(self.pss_peak, pss)
        self.samples += 1

    @staticmethod
    def _tree(root: int) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        tree, todo = [], [root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree


def _rollup(pid: int) -> dict[str, int]:
    """Rss and Pss of one process, in bytes (empty if it has gone)."""
    values: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0]) * 1024
    return values


def max_rss(who: int) -> int:
    """``ru_maxrss`` in bytes (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss * 1024


def own_peak_rss() -> int:
    """This process's peak RSS in bytes since it started its program.

    ``VmHWM`` from ``/proc/self/status``: Linux carries ``ru_maxrss`` across
    ``exec``, so ``RUSAGE_SELF`` in a subprocess would report the parent's peak
    whenever that is larger. Falls back to ``ru_maxrss`` where /proc is missing.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return max_rss(resource.RUSAGE_SELF)


@dataclass(slots=True)
class MemoryResult:
    """What one prefix size's subprocess measured."""

    kind: str  # "dossier", or "bare" for the baseline
    size: int
    added: int
    seconds: float
    tree_rss_peak: int
    tree_pss_peak: int
    main_maxrss: int
    worker_maxrss: int
    samples: int


def measure_memory(args: argparse.Namespace, size: int) -> MemoryResult:
    """The child side of a memory run: ingest (or, for the baseline, only parse with
    bare spaCy) the first ``size`` reports, then report."""
    corpus = Path(args.corpus)
    total = count_lines(corpus)
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as folder:
        if args.memory_kind == "bare":
            nlp = spacy.load(args.model)
            with TreeMemory() as memory:
                run = run_bare(nlp, corpus, size, args.processes)
        else:
            warm_caches()
            nlp = load_pipeline(args.model)
            source = prefix_file(corpus, size, total, Path(folder))
            with TreeMemory() as memory:
                run = run_dossier(nlp, source, args.processes, Path(folder) / "kb.sqlite")
    return MemoryResult(
        kind=args.memory_kind,
        size=min(size, total),
        added=run.docs,
        seconds=run.seconds,
        tree_rss_peak=memory.rss_peak,
        tree_pss_peak=memory.pss_peak,
        main_maxrss=own_peak_rss(),
        worker_maxrss=max_rss(resource.RUSAGE_CHILDREN),
        samples=memory.samples,
    )


def spawn_memory_run(args: argparse.Namespace, kind: str, size: int) -> MemoryResult:
    """Run :func:`measure_memory` in a fresh interpreter and read its JSON answer."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--corpus",
        str(args.corpus),
        "--model",
        args.model,
        "--processes",
        str(args.processes),
        "--memory-kind",
        kind,
        "--memory-child",
        str(size),
    ]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return MemoryResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def memory_growth(results: list[MemoryResult]) -> dict[str, float]:
    """Each peak at the largest size over the same peak at the smallest."""
    if len(results) < 2:
        return {}
    first, last = results[0], results[-1]
    return {
        key: getattr(last, key) / max(1, getattr(first, key))
        for key in ("tree_rss_peak", "tree_pss_peak", "main_maxrss", "worker_maxrss")
    }


# -- reporting


def mb(value: float) -> float:
    return value / MB


def print_runs(runs: list[Run], reports: int) -> None:
    print(f"{'run':<4} {'kind':<8} {'seconds':>8} {'reports/s':>10} {'docs/s':>8}")
    for number, run in enumerate(runs, 1):
        print(
            f"{number:<4} {run.kind:<8} {run.seconds:8.2f} "
            f"{reports / run.seconds:10.1f} {run.docs / run.seconds:8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_option(parser)
    parser.add_argument("--limit", type=int, default=None, help="the first K reports (default all)")
    parser.add_argument(
        "--processes", type=int, default=2, help="n_process for both sides (default 2)"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"default {DEFAULT_MODEL}")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="timed rounds: bare, then ROUNDS x (dossier, bare) (default 1)",
    )
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"prefix sizes for the memory runs, comma-separated, '' to skip ({DEFAULT_SIZES})",
    )
    parser.add_argument("--skip-timing", action="store_true", help="memory runs only")
    parser.add_argument(
        "--memory-baseline",
        action="store_true",
        help="also measure bare spaCy's memory at each size, to tell dossier's growth from "
        "spaCy's own",
    )
    parser.add_argument("--memory-kind", default="dossier", help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_child is not None:
        print(json.dumps(asdict(measure_memory(args, args.memory_child))))
        return 0

    corpus: Path = args.corpus
    total = count_lines(corpus)
    limit = min(args.limit or total, total)
    processes: int = args.processes
    print(f"corpus: {corpus} ({limit} of {total} reports)")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {args.model}"
    )
    print(f"processes: {processes}, batch size {BATCH_SIZE}")
    print(f"load average at start: {load_average()}")

    ratio = ratio_min = ratio_load = None
    parsed = 0
    bare_s = dossier_s = 0.0
    if not args.skip_timing:
        print(f"\ncaches (gazetteer, countries, lexicon): {warm_caches():.2f}s (not timed)")
        spacy.load(args.model)  # first load pays the imports; discarded
        bare_nlp, bare_load = timed_load(spacy.load, args.model)
        dossier_nlp, dossier_load = timed_load(load_pipeline, args.model)
        print(f"model load: bare {bare_load:.2f}s, dossier {dossier_load:.2f}s")

        with tempfile.TemporaryDirectory(prefix="dossier-bench-") as name:
            folder = Path(name)
            source = prefix_file(corpus, limit, total, folder)
            warm = prefix_file(corpus, WARM_UP, total, folder)
            for _ in bare_nlp.pipe(iter_texts(corpus, WARM_UP), batch_size=BATCH_SIZE):
                pass
            run_dossier(dossier_nlp, warm, 1, folder / "warm.sqlite")
            print(f"warm-up: {WARM_UP} reports through each pipeline, one process (not timed)")

            runs = [run_bare(bare_nlp, corpus, limit, processes)]
            for _ in range(max(1, args.rounds)):
                runs.append(run_dossier(dossier_nlp, source, processes, folder / "kb.sqlite"))
                runs.append(run_bare(bare_nlp, corpus, limit, processes))

        print(f"load average after the timed runs: {load_average()}")
        bare = [run for run in runs if run.kind == "bare"]
        dossier = [run for run in runs if run.kind == "dossier"]
        parsed = bare[0].docs
        if any(run.docs != parsed for run in runs):
            print(f"WARNING: documents differ between runs: {[run.docs for run in runs]}")
        bare_s = statistics.fmean(run.seconds for run in bare)
        dossier_s = statistics.fmean(run.seconds for run in dossier)
        ratio = dossier_s / bare_s
        ratio_min = min(r.seconds for r in dossier) / min(r.seconds for r in bare)
        ratio_load = (dossier_s + dossier_load) / (bare_s + bare_load)

        print(f"\nthroughput ({limit} reports read, {parsed} distinct texts parsed)")
        print_runs(runs, limit)
        print(
            f"bare    mean {bare_s:7.2f}s  {limit / bare_s:6.1f} reports/s  "
            f"{bare[0].tokens / bare_s:8.0f} tokens/s"
        )
        print(f"dossier mean {dossier_s:7.2f}s  {limit / dossier_s:6.1f} reports/s")
        print(
            f"ratio dossier/bare: {ratio:.3f} (means), {ratio_min:.3f} (minima), "
            f"{ratio_load:.3f} (means, model load included); target <= 1.3"
        )

    sizes = sorted({min(int(size), limit) for size in args.sizes.split(",") if size.strip()})
    kinds = ["dossier", "bare"] if args.memory_baseline else ["dossier"]
    memory: dict[str, list[MemoryResult]] = {kind: [] for kind in kinds}
    if sizes:
        print(f"\nmemory: {' and '.join(kinds)}, one fresh process per run, peaks in MB")
        print(
            f"{'kind':<8} {'size':>6} {'parsed':>6} {'seconds':>8} {'tree RSS':>9} "
            f"{'tree PSS':>9} {'main max':>9} {'worker max':>10}"
        )
        for size in sizes:
            for kind in kinds:
                result = spawn_memory_run(args, kind, size)
                memory[kind].append(result)
                print(
                    f"{kind:<8} {result.size:6d} {result.added:6d} {result.seconds:8.2f} "
                    f"{mb(result.tree_rss_peak):9.0f} {mb(result.tree_pss_peak):9.0f} "
                    f"{mb(result.main_maxrss):9.0f} {mb(result.worker_maxrss):10.0f}"
                )
    growth = {kind: memory_growth(results) for kind, results in memory.items()}
    for kind, values in growth.items():
        if values:
            print(
                f"growth {kind} {sizes[-1]}/{sizes[0]} reports: "
                + ", ".join(f"{key} x{value:.3f}" for key, value in values.items())
            )

    fields = [f"reports={limit}", f"processes={processes}"]
    if ratio is not None and ratio_min is not None and ratio_load is not None:
        fields += [
            f"parsed={parsed}",
            f"bare_s={bare_s:.2f}",
            f"dossier_s={dossier_s:.2f}",
            f"bare_rps={limit / bare_s:.1f}",
            f"dossier_rps={limit / dossier_s:.1f}",
            f"ratio={ratio:.3f}",
            f"ratio_min={ratio_min:.3f}",
            f"ratio_with_load={ratio_load:.3f}",
        ]
    if memory["dossier"]:
        fields += [
            f"peak_rss_mb={mb(memory['dossier'][-1].tree_rss_peak):.0f}",
            f"peak_pss_mb={mb(memory['dossier'][-1].tree_pss_peak):.0f}",
        ]
    if growth["dossier"]:
        fields += [
            f"rss_growth={growth['dossier']['tree_rss_peak']:.3f}",
            f"pss_growth={growth['dossier']['tree_pss_peak']:.3f}",
            f"worker_rss_growth={growth['dossier']['worker_maxrss']:.3f}",
        ]
    if growth.get("bare"):
        fields += [
            f"bare_rss_growth={growth['bare']['tree_rss_peak']:.3f}",
            f"bare_worker_rss_growth={growth['bare']['worker_maxrss']:.3f}",
        ]
    print("bbc: " + " ".join(fields))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

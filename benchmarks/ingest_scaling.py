"""Scaling benchmark: does storing a report cost the same in a base of 500 reports as of 2,000?

Run from the repository root::

    .venv/bin/python benchmarks/ingest_scaling.py            # sizes 500,1000,2000 of the BBC corpus
    .venv/bin/python benchmarks/ingest_scaling.py --quick    # sizes 50,100,200: a smoke run

spaCy's parse costs the same per report whatever the size of the base, so
the reports are parsed first, all at once, with dossier's own
:func:`dossier.workflow.parse` (``nlp.pipe``, ``--processes`` workers), and
only then stored one by one into a fresh SQLite base with
:meth:`dossier.store.database.Database.store_report`, as
:func:`dossier.workflow.ingest` does. Each ``store_report`` call is timed on
its own. What is measured is therefore the part of ingest that could grow
with the base: the inserts, the entity upserts and alias lookups, and the
cross-report entity resolution (blocking keys, candidates, judgements).

Three measures, all printed as ratios of one run:

1. **Windows.** The mean (and median, 90th percentile) store cost per report
   of the last ``--window`` reports before each size (401-500, 901-1000,
   1901-2000 by default), and window(size) / window(first size). The corpus
   is sorted by category (business, entertainment, politics, sport, tech), so
   by default the distinct reports are shuffled with a fixed seed first; the
   windows still hold different reports, so their content (entities and
   mentions per report, printed beside) adds some noise.
2. **Probe.** The same held-out reports (the last ``--probe`` distinct texts)
   stored into a copy of the base at each size: the same work against a
   larger base, so content does not differ at all.
3. **Read view and export.** On the base at each size, building the resolved
   read view (``Knowledge(connection)`` and every assessment) and a full
   export (``write_export`` to ``/dev/null``), each divided by the number of
   reports. Both are expected to be about linear in the base, so flat per
   report.

Other work on the machine drifts over a run, so the base is built
``--rounds`` times (3 by default) and each report's fastest store is kept; a
copy of the base is kept at each size, and the probe, read view and export
are then timed in rounds that go through the sizes in turn (fastest kept), so
a drift hits every size alike. Each round's own ratios are printed too.

A breakdown of the store cost per window (entity upsert, aliases, entity
resolution and its parts, the rest) is printed too, by wrapping those
functions with timers in this process only (``--no-breakdown`` leaves them
alone).

Flat means ratios near 1 (say within 1.3). Nothing is asserted. The last lines
are parseable, e.g. ``store cost per report: 1000/500=1.03 2000/500=1.08``.

The corpus (``/work/shared/corpora/bbc``, or ``--corpus`` / ``DOSSIER_BBC``)
is third-party and research-use only: it is read in place; the bases and
their copies live in a temporary folder that is deleted at the end.

A report ``store_report`` refuses (it raises; its transaction is rolled back)
is listed and left out, and the next report takes its place.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import spacy

from common import add_corpus_option, load_average
from dossier.ingest import Problem, iter_reports
from dossier.ingest.text import content_hash
from dossier.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from dossier.store import database as database_module
from dossier.store import resolution as resolution_module
from dossier.store.database import Database, open_database
from dossier.store.knowledge import Knowledge
from dossier.workflow import document_row, parse

DEFAULT_SIZES = "500,1000,2000"
QUICK_SIZES = "50,100,200"
FLAT = 1.3
# What a measure counts: this process's CPU time by default (other work on a
# shared machine then adds little noise; the store runs in this one thread),
# or wall-clock time with --clock wall.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


# -- the reports


def distinct_reports(corpus: Path, limit: int | None) -> list[tuple[str, object]]:
    """(sha, report) of each distinct text among the first ``limit`` records, in corpus order.

    As :func:`dossier.workflow.ingest` does: a text seen before (by
    ``content_hash``) is skipped.
    """
    seen: set[str] = set()
    found = []
    for item in islice(iter_reports([str(corpus)]), limit):
        if isinstance(item, Problem):
            raise SystemExit(f"cannot read the corpus: {item.message}")
        sha = content_hash(item.text)
        if sha not in seen:
            seen.add(sha)
            found.append((sha, item))
    return found


def parse_all(
    model: str, reports: list, processes: int, cache: Path | None
) -> tuple[list[tuple], float | None]:
    """Every report parsed, ready for ``store_report``; and the seconds the parse took.

    With ``cache``, the parse is read from that pickle if it holds the same
    reports (in any order; None seconds), else written to it.
    """
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            cached = pickle.load(handle)
        by_sha = {item[0]: item for item in cached}
        if len(by_sha) == len(reports) and all(sha in by_sha for sha, _ in reports):
            return [by_sha[sha] for sha, _ in reports], None  # in this run's order
        print(f"{cache} holds other reports: parsing again")
    nlp = load_pipeline(model)
    start = time.perf_counter()
    parsed = list(parse(nlp, reports, processes))
    seconds = time.perf_counter() - start
    del nlp
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return parsed, seconds


# -- timing store_report and its parts


@dataclass(slots=True)
class Breakdown:
    """Seconds spent in the wrapped parts of ``store_report``, and counts, for one report."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class Timers:
    """Wraps parts of the store with timers (in this process only; nothing is edited)."""

    PARTS = ("upsert", "aliases", "resolve", "candidates", "judged", "compare", "keys")

    def __init__(self) -> None:
        self.current = Breakdown()
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        self._wrap(Database, "_upsert_entities", "upsert", count_result=True)
        self._wrap(Database, "_add_aliases", "aliases")
        # store_report calls the name imported into the database module
        self._wrap(database_module, "resolve_entities", "resolve")
        self._wrap(resolution_module, "candidates_of", "candidates")
        self._wrap(resolution_module, "_judged", "judged")
        self._wrap(resolution_module, "compare", "compare")
        self._wrap(resolution_module, "blocking_keys", "keys")

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def take(self) -> Breakdown:
        taken, self.current = self.current, Breakdown()
        return taken

    def _wrap(self, owner, name: str, part: str, count_result: bool = False) -> None:
        original = getattr(owner, name)
        timers = self

        def timed(*args, **kwargs):
            start = clock()
            try:
                result = original(*args, **kwargs)
            finally:
                timers.current.seconds[part] += clock() - start
                timers.current.counts[part] += 1
            if count_result:
                timers.current.counts["new entities"] += len(result)
            return result

        setattr(owner, name, timed)
        self._undo.append(lambda: setattr(owner, name, original))


@dataclass(slots=True)
class Stored:
    """One timed ``store_report`` call."""

    cpu: float
    wall: float
    entities: int
    mentions: int
    parts: Breakdown

    @property
    def seconds(self) -> float:
        """The time by the chosen clock."""
        return self.cpu if clock is CLOCKS["cpu"] else self.wall


class Refused(Exception):
    """``store_report`` raised: the report is left out (its transaction was rolled back)."""


def store(database: Database, item: tuple, timers: Timers | None) -> Stored:
    """Store one parsed report and time the call; :class:`Refused` if the store raised."""
    sha, report, entities, repeats, statements, events, relations = item
    row = document_row(report, sha)
    if timers:
        timers.take()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        stored = database.store_report(row, entities, repeats, statements, events, relations)
    except Exception as error:  # any refusal: reported, and the run goes on
        raise Refused(f"{report.origin}: {str(error).splitlines()[0][:160]}") from error
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if not stored.added:
        raise SystemExit(f"{report.origin} was not added: the reports are meant to be distinct")
    return Stored(
        cpu, wall, stored.entities, stored.mentions, timers.take() if timers else Breakdown()
    )


# -- the read view and the export


def time_read_view(database: Database) -> float:
    """Seconds to build ``Knowledge`` and every assessment."""
    gc.collect()
    start = clock()
    with database.engine.connect() as connection:
        knowledge = Knowledge(connection)
        for _ in knowledge.assessments():
            pass
    return clock() - start


def time_export(database: Database) -> float:
    """Seconds to write the full export to /dev/null."""
    from dossier.export.jsonl import write_export

    gc.collect()
    start = clock()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_export(database, sink)
    return clock() - start


def copy_base(source: Path, target: Path) -> None:
    """A consistent copy of a (WAL) SQLite base, with SQLite's backup API."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy.close()
    origin.close()


def time_probe(
    base: Path, copy: Path, probe: list[tuple], timers: Timers | None, refused: list[str]
) -> tuple[list[Stored], list[tuple]]:
    """Store the probe reports into a copy of the base; the copy is deleted after.

    Returns the timings and the probe reports the store took (the others are
    added to ``refused``, and should be left out of the next probes).
    """
    copy_base(base, copy)
    database = open_database(str(copy))
    try:
        gc.collect()
        timed, kept = [], []
        for item in probe:
            try:
                timed.append(store(database, item, timers))
                kept.append(item)
            except Refused as error:
                refused.append(f"{error} (probe)")
        return timed, kept
    finally:
        database.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


# -- reporting


def fastest(runs: list[list[Stored]]) -> list[Stored]:
    """Report by report, the fastest of several runs of the same reports.

    Noise from other work on the machine only ever adds time, so the minimum
    of each report's rounds is the steadiest figure.
    """
    return [min(same, key=lambda stored: stored.seconds) for same in zip(*runs, strict=True)]


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float) -> float:
    return seconds * 1000


def summary_row(label: str, stored: list[Stored]) -> tuple[str, float]:
    seconds = [s.seconds for s in stored]
    mean = statistics.fmean(seconds)
    entities = statistics.fmean(s.entities for s in stored)
    mentions = statistics.fmean(s.mentions for s in stored)
    new = statistics.fmean(s.parts.counts.get("new entities", 0) for s in stored)
    pairs = statistics.fmean(s.parts.counts.get("compare", 0) for s in stored)
    line = (
        f"{label:<14} {len(stored):5d} {ms(mean):8.2f} {ms(statistics.median(seconds)):8.2f} "
        f"{ms(quantile(seconds, 0.9)):8.2f} {entities:9.1f} {new:8.1f} {mentions:9.1f} "
        f"{pairs:8.1f} {ms(mean) / max(mentions, 1e-9) * 1000:10.1f}"
    )
    return line, mean


HEADER = (
    f"{'reports':<14} {'n':>5} {'mean ms':>8} {'median':>8} {'p90':>8} {'entities':>9} "
    f"{'new ent':>8} {'mentions':>9} {'compares':>8} {'µs/mention':>10}"
)


def breakdown_rows(label: str, stored: list[Stored]) -> str:
    total = statistics.fmean(s.seconds for s in stored)
    parts = {
        part: statistics.fmean(s.parts.seconds.get(part, 0.0) for s in stored)
        for part in Timers.PARTS
    }
    rest = total - parts["upsert"] - parts["aliases"] - parts["resolve"]
    cells = " ".join(f"{ms(parts[p]):8.2f}" for p in Timers.PARTS)
    return f"{label:<14} {ms(total):8.2f} {cells} {ms(rest):8.2f}"


BREAKDOWN_HEADER = (
    f"{'reports':<14} {'total':>8} " + " ".join(f"{p:>8}" for p in Timers.PARTS) + f" {'rest':>8}"
)


def ratios(values: dict[int, float]) -> str:
    sizes = sorted(values)
    first = sizes[0]
    return " ".join(f"{size}/{first}={values[size] / values[first]:.2f}" for size in sizes[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_option(parser)
    parser.add_argument(
        "--sizes",
        default=None,
        help=f"base sizes where the windows end, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument(
        "--window", type=int, default=None, help="reports per window (default 100; quick: 25)"
    )
    parser.add_argument(
        "--probe",
        type=int,
        default=None,
        help="held-out reports stored into a copy of the base at each size "
        "(default 80; quick: 25; 0 skips)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times the base is built and the probe stored, each report's fastest kept (default 3)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="read only the first K records of the corpus"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"default {DEFAULT_MODEL}")
    parser.add_argument(
        "--processes", type=int, default=2, help="n_process for the parse (default 2)"
    )
    parser.add_argument(
        "--order",
        choices=("shuffled", "corpus"),
        default="shuffled",
        help="store order: shuffled with --seed (default) or the corpus's (sorted by category)",
    )
    parser.add_argument("--seed", type=int, default=13, help="shuffle seed (default 13)")
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: sizes {QUICK_SIZES}, windows of 25"
    )
    parser.add_argument(
        "--parsed",
        type=Path,
        default=None,
        help="a pickle of the parse, outside the repository: read if it holds the same reports, "
        "else written (saves the parse when rerunning; stale once the extractors change)",
    )
    parser.add_argument(
        "--clock",
        choices=tuple(CLOCKS),
        default="cpu",
        help="cpu: this process's CPU time (default; steadier on a busy machine), or wall",
    )
    parser.add_argument(
        "--no-breakdown", action="store_true", help="do not wrap the store's parts with timers"
    )
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]

    sizes = sorted(
        {int(s) for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")}
    )
    window = args.window or (25 if args.quick else 100)
    probe_size = args.probe if args.probe is not None else (25 if args.quick else 80)
    limit = args.limit
    if args.quick and limit is None:
        limit = sizes[-1] + probe_size + 40  # a little slack for duplicate texts

    print(f"corpus: {args.corpus}")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {args.model}"
    )
    reports = distinct_reports(args.corpus, limit)
    if args.order == "shuffled":
        random.Random(args.seed).shuffle(reports)
    available = len(reports)
    sizes = sorted({min(size, available) for size in sizes})
    window = min(window, sizes[0])
    probe_size = min(probe_size, available - sizes[-1])
    print(
        f"reports: {available} distinct texts read, order {args.order}"
        + (f" (seed {args.seed})" if args.order == "shuffled" else "")
        + f"; sizes {','.join(map(str, sizes))}, windows of {window}, probe of {probe_size}"
    )
    print(f"load average at start: {load_average()}; times are {args.clock} time")

    parsed, parse_seconds = parse_all(args.model, reports, args.processes, args.parsed)
    if parse_seconds is None:
        print(f"parse: {len(parsed)} reports read from {args.parsed} (not part of the measure)")
    else:
        print(
            f"parse: {len(parsed)} reports in {parse_seconds:.1f}s with {args.processes} "
            "processes (not part of the measure)"
        )
    # the probe is the tail; the reports before it fill the base (a few spare
    # ones stand in for any report the store refuses)
    base_items, probe = parsed[: len(parsed) - probe_size], parsed[len(parsed) - probe_size :]
    del parsed
    gc.collect()
    gc.freeze()  # the parsed reports are held for the whole run: keep them out of the GC's way

    timers = None if args.no_breakdown else Timers()
    if timers:
        timers.install()
    rounds = max(1, args.rounds)
    builds: list[list[Stored]] = []  # per round, each stored report in order
    refused: list[str] = []
    reached: list[int] = []
    probe_runs: dict[int, list[list[Stored]]] = {}  # per size, per round
    view_runs: dict[int, list[float]] = {}
    export_runs: dict[int, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="dossier-scaling-") as name:
        folder = Path(name)
        try:
            # 1. build the base ROUNDS times, timing every store; keep a copy at each size
            for round_ in range(rounds):
                base = folder / f"kb-{round_}.sqlite"
                database = open_database(str(base))
                stored: list[Stored] = []
                started = time.perf_counter()
                try:
                    for item in base_items:
                        try:
                            stored.append(store(database, item, timers))
                        except Refused as error:
                            if round_ == 0:
                                refused.append(str(error))
                            continue
                        if len(stored) in sizes and round_ == 0:
                            reached.append(len(stored))
                            copy_base(base, folder / f"at-{len(stored)}.sqlite")
                        if len(stored) == sizes[-1]:
                            break
                    if round_ == 0:
                        if sizes[-1] > len(stored) >= window and len(stored) not in reached:
                            reached.append(len(stored))  # the corpus ran out: a last, smaller size
                            copy_base(base, folder / f"at-{len(stored)}.sqlite")
                        counts = database.counts()
                finally:
                    database.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{base}{suffix}").unlink(missing_ok=True)
                builds.append(stored)
                print(
                    f"  round {round_ + 1}: {len(stored)} reports stored in "
                    f"{time.perf_counter() - started:.1f}s",
                    flush=True,
                )
            if len(builds[0]) < sizes[-1]:
                print(f"WARNING: only {len(builds[0])} reports could be stored")
            sizes = reached
            # 2. the probe, the read view and the export, sizes interleaved in each round
            for round_ in range(rounds):
                for size in sizes:
                    snapshot = folder / f"at-{size}.sqlite"
                    database = open_database(str(snapshot))
                    try:
                        view_runs.setdefault(size, []).append(time_read_view(database))
                        export_runs.setdefault(size, []).append(time_export(database))
                    finally:
                        database.close()
                    if probe:
                        timed, probe = time_probe(
                            snapshot, folder / "probe.sqlite", probe, timers, refused
                        )
                        probe_runs.setdefault(size, []).append(timed)
                    gc.collect()
                print(f"  round {round_ + 1}: probe, read view and export timed", flush=True)
        finally:
            if timers:
                timers.uninstall()
    lengths = {len(timed) for runs in probe_runs.values() for timed in runs}
    if len(lengths) > 1:
        print("WARNING: the probe reports stored differ between runs: probe left out")
        probe_runs = {}
    print(f"load average at the end: {load_average()}")
    print("base at the end: " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    if refused:
        print(f"reports the store refused (left out, not timed): {len(refused)}")
        for message in refused:
            print(f"  {message}")

    best = fastest(builds)
    probes = {size: fastest(runs) for size, runs in probe_runs.items()}
    read_view = {size: min(runs) for size, runs in view_runs.items()}
    export = {size: min(runs) for size, runs in export_runs.items()}
    each = "each report's fastest of the rounds" if rounds > 1 else "one round"
    print(
        f"\nstore cost per report, windows of the last {window} reports before each size ({each})"
    )
    print(HEADER)
    windows: dict[int, float] = {}
    medians: dict[int, float] = {}
    for size in sizes:
        chunk = best[size - window : size]
        line, windows[size] = summary_row(f"{size - window + 1}-{size}", chunk)
        medians[size] = statistics.median(s.seconds for s in chunk)
        print(line)
    probe_means: dict[int, float] = {}
    if probes:
        print(f"\nstore cost per report, the same {len(probe)} held-out reports at each size")
        print(HEADER)
        for size in sizes:
            line, probe_means[size] = summary_row(f"probe@{size}", probes[size])
            print(line)
    if timers:
        print("\nwhere the store's time goes, mean ms per report (resolve holds the next four)")
        print(BREAKDOWN_HEADER)
        for size in sizes:
            print(breakdown_rows(f"{size - window + 1}-{size}", best[size - window : size]))
        for size in sizes if probes else ():
            print(breakdown_rows(f"probe@{size}", probes[size]))

    print(f"\nread view (Knowledge + assessments) and export, whole base (fastest of {rounds})")
    print(
        f"{'size':>6} {'view s':>8} {'view ms/report':>15} {'export s':>9} {'export ms/report':>17}"
    )
    for size in sizes:
        print(
            f"{size:6d} {read_view[size]:8.2f} {ms(read_view[size] / size):15.2f} "
            f"{export[size]:9.2f} {ms(export[size] / size):17.2f}"
        )
    if rounds > 1:
        print("\neach round on its own (mean of each window, then the ratios)")
        for number, stored in enumerate(builds, 1):
            means = {s: statistics.fmean(x.seconds for x in stored[s - window : s]) for s in sizes}
            line = f"  round {number}: windows {ratios(means)}"
            if probe_runs:
                probe_round = {
                    s: statistics.fmean(x.seconds for x in probe_runs[s][number - 1]) for s in sizes
                }
                line += f"; probe {ratios(probe_round)}"
            print(line)

    print(f"\nflat means ratios near 1 (within {FLAT})")
    print(f"store cost per report: {ratios(windows)}")
    print(f"store cost per report (medians): {ratios(medians)}")
    other = "wall" if args.clock == "cpu" else "cpu"
    other_means = {
        s: statistics.fmean(getattr(x, other) for x in best[s - window : s]) for s in sizes
    }
    print(f"store cost per report ({other} time): {ratios(other_means)}")
    if probe_means:
        print(f"store cost per report (same probe reports): {ratios(probe_means)}")
    print(f"read view per report: {ratios({s: read_view[s] / s for s in sizes})}")
    print(f"export per report: {ratios({s: export[s] / s for s in sizes})}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

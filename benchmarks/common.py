"""What the benchmarks share: where the BBC corpus is, and the machine's load.

The corpus is read from ``../shared`` beside the repository (as CI lays it
out), or from ``--corpus`` / ``$DOSSIER_BBC``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "bbc_news_2225.jsonl"
)


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    """``--corpus PATH``, by default ``$DOSSIER_BBC`` or the shared corpus."""
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("DOSSIER_BBC") or DEFAULT_CORPUS),
        help=f"the JSON-lines corpus (default: $DOSSIER_BBC or {DEFAULT_CORPUS})",
    )


def load_average() -> str:
    """The 1/5/15-minute load averages: other work on the machine skews the timings."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())

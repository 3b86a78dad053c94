"""pipe_read: parse in forked workers, get back only what was read, in order."""

from __future__ import annotations

import multiprocessing
import os

import pytest
import spacy
from spacy.tokens import Doc

from dossier.nlp.parallel import pipe_read

if not Doc.has_extension("test_parallel_mark"):
    Doc.set_extension("test_parallel_mark", default=None)


def _read(doc: Doc) -> tuple[int, str | None, int]:
    return len(doc), doc._.test_parallel_mark, os.getpid()


def _items(count: int):
    for number in range(count):
        text = " ".join(["word"] * (number % 7 + 1))
        yield text, {"test_parallel_mark": f"m{number}"}, number


@pytest.mark.parametrize("processes", [1, 2])
def test_results_in_input_order_with_extensions_set(processes: int) -> None:
    nlp = spacy.blank("en")
    results = list(pipe_read(nlp, _items(45), _read, processes=processes, batch_size=4))
    assert [context for context, _ in results] == list(range(45))
    assert [(length, mark) for _, (length, mark, _) in results] == [
        (number % 7 + 1, f"m{number}") for number in range(45)
    ]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_two_processes_parse_outside_the_caller() -> None:
    nlp = spacy.blank("en")
    pids = {pid for _, (_, _, pid) in pipe_read(nlp, _items(40), _read, processes=2, batch_size=2)}
    assert os.getpid() not in pids
    assert len(pids) >= 1


def test_input_streams_in_bounded_batches() -> None:
    """The items are read as batches are sent, not all at once."""
    nlp = spacy.blank("en")
    taken: list[int] = []

    def items():
        for number in range(1000):
            taken.append(number)
            yield "a b", {}, number

    results = pipe_read(nlp, items(), _read, processes=2, batch_size=5)
    first = next(results)
    assert first[0] == 0
    assert len(taken) <= 2 * 2 * 5 + 5  # at most 2 * processes batches in flight, one more read
    results.close()


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    nlp = spacy.blank("en")

    def broken(doc: Doc) -> int:
        raise ValueError(f"cannot read {doc.text}")

    with pytest.raises(ValueError, match="cannot read"):
        list(pipe_read(nlp, _items(10), broken, processes=2, batch_size=3))

"""Parse on several cores and send back only what was read from each Doc.

spaCy's ``nlp.pipe(..., n_process=N)`` tokenises every text in the calling
process, ships each Doc to a worker as bytes and ships the parsed Doc back as
bytes: tensors, annotations and user data are packed and unpacked twice per
text, and the calling process, which also stores the results, spends its core
on that. :func:`pipe_read` instead sends the texts to forked workers,
which tokenise, parse and run ``read`` on each Doc; only ``read``'s (small,
picklable) result comes back. Each text travels with the values of the Doc
extensions the pipeline needs set before parsing (a
publication date, say); the item's context stays in the calling process.

Results come back in input order, and at most ``2 * processes`` batches are
in flight, so a corpus streams through in bounded memory.

Limits: workers are forked (they inherit the loaded pipeline and every cache
the parent has warmed); where ``fork`` is not available (Windows) or one
process is asked for, the texts are parsed in the calling process with
``nlp.pipe``. ``read`` runs in the workers: it must not use state that only
the parent process holds (an open database connection, say).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

C = TypeVar("C")
R = TypeVar("R")

# The pipeline and callbacks of the forked workers, set by the parent right
# before it forks them (a fork copies the parent's memory, so nothing is pickled).
_WORKER: dict[str, Any] = {}


def pipe_read(
    nlp: Language,
    items: Iterable[tuple[str, dict[str, Any], C]],
    read: Callable[[Doc], R],
    *,
    processes: int = 1,
    batch_size: int = 32,
) -> Iterator[tuple[C, R]]:
    """``(context, read(doc))`` for each ``(text, extensions, context)``, in input order.

    ``extensions`` maps names of registered Doc extensions to the values set
    on the new Doc before it is parsed.
    """
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from _read_batch(nlp, read, items, batch_size)
        return
    yield from _pipe_forked(nlp, items, read, processes, batch_size)


def _pipe_forked(
    nlp: Language,
    items: Iterable[tuple[str, dict[str, Any], C]],
    read: Callable[[Doc], R],
    processes: int,
    batch_size: int,
) -> Iterator[tuple[C, R]]:
    """Batches parsed by ``processes`` forked workers, a bounded number in flight."""
    context = multiprocessing.get_context("fork")
    _WORKER.update(nlp=nlp, read=read, batch_size=batch_size)
    try:
        with context.Pool(processes) as pool:
            waiting: deque = deque()
            stream = iter(items)
            while True:
                while len(waiting) < 2 * processes:
                    batch = list(islice(stream, batch_size))
                    if not batch:
                        break
                    # only the texts and their extension values travel
                    sent = [(text, extensions, None) for text, extensions, _ in batch]
                    waiting.append(([c for _, _, c in batch], pool.apply_async(_work, (sent,))))
                if not waiting:
                    break
                contexts, pending = waiting.popleft()
                yield from zip(contexts, pending.get(), strict=True)
    finally:
        _WORKER.clear()


def _work(batch: list[tuple[str, dict[str, Any], None]]) -> list[Any]:
    """In a worker: parse a batch and return what ``read`` takes from each Doc."""
    results = _read_batch(_WORKER["nlp"], _WORKER["read"], batch, _WORKER["batch_size"])
    return [result for _, result in results]


def _read_batch(
    nlp: Language,
    read: Callable[[Doc], R],
    items: Iterable[tuple[str, dict[str, Any], C]],
    batch_size: int,
) -> Iterator[tuple[C, R]]:
    """Parse in this process, handing each Doc to ``read`` as it comes."""

    def docs() -> Iterator[tuple[Doc, C]]:
        for text, extensions, context in items:
            doc = nlp.make_doc(text)
            for name, value in extensions.items():
                setattr(doc._, name, value)
            yield doc, context

    for doc, context in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield context, read(doc)


__all__ = ["pipe_read"]

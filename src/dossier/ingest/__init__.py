"""Reading reports: files, folders, HTML pages, JSON lines and standard input.

The stage's output is a stream of :class:`~dossier.ingest.report.RawReport`
(or :class:`~dossier.ingest.report.Problem` for input that cannot be read),
never a list: a corpus is not held in memory.
"""

from dossier.ingest.report import Metadata, Problem, RawReport
from dossier.ingest.sources import iter_reports

__all__ = ["Metadata", "Problem", "RawReport", "iter_reports"]

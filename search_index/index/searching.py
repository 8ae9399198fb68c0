"""Running a compiled query: one Whoosh searcher kept between queries, hits with snippets."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from search_index.controls import without_controls
from search_index.index.highlight import MatchPlan, spans_in
from search_index.index.hits import SearchHit
from search_index.index.snippets import make_snippet
from search_index.models import CLEANED, SpeakerKind


class KeptSearcher:
    """The searcher of an index, opened on first use and reopened when the index changed.

    Not Whoosh's Searcher.refresh(): its reader reuse keeps the old segment list, so
    deletions and merges made since would stay invisible. Not thread-safe: the caller
    serialises (LibraryIndex holds a lock).
    """

    def __init__(self) -> None:
        self._searcher: Any = None
        self._bodies: Any = None

    def current(self, ix: Any) -> Any:
        """The up-to-date searcher of `ix`."""
        if self._searcher is not None and not self._searcher.up_to_date():
            self.close()
        if self._searcher is None:
            from search_index.index.whoosh_scoring import weighting
            from search_index.index.whoosh_speedups import preload_lengths

            self._searcher = ix.searcher(weighting=weighting())
            preload_lengths(self._searcher, "text")
            try:
                self._bodies = self._searcher.reader().column_reader("body")
            except NotImplementedError:  # an empty index has no columns
                self._bodies = None
        return self._searcher

    @property
    def bodies(self) -> Any:
        """The column of the turns' stored texts (of the current searcher), or None."""
        return self._bodies

    def body(self, docnum: int) -> str:
        """The stored text of a turn (of the current searcher)."""
        # Not `if self._bodies`: a column reader over several segments has length 0.
        if self._bodies is None:
            return ""
        return bytes(self._bodies[docnum]).decode("utf-8")

    def drop_if_stale(self) -> bool:
        """Forget the searcher if the index changed since it was opened; True if so."""
        searcher = self._searcher
        try:
            stale = searcher is not None and not searcher.up_to_date()
        except Exception:
            stale = True
        if stale:
            self.close()
        return stale

    def close(self) -> None:
        """Release the searcher's files."""
        searcher, self._searcher, self._bodies = self._searcher, None, None
        if searcher is not None:
            with contextlib.suppress(Exception):
                searcher.close()


def run_query(
    kept: KeptSearcher,
    ix: Any,
    query: Any,
    plan: MatchPlan,
    limit: int,
    snippets: int,
    budget: float | None,
) -> tuple[list[SearchHit], int, bool]:
    """The top `limit` hits of a compiled query (the first `snippets` with a snippet), the
    number of matching turns, and whether the time budget stopped the search early."""
    from search_index.index.whoosh_collect import collect_top, stored_fields

    searcher = kept.current(ix)
    top, total, partial = collect_top(searcher, query, limit, budget)
    stored = stored_fields(searcher, [docnum for _score, docnum in top])
    hits: list[SearchHit] = []
    for rank, ((score, docnum), fields) in enumerate(zip(top, stored, strict=True)):
        snippet = ""
        matches: tuple[tuple[int, int], ...] = ()
        if rank < snippets:
            text = kept.body(docnum)
            snippet, matches = make_snippet(text, spans_in(plan, text))
        hits.append(to_hit(fields, float(score or 0.0), snippet, matches))
    return hits, total, partial


def to_hit(
    stored: dict[str, Any], score: float, snippet: str, matches: tuple[tuple[int, int], ...]
) -> SearchHit:
    """A hit from a turn's stored fields.

    The turn's text, speaker, asker and title come from a parsed transcript, cleaned of
    control characters when it was parsed; only the source path (and a title made from
    the file's name) never went through a model, and are cleaned here. The rest is not
    cleaned again (`CLEANED`): most of the time of making a hit.
    """
    when = stored.get("date")
    fields = {
        "transcript": stored["transcript"],
        "title": without_controls(stored.get("title") or ""),
        "date": when.date() if isinstance(when, dt.datetime) else None,
        "source": without_controls(stored.get("source", "")),
        "turn": int(stored.get("turn", 0)),
        "speaker": stored.get("speaker", ""),
        "speaker_kind": SpeakerKind(stored.get("kind", SpeakerKind.OTHER.value)),
        "exchange": stored.get("exchange"),
        "asker": stored.get("asker"),
        "score": round(score, 4),
        "snippet": snippet,
        "matches": matches,
    }
    return SearchHit.model_validate(fields, context=CLEANED)

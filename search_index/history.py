"""Search history: the queries a reader ran, newest first, kept between sessions.

The history is bounded (`HISTORY_LIMIT` queries) and holds each query once: running a query
again moves it to the front. It is saved as `history.json` in the settings folder::

    {"version": 1, "queries": ["pledge financing", "date:2021-04 patent", …]}

A file that is missing or cannot be read gives an empty history. `HistoryWalk` is how the
search box steps through it with Up and Down, keeping what was typed before the walk.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HISTORY_FILE = "history.json"
HISTORY_LIMIT = 200
FILE_VERSION = 1


def _tidy(query: str) -> str:
    return " ".join(query.split())


class SearchHistory:
    """Earlier queries, newest first, each once, at most `limit`."""

    def __init__(
        self, queries: Iterable[str] = (), *, limit: int = HISTORY_LIMIT, path: Path | None = None
    ) -> None:
        """A history holding `queries` (newest first), saved to `path` (None: not saved)."""
        self.limit = max(1, limit)
        self.path = path
        self._queries: list[str] = []
        for query in queries:
            tidy = _tidy(query)
            if tidy and tidy not in self._queries and len(self._queries) < self.limit:
                self._queries.append(tidy)

    @classmethod
    def load(cls, path: Path, limit: int = HISTORY_LIMIT) -> SearchHistory:
        """The history saved at `path` (empty when there is none or it cannot be read)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return cls(limit=limit, path=path)
        queries = data.get("queries") if isinstance(data, dict) else None
        if not isinstance(queries, list):
            return cls(limit=limit, path=path)
        return cls((q for q in queries if isinstance(q, str)), limit=limit, path=path)

    @property
    def queries(self) -> tuple[str, ...]:
        """The queries, newest first."""
        return tuple(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    def record(self, query: str) -> bool:
        """Put `query` first (once); False when it is empty or first already."""
        tidy = _tidy(query)
        if not tidy or (self._queries and self._queries[0] == tidy):
            return False
        if tidy in self._queries:
            self._queries.remove(tidy)
        self._queries.insert(0, tidy)
        del self._queries[self.limit :]
        return True

    def save(self) -> Path | None:
        """Write the history atomically; returns the file (None when it has no path).

        Raises OSError when it cannot be written.
        """
        if self.path is None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"version": FILE_VERSION, "queries": self._queries}
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        handle, temporary = tempfile.mkstemp(
            prefix=".history-", suffix=".json", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return self.path


class HistoryWalk:
    """Up and Down through earlier queries (newest first), back to what was being typed.

    The walk starts at the *draft* (the text in the box when it began); `older` steps back
    one query, `newer` forward, and past the newest query comes the draft again. Queries the
    same as the draft are stepped over.
    """

    def __init__(self, queries: Sequence[str], draft: str) -> None:
        """A walk over `queries` (newest first) that began with `draft` in the box."""
        tidy = _tidy(draft)
        self.draft = draft
        self.queries = [query for query in queries if query != tidy]
        self.position = -1
        """Which query is shown (-1: the draft)."""

    def older(self) -> str | None:
        """The query before the one shown, or None at the oldest."""
        if self.position + 1 >= len(self.queries):
            return None
        self.position += 1
        return self.queries[self.position]

    def newer(self) -> str | None:
        """The query after the one shown (the draft past the newest), or None at the draft."""
        if self.position < 0:
            return None
        self.position -= 1
        return self.draft if self.position < 0 else self.queries[self.position]

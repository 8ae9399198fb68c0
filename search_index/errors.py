"""Errors the domain raises for bad input; each carries a one-line message for the user."""

from __future__ import annotations

from search_index.controls import without_controls


class PressroomError(Exception):
    """Base class: an error whose message is fit to show a user as one line."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = " ".join(without_controls(message).split())

    def __str__(self) -> str:
        return self.message


class InputError(PressroomError):
    """A file or path that cannot be read as a transcript (missing, binary, undecodable…)."""


class NotATranscriptError(InputError):
    """Text was read, but no speaker turns could be found in it."""


class QueryError(PressroomError):
    """A search query that cannot be understood, even after repair."""


class IndexUnavailableError(PressroomError):
    """The search index is missing, locked by another writer, or cannot be opened."""

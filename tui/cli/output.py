"""Helpers the subcommands share for printing JSON: as `json.dumps(indent=2)` writes it,
made by pydantic's serializer and streamed (`search_index.json_text`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any


def print_json(data: Any) -> None:
    """Write `data` as indented UTF-8 JSON to stdout, long lists a chunk at a time."""
    from search_index.json_text import write_json

    write_json(data, sys.stdout)
    sys.stdout.write("\n")


def stream_json_list(items: Iterable[Any]) -> None:
    """Write a JSON list to stdout as `print_json` would, byte for byte, taking the items a
    chunk at a time, so that neither the list nor its text is ever held whole."""
    from search_index.json_text import write_json_list

    write_json_list(items, sys.stdout)
    sys.stdout.write("\n")

"""Reading one transcript named on the command line: a file path, or `-` for standard input."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load pydantic: only when a transcript is read
    from search_index.models import Transcript

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_transcript(name: str) -> Transcript:
    """Parse the named file, or standard input when the name is `-`."""
    from pathlib import Path

    from search_index.library import load_one
    from search_index.parser import parse_bytes
    from search_index.parser.decoding import read_stream

    if name == STDIN:
        return parse_bytes(read_stream(sys.stdin.buffer, STDIN_SOURCE), source=STDIN_SOURCE)
    return load_one(Path(name))

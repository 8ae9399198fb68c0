"""Reading one transcript named on the command line: a file path, or `-` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load pydantic: only when a transcript is read
    from search_index.models import Transcript

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_transcript(name: str) -> Transcript:
    """Parse the named file, or standard input when the name is `-`."""
    from search_index.library import load_one
    from search_index.parser import parse_bytes
    from search_index.parser.decoding import read_stream

    if name == STDIN:
        return parse_bytes(read_stream(sys.stdin.buffer, STDIN_SOURCE), source=STDIN_SOURCE)
    return load_one(Path(name))


def read_indexed_transcript(name: str, index_dir: Path | None) -> Transcript:
    """As `read_transcript`, but a file the index in `index_dir` (default: the default
    index) holds is loaded as it was parsed when indexed."""
    from search_index.index.parsed import ParsedLookup

    lookup = ParsedLookup.of_index(index_dir) if name != STDIN else None
    if lookup is None:
        return read_transcript(name)
    return lookup.load(Path(name)).transcript

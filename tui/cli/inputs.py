"""Reading one transcript named on the command line: a file path, or `-` for standard input."""

from __future__ import annotations

import sys

from search_index.models import Transcript

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_transcript(name: str) -> Transcript:
    """Parse the named file, or standard input when the name is `-`."""
    from search_index.parser import load_transcript, parse_bytes
    from search_index.parser.decoding import read_stream

    if name == STDIN:
        return parse_bytes(read_stream(sys.stdin.buffer, STDIN_SOURCE), source=STDIN_SOURCE)
    return load_transcript(name)

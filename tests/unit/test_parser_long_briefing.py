"""A long briefing of short, recurring turns parses exactly as before the parser's speed work.

The parser decides much of its work once per distinct label, label kind or turn text rather
than once per line or turn; a document where the same labels and texts recur thousands of
times is where such memos could go wrong unnoticed. `benchmarks/big_transcript.py` (issue
14's `big.txt`, here at 3,000 turns) is that document: its parsed model must stay the same,
byte for byte. The digest was taken with the parser before the speed work (main at 3eb6cf4).
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

from search_index.parser import parse_text

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "big_transcript.py"
DIGEST_3000 = "d41c1bdd252d197886da1fbb49749c93a33c5abf784cc823f916b541fbd00e0e"


def big_transcript_module() -> ModuleType:
    """benchmarks/big_transcript.py, loaded by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("big_transcript_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_long_briefing_of_short_turns_parses_as_before() -> None:
    text = big_transcript_module().big_transcript(3_000)
    transcript = parse_text(text, "big.txt")
    assert len(transcript.turns) == 2_998
    assert len(transcript.exchanges) == 10
    assert [speaker.name for speaker in transcript.speakers] == ["SHEN", "XING", "Q", "HE", "YU"]
    dumped = transcript.model_dump_json(indent=2).encode("utf-8")
    assert hashlib.sha256(dumped).hexdigest() == DIGEST_3000


def test_every_turn_holds_its_text_once_per_paragraph() -> None:
    """A one-paragraph turn's text is its paragraph (one string, not a copy of it)."""
    text = big_transcript_module().big_transcript(300)
    transcript = parse_text(text, "big.txt")
    single = [turn for turn in transcript.turns if len(turn.paragraphs) == 1]
    assert len(single) == len(transcript.turns)
    assert all(turn.text is turn.paragraphs[0] for turn in single)

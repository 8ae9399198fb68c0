"""Aligning a quote with a turn's text word by word (rapidfuzz does the matching).

Each word becomes one character of a private alphabet, so that rapidfuzz's string
algorithms work on words: `partial_ratio_alignment` finds where in the turn a piece of the
quote sits, and the longest common subsequence (`Indel.opcodes`) pairs its words with the
record's. This module only turns those answers into blocks a person reads: words equal,
changed, added by the quote or left out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from search_index.quotecheck.words import Piece

BlockKind = Literal["equal", "changed", "added", "left out"]

#: A piece whose best place scores below this (0–100) is taken as not in the turn.
PIECE_FLOOR = 50.0
#: Equal runs this short at the edge of an alignment, cut off from the rest by more record
#: words than this, are chance matches of common words ("the", "of"): dropped.
WEAK_ANCHOR_WORDS = 1
#: What each record word a reading says the quote left out costs (see `reading_value`).
LEFT_OUT_COST = 0.25
WEAK_ANCHOR_GAP = 2


class Alphabet:
    """One character per distinct word, shared by a quote and the turns it is checked with."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, words: list[str]) -> str:
        """The words as a string of their characters."""
        codes = self._codes
        out: list[str] = []
        for word in words:
            code = codes.get(word)
            if code is None:
                # Supplementary planes: no surrogates, room for a million words.
                code = chr(0x10000 + len(codes))
                codes[word] = code
            out.append(code)
        return "".join(out)


@dataclass(frozen=True)
class Block:
    """Quote words [q0, q1) against record words [r0, r1), and how they compare."""

    kind: BlockKind
    q0: int
    q1: int
    r0: int
    r1: int


@dataclass(frozen=True)
class PieceAlignment:
    """Where one piece of the quote sits in the record, block by block."""

    piece: Piece
    blocks: tuple[Block, ...]
    matched: int
    """Quote words equal to the record's."""
    r0: int
    r1: int
    """The record words the piece covers: [r0, r1) (r0 == r1 when it was not found)."""

    @property
    def found(self) -> bool:
        """Whether the piece was placed in the record."""
        return self.r1 > self.r0

    @property
    def reading_value(self) -> float:
        """How good a reading of the piece this is, to choose between readings.

        Every quote word the record confirms counts 1, every one it does not costs 1, and
        each record word the quote leaves out costs a quarter: a reading that finds the
        quote's last words past an omitted clause beats one that calls them changed, but
        a chance match of a common word far away does not pay for the words skipped.
        """
        quote_words = self.piece.last - self.piece.first
        left_out = sum(b.r1 - b.r0 for b in self.blocks if b.kind == "left out")
        return 2 * self.matched - quote_words - LEFT_OUT_COST * left_out

    @property
    def similarity(self) -> float:
        """2·matched / (quote words + record words), 0–100."""
        total = (self.piece.last - self.piece.first) + (self.r1 - self.r0)
        return 200.0 * self.matched / total if total else 0.0


def align_piece(
    piece: Piece,
    quote: str,
    record: str,
    quote_words: list[str],
    record_words: list[str],
    lo: int = 0,
    floor: float = PIECE_FLOOR,
) -> PieceAlignment:
    """The best place of `piece` (quote characters) in `record[lo:]`, aligned word by word.

    The window `partial_ratio_alignment` finds has the piece's length; the alignment is
    also tried over wider stretches around it, for a piece that leaves words out, and the
    best reading wins. A piece less similar than `floor` to its best place is not found.
    """
    segment = quote[piece.first : piece.last]
    hay = record[lo:]
    if not segment or not hay:
        return _not_found(piece)
    if len(segment) <= len(hay):
        window = fuzz.partial_ratio_alignment(segment, hay)
        if window is None:  # only with a score cut-off, which is not given
            return _not_found(piece)
        w0, w1 = lo + window.dest_start, lo + window.dest_end
    else:
        w0, w1 = lo, len(record)
    best: PieceAlignment | None = None
    size = len(segment)
    for extra in (0, size // 2 + 2, size + 5):
        start, end = max(lo, w0 - extra), min(len(record), w1 + extra)
        candidate = _align_in(piece, quote, record, quote_words, record_words, start, end)
        if best is None or candidate.reading_value > best.reading_value:
            best = candidate
    assert best is not None
    if best.similarity < floor:
        return _not_found(piece)
    return best


def _not_found(piece: Piece) -> PieceAlignment:
    block = Block("added", piece.first, piece.last, 0, 0)
    return PieceAlignment(piece, (block,), 0, 0, 0)


def _align_in(
    piece: Piece,
    quote: str,
    record: str,
    quote_words: list[str],
    record_words: list[str],
    start: int,
    end: int,
) -> PieceAlignment:
    """The piece aligned with record[start:end]; record words past its edges trimmed."""
    q0 = piece.first
    runs: list[tuple[int, int, int]] = []  # (quote start, record start, length), absolute
    for op in Indel.opcodes(quote[piece.first : piece.last], record[start:end]):
        if op.tag == "equal":
            runs.append((q0 + op.src_start, start + op.dest_start, op.src_end - op.src_start))
    runs = _drop_weak_edges(runs)
    if not runs:
        return _not_found(piece)
    blocks: list[Block] = []
    # The quote's words before the first equal run: changed from the record words just
    # before it, one for one (as many as there are), or added.
    first_q, first_r, _ = runs[0]
    blocks.extend(_edge(piece.first, first_q, first_r, start, record_words, quote_words, True))
    for i, (q, r, n) in enumerate(runs):
        blocks.append(Block("equal", q, q + n, r, r + n))
        if i + 1 < len(runs):
            nq, nr, _ = runs[i + 1]
            gap = _gap(q + n, nq, r + n, nr)
            if gap is not None:
                blocks.append(gap)
    # The quote's words after the last equal run: changed from the record words right
    # after it (the turn's, past the window if need be: a changed last word, a number
    # above all, is a change to show, not words added), or added.
    last_q, last_r, last_n = runs[-1]
    blocks.extend(
        _edge(
            last_q + last_n,
            piece.last,
            last_r + last_n,
            len(record),
            record_words,
            quote_words,
            False,
        )
    )
    blocks = _truncated_words(blocks, quote_words, record_words)
    matched = sum(b.q1 - b.q0 for b in blocks if b.kind == "equal")
    covered = [b for b in blocks if b.r1 > b.r0]
    r0 = min(b.r0 for b in covered)
    r1 = max(b.r1 for b in covered)
    return PieceAlignment(piece, tuple(blocks), matched, r0, r1)


def _drop_weak_edges(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop one-word equal runs at either end that sit apart from the rest."""
    while len(runs) > 1:
        _, r, n = runs[0]
        _, nr, _ = runs[1]
        if n <= WEAK_ANCHOR_WORDS and nr - (r + n) > WEAK_ANCHOR_GAP:
            runs = runs[1:]
            continue
        _q, r, n = runs[-1]
        _pq, pr, pn = runs[-2]
        if n <= WEAK_ANCHOR_WORDS and r - (pr + pn) > WEAK_ANCHOR_GAP:
            runs = runs[:-1]
            continue
        break
    return runs


def _gap(q0: int, q1: int, r0: int, r1: int) -> Block | None:
    """What lies between two equal runs."""
    if q1 > q0 and r1 > r0:
        return Block("changed", q0, q1, r0, r1)
    if q1 > q0:
        return Block("added", q0, q1, r0, r0)
    if r1 > r0:
        return Block("left out", q0, q0, r0, r1)
    return None


def _edge(
    q0: int,
    q1: int,
    anchor: int,
    bound: int,
    record_words: list[str],
    quote_words: list[str],
    leading: bool,
) -> list[Block]:
    """Quote words [q0, q1) past the first (or last) equal run, against the record there.

    They are changed from as many record words next to the run as there are (within the
    aligned stretch); any left over were added by the quote.
    """
    count = q1 - q0
    if count <= 0:
        return []
    if leading:
        available = max(0, anchor - bound)
        take = min(count, available)
        blocks = []
        if count > take:
            blocks.append(Block("added", q0, q1 - take, anchor - take, anchor - take))
        if take:
            blocks.append(Block("changed", q1 - take, q1, anchor - take, anchor))
        return blocks
    available = max(0, bound - anchor)
    take = min(count, available)
    blocks = []
    if take:
        blocks.append(Block("changed", q0, q0 + take, anchor, anchor + take))
    if count > take:
        blocks.append(Block("added", q0 + take, q1, anchor + take, anchor + take))
    return blocks


def _truncated_words(
    blocks: list[Block], quote_words: list[str], record_words: list[str]
) -> list[Block]:
    """A quote cut inside a word ("protec" for "protection") keeps that word as equal."""
    out = list(blocks)
    head, tail = out[0], out[-1]
    if _one_for_one(head) and head.q0 == 0 and record_words[head.r0].endswith(quote_words[head.q0]):
        out[0] = Block("equal", head.q0, head.q1, head.r0, head.r1)
    if (
        _one_for_one(tail)
        and tail.q1 == len(quote_words)
        and record_words[tail.r0].startswith(quote_words[tail.q0])
    ):
        out[-1] = Block("equal", tail.q0, tail.q1, tail.r0, tail.r1)
    return out


def _one_for_one(block: Block) -> bool:
    return block.kind == "changed" and block.q1 - block.q0 == 1 == block.r1 - block.r0

"""Checking a quote against the library: candidates, alignment, ranking, the record's facts.

`QuoteChecker(index).check(quote)` asks the index for the turns holding the quote's rarest
words, aligns every piece of the quote with each of them word by word, ranks them by how
similar quote and passage are, and describes the best ones: the passage, who said it
(name and role), the briefing, date, file and web address, turn and paragraph, the
word-level differences and every figure the quote gives otherwise, with a citation.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from search_index.citation import cite
from search_index.errors import InputError, PressroomError
from search_index.models import Speaker, Transcript, Turn
from search_index.quotecheck.align import (
    PIECE_FLOOR,
    Alphabet,
    Block,
    PieceAlignment,
    align_piece,
)
from search_index.quotecheck.figure_changes import figure_changes
from search_index.quotecheck.models import QuoteCheck, QuoteMatch, WordDifference
from search_index.quotecheck.words import (
    ELLIPSIS_RE,
    Piece,
    Word,
    norms_of,
    pieces_of,
    sentence_breaks,
    words_of,
)

if TYPE_CHECKING:
    from search_index.index import CandidateTurn, LibraryIndex

#: The lowest score (0–100) that counts as "the quote comes from this passage".
MATCH_THRESHOLD = 65.0
#: Turns asked of the index per quote.
CANDIDATES = 40
#: How many of the quote's rarest words pick the candidates.
RARE_TERMS = 10
#: Words each side of where two sentences of a quote meet, looked up as a phrase.
SEAM_WORDS = 2
#: Candidates aligned word by word (the best by a quick score; the rest are dropped).
ALIGNED = 12
#: A piece found out of order must beat its in-order place by this much to be taken.
OUT_OF_ORDER_MARGIN = 10.0
#: The share of each record word left out (unmarked) that the score forgives.
UNMARKED_OMISSION_DISCOUNT = 0.5
#: Transcripts kept parsed between checks (for roles, paragraphs and citations).
TRANSCRIPT_CACHE = 32

_QUOTE_MARKS = "\"'“”‘’«»「」『』"


def clean_quote(text: str) -> str:
    """The quote on one line, without the quotation marks around it."""
    flat = " ".join(text.split())
    stripped = flat.strip(_QUOTE_MARKS + " ")
    return stripped if stripped else flat


@dataclass(frozen=True)
class _Aligned:
    """A candidate turn and the quote's pieces aligned with it."""

    candidate: CandidateTurn
    rank: int
    norms: list[str]
    pieces: list[PieceAlignment]
    score: float


class QuoteChecker:
    """Checks quotes against one library index (keeps recently parsed transcripts)."""

    def __init__(
        self,
        index: LibraryIndex,
        *,
        threshold: float = MATCH_THRESHOLD,
        candidates: int = CANDIDATES,
        rare_terms: int = RARE_TERMS,
    ) -> None:
        """A checker over `index`; `threshold` is the lowest score that counts as a match."""
        self.index = index
        self.threshold = threshold
        self.candidate_count = candidates
        self.rare_terms = rare_terms
        self._transcripts: OrderedDict[str, tuple[tuple[int, int], Transcript | None]] = (
            OrderedDict()
        )

    def check(self, quote: str, limit: int = 5) -> QuoteCheck:
        """The passages `quote` may come from, best first, and how it differs from each.

        Raises InputError when the quote has no words. When no passage reaches the
        threshold, `nearest` holds the closest ones with their scores.
        """
        text = clean_quote(quote)
        words = words_of(text)
        if not words:
            raise InputError("the quote has no words to look for")
        candidates = self.candidates(text, words)
        if not candidates:
            return QuoteCheck(
                quote=text,
                threshold=self.threshold,
                note="none of the quote's words is in the library",
            )
        ranked = rank_candidates(text, words, candidates)
        limit = max(1, limit)
        good = [item for item in ranked if item.score >= self.threshold][:limit]
        if good:
            matches = tuple(self._describe(text, words, item) for item in good)
            return QuoteCheck(quote=text, threshold=self.threshold, matches=matches)
        near = [item for item in ranked if item.score > 0][:limit]
        if not near:  # nothing even close: the least unlike passages, however unlike
            ranked = rank_candidates(text, words, candidates, floor=0.0)
            near = [item for item in ranked if item.score > 0][:limit]
        nearest = tuple(self._describe(text, words, item) for item in near)
        return QuoteCheck(quote=text, threshold=self.threshold, nearest=nearest)

    def candidates(self, text: str, words: list[Word] | None = None) -> list[CandidateTurn]:
        """The turns the index offers for the (cleaned) quote `text`: what is aligned."""
        if words is None:
            words = words_of(text)
        return self.index.candidates(
            text, terms=self.rare_terms, limit=self.candidate_count, phrases=seams(text, words)
        )

    # ------------------------------------------------------------------ describing

    def _describe(self, text: str, words: list[Word], item: _Aligned) -> QuoteMatch:
        hit = item.candidate.hit
        body = item.candidate.text
        record_words = words_of(body)
        if [w.norm for w in record_words] != item.norms:  # exotic letters: align again
            [item] = rank_candidates(text, words, [item.candidate], exact_words=True)
        found = [p for p in item.pieces if p.found]
        r0 = min(p.r0 for p in found)
        r1 = max(p.r1 for p in found)
        start, end = record_words[r0].start, record_words[r1 - 1].end
        blocks = _record_order(item.pieces)
        differences = _differences(text, words, body, record_words, item.pieces, start)
        figures = figure_changes(text, words, body, record_words, blocks)
        transcript, turn = self._record(item.candidate)
        speaker = transcript.speaker(turn.speaker)
        first, last = _paragraphs(turn, start, end)
        passage = body[start:end]
        return QuoteMatch(
            passage=passage,
            start=start,
            end=end,
            score=round(item.score, 1),
            speaker=turn.speaker,
            role=speaker.role if speaker is not None else None,
            speaker_kind=hit.speaker_kind,
            title=hit.title,
            date=hit.date,
            location=transcript.location,
            source=hit.source,
            source_url=transcript.source_url,
            transcript=hit.transcript,
            turn=hit.turn,
            paragraph=first,
            last_paragraph=last,
            differences=tuple(differences),
            figures=tuple(figures),
            citation=cite(passage, transcript, turn, "plain"),
            citation_markdown=cite(passage, transcript, turn, "markdown"),
        )

    def _record(self, candidate: CandidateTurn) -> tuple[Transcript, Turn]:
        """The transcript and turn of a candidate, parsed from its file.

        A file that changed or went away since it was indexed gives what the index holds
        (no role, no web address).
        """
        hit = candidate.hit
        transcript = self._load(hit.source)
        if transcript is not None:
            for turn in transcript.turns:
                if turn.index == hit.turn and turn.text == candidate.text:
                    return transcript, turn
        turn = Turn(
            index=hit.turn,
            speaker=hit.speaker,
            text=candidate.text,
            paragraphs=tuple(candidate.text.split("\n\n")),
            line_start=0,
            line_end=0,
        )
        stand_in = Transcript(
            id=hit.transcript,
            source=hit.source,
            title=hit.title,
            date=hit.date,
            speakers=(Speaker(name=hit.speaker, kind=hit.speaker_kind),),
            turns=(turn,),
        )
        return stand_in, turn

    def _load(self, source: str) -> Transcript | None:
        from search_index.library import load_one

        path = Path(source)
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._transcripts.get(source)
        if cached is not None and cached[0] == stamp:
            self._transcripts.move_to_end(source)
            return cached[1]
        try:
            transcript: Transcript | None = load_one(path)
        except PressroomError:
            transcript = None
        self._transcripts[source] = (stamp, transcript)
        while len(self._transcripts) > TRANSCRIPT_CACHE:
            self._transcripts.popitem(last=False)
        return transcript


def seams(text: str, words: list[Word]) -> list[str]:
    """Where two sentences of the quote meet (unmarked): the two words on each side.

    Two sentences that sit side by side in one turn are the surest sign of it, when each
    alone recurs in many; a sentence cut short to a word or two counts too ("… public
    resources. The application").
    """
    ellipses = [m.span() for m in ELLIPSIS_RE.finditer(text)]
    found: list[str] = []
    for at in sentence_breaks(text):
        after = next((i for i, w in enumerate(words) if w.start >= at), None)
        if after is None or after == 0:
            continue
        if any(words[after - 1].end <= e0 and e1 <= words[after].start for e0, e1 in ellipses):
            continue  # an omission, not a seam
        first = max(0, after - SEAM_WORDS)
        last = min(len(words), after + SEAM_WORDS)
        found.append(text[words[first].start : words[last - 1].end])
    return found


def check_quote(index: LibraryIndex, quote: str, limit: int = 5) -> QuoteCheck:
    """Check one quote against `index` (see `QuoteChecker.check`)."""
    return QuoteChecker(index).check(quote, limit)


# ---------------------------------------------------------------------- ranking


def rank_candidates(
    text: str,
    words: list[Word],
    candidates: Sequence[CandidateTurn],
    floor: float = PIECE_FLOOR,
    *,
    exact_words: bool = False,
) -> list[_Aligned]:
    """The candidates with the quote aligned to each, most similar first.

    Every candidate gets a quick score first (each piece's best window, rapidfuzz's
    `partial_ratio`); only the ALIGNED best of them are aligned word by word. A piece of
    the quote less similar than `floor` to its best place in a candidate is taken as not
    there.
    """
    alphabet = Alphabet()
    quote_norms = [w.norm for w in words]
    quote_codes = alphabet.encode(quote_norms)
    pieces = pieces_of(text, words)
    encoded: list[tuple[int, CandidateTurn, list[str], str, float]] = []
    for rank, candidate in enumerate(candidates):
        if exact_words:
            record_norms = [w.norm for w in words_of(candidate.text)]
        else:
            record_norms = norms_of(candidate.text)
        record_codes = alphabet.encode(record_norms)
        quick = sum(
            (p.last - p.first) * fuzz.partial_ratio(quote_codes[p.first : p.last], record_codes)
            for p in pieces
        )
        encoded.append((rank, candidate, record_norms, record_codes, quick))
    encoded.sort(key=lambda item: (-item[4], item[0]))
    ranked: list[_Aligned] = []
    for rank, candidate, record_norms, record_codes, _ in encoded[:ALIGNED]:
        aligned = _align_pieces(pieces, quote_codes, record_codes, quote_norms, record_norms, floor)
        ranked.append(
            _Aligned(candidate, rank, record_norms, aligned, similarity(len(words), aligned))
        )
    ranked.sort(key=lambda item: (-round(item.score, 1), _gaps(item.pieces), item.rank))
    return ranked


def _gaps(pieces: Sequence[PieceAlignment]) -> int:
    """Record words between the pieces: of two equally similar passages, the tighter wins."""
    found = sorted((p for p in pieces if p.found), key=lambda p: p.r0)
    return sum(max(0, b.r0 - a.r1) for a, b in itertools.pairwise(found))


def similarity(quote_words: int, pieces: Sequence[PieceAlignment]) -> float:
    """How alike the quote and its passage are, 0–100: 2·matched / (quote + record words).

    Record words the quote leaves out unmarked count half (an omission changes less than
    a changed word); those it marks with "…", and those between two sentences it joins,
    are not counted.
    """
    matched = sum(p.matched for p in pieces)
    if not matched:
        return 0.0
    covered = sum(p.r1 - p.r0 for p in pieces)
    left_out = sum(b.r1 - b.r0 for p in pieces for b in p.blocks if b.kind == "left out")
    return 200.0 * matched / (quote_words + covered - UNMARKED_OMISSION_DISCOUNT * left_out)


def _align_pieces(
    pieces: Sequence[Piece],
    quote: str,
    record: str,
    quote_norms: list[str],
    record_norms: list[str],
    floor: float,
) -> list[PieceAlignment]:
    """Each piece placed after the one before it, unless it fits much better elsewhere."""
    aligned: list[PieceAlignment] = []
    lo = 0
    for piece in pieces:
        here = align_piece(piece, quote, record, quote_norms, record_norms, lo, floor)
        if lo > 0:
            anywhere = align_piece(piece, quote, record, quote_norms, record_norms, 0, floor)
            if anywhere.similarity > here.similarity + OUT_OF_ORDER_MARGIN:
                here = anywhere
        if here.found:
            lo = max(lo, here.r1)
        aligned.append(here)
    return aligned


def _record_order(pieces: Sequence[PieceAlignment]) -> list[Block]:
    """The blocks of every piece (pieces in the order they sit in the record)."""
    blocks: list[Block] = []
    for piece in sorted(pieces, key=lambda p: (p.r0 if p.found else 1 << 30, p.piece.first)):
        blocks.extend(piece.blocks)
    return blocks


def _differences(
    text: str,
    words: list[Word],
    body: str,
    record_words: list[Word],
    pieces: Sequence[PieceAlignment],
    origin: int,
) -> list[WordDifference]:
    """The word-level differences, in record order, with offsets from `origin`."""
    found = sorted((p for p in pieces if p.found), key=lambda p: p.r0)
    missing = [p for p in pieces if not p.found]
    out: list[tuple[int, int, WordDifference]] = []

    def quote_text(q0: int, q1: int) -> str:
        return _flat(text[words[q0].start : words[q1 - 1].end]) if q1 > q0 else ""

    def record_text(r0: int, r1: int) -> str:
        return _flat(body[record_words[r0].start : record_words[r1 - 1].end]) if r1 > r0 else ""

    def at(r: int, low: int) -> int:
        """Character offset for an insertion before record word r (or after the last)."""
        if r > low and r - 1 < len(record_words):
            return record_words[r - 1].end - origin
        return record_words[min(r, len(record_words) - 1)].start - origin

    first_r = found[0].r0 if found else 0
    for piece in found:
        for block in piece.blocks:
            if block.kind == "equal":
                continue
            if block.kind == "added":
                where = at(block.r0, first_r)
                diff = WordDifference(
                    kind="added", quote=quote_text(block.q0, block.q1), start=where, end=where
                )
            else:
                diff = WordDifference(
                    kind=block.kind,
                    quote=quote_text(block.q0, block.q1),
                    record=record_text(block.r0, block.r1),
                    start=record_words[block.r0].start - origin,
                    end=record_words[block.r1 - 1].end - origin,
                )
            out.append((diff.start, block.q0, diff))
    for before, after in itertools.pairwise(found):
        if after.r0 <= before.r1:
            continue
        marked = after.piece.after_ellipsis and after.piece.first >= before.piece.last
        diff = WordDifference(
            kind="left out",
            record=record_text(before.r1, after.r0),
            start=record_words[before.r1].start - origin,
            end=record_words[after.r0 - 1].end - origin,
            marked=marked,
            joined=not marked,
        )
        out.append((diff.start, before.piece.last, diff))
    last = found[-1].r1 if found else 0
    for piece in missing:
        where = at(last, first_r)
        quoted = quote_text(piece.piece.first, piece.piece.last)
        out.append(
            (
                where,
                piece.piece.first,
                WordDifference(kind="added", quote=quoted, start=where, end=where),
            )
        )
    out.sort(key=lambda item: (item[0], item[1]))
    return [diff for _, _, diff in out]


def _paragraphs(turn: Turn, start: int, end: int) -> tuple[int, int]:
    """The paragraphs (from 1) holding the first and the last character of [start, end)."""
    first = last = 1
    for number, (p0, p1) in enumerate(turn.paragraph_offsets(), start=1):
        if p0 <= start < p1 + 2:
            first = number
        if p0 < end <= p1 + 2:
            last = number
    return first, max(first, last)


_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()

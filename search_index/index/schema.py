"""The Whoosh schema: one document per speaker turn."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from whoosh import columns, fields, formats
from whoosh.analysis import Analyzer, Token
from whoosh.system import pack_uint

from search_index.index.analysis import WORD_RE, is_kept, kept_stems, stem

#: Bump when the fields or the analysis change: an index of another version is rebuilt.
SCHEMA_VERSION = 5


class _WordAnalyzer(Analyzer):  # type: ignore[misc]
    """One pass over the words of a value, each turned into a term by `term` (or skipped)."""

    def prepare(self, value: str, mode: str) -> str:
        """The text whose words are indexed (the value itself, unless a subclass says)."""
        return value

    def term(self, word: str) -> str | None:
        """The indexed form of a word, or None to skip it."""
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Any:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in WORD_RE.finditer(self.prepare(value, mode)):
            word = match.group().lower()
            text = self.term(word)
            if text is None:
                continue
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class TextAnalyzer(_WordAnalyzer):
    """Whoosh face of `analysis.tokenize`: lower-case, drop stop words, Porter-stem.

    One pass, no filter chain: about twice as fast as Whoosh's StemmingAnalyzer, and it
    yields exactly the stems and positions that `analysis.tokenize` gives for highlighting.
    """

    def term(self, word: str) -> str | None:
        """The stem, or None for the words `analysis.is_kept` drops."""
        return stem(word) if is_kept(word) else None


class NameAnalyzer(_WordAnalyzer):
    """Lower-cased words, nothing dropped or stemmed: for speaker and outlet names."""

    def term(self, word: str) -> str | None:
        """The word itself."""
        return word


class FigureWords(str):
    """The words describing a turn's figures (`figure_words`), ready to be indexed."""

    __slots__ = ()


def figure_words(figures: Iterable[Any]) -> FigureWords:
    """The words of each figure's text, unit and kind ("18 billion yuan", "cny", "amount";
    "4.5", "change"), each word once, in order."""
    words: list[str] = []
    for figure in figures:
        # The label's words are the turn's own words, already in the text field.
        described = " ".join(part for part in (figure.text, figure.unit, figure.kind) if part)
        words.extend(m.group().lower() for m in WORD_RE.finditer(described))
    return FigureWords(" ".join(dict.fromkeys(words)))


class FigureAnalyzer(_WordAnalyzer):
    """Indexes the figures quoted in a turn: given the words of its figures (`FigureWords`,
    from the figures the indexer extracted and keeps), or a turn's text, whose figures it
    then finds itself.
    """

    def prepare(self, value: str, mode: str) -> str:
        """A query as typed and figure words as they are; a turn's text as the words
        describing its figures."""
        if mode == "query" or isinstance(value, FigureWords):
            return value
        from search_index.figures import extract_figures_from_text

        try:
            found = extract_figures_from_text(value)
        except Exception:  # a figure bug must never stop indexing
            found = []
        return figure_words(found)

    def term(self, word: str) -> str | None:
        """The word itself."""
        return word


class StemPositions(formats.Positions):  # type: ignore[misc]
    """Positions of the text field's stems, computed in one loop.

    Whoosh's Positions format runs the analyzer's token stream and collects positions per
    term; doing the same tokenizing here (`kept_stems`), without Token objects, and
    encoding the common single position from a table, makes indexing a turn's text about
    twice as fast. It yields exactly what TextAnalyzer and `Positions.encode` would.
    """

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Any:
        positions: dict[str, list[int]] = {}
        for pos, stemmed in enumerate(kept_stems(value)):
            found = positions.get(stemmed)
            if found is None:
                positions[stemmed] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        encode = self.encode
        for term, where in positions.items():
            count = len(where)
            # One position: concatenated afresh from the table, since the codec pickles a
            # block's values, and pickle writes an object seen twice as a reference.
            vbytes = _ONE_POSITION + _single_position(where[0]) if count == 1 else encode(where)
            yield (term, count, count * boost, vbytes)


#: `Positions.encode` of one position starts with the count 1 ...
_ONE_POSITION = pack_uint(1)


@lru_cache(maxsize=4096)
def _single_position(pos: int) -> bytes:
    """... then pickles the list of position deltas: here just [pos]."""
    return pickle.dumps([pos], 2)


def _text_field(analyzer: Any, stored: bool) -> Any:
    field = fields.TEXT(analyzer=analyzer, stored=stored, phrase=True)
    field.format = StemPositions(field_boost=1.0)
    return field


def build_schema() -> fields.Schema:
    """The current schema (see SCHEMA_VERSION)."""
    text = TextAnalyzer()
    names = NameAnalyzer()
    return fields.Schema(
        transcript=fields.ID(stored=True),
        # Titles are only filtered on (transcript:words), never phrase-searched: no positions.
        title=fields.TEXT(analyzer=text, stored=True, phrase=False),
        date=fields.DATETIME(stored=True),
        source=fields.ID(stored=True),
        # "<content sha256>\t<source>": the index's own manifest, read from the lexicon.
        source_state=fields.ID(),
        turn=fields.STORED(),
        speaker=fields.STORED(),  # display form; searched through speaker_text
        speaker_text=fields.TEXT(analyzer=names, phrase=True),
        kind=fields.ID(stored=True),
        asker=fields.STORED(),  # display form; searched through asker_text
        asker_text=fields.TEXT(analyzer=names, phrase=True),
        exchange=fields.STORED(),
        text=_text_field(text, stored=False),
        # The turn text for snippets, as a column: read only for the hits that get one,
        # so that loading a hit's small stored fields stays cheap.
        body=fields.COLUMN(columns.CompressedBytesColumn()),
        # Given the turn's text; indexes the words of the figures found in it.
        figures=fields.TEXT(analyzer=FigureAnalyzer(), phrase=False),
    )


def schema_signature(schema: fields.Schema) -> list[tuple[str, str]]:
    """Field names and types: compared on open to spot an index built by other code."""
    return [(name, type(field).__name__) for name, field in sorted(schema.items())]

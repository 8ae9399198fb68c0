"""Writing a Whoosh segment with less Python per posting: the same files, sooner.

Whoosh's SegmentWriter puts every posting of every document into a sorting pool as a
tuple `(field, term, docnum, weight, value)`, sorts them all when the segment is written,
then hands them one at a time to the codec, looking up the document's field length in the
length column it has just written for each one. At about 120 postings a turn that is most
of the cost of indexing. `TurnWriter` writes the very same segment (the same bytes in every
file: a test compares them) another way:

* `TermPool` keeps the postings grouped by field and term as they come: documents are
  added in order, so each term's postings are already in document order, and writing the
  segment sorts only the terms, not every posting. Past the writer's memory budget it
  spills sorted runs to disk as Whoosh's pool does, and merges them at the end.
* the values of small fields that repeat from turn to turn (the title, speaker and asker
  names, the source, the date) are analysed once per value, not once per turn.
* the field lengths are read once per field from the segment's length column, and a
  term's postings go into the codec's posting blocks a block at a time.

Private structures of Whoosh's codec are used (the posting writer's block buffers); the
writer falls back to Whoosh's own per-posting calls for any other codec.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3FieldWriter, W3PostingsWriter, _lenfield
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

#: Field values at most this long are analysed once per distinct value (per writer).
_CACHED_VALUE_CHARS = 200
#: Distinct values kept analysed, at most (the cache is emptied past it).
_CACHED_VALUES = 20_000
#: Estimated bytes a posting held in the pool costs, besides its value's bytes.
_POSTING_BYTES = 90
#: A field's length for each length byte (Whoosh stores lengths as one byte each).
_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]

#: A term's postings: document numbers, weights and encoded values, in document order.
Postings = tuple[list[int], list[float], list[bytes | None]]


class TermPool:
    """The postings of a segment being written, by field and term (see the module
    docstring). Whoosh's `PostingPool` interface where the writer uses it: `add` (one
    posting tuple, as `add_reader` gives them) and `cleanup`."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int) -> None:
        self.fields: dict[str, dict[bytes, Postings]] = {}
        self.fieldnames: set[str] = set()
        self._limit = limitmb * 1024 * 1024
        self._size = 0
        self._last_doc = -1
        self._in_order = True
        # Runs written past the memory budget: Whoosh's pool writes and merges them.
        self._spill = PostingPool(tempstore, segment, limitmb=limitmb)

    def add_doc(self, fieldname: str, docnum: int, terms: Iterable[tuple[Any, ...]]) -> None:
        """Add the postings `(term bytes, weight, value)` of one document's field."""
        if docnum < self._last_doc:  # not after every posting so far
            self._in_order = False
        self._last_doc = docnum
        by_term = self.fields.get(fieldname)
        if by_term is None:
            by_term = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        size = 0
        for tbytes, weight, vbytes in terms:
            postings = by_term.get(tbytes)
            if postings is None:
                postings = by_term[tbytes] = ([], [], [])
            postings[0].append(docnum)
            postings[1].append(weight)
            postings[2].append(vbytes)
            size += _POSTING_BYTES + len(vbytes or b"")
        self._size += size
        if self._size > self._limit:
            self._save_run()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Add one posting `(field, term bytes, docnum, weight, value)`, in any order
        (a merged segment's postings come term by term)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        by_term = self.fields.get(fieldname)
        if by_term is None:
            by_term = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = by_term.get(tbytes)
        if postings is None:
            postings = by_term[tbytes] = ([], [], [])
        elif docnum < postings[0][-1]:
            self._in_order = False
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(vbytes)
        self._last_doc = max(self._last_doc, docnum)
        self._size += _POSTING_BYTES + len(vbytes or b"")
        if self._size > self._limit:
            self._save_run()

    def _save_run(self) -> None:
        self._spill.current = list(self._tuples())
        self._spill.save()  # sorts them (if not in order) and writes a run
        self.fields = {}
        self._size = 0

    def _tuples(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for fieldname in sorted(self.fields):
            by_term = self.fields[fieldname]
            for tbytes in sorted(by_term):
                docs, weights, values = by_term[tbytes]
                for doc, weight, vbytes in zip(docs, weights, values, strict=True):
                    yield fieldname, tbytes, doc, weight, vbytes

    def terms(self) -> Iterator[tuple[str, bytes, Postings]]:
        """Every term's postings, by field and term, each in document order: the order
        of Whoosh's sorted pool."""
        if self._spill.runs:
            self._save_run()
            yield from _grouped(self._spill.items())
            return
        for fieldname in sorted(self.fields):
            by_term = self.fields[fieldname]
            for tbytes in sorted(by_term):
                postings = by_term[tbytes]
                if not self._in_order:
                    postings = _sorted_postings(postings)
                yield fieldname, tbytes, postings

    def cleanup(self) -> None:
        """Delete any run written to disk."""
        self._spill.cleanup()


def _sorted_postings(postings: Postings) -> Postings:
    ordered = sorted(zip(*postings, strict=True))
    return [p[0] for p in ordered], [p[1] for p in ordered], [p[2] for p in ordered]


def _grouped(
    items: Iterable[tuple[str, bytes, int, float, bytes | None]],
) -> Iterator[tuple[str, bytes, Postings]]:
    for (fieldname, tbytes), group in groupby(items, key=itemgetter(0, 1)):
        docs: list[int] = []
        weights: list[float] = []
        values: list[Any] = []
        for _f, _t, doc, weight, vbytes in group:
            docs.append(doc)
            weights.append(weight)
            values.append(vbytes)
        yield fieldname, tbytes, (docs, weights, values)


class TurnWriter(SegmentWriter):  # type: ignore[misc]
    """A Whoosh SegmentWriter that writes the same segment faster (module docstring)."""

    def __init__(self, ix: Any, limitmb: int = 128, **options: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **options)
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb)
        self._analysed: dict[tuple[str, type, Any], tuple[list[tuple[Any, ...]], int]] = {}
        # Spelling words and term vectors are written by Whoosh's own add_document.
        self._plain = any(
            field.separate_spelling() or field.vector for _name, field in self.schema.items()
        )

    def add_document(self, **fields: Any) -> None:
        """Add one document, as Whoosh's `add_document` does."""
        if self._plain:
            SegmentWriter.add_document(self, **fields)
            return
        self._check_state()
        schema = self.schema
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        add_doc = self.pool.add_doc
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    terms, freqs = self._analyse(fieldname, field, value)
                    add_doc(fieldname, docnum, [(t, w * fieldboost, v) for t, w, v in terms])
                    if field.scorable:
                        length = freqs
                customval = fields.get(f"_stored_{fieldname}", value)
                stored = customval if field.stored else None
                perdocwriter.add_field(fieldname, field, stored, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _analyse(self, fieldname: str, field: Any, value: Any) -> tuple[list[Any], int]:
        """The postings `(term bytes, weight, value)` of a field's value and the sum of
        their frequencies; a short value is analysed once per writer."""
        short = not isinstance(value, str) or len(value) <= _CACHED_VALUE_CHARS
        key = (fieldname, type(value), value)
        if short:
            try:
                found = self._analysed.get(key)
            except TypeError:  # an unhashable value (a list of words)
                short = False
                found = None
            if found is not None:
                # A fresh copy of each value, as analysing again would give: the codec
                # pickles a block's values, and pickle writes one object seen twice as a
                # reference, which would change the segment's bytes.
                terms, freqs = found
                return [(t, w, bytes(bytearray(v)) if v else v) for t, w, v in terms], freqs
        terms = []
        freqs = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            terms.append((tbytes, weight, vbytes))
            freqs += freq
        if short:
            if len(self._analysed) >= _CACHED_VALUES:
                self._analysed.clear()
            self._analysed[key] = (terms, freqs)
        return terms, freqs

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, lengths, self.pool.terms())
            self.fieldwriter.close()
        finally:
            if lengths is not None:
                lengths.close()


def write_postings(
    fieldwriter: Any,
    schema: Any,
    lengths: Any,
    terms: Iterable[tuple[str, bytes, Postings]],
) -> None:
    """Write every term's postings, in field and term order, as Whoosh's
    `FieldWriter.add_postings` does with the same postings one by one."""
    lastfield: str | None = None
    doc_lengths: list[Any] = []
    for fieldname, tbytes, (docs, weights, values) in terms:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfield = fieldname
            doc_lengths = _field_lengths(lengths, fieldname)
        fieldwriter.start_term(tbytes)
        if doc_lengths:
            term_lengths = [doc_lengths[d] if d < len(doc_lengths) else None for d in docs]
        else:
            term_lengths = [0] * len(docs)
        postwriter = getattr(fieldwriter, "_postwriter", None)
        if type(fieldwriter) is W3FieldWriter and type(postwriter) is W3PostingsWriter:
            _add_postings(postwriter, docs, weights, values, term_lengths)
        else:
            for doc, weight, vbytes, length in zip(
                docs, weights, values, term_lengths, strict=True
            ):
                fieldwriter.add(doc, weight, emptybytes if vbytes is None else vbytes, length)
        fieldwriter.finish_term()
    if lastfield is not None:
        fieldwriter.finish_field()


def _field_lengths(lengths: Any, fieldname: str) -> list[Any]:
    """Each document's length of `fieldname` as Whoosh's `doc_field_length` gives it
    (None for a document without one), or [] when the field keeps no lengths (0 each)."""
    if lengths is None:
        return []
    lenfield = _lenfield(fieldname)
    if not lengths.has_column(lenfield):
        return []
    reader = lengths.column_reader(lenfield, LENGTHS_COLUMN)
    table = _BYTE_LENGTHS
    return [table[b] if b else None for b in reader]


def _add_postings(
    postwriter: Any,
    docs: list[int],
    weights: list[float],
    values: list[bytes | None],
    lengths: list[Any],
) -> None:
    """`W3PostingsWriter.add_posting` for each posting, a block's worth at a time: the
    same blocks, weights and length bounds."""
    limit = postwriter._blocklimit
    start = 0
    total = len(docs)
    while start < total:
        if len(postwriter._ids) >= limit:
            postwriter._write_block()
        end = min(total, start + limit - len(postwriter._ids))
        postwriter._ids.extend(docs[start:end])
        chunk = weights[start:end]
        postwriter._weights.extend(chunk)
        heaviest = max(chunk)
        if heaviest > postwriter._maxweight:
            postwriter._maxweight = heaviest
        postwriter._values.extend(v for v in values[start:end] if v)
        known = [n for n in lengths[start:end] if n]
        if known:
            shortest = min(known)
            if postwriter._minlength is None or shortest < postwriter._minlength:
                postwriter._minlength = shortest
            longest = max(known)
            if longest > postwriter._maxlength:
                postwriter._maxlength = longest
        start = end

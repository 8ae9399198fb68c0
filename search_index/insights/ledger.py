"""The figures ledger: every figure of a library, grouped by what it measures.

A *measure* is a normalised label plus a unit. Labels are normalised with the search index's
own analysis (lower-cased words, stop words dropped, Porter stems), numbers and framing words
("total", "amount", "number" …) are left out, and what remains is compared as a set of stems.
Two labels with the same unit belong to one measure when their stem sets overlap enough
(Jaccard similarity ≥ `MERGE_SIMILARITY`, compared against every label already in the
measure), so "patent and trademark pledge financing" and "pledge financing of patents and
trademarks" (both {patent, trademark, pledg, financ}) are one measure, while "pledge
financing" and "intellectual property pledge financing" stay apart.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Literal

from search_index.models import SpeakerKind, Transcript

if TYPE_CHECKING:
    from search_index.figures.models import Figure
    from search_index.index.parsed_sections import KeptFigures

#: Labels whose stem sets are at least this similar (Jaccard) are one measure.
MERGE_SIMILARITY = 0.7

#: Words that frame a quantity rather than say what it is: "the total amount of X" is X.
FRAMING_WORDS: frozenset[str] = frozenset(
    {"total", "totals", "amount", "amounts", "number", "numbers", "figure", "figures", "sum"}
)

#: The measure name given to figures without a label.
UNLABELLED = "(unlabelled)"

SortKey = Literal["measure", "value", "date", "speaker"]
SORT_KEYS: tuple[SortKey, ...] = ("measure", "value", "date", "speaker")

FigureSource = Callable[[Transcript], Iterable["Figure"]]
"""Gives the figures of a transcript (by default `search_index.figures.figures_of_transcript`)."""


@lru_cache(maxsize=65536)
def label_terms(label: str | None) -> frozenset[str]:
    """The stems that identify what a label measures (empty for no label).

    Uses the search index's analysis; numbers and framing words are dropped unless
    nothing else would remain.
    """
    if not label:
        return frozenset()
    from search_index.index.analysis import stem, tokenize

    tokens = tokenize(label)
    framing = {stem(word) for word in FRAMING_WORDS}
    kept = {
        token.stem
        for token in tokens
        if token.stem not in framing and not any(ch.isdigit() for ch in token.word)
    }
    if kept:
        return frozenset(kept)
    return frozenset(token.stem for token in tokens)


_YEAR_RE = re.compile(r"(?<![\w.,$])((?:19|20)\d\d)(?:\s*[-–—]\s*((?:19|20)\d\d))?(?![\w%])")


_RIGHT_AFTER_RE = re.compile(r"\s*(?:,\s*)?(?:in|for|during|as of|by the end of)?\s*", re.I)


@lru_cache(maxsize=4096)
def _years_in(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """The years and spans of years a sentence names: (start, end, "2016-2020")."""
    return tuple(
        (
            match.start(),
            match.end(),
            match.group(1) if match.group(2) is None else f"{match.group(1)}-{match.group(2)}",
        )
        for match in _YEAR_RE.finditer(sentence)
    )


def period_of(sentence: str, start: int, end: int) -> str | None:
    """The year or span of years ("2019", "2016-2020") the figure at `start:end` belongs to.

    Only years written in the figure's own sentence count: one right after the figure
    ("… 11.5 trillion yuan in 2019") wins, then the nearest one before it ("In 2019, …
    reached 151.5 billion yuan"), then the nearest one after it. None when the sentence
    names no year.
    """
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for year_start, year_end, text in _years_in(sentence):
        if year_start < end and year_end > start:
            continue  # the figure itself
        if year_end <= start:
            before = (start - year_end, text)  # later matches are nearer
        elif after is None:
            if _RIGHT_AFTER_RE.fullmatch(sentence[end:year_start]):
                return text
            after = (year_start - end, text)
    if before is not None:
        return before[1]
    return None if after is None else after[1]


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two stem sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One figure in the ledger, with where and when it was said."""

    measure: str
    """Id of the measure (see `Measure.key`)."""
    measure_label: str
    value: float
    low: float | None
    high: float | None
    text: str
    """The figure as written ("218 billion yuan")."""
    unit: str | None
    kind: str
    qualifier: str | None
    label: str | None
    """The label the extractor gave this figure."""
    date: dt.date | None
    """The briefing's date."""
    speaker: str
    speaker_kind: str
    transcript_id: str
    title: str
    source: str
    turn: int
    start: int
    end: int
    """Span of the figure in the turn's text."""
    sentence: str
    period: str | None = None
    """The year (or span of years) the sentence ties the figure to, if it names one."""

    def sort_key(self, by: SortKey) -> tuple[object, ...]:
        """The key rows are sorted on for `by` (ties fall back to reading order)."""
        place = (self.transcript_id, self.turn, self.start)
        if by == "value":
            return (self.unit or "", self.value, *place)
        if by == "date":
            return (self.date or dt.date.max, self.title, *place)
        if by == "speaker":
            return (self.speaker.casefold(), self.date or dt.date.max, *place)
        return (
            self.measure_label == UNLABELLED,
            self.measure_label.casefold(),
            self.unit or "",
            self.date or dt.date.max,
            *place,
        )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """A dated value of a measure."""

    date: dt.date
    value: float
    row: LedgerRow


@dataclass(frozen=True, slots=True)
class Measure:
    """Figures that measure the same thing in the same unit."""

    key: str
    """Stable id: `<unit>:<stems of the first label, sorted, joined by +>`."""
    label: str
    """The label shown: the one used most often (then the shortest)."""
    unit: str | None
    labels: tuple[str, ...]
    """Every distinct label merged into this measure, most used first."""
    rows: tuple[LedgerRow, ...]
    """In order of date, then transcript and position."""

    @property
    def labelled(self) -> bool:
        """False for the catch-all measure of figures that have no label."""
        return self.label != UNLABELLED

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The distinct briefing dates the measure was quoted on, in order."""
        return tuple(sorted({row.date for row in self.rows if row.date is not None}))

    @property
    def series(self) -> tuple[SeriesPoint, ...]:
        """The dated values in date order (empty unless `has_series`)."""
        if not self.has_series:
            return ()
        points = [SeriesPoint(row.date, row.value, row) for row in self.rows if row.date]
        points.sort(key=lambda p: (p.date, p.row.transcript_id, p.row.turn, p.row.start))
        return tuple(points)

    @property
    def has_series(self) -> bool:
        """Whether the measure has values on two or more dates (and a label)."""
        return self.labelled and len(self.dates) >= 2


@dataclass(frozen=True, slots=True)
class Ledger:
    """The measures of a library and their figures."""

    measures: tuple[Measure, ...]
    """Labelled measures by label, then the unlabelled ones, each unit apart."""

    def rows(self, by: SortKey = "measure", descending: bool = False) -> list[LedgerRow]:
        """Every row, sorted by measure (default), value, date or speaker."""
        if by not in SORT_KEYS:
            from search_index.errors import InputError

            raise InputError(f"cannot sort by {by!r}: use one of {', '.join(SORT_KEYS)}")
        rows = [row for measure in self.measures for row in measure.rows]
        rows.sort(key=lambda row: row.sort_key(by), reverse=descending)
        return rows

    @property
    def series(self) -> tuple[Measure, ...]:
        """The measures with values on two or more dates."""
        return tuple(measure for measure in self.measures if measure.has_series)

    def measure(self, key: str) -> Measure | None:
        """The measure with id `key`, or None."""
        for measure in self.measures:
            if measure.key == key:
                return measure
        return None

    @property
    def units(self) -> tuple[str, ...]:
        """The units of the ledger's figures, sorted ("" for figures without one)."""
        return tuple(sorted({measure.unit or "" for measure in self.measures}))

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the ledger's figures, sorted."""
        return tuple(sorted({row.kind for m in self.measures for row in m.rows}))

    def filter(
        self,
        unit: str | None = None,
        kind: str | None = None,
        speaker: str | None = None,
        text: str | None = None,
    ) -> Ledger:
        """Only the rows with this unit / kind / speaker, in measures whose label has `text`.

        Unit, kind and speaker compare case-insensitively and exactly ("" matches figures
        without a unit). `text` matches a measure when it is a case-insensitive substring
        of one of its labels, or when all its words (stemmed) are in one of them, so
        "trademarks" finds "patent and trademark pledge financing".
        """
        kept: list[Measure] = []
        needle = text.casefold().strip() if text else None
        needle_terms = label_terms(needle) if needle else frozenset()
        for measure in self.measures:
            if unit is not None and (measure.unit or "").casefold() != unit.casefold():
                continue
            if needle and not any(
                needle in lab.casefold() or (needle_terms and needle_terms <= label_terms(lab))
                for lab in measure.labels
            ):
                continue
            rows = tuple(
                row
                for row in measure.rows
                if (kind is None or row.kind.casefold() == kind.casefold())
                and (speaker is None or row.speaker.casefold() == speaker.casefold())
            )
            if rows:
                kept.append(replace(measure, rows=rows))
        return Ledger(tuple(kept))

    def __len__(self) -> int:
        return sum(len(measure.rows) for measure in self.measures)


def _default_figures(transcript: Transcript) -> Iterable[Figure]:
    from search_index.figures import figures_of_transcript

    return figures_of_transcript(transcript)


#: The fields of a figure a ledger row is made of, in the order `_rows` takes them.
_FIGURE_FIELDS = (
    "turn",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "label",
    "qualifier",
    "kind",
    "sentence",
    "sentence_start",
)


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _rows_of(
    transcript: Transcript, figures: Iterable[Figure]
) -> list[tuple[LedgerRow, frozenset[str]]]:
    return _rows(
        transcript.id,
        transcript.title or _file_name(transcript.source),
        transcript.date,
        transcript.source,
        {turn.index: turn.speaker for turn in transcript.turns},
        {speaker.name: speaker.kind.value for speaker in transcript.speakers},
        map(attrgetter(*_FIGURE_FIELDS), figures),
    )


def kept_rows(kept: KeptFigures) -> list[tuple[LedgerRow, frozenset[str]]]:
    """The ledger rows of a transcript as the index keeps it (its figures as dictionaries,
    the speakers of its turns from its statistics): those `_rows_of` makes of it loaded."""
    stats = kept.stats
    return _rows(
        stats.transcript_id,
        stats.title or _file_name(kept.source),
        stats.date,
        kept.source,
        dict(stats.turn_speakers),
        {name: kind for name, kind, _turns, _words in stats.counts.speakers},
        map(itemgetter(*_FIGURE_FIELDS), kept.figures),
    )


def _rows(
    transcript_id: str,
    title: str,
    date: dt.date | None,
    source: str,
    speakers: dict[int, str],
    kinds: dict[str, str],
    figures: Iterable[tuple[Any, ...]],
) -> list[tuple[LedgerRow, frozenset[str]]]:
    """The rows of one transcript's figures, each given as its `_FIGURE_FIELDS`; `speakers`
    names the speaker of each turn, `kinds` each speaker's kind."""
    other = SpeakerKind.OTHER.value
    rows = []
    for (
        turn,
        start,
        end,
        text,
        value,
        low,
        high,
        unit,
        raw_label,
        qualifier,
        kind,
        sentence,
        sentence_start,
    ) in figures:
        speaker = speakers.get(turn, "")
        label = raw_label.strip() if raw_label else None
        row = LedgerRow(
            measure="",
            measure_label="",
            value=value,
            low=low,
            high=high,
            text=text,
            unit=unit,
            kind=kind,
            qualifier=qualifier,
            label=label or None,
            date=date,
            speaker=speaker,
            speaker_kind=kinds.get(speaker, other),
            transcript_id=transcript_id,
            title=title,
            source=source,
            turn=turn,
            start=start,
            end=end,
            sentence=sentence,
            period=period_of(sentence, start - sentence_start, end - sentence_start),
        )
        rows.append((row, label_terms(label)))
    return rows


@dataclass
class _Cluster:
    unit: str | None
    terms: list[frozenset[str]]
    rows: list[LedgerRow]


def build_ledger(
    transcripts: Sequence[Transcript],
    figures_of: FigureSource | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    kept: Iterable[KeptFigures] = (),
) -> Ledger:
    """Group every figure of `transcripts` (and of the transcripts as the index keeps
    them, `kept`: see `kept_rows`) into measures.

    `figures_of` gives a transcript's figures; the default runs the figures extractor.
    Transcripts with the same id are read once. `progress(done, total)` is called after
    each transcript; when `cancel` is set, no more transcripts are read and the ledger of
    those read so far is returned. The ledger does not depend on the order of the
    transcripts.
    """
    source = figures_of or _default_figures
    collected: list[tuple[LedgerRow, frozenset[str]]] = []
    seen: set[str] = set()
    for one in kept:
        if one.transcript_id not in seen:
            seen.add(one.transcript_id)
            collected.extend(kept_rows(one))
    total = len(transcripts)
    for done, transcript in enumerate(transcripts, start=1):
        if cancel is not None and cancel.is_set():
            break
        if transcript.id not in seen:
            seen.add(transcript.id)
            collected.extend(_rows_of(transcript, source(transcript)))
        if progress is not None:
            progress(done, total)

    # Distinct (unit, stem set), most used first: the common wording seeds each measure.
    by_terms: dict[tuple[str | None, frozenset[str]], list[LedgerRow]] = {}
    unlabelled: dict[str | None, list[LedgerRow]] = {}
    for row, terms in collected:
        if terms:
            by_terms.setdefault((row.unit, terms), []).append(row)
        else:
            unlabelled.setdefault(row.unit, []).append(row)
    order = sorted(
        by_terms.items(),
        key=lambda item: (-len(item[1]), (item[0][0] or ""), sorted(item[0][1])),
    )
    clusters: list[_Cluster] = []
    # Only a measure sharing a word with the label can be similar enough: look those up.
    by_stem: dict[tuple[str | None, str], set[int]] = {}
    for (unit, terms), rows in order:
        candidates = sorted(set().union(*(by_stem.get((unit, stem), set()) for stem in terms)))
        for number in candidates:
            cluster = clusters[number]
            if all(similarity(terms, other) >= MERGE_SIMILARITY for other in cluster.terms):
                cluster.terms.append(terms)
                cluster.rows.extend(rows)
                break
        else:
            number = len(clusters)
            clusters.append(_Cluster(unit, [terms], list(rows)))
        for stem in terms:
            by_stem.setdefault((unit, stem), set()).add(number)

    measures = [_measure(cluster.unit, cluster.terms[0], cluster.rows) for cluster in clusters]
    measures.sort(key=lambda m: (m.label.casefold(), m.unit or "", m.key))
    for unit in sorted(unlabelled, key=lambda u: u or ""):
        measures.append(_measure(unit, frozenset(), unlabelled[unit]))
    return Ledger(tuple(measures))


def _finish(row: LedgerRow, key: str, label: str) -> LedgerRow:
    # The rows are built by build_ledger and seen by nobody before their measure is known:
    # filling in the two fields in place is safe and much cheaper than dataclasses.replace.
    object.__setattr__(row, "measure", key)
    object.__setattr__(row, "measure_label", label)
    return row


def _measure(unit: str | None, terms: frozenset[str], rows: list[LedgerRow]) -> Measure:
    key = f"{unit or '-'}:{'+'.join(sorted(terms)) if terms else '-'}"
    counts = Counter(row.label for row in rows if row.label)
    labels = tuple(sorted(counts, key=lambda lab: (-counts[lab], len(lab), lab.casefold(), lab)))
    label = labels[0] if labels and terms else UNLABELLED
    ordered = sorted(
        rows,
        key=lambda r: (r.date or dt.date.max, r.transcript_id, r.turn, r.start),
    )
    return Measure(
        key=key,
        label=label,
        unit=unit,
        labels=labels if terms else (),
        rows=tuple(_finish(row, key, label) for row in ordered),
    )


_SCALE_NAMES: tuple[tuple[float, str], ...] = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float, unit: str | None) -> str:
    """A compact reading of a normalised value: "218 bn CNY", "43.9%", "42,000 cases"."""
    if unit == "%":
        return f"{_trim(value, 2)}%"
    magnitude = abs(value)
    number = _trim(value, 2)
    for divisor, name in _SCALE_NAMES:
        if magnitude >= divisor:
            number = f"{_trim(value / divisor, 2)} {name}"
            break
    return f"{number} {unit}" if unit else number

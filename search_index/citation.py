"""The one citation formatter: a quoted passage with who said it, where, when and in which file.

Two forms are supported:

* ``plain`` — ``"<passage>" — <Speaker>, <role>, <event title>, <place>, <date>
  (<source file name>, turn N[, paragraph K][; <web address>])`` on one line (paragraphs of
  a longer passage are kept, separated by a blank line, inside the quotation marks); the web
  address is there for a page `pressroom fetch` brought in;
* ``markdown`` — the passage as a blockquote whose last line is the attribution.

Turns and paragraphs are numbered from 1 wherever a person reads them — in a citation,
in the app, in `pressroom cite --turn N --paragraph K` and in its messages — while the
models and the JSON output keep their 0-based `index` (`turn_number` converts).

Parts the transcript does not know (a role, a place, a date…) are left out rather than
shown empty. The app, `pressroom cite` and anything else that quotes a transcript use the
functions of this module, so a citation reads the same wherever it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath
from typing import Literal, get_args

from search_index.errors import InputError
from search_index.models import Transcript, Turn

CitationFormat = Literal["plain", "markdown"]
"""The citation forms the formatter writes."""

CITATION_FORMATS: tuple[CitationFormat, ...] = get_args(CitationFormat)
"""Every citation form, in the order menus list them."""

_INNER_QUOTES = str.maketrans({'"': "'", "“": "‘", "”": "’"})


def check_format(name: str) -> CitationFormat:
    """`name` as a citation form; raises InputError for an unknown one."""
    for known in CITATION_FORMATS:
        if name == known:
            return known
    choices = ", ".join(CITATION_FORMATS)
    raise InputError(f"unknown citation format {name!r}: choose one of {choices}")


def format_date(date: dt.date | None) -> str | None:
    """A briefing date as the citation writes it (ISO 8601, e.g. 2021-04-25)."""
    return None if date is None else date.isoformat()


def source_name(transcript: Transcript) -> str:
    """The file name (without folders) the transcript was read from."""
    name = PurePath(transcript.source.replace("\\", "/")).name
    return name or transcript.source


def turn_number(turn_index: int) -> int:
    """The number a person reads for the turn whose 0-based index is `turn_index`."""
    return turn_index + 1


def attribution(transcript: Transcript, turn: Turn, paragraph: int | None = None) -> str:
    """Who said `turn`, at which event, where and when, and where it is in the record.

    For example: ``Shen Changyu, commissioner of …, SCIO briefing on …, Beijing,
    2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 4)``; with `paragraph` (its
    number in the turn, from 1) ``(…, turn 4, paragraph 2)``; a page fetched from the web
    adds its address: ``(briefing.html, turn 4; https://…)``.
    """
    speaker = transcript.speaker(turn.speaker)
    parts = [turn.speaker]
    if speaker is not None and speaker.role:
        parts.append(speaker.role)
    for extra in (transcript.title, transcript.location, format_date(transcript.date)):
        if extra:
            parts.append(" ".join(extra.split()))
    where = f"{source_name(transcript)}, turn {turn_number(turn.index)}"
    if paragraph is not None:
        where += f", paragraph {paragraph}"
    if transcript.source_url:
        where += f"; {transcript.source_url}"
    return f"{', '.join(parts)} ({where})"


def _clean_paragraphs(passage: str) -> list[str]:
    """The passage's paragraphs, each on one line, with empty ones dropped."""
    paragraphs = [" ".join(block.split()) for block in passage.split("\n\n")]
    return [paragraph for paragraph in paragraphs if paragraph]


def cite(
    passage: str,
    transcript: Transcript,
    turn: Turn,
    fmt: CitationFormat = "plain",
    paragraph: int | None = None,
) -> str:
    """`passage` (text said in `turn`) quoted and attributed in the form `fmt`; a passage
    that is one paragraph of the turn names it (`paragraph`, its number from 1).

    In the plain form, double quotation marks inside the passage become single ones so
    that the outer quotation stays unambiguous; the Markdown form keeps the text as it is.
    """
    fmt = check_format(fmt)
    paragraphs = _clean_paragraphs(passage)
    if not paragraphs:
        raise InputError(f"nothing to cite: turn {turn_number(turn.index)} has no text there")
    source = attribution(transcript, turn, paragraph)
    if fmt == "plain":
        quoted = "\n\n".join(block.translate(_INNER_QUOTES) for block in paragraphs)
        return f'"{quoted}" — {source}'
    lines: list[str] = []
    for block in paragraphs:
        if lines:
            lines.append(">")
        lines.append(f"> {block}")
    lines.extend([">", f"> — {source}"])
    return "\n".join(lines)


def find_turn(transcript: Transcript, turn_index: int) -> Turn:
    """The turn whose index is `turn_index`; raises InputError naming the valid range (in
    turn numbers, from 1)."""
    for turn in transcript.turns:
        if turn.index == turn_index:
            return turn
    if not transcript.turns:
        raise InputError(f"{source_name(transcript)} has no turns")
    first, last = transcript.turns[0].index, transcript.turns[-1].index
    raise InputError(
        f"there is no turn {turn_number(turn_index)} in {source_name(transcript)}: "
        f"its turns are numbered {turn_number(first)} to {turn_number(last)}"
    )


def cite_turn(
    transcript: Transcript,
    number: int,
    paragraph: int | None = None,
    fmt: CitationFormat = "plain",
) -> str:
    """Turn `number`, or its `paragraph`-th paragraph, quoted and attributed; both are
    numbered from 1, as the citation shows them."""
    if number < 1:
        raise InputError("turns are numbered from 1")
    turn = find_turn(transcript, number - 1)
    if paragraph is None:
        return cite(turn.text, transcript, turn, fmt)
    count = len(turn.paragraphs)
    if not 1 <= paragraph <= count:
        noun = "paragraph" if count == 1 else "paragraphs"
        raise InputError(f"turn {number} has {count} {noun}: there is no paragraph {paragraph}")
    return cite(turn.paragraphs[paragraph - 1], transcript, turn, fmt, paragraph)


def cite_turns(
    transcript: Transcript, turn_indices: Sequence[int], fmt: CitationFormat = "plain"
) -> str:
    """Several turns (say every turn of an answer), each quoted and attributed, in order.

    Turns without text are skipped; the citations are separated by a blank line.
    """
    blocks = []
    for turn_index in turn_indices:
        turn = find_turn(transcript, turn_index)
        if _clean_paragraphs(turn.text):
            blocks.append(cite(turn.text, transcript, turn, fmt))
    if not blocks:
        raise InputError("nothing to cite: those turns have no text")
    return "\n\n".join(blocks)


def cite_figure(
    figure_text: str,
    sentence: str,
    transcript: Transcript,
    turn: Turn,
    fmt: CitationFormat = "plain",
    paragraph: int | None = None,
) -> str:
    """A figure as it was written, then the sentence it comes from, quoted and attributed
    (naming the `paragraph` of the turn it is in, counted from 1, when given)."""
    quoted = cite(sentence, transcript, turn, fmt, paragraph)
    label = " ".join(figure_text.split())
    if fmt == "markdown":
        return f"**{label}**\n\n{quoted}"
    return f"{label}\n{quoted}"


def cite_span(
    transcript: Transcript, turn_index: int, start: int, end: int, fmt: CitationFormat = "plain"
) -> str:
    """Exactly `turn.text[start:end]` of one turn (say a few sentences), quoted and attributed
    (naming its paragraph when it lies within one).

    InputError names the turn's length when the range is empty or runs outside its text.
    """
    turn = find_turn(transcript, turn_index)
    if not 0 <= start < end <= len(turn.text):
        raise InputError(
            f"turn {turn_number(turn.index)} has {len(turn.text)} characters: "
            f"there is no range {start} to {end} in it"
        )
    within = [
        number
        for number, (low, high) in enumerate(turn.paragraph_offsets(), start=1)
        if low <= start and end <= high
    ]
    paragraph = within[0] if within else None
    return cite(turn.text[start:end], transcript, turn, fmt, paragraph)


def cite_spans(
    transcript: Transcript,
    spans: Sequence[tuple[int, int, int]],
    fmt: CitationFormat = "plain",
) -> str:
    """A range running over several turns, given as (turn, start, end) per turn in order:
    each turn's part quoted and attributed to its own speaker, separated by a blank line."""
    blocks = [
        cite_span(transcript, turn_index, start, end, fmt)
        for turn_index, start, end in spans
        if _clean_paragraphs(find_turn(transcript, turn_index).text[start:end])
    ]
    if not blocks:
        raise InputError("nothing to cite: the range holds no text")
    return "\n\n".join(blocks)

"""Mutated real transcripts and queries, and every output pressroom prints for them.

Shared by the property-based test (tests/unit/test_fuzz.py, a few seconds in the suite)
and the long run (benchmarks/fuzz.py). A mutation starts from a real briefing — the
bundled sample or a fixture in tests/data — and applies a few edits a hostile or unlucky
sender could make: escape sequences by every route (raw bytes, HTML references, YAML
escapes), Rich markup, repeated figures, front matter that is an alias bomb or nested
deep, HTML nesting, another encoding, cut or repeated passages, growth towards 1 MB.

`exercise(data, name)` parses like `pressroom parse` does and renders everything the
commands print; a `PressroomError` is the expected way to refuse (one line), anything
else is a failure, and so is a control character in any output.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from search_index.errors import PressroomError
from search_index.models import Transcript

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "assets" / "scio-2021-04-25-ipr-briefing.txt"

#: A control character other than newline and tab.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def base_transcripts() -> list[tuple[str, str]]:
    """(file name, text) of the real briefings mutations start from.

    The sample and every briefing in tests/data (the real-world corpus included); the
    figure fixtures (paragraphs dense
    with figures, no speakers) become one official's answer to a reporter's question.
    Files that are no briefing even then (notes, a binary file) are left out."""
    from search_index.parser import parse_bytes

    paths = [
        SAMPLE,
        *sorted(
            p
            for p in DATA.rglob("*")
            if p.suffix in {".txt", ".md", ".html"} and p.name not in {"README.md", "SOURCES.md"}
        ),
    ]
    bases = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for candidate in (text, f"Briefing\n\nReuters:\n\nThe figures?\n\nSpokesperson:\n\n{text}"):
            try:
                parse_bytes(candidate.encode("utf-8"), source=path.name)
            except PressroomError:
                continue
            bases.append((path.name, candidate))
            break
    return bases


# --- mutations -----------------------------------------------------------------------

#: Strings a hostile or careless sender puts into a transcript.
HOSTILE = (
    "\x1b]52;c;SGFja2Vk\x07",
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x9b31m",
    "\x07",
    "\x00",
    "\r",
    "\x85",
    "&#x1b;]0;T&#7;",
    "&#27;[2J",
    "&#155;",
    "&#0;",
    "&amp;#x1b;",
    "[/]",
    "[link=https://evil.example]x[/link]",
    "[bold red]",
    "[@click=app.quit]q[/]",
    "$var",
    "\\",
    "<div>" * 40,
    "</div></p>",
    "<script>x</script>",
    "\u202e",
    "\u0301" * 20,
    "\ufeff",
    "\t\t",
    "Q:",
    "MODERATOR:",
    "\n\nQ:\n\n",
    "\n\nMr. Smith (Reuters):\n\n",
    "18 billion yuan, 12.5%, 3,000 cases, two months, up 4.5 percentage points",
    "$1.6 trillion " * 30,
    "12% " * 200,
    "一千二百万元",
    "2021-13-45",
    "April 31, 2021",
)

FRONT_MATTER = (
    '---\ntitle: "T \\e]0;PWNED\\a"\ndate: 2021-13-45\nlocation: "\\x9b2J"\n---\n',
    "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\ntitle: *b\n---\n",
    "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\ndate: !!timestamp 2021-02-30\ntitle: !!binary aGk=\n---\n",
    "---\n" + "k: v\n" * 2000 + "---\n",
)


def _position(text: str, rng: random.Random) -> int:
    return rng.randrange(len(text) + 1)


def _insert(text: str, rng: random.Random) -> str:
    at = _position(text, rng)
    return text[:at] + rng.choice(HOSTILE) + text[at:]


def _insert_random(text: str, rng: random.Random) -> str:
    at = _position(text, rng)
    alphabet = "\x00\x1b\x07\x9b[]/<>&#;:\n\t \\\"'*$|-—…0123456789%abcXYZ年月日é\u200b"
    junk = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
    return text[:at] + junk + text[at:]


def _delete(text: str, rng: random.Random) -> str:
    start = _position(text, rng)
    return text[:start] + text[start + rng.randint(1, 2000) :]


def _repeat(text: str, rng: random.Random) -> str:
    start = _position(text, rng)
    piece = text[start : start + rng.randint(1, 300)]
    return text[:start] + piece * rng.randint(2, 60) + text[start:]


def _grow(text: str, rng: random.Random) -> str:
    """Towards 1 MB: the text repeated, as a long transcript or a concatenation would be."""
    target = rng.choice((100_000, 300_000, 600_000, 1_000_000))
    if not text:
        return text
    return (text * (target // len(text) + 1))[: target - rng.randint(0, 5000)]


def _shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    start = rng.randrange(len(lines))
    chunk = lines[start : start + rng.randint(2, 50)]
    rng.shuffle(chunk)
    return "\n".join([*lines[:start], *chunk, *lines[start + len(chunk) :]])


def _upper(text: str, rng: random.Random) -> str:
    start = _position(text, rng)
    end = start + rng.randint(1, 3000)
    return text[:start] + text[start:end].upper() + text[end:]


def _front_matter(text: str, rng: random.Random) -> str:
    return rng.choice(FRONT_MATTER) + text


def _as_html(text: str, rng: random.Random) -> str:
    depth = rng.choice((0, 3, 100, 600, 3000))
    body = "".join(f"<p>{_escape_html(p)}</p>" for p in text.split("\n\n"))
    title = _escape_html(text.split("\n", 1)[0])
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        + "<div>" * depth
        + f"<article>{body}</article>"
        + "</div>" * rng.randint(0, depth)
        + "</body></html>"
    )


def _escape_html(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return CONTROL.sub(lambda m: f"&#x{ord(m.group(0)):x};", text)


def _truncate(text: str, rng: random.Random) -> str:
    return text[: _position(text, rng)]


MUTATIONS: tuple[Callable[[str, random.Random], str], ...] = (
    _insert,
    _insert,
    _insert,
    _insert_random,
    _insert_random,
    _delete,
    _repeat,
    _repeat,
    _shuffle_lines,
    _upper,
    _front_matter,
    _as_html,
    _truncate,
)


def mutate(text: str, rng: random.Random, edits: int) -> str:
    """`text` after `edits` random mutations."""
    for _ in range(edits):
        text = rng.choice(MUTATIONS)(text, rng)
    return text


ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252", "latin-1")


def encode(text: str, rng: random.Random) -> bytes:
    """The text as a file would hold it: usually UTF-8, sometimes another encoding."""
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if rng.random() < 0.05:  # a few flipped bytes
        raw = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


def mutated_input(
    bases: list[tuple[str, str]], rng: random.Random, max_edits: int = 5, grow: float = 0.0
) -> tuple[str, bytes]:
    """A file name and its bytes: a real briefing after up to `max_edits` mutations, and
    with probability `grow` repeated towards 100 KB…1 MB first."""
    name, text = rng.choice(bases)
    if rng.random() < grow:
        text = _grow(text, rng)
    text = mutate(text, rng, rng.randint(1, max_edits))
    stem = name.rsplit(".", 1)[0]
    suffix = rng.choice((".txt", ".txt", ".md", ".html", Path(name).suffix))
    if rng.random() < 0.1:
        stem += rng.choice(("\x1b]0;PWNED\x07", "[/]", " \x9b2J"))
    return stem + suffix, encode(text, rng)


QUERY_WORDS = (
    "patent",
    "pledge financing",
    "yuan",
    "Shen",
    "trade",
    '"intellectual property"',
    "speaker:shen",
    'speaker:"Yu Cike"',
    "asker:Xinhua",
    "outlet:Reuters",
    "kind:press",
    "kind:official",
    "date:2021-04-25",
    "date:[2021-01-01 TO 2021-06-30]",
    "date:2021",
    "transcript:scio",
    "figure:yuan",
    "AND",
    "OR",
    "NOT",
    "-growth",
    "pat*",
    "s*",
    "*",
    "?",
    "te?t",
    "(",
    ")",
    '"',
    ":",
    "[",
    "]",
    "{",
    "}",
    "^2",
    "~",
    "\x1b]0;x\x07",
    "[/]",
    "中国",
    "é",
    "",
)


def mutated_query(rng: random.Random) -> str:
    """A query a person might type, mistyped, pasted or padded."""
    words = [rng.choice(QUERY_WORDS) for _ in range(rng.randint(1, 8))]
    if rng.random() < 0.1:
        words = ["("] * rng.randint(1, 30) + words + [")"] * rng.randint(0, 30)
    if rng.random() < 0.1:
        words = words * rng.randint(2, 20)
    joiner = rng.choice((" ", " ", "", " AND ", " OR "))
    return joiner.join(words)


# --- running every output ------------------------------------------------------------


@dataclass
class Outcome:
    """What parsing a file gave: a transcript's outputs, or the one-line refusal."""

    refusal: str | None = None
    outputs: dict[str, str] = field(default_factory=dict)

    def control_characters(self) -> list[str]:
        """'output: context' for every control character in an output or the refusal."""
        found = []
        texts = {"refusal": self.refusal or "", **self.outputs}
        for name, text in texts.items():
            found.extend(
                f"{name}: {text[max(m.start() - 20, 0) : m.end() + 20]!r}"
                for m in CONTROL.finditer(text)
            )
        return found


def parse_input(data: bytes, name: str) -> Transcript | str:
    """The transcript in `data`, or the one-line message a command would print."""
    from search_index.parser import parse_bytes

    try:
        return parse_bytes(data, source=name)
    except PressroomError as error:
        return str(error)


def exercise(data: bytes, name: str, kwic_term: str = "the") -> Outcome:
    """Parse `data` as file `name` and render every output of every command for it."""
    parsed = parse_input(data, name)
    if isinstance(parsed, str):
        return Outcome(refusal=parsed)
    return Outcome(outputs=render_everything(parsed, kwic_term))


def render_everything(
    transcript: Transcript, kwic_term: str = "the", tables: bool = True
) -> dict[str, str]:
    """Every output of parse, figures, cite, stats, ledger, kwic and export for a transcript,
    written as the commands write them (Rich tables to a non-terminal, JSON, CSV, Markdown).

    `tables=False` leaves out the Rich tables: laying out thousands of rows takes Rich
    seconds, and they show the same strings the other outputs hold."""
    from search_index.citation import cite_turn
    from search_index.figures import figures_of_transcript
    from search_index.insights.export import (
        exchanges_report,
        figures_report,
        kwic_report,
        ledger_report,
        render,
        stats_report,
    )
    from search_index.insights.kwic import kwic
    from search_index.insights.ledger import build_ledger
    from search_index.insights.stats import library_stats, question_rows
    from tui.cli import figures_cmd, kwic_cmd, ledger_cmd, stats_cmd
    from tui.cli.output import print_json
    from tui.cli.summary import print_summary

    outputs: dict[str, str] = {}

    def capture(name: str, write: Callable[[], object], table: bool = True) -> None:
        if table and not tables:
            return
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            write()
        outputs[name] = buffer.getvalue()

    figures = figures_of_transcript(transcript)
    rows = list(figures_cmd._rows(transcript, figures))
    capture("parse --json", lambda: print_json(transcript.to_json_dict()), table=False)
    capture("parse", lambda: print_summary(transcript))
    capture("figures --json", lambda: print_json(rows), table=False)
    capture("figures --csv", lambda: _write_csv(rows, figures_cmd.CSV_COLUMNS), table=False)
    capture("figures", lambda: figures_cmd._print_table(transcript, figures))
    middle = transcript.turns[len(transcript.turns) // 2].index
    for turn in sorted({transcript.turns[0].index, middle}):
        for fmt in ("plain", "markdown"):
            try:
                outputs[f"cite {turn} {fmt}"] = cite_turn(transcript, turn, None, fmt)
            except PressroomError as error:  # a turn with no text: a one-line refusal
                outputs[f"cite {turn} {fmt}"] = str(error)
    library = [transcript]
    stats = library_stats(library)
    ledger = build_ledger(library, lambda t: figures)
    try:
        found = kwic(library, kwic_term)
    except PressroomError as error:
        found = None
        outputs["kwic"] = str(error)
    reports = {
        "stats": stats_report(stats),
        "ledger": ledger_report(ledger),
        "export figures": figures_report(ledger.rows("date")),
        "export exchanges": exchanges_report(question_rows(library)),
    }
    if found is not None:
        reports["kwic"] = kwic_report(found)
        capture("kwic table", lambda: kwic_cmd._print_kwic(found))
    for name, report in reports.items():
        for fmt in ("json", "csv", "markdown"):
            outputs[f"{name} --{fmt}"] = render(report, fmt)
    capture(
        "stats table",
        lambda: stats_cmd._print_facets(
            _stdout_console(), stats.speakers, stats.outlets, stats.answers, library=True
        ),
    )
    capture("ledger table", lambda: ledger_cmd._print_ledger(ledger, "measure", False, True))
    json.loads(outputs["parse --json"])  # the JSON is JSON
    return outputs


def _write_csv(rows: list[dict[str, object]], columns: tuple[str, ...]) -> None:
    import csv
    import sys

    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _stdout_console() -> object:
    from rich.console import Console

    return Console()

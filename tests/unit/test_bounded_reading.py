"""Small inputs with huge costs are refused or read cheaply: files, front matter, HTML."""

from __future__ import annotations

import datetime as dt
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from search_index.errors import InputError
from search_index.library import gather_sources, load_library
from search_index.parser import decoding, load_transcript, parse_document
from search_index.parser.decoding import read_file, read_stream
from search_index.parser.frontmatter import MAX_DEPTH, split_front_matter
from search_index.parser.html import html_to_text, nesting_depth
from tests.support.hostile import BODY, alias_bomb

# --- front matter --------------------------------------------------------------------


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    text = alias_bomb()
    assert len(text.encode()) < 500
    tracemalloc.start()
    try:
        meta, body = split_front_matter(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert meta is not None
    assert meta.warnings == ["front matter ignored: it uses a YAML alias (*a)"]
    assert meta.title is None
    assert body == "\n" * 12 + BODY
    assert peak < 2 * 2**20  # the expansion would take gigabytes


def test_front_matter_with_aliases_still_gives_a_transcript() -> None:
    transcript = parse_document(alias_bomb(), source="bomb.md", suffix=".md")
    assert [t.speaker for t in transcript.turns] == ["President Lagarde", "Anna Berg"]
    assert transcript.warnings[0] == "front matter ignored: it uses a YAML alias (*a)"


@pytest.mark.parametrize(
    "value",
    ["[" * 10_000 + "]" * 10_000, "{a: " * 5_000 + "1" + "}" * 5_000],
    ids=["sequences", "mappings"],
)
def test_deeply_nested_front_matter_is_ignored_with_a_warning(value: str) -> None:
    meta, _ = split_front_matter(f"---\ntitle: {value}\n---\n{BODY}")
    assert meta is not None
    assert meta.warnings == [f"front matter ignored: nested more than {MAX_DEPTH} levels deep"]


def test_front_matter_nested_up_to_the_limit_is_read() -> None:
    """The document's mapping, MAX_DEPTH - 2 lists and the value: MAX_DEPTH levels."""

    def front(lists: int) -> str:
        nested = "[" * lists + "x" + "]" * lists
        return f"---\ntitle: Budget\nextra: {nested}\n---\n{BODY}"

    meta, _ = split_front_matter(front(MAX_DEPTH - 2))
    assert meta is not None
    assert (meta.title, meta.warnings) == ("Budget", [])
    meta, _ = split_front_matter(front(MAX_DEPTH - 1))
    assert meta is not None
    assert (meta.title, meta.warnings) == (
        None,
        [f"front matter ignored: nested more than {MAX_DEPTH} levels deep"],
    )


@pytest.mark.parametrize(
    ("value", "date", "warnings"),
    [
        ("2024-06-06", dt.date(2024, 6, 6), []),
        ("2024-06-06T10:00:00Z", dt.date(2024, 6, 6), []),
        ("June 6, 2024", dt.date(2024, 6, 6), []),
        ("2001-12-14 21:59:43.10 -5", dt.date(2001, 12, 14), []),
        ("2021-13-45", None, ["front matter date '2021-13-45' is not a calendar date: ignored"]),
        (
            "!!timestamp 2021-02-30",
            None,
            ["front matter date '2021-02-30' is not a calendar date: ignored"],
        ),
        ("[1, 2]", None, ["front matter date is not a date but a list or mapping: ignored"]),
        ("null", None, []),
    ],
)
def test_front_matter_dates(value: str, date: dt.date | None, warnings: list[str]) -> None:
    meta, _ = split_front_matter(f"---\ntitle: T\ndate: {value}\n---\n{BODY}")
    assert meta is not None
    assert (meta.title, meta.date, meta.warnings) == ("T", date, warnings)


def test_an_invalid_date_is_ignored_and_the_transcript_kept(data_dir: Path) -> None:
    text = (data_dir / "formats" / "ecb-press-conference.md").read_text(encoding="utf-8")
    transcript = parse_document(
        text.replace("date: 2024-06-06", "date: 2021-13-45"), source="ecb.md", suffix=".md"
    )
    assert transcript.title == "Monetary policy press conference"
    assert transcript.date is None
    assert transcript.warnings == (
        "front matter date '2021-13-45' is not a calendar date: ignored",
        "no date found in the header",
    )
    assert [t.speaker for t in transcript.turns] == [
        "President Lagarde",
        "Anna Berg",
        "President Lagarde",
    ]


def test_a_huge_block_between_rules_is_text_not_front_matter() -> None:
    text = "---\n" + "Ada Lim: words.\n" * 5_000 + "---\n"
    assert split_front_matter(text) == (None, text)


# --- HTML ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "depth"),
    [
        ("<div><div><span>x</span></div></div>", 3),
        ("<p>a<p>b<p>c<li>d<li>e<td>f", 0),
        ("<ul><li>x<li>y</ul><ul><li>z</ul>", 1),
        ("<br/><img src=x><hr><svg><path/></svg>", 1),
        ("<!-- <div><div><div> --><div></div>", 1),
        ("<script>document.write('<div><div><div>')</script><div>", 1),
        ("<STYLE>div > div {}</style><Div><DIV></div></div>", 2),
        ("</div></div><div>", 1),
    ],
)
def test_nesting_depth_counts_elements_that_nest(markup: str, depth: int) -> None:
    assert nesting_depth(markup, 100) == depth


def test_nesting_depth_stops_past_the_limit() -> None:
    assert nesting_depth("<div>" * 60_000, 512) == 513


def test_html_nested_60000_deep_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import selectolax.lexbor

    def never(*args: object) -> None:
        raise AssertionError("the HTML parser was given the page")

    monkeypatch.setattr(selectolax.lexbor, "LexborHTMLParser", never)
    markup = "<html><body>" + "<div>" * 60_000 + "<p>A: b</p>" + "</div>" * 60_000
    with pytest.raises(InputError) as raised:
        html_to_text(markup, "deep.html")
    assert str(raised.value) == (
        "deep.html: the HTML is nested more than 512 elements deep "
        "(no web page is; this one cannot be read)"
    )


def test_html_as_deep_as_allowed_is_read(data_dir: Path) -> None:
    page = (data_dir / "formats" / "mfa-briefing.html").read_text(encoding="utf-8")
    flat = html_to_text(page)
    depth = nesting_depth(page, 512)
    wrapped = page.replace("<main>", "<div>" * (512 - depth) + "<main>").replace(
        "</main>", "</main>" + "</div>" * (512 - depth)
    )
    assert nesting_depth(wrapped, 512) == 512
    assert html_to_text(wrapped) == flat


def test_deep_boilerplate_around_many_paragraphs_is_read() -> None:
    """500 nested containers around 20,000 paragraphs (770 KB), the outer half named like
    sharing widgets but holding the article: every paragraph is kept. The old extraction
    read each paragraph's text once per enclosing container (12 s on this page)."""
    markup = (
        "<html><body>"
        + '<div class="share">' * 250
        + "<main>"
        + '<div class="x">' * 250
        + "<p>MODERATOR: hello there.</p>" * 20_000
        + "</div>" * 250
        + "</main>"
        + "</div>" * 250
    )
    page = html_to_text(markup)
    assert page.text == "MODERATOR: hello there.\n\n" * 19_999 + "MODERATOR: hello there.\n"


# --- files ---------------------------------------------------------------------------


@pytest.fixture()
def odd_folder(tmp_path: Path, sample_file: Path) -> Path:
    """A library folder with the sample, a named pipe, a device link and a link loop."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "sample.txt").write_bytes(sample_file.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "broken.txt").symlink_to("gone.txt")
    (folder / "self").symlink_to(".")
    return folder


def test_special_files_are_refused_before_they_are_opened(
    odd_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = os.open

    def record(path: object, *args: int) -> int:
        opened.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", record)
    reasons = {}
    for name in ("pipe.txt", "zero.txt", "loop-a.txt", "broken.txt", "self"):
        with pytest.raises(InputError) as raised:
            read_file(odd_folder / name)
        reasons[name] = str(raised.value).removeprefix(f"{odd_folder / name}: ")
    assert reasons == {
        "pipe.txt": "not a regular file (a named pipe); only files are read",
        "zero.txt": "not a regular file (a character device); only files are read",
        "loop-a.txt": "a symbolic link loop",
        "broken.txt": "a broken symbolic link",
        "self": "is a folder, not a transcript file",
    }
    assert opened == []


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # 300 MB, sparse: nothing is written
        handle.truncate(300 * 2**20)
    tracemalloc.start()
    try:
        with pytest.raises(
            InputError, match=r"huge.txt: too large \(300 MB; the limit is 256 MB\)"
        ):
            read_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2**20


def test_no_more_than_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decoding, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match=r"<stdin>: too large"):
        read_stream(io.BytesIO(b"A: b\n" * 10_000))
    assert read_stream(io.BytesIO(b"A: b\n" * 200)) == b"A: b\n" * 200


def test_a_library_with_odd_files_loads_the_rest(odd_folder: Path) -> None:
    found, missing = gather_sources([odd_folder])
    assert missing == []
    assert sorted(p.name for p in found) == [
        "broken.txt",
        "loop-a.txt",
        "loop-b.txt",
        "pipe.txt",
        "sample.txt",
        "zero.txt",
    ]
    loaded = load_library([odd_folder])
    assert [t.source for t in loaded.transcripts] == [str(odd_folder / "sample.txt")]
    assert sorted((p.name, reason) for p, reason in loaded.skipped) == [
        ("broken.txt", "a broken symbolic link"),
        ("loop-a.txt", "a symbolic link loop"),
        ("loop-b.txt", "a symbolic link loop"),
        ("pipe.txt", "not a regular file (a named pipe); only files are read"),
        ("zero.txt", "not a regular file (a character device); only files are read"),
    ]


def test_a_named_special_file_gets_its_reason(odd_folder: Path) -> None:
    found, missing = gather_sources([odd_folder / "pipe.txt", odd_folder / "loop-a.txt"])
    assert (found, missing) == ([odd_folder / "pipe.txt", odd_folder / "loop-a.txt"], [])
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file \(a named pipe\)"):
        load_transcript(odd_folder / "pipe.txt")

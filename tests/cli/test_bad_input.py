"""Bad input: a one-line message and exit code 2, never a traceback; other encodings decoded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search_index.errors import InputError, NotATranscriptError
from search_index.parser import load_transcript, parse_bytes
from search_index.parser.decoding import decode_bytes
from tui.cli import main


def run_parse(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["parse", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(err: str, fragment: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pressroom: ")
    assert fragment in lines[0]


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_parse(tmp_path / "nope.txt", capsys)
    assert (code, out) == (2, "")
    assert_one_line_error(err, "nope.txt: no such file")


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_parse(tmp_path, capsys)
    assert code == 2
    assert_one_line_error(err, "is a folder, not a transcript file")


@pytest.mark.parametrize("content", [b"", b"   \n\n \t \n"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "empty.txt: the file is empty")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "not a text file (binary data)")


def test_pdf_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "not a text file (a PDF document: export or copy its text first)")


def test_undecodable_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 30)
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "cannot tell the text encoding")


def test_text_without_speaker_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "essay.txt"
    path.write_text("An essay about trade.\n\nIt has paragraphs but nobody speaks.\n")
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "essay.txt: no speaker turns found")
    with pytest.raises(NotATranscriptError):
        load_transcript(path)


def test_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("A: b\n")

    def refuse(name: object, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(name))

    # Tests may run as root, whom file modes do not stop: refuse the open itself.
    monkeypatch.setattr(os, "open", refuse)
    code, _, err = run_parse(path, capsys)
    assert code == 2
    assert_one_line_error(err, "secret.txt: cannot be read (permission denied)")


def test_huge_file_parses(tmp_path: Path, sample_file: Path) -> None:
    """A 50 MB file (the sample 1,100 times over) parses; its speed is in benchmarks/."""
    data = sample_file.read_bytes()
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        for _ in range(1100):
            out.write(data)
    assert path.stat().st_size > 50_000_000
    transcript = load_transcript(path)
    assert len(transcript.turns) == 25 * 1100
    assert len(transcript.exchanges) == 9 * 1100
    assert transcript.turns[-1].speaker == "Xing Huina"


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import search_index.parser.decoding as decoding

    monkeypatch.setattr(decoding, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("A:\n\n" + "word " * 1000)
    with pytest.raises(InputError, match=r"big.txt: too large \(0 MB; the limit is 0 MB\)"):
        load_transcript(path)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_sample_in_other_encodings(sample_file: Path, encoding: str) -> None:
    text = sample_file.read_text(encoding="utf-8").replace("\n", "\r\n")
    transcript = parse_bytes(text.encode(encoding), source="sample")
    assert transcript.encoding == ("utf-16" if encoding == "utf-16" else encoding)
    assert len(transcript.turns) == 25
    assert len(transcript.exchanges) == 9
    assert "(2016–2020)" in transcript.turns[1].text


def test_gb18030() -> None:
    text = (
        "发布会\n\n主持人：\n\n各位记者，上午好。\n\n"
        "新华社：\n\n请问今年的目标是什么？\n\n张明：\n\n增长百分之五。\n"
    )
    transcript = parse_bytes(text.encode("gb18030"), source="cn.txt")
    assert transcript.encoding == "gb18030"
    assert [t.speaker for t in transcript.turns] == ["主持人", "新华社", "张明"]
    assert transcript.turns[2].text == "增长百分之五。"


def test_mojibake_and_control_characters_repaired() -> None:
    text = "Briefing\n\nAda Lim:\n\nWe said \u00e2\u20ac\u0153no\u00e2\u20ac\x9d to\x07 it.\n"
    transcript = parse_bytes(text.encode("utf-8"), source="m.txt")
    assert transcript.turns[0].text == "We said \u201cno\u201d to it."


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Report 报告：Ada Lim: growth " * 50, "gb18030", "gb18030"),
        ("发布会上，发言人说今年增长百分之五。" * 200, "gb18030", "gb18030"),
        ("Café – naïve “quoted” text £5. " * 200, "cp1252", "cp1252"),
        ("회의 보고서 오늘 발표 " * 50, "euc_kr", "euc_kr"),
    ],
)
def test_legacy_encodings_are_told_apart(text: str, encoding: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.encoding == expected
    assert decoded.text == text


def test_html_page_without_turns_is_not_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>News</title></head><body><article><h1>Markets</h1>"
        "<p>Shares rose on Monday.</p></article></body></html>"
    )
    with pytest.raises(NotATranscriptError, match=r"news.html: no speaker turns found"):
        load_transcript(path)


def test_broken_front_matter_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("---\ntitle: [unclosed\n---\n\nAda Lim:\n\nGood morning.\n")
    transcript = load_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == [("Ada Lim", "Good morning.")]


def test_repaired_mojibake_is_reported_as_a_warning() -> None:
    text = "Briefing\n\nAda Lim:\n\nWe said \u00e2\u20ac\u0153no\u00e2\u20ac\x9d.\n"
    transcript = parse_bytes(text.encode("utf-8"), source="m.txt")
    assert transcript.warnings[-1] == (
        "mojibake repaired (the text had been decoded with the wrong encoding)"
    )


@pytest.mark.parametrize("command", [["parse", "-"], ["index", "-", "--index-dir", "ix"]])
def test_standard_input_is_read_up_to_the_limit(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`cat /dev/zero | pressroom parse -` is refused once past the limit, not read forever."""
    import io
    import sys

    from search_index.parser import decoding

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(decoding, "MAX_BYTES", 1000)
    stream = io.BytesIO(b"\0" * 10_000_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    code = main(command)
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert_one_line_error(captured.err, "<stdin>: too large (0 MB; the limit is 0 MB)")
    assert stream.tell() == 1001

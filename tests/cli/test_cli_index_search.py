"""`pressroom index` and `pressroom search`: output, the JSON contract, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture(autouse=True)
def _no_real_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands without --index-dir must not touch the user's real data folder."""
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "default-index"))


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory, library_dir: Path) -> Path:
    """An index built by `pressroom index` over the test library."""
    index_dir = tmp_path_factory.mktemp("cli-index")
    assert main(["index", str(library_dir), "--index-dir", str(index_dir)]) == 0
    return index_dir


def test_index_prints_a_summary(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(library_dir, lib)
    index_dir = tmp_path / "index"
    assert main(["index", str(lib), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 added, 0 updated, 0 removed, 0 unchanged, 2 skipped — 31 turns written" in out
    assert f"skipped {lib / 'notes.md'}: no speaker turns found" in out
    assert f"skipped {lib / '2021' / 'broken.txt'}: not a text file (binary data)" in out
    assert "the index holds 31 turns from 2 transcript file(s)" in out

    assert main(["index", str(lib), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "index up to date: 2 unchanged, nothing to do, 2 skipped" in out

    (lib / "2021" / "mfa-2021-06-15-briefing.txt").unlink()
    assert main(["index", "--index-dir", str(index_dir)]) == 0  # no PATH: the known ones
    out = capsys.readouterr().out
    assert "0 added, 0 updated, 1 removed, 1 unchanged, 2 skipped" in out
    assert "the index holds 25 turns from 1 transcript file(s)" in out


def test_index_uses_the_environment_folder_by_default(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(library_dir / "2021")]) == 0
    assert (tmp_path / "default-index" / "manifest.json").is_file()
    capsys.readouterr()
    assert main(["search", "squatting", "--json"]) == 0
    assert [hit["speaker"] for hit in json.loads(capsys.readouterr().out)] == ["Lin Qiao"]


def test_index_of_a_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(tmp_path / "nope"), "--index-dir", str(tmp_path / "i")]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"pressroom: {tmp_path / 'nope'}: no such file or folder\n"
    assert not (tmp_path / "i").exists()


def test_index_with_nothing_to_index_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--index-dir", str(tmp_path / "i")]) == 2
    assert capsys.readouterr().err == (
        "pressroom: nothing to index: give transcript files or folders (pressroom index PATH…)\n"
    )


def test_index_without_paths_after_the_manifest_is_lost_rechecks_the_indexed_files(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    assert main(["index", str(library_dir), "--index-dir", str(index_dir)]) == 0
    (index_dir / "manifest.json").unlink()
    capsys.readouterr()
    assert main(["index", "--index-dir", str(index_dir)]) == 0
    captured = capsys.readouterr()
    # (The blank line after it is the finished progress bar's.)
    assert [line for line in captured.err.splitlines() if line] == [
        "pressroom: note: the index no longer knows which files and folders it was given; "
        "re-checking the 2 file(s) it holds (name the folders again to pick up new files)"
    ]
    assert "index up to date: 2 unchanged, nothing to do" in captured.out
    assert "the index holds 31 turns from 2 transcript file(s)" in captured.out


def test_a_second_index_run_gives_up_after_waiting(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from search_index.index.lock import IndexLock

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with IndexLock(index_dir):
        code = main(["index", str(library_dir), "--index-dir", str(index_dir), "--wait", "0.1"])
    assert code == 2
    assert capsys.readouterr().err == (
        f"pressroom: another pressroom process is updating the index at {index_dir}; "
        "waited 0.1 s, try again when it is done\n"
    )


def test_an_index_on_a_file_system_without_locks_exits_2_at_once(
    tmp_path: Path,
    library_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import fcntl
    import os

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    index_dir = tmp_path / "index"
    assert main(["index", str(library_dir), "--index-dir", str(index_dir)]) == 2
    assert capsys.readouterr().err == (
        f"pressroom: cannot lock the index at {index_dir}: its file system does not support "
        "file locks (No locks available); put the index on a local disk (--index-dir or "
        "$PRESSROOM_INDEX_DIR)\n"
    )


def test_search_json_contract(cli_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", '"pledge financing"', "--index-dir", str(cli_index), "--json"])
    assert code == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 5
    first = hits[0]
    assert {"transcript", "turn", "speaker", "exchange", "asker", "score", "snippet"} <= set(first)
    assert {k: first[k] for k in ("transcript", "turn", "speaker", "exchange", "asker")} == {
        "transcript": "31a75f1c6b67cac6",
        "turn": 11,
        "speaker": "Shen Changyu",
        "exchange": 3,
        "asker": "China Financial and Economic News",
    }
    assert first["date"] == "2021-04-25"
    assert first["speaker_kind"] == "official"
    assert isinstance(first["score"], float)
    for start, end in first["matches"]:
        assert first["snippet"][start:end].lower() == "pledge financing"
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def test_search_limit_and_words_joined(cli_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "pledge", "financing", "--index-dir", str(cli_index), "--json"])
    assert code == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    code = main(["search", "patent", "--limit", "2", "--index-dir", str(cli_index), "--json"])
    assert code == 0
    assert [hit["turn"] for hit in json.loads(capsys.readouterr().out)] == [6, 21]


def test_search_with_no_hits_prints_an_empty_list(
    cli_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "zeppelin", "--index-dir", str(cli_index), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert captured.err == ""


def test_search_repairs_are_noted_on_stderr(
    cli_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", '"pledge financing', "--index-dir", str(cli_index), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 5
    assert captured.err == "pressroom: note: closed an unbalanced quote\n"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("AND", "nothing to search for in 'AND' (ignored a dangling AND)"),
        ("*", "nothing to search for in '*' (ignored a lone *)"),
        ("date:2021-02-30", "date:2021-02-30 is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    ],
)
def test_an_unusable_query_exits_2_with_one_line(
    cli_index: Path, capsys: pytest.CaptureFixture[str], query: str, message: str
) -> None:
    assert main(["search", query, "--index-dir", str(cli_index), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"pressroom: {message}\n"


def test_search_without_an_index_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "patent", "--index-dir", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == (
        f"pressroom: no index at {tmp_path / 'none'}: build one with `pressroom index PATH`\n"
    )
    assert not (tmp_path / "none").exists()


def test_search_prints_readable_hits(cli_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "squatting", "--index-dir", str(cli_index)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 of 3 matching turns for squatting\n")
    assert "Lin Qiao (on a question from Reuters)" in out
    assert "He Zhimin (on a question from Phoenix TV)" in out
    assert "Trademark squatting the names of celebrities" in out


def test_search_no_hits_readable(cli_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zeppelin", "--index-dir", str(cli_index)]) == 0
    assert capsys.readouterr().out == "no turns match zeppelin\n"


def test_bad_limit_is_refused(cli_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["search", "patent", "--limit", "0", "--index-dir", str(cli_index)])
    assert caught.value.code == 2
    assert "argument --limit: must be at least 1" in capsys.readouterr().err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path, cli_index: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "search", "(", "--index-dir", str(cli_index)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "pressroom: nothing to search for in '(' "
        "(closed an unbalanced bracket; ignored empty brackets)\n"
    )


def test_index_reads_a_transcript_from_standard_input(tmp_path: Path, sample_file: Path) -> None:
    """`pressroom index -` keeps the piped text in the index folder and indexes it."""
    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "tui", "index", "-", "--index-dir", str(index_dir)]
    for _ in range(2):
        result = subprocess.run(
            command, input=sample_file.read_bytes(), capture_output=True, check=False
        )
        assert result.returncode == 0, result.stderr
    kept = sorted((index_dir / "piped").iterdir())
    assert [path.name for path in kept] == ["31a75f1c6b67cac6.txt"]
    assert kept[0].read_bytes() == sample_file.read_bytes()
    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "search",
            "squatting",
            "--json",
            "--index-dir",
            str(index_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    speakers = {hit["speaker"] for hit in json.loads(found.stdout)}
    assert speakers == {"He Zhimin", "Phoenix TV"}


def test_index_in_a_script_says_nothing_on_standard_error(
    tmp_path: Path, sample_file: Path
) -> None:
    """The progress bar is for a terminal: with standard error redirected, nothing at all
    (it used to leave an empty line there)."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "index", str(sample_file), "--index-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("the index holds 25 turns from 1 transcript file(s)\n")


def test_index_refuses_piped_text_that_is_not_a_transcript(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "index", "-", "--index-dir", str(tmp_path / "index")],
        input=b"Just some notes.\n\nNobody speaks here.\n",
        capture_output=True,
        text=False,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "pressroom: <stdin>: no speaker turns found "
        "(expected lines such as 'Name:' before each turn)"
    )
    assert not (tmp_path / "index" / "piped").exists()


def test_four_hundred_nested_brackets_exit_2_with_one_line(
    cli_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = "(" * 400 + "growth" + ")" * 400
    assert main(["search", query, "--index-dir", str(cli_index)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "pressroom: the query nests brackets, NOT, - or + more than 32 deep: write it more simply\n"
    )


def test_a_search_out_of_time_says_its_hits_are_partial(
    cli_index: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import itertools

    import search_index.index.whoosh_speedups as speedups

    class Clock:  # moves a second each time it is read: the budget is spent at once
        ticks = itertools.count()

        def monotonic(self) -> float:
            return float(next(self.ticks))

    monkeypatch.setattr(speedups, "time", Clock())
    args = ["search", "patent", "--json", "--time-limit", "0.5", "--index-dir", str(cli_index)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert captured.err == (
        "pressroom: note: the search stopped after 0.5 s: these are the best hits of the "
        "turns it looked at (--time-limit to allow longer)\n"
    )

"""The citation formatter, the settings file and `pressroom cite`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from search_index.citation import (
    attribution,
    check_format,
    cite,
    cite_figure,
    cite_turn,
    cite_turns,
    find_turn,
    source_name,
)
from search_index.errors import InputError
from search_index.models import Speaker, SpeakerKind, Transcript, Turn
from search_index.settings import Settings, default_settings_path, load_settings, save_settings
from tui.cli import main as cli_main

EVENT = (
    "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and accelerating "
    "the building of China's strength in intellectual property"
)
SHEN = "Shen Changyu, commissioner of the China National Intellectual Property Administration"


def _turn(index: int, speaker: str, *paragraphs: str) -> Turn:
    return Turn(
        index=index,
        speaker=speaker,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        line_start=1,
        line_end=2,
    )


@pytest.fixture()
def bare() -> Transcript:
    """A transcript that knows no title, place, date or roles."""
    return Transcript(
        id="0123456789abcdef",
        source="C:\\briefings\\untitled.txt",
        speakers=(Speaker(name="Spokesperson"), Speaker(name="Reporter", kind=SpeakerKind.PRESS)),
        turns=(
            _turn(0, "Reporter", "Any comment?"),
            _turn(1, "Spokesperson", "First point.", 'We call it "steady" growth.'),
            _turn(2, "Spokesperson", "   "),
        ),
    )


def test_plain_citation_of_a_sample_paragraph(sample_transcript: Transcript) -> None:
    text = cite_turn(sample_transcript, 5, paragraph=5)
    assert text == (
        '"For the next stage, the NIPA will further implement the guiding principles from '
        "General Secretary Xi Jinping's important speeches and promote and do our work well "
        "to celebrate the centenary of the founding of the CPC through extraordinary "
        f'performance. Thank you." — {SHEN}, {EVENT}, Beijing, 2021-04-25 '
        "(scio-2021-04-25-ipr-briefing.txt, turn 5, paragraph 5)"
    )


def test_markdown_citation_of_a_whole_turn(sample_transcript: Transcript) -> None:
    text = cite_turn(sample_transcript, 9, fmt="markdown")
    assert text == (
        "> Mr. Yu will answer this question.\n"
        ">\n"
        f"> — {SHEN}, {EVENT}, Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 9)"
    )


def test_markdown_keeps_paragraphs_and_inner_quotes(sample_transcript: Transcript) -> None:
    text = cite_turn(sample_transcript, 12, fmt="markdown")
    lines = text.split("\n")
    assert lines[0].startswith("> Thank you for your question. Innovation is inseparable")
    assert '"dual insurance" and "dual support."' in lines[0]
    assert lines[1] == ">"
    assert lines[2].startswith("> First, we have vigorously promoted")
    assert len([line for line in lines if line.startswith("> ") and len(line) > 2]) == 6
    assert lines[-2:] == [
        ">",
        f"> — {SHEN}, {EVENT}, Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 12)",
    ]


def test_plain_turns_inner_double_quotes_into_single(sample_transcript: Transcript) -> None:
    text = cite_turn(sample_transcript, 12, paragraph=1)
    assert "a kind of 'dual insurance' and 'dual support.' In recent years" in text
    assert text.count('"') == 2


def test_a_press_turn_has_no_role(sample_transcript: Transcript) -> None:
    text = cite_turn(sample_transcript, 23)
    assert text.endswith(
        f'IP disputes overseas? Thank you." — Xinhua News Agency, {EVENT}, Beijing, '
        "2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 23)"
    )


def test_unknown_parts_are_left_out(bare: Transcript) -> None:
    assert source_name(bare) == "untitled.txt"
    assert attribution(bare, bare.turns[1]) == "Spokesperson (untitled.txt, turn 2)"
    assert attribution(bare, bare.turns[1], 2) == "Spokesperson (untitled.txt, turn 2, paragraph 2)"
    assert cite_turn(bare, 2) == (
        "\"First point.\n\nWe call it 'steady' growth.\" — Spokesperson (untitled.txt, turn 2)"
    )


def test_several_turns_are_cited_one_by_one(sample_transcript: Transcript) -> None:
    text = cite_turns(sample_transcript, (8, 9))
    first, rest = text.split("\n\n", 1)
    assert first == (
        f'"Mr. Yu will answer this question." — {SHEN}, {EVENT}, Beijing, 2021-04-25 '
        "(scio-2021-04-25-ipr-briefing.txt, turn 9)"
    )
    assert rest.startswith('"During the 13th Five-Year Plan period, guided by Xi Jinping')
    assert rest.endswith(
        "— Yu Cike, director general of the Copyright Management Department of the Publicity "
        "Department of the Central Committee of the Communist Party of China, "
        f"{EVENT}, Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 10)"
    )


def test_empty_turns_are_skipped_and_nothing_at_all_is_an_error(bare: Transcript) -> None:
    assert cite_turns(bare, (2, 0)) == '"Any comment?" — Reporter (untitled.txt, turn 1)'
    with pytest.raises(InputError, match=r"^nothing to cite: those turns have no text$"):
        cite_turns(bare, (2,))
    with pytest.raises(InputError, match=r"^nothing to cite: turn 3 has no text there$"):
        cite_turn(bare, 3)


def test_figure_citation(sample_transcript: Transcript) -> None:
    turn = sample_transcript.turns[4]
    sentence = "We formulated and issued opinions on implementation and introduced 134 concrete "
    sentence += "measures."
    plain = cite_figure("134", sentence, sample_transcript, turn)
    assert plain == (
        f'134\n"{sentence}" — {SHEN}, {EVENT}, Beijing, 2021-04-25 '
        "(scio-2021-04-25-ipr-briefing.txt, turn 5)"
    )
    markdown = cite_figure("218 billion\nyuan", "It reached 218 billion yuan.", bare_copy(), turn)
    assert markdown.startswith("218 billion yuan\n")
    assert cite_figure("134", sentence, sample_transcript, turn, paragraph=1).endswith(
        "(scio-2021-04-25-ipr-briefing.txt, turn 5, paragraph 1)"
    )
    md = cite_figure("134", sentence, sample_transcript, turn, "markdown")
    assert md.startswith(f"**134**\n\n> {sentence}\n>\n> — {SHEN}, ")


def bare_copy() -> Transcript:
    """A minimal transcript for a figure's citation."""
    return Transcript(id="f" * 16, source="x.txt", title="Event", date=dt.date(2024, 1, 2))


def test_bad_turn_paragraph_and_format(sample_transcript: Transcript, bare: Transcript) -> None:
    with pytest.raises(InputError) as error:
        cite_turn(sample_transcript, 41)
    assert str(error.value) == (
        "there is no turn 41 in scio-2021-04-25-ipr-briefing.txt: its turns are numbered 1 to 25"
    )
    with pytest.raises(InputError, match=r"^turns are numbered from 1$"):
        cite_turn(sample_transcript, 0)
    with pytest.raises(InputError) as error:
        cite_turn(sample_transcript, 9, paragraph=2)
    assert str(error.value) == "turn 9 has 1 paragraph: there is no paragraph 2"
    with pytest.raises(InputError) as error:
        cite_turn(sample_transcript, 5, paragraph=0)
    assert str(error.value) == "turn 5 has 5 paragraphs: there is no paragraph 0"
    with pytest.raises(InputError) as error:
        check_format("html")
    assert str(error.value) == "unknown citation format 'html': choose one of plain, markdown"
    empty = Transcript(id="e" * 16, source="empty.txt")
    with pytest.raises(InputError, match=r"^empty\.txt has no turns$"):
        find_turn(empty, 0)
    assert check_format("markdown") == "markdown"
    assert cite("  spaced \n out  ", bare, bare.turns[0]) == (
        '"spaced out" — Reporter (untitled.txt, turn 1)'
    )


# --- settings ---------------------------------------------------------------------------


def test_settings_default_when_missing(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == Settings(citation_format="plain")


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    assert save_settings(Settings(citation_format="markdown"), path) == path
    assert json.loads(path.read_text("utf-8")) == {"citation_format": "markdown"}
    assert load_settings(path).citation_format == "markdown"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '{"citation_format": "html"}', "\x00\x01", ""],
)
def test_bad_settings_files_give_the_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_unknown_and_bad_keys_are_dropped_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"citation_format": "markdown", "theme": 3}', encoding="utf-8")
    assert load_settings(path).citation_format == "markdown"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert load_settings(path) == Settings()


def test_the_default_path_is_in_the_user_config_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    calls: list[tuple[object, ...]] = []

    def fake(*args: object, **kwargs: object) -> str:
        calls.append(args)
        return str(tmp_path / "cfg")

    monkeypatch.setattr(platformdirs, "user_config_dir", fake)
    assert default_settings_path() == tmp_path / "cfg" / "settings.json"
    assert calls == [("pressroom",)]
    save_settings(Settings(citation_format="markdown"))
    assert load_settings().citation_format == "markdown"


# --- pressroom cite ------------------------------------------------------------------------


@pytest.fixture()
def user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The user's config folder, redirected into tmp."""
    import platformdirs

    folder = tmp_path / "config"
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(folder))
    return folder


def test_cli_cite_plain(
    sample_file: Path, user_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["cite", str(sample_file), "--turn", "9"]) == 0
    out = capsys.readouterr().out
    assert out == (
        f'"Mr. Yu will answer this question." — {SHEN}, {EVENT}, Beijing, 2021-04-25 '
        "(scio-2021-04-25-ipr-briefing.txt, turn 9)\n"
    )


def test_cli_cite_paragraph_markdown(
    sample_file: Path, user_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(
        ["cite", str(sample_file), "--turn", "12", "--paragraph", "2", "--format", "markdown"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("> First, we have vigorously promoted intellectual property pledge")
    assert out.endswith("(scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 2)\n")


def test_cli_cite_follows_the_saved_choice(
    sample_file: Path, user_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_settings(Settings(citation_format="markdown"))
    assert (user_config / "settings.json").is_file()
    assert cli_main(["cite", str(sample_file), "--turn", "9"]) == 0
    assert capsys.readouterr().out.startswith("> Mr. Yu will answer this question.\n>\n")
    assert cli_main(["cite", str(sample_file), "--turn", "9", "--format", "plain"]) == 0
    assert capsys.readouterr().out.startswith('"Mr. Yu will answer this question." — ')


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--turn", "99"],
            "pressroom: there is no turn 99 in scio-2021-04-25-ipr-briefing.txt: "
            "its turns are numbered 1 to 25\n",
        ),
        (
            ["--turn", "9", "--paragraph", "4"],
            "pressroom: turn 9 has 1 paragraph: there is no paragraph 4\n",
        ),
        (["--turn", "9", "--paragraph", "0"], "pressroom: paragraphs are numbered from 1\n"),
        (["--turn", "0"], "pressroom: turns are numbered from 1\n"),
    ],
)
def test_cli_cite_bad_numbers(
    sample_file: Path,
    user_config: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    assert cli_main(["cite", str(sample_file), *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message


def test_cli_cite_missing_file_and_bad_arguments(
    tmp_path: Path, user_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert cli_main(["cite", str(missing), "--turn", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pressroom: ") and "nope.txt" in err
    assert err.count("\n") == 1
    for bad in (["--turn", "x"], ["--turn", "-3"], ["--turn", "1", "--format", "html"], []):
        with pytest.raises(SystemExit) as exit_info:
            cli_main(["cite", str(missing), *bad])
        assert exit_info.value.code == 2
        assert "Traceback" not in capsys.readouterr().err


def test_cli_open_rejects_a_missing_path_and_a_non_terminal(
    tmp_path: Path,
    sample_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    assert cli_main(["open", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == f"pressroom: {tmp_path / 'missing'}: no such file or folder\n"
    # standard input is not a terminal (even under `pytest -s` in a terminal)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli_main(["open", str(sample_file)]) == 2
    assert capsys.readouterr().err == (
        "pressroom: the app needs a terminal; for scripts use `pressroom parse` or "
        "`pressroom cite`\n"
    )

"""The issue's real-terminal scenario, driven through tmux as a new user would.

`pressroom` starts on the bundled sample in a 160×48 tmux window (with
`set -g set-clipboard on`): the nine questions are listed, the first answer's figures
("134 concrete measures") are in the sidebar; `/`, "pledge financing", Enter brings up the
China Financial and Economic News exchange with "218 billion yuan" on screen; `c` puts a
cited passage naming Shen Changyu into tmux's paste buffer; `q` quits.

Skipped when tmux is not installed. The tmux server is private (its own socket name) and
every user folder of the app is redirected into tmp.

Every step waits on what the terminal shows, never on a pause: keys are sent once the
screen shows the app ready for them. A notification is looked for in everything the app
wrote (the pane's output is logged), not on the live screen, where a busy machine could
miss it between two looks. The only clock is a generous limit against a hung app, and a
wait ends at once, with the last screen, if the app exits.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

#: How long to wait for the screen to show something before giving up on a hung app (not
#: a speed check: on an idle machine each wait takes a second or two).
PATIENCE = 300.0
#: Escape sequences in the pane's output (CSI, OSC, and two-character ones).
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
ROOT = Path(__file__).resolve().parents[2]


class Tmux:
    """A private tmux server running one session."""

    def __init__(self, socket: str, config: Path, log: Path) -> None:
        self.socket = socket
        self.config = config
        self.log = log

    def __call__(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-L", self.socket, "-f", str(self.config), *arguments],
            capture_output=True,
            text=True,
            check=check,
            timeout=30,
        )

    def screen(self) -> str:
        """The characters in the pane."""
        return self("capture-pane", "-p", "-t", "app").stdout

    def buffer(self) -> str:
        """The newest paste buffer, or "" when there is none."""
        result = self("show-buffer", check=False)
        return result.stdout if result.returncode == 0 else ""

    def alive(self) -> bool:
        """Whether the app's session still exists."""
        return self("has-session", "-t", "app", check=False).returncode == 0

    def written(self) -> str:
        """Everything the app has written to the pane so far, without escape sequences."""
        raw = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return ESCAPES.sub("", raw)

    def wait_for(
        self, what: str, test: Callable[[], bool], show: Callable[[], str], *, exits: bool = False
    ) -> None:
        """Poll until `test()` holds; fail with what was on screen if the app exits first
        (unless exiting is what is awaited) or seems hung."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if test():
                return
            if not exits and not self.alive():
                pytest.fail(f"the app exited while waiting for {what}; last seen:\n{show()}")
            time.sleep(0.1)
        pytest.fail(f"waited {PATIENCE:.0f} s for {what}; last seen:\n{show()}")

    def wait_for_output(self, text: str) -> None:
        """Wait until the app has written `text` to the pane at some moment."""
        self.wait_for(repr(text), lambda: text in self.written(), self.screen)

    def wait_for_text(self, *texts: str) -> str:
        """Poll the pane until every one of `texts` is on it; return the screen."""
        screen = ""

        def visible() -> bool:
            nonlocal screen
            screen = self.screen()
            return all(text in screen for text in texts)

        self.wait_for(" and ".join(repr(t) for t in texts), visible, lambda: screen)
        return screen


@pytest.fixture()
def tmux(tmp_path: Path) -> Tmux:
    """A tmux server of our own, with the clipboard integration on; killed afterwards."""
    config = tmp_path / "tmux.conf"
    config.write_text(
        'set -g set-clipboard on\nset -g default-terminal "tmux-256color"\n', encoding="utf-8"
    )
    server = Tmux(
        f"pressroom-test-{os.getpid()}-{uuid.uuid4().hex[:8]}", config, tmp_path / "pane.log"
    )
    yield server  # type: ignore[misc]
    server("kill-server", check=False)


def test_a_new_user_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PRESSROOM_INDEX_DIR": str(tmp_path / "index"),
        "PYTHONPATH": str(ROOT),
        "TERM_PROGRAM": "tmux",
    }
    # COLUMNS/LINES (set by the test run) would pin the app to 80×24: the pane decides.
    command = shlex.join(
        [
            "env",
            "-u",
            "COLUMNS",
            "-u",
            "LINES",
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            "-m",
            "tui",
        ]
    )
    tmux("new-session", "-d", "-s", "app", "-x", "160", "-y", "48", "-c", str(tmp_path), command)
    tmux("pipe-pane", "-t", "app", "-o", f"cat >> {shlex.quote(str(tmux.log))}")

    screen = tmux.wait_for_text(
        "9 Xinhua News Agency", "134 measures · concrete measures", "Figures (3)"
    )
    for number, outlet in enumerate(
        (
            "China Media Group",
            "Guangming Daily",
            "China Daily",
            "China Financial and Economic News",
            "Phoenix TV",
            "Red Star News",
            "ThePaper.cn",
            "CRI",
            "Xinhua News Agency",
        ),
        start=1,
    ):
        assert f"{number} {outlet}" in screen

    tmux("send-keys", "-t", "app", "/")
    tmux("send-keys", "-t", "app", "-l", "pledge financing")
    tmux("send-keys", "-t", "app", "Enter")
    screen = tmux.wait_for_text("/23", "─ 4 China Financial and Economic News ─")
    assert "218 billion yuan" in screen
    assert "16 hits" in screen

    tmux("send-keys", "-t", "app", "c")
    tmux.wait_for(
        "a citation in the paste buffer", lambda: "Shen Changyu" in tmux.buffer(), tmux.buffer
    )
    pasted = tmux.buffer()
    assert pasted.startswith('"Thank you for your question. Innovation is inseparable')
    assert pasted.endswith(
        "— Shen Changyu, commissioner of the China National Intellectual Property "
        "Administration, SCIO briefing on implementing the Outline of the 14th Five-Year Plan "
        "and accelerating the building of China's strength in intellectual property, "
        "Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 11)"
    )
    tmux.wait_for_output(f"Copied {len(pasted)} characters")

    tmux("send-keys", "-t", "app", "q")
    tmux.wait_for("the app to quit", lambda: not tmux.alive(), tmux.screen, exits=True)


def test_a_crafted_briefing_cannot_drive_the_terminal(tmux: Tmux, tmp_path: Path) -> None:
    """The issue's crafted page: opening it set the terminal title and wrote "Hacked" into
    the clipboard (OSC 52) three times with no key pressed, and `C` copied the escapes.

    Everything the app writes is logged: until `C`, it holds no OSC sequence (title,
    clipboard, link) and no control character outside Textual's CSI sequences."""
    from tests.support.hostile import HOSTILE_NAME, controls_in, escaped_html

    library = tmp_path / "library"
    library.mkdir()
    (library / HOSTILE_NAME).write_text(escaped_html(), encoding="utf-8")
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PRESSROOM_INDEX_DIR": str(tmp_path / "index"),
        "PYTHONPATH": str(ROOT),
        "TERM_PROGRAM": "tmux",
    }
    command = shlex.join(
        [
            "env",
            "-u",
            "COLUMNS",
            "-u",
            "LINES",
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            "-m",
            "tui",
            str(library),
        ]
    )
    tmux("new-session", "-d", "-s", "app", "-x", "160", "-y", "48", "-c", str(tmp_path), command)
    tmux("pipe-pane", "-t", "app", "-o", f"cat >> {shlex.quote(str(tmux.log))}")
    title_before = tmux("display", "-p", "-t", "app", "#{pane_title}").stdout
    screen = tmux.wait_for_text("Will the minister attend?]52;c;SGFja2Vk", "─ 1 AFP ─", "Figures (")
    assert "The minister will lead]52;c;SGFja2Vk the delegation." in screen
    raw = tmux.log.read_text(encoding="utf-8", errors="replace")
    # Textual's own OSC is 22 (the mouse pointer's shape): no title, clipboard or link.
    assert set(re.findall(r"\x1b\](\d*)", raw)) <= {"22"}
    textual = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\]22;[a-z-]*(?:\x07|\x1b\\)|\x1b[=>78]"
    assert controls_in(re.sub(textual, "", raw)) == []
    assert tmux("display", "-p", "-t", "app", "#{pane_title}").stdout == title_before
    assert "PWNED" not in title_before
    assert tmux("list-buffers").stdout == ""

    tmux("send-keys", "-t", "app", "C")
    tmux.wait_for("a citation in the paste buffer", lambda: "Lin Hua" in tmux.buffer(), tmux.buffer)
    pasted = tmux.buffer()
    assert controls_in(pasted) == []
    assert pasted.startswith('"The minister will lead]52;c;SGFja2Vk the delegation.')
    assert len(tmux("list-buffers").stdout.splitlines()) == 1
    assert tmux("display", "-p", "-t", "app", "#{pane_title}").stdout == title_before
    tmux("send-keys", "-t", "app", "q")
    tmux.wait_for("the app to quit", lambda: not tmux.alive(), tmux.screen, exits=True)

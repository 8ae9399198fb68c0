"""Cold start of the app, in a real pseudo-terminal: process start → first screen.

Each run starts `python -m tui open PATH` in a fresh process attached to a 160×48 pty (as a
terminal would), reads what it draws, and notes when (a) the question list is on screen
("China Media Group" for the sample) and (b) the first answer's figures are listed
("concrete measures"); then it presses q and waits for the exit. User folders are
redirected into a temporary folder; the index is built beforehand ("warm") or not at all
("fresh": the app indexes while the first screen is already up).

    python benchmarks/app_startup.py --runs 10
    python benchmarks/app_startup.py --runs 5 --library benchmarks/data/synth-10000 \
        --first-screen "Opening remarks" --figures "measures"
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_index.sample import sample_path  # noqa: E402

WIDTH, HEIGHT = 160, 48
TIMEOUT = 120.0


def run_once(
    sources: list[Path], home: Path, first: str, figures: str
) -> tuple[float, float | None, float]:
    """Seconds from exec to the first screen, to the figures, and to the exit after q."""
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(
        {
            "TERM": "xterm-256color",
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "PRESSROOM_INDEX_DIR": str(home / "index"),
            "PYTHONPATH": str(ROOT),
        }
    )
    argv = [sys.executable, "-m", "tui", "open", *(str(source) for source in sources)]
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the app
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    seen = b""
    first_at: float | None = None
    figures_at: float | None = None
    quit_sent = False
    try:
        while True:
            if time.perf_counter() - started > TIMEOUT:
                raise TimeoutError(f"no {first!r} / {figures!r} after {TIMEOUT:.0f} s")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                now = time.perf_counter()
                if first_at is None and first.encode() in seen:
                    first_at = now - started
                if figures_at is None and figures.encode() in seen:
                    figures_at = now - started
            if first_at is not None and figures_at is not None and not quit_sent:
                os.write(fd, b"q")
                quit_sent = True
        os.waitpid(pid, 0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.close(fd)
    assert first_at is not None
    return first_at, figures_at, time.perf_counter() - started


def warm_index(sources: list[Path], index_dir: Path) -> None:
    """Build the index the app will find up to date."""
    from search_index.index import LibraryIndex

    with LibraryIndex.open(index_dir) as index:
        index.update(sources)


def main() -> None:
    """Run the measurements and print a Markdown table row per case."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--library", type=Path, default=None, help="default: the sample")
    parser.add_argument("--first-screen", default="China Media Group")
    parser.add_argument("--figures", default="concrete measures")
    args = parser.parse_args()
    sources = [args.library] if args.library else [sample_path()]
    label = args.library.name if args.library else "sample"
    for case in ("warm index", "fresh index"):
        firsts: list[float] = []
        figures: list[float] = []
        for _ in range(args.runs):
            home = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
            try:
                if case == "warm index":
                    warm_index(sources, home / "index")
                first, fig, _total = run_once(sources, home, args.first_screen, args.figures)
            finally:
                shutil.rmtree(home, ignore_errors=True)
            firsts.append(first)
            if fig is not None:
                figures.append(fig)
        firsts.sort()
        figures.sort()
        p90 = firsts[max(0, int(len(firsts) * 0.9 + 0.5) - 1)]
        fig_median = f"{statistics.median(figures):.2f}" if figures else "—"
        print(
            f"| {label} | {case} | {args.runs} | {statistics.median(firsts):.2f} | "
            f"{p90:.2f} | {firsts[0]:.2f} | {fig_median} |"
        )


if __name__ == "__main__":
    main()

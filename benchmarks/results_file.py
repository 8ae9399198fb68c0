"""benchmarks/RESULTS.md, and the one way a benchmark's `--write` replaces its section."""

from __future__ import annotations

import platform
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def write_section(heading: str, section: str) -> None:
    """Replace the section that starts with `heading` (up to the next `## `) by `section`,
    or add it at the end; every other section is left as it is."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + len(heading))
        end = len(text) if nxt < 0 else nxt + 1
        text = text[:start] + section + ("\n" + text[end:] if nxt >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


def cpu_model() -> str:
    """The CPU's model name as the kernel gives it, else what `platform` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()

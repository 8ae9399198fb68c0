"""The bundled sample briefing, found inside the installed package or the source tree."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "scio-2021-04-25-ipr-briefing.txt"


def sample_path() -> Path:
    """Path of the bundled sample transcript.

    A wheel carries it as `search_index/samples/<name>` (hatch force-include); a source
    checkout or an editable install finds it in the repository's `assets/` folder.
    """
    packaged = resources.files("search_index").joinpath("samples", SAMPLE_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    in_tree = Path(__file__).resolve().parent.parent / "assets" / SAMPLE_NAME
    if in_tree.is_file():
        return in_tree
    raise FileNotFoundError(f"the bundled sample {SAMPLE_NAME} is missing from this install")

"""Where the index lives by default."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that overrides the default index folder.
INDEX_DIR_ENV = "PRESSROOM_INDEX_DIR"


def default_index_dir() -> Path:
    """The index folder: $PRESSROOM_INDEX_DIR, else `<user data dir>/pressroom/index`."""
    override = os.environ.get(INDEX_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("pressroom", appauthor=False) / "index"

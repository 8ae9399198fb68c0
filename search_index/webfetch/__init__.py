"""Bringing briefings in from the web (`pressroom fetch`).

Public API::

    default_library_dir() -> Path
    PoliteClient(policy=FetchPolicy(), *, transport=None, sleep=time.sleep, clock=...)
    fetch_pages(urls, into, *, client, follow=None, since=None, progress=None, cancel=None)
        -> FetchReport
    compile_pattern(text) -> re.Pattern

Importing this package imports httpx; the rest of the domain does not need it.
"""

from __future__ import annotations

from pathlib import Path

from search_index.webfetch.client import FetchError, PoliteClient, RobotsForbidden
from search_index.webfetch.policy import FetchPolicy, user_agent
from search_index.webfetch.run import (
    FetchProgress,
    FetchReport,
    PageResult,
    compile_pattern,
    fetch_page,
    fetch_pages,
)

#: Environment variable that overrides the default library folder.
LIBRARY_DIR_ENV = "PRESSROOM_LIBRARY_DIR"


def default_library_dir() -> Path:
    """Where fetched pages go: $PRESSROOM_LIBRARY_DIR, else `<user data dir>/pressroom/library`."""
    import os

    override = os.environ.get(LIBRARY_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("pressroom", appauthor=False) / "library"


__all__ = [
    "LIBRARY_DIR_ENV",
    "FetchError",
    "FetchPolicy",
    "FetchProgress",
    "FetchReport",
    "PageResult",
    "PoliteClient",
    "RobotsForbidden",
    "compile_pattern",
    "default_library_dir",
    "fetch_page",
    "fetch_pages",
    "user_agent",
]

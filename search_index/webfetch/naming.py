"""Where a fetched page is kept: a file per address under a folder per host.

`https://www.example.gov/briefings/2021/0425/index.htm?id=7` becomes
`<into>/www.example.gov/briefings_2021_0425_index-<hash of the query>.html`: readable,
the same on every run (so a second run finds the copy it made), and safe on every
file system.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

#: The endings a kept page can have, by what the server said it is.
SUFFIXES: dict[str, str] = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_PAGE_ENDINGS = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cgi|txt|md)$", re.IGNORECASE)
_MAX_NAME = 120


def suffix_for(content_type: str | None) -> str | None:
    """The file ending for a Content-Type, or None for what is not a page or text."""
    if not content_type:
        return ".html"
    kind = content_type.split(";", 1)[0].strip().lower()
    return SUFFIXES.get(kind)


def stem_for(url: str, into: Path) -> Path:
    """The kept file's path without its ending."""
    parts = urlsplit(url)
    host = _UNSAFE.sub("_", parts.netloc.lower()).strip("._") or "host"
    path = _PAGE_ENDINGS.sub("", parts.path.strip("/"))
    name = _UNSAFE.sub("_", path.replace("/", "_")).strip("._") or "index"
    if parts.query:
        name += "-" + hashlib.sha256(parts.query.encode("utf-8")).hexdigest()[:8]
    if len(name) > _MAX_NAME:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
        name = f"{name[: _MAX_NAME - 13]}-{digest}"
    return into / host / name


def existing_copy(url: str, into: Path) -> Path | None:
    """The file an earlier run kept for `url`, if any."""
    stem = stem_for(url, into)
    for suffix in dict.fromkeys(SUFFIXES.values()):
        path = stem.with_name(stem.name + suffix)
        if path.is_file():
            return path
    return None


def path_for(url: str, into: Path, suffix: str) -> Path:
    """Where the page at `url` is kept, with the ending `suffix`."""
    stem = stem_for(url, into)
    return stem.with_name(stem.name + suffix)

"""Markdown transcripts: a YAML front-matter block, headings and bold labels."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOLD_LABEL = re.compile(
    r"^(?P<lead>\s*)(?:\*\*|__)(?P<label>[^*_\n]{1,80}?)(?P<colon>[:：]?)(?:\*\*|__)(?P<after>[:：]?)"
)


@dataclass
class FrontMatter:
    """What a front-matter block says about the briefing."""

    title: str | None = None
    date: dt.date | None = None
    location: str | None = None
    speakers: list[dict[str, Any]] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter (if any) and the text with the block blanked out, lines kept."""
    match = _FRONT.match(text)
    if match is None:
        return None, text
    import yaml

    try:
        data = yaml.safe_load(match.group("body"))
    except yaml.YAMLError:
        return None, text
    if not isinstance(data, dict):
        return None, text
    meta = FrontMatter()
    title = data.get("title")
    meta.title = str(title).strip() if title else None
    meta.date = _as_date(data.get("date"))
    place = data.get("location") or data.get("place") or data.get("venue")
    meta.location = str(place).strip() if place else None
    speakers = data.get("speakers")
    if isinstance(speakers, list):
        meta.speakers = [s for s in speakers if isinstance(s, dict) and s.get("name")]
    blank = "\n" * match.group(0).count("\n")
    return meta, blank + text[match.end() :]


def strip_markdown(text: str) -> str:
    """Unwrap bold labels ("**Shen Changyu:**") and drop heading marks, line by line."""
    lines = []
    for line in text.split("\n"):
        line = _BOLD_LABEL.sub(
            lambda m: f"{m.group('lead')}{m.group('label')}{m.group('colon') or m.group('after')}",
            line,
        )
        lines.append(re.sub(r"^#{1,6}\s+", "", line))
    return "\n".join(lines)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        from search_index.parser.dates import parse_date

        return parse_date(value)
    return None

"""Markdown transcripts: a YAML front-matter block, headings and bold labels."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOLD_LABEL = re.compile(
    r"^(?P<lead>\s*)(?:\*\*|__)(?P<label>[^*_\n]{1,80}?)(?P<colon>[:：]?)(?:\*\*|__)(?P<after>[:：]?)"
)


#: Front matter is a few lines of metadata: a larger block between `---` lines is text.
MAX_FRONT_MATTER = 64 * 1024
#: How deeply front-matter values may nest (real ones nest two or three levels).
MAX_DEPTH = 16


@dataclass
class FrontMatter:
    """What a front-matter block says about the briefing, and what was ignored and why."""

    title: str | None = None
    date: dt.date | None = None
    location: str | None = None
    speakers: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class FrontMatterRefused(ValueError):
    """A front-matter block that may be valid YAML but will not be loaded (aliases, depth)."""


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter (if any) and the text with the block blanked out, lines kept.

    Broken YAML, or a block over 64 KB, is no front matter: the block stays in the text.
    A block pressroom will not load (YAML aliases — a few hundred bytes of them can expand
    to gigabytes — or deep nesting) is blanked out and ignored with a warning, as is a
    value that is not a date where a date belongs.
    """
    match = _FRONT.match(text)
    if match is None:
        return None, text
    blank = "\n" * match.group(0).count("\n")
    rest = blank + text[match.end() :]
    try:
        data = load_yaml(match.group("body"))
    except FrontMatterRefused as refused:
        return FrontMatter(warnings=[f"front matter ignored: {refused}"]), rest
    except ValueError:
        return None, text
    if not isinstance(data, dict):
        return None, text
    meta = FrontMatter()
    meta.title = _scalar(data.get("title"))
    meta.date = _as_date(data.get("date"), meta.warnings)
    meta.location = _scalar(data.get("location") or data.get("place") or data.get("venue"))
    speakers = data.get("speakers")
    if isinstance(speakers, list):
        meta.speakers = [s for s in speakers if isinstance(s, dict) and s.get("name")]
    return meta, rest


def load_yaml(source: str) -> Any:
    """Load one YAML document safely and cheaply, or raise ValueError.

    Plain safe loading, less three things: aliases (`*name`) are refused, so an alias
    bomb cannot expand; nodes nest at most `MAX_DEPTH` levels (the innermost value
    counts); dates stay text
    (`date: 2021-13-45` is not a crash but a string the caller judges).
    `FrontMatterRefused` says why a valid block is not loaded; other ValueErrors are
    broken YAML.
    """
    if len(source) > MAX_FRONT_MATTER:
        raise ValueError(f"larger than {MAX_FRONT_MATTER // 1024} KB: not front matter")
    import yaml

    try:
        return yaml.load(source, Loader=_loader())
    except FrontMatterRefused:
        raise
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        raise ValueError(f"not valid YAML: {error}") from error


@functools.cache
def _loader() -> type[Any]:
    import yaml

    timestamp = "tag:yaml.org,2002:timestamp"

    class FrontMatterLoader(yaml.SafeLoader):
        """SafeLoader without aliases or implicit timestamps, nesting at most MAX_DEPTH."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                anchor = self.peek_event().anchor  # type: ignore[no-untyped-call]
                raise FrontMatterRefused(f"it uses a YAML alias (*{anchor})")
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise FrontMatterRefused(f"nested more than {MAX_DEPTH} levels deep")
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    # Dates stay text, even when tagged `!!timestamp`: the caller parses and judges them.
    def timestamp_as_text(loader: FrontMatterLoader, node: Any) -> Any:
        return loader.construct_scalar(node)

    FrontMatterLoader.add_constructor(timestamp, timestamp_as_text)
    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != timestamp]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


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


def _scalar(value: object) -> str | None:
    """A title or place given as text (or a number); lists and mappings are not one."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


def _as_date(value: object, warnings: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from search_index.parser.dates import parse_date

    date = None
    if isinstance(value, str):
        try:
            date = dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            date = parse_date(value)
    if date is None:
        if isinstance(value, str | int | float):
            warnings.append(
                f"front matter date {str(value)[:40]!r} is not a calendar date: ignored"
            )
        else:
            warnings.append("front matter date is not a date but a list or mapping: ignored")
    return date

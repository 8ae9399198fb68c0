"""Recognising speaker labels ("Shen Changyu:", "ThePaper.cn", "MR. PRICE:") and outlets."""

from __future__ import annotations

import re

#: Header headings that introduce lists of people or the date; never speaker labels.
ROSTER_HEADINGS: dict[str, str] = {
    "speaker": "official",
    "speakers": "official",
    "guest": "official",
    "guests": "official",
    "panelist": "official",
    "panelists": "official",
    "participant": "official",
    "participants": "official",
    "attendee": "official",
    "attendees": "official",
    "chairperson": "moderator",
    "chairpersons": "moderator",
    "chair": "moderator",
    "chairman": "moderator",
    "moderator": "moderator",
    "moderators": "moderator",
    "host": "moderator",
    "hosts": "moderator",
    "presider": "moderator",
    "presiders": "moderator",
}
OTHER_HEADINGS = frozenset(
    {"date", "time", "venue", "location", "place", "read in chinese", "source", "transcript"}
)

_CONNECTORS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "de",
        "du",
        "da",
        "la",
        "le",
        "von",
        "van",
        "der",
        "bin",
        "al",
        "el",
        "y",
        "on",
        "at",
        "in",
        "&",
    }
)
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|madam|madame|dr|prof|professor|sir|dame|ambassador)\.?\s+|^h\.\s?e\.\s+",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^(?P<label>[^\s:：][^:：]{0,79}?)\s*[:：]\s*(?P<rest>.*)$")
_WORD = re.compile(r"[\w.'’&-]+|\([^)]*\)")

_OUTLET_WORD = re.compile(
    r"\b(?:news|daily|times|post|tv|television|radio|agency|press|media|network|journal|herald|"
    r"tribune|gazette|broadcasting|broadcast|channel|magazine|weekly|review|wire|chronicle|"
    r"observer|telegraph|economist|bloomberg|reuters|afp|ap|cnn|bbc|nhk|cctv|cgtn|cri|xinhua|"
    r"kyodo|yonhap|tass|ria|phoenix|sina|caixin|thepaper|sputnik|anadolu|efe|dpa|ansa|"
    r"newspaper|online|digital|report|reporter|correspondent|journalist)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:cn|com|net|org|news|tv|co\.\w\w|com\.\w\w|info|io)$", re.IGNORECASE)


def split_label(line: str) -> tuple[str, str] | None:
    """Split "Label: rest" into (label, rest) when the part before the colon could be a label."""
    match = _LABEL_LINE.match(line)
    if match is None:
        return None
    label = match.group("label").strip()
    if not is_name_like(label):
        return None
    return label, match.group("rest").strip()


def is_name_like(label: str) -> bool:
    """True for short, capitalised phrases that can name a person, a role or an outlet."""
    if not label or len(label) > 80 or not _capitalised(label[0]):
        return False
    if any(ch in label for ch in ',;?!"“”') or label.endswith(("-", "—")):
        return False
    words = _WORD.findall(label)
    if not words or len(words) > 8:
        return False
    for word in words:
        if word.startswith("("):
            continue
        if word.lower() in _CONNECTORS:
            continue
        if not _capitalised(word[0]):
            return False
    return not is_heading(label)


def _capitalised(char: str) -> bool:
    """Upper case, a digit, or a letter of a script without case (Chinese, Arabic…)."""
    return char.isupper() or char.isdigit() or (char.isalpha() and not char.islower())


def is_heading(label: str) -> bool:
    """True for header headings such as "Speakers" or "Date"."""
    key = normalise_label(label).lower()
    return key in ROSTER_HEADINGS or key in OTHER_HEADINGS


def normalise_label(label: str) -> str:
    """A label without its colon and surplus spaces."""
    return " ".join(label.strip().rstrip(":：").split())


def strip_honorific(name: str) -> str:
    """ "Mr. Shen Changyu" → "Shen Changyu"."""
    return _HONORIFIC.sub("", name).strip()


def looks_like_outlet(name: str) -> bool:
    """True for names of news organisations ("Phoenix TV", "ThePaper.cn", "Xinhua")."""
    return bool(_OUTLET_WORD.search(name) or _DOMAIN.search(name.strip()))

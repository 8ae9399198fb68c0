"""Recognising speaker labels ("Shen Changyu:", "ThePaper.cn", "MR. PRICE:") and outlets."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    r"newspaper|online|digital)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:cn|com|net|org|news|tv|co\.\w\w|com\.\w\w|info|io)$", re.IGNORECASE)


def split_label(line: str) -> tuple[str, str] | None:
    """Split "Label: rest" into (label, rest) when the part before the colon could be a label."""
    match = _LABEL_LINE.match(line)
    if match is None:
        return None
    label = match.group("label").strip()
    rest = match.group("rest").strip()
    if label[-1].isdigit() and rest[:1].isdigit():
        return None  # a clock time, "16:00"
    if not is_name_like(label):
        return None
    return label, rest


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


_OFFICE_WORD = re.compile(
    r"\b(?:secretary|minister|president|governor|spokesperson|spokesman|spokeswoman|official|"
    r"ambassador|director|commissioner|chair|chairman|chairperson|moderator|deputy|mayor|"
    r"premier|chancellor|senator|general|officer|head|adviser|advisor|attach[eé])\b",
    re.IGNORECASE,
)


def looks_like_outlet(name: str) -> bool:
    """True for names of news organisations ("Phoenix TV", "ThePaper.cn", "Xinhua")."""
    if _OFFICE_WORD.search(name):
        return False  # "Press Secretary Mills", "Press Attaché"
    return bool(_OUTLET_WORD.search(name) or _DOMAIN.search(name.strip()))


# --- Labels in other conventions -------------------------------------------------------

#: Labels that stand for an unnamed questioner.
ANONYMOUS_QUESTION = frozenset({"q", "question", "questioner", "q & a", "audience member"})
#: The one display name all anonymous question labels are mapped to.
ANONYMOUS_NAME = "Q"

_Q_LABEL = re.compile(r"^(?P<label>Q)(?:\s*[.:：]\s*|\s+(?=\S)|$)(?P<rest>.*)$")
_STOP_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z'’.\- ]{0,60}?[A-Z])\.(?:\s+(?P<rest>\S.*))?$")
_STOP_WORDS = frozenset({"OK", "OKAY", "YES", "NO", "END", "THANK YOU", "THANKS", "NOTE", "PS"})
_CONTINUED = re.compile(
    r"\s*[\[(]\s*(?:cont(?:'d|’d|\.|inued|inuing)?|continued)\s*[\])]\s*$", re.IGNORECASE
)
_PARENTHETICAL = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^()]+)\)$")
# An ALL-CAPS label with a colon inside a line, after a sentence ends (hard-wrapped OCR text).
MIDLINE_LABEL = re.compile(
    r"(?:(?<=[a-z0-9%][.?!])|(?<=[.?!][”\"’)]))\s+(?=(?:[A-Z][A-Z.'’-]*\s){0,5}[A-Z][A-Z.'’-]*[A-Z.]\s?:\s)"
)


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label found at the start of a line, the text after it, and how it was written."""

    label: str
    rest: str
    style: str  # "colon", "question" (Q), or "stop" (ALL CAPS ending in a full stop)


@dataclass(frozen=True, slots=True)
class LabelParts:
    """What a label says: a name, an outlet or role in brackets, a continuation mark."""

    name: str
    note: str | None
    continued: bool


def find_label(line: str) -> LabelMatch | None:
    """The speaker label at the start of a stripped line, if there is one."""
    match = _Q_LABEL.match(line)
    if match:
        return LabelMatch("Q", match.group("rest").strip(), "question")
    found = split_label(line)
    if found is not None:
        return LabelMatch(normalise_label(found[0]), found[1], "colon")
    match = _STOP_LABEL.match(line)
    if match:
        label = " ".join(match.group("label").split())
        letters = [ch for ch in label if ch.isalpha()]
        short_enough = len(label.split()) <= 6
        if (
            len(letters) >= 2
            and label not in _STOP_WORDS
            and short_enough
            and not is_heading(label)
        ):
            return LabelMatch(label, (match.group("rest") or "").strip(), "stop")
    return None


def label_parts(label: str) -> LabelParts:
    """Split "FM (cont)" and "Anna Berg (Reuters)" into name, note and continuation."""
    continued = bool(_CONTINUED.search(label))
    name = _CONTINUED.sub("", label).strip()
    note: str | None = None
    match = _PARENTHETICAL.match(name)
    if match:
        name, note = match.group("name").strip(), match.group("note").strip()
    return LabelParts(name=name, note=note, continued=continued)


def display_name(name: str) -> str:
    """ "PRESS SECRETARY MILLS" → "Press Secretary Mills"; mixed-case names stay as written."""
    if name.lower() in ANONYMOUS_QUESTION:
        return ANONYMOUS_NAME
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters if ch.isascii()):
        return name
    if len(name.split()) == 1 and len(letters) <= 4:
        return name  # an acronym: "CRI", "AFP", "FM"
    words = []
    for word in name.split():
        if "." in word.rstrip(".") or (len(word) <= 3 and word.isalpha() and word in _ACRONYMS):
            words.append(word)  # "U.S.", "UN", "EU"
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


_ACRONYMS = frozenset(
    {"UN", "EU", "US", "UK", "FM", "PM", "ECB", "IMF", "WHO", "NATO", "MFA", "CEO", "NIPA"}
)


#: Words of titles and honorifics, not of names ("Governor", "Mr", "of"): matching a label
#: with a person by name ignores them.
TITLE_WORDS = frozenset(
    {
        "ambassador",
        "and",
        "chair",
        "chairman",
        "commissioner",
        "deputy",
        "director",
        "dr",
        "foreign",
        "general",
        "governor",
        "minister",
        "mr",
        "mrs",
        "ms",
        "of",
        "official",
        "president",
        "press",
        "prime",
        "secretary",
        "senior",
        "spokesman",
        "spokesperson",
        "state",
        "the",
        "vice",
    }
)

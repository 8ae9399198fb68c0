"""What the text of one speaker label says, read without context.

A label's name, its bracketed note and continuation mark ("FM (cont)", "Anna Berg (Reuters)"),
its shape (ALL CAPS, a dotted abbreviation), whether it is a role word that also heads rosters
("MODERATOR"), a document field ("Subject", "Photo Caption"), a word for an unnamed
questioner ("Q", "RPTR"), or an outlet's name. Whether a label is *accepted* as a speaker is
decided over the whole document by `label_styles`; this module only reads the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Header headings that introduce lists of people, and the kind those people are.
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

#: Document fields: a "Field:" line is metadata, never a speaker. The words name parts of a
#: document, not people.
FIELD_WORDS = frozenset(
    {
        "attachment",
        "attachments",
        "caption",
        "category",
        "contact",
        "copyright",
        "correction",
        "credit",
        "credits",
        "date",
        "dateline",
        "disclaimer",
        "distribution",
        "duration",
        "editor's note",
        "editor’s note",
        "embargo",
        "embargoed",
        "event",
        "file",
        "format",
        "keywords",
        "language",
        "location",
        "media contact",
        "main topics",
        "note",
        "notes",
        "photo",
        "photo caption",
        "photo credit",
        "photo credits",
        "picture",
        "place",
        "posted",
        "published",
        "read in chinese",
        "record",
        "reference",
        "release",
        "release date",
        "released",
        "series",
        "source",
        "subject",
        "summary",
        "tags",
        "time",
        "title",
        "topic",
        "topics",
        "transcript",
        "transcription",
        "inquiries",
        "enquiries",
        "media inquiries",
        "media enquiries",
        "updated",
        "venue",
    }
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
        "den",
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
    r"^(?:mr|mrs|ms|miss|madam|madame|dr|prof|professor|sir|dame|ambassador|shri|smt|hon)"
    r"\.?\s+|^h\.\s?e\.\s+",
    re.IGNORECASE,
)
_LABEL_CHARS = re.compile(r"[\w.'’&-]+|\([^)]*\)")

_OUTLET_WORD = re.compile(
    r"\b(?:news|daily|times|post|tv|television|radio|agency|press|media|network|journal|herald|"
    r"tribune|gazette|broadcasting|broadcast|channel|magazine|weekly|review|wire|chronicle|"
    r"observer|telegraph|economist|bloomberg|reuters|afp|ap|cnn|bbc|nhk|cctv|cgtn|cri|xinhua|"
    r"kyodo|yonhap|tass|ria|phoenix|sina|caixin|thepaper|sputnik|anadolu|efe|dpa|ansa|"
    r"newspaper|online|digital)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:cn|com|net|org|news|tv|co\.\w\w|com\.\w\w|info|io)$", re.IGNORECASE)
_OFFICE_WORD = re.compile(
    r"\b(?:secretary|minister|president|governor|spokesperson|spokesman|spokeswoman|official|"
    r"ambassador|director|commissioner|chair|chairman|chairperson|moderator|deputy|mayor|"
    r"premier|chancellor|senator|general|officer|head|adviser|advisor|attach[eé]|treasurer|"
    r"member|leader|shadow)\b",
    re.IGNORECASE,
)

#: Words for a questioner who is not named; abbreviations of them ("RPTR", "JRNLST") too.
PRESS_WORDS = (
    "question",
    "questioner",
    "questions",
    "reporter",
    "journalist",
    "press",
    "audience",
    "audience member",
    "participant",
    "media",
    "correspondent",
    "voice",
    "q & a",
)
#: Words for a chair: a hint, not a decision (a chair who answers questions is an official).
MODERATOR_WORDS = (
    "moderator",
    "chairperson",
    "chair",
    "chairman",
    "chairwoman",
    "host",
    "presider",
    "mc",
    "operator",
    "facilitator",
    "emcee",
)
#: The one display name all "Q"-style labels are mapped to.
ANONYMOUS_NAME = "Q"
#: Labels that are the anonymous question mark itself.
Q_LABELS = frozenset({"q", "question", "questions", "q & a"})

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
        "mayor",
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
        "treasurer",
        "vice",
    }
)

_CONTINUATION = r"[\[(]\s*(?:cont(?:'d|’d|d|inued|inuing)?\.?|continued)\s*[\])]"
_CONTINUED = re.compile(rf"\s*{_CONTINUATION}\s*$", re.IGNORECASE)
#: A continuation mark standing after a label's full stop ("PM. ( Contd.) …").
CONTINUATION_MARK = re.compile(rf"{_CONTINUATION}\s*", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^()]+)\)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){1,4}[A-Za-z]?\.?$")


@dataclass(frozen=True, slots=True)
class LabelParts:
    """What a label says: a name, an outlet or role in brackets, a continuation mark."""

    name: str
    note: str | None
    continued: bool


@lru_cache(maxsize=4096)
def normalise_label(label: str) -> str:
    """A label without its colon and surplus spaces."""
    return " ".join(label.strip().rstrip(":：").split())


def strip_honorific(name: str) -> str:
    """ "Mr. Shen Changyu" → "Shen Changyu"."""
    return _HONORIFIC.sub("", name).strip()


def is_honorific(word: str) -> bool:
    """ "Mr", "Dr.", "Ms": a title alone, which names no one."""
    return bool(_HONORIFIC.match(word.strip() + " "))


@lru_cache(maxsize=4096)
def label_key(name: str) -> str:
    """The key two spellings of one label share: no honorific, no colon, lower case."""
    return strip_honorific(normalise_label(name)).lower()


@lru_cache(maxsize=4096)
def label_parts(label: str) -> LabelParts:
    """Split "FM (cont)", "Anna Berg (Reuters)" and "TIM WATTS, MEMBER FOR GELLIBRAND" into
    name, note and continuation ("Official Spokesperson, Shri Arindam Bagchi": the part that
    names an office is the note)."""
    continued = bool(_CONTINUED.search(label))
    name = _CONTINUED.sub("", label).strip()
    note: str | None = None
    match = _PARENTHETICAL.match(name)
    if match:
        name, note = match.group("name").strip(), match.group("note").strip()
    elif name.count(",") == 1:
        first, second = (part.strip() for part in name.split(","))
        if first and second:
            if has_office_word(first) and not has_office_word(second):
                name, note = second, first
            else:
                name, note = first, second
    return LabelParts(name=name, note=note, continued=continued)


def capitalised(char: str) -> bool:
    """Upper case, a digit, or a letter of a script without case (Chinese, Arabic…)."""
    return char.isupper() or char.isdigit() or (char.isalpha() and not char.islower())


def is_name_like(label: str, *, commas: bool = False) -> bool:
    """True for short, capitalised phrases that can name a person, a role or an outlet.

    `commas` allows "Official Spokesperson, Shri Arindam Bagchi" (a label the document uses
    again and again).
    """
    if not label or len(label) > 80 or not capitalised(label[0]):
        return False
    forbidden = ';?!"“”' if commas else ',;?!"“”'
    if any(ch in label for ch in forbidden) or label.endswith(("-", "—")):
        return False
    words = _LABEL_CHARS.findall(label)
    if not words or len(words) > (12 if commas else 8):
        return False
    for word in words:
        if word.startswith("(") or word.lower() in _CONNECTORS:
            continue
        if not capitalised(word[0]):
            return False
    return True


def is_caps(label: str) -> bool:
    """True for a label written in capitals ("MS. VANCE", "PM")."""
    letters = [ch for ch in label if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters if ch.isascii())


def is_dotted_abbreviation(label: str) -> bool:
    """ "U.N", "U.S.", "E.U": single letters with dots, which running text is full of."""
    return bool(_DOTTED.match(label.replace(" ", "")))


def is_field(label: str) -> bool:
    """True for a document field ("Subject", "Subject(s)", "Media Contacts"): metadata."""
    key = normalise_label(label).lower().rstrip(".")
    key = key.removesuffix("(s)").removesuffix("/s")
    return key in FIELD_WORDS or (key.endswith("s") and key[:-1] in FIELD_WORDS)


def roster_heading_kind(label: str) -> str | None:
    """The kind of people a roster heading ("Speakers", "Chairperson") lists, or None."""
    return ROSTER_HEADINGS.get(normalise_label(label).lower())


def is_heading(label: str) -> bool:
    """True for a heading that may introduce a roster or a field ("Speakers", "Date")."""
    return roster_heading_kind(label) is not None or is_field(label)


def _abbreviates(short: str, word: str) -> bool:
    """ "rptr" abbreviates "reporter", "jrnlst" "journalist": same first letter, the letters
    in order, the vowels dropped (so "pres" or "jon" abbreviate nothing)."""
    if len(short) < 4 or len(short) >= len(word) or short[0] != word[0]:
        return False
    if word.startswith(short) or sum(ch in "aeiou" for ch in short) > 1:
        return False
    letters = iter(word)
    return all(ch in letters for ch in short)


def is_press_word(name: str) -> bool:
    """A label naming a questioner but no person: "Q", "QUESTION", "JOURNALIST", "RPTR"."""
    key = normalise_label(name).lower().strip(". ")
    if key in Q_LABELS or key in PRESS_WORDS:
        return True
    if key.startswith(("q ", "question ")):
        return True
    return " " not in key and any(_abbreviates(key, word) for word in PRESS_WORDS)


def is_moderator_word(name: str) -> bool:
    """A label that names a chair ("MODERATOR", "The Moderator", "Chair Oduya")."""
    words = normalise_label(name).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return bool(words) and words[0] in MODERATOR_WORDS


def has_office_word(name: str) -> bool:
    """True when a label names an office ("Press Secretary Mills", "Treasurer")."""
    return bool(_OFFICE_WORD.search(name))


def looks_like_outlet(name: str) -> bool:
    """True for names of news organisations ("Phoenix TV", "ThePaper.cn", "Xinhua")."""
    if _OFFICE_WORD.search(name):
        return False  # "Press Secretary Mills", "Press Attaché"
    return bool(_OUTLET_WORD.search(name) or _DOMAIN.search(name.strip()))


def one_edit_apart(a: str, b: str) -> bool:
    """True when one letter replaced, added or dropped turns `a` into `b` ("pmk" and "pm",
    "wlell" and "well"): a near miss, as OCR makes them."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))

"""Text that belongs to no turn, recognised line by line: page breaks and numbers, running
headers ("Page 2 of 3"), slideshow captions, END lines, disclaimers ("E&OE"), separators,
timestamps, stage directions and translators' credits. Headers repeated across pages are found
over the whole document by `lines`."""

from __future__ import annotations

import re

_PAGE_BREAK = re.compile(r"^_*\w*page_?break\w*_*$|^_ueditor_\w+_$", re.IGNORECASE)
# "/5    Shen Changyu", "2/5 Group photo": a slideshow counter and a short caption.
_PHOTO_CAPTION = re.compile(r"^\d{0,3}\s*/\s*\d{1,3}\s+\S.{0,80}$")
_RUNNING_HEADER = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,4}\s*-|\d{1,4}|page\s+\d{1,4}|\[\s*\d{1,4}\s*\])$", re.I)
_CLOCK = r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,5})?"
_END_LINE = re.compile(rf"^end(?:\s+(?:at\s+)?{_CLOCK})?\.?$", re.IGNORECASE)
_ENDS = re.compile(
    r"^[\[(]?\s*(?:ends|end|end of transcript|end of briefing|end of press conference)"
    r"\s*[\])]?\.?$",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(
    rf"^[\[(]?\s*(?:{_CLOCK}|\d{{1,2}}:\d\d:\d\d(?:[.,]\d+)?)\s*[\])]?$", re.IGNORECASE
)
_CREDIT = re.compile(
    r"^(?:translated|translation|edited|transcribed|compiled|proofread)\b.{0,40}?\bby\b"
    r"|^in case of (?:any )?discrepancy",
    re.IGNORECASE,
)
_STAGE_WORDS = (
    r"laughter|laughs|laughing|applause|crosstalk|cross-talk|cross talk|inaudible|"
    r"unintelligible|indiscernible|off[- ]mic(?:rophone)?|audio gap|audio cut|pause|silence|"
    r"technical difficult(?:y|ies)|no audio|interruption|interrupts|interpretation|"
    r"through (?:an )?interpreter|music|video plays|video played|coughs|phone rings"
)
_STAGE = re.compile(
    rf"\s*(?:\[\s*(?:{_STAGE_WORDS})[^\]]{{0,30}}\]|\(\s*(?:{_STAGE_WORDS})[^)]{{0,30}}\))",
    re.IGNORECASE,
)
_STAGE_HINT = re.compile(
    r"[\[(]\s*(?:laugh|applau|cros|inaud|unintel|indisc|off|audio|pause|silen|techn|no a|"
    r"interr|music|video|cough|phone|through|\d)",
    re.IGNORECASE,
)
_LEADING_GAP = re.compile(
    r"^\s*[\[(]\s*(?:inaudible|unintelligible|indiscernible|crosstalk|cross-talk|off[- ]mic)"
    r"[^\])]{0,20}[\])]",
    re.IGNORECASE,
)
_INLINE_TIME = re.compile(r"\s*\[\d{1,2}:\d\d(?::\d\d)?\]")
# "E&OE" (errors and omissions excepted), "* * *", "###", "-30-": never speech.
_DISCLAIMER = re.compile(r"^(?:e\s?&\s?o\s?e|e\.\s?&\s?o\.\s?e)\W{0,4}$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(?:[*#=~_-]\s*){3,}$|^-\s*30\s*-$")
#: Lines after "END 11:40 A.M." that finish it: a time zone ("EDT") or a clock.
#: A line that is only a web address ("www.pm.gov.au", a page footer): never speech.
_WEB_ADDRESS = re.compile(r"^(?:https?://\S+|www\.[\w-]+(?:\.[\w-]+)+(?:/\S*)?)$", re.IGNORECASE)
_END_TAIL = re.compile(rf"^(?:[A-Z]{{2,5}}|{_CLOCK})\.?$")


def furniture_kind(line: str) -> str | None:
    """What page furniture a stripped line is ("page", "end", "time", "caption"…), or None."""
    first = line[0]
    if first.isalpha() and first not in "EePpWwHh_" and len(line) > 160:
        return None  # speech: no furniture starts so and runs so long
    if first.isalpha() and first not in "EePpWwHh_" and "age" not in line:
        return None
    if first in "Hh" and line[:4].lower() != "http" and "page" not in line.lower():
        return None  # only a web address or a page marker starts so
    if _PAGE_BREAK.match(line):
        return "break"
    if _PAGE_NUMBER.match(line):
        return "page"
    if len(line) <= 160 and _RUNNING_HEADER.search(line):
        return "page"
    if _END_LINE.match(line) or _ENDS.match(line):
        return "end"
    if _TIME_LINE.match(line):
        return "time"
    if _PHOTO_CAPTION.match(line):
        return "caption"
    if _WEB_ADDRESS.match(line):
        return "address"
    if len(line) <= 12 and _DISCLAIMER.match(line):
        return "disclaimer"
    if len(line) <= 40 and _SEPARATOR.match(line):
        return "separator"
    return None


def ends_end_line(line: str) -> bool:
    """True for the rest of an END line wrapped onto the next one ("EDT", "11:40 A.M.")."""
    return len(line) <= 16 and bool(_END_TAIL.match(line))


def strip_stage_directions(text: str, keep_leading_gap: bool = False) -> str:
    """Remove "[Laughter]", "(inaudible)", "[00:12:15]" and the like from a line.

    `keep_leading_gap` keeps a note of unheard words at the very start ("[inaudible] ... a
    Brisbane hospital"): at the start of a turn it says the words before were lost.
    """
    if not _STAGE_HINT.search(text):
        return text
    kept = ""
    if keep_leading_gap:
        gap = _LEADING_GAP.match(text)
        if gap is not None:
            kept, text = gap.group(0).strip(), text[gap.end() :]
    cleaned = _INLINE_TIME.sub("", _STAGE.sub("", text))
    cleaned = " ".join(cleaned.split()) if cleaned != text else text
    return f"{kept} {cleaned}".strip() if kept else cleaned


def is_credit_paragraph(paragraph: str) -> bool:
    """True for a translator or editor credit ("Translated and edited by …")."""
    return paragraph[:1] in "TtEeCcPpIi" and bool(_CREDIT.match(paragraph))

"""Text that belongs to no turn: page breaks, photo captions, credits, page furniture,
timestamps and stage directions."""

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
_INLINE_TIME = re.compile(r"\s*\[\d{1,2}:\d\d(?::\d\d)?\]")


def is_artefact_line(line: str) -> bool:
    """True for a stripped line that is page furniture rather than speech."""
    return bool(
        _PAGE_BREAK.match(line)
        or _PHOTO_CAPTION.match(line)
        or _PAGE_NUMBER.match(line)
        or _END_LINE.match(line)
        or _ENDS.match(line)
        or _TIME_LINE.match(line)
        or (len(line) <= 160 and _RUNNING_HEADER.search(line))
    )


def strip_stage_directions(text: str) -> str:
    """Remove "[Laughter]", "(inaudible)", "[00:12:15]" and the like from a line."""
    if not _STAGE_HINT.search(text):
        return text
    cleaned = _INLINE_TIME.sub("", _STAGE.sub("", text))
    return " ".join(cleaned.split()) if cleaned != text else text


def is_credit_paragraph(paragraph: str) -> bool:
    """True for a translator or editor credit ("Translated and edited by …")."""
    return bool(_CREDIT.match(paragraph))

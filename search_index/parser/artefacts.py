"""Lines and paragraphs that belong to no turn: page breaks, photo captions, credits."""

from __future__ import annotations

import re

_PAGE_BREAK = re.compile(r"^_*\w*page_?break\w*_*$|^_ueditor_\w+_$", re.IGNORECASE)
# "/5    Shen Changyu", "2/5 Group photo": a slideshow counter and a short caption.
_PHOTO_CAPTION = re.compile(r"^\d{0,3}\s*/\s*\d{1,3}\s+\S.{0,80}$")
_CREDIT = re.compile(
    r"^(?:translated|translation|edited|transcribed|compiled|proofread)\b.{0,40}?\bby\b"
    r"|^in case of (?:any )?discrepancy",
    re.IGNORECASE,
)


def is_artefact_line(line: str) -> bool:
    """True for a stripped line that is page furniture rather than speech."""
    return bool(_PAGE_BREAK.match(line) or _PHOTO_CAPTION.match(line))


def is_credit_paragraph(paragraph: str) -> bool:
    """True for a translator or editor credit ("Translated and edited by …")."""
    return bool(_CREDIT.match(paragraph))

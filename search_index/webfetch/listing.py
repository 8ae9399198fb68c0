"""Reading a listing page (a ministry's "press conferences" index): the links to follow.

Each link whose address matches the pattern is kept once, with the date found for it —
in its address (`/2021/04/25/`, `2021-04-25`, `20210425`), in its text, or in the list
item or table row that holds it alone. When every link has a date they are put newest
first; otherwise the listing's own order (listings put the newest first) is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from search_index.parser.dates import parse_date

_URL_DATES = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)"),
)
#: Elements that hold one entry of a listing.
_ENTRY_TAGS = frozenset({"li", "tr", "article", "p", "div", "dd", "dt"})


@dataclass(frozen=True)
class ListedLink:
    """A page a listing links to, and the date the listing gives it (None if none)."""

    url: str
    date: dt.date | None = None
    text: str = ""


def date_in_url(url: str) -> dt.date | None:
    """A date written in an address's path, or None."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return None


def listed_links(markup: str, base_url: str, pattern: re.Pattern[str]) -> list[ListedLink]:
    """The links of a listing page whose address matches `pattern`, newest first."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(base_url, base_node.attributes.get("href") or "")
    seen: set[str] = set()
    links: list[ListedLink] = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if urlsplit(url).scheme not in {"http", "https"} or url in seen:
            continue
        if not pattern.search(url):
            continue
        seen.add(url)
        text = " ".join(node.text().split())
        date = date_in_url(url) or parse_date(text) or _entry_date(node)
        links.append(ListedLink(url, date, text))
    if links and all(link.date is not None for link in links):
        links.sort(key=lambda link: link.date or dt.date.min, reverse=True)
    return links


def _entry_date(node: object) -> dt.date | None:
    """The date in the nearest entry element that holds this link and no other."""
    parent = getattr(node, "parent", None)
    for _ in range(3):
        if parent is None:
            return None
        if parent.tag in _ENTRY_TAGS:
            if len(parent.css("a[href]")) != 1:
                return None
            return parse_date(" ".join(parent.text().split()))
        parent = parent.parent
    return None

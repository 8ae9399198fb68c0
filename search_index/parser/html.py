"""Saved web pages: the article body as paragraphs of text, with title and date from markup."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from search_index.parser.dates import find_date

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "template",
    "figure",
    "figcaption",
    "menu",
    "dialog",
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "dd",
        "dt",
        "dl",
        "hr",
        "address",
        "center",
    }
)
_BOILERPLATE = re.compile(
    r"(?:^|[-_ ])(?:nav|menu|footer|sidebar|share|social|breadcrumb|"
    r"related|comment|cookie|banner|advert|subscribe|skip)(?:$|[-_ ])",
    re.I,
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[name="date"]',
    'meta[name="dcterms.date"]',
    'meta[name="DC.date"]',
    'meta[itemprop="datePublished"]',
    'meta[name="publishdate"]',
    'meta[name="PubDate"]',
)


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """The readable text of a page and the metadata its markup gives."""

    text: str
    title: str | None
    date: dt.date | None


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML document."""
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<head" in head
    )


def html_to_text(markup: str) -> HtmlDocument:
    """Extract the article body of a page as text with blank lines between paragraphs."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    title = _title(tree)
    date = _date(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    for node in tree.css("[class], [id], [role]"):
        marker = " ".join(filter(None, (node.attributes.get(a) for a in ("class", "id", "role"))))
        if (
            node.tag not in {"body", "html", "article", "main"}
            and _BOILERPLATE.search(marker)
            and not node.css_first("article, main")
        ):
            node.decompose()
    body = _article(tree)
    chunks: list[str] = []

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                chunks.append(child.text_content or "")
            elif child.tag == "br":
                chunks.append("\n")
            elif child.tag in _BLOCKS:
                chunks.append("\n\n")
                walk(child)
                chunks.append("\n\n")
            else:
                walk(child)

    walk(body)
    text = "".join(chunks)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title and not cleaned.startswith(title):
        cleaned = f"{title}\n\n{cleaned}"
    return HtmlDocument(text=cleaned + "\n", title=title, date=date)


def _article(tree: LexborHTMLParser) -> LexborNode:
    for selector in ("article", "main", '[role="main"]', "#content", ".content"):
        candidates = tree.css(selector)
        if candidates:
            return max(candidates, key=lambda n: len(n.text(strip=True)))
    body = tree.body
    if body is None:
        root = tree.root
        assert root is not None, "an HTML parse always has a root"
        return root
    # The container holding the most paragraph text.
    best: LexborNode | None = None
    best_score = 0
    for node in body.css("div, section, td"):
        score = sum(len(p.text(strip=True)) for p in node.css("p"))
        if score > best_score:
            best, best_score = node, score
    return best if best is not None and best_score > 200 else body


def _title(tree: LexborHTMLParser) -> str | None:
    for selector in ("article h1", "main h1", "h1"):
        node = tree.css_first(selector)
        if node is not None and node.text(strip=True):
            return " ".join(node.text().split())
    node = tree.css_first('meta[property="og:title"]')
    if node is not None and node.attributes.get("content"):
        return " ".join((node.attributes.get("content") or "").split())
    node = tree.css_first("title")
    if node is not None and node.text(strip=True):
        return _TITLE_SUFFIX.sub("", " ".join(node.text().split()))
    return None


def _date(tree: LexborHTMLParser) -> dt.date | None:
    candidates: list[str] = []
    for node in tree.css("time[datetime]"):
        candidates.append(node.attributes.get("datetime") or "")
    for selector in _DATE_META:
        meta = tree.css_first(selector)
        if meta is not None:
            candidates.append(meta.attributes.get("content") or "")
    for node in tree.css("time"):
        candidates.append(node.text())
    # A page's own date line outside the article ("<p class='…publish-date'>July 19, 2026").
    for node in tree.css('[class*="publish-date"], [class*="date-line"], [class*="dateline"]'):
        candidates.append(node.text())
    for value in candidates:
        found = find_date(value)
        if found:
            return found[0]
    return None

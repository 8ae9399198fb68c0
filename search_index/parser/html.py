"""Saved web pages: the article body as paragraphs of text, with title and date from markup."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from search_index.errors import InputError
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
    #: The place the markup names (`itemprop="contentLocation"`, `class="…-location"`).
    place: str | None = None


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML document."""
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<head" in head
    )


def html_to_text(markup: str, source: str = "<html>") -> HtmlDocument:
    """Extract the article body of a page as text with blank lines between paragraphs.

    Raises `InputError` for a page nested deeper than `MAX_DEPTH` elements: the HTML
    parser's work grows with the nesting, and no real page comes near it. Every step
    after parsing is one pass over the tree, whatever its shape.
    """
    from selectolax.lexbor import LexborHTMLParser

    if nesting_depth(markup, MAX_DEPTH) > MAX_DEPTH:
        raise InputError(
            f"{source}: the HTML is nested more than {MAX_DEPTH} elements deep "
            "(no web page is; this one cannot be read)"
        )
    tree = LexborHTMLParser(markup)
    title = _title(tree)
    date = _date(tree)
    place = _place(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    _drop_boilerplate(tree)
    text = "".join(_chunks(_article(tree)))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if title and not cleaned.startswith(title):
        cleaned = f"{title}\n\n{cleaned}"
    return HtmlDocument(text=cleaned + "\n", title=title, date=date, place=place)


#: The deepest element nesting read; deeper pages are refused (real pages nest under 100).
MAX_DEPTH = 512

_TAG = re.compile(r"<!--|<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
#: Empty elements, and elements whose end tag the next one implies (`<p>`, `<li>`, `<td>`…):
#: neither deepens the tree the HTML parser builds.
_FLAT = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "basefont",
        "bgsound",
        "frame",
        "html",
        "head",
        "body",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rtc",
        "rp",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
    }
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes"})


def nesting_depth(markup: str, limit: int) -> int:
    """How deeply the elements of `markup` nest, from its tags (the scan stops past `limit`).

    A cheap scan, not a parse: comments and the contents of scripts and styles are
    skipped; empty elements and those whose end tag is optional are not counted.
    """
    depth = deepest = 0
    pos = 0
    while (match := _TAG.search(markup, pos)) is not None:
        pos = match.end()
        if match.group(0) == "<!--":
            close = markup.find("-->", pos)
            if close < 0:
                break
            pos = close + 3
            continue
        closing, name = match.group(1), match.group(2).lower()
        if name in _FLAT or match.group(3).endswith("/"):
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        if name in _RAW_TEXT:
            ends = re.compile(rf"</{re.escape(name)}", re.IGNORECASE).search(markup, pos)
            if ends is None:
                break
            pos = ends.start()
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _drop_boilerplate(tree: LexborHTMLParser) -> None:
    """Remove navigation, sharing, cookie and similar blocks unless they hold the article."""
    holds_article: set[int] = set()
    for node in tree.css("article, main"):
        parent = node.parent
        while parent is not None and parent.mem_id not in holds_article:
            holds_article.add(parent.mem_id)
            parent = parent.parent
    for node in tree.css("[class], [id], [role]"):
        marker = " ".join(filter(None, (node.attributes.get(a) for a in ("class", "id", "role"))))
        if (
            node.tag not in {"body", "html", "article", "main"}
            and _BOILERPLATE.search(marker)
            and node.mem_id not in holds_article
        ):
            node.decompose()


def _chunks(root: LexborNode) -> list[str]:
    """The text under `root` in reading order, blocks set apart by blank lines."""
    chunks: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        children: list[LexborNode | str] = []
        for child in item.iter(include_text=True):
            if child.tag == "-text":
                children.append(child.text_content or "")
            elif child.tag == "br":
                children.append("\n")
            elif child.tag in _BLOCKS:
                children.extend(("\n\n", child, "\n\n"))
            else:
                children.append(child)
        stack.extend(reversed(children))
    return chunks


@dataclass(frozen=True, slots=True)
class _TextLengths:
    """How much text each element under a node holds (`text(strip=True)` lengths)."""

    position: dict[int, int]  # an element's mem_id → its place in the lists below
    text: list[int]
    paragraph_text: list[int]  # text inside <p> elements only

    def of(self, node: LexborNode) -> int:
        return self.text[self.position[node.mem_id]]

    def paragraphs_of(self, node: LexborNode) -> int:
        return self.paragraph_text[self.position[node.mem_id]]


def _text_lengths(root: LexborNode) -> _TextLengths:
    """The text lengths of every element under `root` (itself included), in one pass."""
    nodes: list[LexborNode] = []
    parents: list[int] = []
    text: list[int] = []
    stack: list[tuple[LexborNode, int]] = [(root, -1)]
    while stack:
        node, parent = stack.pop()
        here = len(nodes)
        nodes.append(node)
        parents.append(parent)
        own = 0
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                own += len((child.text_content or "").strip())
            else:
                stack.append((child, here))
        text.append(own)
    paragraph_text = [0] * len(nodes)
    for i in range(len(nodes) - 1, 0, -1):  # every element comes after its parent
        if nodes[i].tag == "p":
            paragraph_text[i] += text[i]
        text[parents[i]] += text[i]
        paragraph_text[parents[i]] += paragraph_text[i]
    position = {node.mem_id: i for i, node in enumerate(nodes)}
    return _TextLengths(position, text, paragraph_text)


def _article(tree: LexborHTMLParser) -> LexborNode:
    root = tree.root
    assert root is not None, "an HTML parse always has a root"
    lengths = _text_lengths(root)
    for selector in ("article", "main", '[role="main"]', "#content", ".content"):
        candidates = tree.css(selector)
        if candidates:
            return max(candidates, key=lengths.of)
    body = tree.body
    if body is None:
        return root
    # The container holding the most paragraph text.
    best: LexborNode | None = None
    best_score = 0
    for node in body.css("div, section, td"):
        score = lengths.paragraphs_of(node)
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


#: A class naming what an element holds as a place: "p-location", "read__place",
#: "article-meta__location" (not "placeholder" or "workplace").
_PLACE_CLASS = re.compile(r"(?:^|[-_])(?:location|place|venue)$", re.IGNORECASE)
_PLACE_PROPS = ("contentLocation", "locationCreated", "location")


def _place(tree: LexborHTMLParser) -> str | None:
    """The first short, non-empty text the markup marks as the event's place."""
    for node in tree.css("[itemprop], [class]"):
        prop = node.attributes.get("itemprop") or ""
        classes = (node.attributes.get("class") or "").split()
        if prop in _PLACE_PROPS or any(_PLACE_CLASS.search(name) for name in classes):
            text = " ".join(node.text().split())
            if 0 < len(text) <= 60:
                return text
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

"""Saved web page -> the article's text, one line per block, with the site's boilerplate dropped.

A report saved from a news site carries menus, tickers, share and view counters, related links and footers,
whose numbers are not the report's. Only the article (or the page's main content) is kept, the headline
first; paragraphs, headings, list items and ``<br>`` become line breaks, entities are unescaped, and every
other character (U+200F included) is kept as it is, for the parser to handle.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Where the report text lives, most specific first; the longest match of the first selector that matches wins.
_ROOTS = ("article", "[itemprop=articleBody]", "main", "[role=main]", "#content", ".entry-content", "body")

# Elements that never hold report text.
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "form", "nav", "aside", "footer", "button", "svg",
    "select", "input", "figure", "object", "embed", "video", "audio", "canvas", "map",
})

# Words of a class or id that mark boilerplate (``share-count``, ``views``), and stems that do so anywhere in
# a compound name (``jp-relatedposts``, ``sharedaddy``).
_BOILERPLATE_WORDS = frozenset({
    "views", "view", "counter", "visitors", "hits", "tags", "ad", "ads", "nav", "navbar", "menu", "footer",
    "banner", "promo", "print", "rating", "modal", "popup",
})
_BOILERPLATE_STEMS = ("share", "social", "related", "comment", "breadcrumb", "ticker", "advert", "newsletter",
                      "subscribe", "sidebar", "widget", "cookie", "sponsor", "addtoany")

# Elements that end a line before and after them.
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
    "thead", "tbody", "section", "article", "header", "main", "blockquote", "pre", "hr", "address",
    "figcaption", "details", "summary", "caption", "body", "html",
})

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_LINE_EDGES = " \t\u00a0"
_WORD_SPLIT = re.compile(r"[-_\s]+")


def looks_like_html(text: str) -> bool:
    """Whether a text is a saved web page rather than plain text, whatever its file name says."""
    head = text.lstrip("\ufeff \t\r\n")[:256].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def is_truncated_page(text: str) -> bool:
    """Whether a page that opens an ``<html>`` element never closes it (a partial download or copy)."""
    lowered = text.lower()
    return "<html" in lowered and "</html>" not in lowered


def _is_boilerplate(node: LexborNode) -> bool:
    """Whether an element is site furniture: a dropped tag, or a class/id made of boilerplate words."""
    if node.tag in _DROP_TAGS:
        return True
    if node.tag == "header" and node.css_first("h1, h2") is None:
        return True
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return (any(word in _BOILERPLATE_WORDS for word in _WORD_SPLIT.split(names))
            or any(stem in names for stem in _BOILERPLATE_STEMS))


def _text_length(node: LexborNode) -> int:
    return len(node.text(deep=True, strip=True))


def _content_root(page: LexborHTMLParser) -> LexborNode | None:
    """The element holding the report: the longest match of the first content selector that matches."""
    for selector in _ROOTS:
        matches = page.css(selector)
        if matches:
            return max(matches, key=_text_length)
    return page.root


def _ancestors(node: LexborNode) -> list[LexborNode]:
    found, parent = [], node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _headline(page: LexborHTMLParser, root: LexborNode) -> str | None:
    """The page's headline when it sits outside the content root (WordPress puts it above the post body).

    An ``h1`` whose class or id says title/headline wins over one in a site header (often the site's name).
    """
    if root.css_first("h1") is not None:
        return None
    candidates = []
    for order, h1 in enumerate(page.css("h1")):
        ancestors = _ancestors(h1)
        if any(a.tag in {"nav", "aside", "footer"} for a in ancestors):
            continue
        text = _HTML_SPACE.sub(" ", h1.text(deep=True)).strip(_LINE_EDGES)
        if not text:
            continue
        names = f"{h1.attributes.get('class') or ''} {h1.attributes.get('id') or ''}".lower()
        titled = "title" in names or "headline" in names
        in_header = any(a.tag == "header" for a in ancestors)
        candidates.append((not titled, in_header, order, text))
    return min(candidates)[-1] if candidates else None


def _chunks(root: LexborNode) -> list[str]:
    """Text of a subtree in document order, with a newline wherever a block or ``<br>`` breaks the line."""
    chunks: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        if item.tag == "-text":
            chunks.append(_HTML_SPACE.sub(" ", item.text_content or ""))
            continue
        if item.tag == "br":
            chunks.append("\n")
            continue
        if not item.is_element_node or (item is not root and _is_boilerplate(item)):
            continue
        if item.tag == "pre":
            chunks.append("\n" + (item.text(deep=True) or "") + "\n")
            continue
        block = item.tag in _BLOCK_TAGS
        if block:
            chunks.append("\n")
            stack.append("\n")
        stack.extend(reversed(list(item.iter(include_text=True))))
    return chunks


def page_text(html: str) -> str:
    """Return the article text of a saved web page: the headline, then one line per paragraph or line.

    Lines are stripped of surrounding spaces and empty lines are dropped; an empty string means the page
    holds no text.
    """
    page = LexborHTMLParser(html)
    root = _content_root(page)
    if root is None:
        return ""
    lines = [line.strip(_LINE_EDGES) for line in "".join(_chunks(root)).split("\n")]
    headline = _headline(page, root)
    if headline:
        lines.insert(0, headline)
    return "\n".join(line for line in lines if line)

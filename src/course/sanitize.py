"""The rendered HTML of every page goes through a real sanitizer (nh3) before it is published.

The rules refuse unsafe Markdown and HTML at their line (:mod:`course.rules.safety`);
this is the second defence, on what Python-Markdown actually made of the page, so a
gap in the Markdown-level rules cannot publish script. The allowlist is the vocabulary
of the Markdown extensions in ``mkdocs.yml`` and of the blocks :mod:`course.render`
writes into the Markdown; plugins' and hooks' own markup (quizzes, the next step, the
continue box) is added after this step.

nh3 (github.com/messense/nh3) binds ammonia, an html5ever-based allowlist sanitizer.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import nh3

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "RAW_HTML_TAGS", "sanitize"]

#: Raw HTML elements a page may hold (rule SAFE001 refuses every other one). Not
#: ``<noscript>``: with scripting on, a browser ends it at the first ``</noscript>``, even
#: inside an attribute value, where a parser with scripting off sees text.
RAW_HTML_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
#: Elements the sanitizer keeps: :data:`RAW_HTML_TAGS` plus what Markdown and the configured
#: extensions produce (headings, tabs' radio buttons and labels, emoji icons, del/ins...).
ALLOWED_TAGS = RAW_HTML_TAGS | {
    "del",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "input",
    "ins",
    "label",
    "path",
    "s",
    "svg",
    "tfoot",
}
_GENERIC = {
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
}
#: Attributes per element ("*": every element).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href", "data-lesson", "data-status", "data-module", "data-path"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "checked"},  # pymdownx.tabbed's radio buttons
    "label": {"for"},
    "div": {"data-tabs", "data-search-exclude", "data-sac-progress"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},  # the tables extension aligns with style=
    "details": {"open"},
    "svg": {"xmlns", "viewBox", "width", "height", "fill"},  # html5ever keeps SVG camelCase
    "path": {"d", "fill"},
}
_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> tuple[str, list[str]]:
    """Clean ``html`` and say what was taken out.

    Returns:
        ``(clean, removed)``: the sanitized HTML, and one entry per removed element or
        attribute (``"<script>"``, ``"onclick= on <p>"``), empty when nothing was
        removed. Comments are kept: hooks replace ``<!-- ... -->`` placeholders later.
    """
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=False,
        filter_style_properties={"text-align"},
    )
    if _tags_and_attributes(html) == _tags_and_attributes(clean):
        return clean, []  # the usual case, found without parsing the page twice
    before, after = _inventory(html), _inventory(clean)
    removed = [
        f"<{tag}>" if attr is None else f"{attr}= on <{tag}>"
        for (tag, attr), count in sorted((before - after).items(), key=str)
        for _ in range(count)
    ]
    return clean, removed


_START_TAG = re.compile(r"<([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_ATTRIBUTE_NAME = re.compile(r"([^\s\"'<>/=]+)")


def _tags_and_attributes(html: str) -> Counter[tuple[str, str | None]]:
    """A quick count of start tags and their attribute names (values ignored).

    Serialisation details nh3 changes (quotes, ``<br />``, empty attribute values) do
    not change the counts, so equal counts before and after mean nothing was removed;
    any difference is examined with a real HTML parser (:func:`_inventory`).
    """
    found: Counter[tuple[str, str | None]] = Counter()
    for tag in _START_TAG.finditer(html):
        name = tag.group(1).lower()
        found[(name, None)] += 1
        for attribute in _ATTRIBUTE_NAME.findall(_QUOTED.sub(" ", tag.group(2))):
            found[(name, attribute.lower())] += 1
    return found


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[tuple[str, str | None]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[(tag, None)] += 1
        for name, _ in attrs:
            self.found[(tag, name)] += 1

    handle_startendtag = handle_starttag


def _inventory(html: str) -> Counter[tuple[str, str | None]]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.found

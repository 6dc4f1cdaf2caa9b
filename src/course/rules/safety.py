"""Safety rules: nothing in a page can run script or embed another document.

A URL's scheme is read as a browser reads it (:func:`course.parse.markdown.scheme`):
character references decoded and control characters removed (WHATWG URL standard),
so disguised ``javascript:`` URLs are caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from course.parse import Page
from course.parse.markdown import html_pieces, scheme
from course.report import Problem
from course.rules.links import _TAG
from course.rules.registry import check, problem

FORBIDDEN_TAGS = ("script", "iframe", "object", "embed", "style", "form")
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_EVENT_ATTR = re.compile(r"(?:^|[\s\"'/])(on[a-z]+)\s*=", re.IGNORECASE)
_URL_ATTR = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*["']?\s*([^"'\s>]*)""",
    re.IGNORECASE,
)


def _tags(page: Page) -> Iterator[tuple[int, str, str]]:
    """``(line, tag name lower-case, attributes)`` of every raw HTML tag."""
    for first_line, markup in html_pieces(page.tokens):
        for tag in _TAG.finditer(markup):
            line = first_line + markup[: tag.start()].count("\n")
            yield line, tag.group("name").lower(), tag.group("attrs") or ""


@check("SAFE001")
def raw_html(page: Page) -> Iterator[Problem]:
    """No ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<style>`` or ``<form>``."""
    for line, name, _ in _tags(page):
        if name in FORBIDDEN_TAGS:
            yield problem("SAFE001", page.path, line, tag=name)


@check("SAFE002")
def event_attribute(page: Page) -> Iterator[Problem]:
    """No ``on...=`` event-handler attribute."""
    for line, _, attrs in _tags(page):
        for event in _EVENT_ATTR.finditer(attrs):
            yield problem("SAFE002", page.path, line, attribute=event.group(1).lower())


@check("SAFE003")
def unsafe_url(page: Page) -> Iterator[Problem]:
    """No ``javascript:``, ``vbscript:`` or ``data:`` URL in a link, image or HTML attribute."""
    for link in page.links:
        found = scheme(link.url)
        if found in UNSAFE_SCHEMES:
            kind = "a link" if link.kind == "link" else "an image"
            yield problem("SAFE003", page.path, link.line, scheme=found, kind=kind)
    for line, name, attrs in _tags(page):
        for url in _URL_ATTR.finditer(attrs):
            found = scheme(url.group(1))
            if found in UNSAFE_SCHEMES:
                kind = (
                    "an image"
                    if name == "img"
                    else "a link"
                    if name == "a"
                    else f"a <{name}> element"
                )
                yield problem("SAFE003", page.path, line, scheme=found, kind=kind)

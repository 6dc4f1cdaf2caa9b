"""Safety rules: nothing in a page can run script, embed another document or restyle the site.

Raw HTML is checked against an allowlist (:data:`ALLOWED_TAGS`, :data:`ALLOWED_ATTRIBUTES`),
not a denylist: anything the course does not need is refused. URLs may be http(s),
mailto or relative only (:data:`ALLOWED_SCHEMES`), wherever they appear: Markdown links
and images, raw HTML attributes and attribute lists (``{ href=... }``).

A URL's scheme is read as a browser reads it (:func:`course.parse.markdown.scheme`):
character references decoded and control characters removed (WHATWG URL standard),
so disguised ``javascript:`` URLs are caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from course.parse import Page
from course.parse.front_matter import STR, node_line
from course.parse.markdown import attr_lists, html_tags, scheme
from course.report import Problem
from course.rules.links import is_remote
from course.rules.registry import Rendered, check, checks_for, problem, run
from course.sanitize import PAGE_SCRIPTS, RAW_HTML_TAGS, sanitize

#: The raw HTML elements a page may hold (all else is SAFE001); the sanitizer's list too.
ALLOWED_TAGS = RAW_HTML_TAGS
#: The attributes raw HTML and attribute lists may use (``on...`` is SAFE002, others SAFE004).
ALLOWED_ATTRIBUTES = frozenset(
    {
        "alt",
        "aria-describedby",
        "aria-hidden",
        "aria-label",
        "aria-labelledby",
        "class",
        "colspan",
        "data-sac-progress",
        "data-search-exclude",
        "dir",
        "height",
        "href",
        "id",
        "lang",
        "markdown",
        "open",
        "role",
        "rowspan",
        "src",
        "title",
        "width",
    }
)
#: URL schemes a link or image may use; a URL without a scheme is relative.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_EVENT = re.compile(r"on[a-z]+", re.IGNORECASE)
# One attribute of a tag: name, then optionally = and a quoted or bare value.
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?""",
)
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "srcset",
        "background",
        "cite",
    }
)


def _attributes(text: str) -> Iterator[tuple[str, str]]:
    """``(name lower-case, value)`` of every attribute in a tag's attribute text."""
    for match in _ATTRIBUTE.finditer(text):
        value = (
            match.group("dq")
            if match.group("dq") is not None
            else (match.group("sq") if match.group("sq") is not None else match.group("bare") or "")
        )
        yield match.group("name").lower(), value


def _tags(page: Page) -> list[tuple[int, str, str]]:
    """``(line, tag name lower-case, attribute text)`` of every raw HTML tag."""
    return html_tags(page.markup_tokens)


def _all_attributes(page: Page) -> Iterator[tuple[int, str, str, str]]:
    """``(line, element, name, value)`` for raw HTML tags and attribute lists alike."""
    for line, name, attrs in _tags(page):
        for attribute, value in _attributes(attrs):
            yield line, name, attribute, value
    for line, attrs in attr_lists(page.markup_tokens):
        for attribute, value in attrs:
            yield line, "attribute list", attribute, value


@check("SAFE001")
def raw_html(page: Page) -> Iterator[Problem]:
    """Raw HTML elements outside :data:`ALLOWED_TAGS` (script, iframe, style, meta, base, svg...).

    Unpaired ``<quiz>`` tags are mkdocs-quiz syntax, reported by QUIZ003.
    """
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    for line, name, _ in _tags(page):
        if name not in ALLOWED_TAGS and name != "quiz":
            yield problem("SAFE001", page.path, line, tag=name, allowed=allowed)


@check("SAFE002")
def event_attribute(page: Page) -> Iterator[Problem]:
    """No ``on...=`` event-handler attribute, in raw HTML or an attribute list."""
    for line, _, attribute, _ in _all_attributes(page):
        if _EVENT.fullmatch(attribute):
            yield problem("SAFE002", page.path, line, attribute=attribute)


@check("SAFE004")
def html_attribute(page: Page) -> Iterator[Problem]:
    """Attributes outside :data:`ALLOWED_ATTRIBUTES` (style, target, http-equiv, formaction...).

    On an element SAFE001 already refuses, its attributes are not reported again.
    """
    allowed = ", ".join(sorted(ALLOWED_ATTRIBUTES))
    for line, element, attribute, _ in _all_attributes(page):
        refused_element = element != "attribute list" and element not in ALLOWED_TAGS
        if (
            attribute not in ALLOWED_ATTRIBUTES
            and not _EVENT.fullmatch(attribute)
            and not refused_element
        ):
            tag = element if element != "attribute list" else "{ ... }"
            yield problem("SAFE004", page.path, line, attribute=attribute, tag=tag, allowed=allowed)


@check("SAFE003")
def unsafe_url(page: Page) -> Iterator[Problem]:
    """URLs with a scheme other than http(s) or mailto, in links, images, HTML and attr lists."""
    for link in page.links:
        found = scheme(link.url)
        if found and found not in ALLOWED_SCHEMES:
            kind = "a link" if link.kind == "link" else "an image"
            yield problem("SAFE003", page.path, link.line, scheme=found, kind=kind)
    for line, element, attribute, value in _all_attributes(page):
        found = scheme(value) if attribute in _URL_ATTRIBUTES else ""
        if found and found not in ALLOWED_SCHEMES:
            kind = (
                "an image"
                if element == "img"
                else "a link"
                if element == "a"
                else "an attribute list"
                if element == "attribute list"
                else f"a <{element}> element"
            )
            yield problem("SAFE003", page.path, line, scheme=found, kind=kind)


@check("SAFE006")
def page_scripts(page: Page) -> Iterator[Problem]:
    """Front matter ``scripts:`` (one name or a list) names only the course's own page
    modules (:data:`course.sanitize.PAGE_SCRIPTS`); hooks/page_scripts.py loads no other."""
    node = page.front.nodes.get("scripts")
    if node is None:
        return
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    allowed = ", ".join(sorted(PAGE_SCRIPTS))
    for item in items:
        name = item.value if isinstance(item, yaml.ScalarNode) and item.tag == STR else None
        if name not in PAGE_SCRIPTS:
            shown = repr(name) if name is not None else "something that is not a file name"
            yield problem("SAFE006", page.path, node_line(item), script=shown, allowed=allowed)


@check("SAFE005", scope="converted")
def sanitizer_removed(converted: Rendered) -> Iterator[Problem]:
    """What Python-Markdown made of the page passes the nh3 sanitizer unchanged
    (:func:`course.sanitize.sanitize`); anything it removes or changes is a gap in the
    rules above.

    Reported at the line of the first removed item (:func:`removed_at`), each line once;
    not at a line where a markup rule of the page reports a problem in the same build
    (``converted.reported``, :func:`markup_problem_lines`): the build then gives the
    rule's message, as the check does.
    """
    _, removed = sanitize(converted.html)
    page = converted.page
    at: dict[int, list[str]] = {}
    for item in dict.fromkeys(removed):
        at.setdefault(removed_at(page, item), []).append(item)
    for line, items in sorted(at.items()):
        if line not in converted.reported:
            yield problem("SAFE005", page.path, line, removed=", ".join(items))


def markup_problem_lines(page: Page) -> frozenset[int]:
    """The lines where a markup rule (raw HTML, attributes, URLs, images: SAFE001-004,
    LINK004-005) reports a problem on ``page``."""
    return frozenset(
        found.line
        for check in checks_for("page")
        if check.ids[0].startswith(("SAFE", "LINK"))
        for found in run(check, page)
    )


_REMOVED = re.compile(r"^(?:part of )?(?:(?P<attr>[^=\s]+)= on )?<(?P<tag>[^>\s]+)>$")


def removed_at(page: Page, item: str, within: tuple[int, int] | None = None) -> int:
    """The page line that holds what the sanitizer removed (``"<script>"``,
    ``"onclick= on <p>"``, ``"part of style= on <td>"``).

    Looked for, in order: a raw HTML tag of that name (with that attribute), an attribute
    list with that attribute, a Markdown link (``href`` on ``<a>``) or image (``src`` on
    ``<img>``), then the first ``<tag`` or ``attribute=`` written in the body, as a whole
    name (never in the front matter, never part of a word). ``within``: only lines
    ``first`` to ``last`` (a quiz), else their first. Line 1 of the body when nothing
    matches.
    """
    first, last = within or (page.body_start, len(page.text.split("\n")))
    found = _REMOVED.match(item)
    if not found:
        return first
    tag, attr = found.group("tag").lower(), (found.group("attr") or "").lower()
    for line, name, attrs in _tags(page):
        named = not attr or any(a == attr for a, _ in _attributes(attrs))
        if first <= line <= last and name == tag and named:
            return line
    if attr:
        for line, attrs in attr_lists(page.markup_tokens):
            if first <= line <= last and any(a == attr for a, _ in attrs):
                return line
    kind = {("a", "href"): "link", ("img", "src"): "image"}.get((tag, attr))
    for link in page.links if kind else ():
        unsafe = scheme(link.url) not in ("", *ALLOWED_SCHEMES) or is_remote(link.url)
        if first <= link.line <= last and link.kind == kind and unsafe:
            return link.line
    written = re.compile(
        rf"(?<![\w-]){re.escape(attr)}\s*=" if attr else rf"<\s*{re.escape(tag)}(?![\w-])",
        re.IGNORECASE,
    )
    lines = page.text.split("\n")
    for number in range(max(first, page.body_start), min(last, len(lines)) + 1):
        if written.search(lines[number - 1]):
            return number
    return first

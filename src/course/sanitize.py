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

import functools
import re
import secrets
from collections import Counter
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

import nh3

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "PAGE_SCRIPTS",
    "RAW_HTML_TAGS",
    "SITE_CODE_DIRS",
    "SITE_CODE_TYPES",
    "QUIZ_ATTRIBUTES",
    "QUIZ_TAGS",
    "sanitize",
    "sanitize_quiz",
]

# -- the site's own code --------------------------------------------------------------
# Script runs on a page only from the site's own files (the Content-Security-Policy's
# script-src 'self', course.csp), and the site's files that can run or restyle a page
# are maintainer-owned: they sit in SITE_CODE_DIRS, which .github/CODEOWNERS gives to
# the maintainers, so a pull request that adds or changes one needs their review, and a
# page loads a script of its own only when it is one of PAGE_SCRIPTS (this file is
# maintainer-owned too). Rules: FILE007 (where site code may sit), SAFE006 (scripts:).

#: The folders under docs/ that hold the site's code and data (maintainer-owned).
SITE_CODE_DIRS = ("assets/js/", "assets/css/")
#: The file types that are site code or data: only in :data:`SITE_CODE_DIRS`.
SITE_CODE_TYPES = (".js", ".mjs", ".css", ".json", ".woff2")
#: The course's own page modules, the only names a page's front matter ``scripts:`` may
#: give (hooks/page_scripts.py loads no other): each is a feature of the course,
#: reviewed with it.
PAGE_SCRIPTS = frozenset(
    {
        "assets/js/assessment.js",  # module checks and the final assessment
        "assets/js/assignments.js",  # the assignment builder and the assignment view
        "assets/js/progress-page.js",  # "Your progress"
        "assets/js/review.js",  # spaced review and the overviews' warm-up
        "assets/js/team-progress.js",  # team progress for leads
    }
)

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

#: What a quiz keeps besides the page allowlists: mkdocs-quiz's own markup (the quiz
#: box and its settings, the form, the options' inputs, the Submit button, the sections
#: for feedback and content; mkdocs_quiz/plugin.py).
QUIZ_TAGS = ALLOWED_TAGS | {"form", "fieldset", "button", "section"}
QUIZ_ATTRIBUTES: dict[str, set[str]] = {
    **ALLOWED_ATTRIBUTES,
    "div": ALLOWED_ATTRIBUTES["div"]
    | {
        "data-show-correct",
        "data-auto-submit",
        "data-disable-after-submit",
        "data-shuffle-answers",
    },
    "form": {"data-sac-form"},
    "input": ALLOWED_ATTRIBUTES["input"]
    | {"value", "data-correct", "data-answer", "autocomplete", "size"},
    "button": {"type"},
}


def sanitize(html: str) -> tuple[str, list[str]]:
    """Clean ``html`` and say what was taken out.

    The clean HTML is what gets published, as nh3 returns it: nh3 writes markup its own
    way (quotes, entities, ``<br>``), which is not a change.

    Returns:
        ``(clean, removed)``: the sanitized HTML, and one entry per removed element or
        attribute (``"<script>"``, ``"onclick= on <p>"``) or per attribute whose value nh3
        changed (``"part of style= on <td>"``: a ``url()`` in a cell's style), empty when
        nothing was removed or changed. Comments are kept: hooks replace ``<!-- ... -->``
        placeholders later.
    """
    return _clean(html, quiz=False)


def sanitize_quiz(html: str) -> tuple[str, list[str]]:
    """One quiz as mkdocs-quiz rendered it, cleaned as a page is (:func:`sanitize`), its
    own markup kept (:data:`QUIZ_TAGS`, :data:`QUIZ_ATTRIBUTES`).

    The question, options and explanations are the contributor's text, rendered by the
    plugin after the page was sanitized: what is removed from them is named as
    :func:`sanitize` names it. The plugin's own ``<form action="javascript:void(0);"
    onsubmit="return false;">`` is kept as it is, for ``course.csp`` to make safe as on
    every page (a page's own text cannot write the token that keeps it).
    """
    held = html.replace(_PLUGIN_FORM, _HELD_FORM)
    clean, removed = _clean(held, quiz=True)
    return clean.replace(_HELD_FORM, _PLUGIN_FORM), removed


# mkdocs-quiz's form, held under a token a page cannot write while nh3 runs.
_PLUGIN_FORM = '<form action="javascript:void(0);" onsubmit="return false;">'
_HELD_FORM = f'<form data-sac-form="{secrets.token_hex(12)}">'


def _clean(html: str, *, quiz: bool) -> tuple[str, list[str]]:
    clean = _cleaner(quiz)(html)
    # Start tags nh3 wrote back as they were count alike on both sides: only the others
    # are read (before = common + before - after, so the counts agree on the rest).
    before, after = _start_tags(html), _start_tags(clean)
    if _item_counts(before - after) == _item_counts(after - before):
        return clean, []  # the usual case, found without parsing the page twice
    return clean, _difference(_inventory(html), _inventory(clean))


@functools.cache
def _cleaner(quiz: bool) -> Callable[[str], str]:
    """nh3's sanitizer with the page allowlists (with ``quiz``, a quiz's), configured
    once per process: the allowlists are constants."""
    options = {
        "tags": set(QUIZ_TAGS if quiz else ALLOWED_TAGS),
        "clean_content_tags": {"script", "style"},
        "attributes": {
            tag: set(attrs)
            for tag, attrs in (QUIZ_ATTRIBUTES if quiz else ALLOWED_ATTRIBUTES).items()
        },
        "url_schemes": _SCHEMES,
        "link_rel": None,
        "strip_comments": False,
        "filter_style_properties": {"text-align"},
        "attribute_filter": _same_origin_images,
    }
    if hasattr(nh3, "Cleaner"):  # nh3 >= 0.3: the allowlists are built once
        return nh3.Cleaner(**options).clean
    return functools.partial(nh3.clean, **options)


def _same_origin_images(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an image from another origin loses its ``src`` (the
    course makes no request to other origins; rule LINK005 says where)."""
    if tag == "img" and attribute == "src":
        # As a browser reads it: no spaces or control characters, "\\" is "/".
        url = _CONTROL.sub("", value).replace("\\", "/").lower()
        if url.startswith(("http:", "https:", "//")):
            return None
    return value


_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


# (tag, None, None) for an element; (tag, attribute, value as read) for an attribute.
_Item = tuple[str, str | None, str | None]

# A start tag and its attribute text, without the spaces before ">" (nh3 writes none, so
# more tags read alike before and after). Possessive: each step has one way to go, so
# this matches what plain quantifiers would, up to the first ">" outside quotes.
_START_TAG = re.compile(
    r"<([A-Za-z][\w-]*)((?:[^>\"'\s]++|\s++(?=[^\s>])|\"[^\"]*+\"|'[^']*+')*+)\s*+>"
)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _value(name: str, value: str | None, *, decoded: bool = False) -> str:
    """An attribute value as a browser reads it: character references decoded (unless
    ``decoded`` already), and a ``style`` as its declarations (``text-align: right;`` is
    ``text-align:right``)."""
    text = value or ""
    if not decoded and "&" in text:
        text = unescape(text)
    if name == "style":
        declarations = (part.split(":", 1) for part in text.split(";") if part.strip())
        text = ";".join(
            f"{prop.strip().lower()}:{' '.join(rest[0].split()) if rest else ''}"
            for prop, *rest in declarations
        )
    return text


def _tags_and_attributes(html: str) -> Counter[_Item]:
    """A quick count of start tags and their attributes with their values.

    Serialisation details nh3 changes (quotes, entities, ``<br />``, empty attribute
    values, the spacing in ``style``) do not change the counts, so equal counts before
    and after mean nothing was removed or changed; any difference is examined with a
    real HTML parser (:func:`_inventory`).
    """
    return _item_counts(_start_tags(html))


def _start_tags(html: str) -> Counter[tuple[str, str]]:
    """Each start tag of ``html`` as written (name, attribute text), counted."""
    return Counter(_START_TAG.findall(html))


def _item_counts(tags: Counter[tuple[str, str]]) -> Counter[_Item]:
    """The entries of the counted start ``tags`` (:func:`_tag_items`), each counted."""
    found: Counter[_Item] = Counter()
    for (name, source), count in tags.items():
        for item in _tag_items(name, source):
            found[item] += count
    return found


def _tag_items(name: str, source: str) -> tuple[_Item, ...]:
    """One start tag's entries: the element, then each attribute with its value as a
    browser reads it."""
    name = name.lower()
    items: list[_Item] = [(name, None, None)]
    for key, double, single, bare in _ATTRIBUTE.findall(source):
        key = key.lower()
        value = double or single or bare  # the one given ("" for none: read alike)
        if "&" in value or key == "style":
            value = _value(key, value)
        items.append((name, key, value))
    return tuple(items)


def _difference(before: Counter[_Item], after: Counter[_Item]) -> list[str]:
    """What ``after`` lost: removed elements and attributes, then attributes whose value
    changed, one entry each, in a stable order."""

    def names(items: Counter[_Item]) -> Counter[tuple[str, str | None]]:
        out: Counter[tuple[str, str | None]] = Counter()
        for (tag, attr, _), count in items.items():
            out[(tag, attr)] += count
        return out

    gone = names(before) - names(after)
    removed = [
        f"<{tag}>" if attr is None else f"{attr}= on <{tag}>"
        for (tag, attr), count in sorted(gone.items(), key=str)
        for _ in range(count)
    ]
    changed = names(before - after) - gone
    removed += [
        f"part of {attr}= on <{tag}>"
        for (tag, attr), count in sorted(changed.items(), key=str)
        for _ in range(count)
        if attr is not None
    ]
    return removed


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[_Item] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[(tag, None, None)] += 1
        for name, value in attrs:
            # HTMLParser has decoded the value's character references already.
            self.found[(tag, name, _value(name, value, decoded=True))] += 1

    handle_startendtag = handle_starttag


def _inventory(html: str) -> Counter[_Item]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.found

"""The other-origin scanner: which URLs a built page makes the browser fetch by itself.

Used by ``tests/site/test_privacy.py`` (no built page or stylesheet references
another origin), ``tests/browser/test_privacy_browser.py`` (the pages to visit)
and the benchmark's privacy measure (``tools.bench.privacy``).

- :func:`fetched_urls`: ``(element, url)`` for every URL in an HTML document that
  the browser fetches without a click: ``src``/``srcset``/``poster``/``data`` of
  scripts, images, frames, media and embeds, SVG ``href``, ``<link>`` with a
  fetching ``rel`` (stylesheet, preload, icon, ...), and ``url()``/``@import`` in
  ``style`` attributes and ``<style>`` elements. Plain links (``<a href>``) are
  not fetched and not listed.
- :func:`css_urls`: the ``url()`` and ``@import`` targets of a stylesheet.
- :func:`foreign`: whether a URL leaves 127.0.0.1 / localhost.
- :func:`foreign_references`: all of that over a built site folder.

HTML is parsed with BeautifulSoup (``beautifulsoup4``, in the ``test`` extra).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "CSS_URL",
    "FETCHED",
    "FETCHING_RELS",
    "assignment_link",
    "css_urls",
    "fetched_urls",
    "foreign",
    "foreign_references",
    "page_paths",
]

#: (tag, attribute) pairs whose URL the browser fetches without a click.
FETCHED = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
]
#: ``<link rel=...>`` values that make the browser fetch or connect.
FETCHING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "prerender",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "icon",
    "apple-touch-icon",
    "manifest",
}
#: ``url(...)`` (group 1) or ``@import "..."`` (group 2) in CSS.
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")

_LOCAL_SCHEMES = {"data", "blob", "about", "javascript", "mailto", "tel"}
_LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def foreign(url: str) -> bool:
    """True when ``url`` would be fetched from another origin.

    Only absolute (``https://host/...``) and protocol-relative (``//host/...``)
    URLs can; relative paths, ``data:``/``blob:``/``about:`` and the like never
    do, nor do 127.0.0.1 and localhost (where the tests and the bench serve).
    """
    parts = urlsplit(url.strip())
    if parts.scheme in _LOCAL_SCHEMES:
        return False
    return bool(parts.netloc) and parts.hostname not in _LOCAL_HOSTS


def _urls(value: str) -> list[str]:
    """The URLs in an attribute value (``srcset`` lists several, with sizes)."""
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    """Every ``url()`` and ``@import`` target in ``css``, in order of appearance."""
    return [a or b for a, b in CSS_URL.findall(css)]


def fetched_urls(html: str) -> list[tuple[str, str]]:
    """``(element description, URL)`` for every URL ``html`` makes the browser fetch.

    Grouped by kind (the :data:`FETCHED` pairs in order, then ``<link>``, then
    ``style`` attributes, then ``<style>`` elements), each group in document
    order. The description names the source, e.g. ``"<img srcset>"``,
    ``"<link rel=stylesheet>"``, ``"<div style>"``.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in FETCHED:
        for element in soup.find_all(tag):
            value = element.get(attr) or element.get(f"xlink:{attr}")
            if value:
                found += [(f"<{tag} {attr}>", url) for url in _urls(value)]
    for link in soup.find_all("link"):
        if set(link.get("rel", [])) & FETCHING_RELS and link.get("href"):
            found.append((f"<link rel={' '.join(link['rel'])}>", link["href"]))
    for element in soup.find_all(style=True):
        found += [(f"<{element.name} style>", url) for url in css_urls(element["style"])]
    for style in soup.find_all("style"):
        found += [("<style>", url) for url in css_urls(style.get_text())]
    return found


def foreign_references(folder: Path) -> list[str]:
    """Every reference to another origin in the ``.html`` and ``.css`` files under ``folder``.

    One string per reference, files in sorted path order: ``"<rel path>: <element>
    <url>"`` for HTML (``"a/index.html: <script src> https://cdn.example/x.js"``),
    ``"<rel path>: <url>"`` for CSS. An empty list means the site only ever fetches
    from itself. Files are read as UTF-8 (CSS with undecodable bytes replaced).
    """
    problems = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        for where, url in fetched_urls(path.read_text(encoding="utf-8")):
            if foreign(url):
                problems.append(f"{rel}: {where} {url}")
    for path in sorted(folder.rglob("*.css")):
        rel = path.relative_to(folder).as_posix()
        for url in css_urls(path.read_text(encoding="utf-8", errors="replace")):
            if foreign(url):
                problems.append(f"{rel}: {url}")
    return problems


def page_paths(folder: Path) -> list[str]:
    """URL paths of every page (``index.html``) of a built site, sorted: ``""`` for
    the home page, ``"connection/x/"`` for the others. ``404.html`` is not a page."""
    paths = []
    for path in sorted(folder.rglob("index.html")):
        rel = path.relative_to(folder).as_posix()
        paths.append(rel[: -len("index.html")])
    return paths


def assignment_link(
    lesson_ids: list[str], *, title: str = "Week one lessons", days: int = 7
) -> str:
    """A relative assignment-view link, the format ``docs/assets/js/assignments.js`` reads:
    ``"assignment/#v=2&t=<title, spaces as +>&due=<today + days, ISO>&l=<id>,<id>&end=1"``."""
    due = (dt.date.today() + dt.timedelta(days=days)).isoformat()
    return f"assignment/#v=2&t={title.replace(' ', '+')}&due={due}&l={','.join(lesson_ids)}&end=1"

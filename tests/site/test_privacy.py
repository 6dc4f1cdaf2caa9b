"""Privacy: the built course never makes the browser talk to another origin.

No fonts, scripts, styles, images, analytics or API calls from anywhere but the
site itself (issue 8; the GitHub repository link in the header is a plain link,
and overrides/partials/source.html keeps Material from calling the GitHub API).

- Static: every URL the browser would fetch by itself from the built HTML
  (scripts, stylesheets, icons, preloads, images, frames, media, inline styles)
  and from every CSS file (``url()``, ``@import``) is on the same origin.
- Browser: every page of the site, plus an assignment link and a search, loaded
  in Chromium with every request recorded; none leaves 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import BuildResult, engage

# (tag, attribute) pairs whose URL the browser fetches without a click.
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
# <link rel=...> values that make the browser fetch or connect.
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
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def foreign(url: str) -> bool:
    """True when ``url`` would be fetched from another origin (absolute or ``//host``)."""
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob", "about"}:
        return False
    return bool(parts.netloc) and parts.hostname not in {"127.0.0.1", "localhost"}


def _urls(value: str) -> list[str]:
    """The URLs in an attribute value (``srcset`` lists several, with sizes)."""
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def fetched_urls(html: str) -> list[tuple[str, str]]:
    """(element description, URL) for every URL ``html`` makes the browser fetch."""
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
        found += [(f"<{element.name} style>", a or b) for a, b in CSS_URL.findall(element["style"])]
    for style in soup.find_all("style"):
        found += [("<style>", a or b) for a, b in CSS_URL.findall(style.get_text())]
    return found


def test_the_checker_sees_foreign_references() -> None:
    html = (
        '<link rel="stylesheet" href="https://fonts.example.net/css">'
        '<script src="//cdn.example.org/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.com/b.png 2x">'
        '<div style="background: url(https://t.example.com/p.gif)"></div>'
        '<a href="https://example.com/">a plain link is not fetched</a>'
        '<script src="../assets/js/store.js"></script>'
    )
    bad = [url for _, url in fetched_urls(html) if foreign(url)]
    assert bad == [
        "//cdn.example.org/x.js",
        "https://img.example.com/b.png",
        "https://fonts.example.net/css",
        "https://t.example.com/p.gif",
    ]


def test_no_built_page_or_stylesheet_references_another_origin(built_site: BuildResult) -> None:
    problems = []
    pages = sorted(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        rel = path.relative_to(built_site.site_dir)
        for where, url in fetched_urls(path.read_text(encoding="utf-8")):
            if foreign(url):
                problems.append(f"{rel}: {where} {url}")
    for path in sorted(built_site.site_dir.rglob("*.css")):
        rel = path.relative_to(built_site.site_dir)
        for a, b in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if foreign(a or b):
                problems.append(f"{rel}: {a or b}")
    assert problems == [], "\n".join(problems)





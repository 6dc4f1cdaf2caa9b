"""Privacy: the built course never makes the browser talk to another origin.

No fonts, scripts, styles, images, analytics or API calls from anywhere but the
site itself (issue 8; the GitHub repository link in the header is a plain link,
and overrides/partials/source.html keeps Material from calling the GitHub API).

- Static: every URL the browser would fetch by itself from the built HTML
  (scripts, stylesheets, icons, preloads, images, frames, media, inline styles)
  and from every CSS file (``url()``, ``@import``) is on the same origin.
- Browser (tests/browser/test_privacy_browser.py): every page of the site, plus an
  assignment link and a search, loaded in Chromium with every request recorded;
  none leaves 127.0.0.1.

The scanner is :mod:`tools.privacy` (the benchmark uses it too); the first test
checks it on a sample.
"""

from __future__ import annotations

from conftest import BuildResult

from tools.privacy import fetched_urls, foreign, foreign_references


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
    pages = sorted(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 20
    problems = foreign_references(built_site.site_dir)
    assert problems == [], "\n".join(problems)

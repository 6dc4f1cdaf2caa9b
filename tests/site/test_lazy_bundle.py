"""Material's bundle loads on the first interaction (hooks/lazy_bundle.py, issue 8).

- Built HTML: no page has the bundle's ``<script src>`` any more; every page has
  the loader, which names the bundle, and the page says ``js`` from the start.
- A page that lacks the tag is a build warning naming the page.
- In the browser: nothing requests the bundle until the learner interacts; then
  it loads once, and search, instant navigation and progress work. The search
  index waits until search is opened.
- The palette is right before the bundle: the system's dark mode, a saved
  choice, and a toggle click before the bundle (kept when it arrives).
- The first interaction is not lost where only the bundle would handle it: a tap
  on the search button focuses the field, "/" opens search, Enter on the palette
  toggle switches.
- The home page's "Continue" box is hidden for a new learner and shown before the
  first paint for a returning one (no layout shift when progress.js fills it);
  progress that only names lessons no longer in the course does not show it.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from bs4 import BeautifulSoup
from conftest import BUNDLE, PHONE, BuildResult, engage, first_lesson, load_hook

lazy_bundle = load_hook("lazy_bundle")
from playwright.sync_api import expect

def test_every_page_has_the_loader_instead_of_the_bundle_tag(built_site: BuildResult) -> None:
    pages = [p for p in sorted(built_site.site_dir.rglob("*.html"))]
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(built_site.site_dir)
        sources = [tag.get("src", "") for tag in soup.find_all("script")]
        assert not any(BUNDLE.search(src) for src in sources), f"{rel}: bundle still loaded"
        loaders = [t for t in soup.find_all("script") if "sacEveryPage" in (t.string or "")]
        assert len(loaders) == 1, f"{rel}: {len(loaders)} loaders"
        match = BUNDLE.search(loaders[0].string)
        assert match and (built_site.site_dir / match.group(0)).is_file(), rel
        assert 'classList.replace("no-js","js")' in str(soup.head), rel


def test_loader_keeps_the_url_a_string() -> None:
    script = lazy_bundle.loader_script('x/"</script><script>alert(1)//bundle.js')
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert '"x/\\"<\\/script><script>alert(1)//bundle.js"' in script


def test_a_page_without_the_bundle_tag_is_a_warning(caplog) -> None:
    class Config:
        class theme:  # noqa: N801 - stands in for config.theme
            name = "material"

    class Page:
        class file:  # noqa: N801 - stands in for page.file
            src_uri = "module/lesson.md"

    with caplog.at_level(logging.WARNING):
        html = "<html><body>no bundle</body></html>"
        result = lazy_bundle.on_post_page(html, page=Page, config=Config)
    assert result is None
    assert "module/lesson.md" in caplog.text and "bundle" in caplog.text















"""No page requests another origin, checked in Chromium on every page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import BuildResult, engage


def _page_urls(site_dir: Path) -> list[str]:
    urls = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        urls.append(rel[: -len("index.html")])
    return urls


@pytest.mark.browser
def test_no_page_requests_another_origin(built_site: BuildResult, site_url, page_factory) -> None:
    page = page_factory(viewport={"width": 1280, "height": 900})
    catalogue = json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))
    lesson_ids = list(catalogue["lessons"])[:2]
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    urls = _page_urls(built_site.site_dir)
    if (built_site.site_dir / "assignment" / "index.html").is_file():
        urls.append(f"assignment/#t=Week+one&due={due}&l={','.join(lesson_ids)}")
    visited = []
    for url in urls:
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        engage(page)  # and what Material's bundle loads on the first interaction
        visited.append(url)
        assert page.foreign_requests == [], f"{url}: {page.foreign_requests}"
    # A search runs in Material's worker: the index and worker are local too.
    page.goto(site_url)
    engage(page)
    page.evaluate("document.querySelector('[data-md-component=search-query]').focus()")
    page.keyboard.type("client")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    assert len(visited) > 20

"""No page requests another origin, checked in Chromium on every page."""

from __future__ import annotations

import json

import pytest
from conftest import BuildResult, engage

from tools.privacy import assignment_link, page_paths


@pytest.mark.browser
def test_no_page_requests_another_origin(built_site: BuildResult, site_url, page_factory) -> None:
    page = page_factory(viewport={"width": 1280, "height": 900})
    catalogue = json.loads((built_site.site_dir / "course.json").read_text(encoding="utf-8"))
    lesson_ids = list(catalogue["lessons"])[:2]
    urls = page_paths(built_site.site_dir)
    if (built_site.site_dir / "assignment" / "index.html").is_file():
        urls.append(assignment_link(lesson_ids, title="Week one"))
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

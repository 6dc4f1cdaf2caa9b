"""Privacy: requests to other origins on every page in Chromium, and references to
other origins in the built HTML and CSS (the scanner of :mod:`tools.privacy`)."""

from __future__ import annotations

from tools.bench.common import record
from tools.bench.site import ASSIGNMENT, Site, engage, launch_browser, sample_assignment
from tools.privacy import foreign, foreign_references


def measure_privacy(site: Site, measures: dict) -> dict:
    """Visit every page (and a sample assignment link); list requests to other origins.

    Records ``foreign_requests`` (requests that left 127.0.0.1 in Chromium, each
    page engaged so Material's bundle loads too) and ``foreign_references``
    (:func:`tools.privacy.foreign_references` over the built HTML and CSS) in
    ``measures``; returns the pages visited and both lists.
    """
    pages = site.pages()
    extra = [sample_assignment(site)] if site.exists(ASSIGNMENT) else []
    requests: dict[str, list[str]] = {}
    playwright, browser = launch_browser(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        current = {"url": ""}
        page.on(
            "request",
            lambda r: foreign(r.url) and requests.setdefault(current["url"], []).append(r.url),
        )
        for path in pages + extra:
            current["url"] = path
            page.goto(site.url + path)
            page.wait_for_load_state("networkidle")
            engage(page)
        context.close()
    finally:
        browser.close()
        playwright.stop()
    count = sum(len(urls) for urls in requests.values())
    record(measures, "foreign_requests", count, f"{len(pages) + len(extra)} pages visited")
    references = foreign_references(site.folder)
    record(
        measures,
        "foreign_references",
        len(references),
        "scripts, styles, fonts, images, frames"
        + (f"; first: {references[0]}" if references else ""),
    )
    return {
        "pages": len(pages) + len(extra),
        "foreign_requests": requests,
        "foreign_references": references,
    }

"""Page weight: a lesson's HTML gzip size, and the bytes a first and a further lesson
visit move (counted by the server, so the search worker's requests count too)."""

from __future__ import annotations

import gzip

from tools.bench.common import KB, record
from tools.bench.site import Site, engage, launch_browser, settle


def measure_weight(site: Site, measures: dict) -> dict:
    """Lesson HTML gzip size and bytes moved on first and further lesson visits.

    Records ``lesson_html_gzip`` (largest lesson, bytes), ``first_visit`` and
    ``further_lesson`` (bytes the server sent, headers included) in ``measures``;
    returns the details (per-response byte lists ``[path, bytes]``). Needs three
    lessons in course.json (else ``{"error": ...}``) and Chromium.
    """
    lessons = site.lessons()
    if len(lessons) < 3:
        return {"error": "fewer than three lessons in course.json"}
    first, second, third = lessons[:3]
    html = (site.folder / first / "index.html").read_bytes()
    sizes = {
        url: len(gzip.compress((site.folder / url / "index.html").read_bytes())) for url in lessons
    }
    largest = max(sizes, key=sizes.get)
    record(
        measures,
        "lesson_html_gzip",
        sizes[largest],
        f"largest of {len(sizes)} lessons: {largest} ({len(gzip.compress(html))} B for {first})",
    )

    playwright, browser = launch_browser(site)
    try:
        # Service workers blocked: these are the bytes a visit needs. The offline copy
        # the worker downloads in the background afterwards is measured on its own
        # (tools/bench/offline.py, "precache_download").
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            service_workers="block",
        )
        page = context.new_page()
        site.reset_count()
        page.goto(site.url + first)
        settle(page)
        engage(page)
        first_visit = site.count.bytes
        first_requests = list(site.count.requests)
        # The same visit with a search: the index loads when search opens.
        page.evaluate("document.querySelector('[data-md-component=search-query]').focus()")
        page.keyboard.type("client")
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=15000)
        settle(page)
        with_search = site.count.bytes
        page.keyboard.press("Escape")

        site.reset_count()
        page.goto(site.url + second)
        settle(page)
        engage(page)  # instant navigation to the third lesson needs the bundle
        further_load = site.count.bytes
        further_load_requests = list(site.count.requests)

        # From the second lesson to a third one not visited yet, by instant
        # navigation. A script click: Material's listener on <body> takes it like a tap.
        site.reset_count()
        page.evaluate("window.__benchSameDocument = true")
        page.eval_on_selector(f"a[href$='{third.rstrip('/').split('/')[-1]}/']", "a => a.click()")
        page.wait_for_url("**/" + third)
        settle(page)
        instant = page.evaluate("window.__benchSameDocument === true")
        further_instant = site.count.bytes
        further_instant_requests = list(site.count.requests)
        context.close()
    finally:
        browser.close()
        playwright.stop()
    record(
        measures,
        "first_visit",
        first_visit,
        f"{first}, {len(first_requests)} requests; {with_search / KB:.1f} KB with a search"
        " (the search index loads when search is first opened); service workers blocked,"
        " the offline copy's background download is counted below",
    )
    further = max(further_load, further_instant)
    record(
        measures,
        "further_lesson",
        further,
        f"{second} by full load {further_load} B, {third} by instant navigation "
        f"{further_instant} B" + ("" if instant else " (instant navigation did not engage)"),
    )
    return {
        "lesson": first,
        "html_bytes": len(html),
        "html_gzip_bytes_per_lesson": sizes,
        "first_visit_bytes": first_visit,
        "first_visit_requests": first_requests,
        "first_visit_with_search_bytes": with_search,
        "further_lesson": second,
        "further_full_load_bytes": further_load,
        "further_full_load_requests": further_load_requests,
        "further_instant_lesson": third,
        "further_instant_bytes": further_instant,
        "further_instant_requests": further_instant_requests,
        "instant_navigation_engaged": instant,
    }

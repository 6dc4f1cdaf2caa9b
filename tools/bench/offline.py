"""The offline copy (issue 18, item 8): what the service worker keeps, and what it moves.

- ``precache_size``: the files sw.js lists, as stored on the device (and gzip, as
  they travel), read from the built site.
- ``precache_download``: a first visit to a lesson with the service worker allowed,
  until the footer says the course is available offline, counted by the server;
  minus the same visit's bytes with service workers blocked (the weight section's
  ``first_visit``, measured that way), that is what the background download adds.
- A second lesson after that, by a page load: what it still moves (the worker
  answers from the copy).
"""

from __future__ import annotations

import gzip
import json
import re
import time

from course.offline import precache_entries
from tools.bench.common import KB, record
from tools.bench.site import Site, engage, launch_browser, settle

READY = "footer [data-offline-status][data-state=ready]"


def measure_offline(site: Site, measures: dict) -> dict:
    """Record ``precache_size`` and ``precache_download``; returns the details.

    Needs the built site's sw.js and Chromium; a missing sw.js is ``{"error": ...}``.
    """
    worker = site.folder / "sw.js"
    if not worker.is_file():
        return {"error": "the build wrote no sw.js"}
    listed = _listed(worker.read_text(encoding="utf-8"))
    entries = {entry.url: entry for entry in precache_entries(site.folder)}
    stored = sum(entries[url].size for url in listed if url in entries)
    moved = sum(
        len(gzip.compress((site.folder / entries[url].path).read_bytes()))
        for url in listed
        if url in entries
    )
    record(
        measures,
        "precache_size",
        stored,
        f"{len(listed)} files; {moved / KB:.0f} KB gzip (pages, assets, course.json, "
        "search index; course.offline.EXCLUDED says what is left out)",
    )

    lessons = site.lessons()
    playwright, browser = launch_browser(site)
    try:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        site.reset_count()
        started = time.monotonic()
        page.goto(site.url + lessons[0])
        settle(page)
        engage(page)
        page.wait_for_selector(READY, state="attached", timeout=180_000)
        seconds = time.monotonic() - started
        settle(page)
        total = site.count.bytes
        requests = len(site.count.requests)
        site.reset_count()
        page.goto(site.url + lessons[1])
        settle(page)
        engage(page)
        after = site.count.bytes
        after_requests = [path for path, _sent in site.count.requests]
        context.close()
    finally:
        browser.close()
        playwright.stop()
    first = measures.get("first_visit", {}).get("value")
    background = None if first is None else total - first
    record(
        measures,
        "precache_download",
        background,
        f"{total / KB:.1f} KB in {requests} responses for the first visit and the copy, "
        f"saved {seconds:.1f} s after the page was opened"
        + ("" if first is not None else " (weight not measured, so no first visit to subtract)"),
    )
    return {
        "files": len(listed),
        "stored_bytes": stored,
        "gzip_bytes": moved,
        "first_visit_with_worker_bytes": total,
        "first_visit_with_worker_requests": requests,
        "saved_after_s": round(seconds, 1),
        "next_lesson_bytes": after,
        "next_lesson_requests": after_requests,
    }


def _listed(worker: str) -> list[str]:
    """The urls of sw.js's precache list."""
    found = re.search(r"^var PRECACHE = (\[.*?^\]);", worker, re.MULTILINE | re.DOTALL)
    return [entry["url"] for entry in json.loads(found.group(1))] if found else []

"""MkDocs hook: the course offline (service worker, web app manifest, registration).

A thin adapter over :mod:`course.offline`:

- every page gets ``<link rel="manifest">`` in its head and, at the end of its body,
  ``assets/js/offline.js`` (a module, fetched at low priority), which registers
  ``sw.js`` once the page has loaded and the browser is idle and shows in the footer
  whether the course is available offline (``overrides/partials/copyright.html``);
- after the build, last of all (after ``hooks/csp.py``, so the list holds every page's
  final bytes), Workbox's runtime, ``manifest.webmanifest`` and ``sw.js`` with the
  precache list are written into the site.

``mkdocs serve`` gets neither the script nor the manifest, and its ``sw.js`` is a
worker that removes an offline copy left on the preview's address by a built site
(pages change with every edit there). Why, with the figures:
tools/decisions/0016-offline-service-worker.md.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course.offline import SERVICE_WORKER, WEB_MANIFEST, write_offline, write_preview

log = get_plugin_logger(__name__)

SCRIPT = "assets/js/offline.js"

# The command this process runs ("build", "serve", "gh-deploy"; None when a build is
# started through the Python API, as the tests do).
_command: dict[str, str | None] = {"name": None}


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if _command["name"] == "serve":
        return None
    manifest = escape(get_relative_url(WEB_MANIFEST, page.url))
    script = escape(get_relative_url(SCRIPT, page.url))
    head = f'<link rel="manifest" href="{manifest}">\n'
    body = f'<script src="{script}" type="module" fetchpriority="low"></script>\n'
    if "</head>" not in output or "</body>" not in output:
        log.warning("%s: no </head> or </body>; the page is not offline-ready", page.file.src_uri)
        return None
    output = output.replace("</head>", head + "</head>", 1)
    at = output.rindex("</body>")
    return output[:at] + body + output[at:]


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if _command["name"] == "serve":
        write_preview(site)
        return
    report = write_offline(
        site,
        name=config.site_name,
        description=config.site_description or "",
        icon=config.theme.get("favicon") or "",
    )
    for problem in report.problems:
        log.warning("%s", problem)
    log.info(
        "%s lists %d files for offline use, %.1f MB (version %s)",
        SERVICE_WORKER,
        len(report.entries),
        report.size / 1e6,
        report.build,
    )

"""MkDocs hook: every built page carries the site's Content-Security-Policy as a ``<meta>``.

A thin adapter over :mod:`course.csp`. After the build (the last ``on_post_build``, so
after ``hooks/minify.py`` and every plugin), it reads every ``*.html`` of the site as
written to disk, hashes every inline script that runs, and writes one policy into every
page, first in ``<head>``: ``script-src 'self'`` plus those hashes (every page lists the
whole site's, since Material's instant navigation runs the next page's inline scripts
under the first page's policy), ``object-src 'none'``, ``base-uri 'self'``,
``form-action 'self'`` and the fetch directives limited to the site (``img-src`` also
``data:``, for Material's icons). The directives and why: ``course.csp.DIRECTIVES``.

mkdocs-quiz's ``action="javascript:void(0);" onsubmit="return false;"`` on each quiz
form becomes ``method="dialog"``, which submits nowhere without script; the plugin's
quiz.js keeps handling the submit event. Anything else the policy would block (an
``on*=`` attribute, a ``javascript:`` URL, a ``style=`` attribute, a page without
``<head>``) is a build warning naming the page and line, so ``--strict`` fails.

``mkdocs serve`` is left alone: its live-reload script is injected into every response
and could not be hashed. ``course csp`` prints the same policy for an HTTP header
(README, "Publishing"). Why, with the figures: tools/decisions/0012-content-security-policy.md.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from course.csp import secure_site

log = get_plugin_logger(__name__)

# The command this process runs ("build", "serve", "gh-deploy"; None when a build is
# started through the Python API, as the tests do).
_command: dict[str, str | None] = {"name": None}


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _command["name"] == "serve":
        return
    report = secure_site(Path(config.site_dir))
    for problem in report.problems:
        log.warning("built site: %s", problem)
    log.info(
        "Content-Security-Policy in %d pages: %d inline script hashes, %d quiz forms made safe",
        report.pages,
        len(report.script_hashes),
        report.rewritten,
    )

"""``launch.html``: the file the LMS opens, which owns the LMS session and frames the course.

The page holds no inline script: ``assets/js/lms/launcher.js`` (a module) finds the LMS
(SCORM's ``API`` / ``API_1484_11``, or cmi5's launch parameters), restores progress and
shows the course home (or the page the learner left) in the frame. ``data-standard`` on
``<html>`` says which standard this package speaks; ``data-site-root`` makes the progress
store of the launcher the same as the framed pages' (``docs/assets/js/lib/site.js``).

Its Content-Security-Policy (a ``<meta>``, first in ``<head>``, CSP3 §3.3) allows the
package's own files only, as the course pages' policy does, with one difference for cmi5:
the LRS endpoint and the fetch URL are on other origins that are known only at launch (the
LMS puts them in the launch URL, cmi5 §8.1), so ``connect-src`` also allows ``https:`` and
``http:`` here, and the launcher adds a second policy naming exactly those two origins as
soon as it has read them (a document enforces every policy it has, CSP3 §8.1, so the
second one narrows the first). The framed course pages keep the public site's policy
unchanged: they never talk to the LRS, they tell the launcher (``postMessage``, same
origin).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

__all__ = ["STANDARD_NAMES", "launch_html", "launch_policy"]

#: Package standards -> what the launcher shows and the manifests call them.
STANDARD_NAMES = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "cmi5": "cmi5"}

_BASE = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)


def launch_policy(standard: str) -> str:
    """The launcher's Content-Security-Policy for ``standard`` (see the module docstring)."""
    directives = []
    for name, value in _BASE:
        if name == "connect-src" and standard == "cmi5":
            value = "'self' https: http:"
        directives.append(f"{name} {value}")
    return "; ".join(directives)


def launch_html(standard: str, *, title: str) -> str:
    """The launcher page of a package for ``standard`` ("scorm12", "scorm2004", "cmi5")."""
    if standard not in STANDARD_NAMES:
        raise ValueError(f"unknown standard {standard!r}")
    template = _environment().get_template("launch.html")
    return template.render(
        standard=standard,
        standard_name=STANDARD_NAMES[standard],
        title=title,
        policy=launch_policy(standard),
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )

"""The built package site made to run from files: every link names the file it opens.

The variant builds with directory URLs (``connection/`` is ``connection/index.html``), as
the public site does. A web server answers ``connection/`` with its ``index.html``; an
LMS player often does not (it serves the package's files by name, from its own file store
or a CDN). :func:`localise` therefore rewrites, in every page, each relative ``href`` whose
path ends in ``/`` (``./``, ``../``, ``x/``, ``x/#part``) to the ``index.html`` inside,
when that file exists, and does the same for the ``url`` fields of ``course.json`` that the
scripts build links from. Links that the browser scripts write at run time from fixed
paths (``ROOT + "progress/"``) are completed by ``assets/js/lms/bridge.js`` when they are
followed.

Inline ``<script>`` elements are never touched: the Content-Security-Policy of every page
lists their hashes (:mod:`course.csp`), which the rewrite must keep valid.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["LocaliseReport", "file_url", "localise", "localise_html", "site_files"]

_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r'(<(?:a|link|area)\b[^>]*?\shref=")([^"]*)(")', re.IGNORECASE)


@dataclass
class LocaliseReport:
    """What :func:`localise` changed: ``pages`` rewritten, ``links`` rewritten in them."""

    pages: int = 0
    links: int = 0


def file_url(href: str, page: str, exists) -> str | None:
    """``href`` on the page at ``page`` (site-relative file path) pointing at a file.

    Returns the new href (``x/`` -> ``x/index.html``, the query and fragment kept), or
    None when ``href`` is not a relative folder link or no ``index.html`` is there.
    ``exists(path)`` tells whether a site-relative file exists.
    """
    if not href or href.startswith(("#", "/", "?")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"  # Material's logo link is "../.." on a lesson
    if not path.endswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path, "index.html"))
    if target.startswith("../") or not exists(target):
        return None
    rest = href[len(parts.path) :]
    return path + "index.html" + rest


def localise_html(html: str, page: str, exists) -> tuple[str, int]:
    """``html`` with its folder links pointing at files (see :func:`file_url`), and the
    number of links changed. Inline scripts are left as they are."""
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        new = file_url(match[2].replace("&amp;", "&"), page, exists)
        if new is None:
            return match[0]
        count += 1
        return match[1] + new.replace("&", "&amp;") + match[3]

    out: list[str] = []
    last = 0
    for script in _SCRIPT.finditer(html):
        out.append(_HREF.sub(fix, html[last : script.start()]))
        out.append(script[0])
        last = script.end()
    out.append(_HREF.sub(fix, html[last:]))
    return "".join(out), count


def localise(site_dir: Path) -> LocaliseReport:
    """Rewrite every page and ``course.json`` of the built site in ``site_dir``."""
    files = set(site_files(site_dir))
    report = LocaliseReport()
    for rel in sorted(files):
        if not rel.endswith(".html"):
            continue
        path = site_dir / rel
        html = path.read_text(encoding="utf-8")
        new, count = localise_html(html, rel, files.__contains__)
        if count:
            path.write_text(new, encoding="utf-8")
            report.pages += 1
            report.links += count
    catalogue = site_dir / "course.json"
    if catalogue.is_file():
        data = json.loads(catalogue.read_text(encoding="utf-8"))
        for group in ("lessons", "assessments"):
            for entry in (data.get(group) or {}).values():
                _fix_entry(entry, files)
        for entry in data.get("modules") or []:
            _fix_entry(entry, files)
        catalogue.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return report


def site_files(site_dir: Path) -> list[str]:
    """Every file below ``site_dir``, as sorted site-relative POSIX paths."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def _fix_entry(entry: dict, files: set[str]) -> None:
    url = entry.get("url") if isinstance(entry, dict) else None
    if not isinstance(url, str):
        return
    new = file_url(url or "./", "index.html", files.__contains__)
    if new is not None:
        entry["url"] = new.removeprefix("./")

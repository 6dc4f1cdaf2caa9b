"""The course offline: what the learner's browser keeps, and the service worker that keeps it.

Sales reps read on the road. After a first visit, the site's service worker (``sw.js``
at the site root, from :file:`sw.js` beside this module) downloads the whole course in
the background and answers from that copy, online or not. This module decides what is
kept and writes the files; ``hooks/offline.py`` calls it after the build, once every
other hook has written its final bytes (the Content-Security-Policy ``<meta>`` included).

The pipe::

    built site/ ─► precache_entries: every page, stylesheet, script, image, course.json,
                   the search index and sitemap.xml (not: 404.html, source maps, the
                   search language packs, gzip copies, archives) ─► Entry(url, revision,
                   integrity, size)
                ─► service_worker(entries) ─► site/sw.js (the list, its build version,
                   where Workbox is)
                ─► Workbox's runtime (workbox/, vendored from npm at WORKBOX_VERSION)
                   ─► site/assets/workbox-<version>/
                ─► web_manifest(...) ─► site/manifest.webmanifest

Rules the list follows, each tested (tests/site/test_offline_build.py):

- every URL is relative to ``sw.js`` (so the site may live under any sub-path) and
  names a file of the site; nothing from another origin;
- a page is listed by the URL a learner opens (``connection/x/``, the home page
  ``./``), not ``index.html``;
- each entry's ``revision`` and ``integrity`` come from the file's SHA-256, so a
  deployment re-downloads only what changed, and a file that changed on the server
  after the build (a deployment in progress) fails the install instead of mixing
  versions.

Never imports MkDocs. Why, with the figures: tools/decisions/0016-offline-service-worker.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

__all__ = [
    "EXCLUDED",
    "PRECACHE_BUDGET",
    "PRECACHE_SUFFIXES",
    "RUNTIME_DIR",
    "SERVICE_WORKER",
    "WEB_MANIFEST",
    "WORKBOX_FILES",
    "WORKBOX_VERSION",
    "Entry",
    "OfflineReport",
    "build_version",
    "precache_entries",
    "preview_worker",
    "service_worker",
    "web_manifest",
    "write_offline",
    "write_preview",
]

HERE = Path(__file__).resolve().parent
#: Workbox's runtime as npm ships it (tools/offline/package.json pins the same version;
#: ``python -m tools.offline vendor`` copies it here, tests check it is unchanged).
WORKBOX_DIR = HERE / "workbox"
WORKBOX_VERSION = "7.4.1"
#: The runtime's files in the order sw.js loads them (each needs the ones before).
WORKBOX_FILES = (
    "workbox-core.prod.js",
    "workbox-routing.prod.js",
    "workbox-strategies.prod.js",
    "workbox-precaching.prod.js",
)
#: Where the runtime goes in the built site (the version in the path: a new one is a
#: new URL, so no browser keeps an old copy under the new name).
RUNTIME_DIR = f"assets/workbox-{WORKBOX_VERSION}"
SERVICE_WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"

#: File types a learner's pages use: pages, styles, scripts, data, images, fonts.
PRECACHE_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".webmanifest"}
    | {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff2"}
)
#: Paths (below the site root, glob patterns) never listed, and why.
EXCLUDED: tuple[tuple[str, str], ...] = (
    ("404.html", "shown only by the host for a missing address"),
    ("*.map", "source maps: read by developer tools only"),
    ("*.gz", "sitemap.xml.gz: for search engines"),
    (
        "assets/javascripts/lunr/*",
        "search stemmers for languages other than English: the course is in English",
    ),
    (SERVICE_WORKER, "the worker itself: the browser keeps it"),
    (f"{RUNTIME_DIR}/*", "Workbox's runtime: the browser keeps it with the worker"),
)
#: Upper bound for the bytes the list may hold on a device (files as stored, not
#: gzip). About 2.5 MB today; a test fails above this, so growth is a decision.
PRECACHE_BUDGET = 5_000_000

# The three lines of sw.js the build fills in (see sw.js: "build:").
_BUILD_LINE = re.compile(r'^var BUILD = "[^"\n]*";', re.MULTILINE)
_RUNTIME_LINE = re.compile(r'^var RUNTIME = "[^"\n]*";', re.MULTILINE)
_PRECACHE_LINE = re.compile(r"^var PRECACHE = \[\];", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One file the service worker keeps.

    Attributes:
        url: Relative to ``sw.js`` (the site root): ``"connection/x/"``, ``"./"``,
            ``"assets/css/course.css"``.
        path: The file below the site root (``"connection/x/index.html"``).
        revision: The first 16 hex digits of the file's SHA-256: Workbox keeps the file
            under ``url?__WB_REVISION__=<revision>``, so a changed file is a new key.
        integrity: ``"sha256-<base64>"``, checked by the browser when it downloads the
            file (Subresource Integrity).
        size: Bytes on disk (what the browser stores).
    """

    url: str
    path: str
    revision: str
    integrity: str
    size: int

    def manifest(self) -> dict[str, str]:
        """The entry as Workbox reads it: ``{"url", "revision", "integrity"}``."""
        return {"url": self.url, "revision": self.revision, "integrity": self.integrity}


@dataclass
class OfflineReport:
    """What :func:`write_offline` wrote: the list, its version and size, any problems."""

    entries: list[Entry] = field(default_factory=list)
    build: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Bytes of every listed file, as stored."""
        return sum(entry.size for entry in self.entries)


def precache_entries(site_dir: Path) -> list[Entry]:
    """Every file of the built site at ``site_dir`` that the service worker keeps, by url.

    A file is kept when its suffix is in :data:`PRECACHE_SUFFIXES` and no pattern of
    :data:`EXCLUDED` matches its path. ``index.html`` files are listed by their folder's
    URL. A missing folder gives an empty list.
    """
    if not site_dir.is_dir():
        return []
    entries = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if not is_precached(rel):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        entries.append(
            Entry(
                url=url_for(rel),
                path=rel,
                revision=digest.hex()[:16],
                integrity="sha256-" + base64.b64encode(digest).decode("ascii"),
                size=len(data),
            )
        )
    return sorted(entries, key=lambda entry: entry.url)


def is_precached(rel: str) -> bool:
    """True when the site file at ``rel`` (a path below the root, ``/``-separated) is
    one the service worker keeps."""
    if PurePosixPath(rel).suffix.lower() not in PRECACHE_SUFFIXES:
        return False
    return not any(fnmatchcase(rel, pattern) for pattern, _why in EXCLUDED)


def url_for(rel: str) -> str:
    """The URL a learner opens for site file ``rel``: ``a/b/index.html`` -> ``a/b/``,
    ``index.html`` -> ``./``, anything else as it is."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def build_version(entries: list[Entry]) -> str:
    """12 hex digits that change whenever any url or revision of the list changes."""
    text = "\n".join(f"{entry.url} {entry.revision}" for entry in entries)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def service_worker(entries: list[Entry], *, template: str | None = None) -> str:
    """The text of ``sw.js``: :file:`sw.js` beside this module with the list, its
    version and the runtime folder filled in (one entry per line, so a deployment's
    change reads as a diff).

    Raises:
        ValueError: The template lacks one of the three ``build:`` lines.
    """
    text = template if template is not None else (HERE / "sw.js").read_text(encoding="utf-8")
    listed = ",\n".join(
        "  " + json.dumps(entry.manifest(), ensure_ascii=True, separators=(", ", ": "))
        for entry in entries
    )
    # JSON is a JavaScript literal; "</" cannot occur in these urls, and sw.js is
    # never inside HTML anyway.
    precache = "var PRECACHE = [\n" + listed + "\n];" if entries else "var PRECACHE = [];"
    replacements = (
        (_BUILD_LINE, f"var BUILD = {json.dumps(build_version(entries))};"),
        (_RUNTIME_LINE, f"var RUNTIME = {json.dumps(RUNTIME_DIR + '/')};"),
        (_PRECACHE_LINE, precache),
    )
    for pattern, line in replacements:
        text, count = pattern.subn(lambda _match, line=line: line, text, count=1)
        if count != 1:
            raise ValueError(f"sw.js template: no line matching {pattern.pattern!r}")
    return text


def preview_worker() -> str:
    """The text of ``sw.js`` under ``mkdocs serve``: a worker that removes an offline
    copy left on the preview's address, unregisters itself and reloads its pages."""
    return (HERE / "sw-preview.js").read_text(encoding="utf-8")


def web_manifest(
    *, name: str, description: str = "", icon: str = "", theme_color: str = "#4051b5"
) -> str:
    """The web app manifest (W3C Web Application Manifest) as JSON text.

    ``start_url``, ``scope`` and ``id`` are ``./``: relative to the manifest, which sits
    at the site root, so the installed course opens its home page under any sub-path.
    ``icon`` is the site-relative path of an SVG icon (listed with ``sizes: any``).
    """
    manifest: dict[str, object] = {
        "name": name,
        "short_name": name,
        "description": description,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color,
    }
    if icon:
        kind = "image/svg+xml" if icon.lower().endswith(".svg") else ""
        manifest["icons"] = [
            {"src": icon, "sizes": "any", **({"type": kind} if kind else {}), "purpose": "any"}
        ]
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def write_offline(
    site_dir: Path, *, name: str, description: str = "", icon: str = ""
) -> OfflineReport:
    """Write the offline files into the built site at ``site_dir``.

    Copies Workbox's runtime (and its LICENSE) to :data:`RUNTIME_DIR`, writes the web
    app manifest, then lists the site's files (:func:`precache_entries`, the manifest
    included) and writes ``sw.js``. Problems (a runtime file missing, a file that
    cannot be written) are in the report; nothing raises for them.
    """
    report = OfflineReport()
    runtime = site_dir / RUNTIME_DIR
    try:
        runtime.mkdir(parents=True, exist_ok=True)
        for file_name in (*WORKBOX_FILES, "LICENSE"):
            source = WORKBOX_DIR / file_name
            if not source.is_file():
                report.problems.append(
                    f"{source}: Workbox's runtime file is missing "
                    "(run `python -m tools.offline vendor`)"
                )
                continue
            shutil.copyfile(source, runtime / file_name)
        (site_dir / WEB_MANIFEST).write_text(
            web_manifest(name=name, description=description, icon=icon), encoding="utf-8"
        )
        report.entries = precache_entries(site_dir)
        report.build = build_version(report.entries)
        (site_dir / SERVICE_WORKER).write_text(service_worker(report.entries), encoding="utf-8")
    except OSError as exc:
        report.problems.append(f"{site_dir}: the offline files cannot be written ({exc})")
    return report


def write_preview(site_dir: Path) -> None:
    """Write :func:`preview_worker` as ``sw.js`` into ``site_dir`` (``mkdocs serve``)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / SERVICE_WORKER).write_text(preview_worker(), encoding="utf-8")

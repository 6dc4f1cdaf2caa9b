"""course.offline without a build: what the precache list holds, sw.js, the web app
manifest, and the vendored Workbox runtime against its npm install (tools/offline)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from course import offline
from tools import offline as npm

ROOT = Path(__file__).resolve().parents[2]


def _site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


SITE = {
    "index.html": "<html>home</html>",
    "404.html": "<html>missing</html>",
    "connection/a-lesson/index.html": "<html>lesson</html>",
    "assets/css/course.css": "body{}",
    "assets/js/progress.js": "export{}",
    "assets/javascripts/bundle.abc123.min.js": "bundle",
    "assets/javascripts/bundle.abc123.min.js.map": "{}",
    "assets/javascripts/lunr/min/lunr.de.min.js": "de",
    "assets/javascripts/workers/search.1234.min.js": "worker",
    "assets/favicon.svg": "<svg/>",
    "course.json": "{}",
    "search/search_index.json": "{}",
    "sitemap.xml": "<urlset/>",
    "sitemap.xml.gz": "gz",
    "scorm/course.zip": "zip",
    "notes.txt": "text",
}


@pytest.mark.parametrize(
    ("rel", "url"),
    [
        ("index.html", "./"),
        ("connection/a-lesson/index.html", "connection/a-lesson/"),
        ("assets/css/course.css", "assets/css/course.css"),
        ("search/search_index.json", "search/search_index.json"),
        ("page.html", "page.html"),
    ],
)
def test_a_page_is_listed_by_the_address_a_learner_opens(rel: str, url: str) -> None:
    assert offline.url_for(rel) == url


def test_the_list_holds_pages_assets_data_and_search_but_not_maps_stemmers_or_archives(
    tmp_path: Path,
) -> None:
    entries = offline.precache_entries(_site(tmp_path, SITE))
    assert [entry.url for entry in entries] == [
        "./",
        "assets/css/course.css",
        "assets/favicon.svg",
        "assets/javascripts/bundle.abc123.min.js",
        "assets/javascripts/workers/search.1234.min.js",
        "assets/js/progress.js",
        "connection/a-lesson/",
        "course.json",
        "search/search_index.json",
        "sitemap.xml",
    ]
    for entry in entries:
        data = (tmp_path / entry.path).read_bytes()
        digest = hashlib.sha256(data).digest()
        assert entry.integrity == "sha256-" + base64.b64encode(digest).decode()
        assert entry.revision == digest.hex()[:16]
        assert entry.size == len(data)
        assert not re.match(r"[a-z]+:|/", entry.url), "relative to sw.js, same origin"


def test_every_exclusion_has_a_reason_and_the_worker_never_lists_itself() -> None:
    assert all(reason for _pattern, reason in offline.EXCLUDED)
    for rel in ("sw.js", f"{offline.RUNTIME_DIR}/workbox-core.prod.js", "404.html", "a/b.js.map"):
        assert not offline.is_precached(rel), rel
    for rel in ("manifest.webmanifest", "a/b/index.html", "assets/x.woff2", "assets/i.PNG"):
        assert offline.is_precached(rel), rel


def test_the_build_version_changes_with_any_file_and_only_then(tmp_path: Path) -> None:
    site = _site(tmp_path, SITE)
    first = offline.build_version(offline.precache_entries(site))
    assert first == offline.build_version(offline.precache_entries(site))
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    (site / "notes.txt").write_text("not listed, so no new version")
    assert offline.build_version(offline.precache_entries(site)) == first
    (site / "connection/a-lesson/index.html").write_text("<html>lesson, edited</html>")
    assert offline.build_version(offline.precache_entries(site)) != first
    assert offline.precache_entries(tmp_path / "missing") == []


def _listed(worker: str) -> list[dict]:
    found = re.search(r"^var PRECACHE = (\[.*?^\]);", worker, re.MULTILINE | re.DOTALL)
    assert found, "no PRECACHE list in sw.js"
    return json.loads(found.group(1))


def test_sw_js_gets_the_list_its_version_and_the_runtime_folder(tmp_path: Path) -> None:
    entries = offline.precache_entries(_site(tmp_path, SITE))
    worker = offline.service_worker(entries)
    assert _listed(worker) == [entry.manifest() for entry in entries]
    assert f'var BUILD = "{offline.build_version(entries)}";' in worker
    assert f'var RUNTIME = "{offline.RUNTIME_DIR}/";' in worker
    # One entry per line: a deployment's change reads as a diff of sw.js.
    assert worker.count('{"url": ') == len(entries)
    assert len(re.findall(r'^  \{"url": ', worker, re.MULTILINE)) == len(entries)
    empty = offline.service_worker([])
    assert "var PRECACHE = [];" in empty
    # The template lists the runtime's files in the order the worker must load them.
    loaded = re.findall(r'RUNTIME \+ "([^"]+)"', worker)
    assert tuple(loaded) == offline.WORKBOX_FILES


def test_a_template_without_its_build_lines_is_an_error() -> None:
    with pytest.raises(ValueError, match="PRECACHE"):
        offline.service_worker([], template='var BUILD = "x";\nvar RUNTIME = "y/";\n')


def test_the_web_app_manifest_opens_the_course_under_any_sub_path() -> None:
    manifest = json.loads(
        offline.web_manifest(name="Selling as Connection", description="A course.", icon="a.svg")
    )
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./"
    assert manifest["display"] == "standalone"
    assert manifest["icons"] == [
        {"src": "a.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
    ]
    assert "icons" not in json.loads(offline.web_manifest(name="x"))


def test_write_offline_writes_the_runtime_manifest_and_worker(tmp_path: Path) -> None:
    site = _site(tmp_path, SITE)
    report = offline.write_offline(site, name="Course", icon="assets/favicon.svg")
    assert report.problems == []
    for name in (*offline.WORKBOX_FILES, "LICENSE"):
        copied = site / offline.RUNTIME_DIR / name
        assert copied.read_bytes() == (offline.WORKBOX_DIR / name).read_bytes()
    urls = [entry["url"] for entry in _listed((site / "sw.js").read_text(encoding="utf-8"))]
    assert "manifest.webmanifest" in urls
    assert "sw.js" not in urls and not any("workbox" in url for url in urls)
    assert report.size == sum(entry.size for entry in report.entries)
    assert report.build == offline.build_version(report.entries)


def test_a_missing_runtime_file_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(offline, "WORKBOX_DIR", tmp_path / "nowhere")
    report = offline.write_offline(_site(tmp_path / "site", SITE), name="Course")
    assert len(report.problems) == len(offline.WORKBOX_FILES) + 1
    assert "python -m tools.offline vendor" in report.problems[0]
    assert (tmp_path / "site" / "sw.js").is_file()


def test_the_preview_worker_is_written_as_sw_js(tmp_path: Path) -> None:
    offline.write_preview(tmp_path)
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert "unregister()" in text and "PRECACHE" not in text


# --------------------------------------------------------------------------- Workbox


def test_workbox_is_pinned_exactly_and_vendored_with_its_licence() -> None:
    package = json.loads((ROOT / "tools/offline/package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {name: offline.WORKBOX_VERSION for name in npm.PACKAGES}, (
        "exact versions, no ranges: the vendored copy must be what npm installs"
    )
    lock = json.loads((ROOT / "tools/offline/package-lock.json").read_text(encoding="utf-8"))
    for name in npm.PACKAGES:
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == offline.WORKBOX_VERSION
        assert entry["integrity"].startswith("sha512-")
        assert "resolved" not in entry, "the lock file names no download address"
    assert (
        (offline.WORKBOX_DIR / "LICENSE")
        .read_text(encoding="utf-8")
        .startswith("Copyright 2018 Google LLC")
    )
    for name in offline.WORKBOX_FILES:
        text = (offline.WORKBOX_DIR / name).read_text(encoding="utf-8")
        module = name.removeprefix("workbox-").removesuffix(".prod.js")
        assert text.startswith(f"this.workbox=this.workbox||{{}},this.workbox.{module}=")
        # Only a help link in a console warning the worker never triggers (every entry
        # has a revision): the runtime loads nothing from anywhere.
        assert set(re.findall(r"https?://[^\s\"'`]+", text)) <= {"https://bit.ly/wb-precache"}


def test_the_vendored_runtime_is_byte_for_byte_what_npm_installs() -> None:
    if not npm.installed():
        reason = "tools/offline/node_modules missing (npm ci --prefix tools/offline)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI installs it (.ci/run), but {reason}")
        pytest.skip(reason)
    assert npm.differences() == []

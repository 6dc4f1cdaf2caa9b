"""The offline files of the built course (hooks/offline.py, course.offline).

Read from the shared strict build: sw.js's precache list names files that exist, with
the hashes they have, all of this site (relative URLs, no other origin); it holds every
page and everything the pages load; its size stays within the budget. Every page links
the web app manifest, loads offline.js and has the footer's status line; the policy
names worker-src. Under ``mkdocs serve`` the hook writes the preview's worker instead.
The worker in Chromium: tests/browser/test_offline_browser.py.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import BuildResult, load_hook

from course import offline

SITE = "https://example.org/course/"  # any base: only the paths below it matter


def _listed(site_dir: Path) -> list[dict]:
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"^var PRECACHE = (\[.*?^\]);", worker, re.MULTILINE | re.DOTALL)
    assert found, "sw.js has no precache list"
    return json.loads(found.group(1))


def _file(site_dir: Path, url: str) -> Path:
    path = urlsplit(urljoin(SITE, url)).path.removeprefix(urlsplit(SITE).path)
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def _pages(site_dir: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site_dir).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(site_dir.rglob("*.html"))
    }


def test_every_listed_file_exists_with_its_hash_and_belongs_to_the_site(
    built_site: BuildResult,
) -> None:
    site = built_site.site_dir
    listed = _listed(site)
    assert len(listed) >= 60
    assert len({entry["url"] for entry in listed}) == len(listed)
    for entry in listed:
        url = entry["url"]
        # Relative to sw.js: no scheme, no //host, no /root, no way out of the site.
        assert not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|/", url), url
        assert urljoin(SITE, url).startswith(SITE), url
        path = _file(site, url)
        assert path.is_file(), f"{url}: no {path.relative_to(site)}"
        digest = hashlib.sha256(path.read_bytes()).digest()
        assert entry["integrity"] == "sha256-" + base64.b64encode(digest).decode(), url
        assert entry["revision"] == digest.hex()[:16], url


def test_the_list_holds_every_page_and_what_the_pages_load(built_site: BuildResult) -> None:
    site = built_site.site_dir
    listed = {urljoin(SITE, entry["url"]) for entry in _listed(site)}
    pages = _pages(site)
    for name, soup in pages.items():
        page_url = urljoin(SITE, name.removesuffix("index.html"))
        if name != "404.html":
            assert page_url in listed, f"page {name} is not kept offline"
        needed = [tag.get("src") for tag in soup.find_all(["script", "img"])]
        needed += [
            tag.get("href") for tag in soup.find_all("link") if tag.get("rel") != ["canonical"]
        ]
        for ref in filter(None, needed):
            absolute = urljoin(page_url, ref).split("#")[0]
            if not absolute.startswith(SITE) or name == "404.html":
                continue  # 404.html uses site_url's addresses; other origins: test_privacy
            assert absolute.split("?")[0] in listed, f"{name} loads {ref}, which is not kept"
    for url in ("course.json", "search/search_index.json", "sitemap.xml", "manifest.webmanifest"):
        assert urljoin(SITE, url) in listed, url
    scripts = {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.js")}
    workers = {s for s in scripts if s.startswith("assets/javascripts/workers/")}
    assert workers and {urljoin(SITE, s) for s in workers} <= listed, "Material's search worker"
    ours = {s for s in scripts if s.startswith("assets/js/")}
    assert {urljoin(SITE, s) for s in ours} <= listed, "every module offline.js/progress.js import"


def test_the_list_leaves_out_what_no_learner_needs(built_site: BuildResult) -> None:
    urls = [entry["url"] for entry in _listed(built_site.site_dir)]
    assert not [url for url in urls if url.endswith((".map", ".gz", ".zip"))]
    assert not [url for url in urls if "/lunr/" in url or "workbox" in url]
    assert "sw.js" not in urls and "404.html" not in urls


def test_the_offline_copy_stays_within_its_budget(built_site: BuildResult) -> None:
    site = built_site.site_dir
    files = [_file(site, entry["url"]) for entry in _listed(site)]
    stored = sum(path.stat().st_size for path in files)
    moved = sum(len(gzip.compress(path.read_bytes())) for path in files)
    note = f"{len(files)} files, {stored / 1e6:.2f} MB stored, {moved / 1e6:.2f} MB gzip"
    assert stored <= offline.PRECACHE_BUDGET, f"over the budget: {note}"
    assert moved < stored / 2, note
    print(f"offline copy: {note}")


def test_sw_js_loads_the_site_s_own_workbox_and_names_its_version(
    built_site: BuildResult,
) -> None:
    site = built_site.site_dir
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert re.search(r'^var BUILD = "[0-9a-f]{12}";', worker, re.MULTILINE)
    for name in (*offline.WORKBOX_FILES, "LICENSE"):
        copied = site / offline.RUNTIME_DIR / name
        assert copied.read_bytes() == (offline.WORKBOX_DIR / name).read_bytes(), name
    assert "http" not in worker.split("importScripts(", 1)[1].split(");", 1)[0]


def test_every_page_links_the_manifest_loads_offline_js_and_shows_the_status(
    built_site: BuildResult,
) -> None:
    site = built_site.site_dir
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Selling as Connection"
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert all((site / icon["src"]).is_file() for icon in manifest["icons"])
    for name, soup in _pages(site).items():
        if name == "404.html":
            continue
        page_url = urljoin(SITE, name.removesuffix("index.html"))
        links = soup.head.find_all("link", rel="manifest")
        assert [urljoin(page_url, link["href"]) for link in links] == [
            urljoin(SITE, "manifest.webmanifest")
        ], name
        modules = [
            urljoin(page_url, tag["src"])
            for tag in soup.find_all("script", src=True)
            if tag["src"].endswith("assets/js/offline.js")
        ]
        assert modules == [urljoin(SITE, "assets/js/offline.js")], name
        tag = soup.find("script", src=re.compile(r"offline\.js$"))
        assert tag["type"] == "module" and tag["fetchpriority"] == "low", name
        status = soup.select("footer [data-offline-status]")
        assert len(status) == 1, name
        assert status[0].get_text(strip=True) == "", "offline.js writes it"


def test_the_policy_allows_workers_from_the_site_only(built_site: BuildResult) -> None:
    html = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    policy = BeautifulSoup(html, "html.parser").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )["content"]
    assert "worker-src 'self';" in policy


def test_the_preview_gets_no_offline_copy(tmp_path: Path) -> None:
    hook = load_hook("offline")
    config = SimpleNamespace(site_dir=str(tmp_path), site_name="x", site_description="")
    page = SimpleNamespace(url="a/b/", file=SimpleNamespace(src_uri="a/b.md"))
    html = "<html><head></head><body><p>x</p></body></html>"
    try:
        hook.on_startup(command="serve", dirty=False)
        assert hook.on_post_page(html, page=page, config=config) is None
        hook.on_post_build(config=config)
    finally:
        hook.on_startup(command="build", dirty=False)
    assert (tmp_path / "sw.js").read_text(encoding="utf-8") == offline.preview_worker()
    assert not (tmp_path / "manifest.webmanifest").exists()
    built = hook.on_post_page(html, page=page, config=config)
    assert '<link rel="manifest" href="../../manifest.webmanifest">\n</head>' in built
    assert (
        '<script src="../../assets/js/offline.js" type="module" fetchpriority="low"></script>\n'
        "</body>" in built
    )

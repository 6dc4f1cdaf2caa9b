"""The package build's pure parts: the variant config, links made to name files, the zip.

No build here (tests/site/test_lms_packages.py builds the real packages).
"""

from __future__ import annotations

import zipfile

import yaml
from conftest import ROOT

from course.config import load_config
from course.package.archive import write_zip
from course.package.site import file_url, localise_html
from course.package.variant import BRIDGE, DROPPED_FEATURES, config_text, mkdocs_settings


def test_the_variant_inherits_the_course_and_drops_instant_navigation() -> None:
    text = config_text(ROOT / "mkdocs.yml")
    variant = yaml.safe_load(text)
    assert variant["INHERIT"] == "mkdocs.yml"
    assert variant["site_url"] == "" and variant["use_directory_urls"] is True
    public = mkdocs_settings(ROOT / "mkdocs.yml")
    features = public["theme"]["features"]
    assert "navigation.instant" in features, "the public site keeps instant navigation"
    assert variant["theme"]["features"] == [f for f in features if f not in DROPPED_FEATURES]
    assert {"path": BRIDGE, "type": "module"} in variant["extra_javascript"]
    scripts = public["extra_javascript"]
    assert variant["extra_javascript"][: len(scripts)] == scripts
    assert "/assets/js/lms/" in public["exclude_docs"]
    assert "/assets/js/lms/" not in variant["exclude_docs"]
    assert "/team-leads/learning-paths.yml" in variant["exclude_docs"]
    assert "hooks/offline.py" not in variant["hooks"]
    assert variant["hooks"][-1] == "hooks/csp.py"


def test_course_config_follows_inherit(tmp_path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: pages\nnav:\n  - Home: index.md\n  - a/b.md\n"
        "exclude_docs: |\n  /secret.md\n"
    )
    child = tmp_path / "child.yml"
    child.write_text("INHERIT: mkdocs.yml\nsite_url: ''\n")
    config = load_config(child)
    assert config.error is None
    assert config.docs_dir == tmp_path / "pages"
    assert [src for src, _ in config.nav_entries] == ["index.md", "a/b.md"]
    assert config.exclude("secret.md") and not config.exclude("a/b.md")
    # Its own keys win over the parent's.
    child.write_text("INHERIT: mkdocs.yml\nnav:\n  - c.md\n")
    assert [src for src, _ in load_config(child).nav_entries] == ["c.md"]
    # A loop or a missing parent is no crash.
    loop = tmp_path / "loop.yml"
    loop.write_text("INHERIT: loop.yml\n")
    assert load_config(loop).nav is None
    (tmp_path / "orphan.yml").write_text("INHERIT: missing.yml\n")
    assert load_config(tmp_path / "orphan.yml").nav is None


FILES = {"index.html", "a/index.html", "a/b/index.html", "search/index.html"}


def test_folder_links_name_their_index_file() -> None:
    exists = FILES.__contains__
    assert file_url("../..", "a/b/index.html", exists) == "../../index.html"
    assert file_url("./", "index.html", exists) == "./index.html"
    assert file_url("b/#part", "a/index.html", exists) == "b/index.html#part"
    assert file_url("b/?q=1", "a/index.html", exists) == "b/index.html?q=1"
    for href in ("c/", "https://example.org/", "#top", "/a/", "mailto:x@example.org", "", "x.css"):
        assert file_url(href, "a/index.html", exists) is None, href
    assert file_url("../../../", "a/b/index.html", exists) is None, "outside the site"


def test_inline_scripts_are_never_rewritten() -> None:
    html = (
        '<a href="a/">A</a><script>var s = \'<a href="a/">\';</script>'
        '<link rel="next" href="a/b/"><a class="x" href="a/#y">'
    )
    out, count = localise_html(html, "index.html", FILES.__contains__)
    assert count == 3
    assert "<script>var s = '<a href=\"a/\">';</script>" in out
    assert out.startswith('<a href="a/index.html">')
    assert 'href="a/b/index.html"' in out and 'href="a/index.html#y"' in out


def test_zips_are_the_same_for_the_same_files(tmp_path) -> None:
    folder = tmp_path / "site"
    (folder / "x").mkdir(parents=True)
    (folder / "x" / "b.txt").write_text("b")
    (folder / "a.txt").write_text("a")
    first = tmp_path / "one.zip"
    second = tmp_path / "two.zip"
    assert write_zip(first, folder, {"imsmanifest.xml": "<m/>"}) == 3
    write_zip(second, folder, {"imsmanifest.xml": "<m/>"})
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert zf.namelist() == ["a.txt", "imsmanifest.xml", "x/b.txt"]

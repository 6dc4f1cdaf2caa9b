"""``make package`` (course.package): the three packages and the QTI bank, from one strict
build of the package variant.

What is checked: the zip layout (the manifest at the root, the launcher, every file listed
in imsmanifest.xml and every listed file in the zip), the SCORM 2004 manifest from the zip
against its XSD, cmi5.xml's AU pointing at a file of the zip, the variant (no instant
navigation, no absolute address, every local link naming a file, the public site's policy
on every page, still matching the inline scripts after the links were rewritten), the
public site left as it was (no LMS scripts), and the QTI exports (every question of the
final assessment's bank).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from conftest import ROOT

from course.csp import build_policy, collect_site

STANDARDS = ("scorm12", "scorm2004", "cmi5")
CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
CP2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


def _names(path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def _read(path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_make_package_writes_every_zip(lms_packages) -> None:
    zips = lms_packages.zips
    assert set(zips) == {"scorm12", "scorm2004", "cmi5", "qti12", "qti21"}
    for standard in STANDARDS:
        assert zips[standard].name == f"selling-as-connection-{standard}.zip"
        assert zips[standard].stat().st_size < 3_000_000
    assert lms_packages.seconds < 120


@pytest.mark.parametrize("standard, ns", [("scorm12", CP12), ("scorm2004", CP2004)])
def test_scorm_zip_has_the_manifest_at_its_root_listing_every_file(lms_packages, standard, ns):
    path = lms_packages.zips[standard]
    names = _names(path)
    assert "imsmanifest.xml" in names and "launch.html" in names and "index.html" in names
    assert "cmi5.xml" not in names
    assert not [n for n in names if n.endswith(".map") or "/lunr/" in n], "left out (build.prune)"
    assert not {"404.html", "sitemap.xml"} & set(names)
    assert not any(n.startswith("/") or ".." in n.split("/") for n in names)
    root = ET.fromstring(_read(path, "imsmanifest.xml"))
    (resource,) = root.iter(ns + "resource")
    assert resource.get("href") == "launch.html"
    listed = {f.get("href") for f in resource.iter(ns + "file")}
    assert listed == set(names) - {"imsmanifest.xml"}
    assert "assets/js/lms/launcher.js" in listed and "course.json" in listed


def test_scorm2004_manifest_from_the_zip_is_valid(lms_packages) -> None:
    etree = pytest.importorskip("lxml.etree")
    schemas = ROOT / "tests" / "schemas"
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x:d">'
        f'<xs:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" '
        f'schemaLocation="{(schemas / "scorm2004-3rd/imscp_v1p1.xsd").as_uri()}"/>'
        f'<xs:import namespace="http://www.adlnet.org/xsd/adlcp_v1p3" '
        f'schemaLocation="{(schemas / "scorm2004-3rd/adlcp_v1p3.xsd").as_uri()}"/></xs:schema>'
    )
    schema = etree.XMLSchema(etree.fromstring(driver.encode()))
    doc = etree.fromstring(_read(lms_packages.zips["scorm2004"], "imsmanifest.xml").encode())
    assert schema.validate(doc), schema.error_log


def test_cmi5_zip_has_its_course_structure_at_the_root(lms_packages) -> None:
    path = lms_packages.zips["cmi5"]
    names = _names(path)
    assert "cmi5.xml" in names and "imsmanifest.xml" not in names
    au = ET.fromstring(_read(path, "cmi5.xml")).find(CMI5 + "au")
    assert au.find(CMI5 + "url").text in names
    assert au.get("masteryScore") == "0.8" and au.get("moveOn") == "CompletedOrPassed"
    assert 'data-standard="cmi5"' in _read(path, "launch.html")


def test_the_variant_runs_from_files_without_instant_navigation(lms_packages) -> None:
    site = lms_packages.site_dir
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    folder_links = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
        if config:
            features = json.loads(config.group(1))["features"]
            assert "navigation.instant" not in features, page
        assert "127.0.0.1:8000" not in html, page
        assert 'rel="canonical"' not in html, page
        for href in re.findall(r'<a\b[^>]*?\shref="([^"#?]*)[^"]*"', html):
            if href and "://" not in href and not href.startswith("mailto:") and href.endswith("/"):
                folder_links.append((page.relative_to(site).as_posix(), href))
    assert folder_links == [], folder_links[:5]
    catalogue = json.loads((site / "course.json").read_text(encoding="utf-8"))
    for lesson in catalogue["lessons"].values():
        assert lesson["url"].endswith("/index.html") and (site / lesson["url"]).is_file()
    assert (site / "assets/js/lms/bridge.js").is_file()
    assert 'src="assets/js/lms/bridge.js"' in (site / "index.html").read_text(encoding="utf-8")


def test_every_page_keeps_the_public_policy_and_its_hashes_hold(lms_packages) -> None:
    """The directives are the public site's (course.csp), and every inline script of
    every page, as it is after the links were rewritten, is one the policy names."""
    report, pages = collect_site(lms_packages.site_dir)
    assert report.problems == []
    directives = _without_hashes(build_policy())
    for path, text in pages.items():
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text)
        assert meta, path
        policy = html.unescape(meta.group(1))
        assert _without_hashes(policy) == directives, path
        assert set(report.script_hashes) <= set(re.findall(r"'sha256-[^']+'", policy)), path
    assert "connect-src 'self';" in directives and "'unsafe-inline'" not in directives


def _without_hashes(policy: str) -> str:
    return re.sub(r" 'sha256-[^']+'", "", policy)


def test_the_public_site_has_no_lms_scripts(built_site) -> None:
    assert not (built_site.site_dir / "assets/js/lms").exists()
    assert not list((built_site.site_dir / "assets/js/lib").glob("lms-*.js"))
    assert "bridge.js" not in built_site.html("")


@pytest.mark.parametrize("standard", ["qti12", "qti21"])
def test_the_question_bank_as_qti(lms_packages, standard) -> None:
    path = lms_packages.zips[standard]
    names = _names(path)
    assert "imsmanifest.xml" in names
    catalogue = json.loads((lms_packages.site_dir / "course.json").read_text(encoding="utf-8"))
    bank = catalogue["assessments"]["final"]["questions"]
    text = "".join(_read(path, n) for n in names if n.endswith(".xml"))
    items = (
        len(re.findall(r"<item\b", text))
        if standard == "qti12"
        else len(re.findall(r"<assessmentItem\b", text))
    )
    assert items == bank

"""The package manifests (course.package.manifest), validated against the published XSDs.

SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2) and SCORM 2004 3rd edition (IMS CP 1.1.4 +
adlcp_v1p3) with lxml against tests/schemas/; cmi5.xml element by element against cmi5
§13.1 (its XSD is in no registry: tests/schemas/README.md).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

from course.package.launcher import launch_html, launch_policy
from course.package.manifest import CourseInfo, cmi5_xml, scorm12_manifest, scorm2004_manifest

etree = pytest.importorskip("lxml.etree", reason="lxml is in the test extra")

SCHEMAS = ROOT / "tests" / "schemas"
INFO = CourseInfo(
    identifier="selling-as-connection",
    iri="https://github.com/selling-as-connection/course/selling-as-connection",
    title="Selling as Connection & more <test>",
    description="A course.",
    pass_mark=80,
)
FILES = ["index.html", "launch.html", "assets/js/lms/launcher.js", "a b/ü.html"]
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


def schema_for(*imports: tuple[str, Path]):
    """An XMLSchema importing each (namespace, file): one set for a multi-namespace file."""
    lines = [
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:x-test:driver" elementFormDefault="qualified">'
    ]
    lines += [f'<xs:import namespace="{ns}" schemaLocation="{p.as_uri()}"/>' for ns, p in imports]
    lines.append("</xs:schema>")
    return etree.XMLSchema(etree.fromstring("\n".join(lines).encode()))


@pytest.fixture(scope="module")
def scorm12_schema():
    return schema_for(
        (
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            SCHEMAS / "scorm12/imscp_rootv1p1p2.xsd",
        ),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", SCHEMAS / "scorm12/adlcp_rootv1p2.xsd"),
    )


@pytest.fixture(scope="module")
def scorm2004_schema():
    return schema_for(
        ("http://www.imsglobal.org/xsd/imscp_v1p1", SCHEMAS / "scorm2004-3rd/imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", SCHEMAS / "scorm2004-3rd/adlcp_v1p3.xsd"),
    )


def _valid(schema, text: str) -> None:
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), "\n".join(str(e) for e in schema.error_log)


def test_scorm12_manifest_is_valid_and_names_the_launcher(scorm12_schema) -> None:
    text = scorm12_manifest(INFO, FILES)
    _valid(scorm12_schema, text)
    root = ET.fromstring(text)
    ns = {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    }
    assert root.find("cp:metadata/cp:schemaversion", ns).text == "1.2"
    (org,) = root.findall("cp:organizations/cp:organization", ns)
    (item,) = org.findall("cp:item", ns)
    assert item.find("adlcp:masteryscore", ns).text == "80"
    (resource,) = root.findall("cp:resources/cp:resource", ns)
    assert resource.get("identifier") == item.get("identifierref")
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    assert resource.get("href") == "launch.html"
    hrefs = [f.get("href") for f in resource.findall("cp:file", ns)]
    assert hrefs == ["index.html", "launch.html", "assets/js/lms/launcher.js", "a%20b/%C3%BC.html"]
    assert org.find("cp:title", ns).text == "Selling as Connection & more <test>"


def test_scorm2004_manifest_is_valid_with_default_sequencing(scorm2004_schema) -> None:
    text = scorm2004_manifest(INFO, FILES)
    _valid(scorm2004_schema, text)
    root = ET.fromstring(text)
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    assert root.find("cp:metadata/cp:schemaversion", ns).text == "2004 3rd Edition"
    assert "imsss" not in text and "sequencing" not in text
    (resource,) = root.findall("cp:resources/cp:resource", ns)
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_v1p3}scormType") == "sco"
    assert resource.get("href") == "launch.html"
    assert len(resource.findall("cp:file", ns)) == len(FILES)


def test_a_broken_manifest_fails_the_schema(scorm12_schema) -> None:
    text = scorm12_manifest(INFO, FILES).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"')
    doc = etree.fromstring(text.encode())
    assert not scorm12_schema.validate(doc)


def test_cmi5_course_structure_follows_section_13() -> None:
    root = ET.fromstring(cmi5_xml(INFO))
    assert root.tag == CMI5 + "courseStructure"
    course, au = list(root)
    assert course.tag == CMI5 + "course" and course.get("id") == INFO.iri
    assert [c.tag for c in course] == [CMI5 + "title", CMI5 + "description"]
    assert course.find(f"{CMI5}title/{CMI5}langstring").get("lang") == "en-US"
    assert au.tag == CMI5 + "au" and au.get("id") == INFO.iri + "/au"
    assert au.get("moveOn") == "CompletedOrPassed"
    assert au.get("masteryScore") == "0.8"
    assert au.get("launchMethod") == "AnyWindow"
    # §13.1.4 / the XSD's sequence: title, description, (objectives), url.
    assert [c.tag for c in au] == [CMI5 + "title", CMI5 + "description", CMI5 + "url"]
    assert au.find(CMI5 + "url").text == "launch.html"


@pytest.mark.parametrize("mark, expected", [(80, "0.8"), (75, "0.75"), (100, "1"), (67, "0.67")])
def test_mastery_score_is_the_pass_mark_as_a_fraction(mark: int, expected: str) -> None:
    info = CourseInfo(**{**INFO.__dict__, "pass_mark": mark})
    assert ET.fromstring(cmi5_xml(info)).find(CMI5 + "au").get("masteryScore") == expected


def test_launcher_policy_allows_only_the_package_and_for_cmi5_the_launch_origins() -> None:
    scorm = launch_policy("scorm12")
    assert "connect-src 'self';" in scorm and "'unsafe" not in scorm
    assert "object-src 'none'" in scorm
    cmi5 = launch_policy("cmi5")
    assert "connect-src 'self' https: http:;" in cmi5
    html = launch_html("cmi5", title="A <b> course")
    head = html.split("<head>", 1)[1]
    first, second = head.lstrip().split("\n")[:2]
    assert first == '<meta charset="utf-8">'
    assert second.startswith('<meta http-equiv="Content-Security-Policy"')
    assert "<title>A &lt;b&gt; course</title>" in html
    assert "<script>" not in html, "no inline script: the policy has no hashes"
    assert 'data-standard="cmi5"' in html
    with pytest.raises(ValueError):
        launch_html("aicc", title="x")

"""The package manifests: ``imsmanifest.xml`` (SCORM 1.2, SCORM 2004 3rd edition) and
``cmi5.xml`` (cmi5 course structure), each for one course run by one launcher.

Sources of the rules:

- SCORM 1.2 Content Aggregation Model (ADL, 2001), §2.3 "Content Packaging": the
  manifest ``imsmanifest.xml`` at the root of the package (§2.3.3), the IMS Content
  Packaging 1.1.2 namespace ``http://www.imsproject.org/xsd/imscp_rootv1p1p2`` and the ADL
  extension namespace ``http://www.adlnet.org/xsd/adlcp_rootv1p2`` (§2.3.5, ``adlcp:
  scormtype="sco"`` on the resource, ``adlcp:masteryscore`` on the item, 0-100), metadata
  ``<schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>``.
- SCORM 2004 3rd Edition CAM (ADL, 2006), §3 "Content Packaging": IMS CP 1.1.4
  (``http://www.imsglobal.org/xsd/imscp_v1p1``) with ``adlcp_v1p3``
  (``adlcp:scormType="sco"``), ``<schemaversion>2004 3rd Edition</schemaversion>``
  (§3.4.1.3); no ``imsss:sequencing`` element, so the LMS applies the default sequencing
  (SN book §3.2: a single item with the default control modes).
- Both: one ``organization`` with one ``item`` whose ``identifierref`` names the one SCO
  ``resource``; the resource's ``href`` is the launcher and it lists every file of the
  package with a ``<file href>`` (CAM 1.2 §2.3.6.2, 2004 §3.4.1.17).
- cmi5 (AICC/ADL, "quartz", cmi5_spec.md) §13.1 "Course Structure Data Model": namespace
  ``https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd``, ``course`` (id IRI,
  title and description as langstrings, §13.1.1) and ``au`` (§13.1.4: ``id`` IRI,
  ``moveOn`` one of NotApplicable, Passed, Completed, CompletedAndPassed,
  CompletedOrPassed; ``masteryScore`` a decimal 0-1; ``launchMethod`` AnyWindow or
  OwnWindow; ``title``, ``description``, ``url`` relative to the package in a zip, §14.1),
  ``cmi5.xml`` at the zip's root (§14.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

__all__ = ["CourseInfo", "cmi5_xml", "file_href", "scorm12_manifest", "scorm2004_manifest"]

#: xsi:schemaLocation pairs (namespace, file) of each manifest.
_SCHEMAS_12 = (
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
)
_SCHEMAS_2004 = (
    "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd"
)
#: The file every package opens first (course.package.launcher writes it).
LAUNCHER = "launch.html"


@dataclass(frozen=True)
class CourseInfo:
    """What the manifests say about the course.

    Attributes:
        identifier: The manifest identifier (an XML ``ID``-safe name, such as the slug).
        iri: A globally unique IRI for the course (cmi5 course id; the AU id adds ``/au``).
        title: The course title.
        description: One paragraph.
        pass_mark: The final assessment's pass mark, a whole percent.
        version: The course version written in the manifests.
        language: The language tag of the titles (cmi5 langstrings).
    """

    identifier: str
    iri: str
    title: str
    description: str
    pass_mark: int
    version: str = "1.0"
    language: str = "en-US"


def file_href(path: str) -> str:
    """A site-relative path as a URI reference for ``<file href>`` (percent-encoded)."""
    return quote(path, safe="/-._~")


def _files(files: Iterable[str], indent: str) -> str:
    return "\n".join(f"{indent}<file href={quoteattr(file_href(f))}/>" for f in files)


def scorm12_manifest(info: CourseInfo, files: Iterable[str]) -> str:
    """``imsmanifest.xml`` for SCORM 1.2 (IMS CP 1.1.2, ADL CP 1.2)."""
    title = escape(info.title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(info.identifier)} version={quoteattr(info.version)}
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{_SCHEMAS_12}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{title}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{int(info.pass_mark)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormtype="sco"
        href="{LAUNCHER}">
{_files(files, "      ")}
    </resource>
  </resources>
</manifest>
"""


def scorm2004_manifest(info: CourseInfo, files: Iterable[str]) -> str:
    """``imsmanifest.xml`` for SCORM 2004 3rd edition (IMS CP 1.1.4, adlcp_v1p3), with
    no sequencing beyond the default."""
    title = escape(info.title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(info.identifier)} version={quoteattr(info.version)}
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{_SCHEMAS_2004}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{title}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormType="sco"
        href="{LAUNCHER}">
{_files(files, "      ")}
    </resource>
  </resources>
</manifest>
"""


def cmi5_xml(info: CourseInfo) -> str:
    """``cmi5.xml``: the course and one AU (the whole course), moveOn CompletedOrPassed,
    masteryScore the final pass mark as a fraction."""
    lang = quoteattr(info.language)
    title = f"<langstring lang={lang}>{escape(info.title)}</langstring>"
    description = f"<langstring lang={lang}>{escape(info.description)}</langstring>"
    mastery = f"{info.pass_mark / 100:.4f}".rstrip("0").rstrip(".")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id={quoteattr(info.iri)}>
    <title>{title}</title>
    <description>{description}</description>
  </course>
  <au id={quoteattr(info.iri + "/au")} moveOn="CompletedOrPassed" masteryScore="{mastery}"
      launchMethod="AnyWindow">
    <title>{title}</title>
    <description>{description}</description>
    <url>{LAUNCHER}</url>
  </au>
</courseStructure>
"""

"""The course as LMS packages: SCORM 1.2, SCORM 2004 3rd edition and cmi5, from one build.

The pipe (``make package``, ``python -m course.package``)::

    mkdocs.yml ─► variant.config_text ─► build/package/mkdocs.yml (INHERIT + overrides:
                  no instant navigation, no site_url, no edit links, the LMS bridge script)
              ─► ``mkdocs build --strict`` (a subprocess: this package never imports MkDocs)
              ─► build/package-site/ ─► site.localise (every link names a file:
                  ``x/`` -> ``x/index.html``; course.json the same)
              ─► per standard: launcher.launch_html (launch.html) + manifest.* (imsmanifest.xml
                  or cmi5.xml) ─► archive.write_zip ─► dist/<name>-<standard>.zip
    docs/final-assessment.md ─► mkdocs-quiz's QTI exporter ─► dist/<name>-qti12.zip, -qti21.zip

The browser side lives in ``docs/assets/js/lms/`` (launcher, SCORM and cmi5 sessions, the
bridge in every course page) and the pure ``docs/assets/js/lib/lms-*.js`` (status mapping,
suspend data, cmi5 statements). Why it is built this way: tools/decisions/0014-lms-packages.md.
"""

from __future__ import annotations

from course.package.archive import write_zip
from course.package.build import STANDARDS, PackageResult, build_packages
from course.package.launcher import launch_html, launch_policy
from course.package.manifest import cmi5_xml, scorm12_manifest, scorm2004_manifest

__all__ = [
    "STANDARDS",
    "PackageResult",
    "build_packages",
    "cmi5_xml",
    "launch_html",
    "launch_policy",
    "scorm12_manifest",
    "scorm2004_manifest",
    "write_zip",
]

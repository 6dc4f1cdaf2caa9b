"""Workbox's runtime from npm, for the course's service worker (``python -m tools.offline``).

``tools/offline/package.json`` pins the four Workbox packages the worker loads
(workbox-core, -routing, -strategies, -precaching) and ``package-lock.json`` their
integrity; ``npm ci --prefix tools/offline`` installs them into
``tools/offline/node_modules`` (gitignored; ``.ci/run`` does it). The build does not
need npm: the runtime's files are vendored into ``src/course/offline/workbox/`` and the
build copies them from there.

- ``python -m tools.offline vendor``: copy the installed runtime (each package's
  ``build/<name>.prod.js``) and its MIT licence into the vendored folder.
- ``python -m tools.offline check``: exit 1, naming the file, when the vendored copy
  differs from the installed packages or their version from
  ``course.offline.WORKBOX_VERSION`` (tests/unit/test_offline.py runs the same
  comparison).

To move to a new Workbox: change the four versions in package.json, ``npm install
--prefix tools/offline``, set ``WORKBOX_VERSION``, run ``vendor``, then the tests
(tests/browser/test_offline_browser.py drives the worker in Chromium).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from course.offline import WORKBOX_DIR, WORKBOX_FILES, WORKBOX_VERSION

__all__ = ["HERE", "MODULES", "PACKAGES", "differences", "installed", "vendor"]

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
#: npm package -> its runtime file, in the order the worker loads them.
PACKAGES = {name.removesuffix(".prod.js"): name for name in WORKBOX_FILES}


def installed() -> bool:
    """True when ``npm ci --prefix tools/offline`` has installed every package."""
    return all((MODULES / package / "package.json").is_file() for package in PACKAGES)


def differences() -> list[str]:
    """What differs between the installed packages and the vendored runtime (empty when
    they match): versions (package.json, lock file, installed, WORKBOX_VERSION) and
    bytes of each runtime file and the licence."""
    found = []
    pinned = json.loads((HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for package, file_name in PACKAGES.items():
        meta = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
        versions = {
            "tools/offline/package.json": pinned.get(package),
            "tools/offline/package-lock.json": lock.get(f"node_modules/{package}", {}).get(
                "version"
            ),
            "installed": meta.get("version"),
        }
        for where, version in versions.items():
            if version != WORKBOX_VERSION:
                found.append(
                    f"{package}: {where} has {version}, course.offline.WORKBOX_VERSION "
                    f"{WORKBOX_VERSION}"
                )
        if meta.get("license") != "MIT":
            found.append(f"{package}: licence {meta.get('license')!r}, expected MIT")
        pairs = [(MODULES / package / "build" / file_name, WORKBOX_DIR / file_name)]
        pairs.append((MODULES / package / "LICENSE", WORKBOX_DIR / "LICENSE"))
        for source, copy in pairs:
            if not copy.is_file() or source.read_bytes() != copy.read_bytes():
                found.append(f"{copy}: differs from {source} (python -m tools.offline vendor)")
    return found


def vendor() -> list[Path]:
    """Copy the installed runtime and licence into ``src/course/offline/workbox/``;
    returns the files written. Raises FileNotFoundError when npm has not installed them."""
    if not installed():
        raise FileNotFoundError(f"{MODULES}: run `npm ci --prefix tools/offline` first")
    WORKBOX_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for package, file_name in PACKAGES.items():
        written.append(
            Path(shutil.copyfile(MODULES / package / "build" / file_name, WORKBOX_DIR / file_name))
        )
    # One licence for all four (the same MIT text in each package; differences() checks).
    written.append(
        Path(shutil.copyfile(MODULES / "workbox-core" / "LICENSE", WORKBOX_DIR / "LICENSE"))
    )
    return written

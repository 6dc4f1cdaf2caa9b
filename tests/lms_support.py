"""Fixtures for the LMS package tests: the packages built once, an LMS host page with
scorm-again, and Ralph (a real LRS) behind a small cmi5 launch stub.

- ``lms_packages``: ``make package``'s work (``course.package.build_packages``) into a
  temporary folder, once per session; ``.zips`` maps each standard to its zip.
- ``scorm_lms``: the SCORM packages unpacked and served on 127.0.0.1 beside a host page
  (``host.html?v=12|2004``) that creates ``window.API`` / ``window.API_1484_11`` with
  scorm-again (tests/browser/vendor/) and frames the launcher, the way an LMS player does.
- ``ralph_lrs``: Ralph (``ralph-malph[lrs,cli]``) started from PyPI's package on a free
  port of 127.0.0.1 with its file-system backend and HTTP basic auth (an auth file written
  with ``ralph auth``); ``.url``, ``.auth``, ``.statements()`` (every statement stored,
  oldest first). Ralph 5.1.0's file-system backend creates its file on the first write and
  then refuses every further write ("already exists"), and its verb and activity filters
  return nothing there, so the server is started through ``tests/ralph_server.py``, which
  makes that backend append (its own APPEND mode) and the tests query all statements.
- ``cmi5_lms``: the cmi5 package served on one port, and on another the launch stub
  (``tests/cmi5_stub.py``): the fetch URL (one auth token per launch, cmi5 §8.2), the
  State API (LMS.LaunchData and the AU's own document, kept in memory) and the
  statements API, forwarded to Ralph.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SCORM_AGAIN = TESTS / "browser" / "vendor" / "scorm-again-3.4.3"

HOST_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="vendor/{script}"></script>
</head><body><iframe id="sco" title="Course" src="about:blank"></iframe>
<script src="host.js"></script></body></html>
"""

# The host page plays the LMS: the API object on its window, values from a previous
# session (window.__lmsSeed, set by the test) loaded before the launch, the SCO in a frame.
HOST_JS = """
(function () {
  var params = new URLSearchParams(location.search);
  var v12 = params.get("v") === "12";
  var seed = window.__lmsSeed || null;
  var settings = { autocommit: false, logLevel: 5 };
  var api = v12 ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (seed) api.loadFromJSON(seed);
  window.__lmsCalls = [];
  var names = ["Initialize", "Terminate", "LMSInitialize", "LMSFinish", "Commit", "LMSCommit"];
  names.forEach(function (name) {
    api.on(name, function () { window.__lmsCalls.push(name); });
  });
  window.__lmsSet = {};
  api.on(v12 ? "LMSSetValue.cmi.*" : "SetValue.cmi.*", function (element, value) {
    window.__lmsSet[element] = value;
  });
  if (v12) window.API = api; else window.API_1484_11 = api;
  // ?started=1: a session another SCO left open, so the launcher's Initialize fails.
  if (params.get("started") === "1") v12 ? api.LMSInitialize("") : api.Initialize("");
  var frame = document.getElementById("sco");
  frame.style.width = "100%";
  frame.style.height = "95vh";
  frame.src = (v12 ? "pkg12/" : "pkg2004/") + "launch.html";
})();
"""


@dataclass
class Served:
    url: str
    root: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unpack(zip_path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    return folder


@pytest.fixture(scope="session")
def lms_packages(tmp_path_factory: pytest.TempPathFactory):
    """Every package, built once (strictly, as ``make package``)."""
    from course.package import build_packages

    base = tmp_path_factory.mktemp("lms")
    strict = os.environ.get("PACKAGE_NO_STRICT") != "1"
    return build_packages(
        ROOT / "mkdocs.yml", dist=base / "dist", build_dir=base / "build", strict=strict
    )


@pytest.fixture(scope="session")
def scorm_lms(lms_packages, tmp_path_factory: pytest.TempPathFactory):
    """The SCORM packages and the scorm-again host page, served on 127.0.0.1."""
    from tools.serve import serve_directory

    root = tmp_path_factory.mktemp("scorm-lms")
    unpack(lms_packages.zips["scorm12"], root / "pkg12")
    unpack(lms_packages.zips["scorm2004"], root / "pkg2004")
    (root / "vendor").mkdir()
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(SCORM_AGAIN / name, root / "vendor" / name)
    for version in ("12", "2004"):
        page = HOST_HTML.format(script=f"scorm{version}.min.js")
        (root / f"host{version}.html").write_text(page, encoding="utf-8")
    (root / "host.js").write_text(HOST_JS, encoding="utf-8")
    server, url = serve_directory(root)
    try:
        yield Served(url=url, root=root)
    finally:
        server.shutdown()


@dataclass
class Ralph:
    url: str
    auth: tuple[str, str]
    folder: Path

    def export(self) -> dict:
        """Every statement Ralph stored as one StatementResult (``{"statements": [...],
        "more": ""}``), as a lead exports them: GET /xAPI/statements and each page its
        ``more`` names (Ralph answers at most RUNSERVER_MAX_SEARCH_HITS_COUNT, 100, a page).
        No verb or activity filter: see the module docstring."""
        import requests

        out: list[dict] = []
        url = self.url + "/xAPI/statements/?limit=500"
        headers = {"X-Experience-API-Version": "1.0.3"}
        for _ in range(1000):
            response = requests.get(url, auth=self.auth, headers=headers, timeout=10)
            response.raise_for_status()
            page = response.json()
            out.extend(page["statements"])
            more = page.get("more") or ""
            if not more or not page["statements"]:
                break
            url = more if more.startswith("http") else self.url + more
        return {"statements": out, "more": ""}

    def statements(self) -> list[dict]:
        """Every statement Ralph stored, oldest first."""
        out = self.export()["statements"]
        return sorted(out, key=lambda s: s.get("stored") or s["timestamp"])


def _wait_http(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"Ralph exited with {process.returncode}:\n{out}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.25)
    raise RuntimeError(f"Ralph did not answer on {url} within {seconds} s")


@pytest.fixture(scope="session")
def ralph_lrs(tmp_path_factory: pytest.TempPathFactory):
    """Ralph on 127.0.0.1 (file-system backend, basic auth), stopped after the session."""
    pytest.importorskip("ralph", reason="ralph-malph[lrs,cli] is in the test extra")
    folder = tmp_path_factory.mktemp("ralph")
    user, password = "course-au", "not-a-secret-test-password"
    env = dict(
        os.environ,
        RALPH_APP_DIR=str(folder / "app"),
        RALPH_AUTH_FILE=str(folder / "auth.json"),
        RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(folder / "lrs"),
        RALPH_RUNSERVER_BACKEND="fs",
        RALPH_SENTRY_DSN="",
    )
    env.pop("RALPH_SENTRY_DSN")
    (folder / "lrs").mkdir()
    ralph = Path(sys.executable).with_name("ralph")
    subprocess.run(
        [
            str(ralph),
            "auth",
            "-u",
            user,
            "-p",
            password,
            "-s",
            "all",
            "-M",
            "mailto:course-au@example.org",
            "-w",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(TESTS / "ralph_server.py"), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(url + "/__heartbeat__", process)
        yield Ralph(url=url, auth=(user, password), folder=folder)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def basic_token(auth: tuple[str, str]) -> str:
    return base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()


@pytest.fixture(scope="session")
def cmi5_lms(lms_packages, ralph_lrs, tmp_path_factory: pytest.TempPathFactory):
    """The cmi5 package served, and the launch stub in front of Ralph."""
    from cmi5_stub import start_stub

    from tools.serve import serve_directory

    root = tmp_path_factory.mktemp("cmi5-lms")
    unpack(lms_packages.zips["cmi5"], root / "pkg")
    server, url = serve_directory(root)
    stub = start_stub(ralph_lrs.url, basic_token(ralph_lrs.auth), allow_origin=url.rstrip("/"))
    try:
        yield {"package": url + "pkg/", "stub": stub, "ralph": ralph_lrs, "root": root}
    finally:
        stub.shutdown()
        server.shutdown()


def launch_data(
    session_id: str, publisher_id: str, mastery: float = 0.8, mode: str = "Normal"
) -> dict:
    """LMS.LaunchData as an LMS writes it before the launch (cmi5 §10.2)."""
    return {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": publisher_id, "objectType": "Activity"}]},
            "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": session_id},
        },
        "launchMode": mode,
        "launchMethod": "AnyWindow",
        "moveOn": "CompletedOrPassed",
        "masteryScore": mastery,
        "returnURL": "http://127.0.0.1:9/return",
    }


def dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"))

"""The browser code's unit tests pass: ``node --test tests/js/*.test.mjs``.

They test the pure ES modules in docs/assets/js/lib/ (progress validation,
assignment links, reports, CSV, ICS) with Node's built-in test runner, no npm
package. ``make test-js`` runs them alone. Without Node the test is skipped,
except where browser tests must run (REQUIRE_BROWSER=1, as in .ci/run, which
installs Debian's nodejs): there a missing Node is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import ROOT


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("node is not installed (apt-get install nodejs): tests/js/ cannot run")
        pytest.skip("node is not installed: tests/js/ (make test-js) not run")
    # The files by name: Node 18-20 accept a folder, Node 21+ read arguments as globs.
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert files, "no tests/js/*.test.mjs"
    run = subprocess.run(
        [node, "--test", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]

"""The five moves job aid (docs/five-moves.md) prints on one sheet (issue 16, item 2)."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_job_aid_prints_on_one_page(page_factory, site_url, paper):
    page = page_factory()
    page.goto(site_url + "five-moves/")
    assert page.locator(".sac-job-aid h2").count() == 5
    pdf = page.pdf(format=paper, print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"the job aid prints on {pages} {paper} pages"
    assert page.page_errors == []

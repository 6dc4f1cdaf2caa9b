"""Judging and writing the results: the targets met or not, and results.md."""

from __future__ import annotations

from tools.bench.common import KB
from tools.bench.lighthouse import CATEGORIES

METHOD = """\
- The course is built strictly into a temporary folder with `SITE_URL` set to the
  local address it is served from (gzip, `Cache-Control: max-age=3600`), so
  canonical links, the sitemap and Material's instant navigation behave as on
  the real host.
- Bytes moved are what the server sent (status line, headers, body), search
  worker requests included: each visit ends with a first interaction (a key
  press), which loads Material's bundle and the search worker
  (hooks/lazy_bundle.py); the search index loads when search is first opened,
  so the first visit is also reported with a search. A further lesson is
  measured twice in the same browser: by a full page load and by instant
  navigation; the larger counts.
- Lighthouse 12.2.3, mobile defaults (simulated Slow 4G, 4x CPU slowdown), three
  runs per page; the run with the median performance score is shown, every run's
  performance beside it (Lighthouse docs/variability.md: the score moves with
  other work on the machine). Raw reports: `.bench/lighthouse/`.
- Times: best wall-clock time of several fresh processes against the target,
  median and CPU (user + system) beside it; build scaling uses CPU time, which
  other work on the machine inflates less. The hook overhead is the ratio of the
  instructions (Valgrind's cachegrind) of a build with and one without `hooks:`,
  for each case: the count repeats within 0.1 % where this VM's CPU time for the same
  build moved by 30 % (decision record 0019). The median CPU ratio of 7 alternating
  builds with and without is given beside it, and judged when Valgrind is missing.
  Scaling builds our `mkdocs.yml` over lessons from `tools/synthetic.py`.
- The first visit is counted with service workers blocked: what the page needs. The
  offline copy (`tools/bench/offline.py`) is measured apart: its size from sw.js's list
  (as stored, and gzip), then the same first visit with the worker allowed, counted
  until the footer says the course is available offline; the difference is what the
  background download moves.
- Team progress (`tools/bench/team.py`): each case on a fresh page in Chromium, timed
  inside the page from the change or submit event to the table drawn (the root loses
  `data-busy`), with the longest main-thread task meanwhile (Long Tasks API); best of
  the runs against the target, median in the note; the CSV's size from its download."""


def all_targets_met(results: dict) -> bool:
    """Every measured target met, the strict build passed, every Lighthouse page present
    with 100 everywhere, and the build scaling's linearity (when measured) <= 1.5."""
    ok = all(m["met"] for m in results["measures"].values())
    ok = ok and results.get("site", {}).get("strict_build_ok", False)
    for page in results.get("lighthouse", {}).values():
        if not isinstance(page, dict) or "scores" not in page:
            return False
        ok = ok and all(score == 100 for score in page["scores"].values())
    scaling = results.get("builds", {}).get("scaling", {})
    if isinstance(scaling.get("linearity"), float):
        ok = ok and scaling["linearity"] <= 1.5
    return ok


def _fmt(value, unit: str) -> str:
    """A value in its unit, for the tables ("11.0 KB", "0.38 s", "+8.8 %")."""
    if value is None:
        return "not measured"
    if unit == "bytes":
        return f"{value / KB:.1f} KB"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ratio":
        return f"{value * 100:+.1f} %"
    if unit == "MB":
        return f"{value:.0f} MB"
    return str(value)


def _mark(met) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[met]


def markdown(results: dict) -> str:
    """The results as Markdown (results.md): machine note, Lighthouse table, budget
    table, build scaling, weight details and the method. ``results`` is what
    :func:`tools.bench.cli.main` writes to results.json."""
    machine_note = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results['date']} by `make bench` (`python -m tools.bench`) on a fresh build, "
        f"in {results.get('bench_seconds', '?')} s.",
        "",
        f"Machine: {machine_note['note']}. Load average (1, 5, 15 min) at the start "
        f"{machine_note.get('load_average_at_start')}, at the end "
        f"{machine_note.get('load_average_at_end')}: timings and Lighthouse performance "
        "depend on other work running at the same time.",
        "",
    ]
    site = results.get("site", {})
    if site and not site.get("strict_build_ok"):
        lines += [
            "**The strict build failed**; the figures below come from a non-strict build. "
            "Last messages:",
            "",
            "```",
            *site.get("build_messages", []),
            "```",
            "",
        ]
    lighthouse = results.get("lighthouse")
    if lighthouse:
        lines += ["## Lighthouse 12.2.3 (mobile defaults, gzip from 127.0.0.1)", ""]
        if "error" in lighthouse:
            lines += [f"Not run: {lighthouse['error']}", ""]
        else:
            lines += [
                "| Page | Performance | Accessibility | Best practices | SEO "
                "| Target 100/100/100/100 | Performance, each run |",
                "|---|---|---|---|---|---|---|",
            ]
            for name, page in lighthouse.items():
                if page.get("missing"):
                    lines.append(f"| {name} (`{page['url']}`) | page missing | | | | **FAIL** | |")
                    continue
                if "scores" not in page:
                    lines.append(f"| {name} | Lighthouse error | | | | **FAIL** | |")
                    continue
                scores = [page["scores"][k] for k in CATEGORIES]
                ok = all(s == 100 for s in scores)
                extra = " / ".join(str(p) for p in page.get("performance_runs", []))
                lines.append(
                    f"| {name} | "
                    + " | ".join(str(s) for s in scores)
                    + f" | {'pass' if ok else '**FAIL**'} | {extra} |"
                )
            lines.append("")
            for name, page in lighthouse.items():
                failing = [
                    f"{key}: `{a['id']}` {a['value']}".rstrip()
                    for key, items in page.get("failing", {}).items()
                    for a in items
                ]
                if failing:
                    lines.append(f"- {name}, audits below 1: " + "; ".join(failing))
                if page.get("metrics"):
                    lines.append(
                        f"- {name}, metrics: "
                        + ", ".join(f"{k} {v}" for k, v in page["metrics"].items())
                    )
                if page.get("error"):
                    lines.append(f"- {name}: {page['error']}")
            first = next((p for p in lighthouse.values() if p.get("benchmark_index")), None)
            if first:
                lines.append(
                    f"- Lighthouse BenchmarkIndex of this machine: "
                    f"{first['benchmark_index']:.0f}"
                    + (f" ({first['warnings'][0]})" if first.get("warnings") else "")
                )
            errors = sorted({e for p in lighthouse.values() for e in p.get("errors", [])})
            if errors:
                lines.append(
                    "- Audits Lighthouse 12.2.3 could not compute with this Chromium "
                    "(not scored): " + ", ".join(f"`{e}`" for e in errors)
                )
            lines.append("")
    lines += [
        "## Budget",
        "",
        "| Measure | Target | Result | Status | Note |",
        "|---|---|---|---|---|",
    ]
    for item in results["measures"].values():
        target = _fmt(item["target"], item["unit"])
        if item["unit"] == "ratio":
            target = f"≤ {item['target'] * 100:.0f} %"
        elif item["unit"] != "count":
            target = "≤ " + target
        lines.append(
            f"| {item['label']} | {target} | {_fmt(item['value'], item['unit'])} | "
            f"{_mark(item['met'])} | {item['note']} |"
        )
    lines += _hook_breakdown(results.get("builds", {}).get("hook_overhead", {}))
    scaling = results.get("builds", {}).get("scaling", {})
    if "builds" in scaling:
        lines += [
            "",
            "## Build time by course size (our mkdocs.yml, synthetic lessons)",
            "",
            "| Lessons | Build, wall (best) | Build, CPU | CPU per lesson |",
            "|---|---|---|---|",
        ]
        for count, item in scaling["builds"].items():
            lines.append(
                f"| {count} | {item['build']['best_s']:.2f} s | {item['build']['cpu_s']:.2f} s "
                f"| {item['cpu_ms_per_lesson']} ms |"
            )
        lines += [
            "",
            f"Marginal CPU time per lesson: {scaling['marginal_cpu_ms_per_lesson_20_200']} ms "
            f"(20 to 200 lessons), {scaling['marginal_cpu_ms_per_lesson_200_1000']} ms (200 to "
            f"1000); linearity {scaling['linearity']} (1.0 is linear; target ≤ 1.5).",
        ]
    elif "error" in scaling:
        lines += ["", f"Build scaling not measured: {scaling['error']}."]
    weight = results.get("weight", {})
    if weight.get("first_visit_requests"):
        lines += [
            "",
            "## Weight details",
            "",
            f"- First visit to `{weight['lesson']}`: {len(weight['first_visit_requests'])} "
            "requests (all bytes the server sent, headers included).",
            f"- Further lessons: `{weight['further_lesson']}` by a full page load "
            f"{weight['further_full_load_bytes']} B "
            f"({len(weight['further_full_load_requests'])} requests), "
            f"`{weight['further_instant_lesson']}` by instant navigation "
            f"{weight['further_instant_bytes']} B "
            f"({len(weight['further_instant_requests'])} requests).",
        ]
    if weight.get("first_visit_requests"):
        lines += [
            "",
            "First visit, bytes per response (headers included):",
            "",
            "| Response | Bytes |",
            "|---|---|",
        ]
        for path, sent in sorted(weight["first_visit_requests"], key=lambda r: -r[1]):
            lines.append(f"| `{path}` | {sent} |")
    lines += ["", f"All targets met: {'yes' if results.get('all_targets_met') else 'no'}.", ""]
    lines += ["## Method", "", METHOD, ""]
    return "\n".join(lines)


def _hook_breakdown(overhead: dict) -> list[str]:
    """The "Where the hooks' build time goes" table: one column per case of
    :mod:`tools.bench.overhead` (every page checked; again, no page changed)."""
    cases = [
        (title, overhead.get(key, {}).get("breakdown", {}), overhead.get(key, {}))
        for key, title in (
            ("hook_overhead", "every page checked"),
            ("hook_overhead_again", "again, no page changed"),
        )
    ]
    lines: list[str] = []
    for title, breakdown, _ in cases:
        if "error" in breakdown:
            lines += ["", f"Hook breakdown ({title}) not measured: {breakdown['error']}."]
    cases = [case for case in cases if "hooks" in case[1]]
    if not cases:
        return lines

    def ms(seconds: float | None) -> str:
        return f"{seconds * 1000:.0f} ms" if seconds is not None else "-"

    def row(part: str, cells: list[str]) -> str:
        return f"| {part} | " + " | ".join(cells) + " |"

    hooks = list(dict.fromkeys(hook for _, breakdown, _ in cases for hook in breakdown["hooks"]))
    lines += [
        "",
        "## Where the hooks' build time goes (one build per case, CPU)",
        "",
        row("Part", [title for title, _, _ in cases]),
        "|---|" + "---|" * len(cases),
        row("importing the hooks and `course`", [ms(b["imports_s"]) for _, b, _ in cases]),
    ]
    for hook in hooks:
        seconds = [b["hooks"].get(hook) for _, b, _ in cases]
        if max(x or 0 for x in seconds) >= 0.001:
            lines.append(row(f"`{hook}` events", [ms(x) for x in seconds]))
    lines += [
        row("**all of these**", [f"**{ms(b['total_s'])}**" for _, b, _ in cases]),
        row(
            "paired builds' difference (median)",
            [ms(case.get("added_cpu_s")) for _, _, case in cases],
        ),
        row(
            "the events' share of the rest of that build",
            [f"{b['share'] * 100:.1f} %" if "share" in b else "-" for _, b, _ in cases],
        ),
        "",
        "The lesson checks are `lesson_checks.py`'s share (its `pre_build` event). The "
        "hooks also change what MkDocs and the plugins do (fewer pages in the search "
        "index, mkdocs-quiz's assets no longer inlined per page), which only the paired "
        "builds count.",
    ]
    return lines

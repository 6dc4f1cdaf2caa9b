"""``make bench`` (``python -m tools.bench``): speed, size, privacy and Lighthouse
figures against the targets.

Writes ``tools/bench/results/results.json`` (every figure, machine readable) and
``results.md`` (the table the README shows), both with the date and a note on the
machine. Targets (issue 8, "Performance and privacy budget"):

- Lighthouse 12.2.3, mobile defaults, site served gzip-compressed from 127.0.0.1:
  100 in performance, accessibility, best practices and SEO on the home page, a
  lesson, the assignment builder and an assignment view.
- Page weight: a lesson's HTML <= 12 KB gzip; a first visit to a lesson moves
  <= 130 KB; each further lesson <= 15 KB (shared assets cached).
- Privacy: zero requests to any other origin, on every page of the site.
- Offline (issue 18): the copy the service worker keeps <= 5 MB as stored
  (``course.offline.PRECACHE_BUDGET``); its background download after a first visit
  <= 1 MB; the first visit's own bytes stay within the budget above.
- Team progress (issue 14): 200 report files loaded and drawn in <= 2 s in Chromium;
  300,000 ``{}`` pasted read in <= 5 s with no main-thread task over 0.2 s; no task
  over 0.5 s even while drawing; the CSV of 195 reports with 40 unknown lessons each
  <= 1 MB.
- Builds: ``make check`` <= 1 s on the course and <= 3 s on 1000 lessons; the
  project hooks add <= 10 % to a build; a strict build of the course <= 5 s; build
  times for 20, 200 and 1000 lessons reported, close to linear.

One module per measurement:

- :mod:`.site`: the course built strictly with ``SITE_URL`` = the address it is
  then served from (:mod:`tools.serve`, counting bytes), and the browser.
- :mod:`.weight`, :mod:`.privacy`, :mod:`.lighthouse`: what a learner's browser
  moves, requests, and scores; :mod:`.offline`: the offline copy's size and download.
- :mod:`.team`: the lead's team progress page under load (the "team" section).
- :mod:`.timing` (running a command, building a config), :mod:`.builds`
  (``make check``, strict build, the "builds" section), :mod:`.overhead` (hook
  overhead), :mod:`.scaling` (20/200/1000 lessons, ``make check`` on 1000).
- :mod:`.report`: the targets judged and results.md written; :mod:`.cli`: the
  command line. :mod:`.validation` (``python -m tools.bench.validation``) is the
  lesson-validation benchmark (``results/validation.md``).

How each figure is measured is in ``report.METHOD`` (printed into results.md);
why the measures are taken this way: ``tools/decisions/0009-how-the-bench-measures.md``.

Usage::

    python -m tools.bench                      # everything (about 8 minutes on 2 idle cores)
    python -m tools.bench --only weight,privacy --runs 1
    python -m tools.bench --only team --out /tmp/bench  # without touching results/
    python -m tools.bench --only check,strict  # parts of "builds"

Exit status: 0 when every measured target is met, 1 otherwise, 2 when a tool
is missing (Node/npm, Chromium).
"""

from tools.bench.cli import main

__all__ = ["main"]

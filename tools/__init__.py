"""Maintainer tools around the course: the static test server, the other-origin
scanner, the synthetic-course generator and the benchmark (``python -m tools.bench``).

Nothing here is read by learners or needed to build the site; the tests and
``make bench`` import it (installed editable with the rest of the project).
Why the site is built the way it is, with the figures that decided it:
``tools/decisions/``.
"""

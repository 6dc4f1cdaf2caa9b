"""Learning-path rules: ``docs/team-leads/learning-paths.yml`` names real lessons (PATH001-007)."""

from __future__ import annotations

from collections.abc import Iterator

from course.model import load_course
from course.report import Problem
from course.rules.registry import Project, check


@check("PATH001", "PATH002", "PATH003", "PATH004", "PATH005", "PATH006", "PATH007", scope="course")
def learning_paths(project: Project) -> Iterator[Problem]:
    """Every problem of the learning paths file (see :func:`course.paths.parse_paths`).

    Runs for a course with a team-leads section (``docs/team-leads/``) and a nav;
    test and benchmark courses have neither.
    """
    # Imported here: course.paths itself builds its problems with this package's registry.
    from course.paths import PATHS_FILE, load_paths

    config, root = project.config, project.root
    if not project.check_paths or config is None or config.nav is None or root is None:
        return
    if not (root / PATHS_FILE).parent.is_dir():
        return
    course = load_course(project.docs_dir, config.nav)
    yield from load_paths(root, course, project.paths_label)[1]

"""``python -m course`` is the ``course`` command (:mod:`course.cli`)."""

import sys

from course.cli import main

sys.exit(main())

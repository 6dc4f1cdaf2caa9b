"""Parsing: a course file becomes a :class:`Page` record with file lines everywhere.

- :mod:`course.parse.front_matter`: front matter as PyYAML nodes with line marks;
- :mod:`course.parse.quiz`: the bridge to mkdocs-quiz's own parser;
- :mod:`course.parse.markdown`: the markdown-it view (tokens, headings, anchors, words);
- :mod:`course.parse.page`: :class:`Page` and :func:`parse_page`, which runs them in order.
"""

from course.parse.page import Page, parse_page, parse_quizzes

__all__ = ["Page", "parse_page", "parse_quizzes"]

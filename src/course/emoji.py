"""Emoji and icons in lessons without a request to another site.

``mkdocs.yml`` names :func:`to_svg_or_text` as pymdownx.emoji's generator. Material's
own ``to_svg`` inlines its bundled icons (``:material-account:``) but turns every
Unicode emoji (``:smile:``) into an ``<img>`` from a CDN; here Unicode emoji become the
character itself (pymdownx's ``to_alt``), which every phone and desktop draws offline.
"""

from __future__ import annotations

from typing import Any

__all__ = ["to_svg_or_text"]


def to_svg_or_text(
    index: str,
    shortname: str,
    alias: str,
    uc: str | None,
    alt: str,
    title: str,
    category: str,
    options: dict[str, Any],
    md: Any,
) -> Any:
    """A pymdownx.emoji generator: bundled icons as inline SVG, Unicode emoji as text.

    Args and return value are pymdownx.emoji's generator interface
    (facelessuser.github.io/pymdown-extensions/extensions/emoji, "Custom Emoji
    Generators"): ``uc`` is the emoji's code points, None for Material's icons.
    """
    if not uc:
        from material.extensions.emoji import to_svg

        return to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    from pymdownx.emoji import to_alt

    return to_alt(index, shortname, alias, uc, alt, title, category, options, md)

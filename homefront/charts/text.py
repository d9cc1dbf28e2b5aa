"""Data text handed to Plotly: one escape for every title, tick, label, legend and hover.

Plotly reads its strings as a subset of HTML: `<a href>` becomes a live link and
`<span style='filter:url(…)'>` (or mask, clip-path, fill, background-image) makes the
browser fetch an outside URL as soon as the chart draws. So every string from the data
passes through `plain` before it reaches a figure, and only the chart code's own fixed
markup (`<b>`, `<br>`) stays markup. Plotly turns the entities back into the characters.
"""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache

from homefront.claim_values import format_figure
from homefront.schemas import Claim


def plain(text: object) -> str:
    """Text Plotly shows as written, never as tags: `&`, `<` and `>` as entities."""
    return html.escape(str(text), quote=False)


@lru_cache(maxsize=32_768)
def wrapped(text: str, width: int = 60) -> str:
    """plain() text in lines of about `width` characters, joined by Plotly's <br>.

    Remembered: the same titles and quotes are wrapped again for every new view, and
    textwrap is slow (about half of the Timeline's figure at 100x data). Bounded, a few MB.
    """
    return "<br>".join(textwrap.wrap(plain(text), width))


def claim_text(figure: Claim) -> str:
    """A claimed number as the app writes it ('about 37,500'), as plain() text."""
    return plain(format_figure(figure))

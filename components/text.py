"""Putting curated or user-typed text into Markdown safely."""

from __future__ import annotations

_MARKDOWN_SPECIALS = "\\`*_[]<>#|$~"


def escape_md(text: str) -> str:
    """Text shown literally: no link, emphasis, HTML or maths can hide inside a quote."""
    for char in _MARKDOWN_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text

"""Putting curated or user-typed text into Markdown safely."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = "\\`*_[]<>#|$~"
# What no backslash escape stops, since it is found in the text after Markdown is parsed:
# GitHub-style autolinks (`://`, `www.`, an e-mail's `@`) and Streamlit's icon and emoji
# codes (`:material/x:`, `:smile:`). An invisible word joiner (U+2060) splits each; the words
# read the same.
WORD_JOINER = "\u2060"
_UNESCAPABLE = re.compile(
    r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)|(?<=:)(?=material/|[\w+-]+:)", re.IGNORECASE
)


def escape_md(text: str) -> str:
    """Text shown literally: no link, autolink, icon, emphasis, HTML or maths hides in it."""
    text = _UNESCAPABLE.sub(WORD_JOINER, text)
    for char in _MARKDOWN_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text

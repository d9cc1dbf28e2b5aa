"""Putting curated or user-typed text into Markdown safely."""

from __future__ import annotations

import re

# Markdown's syntax, plus `:` (Streamlit's `:red[...]` and `:material/x:` directives) and `&`
# (entities). A backslash before any of them is dropped by Markdown.
_MARKDOWN_SPECIALS = "\\`*_[]<>#|$~:&"
# GitHub-style autolinks are found in the text after Markdown is parsed, so no escape stops
# them: an invisible word joiner (U+2060) splits what they look for (`://`, `www.`, the `@`
# of an e-mail address); the words read the same.
WORD_JOINER = "\u2060"
_AUTOLINK_BAIT = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def escape_md(text: str) -> str:
    """Text shown literally: no link, autolink, emphasis, HTML or maths hides inside it."""
    text = _AUTOLINK_BAIT.sub(WORD_JOINER, text)
    for char in _MARKDOWN_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text

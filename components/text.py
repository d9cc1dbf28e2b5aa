"""Putting curated or user-typed text into Markdown safely."""

from __future__ import annotations

import re
from functools import lru_cache

_MARKDOWN_SPECIALS = "\\`*_[]<>#|$~&"  # `&`: no entity (`&amp;`) is decoded either
# What no backslash escape stops, since it is found in the text after Markdown is parsed:
# GitHub-style autolinks (`://`, `www.`, an e-mail's `@`) and Streamlit's icon and emoji
# codes (`:material/x:`, `:smile:`). An invisible word joiner (U+2060) splits each; the words
# read the same.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
_ICON = re.compile(r"(?<=:)(?=material/|[\w+-]+:)", re.IGNORECASE)
# what would end a Markdown link's target early or start a title or an escape in it
_TARGET_BREAKERS = {c: f"%{ord(c):02X}" for c in "()<>\\ \"'"}
# What opens a block where a line starts, though no special character is in it: a list
# item ("2022. The year", "1) x", "- x", "+ x"), a thematic break or a heading's underline
# ("---", "==="). A backslash before the marker keeps it a character.
_LIST_NUMBER = re.compile(r"^(\s*\d{1,9})([.)])", re.MULTILINE)
_LINE_MARK = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_BLOCK_FIRST = set("-+=0123456789")  # the first characters of those markers


@lru_cache(maxsize=4096)
def escape_md(text: str) -> str:
    """Text shown literally: no link, autolink, icon, emphasis, HTML, maths, entity, list,
    rule or heading hides in it, wherever in a Markdown string it is placed.

    Remembered: a rerun escapes the same ~60 names and labels again (options, citations),
    about a millisecond of regular-expression work each time."""
    text = _escape(_AUTOLINK.sub(WORD_JOINER, text))
    if "\n" not in text and not text[:1].isspace() and text[:1] not in _BLOCK_FIRST:
        return text  # one line, opening with no marker: most of the ~100 calls a rerun makes
    return _LINE_MARK.sub(r"\1\\\2", _LIST_NUMBER.sub(r"\1\\\2", text))


def _escape(text: str) -> str:
    text = _ICON.sub(WORD_JOINER, text)
    for char in _MARKDOWN_SPECIALS:
        text = text.replace(char, "\\" + char)
    return text


def md_link(label: str, href: str) -> str:
    """A Markdown link whose label is shown literally and whose target cannot end early."""
    return f"[{escape_md(label)}]({_target(href)})"


def md_url(url: str) -> str:
    """A curated URL (validated as http(s) in homefront.schemas) as a link that reads and
    copies as the URL itself: no word joiners, since the autolinker leaves a link's own text
    alone. Never for a value from a visitor's link, which stays plain text."""
    return f"[{_escape(url)}]({_target(url)})"


def _target(href: str) -> str:
    return "".join(_TARGET_BREAKERS.get(c, c) for c in href)

"""The error page as a reader sees it: its table's cells are escaped Markdown
(components.errors), rendered here as the browser renders them."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.text import WORD_JOINER


def rendered(cell: object) -> object:
    """A cell's text as Markdown renders it: backslash escapes and word joiners gone."""
    if not isinstance(cell, str):
        return cell
    return re.sub(r"\\(.)", r"\1", cell).replace(WORD_JOINER, "")


def error_table(at: AppTest) -> pd.DataFrame:
    """The error page's table (file, line, field, problem), each cell as the reader reads it."""
    return at.table[0].value.reset_index().map(rendered)


def error_rows(at: AppTest) -> list[tuple[str, int | None, str, str]]:
    """The error page's table as (file, line, field, problem) rows."""
    return [
        (r["file"], None if r["line"] != r["line"] else int(r["line"]), r["field"], r["problem"])
        for _, r in error_table(at).iterrows()
    ]

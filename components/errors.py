"""The page shown instead of a traceback when data or config cannot be loaded."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import escape_md
from homefront.problems import DataError


def show_data_error(error: DataError) -> None:
    """List every problem by file, line and field, and say how to check the fix."""
    st.title("Home Front cannot load its data")
    st.error(
        f"{len(error.problems)} problem(s) were found in the data or settings files. "
        "Nothing is shown until they are fixed, so that no figure appears without its source."
    )
    # st.table reads every cell as Markdown, and a message quotes the value at fault as the
    # file has it: each is escaped, so a link or markup in a data file is shown as typed
    table = pd.DataFrame(
        [
            {
                "file": escape_md(p.file),
                "line": p.line,
                "field": escape_md(p.field),
                "problem": escape_md(p.message),
            }
            for p in error.problems
        ]
    )
    st.table(table.set_index("file"))
    st.markdown(
        "Fix the files named above, then reload this page. To check from a terminal: "
        "`python -m homefront validate`."
    )

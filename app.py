"""Home Front: the entry point. Frames every page, draws the shared filters, routes.

Run with `make run` (or `streamlit run app.py`).
"""

from __future__ import annotations

import streamlit as st

from components import cached
from components.errors import show_data_error
from components.filters import show_notices, sidebar_filters, sync_url
from homefront.problems import DataError

# page id (as listed in config.yaml) -> (file, title, icon)
PAGES = {
    "overview": ("pages/overview.py", "Overview", ":material/home:"),
    "timeline": ("pages/timeline.py", "Timeline", ":material/timeline:"),
    "regions": ("pages/regions.py", "Regions map", ":material/map:"),
    "compare": ("pages/compare.py", "Compare sources", ":material/compare:"),
    "briefing": ("pages/briefing.py", "Briefing", ":material/slideshow:"),
    "data": ("pages/data.py", "Data & methods", ":material/table:"),
}

st.set_page_config(
    page_title="Home Front",
    page_icon=":material/home_pin:",
    layout="wide",
    initial_sidebar_state="expanded",
)

try:
    config = cached.config()
    dataset = cached.dataset()
except DataError as error:
    show_data_error(error)
else:
    filters, defaults = sidebar_filters(config, dataset, cached.region_names())
    st.session_state["filters"] = filters
    navigation = st.navigation(
        [
            st.Page(PAGES[p][0], title=PAGES[p][1], icon=PAGES[p][2], url_path=p, default=i == 0)
            for i, p in enumerate(config.pages)
        ]
    )
    show_notices()
    navigation.run()
    sync_url(filters, defaults)

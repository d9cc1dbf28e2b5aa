"""Home Front: the entry point. Frames every page, draws the shared filters, routes.

Run with `make run` (or `streamlit run app.py`).
"""

from __future__ import annotations

import base64
from pathlib import Path

import streamlit as st

from components import cached, page_state
from components.errors import show_data_error
from components.filters import read_link_once, sidebar_filters
from components.navigation import PAGES, page_title, st_pages
from homefront.links import P_BRIEFING, to_query
from homefront.problems import DataError

# `?briefing=1`: a clean projector view. Fixed CSS, no data in it: hides the sidebar, its
# toggle and Streamlit's toolbar (the page menu is hidden by st.navigation below).
PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; padding-bottom: 1rem; }
</style>"""

# Every download goes through homefront.downloads (citation columns, formulas neutralised):
# the tables' own toolbar CSV export would write formula cells as they are (issue 14.10).
NO_TABLE_EXPORT_CSS = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as CSV"])
{ display: none !important; }
</style>"""

# A local file, written into the page as a data URL once: a material-icon favicon would be
# fetched from a font CDN, and a file's path is read and registered again on every rerun.
FAVICON = "data:image/png;base64," + base64.b64encode(
    (Path(__file__).parent / "components" / "assets" / "favicon.png").read_bytes()
).decode("ascii")

st.set_page_config(
    page_title="Home Front",
    page_icon=FAVICON,
    layout="wide",
    initial_sidebar_state="auto",  # open on a laptop, collapsed on a phone
)

cached.check_files()
try:
    config = cached.config()
    dataset = cached.dataset()
except DataError as error:
    show_data_error(error)
else:
    read_link_once(config, dataset, cached.region_names())
    st.html(NO_TABLE_EXPORT_CSS)
    projector = page_state.projector_view()
    if projector:
        st.html(PROJECTOR_CSS)
    navigation = st.navigation(
        st_pages(config.pages), position="hidden" if projector else "sidebar"
    )
    # the browser tab names the page (set_page_config's title would name every page the same)
    st.set_page_config(page_title=page_title(navigation.title))
    spec = PAGES.get(navigation.url_path) or PAGES[config.pages[0]]
    filters, defaults = sidebar_filters(config, dataset, cached.region_names(), spec.filters)
    st.session_state["filters"] = filters
    page_state.show_notices(navigation.url_path, filters)
    # briefing=1 is kept in the URL on every page, so a reload stays clean
    page_state.link_base(
        to_query(filters, defaults) | ({P_BRIEFING: "1"} if projector else {}),
        "" if navigation.url_path == config.pages[0] else navigation.url_path,
    )
    navigation.run()
    page_state.share_link(page_state.sync_url())

"""The app's pages: file, title, icon and one-line description, in one registry.

app.py builds st.navigation from it; the Overview links to the same pages with
the same words, so a page's name is written once. Each page also says which of the
shared sidebar filters drive it: app.py draws only those (issue 13.2: a filter that is
shown must act).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.filters import ALL_FILTERS


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    blurb: str
    filters: tuple[str, ...] = ALL_FILTERS  # the sidebar filters the page applies


PAGES = {
    "overview": PageSpec(
        "app_pages/overview.py",
        "Overview",
        ":material/home:",
        "What the dashboard covers.",
        ("window", "sources"),
    ),
    "timeline": PageSpec(
        "app_pages/timeline.py",
        "Timeline",
        ":material/timeline:",
        "Events from the build-up to the New Year's Day strike, and what each source said.",
    ),
    "regions": PageSpec(
        "app_pages/regions.py",
        "Regions map",
        ":material/map:",
        "Confirmed deaths per capita by region: Buryatia, Tyva and the rest of Russia.",
    ),
    "why_regions": PageSpec(
        "app_pages/why_regions.py",
        "Why these regions",
        ":material/scatter_plot:",
        "Poverty or ethnicity? The paper's model, its checks, and claims set against the count.",
        ("window", "regions"),  # the window as the rates' period, regions marked on the plots
    ),
    "compare": PageSpec(
        "app_pages/compare.py",
        "Compare sources",
        ":material/compare:",
        "Five outlets side by side: their figures, claims, voices and framing.",
        ("window", "sources", "regions", "text"),
    ),
    "briefing": PageSpec(
        "app_pages/briefing.py",
        "Briefing",
        ":material/slideshow:",
        "A step-by-step walk through the story for presenting to a room.",
        (),
    ),
    "data": PageSpec(
        "app_pages/data.py",
        "Data & methods",
        ":material/table:",
        "Every record, its source and licence, and the methods and caveats.",
    ),
}


APP_NAME = "Home Front"


def page_title(title: str) -> str:
    """What the browser tab shows: 'Timeline — Home Front'."""
    return f"{title} \u2014 {APP_NAME}"


_BUILT = "_navigation_pages"  # (page ids, their st.Page objects), kept per session


def st_pages(page_ids: Sequence[str]) -> list[StreamlitPage]:
    """The st.Page of each page id, the first the default, built once per session.

    st.Page resolves its file's path on the disk each time it is built: seven pages cost
    about a millisecond of every rerun. st.navigation marks the page it runs as callable on
    the object, so each session keeps its own.
    """
    built = st.session_state.get(_BUILT)
    if built is None or built[0] != tuple(page_ids):
        pages = [
            st.Page(
                PAGES[p].file, title=PAGES[p].title, icon=PAGES[p].icon, url_path=p, default=i == 0
            )
            for i, p in enumerate(page_ids)
        ]
        built = st.session_state[_BUILT] = (tuple(page_ids), pages)
    return built[1]

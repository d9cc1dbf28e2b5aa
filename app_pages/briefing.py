"""Briefing: the story one step at a time, in large type, for presenting to a room.

Each step (config.yaml `briefing:`) is a headline, a few sentences, one view drawn with the
other pages' components, and its citations. The step is in the link (`step=`, from 1);
Previous and Next are ordinary buttons, so Tab reaches them and Enter presses them. Add
`briefing=1` to any link for a projector view with no sidebar or toolbar (app.py). The
whole briefing downloads as one offline HTML file (homefront/briefing_export.py).
"""

from __future__ import annotations

import streamlit as st

from components import cached
from components.compare_view import topic_row
from components.event_detail import event_detail
from components.filters import initial_param, set_page_params
from components.region_map import map_deck, map_legend, region_map
from components.text import escape_md
from components.timeline_chart import timeline_chart
from homefront import briefing, coverage, queries, region_view
from homefront.citations import cite
from homefront.config import BriefingStep

STEP = "_briefing_step"  # 0-based, kept when the user visits another page and comes back
EVENT_KEY = "briefing_event"  # an event clicked in a step's timeline
PARAM = "step"
# Large type for the room: fixed CSS, no data, scoped to this page's keyed containers.
LARGE_TYPE = """<style>
.st-key-briefing_step h1 { font-size: clamp(2.2rem, 3.2vw, 3.2rem); line-height: 1.15; }
.st-key-briefing_step p { font-size: clamp(1.3rem, 1.6vw, 1.7rem); line-height: 1.4; }
.st-key-briefing_nav p { font-size: 1.3rem; }
</style>"""

config = cached.config()
data = cached.dataset()
steps = config.briefing
st.html(LARGE_TYPE)
if not steps:  # config.yaml lists the page without steps (an explicit `briefing: []` is refused)
    st.title("Briefing", anchor=False)
    st.info("This briefing has no steps yet: they are set in config.yaml under `briefing:`.")
    st.stop()

if STEP not in st.session_state:
    index, notice = briefing.parse_step(initial_param(PARAM), len(steps))
    if notice:
        st.warning(escape_md(notice), icon=":material/link_off:")
    st.session_state[STEP] = index


def go_to(index: int) -> None:
    """Button callback: runs before the page, so the page draws the new step."""
    st.session_state[STEP] = min(max(index, 0), len(steps) - 1)
    st.session_state.pop(EVENT_KEY, None)


def timeline_view(step: BriefingStep) -> None:
    view = step.view
    figure = cached.figure(
        "briefing_timeline",
        view,
        lambda: briefing.step_timeline(config, data, view, cached.confirmed_by_month()),
    )
    events = queries.filter_events(data.events, briefing.step_filters(config, data, view))
    ids = [e.id for e in events]
    timeline_chart(
        figure,
        ids,
        EVENT_KEY,
        alt=f"Timeline of {len(events)} events from {view.start:%-d %B %Y} to "
        f"{view.end:%-d %B %Y}, above confirmed deaths per month and claimed death tolls.",
    )
    chosen = st.session_state.get(EVENT_KEY)
    if chosen in ids:
        event_detail(data, config, next(e for e in events if e.id == chosen))


def map_view(step: BriefingStep) -> None:
    view = step.view
    metric = region_view.METRICS[view.metric]
    start, end = briefing.map_window(data.regional.casualties)
    values = cached.view(
        "briefing_map_values",
        view,
        lambda: region_view.map_values(
            cached.region_rates(start, end, None),
            metric,
            start,
            end,
            briefing.ALL_UNITS,
            selected=view.region,
        ),
    )
    names = data.region_names
    labels = {iso: names[iso] for iso in (*region_view.FOCUS_REGIONS, view.region)}
    region_map(
        cached.view("briefing_deck", view, lambda: map_deck(cached.map_geometry(), values, labels)),
        key="briefing_map",
        on_pick=lambda iso: None,  # the briefing shows one region; a click changes nothing
        alt=f"Map of Russia's regions coloured by {metric.label.lower()}; "
        f"{names[view.region]} is outlined in blue.",
    )
    map_legend(values.legend)


def compare_view(step: BriefingStep) -> None:
    view = step.view
    topic = next(t for t in data.coverage.topics if t.id == view.topic)
    disagreements = coverage.shown_disagreements(data, [topic], view.sources)
    topic_row(data, topic, view.sources, disagreements)


VIEWS = {"timeline": timeline_view, "map": map_view, "compare": compare_view}

index = st.session_state[STEP]
if not 0 <= index < len(steps):  # steps removed from config.yaml while the session was open
    st.warning(f"Step {index + 1} no longer exists; showing step {len(steps)}, the last.")
    index = st.session_state[STEP] = len(steps) - 1
step = steps[index]
with st.container(key="briefing_nav", horizontal=True, vertical_alignment="center"):
    st.button(
        "Previous",
        icon=":material/arrow_back:",
        disabled=index == 0,
        on_click=go_to,
        args=(index - 1,),
        key="briefing_prev",
    )
    st.markdown(f"**{index + 1} / {len(steps)}**")
    st.button(
        "Next",
        icon=":material/arrow_forward:",
        disabled=index == len(steps) - 1,
        on_click=go_to,
        args=(index + 1,),
        key="briefing_next",
        type="primary",
    )
with st.container(key="briefing_step"):
    st.title(escape_md(step.headline), anchor=False)
    st.markdown(escape_md(step.text))
VIEWS[step.view.kind](step)
st.markdown(
    "**Sources**\n\n"
    + "\n".join(f"- {escape_md(cite(s))}" for s in briefing.step_sources(data, step))
)
st.caption(escape_md(briefing.as_of_note(data)))
st.download_button(
    "Download the whole briefing (offline HTML)",
    data=cached.briefing_html,
    file_name="homefront_briefing.html",
    mime="text/html",
    icon=":material/download:",
    on_click="ignore",
    key="briefing_download",
)
st.caption(
    "Keyboard: Tab to Previous or Next, then Enter. Add `briefing=1` to the link for a "
    "projector view without the sidebar."
)
set_page_params({PARAM: str(index + 1)})

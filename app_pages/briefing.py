"""Briefing: the story one step at a time, in large type, for presenting to a room.

Each step (data/story.yaml `briefing:`) is one slide that fits a 1280x720 projector (or a 4:3
one at 1024x768) without scrolling: the headline with Previous/Next beside it, a few sentences
and their sources on the left, one view on the right (a timeline with the step's event
outlined, or the regions map with the step's regions named), or the outlets' answers side by
side. The step is in the link (`step=`, from 1). A clicker's keys work: Right, Page Down or
Space is Next, Left, Page Up or Shift+Space is Previous (Streamlit's own button shortcuts; all
but Right and Left press hidden twins of the buttons).
Add `briefing=1` to any link for a projector view with no sidebar or toolbar (app.py); the
desk view's Present button opens the step's link with it, in a new tab. The
whole briefing downloads as one offline slide deck (homefront/briefing_export.py).
"""

from __future__ import annotations

import streamlit as st

from components import cached, page_state, views, why_view
from components.event_detail import event_detail
from components.navigation import PAGES
from components.provenance import citation_md
from components.text import escape_md
from components.timeline_chart import timeline_chart
from homefront import briefing, links, periods, region_model
from homefront.charts.theme import SLIDE_CONFIG, TIMELINE_CONFIG
from homefront.region_text import ALL_UNITS
from homefront.schemas import BriefingStep

STEP = "_briefing_step"  # 0-based, kept when the user visits another page and comes back
EVENT_KEY = "briefing_event"  # an event clicked in a step's timeline
# Large type for the room, sized so a step fits 1280x720: fixed CSS, no data, scoped to this
# page's keyed containers. Card and step text 20 px or more; the sources line is smaller.
LARGE_TYPE = """<style>
.st-key-briefing_nav h1 { font-size: 2.1rem; line-height: 1.15; padding: 0; }
.st-key-briefing_text p { font-size: 1.3rem; line-height: 1.4; }
.st-key-briefing_cards p { font-size: 1.25rem; line-height: 1.15; margin-bottom: 0.25rem; }
.st-key-briefing_sources p { font-size: 1rem; line-height: 1.35; margin-bottom: 0.3rem; }
.st-key-briefing_keys { display: none; }
</style>"""

# A projector narrower than 1280 px (a 4:3 one at 1024x768): Streamlit's 5rem each side, a
# 2.1rem headline (Previous and Next pushed onto a row of their own) and the outlets' cards
# ran steps 3, 5, 7 and 9 past the screen's foot (by 4, 124, 88 and 1 px). Narrower sides, a
# headline that leaves the buttons beside it and cards at 1.2rem (20.4 px, still at least 20)
# fit every step; 1280x720 and wider keep LARGE_TYPE as it is.
NARROW_PROJECTOR = """<style>
@media (max-width: 1279px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
  .st-key-briefing_nav h1 { font-size: 1.75rem; }
  .st-key-briefing_cards p { font-size: 1.2rem; }
}
</style>"""

# text and chart: on a projector the sidebar is hidden, so the chart's column is wide enough
# at 5:7; at a desk the sidebar takes 300 px, and at 5:7 a 1440 px laptop gave the chart's plot
# under 300 px, too narrow for its claims' labels ("about 37,500 (25 Jun 2022 or later)")
COLUMNS_PROJECTOR, COLUMNS_DESK = [5, 7], [4, 8]
# The keys beside the buttons' own (Right, Left): a clicker sends Page Down/Up, and a
# presenter at a keyboard presses Space/Shift+Space, as in slide tools. Each is a hidden twin
# of a button: shortcut -> (widget key, steps moved). Streamlit leaves a key typed in a text
# box to the box, and Space on a focused button is the shortcut alone (not a second press).
TWIN_KEYS = {
    "PageDown": ("briefing_pagedown", 1),
    "Space": ("briefing_space", 1),
    "PageUp": ("briefing_pageup", -1),
    "Shift+Space": ("briefing_shift_space", -1),
}
# where the last slide of the projector view leads (its page menu is hidden)
ONWARD = ("timeline", "regions")
# at a desk, a page narrower than that (a 1280 px laptop with the sidebar open) puts the
# chart under the text, at the page's whole width: a desk view may scroll, a slide may not
DESK_STACKED = """<style>
.st-key-briefing_body { container-type: inline-size; }
@container (max-width: 900px) {
  .st-key-briefing_body [data-testid="stHorizontalBlock"] { flex-direction: column; }
  .st-key-briefing_body [data-testid="stColumn"] { width: 100%; flex: 1 1 auto; }
}
</style>"""
config = cached.config()
data = cached.dataset()
steps = data.story.briefing
projector = page_state.initial_param(links.P_BRIEFING) == "1"
st.html(LARGE_TYPE + (NARROW_PROJECTOR if projector else DESK_STACKED))
if not steps:  # the page is listed without steps (an explicit `briefing: []` is refused)
    st.title("Briefing", anchor=False)
    st.info("This briefing has no steps yet: they are set in data/story.yaml under `briefing:`.")
    st.stop()

page_state.seed(STEP, lambda link: links.parse_step(link.get(links.P_STEP), len(steps)))


def go_to(index: int) -> None:
    """Button callback: runs before the page, so the page draws the new step."""
    st.session_state[STEP] = min(max(index, 0), len(steps) - 1)
    st.session_state.pop(EVENT_KEY, None)


def timeline_view(step: BriefingStep) -> None:
    view = step.view
    figure = views.briefing_timeline(steps.index(step))
    events = briefing.step_events(config, data, view)
    ids = [e.id for e in events]
    about = next((e.title for e in events if e.id == view.event), None)
    timeline_chart(
        figure,
        ids,
        EVENT_KEY,
        alt=f"Timeline of {len(events)} events from {view.start:%-d %B %Y} to "
        f"{view.end:%-d %B %Y}, above confirmed deaths per month and claimed death tolls"
        + (f"; outlined: {about}." if about else "."),
        selectable=not projector,
        config=SLIDE_CONFIG if projector else TIMELINE_CONFIG,
    )
    chosen = st.session_state.get(EVENT_KEY)
    if chosen in ids:
        event_detail(data, config, next(e for e in events if e.id == chosen))


def map_view(step: BriefingStep) -> None:
    view = step.view
    figure = views.briefing_map(steps.index(step))
    names = data.region_names
    st.plotly_chart(
        figure,
        config={"displayModeBar": False, "scrollZoom": False},
        theme=None,
        key="briefing_map",
        alt=f"Map of Russia's regions coloured by {view.metric}, in quantile classes; "
        f"{names[view.region]} is outlined in blue, Buryatia and Tyva in black, each named.",
    )


def compare_view(step: BriefingStep) -> None:
    cards = briefing.step_cards(data, step.view)
    with st.container(key="briefing_cards"):
        for column, card in zip(st.columns(len(cards), border=True), cards, strict=True):
            with column:
                lines = [f"**{escape_md(card.outlet)}**"]
                if card.summary is None:
                    lines.append(":gray-background[**Not\u00a0covered**]")
                else:
                    lines.append(escape_md(card.summary))
                    lines += [f"**{escape_md(n)}** {escape_md(what)}" for n, what in card.figures]
                st.markdown("\n\n".join(lines))


def sources_and_date(step: BriefingStep) -> None:
    """One short line of sources (outlet and date; hover for the full citations) and the
    data-as-of note: a slide has room for no more, the export and Data page have the rest."""
    sources = briefing.step_sources(data, step)
    with st.container(key="briefing_sources"):
        st.markdown(
            "**Sources:** "
            + escape_md(" · ".join(briefing.slide_cite(s) for s in sources))
            + f"\n\n:gray[{escape_md(briefing.as_of_note(data))}]",
            help="\n\n".join(citation_md(s) for s in sources),
        )


def chart_view(step: BriefingStep) -> None:
    """One of the Why these regions scatters (the step's `chart:`), over the whole period."""
    spec = region_model.chart_specs()[step.chart]
    why_view.draw_chart(
        spec,
        (None, None),
        None,
        (),
        periods.whole_period_text(data),
        ALL_UNITS,
        f"briefing_{spec.id}",
    )


VIEWS = {"timeline": timeline_view, "map": map_view}


@st.fragment
def briefing_step_view() -> None:
    """The step shown: Previous and Next (buttons, clicker keys) rerun this, not the sidebar
    and the rest of the app, and write the link."""
    index = st.session_state[STEP]
    if not 0 <= index < len(steps):  # steps removed from data/story.yaml while the session was open
        st.warning(f"Step {index + 1} no longer exists; showing step {len(steps)}, the last.")
        index = st.session_state[STEP] = len(steps) - 1
    step = steps[index]
    with st.container(key="briefing_nav", horizontal=True, vertical_alignment="center"):
        st.title(escape_md(step.headline), anchor=False)
        st.button(
            "Previous",
            icon=":material/arrow_back:",
            disabled=index == 0,
            on_click=go_to,
            args=(index - 1,),
            key="briefing_prev",
            shortcut="Left",
        )
        st.markdown(f"**{index + 1} / {len(steps)}**", width="content")
        st.button(
            "Next",
            icon=":material/arrow_forward:",
            disabled=index == len(steps) - 1,
            on_click=go_to,
            args=(index + 1,),
            key="briefing_next",
            type="primary",
            shortcut="Right",
        )
        if not projector:  # a presenter at a desk: the projector view, in a tab of its own
            st.link_button(
                "Present",
                links.link_to("", links.step_params(index) | {links.P_BRIEFING: "1"}),
                icon=":material/present_to_all:",
                help="Opens this step in a new tab without the sidebar or toolbar, "
                "for the projector.",
                key="briefing_present",
            )
    # A button takes one shortcut, so hidden twins of the buttons take the other keys
    with st.container(key="briefing_keys"):
        for shortcut, (key, move) in TWIN_KEYS.items():
            st.button(
                "Next" if move > 0 else "Previous",
                disabled=not 0 <= index + move < len(steps),
                on_click=go_to,
                args=(index + move,),
                key=key,
                shortcut=shortcut,
            )
    if step.view.kind == "compare":  # the outlets side by side need the whole width
        with st.container(key="briefing_text"):
            st.markdown(escape_md(step.text))
        sources_and_date(step)
        compare_view(step)  # a chart has no room here: validation refuses `chart:` on this kind
    else:
        with st.container(key="briefing_body"):
            left, right = st.columns(COLUMNS_PROJECTOR if projector else COLUMNS_DESK)
            with left:
                with st.container(key="briefing_text"):
                    st.markdown(escape_md(step.text))
                sources_and_date(step)
            with right:  # a step's chart, where it names one, takes the place of its view
                (chart_view if step.chart else VIEWS[step.view.kind])(step)
    onward = [name for name in ONWARD if name in config.pages]
    if projector and index == len(steps) - 1 and onward:  # the room goes on, still clean
        with st.container(horizontal=True, vertical_alignment="center", key="briefing_onward"):
            st.markdown("**Go on to**", width="content")
            for name in onward:
                st.page_link(PAGES[name].file, label=PAGES[name].title, icon=PAGES[name].icon)
    if not projector:  # a presenter at a desk: the export and how to get the clean view
        st.download_button(
            "Download the whole briefing (offline slide deck)",
            data=cached.briefing_html,
            file_name="homefront_briefing.html",
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
            key="briefing_download",
        )
        st.caption(
            "Keyboard or clicker: Right, Page Down or Space for Next; Left, Page Up or "
            "Shift+Space for Previous. "
            "Present opens the projector view, this page's link with `briefing=1`."
        )
    page_state.keep_from_fragment(STEP, index, links.step_params(index))


briefing_step_view()

"""Timeline: the events by category over the story's phases, with confirmed deaths and the
death tolls claimed beneath; click or choose an event for its sources and quotes."""

from __future__ import annotations

import streamlit as st

from components import cached, page_state, views
from components.event_detail import event_detail
from components.filters import current_filters, filter_options, filters_home
from components.provenance import download_csv, provenance
from components.tables import EVENT_COLUMNS, record_table
from components.text import escape_md
from components.timeline_chart import timeline_chart
from homefront import links
from homefront.filters import default_filters
from homefront.links import P_EVENT, P_SEL, link_to, to_query
from homefront.regional import COUNT_SOURCE

EVENT_KEY = "timeline_event"  # the select box; a click in the chart sets it too
KEPT = "_timeline_event"  # its value, kept when the user visits another page and comes back

config = cached.config()
data = cached.dataset()
filters = current_filters()
events = views.events(filters)
by_id = data.event_by_id
shown = [e.id for e in events]
used = {s for e in events for s in e.sources}  # the sources the events shown cite

st.title("Timeline")
st.markdown(
    "What happened to soldiers' families from the invasion to the New Year's Day strike, one "
    "lane per category, over the phases of the story. Beneath, on the same dates: deaths "
    "confirmed each month beside the death tolls claimed by Russian officials, Ukraine and "
    "the United States. **Click an event**, or choose it under the chart, for its sources, "
    "quotes and how each outlet told it."
)


def seed_view() -> None:
    """The chosen event: from a click or the select box, else the kept one (the link's, on a
    first visit). Called by the page and again by its fragment, whose run may find the
    widget's value dropped (a click that starts a run before the last has finished)."""
    page_state.seed_widgets(
        KEPT, lambda link: links.parse_event(link.get(P_EVENT), by_id), lambda e: {EVENT_KEY: e}
    )


def chosen_event() -> str | None:
    """The event chosen, if it is one the chart shows; else none, and why. Checked on every
    run of the fragment, its own included: a value no control offers (an event renamed
    meanwhile, or a tampered client's) must not reach the views' shared caches."""
    chosen = st.session_state[EVENT_KEY]
    if chosen not in [None, *by_id]:  # renamed or removed meanwhile
        st.warning("The chosen event is no longer in the data, so none is chosen.")
        chosen = None
    elif chosen not in [None, *shown]:
        st.info(
            f"The chosen event, \u201c{escape_md(by_id[chosen].title)}\u201d, is hidden by the "
            "current filters.",
            icon=":material/filter_alt:",
        )
        chosen = None
    st.session_state[EVENT_KEY] = chosen
    return chosen


@st.fragment
def chosen_event_view() -> None:
    """The chart and the event picked in it or below it: picking one reruns this, not the
    sidebar and the rest of the app, and writes the link."""
    seed_view()
    chosen = chosen_event()
    page_state.keep_from_fragment(KEPT, chosen, links.event_params(chosen))

    st.caption(
        f"**{len(events)} of {len(data.events)} events shown** with the current filters; "
        "each lane gives its count."
    )
    if not events:  # say which filter to loosen, and what the chart still shows
        search = (
            f"the search text \u201c{escape_md(filters.text)}\u201d and " if filters.text else ""
        )
        st.info(
            f"No event fits {search}{filters_home()} date window, categories, sources and regions: "
            "clear the search or widen a filter. The chart still shows the deaths and claimed "
            "tolls, which follow only the window and the sources.",
            icon=":material/filter_alt:",
        )
    with_confirmed = COUNT_SOURCE in filters.sources
    claims = views.claims(filters)
    chart = views.timeline_chart(filters, chosen)
    timeline_chart(
        chart.figure,
        shown,
        EVENT_KEY,
        alt=f"Timeline of the {len(events)} events shown, by category, from "
        f"{filters.start:%-d %B %Y} to {filters.end:%-d %B %Y}, above confirmed deaths per month "
        "and claimed death tolls. The same events are listed in the table below the chart.",
        legends=(chart.legend_above, chart.legend_below),
    )
    notes = []
    if with_confirmed:
        unplaced = views.unplaced_deaths()
        notes.append(
            "Confirmed deaths are a lower bound: public obituaries and announcements, counted by "
            f"the month the death was confirmed; {unplaced} deaths with no month are not shown."
        )
    if claims:
        counted = "; ".join(dict.fromkeys(data.measures[f.measure].label for f in claims))
        notes.append(
            f"Claimed tolls count different things ({counted}); set the nationwide ones, counted "
            "since the invasion, against the running total. The region and search filters do not "
            "apply to them."
        )
    provenance(
        data,
        used | {f.source for f in claims} | ({COUNT_SOURCE} if with_confirmed else set()),
        " ".join(notes),
    )
    with st.expander("What the phases rest on"):
        st.markdown(
            "\n".join(
                f"- **{escape_md(p.label)}** ({p.start:%-d %b %Y} \u2013 {p.end:%-d %b %Y}): "
                f"{escape_md(p.note)}"
                for p in data.story.phases
            )
        )

    st.header("Event details")
    labels = views.event_labels()
    st.selectbox(
        "Event",
        options=shown,
        format_func=labels.get,
        index=None,
        placeholder="Click an event in the chart, or choose one here",
        key=EVENT_KEY,
    )
    if chosen is not None:
        options = filter_options(config, data, cached.region_names())
        link_params = to_query(filters, default_filters(config, options))
        regions_page = {
            code: link_to("regions", link_params | {P_SEL: code}) for code in by_id[chosen].regions
        }
        event_detail(data, config, by_id[chosen], regions_page if "regions" in config.pages else {})


chosen_event_view()

st.header("All events shown")
table, arrow = views.events_table(filters)
record_table(arrow, EVENT_COLUMNS, f"The {len(events)} events shown in the timeline, as a table")
download_csv(data, table, used, "timeline events", "homefront_timeline_events.csv")
provenance(data, used)

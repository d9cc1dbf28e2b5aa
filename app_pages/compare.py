"""Compare sources: the five articles side by side, topic by topic, with every claimed number.

Follows the sidebar: its Sources filter and date window (by publication date) decide
which articles can be compared, its search text narrows the topics (question, summaries,
quotes) and, with the date window (by as_of date, a month-only claim by its month) and
region filter, the ledger's claims.
Its own view state is kept in the link: `cmp=` (the outlets compared, default all that
the filters allow), `topic=` (default all) and `measure=` (the ledger chart).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import cached, page_state, views
from components.compare_view import (
    HEATMAP_KEYS,
    HEATMAP_MIN_WIDTH_PX,
    chosen_ids,
    chosen_one,
    disagreement_list,
    place_heatmap,
    seed_ids,
    side_by_side,
)
from components.filters import current_filters, filters_home
from components.ledger_view import ledger_table_view
from components.narrow import scroll_sideways
from components.provenance import download_csv, provenance
from components.text import escape_md
from homefront import coverage, links
from homefront.charts.theme import CHART_CONFIG
from homefront.citations import published_span
from homefront.filters import ViewFilters
from homefront.links import P_COMPARED, P_MEASURE, P_TOPICS
from homefront.numbers import count_of
from homefront.schemas import MAX_COMPARED, MIN_COMPARED

data = cached.dataset()
filters = current_filters()
all_topics = [t.id for t in data.coverage.topics]
topic_labels = {t.id: t.label for t in data.coverage.topics}

st.title("Compare sources")
articles = [data.sources[s] for s in coverage.article_ids(data)]
st.markdown(
    f"How five articles, published {escape_md(published_span(articles))}, answer the same "
    "questions about Russian soldiers' mothers and families. Each column is one article and "
    "each row one question: our summary, the article's own words and the numbers it reports, or a "
    "plain **Not covered** where it says nothing on the question, or **Published before "
    "this happened** where the article is known to predate the event a question is about. "
    "Markers show where the outlets disagree."
)

comparable = coverage.comparable_sources(data, filters)
# seeded from the link out here, so their notices stay when the fragment reruns alone
seed_ids(comparable, P_COMPARED, "compare_sources", minimum=MIN_COMPARED)
seed_ids(all_topics, P_TOPICS, "compare_topics")


@st.fragment
def compared_view() -> None:
    """Everything the compared outlets and topics drive: changing one reruns this, not the
    sidebar and the rest of the app; the ledger's measure chart, a fragment inside this one,
    writes the link.

    The two parts' places are made first, so the ledger lies at the same place on every run,
    whatever the comparison above it draws. Streamlit knows a fragment by its place: the
    measure chart's moved when a change of outlets drew another number of elements above
    it, it lost the sidebar slot kept for its link box, and the page failed (7 Dec).
    """
    comparison, ledger = st.container(), st.container()
    with comparison:
        compared, topic_ids = comparison_view()
    with ledger:
        figure_ledger(compared, topic_ids)


def comparison_view() -> tuple[list[str], list[str]]:
    """The outlets and topics chosen, and what they show side by side; returns the choice."""
    compared = chosen_ids(
        lambda key: st.pills(
            f"Outlets to compare ({MIN_COMPARED} to {MAX_COMPARED})",
            comparable,
            selection_mode="multi",
            format_func=lambda s: escape_md(data.sources[s].short_name),
            key=key,
        ),
        comparable,
        P_COMPARED,
        "compare_sources",
        minimum=MIN_COMPARED,
    )
    topic_ids = chosen_ids(
        lambda key: st.multiselect(
            "Topics",
            all_topics,
            # Streamlit formats every value it holds, one no option has too (a topic removed
            # from the data meanwhile, a tampered client's): its own id, never None
            format_func=lambda t: topic_labels.get(t, str(t)),
            placeholder="All topics",
            key=key,
        ),
        all_topics,
        P_TOPICS,
        "compare_topics",
        all_by_default=False,
    )
    st.caption(
        f"Outlets offered: the articles in {filters_home()} Sources filter that may have been "
        "published within its date window (some publication dates are inferred, as a range; "
        "see each header). The search text keeps the topics whose question, summaries or "
        "quotes contain it."
    )

    topics = coverage.select_topics(data, topic_ids, compared, filters.text)
    shown = (tuple(t.id for t in topics), tuple(compared))  # what the views below draw
    disagreements = coverage.shown_disagreements(data, topics, compared)

    if len(comparable) < MIN_COMPARED:
        fit = "No article fits" if not comparable else "Only one article fits"
        st.info(
            f"{fit} {filters_home()} Sources filter and date window. Widen them to compare at "
            "least two.",
            icon=":material/filter_alt:",
        )
    elif len(compared) < MIN_COMPARED:
        st.info("Choose at least two outlets to compare.", icon=":material/compare:")
    elif not topics:
        st.info("No topic matches the search text and topic choice.", icon=":material/search:")
    else:
        st.header("At a glance")
        scroll_sideways(  # on a phone
            HEATMAP_KEYS, HEATMAP_MIN_WIDTH_PX, "Swipe each chart sideways to see every outlet."
        )
        # two or three outlets make narrow charts: side by side; four or five: one under the other
        left, right = st.columns(2) if len(compared) <= 3 else (st.container(), st.container())
        with left:
            st.subheader("Who covers what")
            st.caption(
                "Dark: the outlet addresses the question; the number is its quotes on it. "
                "Sand, 'before': the article was published before the event it asks about."
            )
            place_heatmap(
                data,
                views.coverage_chart(*shown),
                "coverage_matrix",
                f"Who covers what: {count_of(len(topics), 'topic')} by "
                f"{count_of(len(compared), 'outlet')}",
                views.coverage_table(*shown),
                compared,
                "who covers what",
                "homefront_coverage_matrix.csv",
            )
        with right:
            st.subheader("Who gets a voice")
            st.caption("In how many of the topics shown each outlet reports each group's words.")
            place_heatmap(
                data,
                views.voices_chart(*shown),
                "voices_chart",
                "Who gets a voice: topics in which each of "
                f"{len(compared)} outlets reports each group",
                views.voices_table(*shown),
                compared,
                "who gets a voice",
                "homefront_voices.csv",
            )
        provenance(
            data,
            compared,
            "Voices: whose words or views an outlet reports on a topic (quoted or paraphrased), "
            "in the categories of data/README.md. Coverage is our reading of each article.",
        )

        st.header("Side by side")
        side_by_side(views.side_by_side(*shown))
        table = views.comparison_table(*shown)
        download_csv(data, table, compared, "comparison of sources", "homefront_comparison.csv")
        provenance(
            data,
            compared,
            "Summaries and framings are Home Front's; quotes are verbatim (quote marks "
            "normalised) and attributed as the article attributes them.",
        )

        st.header(f"Where the sources disagree ({len(disagreements)})")
        if disagreements:
            disagreement_list(data, disagreements)
            download_csv(
                data,
                views.disagreements_table(*shown),
                {s for d in disagreements for s in d.sources},
                "disagreements between sources",
                "homefront_disagreements.csv",
            )
        else:
            st.caption("None among the outlets and topics shown.")
    return compared, topic_ids


def figure_ledger(compared: list[str], topic_ids: list[str]) -> None:
    """Every claimed number the compared articles report: a chart per measure, the
    conflicts in words, the table and its download."""
    st.header("Figure ledger")
    st.markdown(
        "Every number the compared articles report, as a claim: who claimed it, as of when, "
        "which outlet reported it, and whether it was revised. Claims about the same measure "
        "and place within a month of each other are flagged as conflicting where their "
        "numbers cannot both be true (the same number from two claimants is not a conflict); "
        "the flag asks for a look, it does not say which is right."
    )
    ledger_filters = replace(filters, sources=tuple(compared or comparable))
    measure_chart(ledger_filters, compared, topic_ids)  # says so where no claim fits
    if not views.figures(ledger_filters):
        return
    st.markdown(views.ledger_notes(ledger_filters))
    table, arrow = views.ledger_table(ledger_filters)
    ledger_table_view(arrow)
    ledger_cites = views.figure_sources(ledger_filters)
    download_csv(data, table, ledger_cites, "figure ledger", "homefront_ledger.csv")
    provenance(
        data,
        ledger_cites,
        "Each figure is a claim by the named claimant, as reported by the outlet; claims of "
        "different measures count different things and are never added up.",
    )


@st.fragment
def measure_chart(ledger_filters: ViewFilters, compared: list[str], topic_ids: list[str]) -> None:
    """The ledger's chart of one measure: choosing another reruns this alone, and writes the
    link (with the outlets and topics compared_view chose), on every run, so its sidebar slot
    is kept."""
    measures, claims = views.ledger_measures(ledger_filters)
    if not measures:
        st.info("No claimed figures fit the filters.", icon=":material/filter_alt:")
        page_state.publish_from_fragment(
            links.compare_params(compared, comparable, topic_ids, all_topics, None, [])
        )
        return
    measure = chosen_one(
        "Measure to chart",
        measures,
        P_MEASURE,
        "compare_measure",
        lambda m: f"{data.measures[m].label} ({count_of(claims[m], 'claim')})",
    )
    st.plotly_chart(
        views.ledger_chart(ledger_filters, measure),
        config=CHART_CONFIG,
        key="ledger",
        alt=f"{data.measures[measure].label}: {count_of(claims[measure], 'claim')} over time. "
        "Every claim shown is a row of the ledger table below the chart.",
    )
    st.caption(
        "Filled dot: date given to the day. Hollow dot: date inferred from the article, or "
        "approximate. "
        "Bar across, no dot: only the month is known (never past the article reporting it). "
        "Bar upward: a range claim. Arrow: a revision."
        + (
            " Dashed red line: conflicting claims."
            if views.ledger_chart_conflicts(ledger_filters, measure)
            else ""
        )
    )
    page_state.publish_from_fragment(
        links.compare_params(compared, comparable, topic_ids, all_topics, measure, measures)
    )


compared_view()

"""Why these regions: Bessudnov's model of the regional death rates, his two checks of the
count, and the articles' claims held against the count at their own date.

Follows the sidebar's date window when the period control says so (the paper's whole period
by default), the page's unit types everywhere, and marks the sidebar's regions on the plots.
Its own view state, the period, unit types and search phrase, is kept in the link
(`period=`, `unit=`, `search=`). The numbers come from homefront.region_model and
homefront.claim_checks; the charts from components/why_charts.py.
"""

from __future__ import annotations

import streamlit as st

from components import cached, page_state, views
from components.filters import current_filters, filters_home
from components.provenance import download_csv, provenance
from components.text import escape_md
from components.unit_types import unit_type_choice, widget_value
from components.why_view import draw_chart
from homefront import links, periods, rates, region_model, region_text
from homefront.links import P_PERIOD, P_SEARCH, P_UNIT, WhyParams
from homefront.region_metrics import POVERTY_SHARE
from homefront.region_model import PERIODS, SEARCHES
from homefront.regional import COUNT_SOURCE, INDICATOR_YEAR

STATE = "_why_view"  # survives page switches, unlike widget keys
K_PERIOD, K_UNITS, K_SEARCH = "why_period", "why_units", "why_search"
CAVEATS = (
    "Confirmed deaths are a lower bound: public obituaries and official announcements only, "
    "and how completely they are found differs from region to region. Rates use the 2021 "
    "census count of men aged 16–61.5."
)

data = cached.dataset()
filters = current_filters()
unit_types = views.unit_types()

page_state.seed_widgets(
    STATE,
    lambda link: links.parse_why_params(
        link.get(P_PERIOD), link.get(P_UNIT), link.get(P_SEARCH), unit_types
    ),
    lambda v: {K_PERIOD: v.period, K_UNITS: widget_value(v.units, unit_types), K_SEARCH: v.search},
)

st.title("Why these regions?")
st.markdown(
    "RFE/RL writes that poor, non-ethnic-Russian regions such as Tyva and Buryatia have "
    "suffered disproportionate losses per head; Social Europe, that where deprivation is "
    "high, families depend on their sons' military service. Bessudnov's paper asks the same "
    "question of the crowdsourced count of confirmed deaths: **is it poverty or ethnicity?** "
    "This page reproduces his answer, his two checks of the count, and sets the articles' "
    "claims beside what the count held at their date."
)
provenance(data, ["rferl", "socialeurope", COUNT_SOURCE])

period = st.segmented_control(
    "Period of the rates",
    list(PERIODS),
    format_func=PERIODS.get,
    required=True,
    key=K_PERIOD,
    help=f"The paper uses {periods.whole_period_text(data)}.",
)
choice = unit_type_choice(K_UNITS)
units, unit_filter, units_label = choice.units, choice.filter, choice.label
if period == "window":
    window = rates.month_window(filters.start, filters.end)  # the views' key: its months
    period_label = (
        f"{region_text.window_text(filters.start, filters.end)} ({filters_home()} window)"
    )
else:
    window = (None, None)
    period_label = periods.whole_period_text(data)
what = f"{period_label}, {units_label}"
marked = filters.regions
specs = region_model.chart_specs(st.session_state[K_SEARCH])

# ---- 1. the model -------------------------------------------------------------------------
st.header("Poverty or ethnicity: the paper's model")
st.markdown(
    "Each region's rate of confirmed deaths per 100,000 men aged 16–61.5, against the share "
    f"of the {POVERTY_SHARE} in {INDICATOR_YEAR} and the share of men not ethnically "
    "Russian (2010 census). Each point is a region: those that stand apart (the highest rates, "
    "the ends of each axis) are labelled with their codes, every one is named on hover and "
    "in the table under its chart; **Buryatia and Tyva are in red**"
    + (f", {filters_home()} regions in blue" if marked else "")
    + "."
)
columns = st.columns(2)
for column, chart_id in zip(columns, ["rate-poverty", "rate-ethnicity"], strict=True):
    with column:
        draw_chart(
            specs[chart_id], window, unit_filter, marked, period_label, units_label, chart_id
        )

model = views.model_fit(*window, unit_filter)
st.subheader("Both together: ordinary least squares")
if model is None:
    st.info("Too few regions have a rate and both predictors to fit the model.")
else:
    numbers = st.columns(3)
    numbers[0].metric("R²", f"{model.r_squared:.3f}", border=True)
    numbers[1].metric("Adjusted R²", f"{model.adj_r_squared:.3f}", border=True)
    numbers[2].metric("Regions (n)", f"{model.n}", border=True)
    coefficients, coefficients_arrow = views.model_coefficients(*window, unit_filter)
    st.dataframe(
        coefficients_arrow,
        hide_index=True,
        column_config={
            "term": st.column_config.TextColumn("term", width="medium"),
            "estimate": st.column_config.NumberColumn("coefficient", format="%.3f"),
            "std_error": st.column_config.NumberColumn("standard error", format="%.3f"),
            "ci_low": st.column_config.NumberColumn("95% low", format="%.3f"),
            "ci_high": st.column_config.NumberColumn("95% high", format="%.3f"),
            "p_value": st.column_config.TextColumn("p"),
        },
    )
    download_csv(
        data,
        coefficients,
        [COUNT_SOURCE],
        f"OLS of deaths per 100,000 men on poverty and ethnicity, {what}",
        "homefront_region_model.csv",
    )
    left_out = views.model_left_out(*window, unit_filter)
    st.caption(
        escape_md(
            f"Rate = intercept + b₁ × % below subsistence + b₂ × % not ethnically Russian, "
            f"fitted with statsmodels on {model.n} regions"
            + (f" ({', '.join(left_out)}: no 2010 census row, left out)" if left_out else "")
            + f". Rates: {what}."
        )
    )
model_words = views.model_words(*window, unit_filter, what)
if model_words is not None:
    st.markdown("**What it shows.** " + escape_md(model_words))
st.markdown(
    "**What it does not show.** The count is a lower bound whose coverage differs between "
    "regions, so part of any pattern may be reporting rather than losses. It is a correlation "
    "across regions: it says nothing about which men die or why, and nothing about "
    "individuals (a poor region's dead need not be its poor). Other differences between "
    "regions, such as where units are based and recruit, are not in the model."
)
provenance(data, [COUNT_SOURCE], CAVEATS)

# ---- 2. the checks ------------------------------------------------------------------------
st.header("How far the count can be trusted: two checks")
st.markdown(
    "If the count follows real losses, regions where it is high should also search more "
    "for payments to the families of the killed, and award more new survivors' pensions. "
    "The paper tests both."
)
st.segmented_control(
    "Search phrase",
    list(SEARCHES),
    format_func=lambda s: SEARCHES[s].short,
    required=True,
    key=K_SEARCH,
)
checks = st.columns(2)
with checks[0]:
    draw_chart(
        region_model.chart_specs(st.session_state[K_SEARCH])["rate-searches"],
        window,
        unit_filter,
        marked,
        period_label,
        units_label,
        "rate-searches",
    )
    st.caption(
        "Yandex Wordstat affinity: a region's share of searches for the phrase over its share "
        "of all searches (100 = average), collected by the paper's author in 2023. "
        "“выплаты погибшим”: payments for the killed; “сво выплаты”: special military "
        "operation payments."
    )
with checks[1]:
    draw_chart(
        specs["rate-pensions"], window, unit_filter, marked, period_label, units_label, "pensions"
    )
    st.caption(
        "Survivors' pensions awarded by the Defence Ministry for a serviceman's death or "
        "injury (Fedstat indicator 58153, released June 2023), rise from 2021 to 2022. The "
        "paper's author notes likely errors: Omsk, for one, has 1,709 in 2021 and 415 in "
        "2022. Chukotka and Nenets have no row. The rates here are for deaths confirmed "
        "March–November 2022, whatever the period above."
    )
provenance(data, [COUNT_SOURCE])

# ---- 3. claims at their date ----------------------------------------------------------------
st.header("Claims held against the count at their own date")
st.markdown(
    "For each claim in the articles that the count can speak to: who made it, when, and what "
    "the count held by that date (deaths confirmed by then, in the April 2023 file, with the "
    "unit types above; a claim about Buryatia or Tyva against that region's count). A claim "
    "dated only as of an article whose date is inferred is held at the last day before the "
    "article's earliest possible date: the count never falls, so it held at least that many "
    "when the article was written. The claims and the count measure different things, so "
    "nothing here says a claim was right or wrong."
)
checks_frame, checks_arrow = views.claims_against_count(unit_filter)
st.markdown(views.claims_against_count_text(unit_filter))
with st.expander(f"Table: the {len(checks_frame)} claims and the count, with date notes"):
    st.dataframe(
        checks_arrow,
        hide_index=True,
        # fits at 1440 px: the relation and the date notes are written out above and in the CSV
        column_order=[
            "claim",
            "scope",
            "claimant",
            "as_of",
            "count_held_from_day",
            "count_held_from",
            "count_held_by_day",
            "count_held_by",
        ],
        column_config={
            "claim": st.column_config.TextColumn("claim", width=150),
            "scope": st.column_config.TextColumn("scope", width=90),
            "claimant": st.column_config.TextColumn("claimant", width=150),
            "as_of": st.column_config.TextColumn("claim dated", width=150),
            "count_held_from_day": st.column_config.DateColumn(
                "earlier day",
                width=100,
                help="The day before a month claim's month began, or the last day an article "
                "of inferred date had certainly seen: the count held at least this many at "
                "the claim's date.",
            ),
            "count_held_from": st.column_config.NumberColumn("held by then", width=95),
            "count_held_by_day": st.column_config.DateColumn(
                "later day",
                width=100,
                help="A day claim's day, or the end of a month claim's month.",
            ),
            "count_held_by": st.column_config.NumberColumn("held by then", width=95),
        },
    )
    download_csv(
        data,
        checks_frame,
        views.claims_against_count_sources(),
        f"claims beside the confirmed count at their date, {units_label}",
        "homefront_claims_vs_count.csv",
    )

top = views.top_nine(unit_filter)
if top is not None:
    st.subheader("The April 2022 “top nine”")
    st.markdown(f"{escape_md(top.event.summary)}  \n{escape_md(top.line)}")
    top_frame, top_arrow = views.top_nine_table(unit_filter)
    st.dataframe(
        top_arrow,
        hide_index=True,
        height=36 * (len(top_frame) + 1) + 3,  # every row, no inner scroll
        column_config={
            "name_en": "region",
            "named": st.column_config.CheckboxColumn("named in the list"),
            "rank_from": st.column_config.NumberColumn(f"rank by {top.first_day:%-d %b %Y}"),
            "rate_from": st.column_config.NumberColumn(
                f"per 100,000 by {top.first_day:%-d %b %Y}", format="%.1f"
            ),
            "rank_by": st.column_config.NumberColumn(f"rank by {top.last_day:%-d %b %Y}"),
            "rate_by": st.column_config.NumberColumn(
                f"per 100,000 by {top.last_day:%-d %b %Y}", format="%.1f"
            ),
        },
    )
    download_csv(
        data,
        top_frame,
        [COUNT_SOURCE, *top.event.sources],
        f"the April 2022 top-nine list beside the count's ranks, {units_label}",
        "homefront_top_nine.csv",
    )
provenance(data, ["newsweek", "rferl", "bbc", "socialeurope", COUNT_SOURCE], CAVEATS)

view = WhyParams(period, units if unit_filter else (), st.session_state[K_SEARCH])
page_state.keep(STATE, view, links.why_params(view, unit_types))

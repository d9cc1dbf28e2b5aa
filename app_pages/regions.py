"""Regions: confirmed deaths per capita on an offline map, a detail panel per region, rankings.

Follows the sidebar's date window (as whole months of confirmation) and region filter
(highlighted on the map, limiting the ranking and table). Its own view state, the metric,
the unit types and the selected region, is kept in the link (`metric=`, `unit=`, `sel=`).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components import cached, page_state, views
from components.filters import count_left_out, current_filters, filters_home, offer_full_period
from components.provenance import download_csv, provenance
from components.region_map import map_legend, map_width, region_map
from components.text import escape_md
from components.unit_types import unit_type_choice, widget_value
from homefront import event_dates, links, periods, queries, rates, region_counts, region_text
from homefront.charts.region_map import map_height
from homefront.charts.theme import CHART_CONFIG
from homefront.links import P_METRIC, P_SEL, P_UNIT, RegionParams
from homefront.numbers import format_number
from homefront.region_metrics import METRICS, POVERTY_SHARE, Metric
from homefront.regional import COUNT_SOURCE

STATE = "_regions_view"  # survives page switches, unlike widget keys
K_METRIC, K_UNITS, K_SEL, K_MAP = "regions_metric", "regions_units", "regions_sel", "regions_map"
K_MAP_RESETS, K_MAP_WIDTH = "regions_map_resets", "regions_map_width"
TOP = 20
data = cached.dataset()
config = cached.config()
count_period = periods.count_period(data)
CAVEATS = (
    "Confirmed deaths are a lower bound: they come from public obituaries and official "
    "announcements, and many deaths are never announced. Coverage differs by region, so part "
    "of the differences reflects reporting. Rates use the 2021 census count of men aged "
    "16–61.5 as the denominator. A month is when a death was confirmed publicly, not when it "
    "happened"
    + (f"; the records run {periods.window_text(*count_period)}." if count_period else ".")
)
filters = current_filters()
# the counts' resolution: every view drawn from them is keyed by the window's months, so a
# drag of the window within its months reuses them (homefront.rates.month_window)
months = rates.month_window(filters.start, filters.end)
names = data.region_names
unit_types = views.unit_types()


def seed_view() -> None:
    """The view's widgets start from the kept view (the link's, on a first visit) where
    Streamlit holds no value for them. Called by the page and again by its fragment: a
    widget value lost between runs would otherwise fall back to the widget's first option
    (the region box's is Adygea), in a run that never reaches the page's own call."""
    page_state.seed_widgets(
        STATE,
        lambda link: links.parse_region_params(
            link.get(P_METRIC), link.get(P_UNIT), link.get(P_SEL), unit_types, names
        ),
        lambda v: {
            K_METRIC: v.metric,
            K_UNITS: widget_value(v.units, unit_types),
            K_SEL: v.selected,
        },
    )


seed_view()

st.title("Regions: confirmed deaths per capita")
st.markdown(
    "Where the confirmed military deaths came from, region by region, counted from public "
    "obituaries (Bessudnov 2023) and set against each region's men of fighting age. "
    "Click a region, or choose it below the map, for its months, unit types and the events "
    "the sources report there."
)
st.markdown(
    "**Buryatia and Tyva (Tuva) are outlined** because the sources discuss them: RFE/RL's "
    "article is about mothers and wives in these two poor, non-ethnic-Russian regions "
    "fighting to bring their soldiers home, and The Conversation / Social Europe writes "
    "that where deprivation is high, families depend on their sons' military service."
)
provenance(data, ["rferl", "socialeurope"])
with_count = not count_left_out(data, filters, "the map, its numbers, rankings and tables")
if with_count:
    offer_full_period(config, data, filters)


def pick_region(iso: str | None) -> None:
    """A click on the map selects the region in the select box below it, and says where its
    detail went: two screens down, out of sight (as the Timeline does for an event)."""
    st.session_state[K_SEL] = iso if iso in names else None
    if iso in names:
        st.toast(
            f"{escape_md(names[iso])}: details under Region detail, below the map.",
            icon=":material/south:",
        )


def choose_region() -> None:
    """A region chosen in the select box replaces the map's own selection.

    The map keeps the region last clicked (and fades the others) until clicked again, and
    its selection cannot be set from the page, so it starts afresh under a new key.
    Otherwise it would show one region selected while the detail panel shows another, and
    the next click on the clicked region would clear it instead of choosing it.
    """
    st.session_state[K_MAP_RESETS] = st.session_state.get(K_MAP_RESETS, 0) + 1


def region_detail(
    iso: str,
    table: pd.DataFrame,
    metric: Metric,
    unit_filter: tuple[str, ...] | None,
    units_label: str,
    window: str,
) -> None:
    """Months, unit types, rank and the events the sources report for one region."""
    row = table[table["iso"] == iso].iloc[0]
    name = f"{row['name_en']} / {row['name_ru']}"
    st.subheader(escape_md(name))
    rank, ranked = region_counts.metric_rank(table, metric, iso)
    cells = st.columns(4)
    cells[0].metric("Confirmed deaths", f"{row['deaths']:,}", border=True)
    cells[1].metric(
        "Per 100,000 men",
        format_number(row["rate_per_100k"], 1),
        help=region_text.rate_text(row["rate_per_100k"], row["rate_low"], row["rate_high"]),
        border=True,
    )
    # by the metric colouring the map, which the label names: the table's rank is by rate
    cells[2].metric(
        f"Rank, {metric.short.lower()}",
        "not ranked" if rank is None or row["occupied"] else f"{rank} of {ranked}",
        help=f"By {metric.label.lower()}; 1 is the highest.",
        border=True,
    )
    cells[3].metric(
        METRICS["poverty"].short,
        format_number(row["pct_below_subsistence"], 1) + "%",
        border=True,
    )
    st.caption(
        escape_md(
            f"{window}, {units_label}. Deaths per 100,000 men aged 16–61.5: "
            f"{region_text.rate_text(row['rate_per_100k'], row['rate_low'], row['rate_high'])}."
        )
    )
    charts = st.columns(2)
    with charts[0]:
        st.plotly_chart(
            views.region_months_chart(iso, unit_filter, *months),
            config=CHART_CONFIG,
            alt=(
                f"Bar chart of confirmed deaths per month in {row['name_en']}, {units_label}; "
                "months outside the date window in grey. The numbers are in the table below."
            ),
        )
        with st.expander(f"Table: deaths per month, {escape_md(row['name_en'])}"):
            st.dataframe(
                views.region_months_table(iso, unit_filter, *months),
                hide_index=True,
                column_config={"deaths": st.column_config.NumberColumn(format="localized")},
            )
    with charts[1]:
        st.plotly_chart(
            views.region_units_chart(iso, *months),
            config=CHART_CONFIG,
            alt=(
                f"Bar chart of confirmed deaths in {row['name_en']} by unit type, {window}, "
                "with each type's share. The numbers are in the table below."
            ),
        )
        with st.expander(f"Table: deaths by unit type, {escape_md(row['name_en'])}"):
            st.dataframe(
                views.region_units_table(iso, *months),
                hide_index=True,
                column_config={"deaths": st.column_config.NumberColumn(format="localized")},
            )
    provenance(
        data,
        [COUNT_SOURCE],
        "Months: grey bars lie outside the date window; the unit-type filter applies; deaths "
        "with no month are not shown. Unit types: all of them, within the date window.",
    )
    about = queries.events_for_region(data.events, iso)
    shown = queries.filter_events(about, replace(filters, regions=()), data.sources)
    st.markdown(f"**What the sources report about {escape_md(row['name_en'])}**")
    if not about:
        st.caption("No event in the dataset names this region.")
        return
    st.caption(f"{len(shown)} of {len(about)} events that name this region match the filters.")
    for event in shown:
        outlets = queries.outlets(data, event.sources)
        st.markdown(
            f"**{escape_md(event_dates.event_date_text(event))}**: {escape_md(event.title)}  \n"
            f"{escape_md(event.summary)}  \n*{escape_md(outlets)}*"
        )
        for quote in event.quotes:
            outlet = data.sources[quote.source].short_name
            speaker = escape_md(f"{quote.speaker}, {outlet}")
            st.markdown(f"> “{escape_md(quote.text)}”  \n> — {speaker}")
    provenance(data, {s for e in shown for s in e.sources})


@st.fragment
def regions_view() -> None:
    """Everything the page's own controls drive (metric, unit types, selected region): a
    change to one reruns this, not the sidebar and the rest of the app, and writes the link."""
    seed_view()
    metric = METRICS[
        st.segmented_control(
            "Colour regions by",
            list(METRICS),
            format_func=lambda m: METRICS[m].short,
            required=True,
            key=K_METRIC,
        )
    ]
    choice = unit_type_choice(K_UNITS)
    units, unit_filter, units_label = choice.units, choice.filter, choice.label

    window_args = (*months, unit_filter)  # what the rates depend on
    table = views.region_rates(*window_args)
    window = region_text.window_text(filters.start, filters.end)
    selected = st.session_state[K_SEL]
    if not (isinstance(selected, str) and selected in names):  # none a control offers
        selected = st.session_state[K_SEL] = None

    no_region = views.unknown_region_deaths(*window_args)
    undated_counted, undated = views.unknown_month_deaths(*window_args)
    numbers = st.columns(3)
    numbers[0].metric(
        "Deaths on the map",
        f"{views.mapped_deaths(*window_args):,}",
        help=escape_md(f"Confirmed {window}, {units_label}, in Russia's 83 federal subjects."),
        border=True,
    )
    numbers[1].metric(
        "Deaths with no region",
        f"{no_region:,}",
        help="The source record names no region, so these deaths cannot be mapped.",
        border=True,
    )
    numbers[2].metric(
        "Deaths with no month",
        f"{undated:,}",
        delta="counted in this window" if undated_counted else "left out of this window",
        delta_color="off",
        delta_arrow="off",
        help=(
            "Records with no confirmation date belong to the whole period but to no month, so they "
            "count only when the window covers every month with deaths"
            + (f" ({region_text.window_text(*count_period)})." if count_period else ".")
        ),
        border=True,
    )

    ranking_args = (*window_args, metric.id, filters.regions)
    map_args = (*ranking_args, selected)
    values = views.map_values(*map_args)
    width = map_width(K_MAP_WIDTH)
    region_map(
        views.region_deck(*map_args, width),
        key=f"{K_MAP}_{st.session_state.get(K_MAP_RESETS, 0)}",
        on_pick=pick_region,
        height=map_height(cached.map_geometry(), width),
        alt=(
            f"Map of Russia's regions coloured by {metric.label.lower()}; Buryatia and Tyva are "
            "outlined. The same values are in the table of all regions below."
        ),
    )
    map_legend(values.legend, views.legend_chart(values.legend, width))
    provenance(data, [COUNT_SOURCE], CAVEATS)

    occupied_table, occupied_arrow = views.occupied_table(*window_args)
    if not occupied_table.empty:
        st.markdown(
            "**Crimea and Sevastopol** are occupied Ukrainian territory that Russia claims. The "
            "source lists them as regions, so their deaths are shown here, but they have no "
            "polygon (the boundary data covers Russia's 83 federal subjects) and no rank."
        )
        st.dataframe(
            occupied_arrow,
            hide_index=True,
            column_config={
                "name_en": "region",
                "name_ru": "Russian name",
                "men_16_61": st.column_config.NumberColumn("men 16–61.5", format="localized"),
                "interval": "deaths per 100,000 men (95% interval)",
            },
            alt=f"Confirmed deaths in Crimea and Sevastopol, {window}",
        )
        download_csv(
            data,
            occupied_table,
            [COUNT_SOURCE],
            f"confirmed deaths in Crimea and Sevastopol, {window}, {units_label}",
            "homefront_crimea_sevastopol.csv",
        )

    st.header("Region detail")
    options = sorted(names, key=lambda iso: names[iso])
    selected = st.selectbox(
        "Region",
        options,
        format_func=lambda iso: names[iso],
        placeholder="Click a region on the map, or choose one here",
        key=K_SEL,
        on_change=choose_region,
    )
    if selected:
        region_detail(selected, table, metric, unit_filter, units_label, window)

    st.header("Ranking and poverty")
    columns = st.columns(2)
    with columns[0]:
        shown = len(views.top_regions(*ranking_args, TOP))
        if shown:
            st.plotly_chart(
                views.ranking_chart(*map_args, TOP),
                config=CHART_CONFIG,
                alt=(
                    f"Bar chart of the {shown} regions with the highest "
                    f"{metric.label.lower()}, highest first. Every region's numbers are in "
                    "the table of all regions below."
                ),
            )
        else:
            st.info(
                escape_md(region_text.nothing_to_rank_text(window, units_label)),
                icon=":material/filter_alt:",
            )
        st.caption(
            escape_md(
                f"{window}, {units_label}."
                + (f" Limited to {filters_home()} regions." if filters.regions else "")
                + (
                    " Whiskers: 95% interval (exact Poisson) of the rate."
                    if shown and metric.has_interval
                    else ""
                )
            )
        )
    with columns[1]:
        correlation = views.poverty_correlation(*window_args)
        st.plotly_chart(
            views.poverty_chart(*window_args, selected),
            config=CHART_CONFIG,
            alt=(
                "Scatter plot of each region's deaths per 100,000 men against its share of the "
                f"{POVERTY_SHARE}. Both numbers for every region are in the "
                "table of all regions below."
            ),
        )
        if correlation is None:
            st.caption(escape_md(region_text.no_correlation_text(window, units_label)))
        else:
            st.caption(
                f"Spearman's rank correlation {region_text.rho_text(correlation)} "
                f"({region_text.p_clause(correlation.p_value)}, {correlation.n} regions; "
                "Crimea and Sevastopol left out). A correlation across regions does not show "
                "that poverty causes higher losses: other differences between regions, "
                "including how completely deaths are reported, may lie behind it."
            )
    provenance(data, [COUNT_SOURCE])

    st.subheader("All regions")
    shown, shown_arrow = views.regions_table(*ranking_args)
    st.dataframe(
        shown_arrow,
        hide_index=True,
        # every column fits at 1440 px: the Russian names (up to 34 characters) are in the CSV
        # and the detail panel, not on screen
        column_order=[c for c in shown.columns if c != "name_ru"],
        column_config={
            "iso": st.column_config.TextColumn("code", width=55),
            "name_en": st.column_config.TextColumn("region", width=140),
            "federal_district": st.column_config.TextColumn("federal district", width=125),
            "deaths": st.column_config.NumberColumn("deaths", format="localized", width=65),
            "men_16_61": st.column_config.NumberColumn("men 16–61.5", format="localized", width=90),
            "rate_per_100k": st.column_config.NumberColumn("per 100,000", format="%.1f", width=90),
            "rate_low": st.column_config.NumberColumn("95% low", format="%.1f", width=70),
            "rate_high": st.column_config.NumberColumn("95% high", format="%.1f", width=75),
            "rate_rank": st.column_config.NumberColumn(
                "rate rank", width=70, help="By deaths per 100,000 men; 1 is the highest"
            ),
            # the selector's "% below subsistence (2020)" was cut after its "(2" at 1440 px:
            # the year and the whole wording are in its tooltip
            "pct_below_subsistence": st.column_config.NumberColumn(
                "% below subsistence", format="%.1f", width=145, help=METRICS["poverty"].label
            ),
        },
    )
    download_csv(
        data,
        shown,
        [COUNT_SOURCE],
        f"confirmed deaths by region, {window}, {units_label}",
        "homefront_regions.csv",
    )
    provenance(data, [COUNT_SOURCE], CAVEATS)

    view = RegionParams(metric.id, units if unit_filter else (), selected)
    page_state.keep_from_fragment(STATE, view, links.region_params(view, unit_types))


if with_count:
    regions_view()

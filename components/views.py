"""Every view the pages draw from the filters: named functions whose arguments are the key.

Each is built once per set of arguments and data version and shared by every session
(cached.shared), so a page reads its filters, calls the views here and places what they
return. An argument a view does not take cannot change what it returns, so two viewers
with different filters never see each other's view. Arguments are small values (filters,
ids, dates, tuples; None for "all unit types"); the dataset and config are read inside.

Figures come back frozen (cached.FrozenFigure: serialised once), tables as (frame, Arrow
table) pairs (cached.with_arrow), for st.plotly_chart and st.dataframe, and the Compare
page's side by side as the escaped HTML st.html is given (compare_view.SideBySide).
Everything is shared read-only: derive new frames from a view, never change one in place.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

import pandas as pd
import pyarrow as pa

from components import ledger_view
from components.cached import FrozenFigure, config, dataset, map_geometry, shared, with_arrow
from components.compare_view import SideBySide, side_by_side_html
from components.text import escape_md
from homefront import (
    briefing,
    claim_checks,
    coverage,
    death_tolls,
    event_dates,
    ledger,
    links,
    queries,
    rates,
    region_counts,
    region_model,
    region_tables,
    region_text,
    report_tables,
)
from homefront.charts import briefing as briefing_charts
from homefront.charts import compare as compare_charts
from homefront.charts import ledger as ledger_charts
from homefront.charts import region_map, timeline, timeline_legend
from homefront.charts import regions as region_charts
from homefront.charts.classes import Legend
from homefront.charts.region_map import MapValues, SerialisedDeck
from homefront.charts.region_model import caption, scatter
from homefront.claim_checks import TopNineCheck
from homefront.filters import ViewFilters
from homefront.ledger import Conflict
from homefront.rates import Correlation
from homefront.region_metrics import FOCUS_REGIONS, METRICS
from homefront.region_model import ChartSpec, LineFit, ModelFit, rates_window
from homefront.regional import COUNT_SOURCE
from homefront.schemas import Claim, Event, Topic

Units = tuple[str, ...] | None  # the unit types counted; None: all of them
Day = dt.date | None  # None: the whole period (Why these regions)

# ---- Records the filters keep (Timeline, Data, Compare) -----------------------------------


@shared
def events(stamp: str, filters: ViewFilters) -> tuple[Event, ...]:
    """The events the filters keep (homefront.queries.filter_events)."""
    return tuple(queries.filter_events(dataset().events, filters, dataset().sources))


@shared
def figures(stamp: str, filters: ViewFilters) -> tuple[Claim, ...]:
    """The claimed figures the filters keep (homefront.queries.filter_figures)."""
    return tuple(queries.filter_figures(dataset().figures, filters, dataset().sources))


@shared
def all_events_report(stamp: str) -> pd.DataFrame:
    """Every event as the tables list it; a view's table is rows of it (rows_for)."""
    return report_tables.events_report(dataset().events, dataset(), config())


@shared
def all_figures_report(stamp: str) -> pd.DataFrame:
    return report_tables.figures_report(dataset().figures, dataset())


@shared
def all_quotes_report(stamp: str) -> pd.DataFrame:
    return report_tables.quotes_report(dataset().events, dataset())


@shared
def events_table(stamp: str, filters: ViewFilters) -> tuple[pd.DataFrame, pa.Table]:
    """The events the filters keep, as the Timeline and Data pages list and download them."""
    kept = [e.id for e in events(filters)]
    return with_arrow(report_tables.rows_for(all_events_report(), "id", kept))


@shared
def figures_table(stamp: str, filters: ViewFilters) -> tuple[pd.DataFrame, pa.Table]:
    kept = [f.id for f in figures(filters)]
    return with_arrow(report_tables.rows_for(all_figures_report(), "id", kept))


@shared
def quotes_table(stamp: str, filters: ViewFilters) -> tuple[pd.DataFrame, pa.Table]:
    kept = [e.id for e in events(filters)]
    return with_arrow(report_tables.rows_for(all_quotes_report(), "event", kept))


@shared
def all_sources_report(stamp: str) -> pd.DataFrame:
    return report_tables.sources_report(dataset())


@shared
def sources_table(stamp: str, sources: tuple[str, ...]) -> tuple[pd.DataFrame, pa.Table]:
    """The sources the Sources filter keeps, as the Data page lists and downloads them."""
    return with_arrow(report_tables.rows_for(all_sources_report(), "id", sources))


def quote_count() -> int:
    """Every quote in the dataset: what the Data page counts the quotes shown against."""
    return len(all_quotes_report())


# ---- Confirmed deaths (Overview, Timeline, Briefing, Regions, Why these regions) ---------


@shared
def confirmed_by_month(stamp: str) -> pd.DataFrame:
    """Nationwide confirmed deaths per month and their running total (homefront.death_tolls)."""
    return death_tolls.confirmed_by_month(dataset().regional.casualties)


@shared
def _month_counts(
    stamp: str, first: str | None, last: str | None, units: Units
) -> tuple[pd.DataFrame, int]:
    """The region rates and the deaths with no region for a window of months and unit
    types, from one choice of the records for both (412,500 of them at 100x data)."""
    regional = dataset().regional
    selected = rates.filter_casualties(regional.casualties, first, last, units)
    return rates.rates_of(regional.regions, selected), rates.no_region_deaths(selected)


def region_rates(start: Day, end: Day, units: Units) -> pd.DataFrame:
    """homefront.rates.region_rates for a window, in whole months (None: the whole period),
    and unit types: one table per month range, whatever the days."""
    return _month_counts(rates.to_month(start), rates.to_month(end), units)[0]


@shared
def _deaths_by_month(stamp: str) -> pd.DataFrame:
    return rates.deaths_by_month_and_unit(dataset().regional.casualties)


@shared
def _confirmed_in_months(stamp: str, first: str, last: str) -> int:
    return int(rates.filter_casualties(_deaths_by_month(), first, last)["deaths"].sum())


def confirmed_deaths(start: dt.date, end: dt.date) -> int:
    """Deaths confirmed in the window's whole months, every region and unit type."""
    return _confirmed_in_months(rates.to_month(start), rates.to_month(end))


@shared
def unit_types(stamp: str) -> list[str]:
    """The source's unit types, most deaths first (homefront.links.unit_type_options)."""
    return links.unit_type_options(dataset().regional.casualties)


@shared
def unit_type_labels(stamp: str) -> dict[str, str]:
    """Each unit type as its pill shows it (pills read Markdown), escaped once per data
    version rather than on every rerun, where Streamlit formats every option again."""
    return {u: escape_md(u) for u in unit_types()}


def _units_label(units: Units) -> str:
    return region_text.units_text(units or (), unit_types())


# ---- Timeline -------------------------------------------------------------------------------


@shared
def claims(stamp: str, filters: ViewFilters) -> tuple[Claim, ...]:
    """The death tolls claimed that the timeline draws under its events."""
    return tuple(death_tolls.claims_shown(dataset().figures, filters, dataset().sources))


class TimelineChart(NamedTuple):
    """The Timeline page's chart, and its legends as HTML to place above and below it."""

    figure: FrozenFigure
    legend_above: str
    legend_below: str


@shared
def timeline_chart(stamp: str, filters: ViewFilters, chosen: str | None) -> TimelineChart:
    """The timeline of the events the filters keep, with `chosen` outlined; its legends drawn
    apart (homefront.charts.timeline_legend), so a change of events does not draw them again."""
    data, settings = dataset(), config()
    with_confirmed = COUNT_SOURCE in filters.sources
    apart = timeline_legend.legends_apart(
        timeline.timeline_spec(
            data,
            list(events(filters)),
            [settings.category(c) for c in filters.categories],
            data.story.phases,
            (filters.start, filters.end),
            list(claims(filters)),
            confirmed_by_month() if with_confirmed else None,
            chosen,
            event_hovers(),
        )
    )
    return TimelineChart(FrozenFigure(apart.figure), apart.above, apart.below)


@shared
def event_hovers(stamp: str) -> dict[str, tuple[str, str, str]]:
    """Each event's hover text on the Timeline, written once per data version, not per view."""
    return timeline.event_hovers(dataset().events, dataset(), config().categories)


@shared
def unplaced_deaths(stamp: str) -> int:
    """Confirmed deaths with no month, which the timeline cannot place."""
    return death_tolls.unknown_month_deaths(dataset().regional.casualties)


@shared
def event_labels(stamp: str) -> dict[str, str]:
    """Each event's date and title, as the event picker lists them."""
    return {e.id: f"{event_dates.event_date_text(e)} \u00b7 {e.title}" for e in dataset().events}


# ---- Regions --------------------------------------------------------------------------------


@shared
def mapped_deaths(stamp: str, start: dt.date, end: dt.date, units: Units) -> int:
    """Confirmed deaths in the regions the map draws (not the occupied ones)."""
    table = region_rates(start, end, units)
    return int(table.loc[~table["occupied"], "deaths"].sum())


def unknown_region_deaths(start: dt.date, end: dt.date, units: Units) -> int:
    """homefront.rates.unknown_region_deaths, found with the window's rates (_month_counts)."""
    return _month_counts(rates.to_month(start), rates.to_month(end), units)[1]


@shared
def unknown_month_deaths(stamp: str, start: dt.date, end: dt.date, units: Units) -> tuple[int, int]:
    """(counted in this window, all) deaths with no month (homefront.region_counts), from
    the deaths per month and unit type rather than every record."""
    return region_counts.unknown_month_deaths(_deaths_by_month(), start, end, units)


@shared
def map_values(
    stamp: str,
    start: dt.date,
    end: dt.date,
    units: Units,
    metric: str,
    regions: tuple[str, ...],
    selected: str | None,
) -> MapValues:
    """Each region's colour, outline and tooltip on the map, and the legend."""
    return region_map.map_values(
        region_rates(start, end, units),
        METRICS[metric],
        start,
        end,
        _units_label(units),
        regions,
        selected,
    )


@shared
def region_deck(
    stamp: str,
    start: dt.date,
    end: dt.date,
    units: Units,
    metric: str,
    regions: tuple[str, ...],
    selected: str | None,
    width: int,
) -> SerialisedDeck:
    """The map, its JSON written once, fitted to a map `width` px wide."""
    values = map_values(start, end, units, metric, regions, selected)
    return region_map.map_deck(map_geometry(), values, deck_frame(width))


@shared
def deck_frame(stamp: str, width: int) -> str:
    """What of the map's JSON no view of the regions changes (region_map.deck_frame): the
    names of Buryatia and Tyva on it and the zoom that fits a map `width` px wide."""
    names = dataset().region_names
    labels = {iso: names[iso] for iso in FOCUS_REGIONS if iso in names}
    return region_map.deck_frame(map_geometry(), labels, width)


@shared
def _legend_chart(stamp: str, legend: Legend, two_lines: bool) -> FrozenFigure:
    return FrozenFigure(region_map.legend_figure(legend, two_lines))


def legend_chart(legend: Legend, width: int) -> FrozenFigure:
    """The map's colour swatches, under a map `width` px wide: one figure for every phone
    and one for every wider screen, not one per width."""
    return _legend_chart(legend, region_map.legend_on_two_lines(width))


@shared
def occupied_table(
    stamp: str, start: dt.date, end: dt.date, units: Units
) -> tuple[pd.DataFrame, pa.Table]:
    """Crimea and Sevastopol: deaths and rates, with no polygon and no rank."""
    table = region_rates(start, end, units)
    occupied = table[table["occupied"]]
    return with_arrow(
        occupied[["name_en", "name_ru", "deaths", "men_16_61"]].assign(
            interval=[
                region_text.rate_text(r, lo, hi)
                for r, lo, hi in occupied[["rate_per_100k", "rate_low", "rate_high"]].to_numpy()
            ]
        )
    )


@shared
def _monthly_deaths(stamp: str, iso: str, units: Units) -> pd.DataFrame:
    return rates.monthly_deaths(dataset().regional.casualties, iso, units)


@shared
def region_months_chart(
    stamp: str, iso: str, units: Units, start: dt.date, end: dt.date
) -> FrozenFigure:
    """One region's confirmed deaths per month; months outside the window in grey."""
    name = dataset().region_names[iso]
    first, last = rates.to_month(start), rates.to_month(end)
    return FrozenFigure(region_charts.monthly_chart(_monthly_deaths(iso, units), first, last, name))


@shared
def region_months_table(
    stamp: str, iso: str, units: Units, start: dt.date, end: dt.date
) -> pd.DataFrame:
    first, last = rates.to_month(start), rates.to_month(end)
    return region_tables.monthly_table(_monthly_deaths(iso, units), first, last)


@shared
def _unit_breakdown(stamp: str, iso: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    return rates.unit_type_breakdown(dataset().regional.casualties, iso, start, end)


@shared
def region_units_chart(stamp: str, iso: str, start: dt.date, end: dt.date) -> FrozenFigure:
    """One region's confirmed deaths by unit type in the window, with each type's share."""
    name = dataset().region_names[iso]
    return FrozenFigure(region_charts.unit_type_chart(_unit_breakdown(iso, start, end), name))


@shared
def region_units_table(stamp: str, iso: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    return region_tables.unit_table(_unit_breakdown(iso, start, end))


@shared
def ranked(
    stamp: str, start: dt.date, end: dt.date, units: Units, metric: str, regions: tuple[str, ...]
) -> pd.DataFrame:
    """Federal subjects by the metric, highest first (homefront.region_counts.ranked_table)."""
    return region_counts.ranked_table(region_rates(start, end, units), METRICS[metric], regions)


@shared
def top_regions(
    stamp: str,
    start: dt.date,
    end: dt.date,
    units: Units,
    metric: str,
    regions: tuple[str, ...],
    top: int,
) -> pd.DataFrame:
    """The regions the ranking chart shows (homefront.region_counts.top_regions)."""
    ranked_regions = ranked(start, end, units, metric, regions)
    return region_counts.top_regions(ranked_regions, METRICS[metric], top)


@shared
def ranking_chart(
    stamp: str,
    start: dt.date,
    end: dt.date,
    units: Units,
    metric: str,
    regions: tuple[str, ...],
    selected: str | None,
    top: int,
) -> FrozenFigure:
    """The top_regions by the metric, `selected` marked."""
    shown = top_regions(start, end, units, metric, regions, top)
    return FrozenFigure(region_charts.ranking_chart(shown, METRICS[metric], selected))


@shared
def poverty_correlation(
    stamp: str, start: dt.date, end: dt.date, units: Units
) -> Correlation | None:
    """Spearman's ρ of the rate against poverty, or None (homefront.rates.poverty_correlation)."""
    return rates.poverty_correlation(region_rates(start, end, units))


@shared
def poverty_chart(
    stamp: str, start: dt.date, end: dt.date, units: Units, selected: str | None
) -> FrozenFigure:
    """Each ranked region's rate against its poverty, `selected` marked."""
    table = region_rates(start, end, units)
    ranked_regions = table[table["rank"].notna()]
    correlation = poverty_correlation(start, end, units)
    return FrozenFigure(region_charts.poverty_scatter(ranked_regions, correlation, selected))


REGION_COLUMNS = [
    "iso",
    "name_en",
    "name_ru",
    "federal_district",
    "deaths",
    "men_16_61",
    "rate_per_100k",
    "rate_low",
    "rate_high",
    "rate_rank",
    "pct_below_subsistence",
]


@shared
def regions_table(
    stamp: str, start: dt.date, end: dt.date, units: Units, metric: str, regions: tuple[str, ...]
) -> tuple[pd.DataFrame, pa.Table]:
    """Every ranked region, rounded as printed, in the order of `metric`; its rank column is
    by rate whatever the metric, so it is named for it (`rate_rank`, on screen and in the CSV)."""
    shown = ranked(start, end, units, metric, regions).rename(columns={"rank": "rate_rank"})
    return with_arrow(region_tables.rounded_for_display(shown)[REGION_COLUMNS])


# ---- Compare sources ----------------------------------------------------------------------


def _topics(topic_ids: tuple[str, ...]) -> list[Topic]:
    by_id = {t.id: t for t in dataset().coverage.topics}
    return [by_id[t] for t in topic_ids]


@shared
def coverage_chart(
    stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]
) -> FrozenFigure:
    """Who covers what: the topics shown by the outlets compared."""
    return FrozenFigure(compare_charts.coverage_matrix(dataset(), _topics(topic_ids), compared))


@shared
def voices_chart(stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]) -> FrozenFigure:
    """Who gets a voice, in the topics shown, by the outlets compared."""
    return FrozenFigure(compare_charts.voices_chart(dataset(), _topics(topic_ids), compared))


@shared
def coverage_table(
    stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]
) -> tuple[pd.DataFrame, pa.Table]:
    """Who covers what, as the heatmap's table and its download."""
    return with_arrow(
        compare_charts.coverage_matrix_table(dataset(), _topics(topic_ids), list(compared))
    )


@shared
def voices_table(
    stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]
) -> tuple[pd.DataFrame, pa.Table]:
    """Who gets a voice, as the heatmap's table and its download."""
    return with_arrow(
        compare_charts.voices_matrix_table(dataset(), _topics(topic_ids), list(compared))
    )


@shared
def side_by_side(stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]) -> SideBySide:
    """The side by side as escaped HTML: the outlets' headers, then a row per topic shown."""
    data, topics = dataset(), _topics(topic_ids)
    disagreements = coverage.shown_disagreements(data, topics, compared)
    return side_by_side_html(data, topics, compared, disagreements)


@shared
def disagreements_table(
    stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]
) -> pd.DataFrame:
    """The disagreements among the outlets and topics shown, for their download."""
    data, topics = dataset(), _topics(topic_ids)
    shown = coverage.shown_disagreements(data, topics, compared)
    return coverage.disagreements_table(data, shown)


@shared
def comparison_table(
    stamp: str, topic_ids: tuple[str, ...], compared: tuple[str, ...]
) -> pd.DataFrame:
    """The side-by-side comparison as one table, for its download."""
    data, topics = dataset(), _topics(topic_ids)
    disagreements = coverage.shown_disagreements(data, topics, compared)
    return coverage.comparison_table(data, topics, list(compared), disagreements)


@shared
def conflicts(stamp: str) -> tuple[Conflict, ...]:
    """Every pair of conflicting claims in the dataset (homefront.ledger.find_conflicts)."""
    return tuple(ledger.find_conflicts(dataset().figures))


@shared
def ledger_chart(stamp: str, filters: ViewFilters, measure: str) -> FrozenFigure:
    """One measure's claims over time, of the figures the (ledger's) filters keep."""
    on_chart = [f for f in figures(filters) if f.measure == measure]
    return FrozenFigure(ledger_charts.ledger_spec(dataset(), on_chart, list(conflicts())))


@shared
def ledger_chart_conflicts(stamp: str, filters: ViewFilters, measure: str) -> int:
    """How many conflicting pairs ledger_chart joins by a dashed line: its key says what the
    line means only where one is drawn."""
    on_chart = [f.id for f in figures(filters) if f.measure == measure]
    return len(ledger.among(conflicts(), on_chart))


@shared
def ledger_measures(stamp: str, filters: ViewFilters) -> tuple[tuple[str, ...], dict[str, int]]:
    """The measures the ledger's chart offers (ledger.measure_order) and each one's number
    of claims, among the figures the filters keep: worked out once per view, not over every
    figure on every rerun (hundreds with 100x data)."""
    shown = figures(filters)
    claims = Counter(f.measure for f in shown)
    return tuple(ledger.measure_order(shown, list(dataset().measures))), dict(claims)


@shared
def figure_sources(stamp: str, filters: ViewFilters) -> tuple[str, ...]:
    """The sources of the figures the filters keep, for the ledger's provenance and CSV."""
    return tuple(sorted({f.source for f in figures(filters)}))


@shared
def ledger_notes(stamp: str, filters: ViewFilters) -> str:
    """Each conflicting pair of the figures the filters keep, in words (Markdown)."""
    return ledger_view.conflict_notes(dataset(), list(figures(filters)), list(conflicts()))


@shared
def all_ledger_table(stamp: str) -> pd.DataFrame:
    """Every claim's ledger row; a view's ledger is rows of it (report_tables.rows_for), its
    conflicts written again among them (ledger.with_conflicts)."""
    return ledger.ledger_table(dataset().figures, dataset(), list(conflicts()))


@shared
def ledger_table(stamp: str, filters: ViewFilters) -> tuple[pd.DataFrame, pa.Table]:
    kept = [f.id for f in figures(filters)]
    rows = report_tables.rows_for(all_ledger_table(), "id", kept)
    return with_arrow(ledger.with_conflicts(rows, dataset(), conflicts()))


# ---- Why these regions ----------------------------------------------------------------------


@shared
def factor_table(stamp: str, start: Day, end: Day, units: Units) -> pd.DataFrame:
    """Rates for a window (None: the whole period) beside region_factors.csv."""
    factors = dataset().regional.factors
    return region_model.factor_table(region_rates(start, end, units), factors)


@shared
def model_fit(stamp: str, start: Day, end: Day, units: Units) -> ModelFit | None:
    """The paper's OLS of the rate on poverty and ethnicity (homefront.region_model)."""
    return region_model.fit_model(factor_table(start, end, units))


@shared
def model_coefficients(
    stamp: str, start: Day, end: Day, units: Units
) -> tuple[pd.DataFrame, pa.Table] | None:
    """The fit's coefficients: for the CSV with its R² and n on each row (p a number), and as
    shown (p as text, '<0.001' rather than 0.000: region_text.p_text)."""
    fit = model_fit(start, end, units)
    if fit is None:
        return None
    download = fit.coefficients.assign(r_squared=fit.r_squared, n=fit.n)
    shown = fit.coefficients.assign(p_value=fit.coefficients["p_value"].map(region_text.p_text))
    return download, with_arrow(shown)[1]


@shared
def model_left_out(stamp: str, start: Day, end: Day, units: Units) -> tuple[str, ...]:
    """The regions with a rate that the model leaves out (no 2010 census row), by name."""
    table = factor_table(start, end, units)
    return tuple(region_model.left_out(table, model_fit(start, end, units)))


@shared
def model_words(stamp: str, start: Day, end: Day, units: Units, what: str) -> str | None:
    """What the fit shown shows, in words naming `what` it covers; None where there is none."""
    fit = model_fit(start, end, units)
    return None if fit is None else region_model.model_words(fit, what)


Window = tuple[Day, Day]


@shared
def line_fit(stamp: str, spec: ChartSpec, window: Window, units: Units) -> LineFit | None:
    """A scatter's fitted line, over the page's window (or the pension check's own)."""
    table = factor_table(*rates_window(spec, window), units)
    return region_model.line_fit(table, spec.x.column)


@shared
def scatter_chart(
    stamp: str, spec: ChartSpec, window: Window, units: Units, marked: tuple[str, ...]
) -> FrozenFigure:
    """A Why these regions scatter, its fit drawn, `marked` regions in blue."""
    table = factor_table(*rates_window(spec, window), units)
    return FrozenFigure(scatter(table, spec, line_fit(spec, window, units), marked))


@shared
def scatter_caption(stamp: str, spec: ChartSpec, window: Window, units: Units, what: str) -> str:
    """The line under a scatter: r and n, the regions the source has no value for, `what` the
    rates cover (finding the regions left out reads the whole table)."""
    table = factor_table(*rates_window(spec, window), units)
    return caption(table, line_fit(spec, window, units), what)


@shared
def scatter_table(
    stamp: str, spec: ChartSpec, window: Window, units: Units
) -> tuple[pd.DataFrame, pa.Table]:
    table = factor_table(*rates_window(spec, window), units)
    return with_arrow(region_model.scatter_table(table, spec.x.column))


@shared
def claims_against_count(stamp: str, units: Units) -> tuple[pd.DataFrame, pa.Table]:
    """The articles' claims beside what the count held at their date."""
    data = dataset()
    return with_arrow(claim_checks.checks_table(claim_checks.claim_checks(data, units)))


@shared
def claims_against_count_sources(stamp: str) -> tuple[str, ...]:
    """The count's source and every article with a claim the count bears on, for the
    claims' CSV: once per data version, not over every figure on every rerun."""
    speaking = {f.source for f in dataset().figures if claim_checks.speaks_to(f)}
    return tuple(sorted({COUNT_SOURCE, *speaking}))


@shared
def claims_against_count_text(stamp: str, units: Units) -> str:
    """The same claims as Markdown, one paragraph each, escaped: one element for all of them
    (a page reruns each element it draws; with 100x data there are hundreds)."""
    frame, _ = claims_against_count(units)
    return "\n\n".join(
        f"**{escape_md(row.claim)}** ({escape_md(row.measure)}, "
        f"{escape_md(row.scope)}), {escape_md(row.as_of)}: {escape_md(row.claimant)}, "
        f"reported by {escape_md(row.reported_by)}  \n{escape_md(row.how_they_relate)}"
        for row in frame.itertuples()
    )


@shared
def top_nine(stamp: str, units: Units) -> TopNineCheck | None:
    """The April 2022 top-nine list beside the count's ranks (None if not in the data)."""
    return claim_checks.top_nine_check(dataset(), units)


@shared
def top_nine_table(stamp: str, units: Units) -> tuple[pd.DataFrame, pa.Table] | None:
    check = top_nine(units)
    return None if check is None else with_arrow(check.table)


# ---- Briefing -------------------------------------------------------------------------------


@shared
def briefing_timeline(stamp: str, step: int) -> FrozenFigure:
    """A timeline step's chart: its window, with its event outlined."""
    settings, data = config(), dataset()
    view = data.story.briefing[step].view
    return FrozenFigure(
        briefing_charts.slide_timeline(
            briefing_charts.step_timeline(settings, data, view, confirmed_by_month()),
            data.story.phases,
            (view.start, view.end),
        )
    )


@shared
def briefing_map(stamp: str, step: int) -> FrozenFigure:
    """A map step's chart: the whole count's window, with its region outlined."""
    data = dataset()
    view = data.story.briefing[step].view
    window = briefing.map_window(data.regional.casualties)
    return FrozenFigure(
        briefing_charts.map_figure(
            region_rates(*window, None),
            data.regional.geometry,
            view.metric,
            view.region,
            window,
            height=briefing_charts.SLIDE_CHART_PX,
            font_px=briefing_charts.SLIDE_FONT_PX,
        )
    )

"""Claims held against the crowdsourced count at their own date, in neutral words.

Streamlit-free, so which claims are set beside the count, and what is said of each, is unit
tested. The count is Bessudnov's file of April 2023: "held by a date" means the deaths that
file gives as confirmed on or before that date (a death confirmed later is not counted, even
if it happened earlier). It is a lower bound and measures something else than most claims, so
no claim is called right or wrong: each gets one line saying what the count held.

Which date is compared at, and why:
- `day`: the count by the end of that day (nationwide claims; casualties_by_day.csv);
- `month`: the claim is dated only to a month, so the count at both ends of it;
- `inferred`: the claim is dated only as of its article, whose date is inferred. Where the
  article has an earliest bound D (sources.yaml `earliest`), it was written on D or later;
  the count is cumulative and never falls, so what it held by the end of the day before D
  (deaths confirmed on D itself may come after the article) is a floor of what it held when
  the article was written, and the line says so ("at least that many"). The bound is never
  used as the claim's day, an end or an order. An article with no earliest bound gets no
  number, and the line says so.
Regional counts are monthly (casualties_by_region_month.csv), so a regional claim is
bracketed by whole months, and an inferred one is held at the last month's end before D.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from homefront.citations import date_text, publication_window
from homefront.claim_dates import as_of_text
from homefront.claim_values import format_figure
from homefront.dataset import Dataset
from homefront.rates import region_rates
from homefront.regional import UNKNOWN, RegionalData
from homefront.schemas import Claim, Event, month_end

# the measures a count of confirmed Russian military deaths can be set beside
DEATH_MEASURES = ("russian_military_dead", "regional_military_deaths")
KILLED_OR_INJURED = "soldiers_killed_or_injured"
STRIKE = "new_year_strike_dead"
TOP_NINE_EVENT = "lenton-regional-death-rates"
TOP = 9
LOWER_BOUND = "The named count is a lower bound"


@dataclass(frozen=True)
class ClaimCheck:
    """One claim beside what the count held at its date (None: nothing to compare)."""

    figure_id: str
    claim: str  # "about 37,500"
    measure: str
    claimant: str
    as_of: str  # at the claim's own precision
    date_note: str  # what the date rests on (figures.yaml as_of.note)
    outlet: str
    scope: str  # "Russia" or the region's name
    # month claims: the day before the month began; inferred ones: the last day the article
    # had certainly seen (its count a floor of what the count held when it was written)
    first_day: dt.date | None
    held_first: int | None
    last_day: dt.date | None
    held_last: int | None
    line: str


def speaks_to(figure: Claim) -> bool:
    """Whether the count of confirmed Russian military deaths bears on the claim."""
    if figure.measure in DEATH_MEASURES or figure.measure == STRIKE:
        return True
    return figure.measure == KILLED_OR_INJURED and "Russian" in figure.subject


def _units(table: pd.DataFrame, unit_types: Sequence[str] | None) -> pd.DataFrame:
    return table if unit_types is None else table[table["unit_type"].isin(list(unit_types))]


def held_nationwide(daily: pd.DataFrame, day: dt.date, unit_types: Sequence[str] | None) -> int:
    """Deaths nationwide (any region, or none) confirmed on or before `day`."""
    rows = _units(daily, unit_types)
    dated = rows[rows["date"] != UNKNOWN]
    return int(dated.loc[dated["date"] <= day.isoformat(), "deaths"].sum())


def held_in_region(
    casualties: pd.DataFrame, iso: str, month: str, unit_types: Sequence[str] | None
) -> int:
    """Deaths in one region confirmed in or before `month` (YYYY-MM)."""
    rows = _units(casualties[casualties["iso"] == iso], unit_types)
    dated = rows[rows["month"] != UNKNOWN]
    return int(dated.loc[dated["month"] <= month, "deaths"].sum())


def _month_ends(day: dt.date) -> tuple[dt.date, dt.date]:
    """The day before the month of `day` began, and the month's last day."""
    start = day.replace(day=1)
    return start - dt.timedelta(days=1), month_end(start)


def _floor_day(earliest: dt.date, monthly: bool) -> dt.date:
    """The last day whose count an article written on or after `earliest` had seen: the day
    before it, or for a monthly (regional) count the last month's end on or before that."""
    day = earliest - dt.timedelta(days=1)
    if monthly and (day + dt.timedelta(days=1)).month == day.month:
        day = day.replace(day=1) - dt.timedelta(days=1)
    return day


def _day(day: dt.date) -> str:
    return date_text(day, "day")


def check_claim(
    dataset: Dataset, figure: Claim, unit_types: Sequence[str] | None = None
) -> ClaimCheck:
    """The claim beside the count at its date, and the one neutral line about them."""
    regional: RegionalData = dataset.regional
    scope = dataset.region_names.get(figure.region, figure.region) if figure.region else "Russia"
    source = dataset.sources[figure.source]
    earliest = publication_window(source)[0] if figure.as_of.precision == "inferred" else None
    first_day = last_day = held_first = held_last = None
    prefix = ""
    if figure.measure == KILLED_OR_INJURED:
        prefix = "The claim counts the killed and the injured; the count only deaths. "
    if figure.measure == STRIKE:
        line = (
            "The count cannot single out this strike: its records give no place or incident "
            "of death, its unit types have no category for mobilised soldiers, and the "
            "sources name no region."
        )
    elif figure.as_of.precision == "inferred" and earliest is not None:
        first_day = _floor_day(earliest, figure.region is not None)
        if figure.region is None:
            held_first = held_nationwide(regional.daily, first_day, unit_types)
            monthly = ""
        else:
            month = f"{first_day:%Y-%m}"
            held_first = held_in_region(regional.casualties, figure.region, month, unit_types)
            monthly = ", and regional counts are monthly"
        line = (
            f"{prefix}The article was written on or after {_day(earliest)} (its date is "
            f"inferred){monthly}. {LOWER_BOUND}; by {_day(first_day)} it held "
            f"{held_first:,}, and at least that many when the article was written."
        )
    elif figure.as_of.precision == "inferred":
        line = (
            f"{prefix}No date to compare the count at: the claim is dated only by its "
            "article's inferred date, which bounds the day it was made without giving it "
            f"(see the date note). {LOWER_BOUND}."
        )
    else:
        day = figure.as_of.date
        if figure.as_of.precision == "day" and figure.region is None:
            last_day, held_last = day, held_nationwide(regional.daily, day, unit_types)
            line = f"{prefix}{LOWER_BOUND}; by {_day(day)} it held {held_last:,}."
        else:
            first_day, last_day = _month_ends(day)

            def held(on: dt.date) -> int:
                if figure.region is None:
                    return held_nationwide(regional.daily, on, unit_types)
                return held_in_region(regional.casualties, figure.region, f"{on:%Y-%m}", unit_types)

            held_first, held_last = held(first_day), held(last_day)
            dated = (
                f"dated only to {day:%B %Y}"
                if figure.as_of.precision == "month"
                else f"dated {_day(day)}, and regional counts are monthly"
            )
            line = (
                f"{prefix}The claim is {dated}. {LOWER_BOUND}; it held {held_first:,} by "
                f"{_day(first_day)} and {held_last:,} by {_day(last_day)}."
            )
    return ClaimCheck(
        figure_id=figure.id,
        claim=format_figure(figure),
        measure=dataset.measures[figure.measure].label,
        claimant=figure.claimant,
        # an inferred date as the window its article's bounds allow ("11 Jul 2022 or later")
        as_of=as_of_text(figure, source),
        date_note=figure.as_of.note,
        outlet=source.short_name,
        scope=scope,
        first_day=first_day,
        held_first=held_first,
        last_day=last_day,
        held_last=held_last,
        line=line,
    )


def claim_checks(dataset: Dataset, unit_types: Sequence[str] | None = None) -> list[ClaimCheck]:
    """Every figure the count can speak to, in the order of figures.yaml."""
    return [check_claim(dataset, f, unit_types) for f in dataset.figures if speaks_to(f)]


def checks_table(checks: Sequence[ClaimCheck]) -> pd.DataFrame:
    """The checks as a table: what the page shows and its CSV holds."""
    return pd.DataFrame(
        [
            {
                "claim": c.claim,
                "measure": c.measure,
                "scope": c.scope,
                "claimant": c.claimant,
                "as_of": c.as_of,
                "date_note": c.date_note,
                "reported_by": c.outlet,
                "count_held_from_day": c.first_day,
                "count_held_from": c.held_first,
                "count_held_by_day": c.last_day,
                "count_held_by": c.held_last,
                "how_they_relate": c.line,
                "figure_id": c.figure_id,
            }
            for c in checks
        ]
    ).astype({"count_held_from": "Int64", "count_held_by": "Int64"})


@dataclass(frozen=True)
class TopNineCheck:
    """An April 2022 list of regions with the most deaths per capita, beside the count's."""

    event: Event
    named: tuple[str, ...]  # iso codes the list names
    first_day: dt.date
    last_day: dt.date
    table: pd.DataFrame  # iso, name_en, named, rank_from, rate_from, rank_by, rate_by
    line: str


def top_nine_check(
    dataset: Dataset, unit_types: Sequence[str] | None = None
) -> TopNineCheck | None:
    """Where the regions the April 2022 analysis names rank in the count at April's two ends.

    None when the dataset has no such event. Ranks are the Regions page's (federal subjects
    by deaths per 100,000 men aged 16-61.5; the analysis used the whole population).
    """
    event = next((e for e in dataset.events if e.id == TOP_NINE_EVENT), None)
    if event is None:
        return None
    regional = dataset.regional
    first_day, last_day = _month_ends(event.date)
    ranked = {}
    for key, on in (("from", first_day), ("by", last_day)):
        rates = region_rates(
            regional.regions, regional.casualties, None, f"{on:%Y-%m}", unit_types
        ).set_index("iso")
        ranked[key] = rates
    named = tuple(event.regions)

    def in_top(rates: pd.DataFrame) -> pd.Series:
        return rates["rank"].notna() & (rates["rank"] <= TOP)

    def named_in_top(rates: pd.DataFrame) -> int:
        top = in_top(rates)
        return int(sum(top[iso] for iso in named if iso in top.index))

    by = ranked["by"]
    top_by = in_top(by)
    wanted = [iso for iso in by.index if iso in named or top_by[iso]]
    table = pd.DataFrame(
        {
            "iso": wanted,
            "name_en": [by.at[iso, "name_en"] for iso in wanted],
            "named": [iso in named for iso in wanted],
            "rank_from": [ranked["from"].at[iso, "rank"] for iso in wanted],
            "rate_from": [ranked["from"].at[iso, "rate_per_100k"] for iso in wanted],
            "rank_by": [by.at[iso, "rank"] for iso in wanted],
            "rate_by": [by.at[iso, "rate_per_100k"] for iso in wanted],
        }
    ).astype({"rank_from": "Int64", "rank_by": "Int64"})
    table = table.sort_values(["rank_by", "iso"], na_position="last").reset_index(drop=True)
    # both ends of the list's month, as the claims' checks give both ends of theirs: the
    # list may have been drawn up on any day of it
    line = (
        f"The list is dated only to {event.date:%B %Y} and counts per 100,000 people, the "
        f"count per 100,000 men aged 16–61.5. {LOWER_BOUND}; by {_day(first_day)}, "
        f"{named_in_top(ranked['from'])} of the {len(named)} regions the list names were "
        f"among the count's top {TOP}, and by {_day(last_day)}, {named_in_top(by)}."
    )
    return TopNineCheck(event, named, first_day, last_day, table, line)

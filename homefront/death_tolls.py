"""Death tolls: what somebody claimed (Russian officials, Ukraine, the United States) beside the
deaths confirmed by name, month by month.

The rules for which claims count as a toll of Russian dead, who a claimant speaks for and
how confirmed deaths are placed in months; the Timeline's lower panel draws them
(homefront/charts/timeline.py) and the Overview, Briefing and export use them too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from homefront.filters import ViewFilters
from homefront.queries import filter_figures
from homefront.rates import monthly_deaths
from homefront.regional import UNKNOWN
from homefront.schemas import Claim, Source

# Death tolls compared with confirmed deaths (measures.yaml ids). Regional counts and
# wounded-only figures count other things and stay on the Data page.
DEATH_TOLL_MEASURES = (
    "russian_military_dead",
    "soldiers_killed_or_injured",
    "new_year_strike_dead",
)
# Who claims a toll: (group, words looked for in the claimant), tried in this order.
CLAIMANT_GROUPS = (
    ("Russian officials", "Russian"),
    ("Ukraine", "Ukrain"),
    ("United States", "US "),
)
OTHER_CLAIMANTS = "Other claimants"


def death_toll_claims(figures: Iterable[Claim]) -> list[Claim]:
    """Claimed tolls of Russian dead (or killed and wounded), in date order.

    Milley's estimate for Ukrainian soldiers shares a measure but not a subject; the
    subject decides, as measures.yaml says it names which army is counted.
    """
    claims = [
        f for f in figures if f.measure in DEATH_TOLL_MEASURES and f.subject.startswith("Russian")
    ]
    return sorted(claims, key=lambda f: (f.as_of.date, f.value or 0, f.id))


def claims_shown(
    figures: Iterable[Claim], filters: ViewFilters, sources: Mapping[str, Source]
) -> list[Claim]:
    """The death-toll claims in the window from the chosen sources.

    They are nationwide counts, so the region filter does not apply, and a search for words
    in events does not hide them either.
    """
    return death_toll_claims(
        filter_figures(figures, replace(filters, regions=(), text=""), sources)
    )


def claimant_group(figure: Claim) -> str:
    """Who made a claim: Russian officials, Ukraine, United States or other claimants."""
    for group, words in CLAIMANT_GROUPS:
        if words in figure.claimant:
            return group
    return OTHER_CLAIMANTS


def confirmed_by_month(casualties: pd.DataFrame) -> pd.DataFrame:
    """Confirmed deaths per month, nationwide, and their running total from the first month.

    Columns month_start, month_end, deaths, running_total. Deaths with no month (the
    `unknown` bucket) cannot be placed and are in neither: see unknown_month_deaths.
    """
    table = monthly_deaths(casualties)
    starts = pd.to_datetime(table["month"] + "-01")
    return pd.DataFrame(
        {
            "month_start": starts.dt.date,
            "month_end": (starts + pd.offsets.MonthEnd(0)).dt.date,
            "deaths": table["deaths"],
            "running_total": table["deaths"].cumsum(),
        }
    )


def unknown_month_deaths(casualties: pd.DataFrame) -> int:
    """Confirmed deaths the source gives no month for: not on the chart, named beside it."""
    return int(casualties.loc[casualties["month"] == UNKNOWN, "deaths"].sum())

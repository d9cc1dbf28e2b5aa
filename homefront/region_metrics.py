"""The Regions page's metrics: which column of the rates table colours the map, and how the
page, its link and the briefing name it; and the regions the sources discuss by name.

Plain data, so homefront.validation checks a briefing step's metric against the same table
the page reads, without importing any chart code.
"""

from __future__ import annotations

from dataclasses import dataclass

from homefront.regional import INDICATOR_YEAR

# The regions the sources discuss by name (RFE/RL's article is about them).
FOCUS_REGIONS = ("BU", "TY")

DEFAULT_METRIC = "rate"
# The poverty indicator, regionCharacteristics.csv's percBelowSubsistence: the share of the
# population whose incomes are below the subsistence level (source pack README), not a share
# of incomes. Every page, chart and CSV names it from here.
POVERTY_SHARE = "population below subsistence"


@dataclass(frozen=True)
class Metric:
    """One way to colour the map: which column of the rates table, and how to say it."""

    id: str
    label: str  # what the legend, charts and tables call it
    short: str  # what the selector calls it
    column: str  # column of homefront.rates.region_rates
    decimals: int
    unit: str  # after a number: "deaths", "per 100,000", "%"
    windowed: bool  # does it change with the date window and unit types?

    @property
    def has_interval(self) -> bool:
        """Whether its values carry a 95% interval: the rate does (rate_low, rate_high)."""
        return self.column == "rate_per_100k"


METRICS = {
    "deaths": Metric("deaths", "Confirmed deaths", "Deaths", "deaths", 0, "deaths", True),
    "rate": Metric(
        "rate",
        "Deaths per 100,000 men aged 16–61.5",
        "Per 100,000 men",
        "rate_per_100k",
        1,
        "per 100,000",
        True,
    ),
    "poverty": Metric(
        "poverty",
        f"% of {POVERTY_SHARE}, {INDICATOR_YEAR}",
        f"% below subsistence ({INDICATOR_YEAR})",
        "pct_below_subsistence",
        1,
        "%",
        False,
    ),
}

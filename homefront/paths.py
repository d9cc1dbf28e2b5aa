"""Every directory and file location the project uses, in one leaf module.

Imports nothing from the package so any module (and any script) can use it.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Overridable so tests and curators can point the app at another copy of the data.
DATA_DIR = Path(os.environ.get("HOMEFRONT_DATA_DIR", ROOT / "data"))
CONFIG_FILE = Path(os.environ.get("HOMEFRONT_CONFIG", ROOT / "config.yaml"))

SOURCES_FILE = "sources.yaml"
EVENTS_FILE = "events.yaml"
FIGURES_FILE = "figures.yaml"
MEASURES_FILE = "measures.yaml"
COVERAGE_FILE = "coverage.yaml"
STORY_FILE = "story.yaml"
DATAPACKAGE_FILE = "datapackage.yaml"
REGIONS_FILE = "regions.csv"
CASUALTIES_FILE = "casualties_by_region_month.csv"
DAILY_FILE = "casualties_by_day.csv"
FACTORS_FILE = "region_factors.csv"
GEOMETRY_FILE = "geo/russia_regions.geojson"
# The Table Schemas every copy of the data is checked against: this checkout's own descriptor
SCHEMA_DESCRIPTOR = ROOT / "data" / DATAPACKAGE_FILE
# every file load_dataset reads: what a change of the dataset shows in
DATA_FILES = (
    SOURCES_FILE,
    EVENTS_FILE,
    FIGURES_FILE,
    MEASURES_FILE,
    COVERAGE_FILE,
    STORY_FILE,
    REGIONS_FILE,
    CASUALTIES_FILE,
    DAILY_FILE,
    FACTORS_FILE,
    GEOMETRY_FILE,
)

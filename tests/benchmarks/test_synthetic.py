"""The scaling benchmark's synthetic data: valid as the app requires, and really N times larger.

If the copy failed validation the app would show its error page, and the scaling benchmark
would time that instead of the pages.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import write_synthetic
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import DATA_DIR

SCALE = 10


def test_ten_times_the_data_validates_and_is_ten_times_larger(tmp_path: Path):
    config = load_config()
    real = load_dataset(DATA_DIR, config)
    scaled = load_dataset(write_synthetic(tmp_path / "x10", SCALE), config)  # raises if invalid

    assert len(scaled.events) == SCALE * len(real.events)
    assert len(scaled.figures) == SCALE * len(real.figures)
    assert len(scaled.regional.casualties) == SCALE * len(real.regional.casualties)
    limits = config.window_limits
    assert all(limits.start <= e.date and e.end <= limits.end for e in scaled.events)
    assert all(limits.start <= f.as_of.date <= limits.end for f in scaled.figures)
    # what stays bounded by the five articles and Russia's regions is unchanged
    assert scaled.sources == real.sources
    assert scaled.coverage == real.coverage
    assert scaled.regional.regions.equals(real.regional.regions)

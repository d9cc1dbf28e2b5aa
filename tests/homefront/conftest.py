"""Fixtures shared by the homefront tests: the shipped config and dataset, loaded once."""

from __future__ import annotations

import pytest

from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset, load_dataset
from homefront.paths import DATA_DIR


@pytest.fixture(scope="session")
def config() -> AppConfig:
    return load_config()


@pytest.fixture(scope="session")
def data(config: AppConfig) -> Dataset:
    """The shipped dataset. Frozen records: a test that needs other data builds its own."""
    return load_dataset(DATA_DIR, config)

"""Shared fixtures: the small fictional dataset in tests/fixtures/data, and copies to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from homefront.config import AppConfig, load_config
from homefront.dataset import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
REAL_CONFIG = ROOT / "config.yaml"


class EditedCopy:
    """A copy of one real file with one edit, and the lines of its text, for a test to read
    a problem's line from."""

    def __init__(self, original: Path, target: Path, old: str, new: str):
        text = original.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {original.name}"
        self.text = text.replace(old, new)
        self.path = target / original.name
        self.path.write_text(self.text, encoding="utf-8")

    def lines_of(self, needle: str) -> list[int]:
        return [n for n, line in enumerate(self.text.splitlines(), 1) if needle in line]

    def line_of(self, needle: str) -> int:
        found = self.lines_of(needle)
        assert len(found) == 1, f"{needle!r} is on lines {found}"
        return found[0]


# Property tests draw the full count in CI (`make test` sets HYPOTHESIS_PROFILE=ci) and a
# quick sample for development (`make test-fast`, or plain `pytest`), so a developer's loop
# stays short while CI keeps the coverage. Tests whose examples are costly cap the count
# with min(n, settings.default.max_examples).
settings.register_profile("ci", max_examples=500, deadline=None)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


class DataCopy:
    """A copy of the fixture data that a test breaks, and finds lines in, one edit at a time."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once, so an edit never lands by accident."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        self.write(name, text.replace(old, new))

    def lines_of(self, name: str, needle: str) -> list[int]:
        """The 1-based line of each occurrence of `needle` in the file as it now stands."""
        text, found, start = self.text(name), [], 0
        while (index := text.find(needle, start)) != -1:
            found.append(text.count("\n", 0, index) + 1)
            start = index + 1
        return found

    def line_of(self, name: str, needle: str) -> int:
        """The line of `needle`, which must occur exactly once."""
        found = self.lines_of(name, needle)
        assert len(found) == 1, f"{needle!r} occurs on lines {found} of {name}"
        return found[0]


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def fixture_config_file() -> Path:
    """The real config.yaml: settings only, so it fits the fixture dataset too."""
    return REAL_CONFIG


@pytest.fixture(scope="session")
def app_config(fixture_config_file: Path) -> AppConfig:
    return load_config(fixture_config_file)


@pytest.fixture(scope="session")
def fixture_dataset(fixture_dir: Path, app_config: AppConfig) -> Dataset:
    return load_dataset(fixture_dir, app_config)


@pytest.fixture
def data_copy(tmp_path: Path, fixture_dir: Path) -> DataCopy:
    root = tmp_path / "data"
    shutil.copytree(fixture_dir, root)
    return DataCopy(root)

"""The on-disk Dataset cache: the same dataset back, re-validated whenever an input changes."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from homefront import dataset as dataset_module
from homefront import dataset_cache, paths
from homefront.config import load_config
from homefront.dataset import Dataset, collection_paused, load_dataset
from homefront.problems import DataError


def same(a: Dataset, b: Dataset) -> bool:
    """Equal records and equal frames (a DataFrame has no single truth value for ==)."""
    records = ("sources", "events", "figures", "measures", "coverage")
    frames = ("regions", "casualties")
    return all(getattr(a, n) == getattr(b, n) for n in records) and all(
        getattr(a.regional, n).equals(getattr(b.regional, n)) for n in frames
    )


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ and an empty cache folder of the test's own."""
    monkeypatch.setattr(dataset_cache, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(dataset_cache, "ENABLED", True)
    return Path(shutil.copytree(paths.DATA_DIR, tmp_path / "data"))


def test_the_second_load_comes_from_the_cache_and_equals_the_first(copy, monkeypatch):
    first = dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    assert same(first, load_dataset(copy, load_config(paths.CONFIG_FILE)))
    assert len(list((dataset_cache.CACHE_DIR).glob("*.pickle"))) == 1

    def no_validation(*_args):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(dataset_cache, "load_dataset", no_validation)
    assert same(dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE), first)


def test_an_edited_file_is_validated_again_and_its_problem_raised(copy):
    dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    events = copy / paths.EVENTS_FILE
    events.write_text(events.read_text(encoding="utf-8") + "- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    assert error.value.problems[0].file == paths.EVENTS_FILE
    assert len(list(dataset_cache.CACHE_DIR.glob("*.pickle"))) == 1  # the invalid one not kept


def test_a_changed_rule_in_the_code_changes_the_key(copy, tmp_path, monkeypatch):
    before = dataset_cache.cache_key(copy, paths.CONFIG_FILE)
    package = tmp_path / "package"
    shutil.copytree(dataset_cache.PACKAGE_DIR, package)
    (package / "curation_rules.py").write_text("# a rule changed\n", encoding="utf-8")
    monkeypatch.setattr(dataset_cache, "PACKAGE_DIR", package)
    assert dataset_cache.cache_key(copy, paths.CONFIG_FILE) != before


def test_a_corrupt_cache_file_is_loaded_afresh_and_replaced(copy):
    first = dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    [stored] = dataset_cache.CACHE_DIR.glob("*.pickle")
    stored.write_bytes(b"not a pickle")
    assert same(dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE), first)
    assert stored.read_bytes() != b"not a pickle"


def test_loading_pauses_the_garbage_collector_and_gives_it_back_as_it_was(copy, monkeypatch):
    """The collector is off while the dataset is built and read back (its objects all live
    on, so each collection would walk them for nothing), and on again afterwards, also when
    the data are invalid; a collector someone else turned off stays off."""
    seen = []
    real_assemble = dataset_module.assemble

    def assemble(*args):
        seen.append(gc.isenabled())
        return real_assemble(*args)

    monkeypatch.setattr(dataset_module, "assemble", assemble)
    assert gc.isenabled()
    dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    assert seen == [False] and gc.isenabled()
    events = copy / paths.EVENTS_FILE
    events.write_text(events.read_text(encoding="utf-8") + "- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError):
        dataset_cache.load_dataset_cached(copy, paths.CONFIG_FILE)
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

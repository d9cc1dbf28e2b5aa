"""The validated Dataset kept on disk, keyed by the hash of everything it was made from.

Loading validates every record and cell, which grows with the data (benchmarks/scaling.py)
and is paid by every server start and every `make serve` replica. Unchanged inputs give an
unchanged Dataset, so it is pickled once and read back.

The key is a SHA-256 of every file under the data folder (names and bytes), the config
file, the homefront package's own source (a changed rule must re-validate, not serve a
dataset the new code would refuse) and the versions of Python and the libraries whose
objects are pickled. An invalid dataset is never stored: its DataError is raised as ever.
The folder is the project's own (.cache/, git-ignored), created private to its user, and
only a file named by the current key is ever read; an unreadable or stale file is loaded
afresh and replaced. Set HOMEFRONT_DATASET_CACHE=off to always validate from the files.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from pathlib import Path

from homefront import paths
from homefront.config import load_config
from homefront.dataset import Dataset, collection_paused, load_dataset

CACHE_DIR = Path(os.environ.get("HOMEFRONT_DATASET_CACHE_DIR", paths.ROOT / ".cache" / "dataset"))
ENABLED = os.environ.get("HOMEFRONT_DATASET_CACHE", "on") != "off"
# files kept: the current dataset and a few before it (a curator switching branches)
KEEP = 4
PICKLED_LIBRARIES = ("pandas", "pyarrow", "pydantic", "numpy")
PACKAGE_DIR = Path(__file__).resolve().parent


def cache_key(data_dir: Path, config_file: Path) -> str:
    """SHA-256 over every input of load_dataset, the code that validates them included."""
    digest = hashlib.sha256()
    versions = [sys.version, *(importlib.metadata.version(n) for n in PICKLED_LIBRARIES)]
    digest.update("\0".join(versions).encode())
    inputs = [("config", config_file)]
    inputs += [(f"data/{p.relative_to(data_dir)}", p) for p in sorted(data_dir.rglob("*"))]
    inputs += [(f"code/{p.name}", p) for p in sorted(PACKAGE_DIR.glob("*.py"))]
    for name, path in inputs:
        if path.is_file():
            digest.update(f"\0{name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_dataset_cached(data_dir: Path, config_file: Path) -> Dataset:
    """load_dataset(data_dir, load_config(config_file)), from the cache when the inputs
    are unchanged; a DataError is raised as load_dataset raises it."""
    if not ENABLED:
        return load_dataset(data_dir, load_config(config_file))
    key = cache_key(data_dir, config_file)
    file = CACHE_DIR / f"{key}.pickle"
    try:
        raw = file.read_bytes()
        with collection_paused():
            dataset = pickle.loads(raw)
        if isinstance(dataset, Dataset):
            return dataset
    except Exception:  # not stored yet, or unreadable: load from the files and store again
        pass
    dataset = load_dataset(data_dir, load_config(config_file))
    _store(file, dataset)
    return dataset


def _store(file: Path, dataset: Dataset) -> None:
    """Write atomically (a reader never sees half a file); a failure only costs speed."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=file.parent, suffix=".tmp", delete=False) as out:
            out.write(pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, file)
        stored = sorted(file.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in stored[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass

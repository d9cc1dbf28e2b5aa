"""Refresh data/datapackage.yaml: the sha256 and size of every built file, as it now is.

Usage:
    python scripts/refresh_datapackage.py [--data data]

Run by `make data` after the builders (scripts/build_data.py); hand-curated files carry no
hash. `frictionless validate data/datapackage.yaml` then checks every file against it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from homefront.datapackage import refresh_hashes
from homefront.paths import DATAPACKAGE_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    args = parser.parse_args()
    refreshed = refresh_hashes(args.data)
    print(f"{args.data / DATAPACKAGE_FILE}: hash and size of {', '.join(refreshed)}")


if __name__ == "__main__":
    main()

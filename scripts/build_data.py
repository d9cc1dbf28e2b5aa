"""Rebuild every built file in data/ from the source pack and gmt-dcw, in dependency order.

Usage (what `make data` runs):
    python scripts/build_data.py [--sources ../shared/sources] [--output data]
        [--dcw-dir /usr/share/gmt-dcw]

The builders run one after another, each as its own script (so each stays usable alone):
regions first (the others check their codes against it), then the casualty tables, the
region factors and the boundaries. When the output folder holds data/datapackage.yaml, the
hashes and sizes in it are refreshed last; a scratch folder (the byte-identity test) has none.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from homefront.paths import DATAPACKAGE_FILE, REGIONS_FILE

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
BESSUDNOV = "bessudnov-2023"


def steps(sources: Path, output: Path, dcw_dir: Path) -> list[list[str]]:
    """Each builder's command line, in the order they must run."""
    source = str(sources / BESSUDNOV)
    regions = str(output / REGIONS_FILE)
    out = str(output)
    return [
        ["build_regions.py", "--input", source, "--output", out, "--dcw-states",
         str(dcw_dir / "dcw-states.txt")],
        ["build_casualties.py", "--input", source, "--output", out],
        ["build_region_factors.py", "--input", source, "--regions", regions, "--output", out],
        ["build_geometry.py", "--dcw", str(dcw_dir / "dcw-gmt.nc"), "--regions", regions,
         "--output", out],
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    parser.add_argument("--output", type=Path, default=ROOT / "data")
    parser.add_argument("--dcw-dir", type=Path, default=Path("/usr/share/gmt-dcw"))
    args = parser.parse_args()
    if not (args.sources / BESSUDNOV).is_dir():
        sys.exit(f"no source pack at {args.sources}: pass SOURCES=... (make) or --sources")
    if not (args.dcw_dir / "dcw-gmt.nc").is_file():
        sys.exit(f"gmt-dcw not found in {args.dcw_dir}: `make gmt-dcw` installs it")
    # the builders import homefront from this checkout, not from wherever it is installed
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for script, *arguments in steps(args.sources, args.output, args.dcw_dir):
        print(f"--- {script}", flush=True)
        subprocess.run([sys.executable, str(SCRIPTS / script), *arguments], check=True, env=env)
    if (args.output / DATAPACKAGE_FILE).exists():
        print("--- refresh_datapackage.py", flush=True)
        refresh = [sys.executable, str(SCRIPTS / "refresh_datapackage.py"), "--data", args.output]
        subprocess.run(refresh, check=True, env=env)


if __name__ == "__main__":
    main()

"""Command line: `python -m homefront validate [DATA_DIR] [--config FILE]`, and
`python -m homefront export-briefing OUT.html` (the Briefing as one offline HTML file).

Prints one `file:line: field: message` per problem and exits 1, or a one-line
summary and exits 0, so curators and CI get the same answer as the app.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homefront.briefing_export import export
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import CONFIG_FILE, DATA_DIR
from homefront.problems import DataError


def summary(data_dir: Path, config_file: Path) -> str:
    """Validate; the one-line summary of clean data, or DataError with every problem."""
    dataset = load_dataset(data_dir, load_config(config_file))
    topics = dataset.coverage.topics
    quotes = sum(len(e.quotes) for e in dataset.events) + len(dataset.figures)
    quotes += sum(len(c.quotes) for t in topics for c in t.cells.values())
    return (
        f"{data_dir}: {len(dataset.sources)} sources, {len(dataset.events)} events, "
        f"{len(dataset.figures)} figures, {len(dataset.measures)} measures, "
        f"{len(topics)} coverage topics, {len(dataset.coverage.disagreements)} disagreements, "
        f"{quotes} quotes, {len(dataset.regional.regions)} regions: no problems"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m homefront", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file and the config")
    check.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    check.add_argument("--config", type=Path, default=CONFIG_FILE)
    briefing = commands.add_parser("export-briefing", help="write the Briefing as offline HTML")
    briefing.add_argument("out", type=Path)
    briefing.add_argument("--data-dir", type=Path, default=DATA_DIR)
    briefing.add_argument("--config", type=Path, default=CONFIG_FILE)
    args = parser.parse_args(argv)
    try:
        if args.command == "export-briefing":
            config = load_config(args.config)
            size, seconds = export(config, load_dataset(args.data_dir, config), args.out)
            print(f"{args.out}: {len(config.briefing)} steps, {size:,} bytes in {seconds:.2f} s")
            return 0
        print(summary(args.data_dir, args.config))
    except DataError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

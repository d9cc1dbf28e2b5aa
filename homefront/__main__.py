"""Command line: `python -m homefront validate [DATA_DIR] [--config FILE] [--sources PATH]`,
and `python -m homefront export-briefing OUT.html` (the Briefing as one offline HTML file).

Prints one `file:line: field: message` per problem and exits 1, or a one-line
summary and exits 0, so curators and CI get the same answer as the app. `validate` checks
what the app checks, and also what only a curator can: that built files are those their
builders recorded in datapackage.yaml, and (given the source pack) that quotes are verbatim.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homefront.briefing_export import export
from homefront.config import load_config
from homefront.datapackage import check_builds
from homefront.dataset import assemble, load_dataset
from homefront.paths import CONFIG_FILE, DATA_DIR
from homefront.problems import DataError
from homefront.quotes import check_verbatim
from homefront.validation import collect, raise_for


def summary(data_dir: Path, config_file: Path, sources_dir: Path | None = None) -> str:
    """Validate; the one-line summary of clean data, or DataError with every problem."""
    tables, coverage, story, regional, problems = collect(data_dir, load_config(config_file))
    problems += check_builds(data_dir)
    if sources_dir is not None:
        problems += check_verbatim(tables, coverage, sources_dir)
    raise_for(problems)
    dataset = assemble(tables, coverage, story, regional)
    topics = dataset.coverage.topics
    quotes = sum(len(e.quotes) for e in dataset.events) + len(dataset.figures)
    quotes += sum(len(c.quotes) for t in topics for c in t.cells.values())
    return (
        f"{data_dir}: {len(dataset.sources)} sources, {len(dataset.events)} events, "
        f"{len(dataset.figures)} figures, {len(dataset.measures)} measures, "
        f"{len(topics)} coverage topics, {len(dataset.coverage.disagreements)} disagreements, "
        f"{quotes} quotes{' (verbatim)' if sources_dir else ''}, "
        f"{len(dataset.regional.regions)} regions: no problems"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m homefront", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file and the config")
    check.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    check.add_argument("--config", type=Path, default=CONFIG_FILE)
    check.add_argument(
        "--sources",
        type=Path,
        help="the source pack's folder (../shared/sources): check every quote word for word",
    )
    briefing = commands.add_parser("export-briefing", help="write the Briefing as offline HTML")
    briefing.add_argument("out", type=Path)
    briefing.add_argument("--data-dir", type=Path, default=DATA_DIR)
    briefing.add_argument("--config", type=Path, default=CONFIG_FILE)
    args = parser.parse_args(argv)
    try:
        if args.command == "export-briefing":
            config = load_config(args.config)
            dataset = load_dataset(args.data_dir, config)
            size, seconds = export(config, dataset, args.out)
            steps = len(dataset.story.briefing)
            print(f"{args.out}: {steps} steps, {size:,} bytes in {seconds:.2f} s")
            return 0
        print(summary(args.data_dir, args.config, args.sources))
    except DataError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

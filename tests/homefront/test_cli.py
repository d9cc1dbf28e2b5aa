"""`python -m homefront validate`: a one-line summary and exit 0, or one line per problem and 1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from homefront.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
PROBLEM_LINE = re.compile(r"^[\w.-]+\.yaml:\d+: [\w.\[\]-]+: .+$")


def count(data_dir: Path, name: str) -> int:
    return len(yaml.safe_load((data_dir / name).read_text(encoding="utf-8")))


def expected_summary(data_dir: Path) -> str:
    """The summary worked out from the raw files, independently of homefront."""
    events = yaml.safe_load((data_dir / "events.yaml").read_text(encoding="utf-8"))
    coverage = yaml.safe_load((data_dir / "coverage.yaml").read_text(encoding="utf-8"))
    cells = [c for t in coverage["topics"] for c in t["cells"].values()]
    quotes = sum(len(e.get("quotes", [])) for e in events) + count(data_dir, "figures.yaml")
    quotes += sum(len(c.get("quotes", [])) for c in cells)
    regions = len((data_dir / "regions.csv").read_text(encoding="utf-8").splitlines()) - 1
    return (
        f"{data_dir}: {count(data_dir, 'sources.yaml')} sources, {len(events)} events, "
        f"{count(data_dir, 'figures.yaml')} figures, {count(data_dir, 'measures.yaml')} measures, "
        f"{len(coverage['topics'])} coverage topics, "
        f"{len(coverage.get('disagreements', []))} disagreements, "
        f"{quotes} quotes, {regions} regions: no problems"
    )


def test_clean_data_prints_a_summary_and_exits_0(fixture_dir, fixture_config_file, capsys):
    code = main(["validate", str(fixture_dir), "--config", str(fixture_config_file)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [expected_summary(fixture_dir)]
    assert err == ""


def test_broken_data_prints_each_problem_and_exits_1(data_copy, fixture_config_file, capsys):
    data_copy.edit("events.yaml", "category: information", "category: weather")
    data_copy.edit("figures.yaml", "revises: fig-a", "revises: fig-zzz")
    code = main(["validate", str(data_copy.root), "--config", str(fixture_config_file)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    category_line = data_copy.line_of("events.yaml", "category: weather")
    revises_line = data_copy.line_of("figures.yaml", "revises: fig-zzz")
    assert lines[0].startswith(f"events.yaml:{category_line}: category: unknown category 'weather'")
    assert lines[1] == f"figures.yaml:{revises_line}: revises: revises unknown figure 'fig-zzz'"
    assert len(lines) == 2
    assert err.strip() == "2 problem(s) found"


def test_a_broken_config_is_reported_too(fixture_dir, tmp_path, capsys):
    config = tmp_path / "config.yaml"
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config.write_text(text.replace('colour: "#4C6A92"', "colour: blue"), encoding="utf-8")
    code = main(["validate", str(fixture_dir), "--config", str(config)])
    out, _ = capsys.readouterr()
    line = config.read_text(encoding="utf-8").splitlines().index("    colour: blue") + 1
    assert code == 1
    assert out.splitlines()[0].startswith(f"config.yaml:{line}: categories[0].colour: ")


def test_a_missing_data_dir_is_reported_not_raised(tmp_path, fixture_config_file, capsys):
    code = main(["validate", str(tmp_path / "nowhere"), "--config", str(fixture_config_file)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "sources.yaml: -: file not found" in out.splitlines()


def test_the_module_runs_as_a_command(fixture_dir, fixture_config_file):
    config = str(fixture_config_file)
    result = subprocess.run(
        [sys.executable, "-m", "homefront", "validate", str(fixture_dir), "--config", config],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected_summary(fixture_dir)

"""`python -m homefront validate`: a one-line summary and exit 0, or one line per problem and 1."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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


# ---- What only `validate` checks: built files, the whole story, verbatim quotes ----------

SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture
def real_copy(tmp_path) -> Path:
    """A copy of the shipped data, with its datapackage.yaml, for the real config.yaml."""
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def validate(data_dir: Path, *extra: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["validate", str(data_dir), "--config", str(ROOT / "config.yaml"), *extra])
    return code, out.getvalue().splitlines()


def test_the_shipped_data_validates(real_copy):
    code, out = validate(real_copy)
    assert code == 0 and out[0].endswith("no problems"), out


def test_half_the_casualty_rows_deleted_fails_on_the_recorded_hash(real_copy):
    path = real_copy / "casualties_by_region_month.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    code, out = validate(real_copy)
    assert code == 1
    assert out == [
        "casualties_by_region_month.csv: -: not the file its builder wrote: its size "
        f"({path.stat().st_size:,} bytes) or sha256 differs from datapackage.yaml's; rebuild it "
        "with scripts/build_casualties.py"
    ]


def test_events_cut_at_a_record_boundary_are_caught(real_copy):
    path = real_copy / "events.yaml"
    text = path.read_text(encoding="utf-8")
    records = [m.start() for m in re.finditer(r"^- id:", text, re.MULTILINE)]
    path.write_text(text[: records[3]], encoding="utf-8")  # three events: valid YAML
    code, out = validate(real_copy)
    assert code == 1
    assert any("events.yaml:" in line and "is the file cut short" in line for line in out), out


def test_an_empty_events_file_is_caught(real_copy):
    (real_copy / "events.yaml").write_text("# all gone\n", encoding="utf-8")
    code, out = validate(real_copy)
    assert code == 1
    assert "events.yaml:1: -: the file has no records: the app needs at least one" in out


def test_a_figure_quote_without_its_number_is_caught(real_copy):
    path = real_copy / "figures.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    figure = next(r for r in records if r.get("value") == 89)
    figure["quote"] = "The toll rose again."
    text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=10_000)
    path.write_text(text, encoding="utf-8")
    code, out = validate(real_copy)
    assert code == 1
    line = text.splitlines().index("  quote: The toll rose again.") + 1
    assert out[0] == (
        f"figures.yaml:{line}: quote: does not state the figure's number 89: quote the words "
        "that do"
    )


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"source pack not found at {SOURCES}")
def test_sources_checks_every_quote_word_for_word(real_copy):
    code, out = validate(real_copy, "--sources", str(SOURCES))
    assert code == 0 and "(verbatim)" in out[0], out
    path = real_copy / "events.yaml"
    text = path.read_text(encoding="utf-8")
    event = next(e for e in yaml.safe_load(text) if e.get("quotes"))
    words = event["quotes"][0]["text"].split()
    assert text.count(words[0] + " " + words[1]) >= 1
    path.write_text(text.replace(words[0] + " " + words[1], "Invented words", 1), encoding="utf-8")
    code, out = validate(real_copy, "--sources", str(SOURCES))
    assert code == 1
    [line] = out
    assert re.match(r"events\.yaml:\d+: quotes\[0\]\.text: not word for word in ", line), line
    code, _ = validate(real_copy)  # without the source pack, the app's own checks pass
    assert code == 0

"""A copy of the real data with script, HTML and Markdown in the curated text fields.

Curated text reaches the viewer through Markdown (st.markdown, metric labels), Plotly's
label HTML, deck.gl tooltips, tables and the briefing's HTML export. If any path let markup
through, a quote or a source name could run script in the viewer's browser or reshape the
page. The real data (not the fixture) is copied because config.yaml names its records; only
text fields change, so every page and briefing step still draws.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
MARKDOWN = "**bold** [link](javascript:alert(1))"
PAYLOAD = f"{SCRIPT}{IMAGE} {MARKDOWN}"

# where the payload goes: (file, record id, field path); each is shown on some page
SOURCE = "rferl"  # cited on every page: overview figures, events, coverage, briefing steps
EVENT = "invasion-begins"
FIGURE = "russian-mod-dead-march"  # a headline figure of the Overview
TOPIC = "death-toll"
REGION = "TY"
YAML_FIELDS: list[tuple[str, str, tuple[str | int, ...]]] = [
    ("sources.yaml", SOURCE, ("short_name",)),
    ("sources.yaml", SOURCE, ("outlet",)),
    ("sources.yaml", SOURCE, ("title",)),
    ("sources.yaml", SOURCE, ("licence_note",)),
    ("events.yaml", EVENT, ("title",)),
    ("events.yaml", EVENT, ("summary",)),
    ("events.yaml", EVENT, ("quotes", 0, "text")),
    ("events.yaml", EVENT, ("quotes", 0, "speaker")),
    ("events.yaml", EVENT, ("accounts", 0, "account")),
    ("figures.yaml", FIGURE, ("claimant",)),
    ("figures.yaml", FIGURE, ("quote",)),
    ("measures.yaml", "russian_military_dead", ("label",)),
]


def _set(record: dict[str, Any], path: tuple[str | int, ...]) -> None:
    *parents, last = path
    for part in parents:
        record = record[part]
    record[last] = f"{record[last]} {PAYLOAD}"


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def write_hostile_copy(target: Path) -> Path:
    """Copy data/ to `target` and put PAYLOAD after the text of each field named above."""
    shutil.copytree(ROOT / "data", target)
    for file in {f for f, _, _ in YAML_FIELDS}:
        path = target / file
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_id = {r["id"]: r for r in records}
        for f, record_id, field in YAML_FIELDS:
            if f == file:
                _set(by_id[record_id], field)
        path.write_text(_dump(records), encoding="utf-8")

    coverage_path = target / "coverage.yaml"
    coverage = yaml.safe_load(coverage_path.read_text(encoding="utf-8"))
    topic = next(t for t in coverage["topics"] if t["id"] == TOPIC)
    cell = topic["cells"][SOURCE]
    _set(cell, ("summary",))
    if cell.get("quotes"):
        _set(cell, ("quotes", 0, "text"))
    _set(topic, ("question",))
    coverage_path.write_text(_dump(coverage), encoding="utf-8")

    regions_path = target / "regions.csv"
    rows = list(csv.reader(io.StringIO(regions_path.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        if row[0] == REGION:
            row[1] = f"{row[1]} {PAYLOAD}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    regions_path.write_text(out.getvalue(), encoding="utf-8")
    return target

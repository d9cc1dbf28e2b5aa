"""A copy of the real data (and config) with script, HTML and Markdown in the text fields.

Curated text reaches the viewer through Markdown (st.markdown, metric labels), Plotly's
label HTML, deck.gl tooltips, tables and the briefing's HTML export. If any path let markup
through, a quote or a source name could run script in the viewer's browser or reshape the
page. Plotly reads `<a href>` as a live link and a `style` with `url(...)` as a request for
an outside file; Markdown reads a bare URL, `www.` or an e-mail address as a link and
`![x](url)` as an image to fetch. The real data (not the fixture) is copied because
story.yaml names its records; only text fields change, so every page and briefing step
still draws.
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
# everything that would reach evil.example names it: a request or a link there is the leak
OUTSIDE = "evil.example"
ANCHOR = '<a href="https://evil.example/a">anchor</a>'
STYLES = "".join(
    f"<span style='{prop}:url(https://evil.example/{prop}.svg#f)'>{prop}</span>"
    for prop in ("filter", "mask", "clip-path", "fill", "stroke", "marker", "background-image")
)
MD_IMAGE = "![x](https://evil.example/c.png)"
AUTOLINKS = "www.evil.example/login someone@evil.example https://evil.example/x"
PAYLOAD = f"{SCRIPT}{IMAGE} {MARKDOWN} {ANCHOR}{STYLES} {MD_IMAGE} {AUTOLINKS}"
# a coverage cell's summary has at most 400 characters
CELL_PAYLOAD = f"{SCRIPT}{IMAGE} {MARKDOWN} {ANCHOR} {MD_IMAGE}"
# config.yaml's text and a briefing headline are short (a category label has at most 60
# characters): what Markdown there would fetch or link
CONFIG_PAYLOAD = "![x](//evil.example/c.png) www.evil.example"
# a coverage topic's label has at most 40 characters: the shortest payloads that would fetch
SHORT = "<span style='fill:url(//evil.example)'>"

# Markdown that opens a block where a line starts (an ordered list from 1999), put before the
# event's summary, which the event's detail places at the start of a line
BLOCK = "1999. A year,"
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
    ("figures.yaml", FIGURE, ("subject",)),
    ("measures.yaml", "russian_military_dead", ("label",)),
    ("measures.yaml", "russian_military_dead", ("unit",)),
    ("measures.yaml", "russian_military_dead", ("counts",)),
]
UNIT_TYPE = "volunteers"  # a casualty unit type of the region above, on its detail charts
# config.yaml: (path) of each text setting shown on some page
CONFIG_FIELDS: list[tuple[str | int, ...]] = [
    ("title",),
    ("subtitle",),
    ("categories", 0, "label"),
]
# story.yaml: (path) of each text shown on the Briefing page and in its export
STORY_FIELDS: list[tuple[str | int, ...]] = [("briefing", 0, "headline")]


def _set(record: dict[str, Any], path: tuple[str | int, ...], payload: str = PAYLOAD) -> None:
    *parents, last = path
    for part in parents:
        record = record[part]
    record[last] = f"{record.get(last, '')} {payload}".strip()


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
        if file == "events.yaml":
            by_id[EVENT]["summary"] = f"{BLOCK} {by_id[EVENT]['summary']}"
        path.write_text(_dump(records), encoding="utf-8")

    story_path = target / "story.yaml"
    story = yaml.safe_load(story_path.read_text(encoding="utf-8"))
    for field in STORY_FIELDS:
        _set(story, field, CONFIG_PAYLOAD)
    story_path.write_text(_dump(story), encoding="utf-8")

    coverage_path = target / "coverage.yaml"
    coverage = yaml.safe_load(coverage_path.read_text(encoding="utf-8"))
    topic = next(t for t in coverage["topics"] if t["id"] == TOPIC)
    cell = topic["cells"][SOURCE]
    _set(cell, ("summary",), CELL_PAYLOAD)
    if cell.get("quotes"):
        _set(cell, ("quotes", 0, "text"))
    _set(topic, ("question",))
    topic["label"] = SHORT
    coverage_path.write_text(_dump(coverage), encoding="utf-8")

    regions_path = target / "regions.csv"
    rows = list(csv.reader(io.StringIO(regions_path.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        if row[0] == REGION:
            row[1] = f"{row[1]} {PAYLOAD}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    regions_path.write_text(out.getvalue(), encoding="utf-8")

    casualties_path = target / "casualties_by_region_month.csv"
    rows = list(csv.reader(io.StringIO(casualties_path.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        if row[0] == REGION and row[2] == UNIT_TYPE:
            row[2] = f"{row[2]} {PAYLOAD}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    casualties_path.write_text(out.getvalue(), encoding="utf-8")
    return target


def write_hostile_config(target: Path) -> Path:
    """Write config.yaml with CONFIG_PAYLOAD after each setting in CONFIG_FIELDS to `target`."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    for field in CONFIG_FIELDS:
        _set(config, field, CONFIG_PAYLOAD)
    target.write_text(_dump(config), encoding="utf-8")
    return target

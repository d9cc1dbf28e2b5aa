"""Never a traceback, never a blank page: broken files and hostile links through AppTest.

The unit properties (tests/homefront/test_data_properties.py) show loading fails only as
DataError; these show what a viewer then gets: the error page listing file, line and field
for each problem. And a link anyone can craft (100,000 characters, NUL, Markdown that would
fetch an image, digits of other scripts) opens every page with a notice, not an exception;
the notice shows the link's words as text (Markdown specials escaped), never as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from homefront import paths
from homefront.config import load_config
from homefront.schemas import DATASET_PERIOD
from tests.app_pages.error_page import error_rows

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = load_config().pages
ERROR_TITLE = "Home Front cannot load its data"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of `needle` in `text`."""
    return text[: text.index(needle)].count("\n") + 1


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Each case breaks one file of a copy of the real data the way a curator or a bad copy
# might, and names the problem the error page must list: (file, line, field). The line is
# found in the broken text itself, so a fixture edit cannot silently move it.
Break = Callable[[str], tuple[str, int, str]]


def _events_missing_summary(text: str) -> tuple[str, int, str]:
    start = text.index("- id: tyva-unit-moved-to-belarus")
    summary = text.index("  summary: >-", start)
    end = text.index("  category:", summary)
    return text[:summary] + text[end:], line_of(text, "- id: tyva-unit-moved-to-belarus"), "summary"


def _figure_value_wrong_type(text: str) -> tuple[str, int, str]:
    broken = replace_once(text, "  value: 37500\n", "  value: [lots]\n")
    return broken, line_of(broken, "  value: [lots]"), "value"


def _source_impossible_date(text: str) -> tuple[str, int, str]:
    broken = replace_once(text, "published: 2023-01-10", "published: 2023-02-30")
    return broken, line_of(broken, "published: 2023-02-30"), ""


def _event_unknown_source(text: str) -> tuple[str, int, str]:
    broken = replace_once(text, "  sources: [rferl]\n", "  sources: [nowhere]\n")
    return broken, line_of(broken, "sources: [nowhere]"), "sources[0]"


def _event_duplicate_id(text: str) -> tuple[str, int, str]:
    broken = replace_once(
        text, "- id: soldiers-told-on-eve-of-invasion", "- id: tyva-unit-moved-to-belarus"
    )
    second = broken.index("- id: tyva-unit-moved-to-belarus", 10 + broken.index("- id: tyva"))
    return broken, broken[:second].count("\n") + 1, "id"


def _coverage_invalid_yaml(text: str) -> tuple[str, int, str]:
    broken = replace_once(text, "  - id: death-toll\n", "  - id: death-toll: yes\n")
    return broken, line_of(broken, "- id: death-toll: yes"), ""


def _regions_not_a_number(text: str) -> tuple[str, int, str]:
    broken = replace_once(text, "Southern,145977,", "Southern,many,")
    return broken, 2, "men_16_61"


def _casualties_extra_cell(text: str) -> tuple[str, int, str]:
    lines = text.split("\n")
    lines[9] += ",surplus"
    return "\n".join(lines), 10, ""


BROKEN_FILES: list[tuple[str, Break]] = [
    ("events.yaml", _events_missing_summary),
    ("figures.yaml", _figure_value_wrong_type),
    ("sources.yaml", _source_impossible_date),
    ("events.yaml", _event_unknown_source),
    ("events.yaml", _event_duplicate_id),
    ("coverage.yaml", _coverage_invalid_yaml),
    ("regions.csv", _regions_not_a_number),
    ("casualties_by_region_month.csv", _casualties_extra_cell),
]


def open_app(page: str | None = None, **params: str) -> AppTest:
    """A fresh session opened from a link to `page` (None: the default) with these params."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    return at


@pytest.mark.parametrize(
    ("file", "brake"), BROKEN_FILES, ids=[f"{f}-{b.__name__.strip('_')}" for f, b in BROKEN_FILES]
)
def test_a_broken_file_gives_the_error_page_naming_file_line_and_field(
    tmp_path, monkeypatch, file, brake
):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    broken, line, field = brake((data / file).read_text(encoding="utf-8"))
    (data / file).write_text(broken, encoding="utf-8")
    monkeypatch.setattr(paths, "DATA_DIR", data)
    at = open_app()
    assert not at.exception, at.exception
    assert at.title[0].value == ERROR_TITLE
    rows = error_rows(at)
    assert any((f, ln, fd) == (file, line, field) for f, ln, fd, _ in rows), rows
    assert all(problem.strip() and "Traceback" not in problem for *_, problem in rows), rows
    assert "python -m homefront validate" in " ".join(m.value for m in at.markdown)


def test_a_broken_config_gives_the_error_page(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config.write_text(replace_once(text, "  - timeline\n", "  - timelines\n"), encoding="utf-8")
    monkeypatch.setattr(paths, "CONFIG_FILE", config)
    at = open_app()
    assert not at.exception, at.exception
    assert at.title[0].value == ERROR_TITLE
    rows = error_rows(at)
    assert any(f == "config.yaml" and fd == "pages" and ln for f, ln, fd, _ in rows), rows


def test_a_missing_data_folder_gives_the_error_page(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "nowhere")
    at = open_app()
    assert not at.exception, at.exception
    assert at.title[0].value == ERROR_TITLE
    files = {f for f, *_ in error_rows(at)}
    assert {"events.yaml", "regions.csv", "geo/russia_regions.geojson"} <= files


# Values the schemas accept but no curated file has: a negative count, a title of 3,000
# characters, right-to-left and zero-width marks, the largest indicators the CSV check
# allows, a new unit-type bucket. (Not-a-number or infinite claims and empty buckets are
# data errors: tests/homefront/test_schemas.py, test_regional.py.)
ODD_BUT_VALID = [
    ("figures.yaml", "  value: 1351\n", "  value: -1351\n"),
    (
        "events.yaml",
        "  title: A Tyvan soldier's unit is moved to Belarus for exercises\n",
        "  title: \"\u202eA Tyvan\u200b soldier's unit 👩‍👦 " + "very " * 600 + 'long"\n',
    ),
    ("sources.yaml", "  short_name: Newsweek\n", '  short_name: "News\u200bweek \u05e9"\n'),
    (
        "regions.csv",
        "BU,Buryatia,Республика Бурятия,Far Eastern,278885,20,26092,10.5,12333,",
        "BU,Buryatia,Республика Бурятия,Far Eastern,278885,99.999999999999999,"
        "999999999999999,0,999999999999999.5,",
    ),
    ("casualties_by_region_month.csv", "AD,2022-03,professional army,4", "AD,2022-03,inmates,1"),
]


@pytest.fixture(scope="module")
def odd_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("odd") / "data"
    shutil.copytree(ROOT / "data", data)
    for file, old, new in ODD_BUT_VALID:
        path = data / file
        path.write_text(replace_once(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return data


@pytest.mark.parametrize("page", PAGES)
def test_odd_but_valid_data_draws_every_page(page, odd_data, monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", odd_data)
    at = open_app(page)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value != ERROR_TITLE, [t.value for t in at.title]


# --- hostile links -------------------------------------------------------------------------

IMAGE = "![x](http://evil.example/pixel.png)"
HOSTILE_LINK = {
    # the shared filters
    "from": "2022-0\x003-01",
    "to": "²⁰²²-01-01",
    "cat": f"families,{IMAGE}",
    "src": "[click](javascript:alert(1))",
    "region": "BU,<script>window.__pwned=1</script>",
    "q": "\x00<img src=x onerror=alert(1)>" * 4000,  # 124,000 characters
    # each page's own
    "event": "\u202e" + IMAGE,
    "metric": IMAGE,
    "unit": "tanks," * 5000,
    "sel": IMAGE,
    "cmp": f"bbc,{IMAGE}",
    "topic": "\x00" * 100,
    "measure": IMAGE,
    "step": "²",
    "briefing": "1\x00",
    "\x00key": "x" * 100_000,
}
# a Markdown image or link whose brackets are not escaped would render (and fetch)
UNESCAPED_MARKUP = re.compile(r"(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\(")


@pytest.mark.parametrize("page", PAGES)
def test_a_hostile_link_opens_every_page_with_notices_as_plain_text(page):
    at = open_app(page, **HOSTILE_LINK)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value != ERROR_TITLE
    notices = [w.value for w in at.warning]
    assert any("'cat'" in n for n in notices), notices  # the shared filters' notices
    for notice in notices:
        assert len(notice) <= 600, notice[:200]
        assert not UNESCAPED_MARKUP.search(notice), notice
        assert "<script>" not in notice and "<img" not in notice, notice
    page_notices = {
        "timeline": "'event'",
        "regions": "'sel=",
        "compare": "'cmp'",
        "briefing": "'step=",
    }
    if page in page_notices:
        assert any(page_notices[page] in n for n in notices), notices
    # nothing hostile survives into the view the URL now describes
    link = {key: str(value) for key, value in at.query_params.items()}
    assert "q" not in link, link  # too long: the default (no search) is used
    assert "evil.example" not in " ".join(link.values()), link


# each page's own parameter, a value it cannot use, and what its notice quotes
PAGE_LINKS = {
    "timeline": ("event", "no-such-event", "'event'"),
    "regions": ("sel", "XX", "'sel=XX'"),
    "why_regions": ("period", "decade", "'period=decade'"),
    "compare": ("measure", "no-such-measure", "'measure=no-such-measure'"),
    "briefing": ("step", "99", "'step=99'"),
}


@pytest.mark.parametrize("page", PAGE_LINKS)
def test_a_page_names_its_own_bad_parameter_for_as_long_as_its_view_is_shown(page):
    """Alone in a link (no shared filter's notice to hold it with), a page's own notice stayed
    for one run: a rerun of the same view (the map reporting its width makes one) lost it."""
    key, value, quoted = PAGE_LINKS[page]
    at = open_app(page, **{key: value})
    assert not at.exception, at.exception
    assert any(quoted in w.value for w in at.warning), [w.value for w in at.warning]
    at.run()
    assert any(quoted in w.value for w in at.warning), [w.value for w in at.warning]
    at.switch_page("app_pages/overview.py").run()
    assert not any(quoted in w.value for w in at.warning)


def test_a_step_in_superscript_digits_opens_step_1_with_a_notice():
    """`step=²` was a ValueError traceback: '²'.isdigit() is true, int('²') is not."""
    at = open_app("briefing", step="²")
    assert not at.exception, at.exception
    assert any("'step=²'" in w.value for w in at.warning)
    assert any(m.value == "**1 / 9**" for m in at.markdown)


# --- live edits and a tampered client: stale state becomes "none" or is clamped, with a notice


@pytest.fixture
def live(tmp_path, monkeypatch) -> Path:
    """A copy of the data and config the app reads, for a test to edit under an open session."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    monkeypatch.setattr(paths, "CONFIG_FILE", tmp_path / "config.yaml")
    return tmp_path


def edit_file(path: Path, old: str, new: str) -> None:
    path.write_text(replace_once(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")


def test_an_event_renamed_under_an_open_timeline_becomes_none(live):
    at = open_app("timeline", event="invasion-begins")
    assert at.selectbox(key="timeline_event").value == "invasion-begins"
    edit_file(live / "data" / "events.yaml", "- id: invasion-begins", "- id: invasion-began")
    at.text_input(key="f_text").input("mothers").run()  # was a KeyError on every rerun
    assert not at.exception, at.exception
    assert any("no longer in the data" in w.value for w in at.warning), at.warning
    assert at.selectbox(key="timeline_event").value is None
    at.text_input(key="f_text").input("").run()
    assert not at.exception and at.title[0].value == "Timeline"


def test_a_step_deleted_under_an_open_briefing_is_clamped(live):
    at = open_app("briefing", step="9")
    assert any(m.value == "**9 / 9**" for m in at.markdown)
    story = live / "data" / "story.yaml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text[: text.index("  - id: mothers-force")], encoding="utf-8")
    at.run()  # was an IndexError before Previous and Next were drawn
    assert not at.exception, at.exception
    assert any("Step 9 no longer exists" in w.value for w in at.warning), at.warning
    assert any(m.value == "**8 / 8**" for m in at.markdown)
    at.switch_page("app_pages/overview.py").run()
    at.switch_page("app_pages/briefing.py").run()  # the kept step is valid now
    assert not at.exception and any(m.value == "**8 / 8**" for m in at.markdown)


TAMPERED = [
    ("f_window", (dt.date(2023, 1, 1), dt.date(2022, 3, 1)), "reversed"),
    # Streamlit's slider clamps this one itself, silently
    ("f_window", (dt.date(2019, 1, 1), dt.date(2030, 3, 1)), ""),
    ("f_regions", ["BU", "XX"], "Regions no longer in the data were dropped: XX"),
    ("f_categories", ["casualties", "gone"], ""),  # pills drop an unknown option themselves
    ("f_sources", "bbc", ""),
]


@pytest.mark.parametrize(("key", "value", "notice"), TAMPERED)
def test_a_tampered_or_stale_widget_value_is_clamped_with_a_notice(key, value, notice):
    """What a client may send for a widget (or a session keep from before an edit)."""
    at = open_app("timeline")
    at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Timeline"
    if notice:
        assert any(notice in w.value for w in at.warning), [w.value for w in at.warning]
    start, end = at.slider(key="f_window").value
    assert DATASET_PERIOD[0] <= start <= end <= DATASET_PERIOD[1]


# --- valid but extreme: every page draws, or says plainly that nothing is there ------------

LIMITS = DATASET_PERIOD
CATEGORIES = [c.id for c in load_config().categories]


@st.composite
def extreme_views(draw: st.DrawFn) -> tuple[str, tuple[dt.date, dt.date] | None, dict]:
    """A page, perhaps a two-day window (the shortest the filter allows) as the config's
    limits, and a link narrowing the view to one day, one category, region or source, or a
    search nothing matches."""
    page = draw(st.sampled_from(PAGES))
    # inside the events' span: a default window past the last event is refused (validation's
    # check that events.yaml is not cut short)
    start = draw(st.dates(LIMITS[0], dt.date(2023, 1, 9)))
    limits = draw(st.none() | st.just((start, start + dt.timedelta(days=1))))
    params: dict[str, str] = {}
    if limits is None and draw(st.booleans()):
        params |= {"from": start.isoformat(), "to": start.isoformat()}  # one day
    if draw(st.booleans()):
        params["cat"] = draw(st.sampled_from(CATEGORIES))
    if draw(st.booleans()):
        params["region"] = draw(st.sampled_from(["TY", "BU", "MOW", "SE", "CR"]))
    if draw(st.booleans()):
        params["src"] = draw(st.sampled_from(["bbc", "bessudnov2023", "newsweek"]))
    if draw(st.booleans()):
        params["q"] = draw(st.sampled_from(["zzzz-no-such-word", "Tyva", "mothers"]))
    return page, limits, params


@settings(
    max_examples=min(12, settings.default.max_examples),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(view=extreme_views())
def test_valid_but_extreme_views_draw_every_page(view, tmp_path_factory):
    page, limits, params = view
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    if limits is not None:
        window = {"start": limits[0], "end": limits[1]}
        config["window_limits"] = config["default_window"] = window
    path = tmp_path_factory.mktemp("extreme") / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    with mock.patch.object(paths, "CONFIG_FILE", path):
        at = open_app(page, **params)
    assert not at.exception, (view, at.exception)
    assert at.title and at.title[0].value != ERROR_TITLE, (view, [t.value for t in at.title])


def test_a_misspelt_link_key_gets_a_notice():
    at = open_app("regions", regions="TY")
    assert not at.exception, at.exception
    assert "Link parameter 'regions' is not known; did you mean 'region'?" in [
        w.value for w in at.warning
    ]

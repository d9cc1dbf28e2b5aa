"""homefront.links, the pages' own parameters: the Regions page's `metric=`/`unit=`/`sel=`,
Why these regions' `period=`/`unit=`/`search=`, Compare's id lists and the Briefing's `step=`.

The sidebar's filters (`from=`, `to=`, `cat=`, ...) are tested in test_filters.py, hostile
values of every parameter in test_link_properties.py.
"""

from __future__ import annotations

import pytest

from homefront import links
from homefront.links import RegionParams, WhyParams

UNIT_TYPES = ["professional army", "mobilized", "police / national guard / FSB", "unknown"]


# ---- unit types: unit= ----


def test_unit_type_options_most_deaths_first_unknown_last(fixture_dataset):
    assert links.unit_type_options(fixture_dataset.regional.casualties) == [
        "professional army",
        "mobilized",
        "unknown",
    ]


def test_unit_slugs_are_readable():
    assert links.unit_slug("police / national guard / FSB") == "police-national-guard-fsb"
    assert links.unit_slug("professional army") == "professional-army"


# ---- each page's link reads back as the view it was written from ----

UNITS = ("mobilized", "police / national guard / FSB")
UNIT_SLUGS = "mobilized,police-national-guard-fsb"


@pytest.mark.parametrize(
    ("view", "written", "write", "read"),
    [
        (
            RegionParams("deaths", UNITS, "TY"),
            {"metric": "deaths", "unit": UNIT_SLUGS, "sel": "TY"},
            links.region_params,
            lambda p: links.parse_region_params(
                p.get("metric"), p.get("unit"), p.get("sel"), UNIT_TYPES, ["BU", "TY"]
            ),
        ),
        (
            WhyParams("window", UNITS, "svo-payments-feb"),
            {"period": "window", "unit": UNIT_SLUGS, "search": "svo-payments-feb"},
            links.why_params,
            lambda p: links.parse_why_params(
                p.get("period"), p.get("unit"), p.get("search"), UNIT_TYPES
            ),
        ),
    ],
    ids=["regions", "why"],
)
def test_params_round_trip(view, written, write, read):
    params = write(view, UNIT_TYPES)
    assert params == written
    assert read(params) == (view, [])


# ---- the Regions page: metric=, unit=, sel= ----


def test_default_view_gives_a_short_link():
    assert links.region_params(RegionParams(), UNIT_TYPES) == {}
    assert links.region_params(RegionParams(units=tuple(UNIT_TYPES)), UNIT_TYPES) == {}
    assert links.parse_region_params(None, None, None, UNIT_TYPES, ["BU"]) == (RegionParams(), [])


def test_bad_params_fall_back_with_a_notice_naming_each():
    parsed, notices = links.parse_region_params(
        "<b>x</b>", "mobilized,tanks", "XX", UNIT_TYPES, ["BU"]
    )
    assert parsed == RegionParams("rate", ("mobilized",), None)
    assert len(notices) == 3
    assert "metric=<b>x</b>" in notices[0]
    assert "'unit'" in notices[1] and "tanks" in notices[1]
    assert "sel=XX" in notices[2]


# ---- Why these regions: period=, unit=, search= ----


def test_why_default_view_gives_a_short_link():
    assert links.why_params(WhyParams(), UNIT_TYPES) == {}


def test_bad_why_link_values_fall_back_and_are_named():
    parsed, notices = links.parse_why_params("<b>x</b>", "tanks", "*" * 500, ["inmates"])
    assert parsed == WhyParams()
    assert len(notices) == 3
    assert "<b>x</b>" in notices[0] and "tanks" in notices[1]
    assert all(len(n) < 300 for n in notices)


# ---- Compare: cmp=, topic= ----


@pytest.mark.parametrize(
    ("value", "chosen", "notices"),
    [
        (None, None, 0),
        ("beta,alpha", ["alpha", "beta"], 0),
        (" alpha , beta ,", ["alpha", "beta"], 0),
        ("alpha,zeta,beta", ["alpha", "beta"], 1),
        ("alpha", None, 1),
        ("zeta", None, 2),
        ("", None, 1),
    ],
)
def test_parse_id_list(value, chosen, notices):
    got, found = links.parse_id_list(value, ["alpha", "beta", "gamma"], "cmp", minimum=2)
    assert got == chosen
    assert len(found) == notices
    assert all("'cmp'" in n for n in found)


@pytest.mark.parametrize(
    ("value", "minimum", "notice"),
    [
        ("", 1, "Link parameter 'topic' is empty; using all."),
        (" , ", 2, "Link parameter 'topic' is empty; using all."),
        ("alpha", 2, "Link parameter 'topic' chose 1 that can be shown; at least 2 are needed"),
    ],
)
def test_an_empty_or_too_short_id_list_says_so_plainly(value, minimum, notice):
    """`topic=` once read "chose fewer than 1 that can be shown"."""
    got, found = links.parse_id_list(value, ["alpha", "beta"], "topic", minimum)
    assert got is None
    assert len(found) == 1 and found[0].startswith(notice), found
    assert not any("fewer than" in n for n in found)


# ---- the Briefing: step= ----


@pytest.mark.parametrize(
    "raw,expected",
    [(None, (0, [])), ("1", (0, [])), ("9", (8, [])), ("4", (3, []))],
)
def test_parse_step_valid(raw: str | None, expected: tuple) -> None:
    assert links.parse_step(raw, 9) == expected


@pytest.mark.parametrize("raw", ["0", "10", "-1", "two", "3.5", ""])
def test_parse_step_invalid_opens_step_one_and_says_so(raw: str) -> None:
    index, [notice] = links.parse_step(raw, 9)
    assert index == 0
    assert "step" in notice


@pytest.mark.parametrize(
    "raw",
    [
        "mothers\u202e**b**",  # a right-to-left override: it mirrored the notice after it
        "moth\x00ers\x1b[31m",  # NUL and ESC
        "\u2066mothers\u2069\u200b",  # an isolate and a zero-width space
    ],
)
def test_search_text_and_echoed_values_drop_control_and_format_characters(raw):
    shown = links.search_text(raw)
    assert not any(c in shown for c in "\u202e\x00\x1b\u2066\u2069\u200b")
    assert shown.startswith("mothers") or shown.startswith("moth")
    assert not any(c in links.clip(raw) for c in "\u202e\x00\x1b\u2066\u2069\u200b")


def test_a_clipped_value_says_it_was_cut_even_where_its_head_was_mostly_controls():
    assert links.clip("\x00" * 200 + "tail") == "…"
    assert links.clip("a" * 50) == "a" * 39 + "…"
    assert links.clip("short") == "short"

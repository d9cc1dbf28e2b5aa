"""Hostile links, beyond tests/homefront/test_filters.py: every parser of a link parameter.

test_filters.py already runs 500 random links through parse_query (unknown keys, wrong types,
dates near the window, lists of ids, strings up to 4,500 characters). A link is typed or
crafted by anyone, so these add what it leaves out: values of 100,000 characters, control
characters, NUL, lone surrogates, other scripts' digits, right-to-left and zero-width marks;
and the page parameters (briefing `step`, the Regions page's `metric`/`unit`/`sel`, the
Compare page's id lists), which have parsers of their own. Each must return a usable value
and short notices, never raise.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homefront.links import (
    FILTER_PARAMS,
    MAX_PARAM,
    MAX_TEXT,
    parse_id_list,
    parse_query,
    parse_region_params,
    parse_step,
    to_query,
)
from homefront.region_metrics import METRICS
from tests.homefront.test_filters import DEFAULTS, OPTIONS, assert_within_options

# a notice quotes at most 40 characters of a value, so it stays short whatever the link holds
MAX_NOTICE = 400
STEPS = 9
UNIT_TYPES = ("professional army", "conscripted", "unknown")
REGIONS = ("BU", "TY", "UA-43")

controls = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])  # NUL, ESC, RTL marks, BOM, ...
digits = st.characters(categories=["Nd", "No"])  # ٣, ３, ², ½: isdigit() is not int()
odd = st.one_of(controls, digits, st.characters(categories=["Cs"]), st.characters())
hostile_text = st.text(odd, max_size=60)
# up to 100,000 characters, built by repetition so hypothesis need not draw each one
huge = st.builds(
    lambda unit, n: (unit * n)[:n], st.text(odd, min_size=1, max_size=4), st.integers(0, 100_000)
)
specials = st.sampled_from(
    [
        "\x00",
        "2022-03-01\x00",
        "families\x00,official",
        "\u202efamilies",
        "fam\u200bilies",
        "２０２２-０３-０１",
        "٢٠٢٢-٠٣-٠١",
        "²",
        "9" * 5000,
        "1" + "0" * 4400,
        "-1",
        "0",
        "3.0",
        "+3",
        " 3 ",
        "\ud800",
        "<script>alert(1)</script>",
        "![x](http://evil.example/x.png)",
        "[click](javascript:alert(1))",
        "%00%3Cscript%3E",
    ]
)
# lists of many unknown ids: each is named in a notice, which must not grow with them
many_ids = st.builds(
    lambda item, n: ",".join([item] * n),
    st.text(odd, min_size=1, max_size=5),
    st.integers(2, 20_000),
)
values = st.one_of(hostile_text, huge, specials, many_ids)
keys = st.one_of(st.sampled_from(FILTER_PARAMS), st.text(odd, max_size=12), huge)
links = st.dictionaries(keys, values, max_size=6)


def assert_short_notices(notices: list[str]) -> None:
    assert all(isinstance(n, str) for n in notices), notices
    assert all(len(n) <= MAX_NOTICE for n in notices), [len(n) for n in notices]


@given(links)
def test_a_hostile_link_gives_filters_within_the_options_and_short_notices(link):
    filters, notices = parse_query(link, DEFAULTS, OPTIONS)
    assert_within_options(filters)
    assert_short_notices(notices)
    for key, value in link.items():
        if key in FILTER_PARAMS and len(value) > MAX_PARAM:
            assert any(f"'{key}'" in n and "too long" in n for n in notices), notices
    # what the app writes back into the URL reopens the same view, silently
    assert parse_query(to_query(filters, DEFAULTS), DEFAULTS, OPTIONS) == (filters, [])


@pytest.mark.parametrize("key", FILTER_PARAMS)
def test_a_value_of_100k_characters_is_refused_with_one_short_notice(key):
    filters, [notice] = parse_query({key: "\x00<b>" * 25_000}, DEFAULTS, OPTIONS)
    assert filters == DEFAULTS
    assert len(notice) <= MAX_NOTICE and f"'{key}'" in notice


def test_search_text_keeps_odd_characters_but_never_more_than_the_limit():
    """Cyrillic and emoji stay, joiners included; control and format characters, which would
    reverse or hide the page's own words around the text, do not."""
    text = "\u202e\x00Бурятия👩‍👦" * 40
    filters, notices = parse_query({"q": text}, DEFAULTS, OPTIONS)
    assert filters.text == ("Бурятия👩‍👦" * 40)[: len(filters.text)]
    assert MAX_TEXT * 0.7 < len(filters.text) <= MAX_TEXT
    assert notices and "cut" in notices[0]


@given(st.one_of(st.none(), values))
def test_any_step_parameter_opens_a_step(raw):
    index, notices = parse_step(raw, STEPS)
    assert 0 <= index < STEPS
    if raw is not None and raw.isascii() and raw.isdigit() and 1 <= int(raw[:6]) <= STEPS:
        assert (index, notices) == (int(raw) - 1, [])
    elif raw is not None:
        assert index == 0 and len(notices) == 1
        assert_short_notices(notices)


@pytest.mark.parametrize("raw", ["²", "³", "½", "9" * 5000, "٣", "３", "03", "0", "10"])
def test_a_step_in_other_digits_or_out_of_range_opens_step_1_with_a_notice(raw):
    """'²'.isdigit() is true and int('²') raises: this link was a traceback (homefront.briefing)."""
    index, notices = parse_step(raw, STEPS)
    if raw == "03":
        assert (index, notices) == (2, [])
    else:
        assert index == 0 and len(notices) == 1


@given(*(st.one_of(st.none(), values) for _ in range(3)))
def test_any_regions_page_link_gives_a_known_view(metric, unit, sel):
    view, notices = parse_region_params(metric, unit, sel, UNIT_TYPES, REGIONS)
    assert view.metric in METRICS
    assert set(view.units) <= set(UNIT_TYPES)
    assert view.selected is None or view.selected in REGIONS
    assert_short_notices(notices)


@given(st.one_of(st.none(), values), st.integers(1, 3))
def test_any_compare_id_list_gives_known_ids_or_the_default(value, minimum):
    allowed = ("bbc", "rferl", "newsweek")
    chosen, notices = parse_id_list(value, allowed, "cmp", minimum)
    assert chosen is None or (set(chosen) <= set(allowed) and len(chosen) >= minimum)
    assert_short_notices(notices)

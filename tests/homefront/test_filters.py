"""homefront.links and homefront.filters: view filters from a link's query parameters, and back.

A link may be stale, mistyped or hostile; parsing must never fail, must stay within
the options, and must say which parameter it ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homefront.config import load_config
from homefront.filters import FilterOptions, ViewFilters, clamp_window, default_filters, known_only
from homefront.links import (
    FILTER_PARAMS,
    MAX_PARAM,
    MAX_TEXT,
    P_CATEGORIES,
    P_FROM,
    P_REGIONS,
    P_SOURCES,
    P_TEXT,
    P_TO,
    key_notices,
    parse_query,
    search_text,
    to_query,
)

CONFIG = load_config()
OPTIONS = FilterOptions(
    earliest=CONFIG.window_limits.start,
    latest=CONFIG.window_limits.end,
    categories=tuple(CONFIG.category_ids),
    sources=("alpha", "beta", "gamma"),
    regions=("BU", "TY", "ZAB"),
)
DEFAULTS = default_filters(CONFIG, OPTIONS)
ONE_DAY = dt.timedelta(days=1)


def parse(**params: str) -> tuple[ViewFilters, list[str]]:
    return parse_query(params, DEFAULTS, OPTIONS)


# --- defaults and examples


def test_defaults_come_from_the_config_and_the_options():
    assert (DEFAULTS.start, DEFAULTS.end) == (
        CONFIG.default_window.start,
        CONFIG.default_window.end,
    )
    assert DEFAULTS.categories == OPTIONS.categories
    assert DEFAULTS.sources == OPTIONS.sources
    assert (DEFAULTS.regions, DEFAULTS.text) == ((), "")


def test_defaults_make_an_empty_query():
    assert to_query(DEFAULTS, DEFAULTS) == {}


def test_no_parameters_give_the_defaults_without_notices():
    assert parse_query({}, DEFAULTS, OPTIONS) == (DEFAULTS, [])


def test_every_parameter_is_read():
    filters, notices = parse(
        **{
            P_FROM: "2022-03-01",
            P_TO: "2022-04-30",
            P_CATEGORIES: "families,official",
            P_SOURCES: "beta",
            P_REGIONS: "TY,BU",
            P_TEXT: "  meeting ",
        }
    )
    assert notices == []
    assert filters == ViewFilters(
        start=dt.date(2022, 3, 1),
        end=dt.date(2022, 4, 30),
        categories=("families", "official"),
        sources=("beta",),
        regions=("BU", "TY"),  # in the options' order, whatever the link's
        text="meeting",
    )


def test_lists_tolerate_spaces_and_empty_items():
    filters, notices = parse(**{P_CATEGORIES: " families , ,official,"})
    assert (filters.categories, notices) == (("families", "official"), [])


def test_parameters_of_a_page_are_ignored_silently():
    assert parse(metric="rate", selected="BU") == (DEFAULTS, [])


def test_to_query_writes_only_what_differs():
    filters = ViewFilters(
        start=DEFAULTS.start,
        end=dt.date(2022, 12, 31),
        categories=("families",),
        sources=DEFAULTS.sources,
        regions=("BU", "TY"),
        text="a, b",
    )
    assert to_query(filters, DEFAULTS) == {
        P_TO: "2022-12-31",
        P_CATEGORIES: "families",
        P_REGIONS: "BU,TY",
        P_TEXT: "a, b",
    }


def test_a_reordered_default_list_is_not_written():
    filters = ViewFilters(
        DEFAULTS.start, DEFAULTS.end, tuple(reversed(DEFAULTS.categories)), DEFAULTS.sources
    )
    assert to_query(filters, DEFAULTS) == {}


def test_parse_then_to_query_then_parse_is_stable():
    first, _ = parse(**{P_FROM: "2022-05-01", P_CATEGORIES: "official,nope", P_TEXT: "x" * 300})
    again, notices = parse_query(to_query(first, DEFAULTS), DEFAULTS, OPTIONS)
    assert (again, notices) == (first, [])


# --- bad values: the default, and a notice naming the parameter


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (P_FROM, "soon"),
        (P_FROM, "2022-02-30"),
        (P_FROM, ""),
        (P_TO, "24/02/2022"),
        (P_FROM, str(OPTIONS.earliest - ONE_DAY)),
        (P_TO, str(OPTIONS.latest + ONE_DAY)),
        (P_TO, "9999-12-31"),
    ],
)
def test_a_bad_or_out_of_range_date_falls_back_with_a_notice(key, value):
    filters, [notice] = parse(**{key: value})
    assert filters == DEFAULTS
    assert f"'{key}=" in notice
    assert f"between {OPTIONS.earliest} and {OPTIONS.latest}" in notice


def test_the_window_limits_themselves_are_accepted():
    filters, notices = parse(**{P_FROM: str(OPTIONS.earliest), P_TO: str(OPTIONS.latest)})
    assert (filters.start, filters.end, notices) == (OPTIONS.earliest, OPTIONS.latest, [])


@pytest.mark.parametrize(("key", "field"), [(P_CATEGORIES, "categories"), (P_SOURCES, "sources")])
def test_unknown_ids_are_dropped_with_a_notice(key, field):
    known = getattr(OPTIONS, field)[1]
    filters, [notice] = parse(**{key: f"{known},nope"})
    assert getattr(filters, field) == (known,)
    assert f"'{key}'" in notice
    assert "nope" in notice


@pytest.mark.parametrize(("key", "field"), [(P_CATEGORIES, "categories"), (P_SOURCES, "sources")])
def test_only_unknown_ids_fall_back_to_the_default(key, field):
    filters, notices = parse(**{key: "nope,<b>bold</b>"})
    assert getattr(filters, field) == getattr(DEFAULTS, field)
    assert len(notices) == 2
    assert all(f"'{key}'" in n for n in notices)
    assert "nothing valid" in notices[1]


@pytest.mark.parametrize(("key", "field"), [(P_CATEGORIES, "categories"), (P_SOURCES, "sources")])
def test_none_chosen_round_trips_without_a_notice(key, field):
    """Every pill cleared is written as an empty value (`cat=`), and read back as none
    chosen: a reload or a shared link keeps the view, and does not blame the link."""
    cleared = replace(DEFAULTS, **{field: ()})
    written = to_query(cleared, DEFAULTS)
    assert written == {key: ""}
    assert parse_query(written, DEFAULTS, OPTIONS) == (cleared, [])


@pytest.mark.parametrize(("key", "field"), [(P_CATEGORIES, "categories"), (P_SOURCES, "sources")])
@pytest.mark.parametrize("value", [",", " , ,"])
def test_a_list_of_blanks_falls_back_to_the_default(key, field, value):
    filters, [notice] = parse(**{key: value})
    assert getattr(filters, field) == getattr(DEFAULTS, field)
    assert f"'{key}'" in notice
    assert "nothing valid" in notice


def test_unknown_regions_are_dropped_leaving_all_regions():
    filters, [notice] = parse(**{P_REGIONS: "XX"})
    assert filters.regions == ()
    assert f"'{P_REGIONS}'" in notice


def test_an_empty_region_list_means_all_regions_without_a_notice():
    assert parse(**{P_REGIONS: ""}) == (DEFAULTS, [])


@pytest.mark.parametrize(
    ("key", "day", "window"),
    [
        (P_FROM, "2023-03-01", (dt.date(2023, 3, 1), OPTIONS.latest)),
        (P_TO, "2022-02-01", (OPTIONS.earliest, dt.date(2022, 2, 1))),
    ],
)
def test_a_lone_bound_past_the_default_window_opens_it_to_the_limit(key, day, window):
    """`?from=` after the default end, alone, is a window from that day to the last (not a
    notice blaming a 'to' the link does not have); `?to=` before the default start likewise."""
    filters, notices = parse(**{key: day})
    assert ((filters.start, filters.end), notices) == (window, [])


def test_a_bound_beside_a_bad_one_is_not_opened_to_the_limit():
    """`?from=2023-02-01&to=`: the notice says 'to' falls back to the default, so the window
    is the default one, as the second notice says, not one open to the last day."""
    filters, notices = parse(**{P_FROM: "2023-02-01", P_TO: ""})
    assert (filters.start, filters.end) == (DEFAULTS.start, DEFAULTS.end)
    assert len(notices) == 2 and "ends before it starts" in notices[1]


def test_a_window_ending_before_it_starts_falls_back_to_the_default_window():
    filters, [notice] = parse(**{P_FROM: "2022-12-01", P_TO: "2022-06-01"})
    assert (filters.start, filters.end) == (DEFAULTS.start, DEFAULTS.end)
    assert "ends before it starts" in notice
    assert "'from'" in notice and "'to'" in notice


def test_over_long_text_is_cut_with_a_notice():
    filters, [notice] = parse(**{P_TEXT: "ab" * MAX_TEXT})
    assert filters.text == ("ab" * MAX_TEXT)[:MAX_TEXT]
    assert "'q'" in notice and "cut" in notice
    assert str(MAX_TEXT) in notice


@pytest.mark.parametrize("key", FILTER_PARAMS)
def test_an_over_long_parameter_is_ignored_with_a_notice(key):
    filters, [notice] = parse(**{key: "x" * (MAX_PARAM + 1)})
    assert filters == DEFAULTS
    assert f"'{key}'" in notice
    assert "too long" in notice


def test_a_value_that_is_not_text_is_ignored_with_a_notice():
    filters, [notice] = parse_query({P_CATEGORIES: ["families"]}, DEFAULTS, OPTIONS)
    assert filters == DEFAULTS
    assert f"'{P_CATEGORIES}'" in notice


def test_a_notice_quotes_a_long_value_only_in_part():
    value = "2022-" + "9" * 100
    _, [notice] = parse(**{P_FROM: value})
    assert value not in notice
    assert value[:30] in notice


def test_each_bad_parameter_gets_its_own_notice():
    _, notices = parse(**{P_FROM: "soon", P_TO: "later", P_SOURCES: "nope,beta"})
    assert [n for n in notices if f"'{P_FROM}=" in n]
    assert [n for n in notices if f"'{P_TO}=" in n]
    assert [n for n in notices if f"'{P_SOURCES}'" in n]
    assert len(notices) == 3


# --- properties

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**bold** [link](javascript:alert(1))",
    "families,<b>official</b>",
    "Бурятия, Тыва",
    "👩‍👦" * 50,
    "\x00\u202e\ufeff",
    ",,,,",
    "2022-03-01T00:00",
    "20220301",
    "2022-W10-1",
    "-1",
    " ",
]
dates = st.dates(min_value=dt.date(1, 1, 1)).map(str)
near_dates = st.dates(
    min_value=OPTIONS.earliest - dt.timedelta(days=60),
    max_value=OPTIONS.latest + dt.timedelta(days=60),
).map(str)
id_lists = st.lists(
    st.sampled_from(OPTIONS.categories + OPTIONS.sources + OPTIONS.regions + ("nope", "", " "))
).map(",".join)
long_strings = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(0, 900))
values = st.one_of(st.text(), near_dates, dates, id_lists, long_strings, st.sampled_from(HOSTILE))
keys = st.one_of(st.sampled_from((*FILTER_PARAMS, "metric", "")), st.text(max_size=10))
params = st.dictionaries(keys, values, max_size=8)


def assert_within_options(filters: ViewFilters) -> None:
    assert isinstance(filters, ViewFilters)
    assert OPTIONS.earliest <= filters.start <= filters.end <= OPTIONS.latest
    # none chosen is a view the sidebar can make (every pill cleared), so a link can too
    assert set(filters.categories) <= set(OPTIONS.categories)
    assert set(filters.sources) <= set(OPTIONS.sources)
    assert set(filters.regions) <= set(OPTIONS.regions)
    assert isinstance(filters.text, str)
    assert len(filters.text) <= MAX_TEXT


@given(params)
def test_any_link_gives_filters_within_the_options(link):
    filters, notices = parse_query(link, DEFAULTS, OPTIONS)
    assert_within_options(filters)
    assert all(isinstance(n, str) for n in notices)


@given(params)
def test_parsed_filters_survive_a_round_trip(link):
    filters, _ = parse_query(link, DEFAULTS, OPTIONS)
    assert parse_query(to_query(filters, DEFAULTS), DEFAULTS, OPTIONS) == (filters, [])


def subsequence(items: tuple[str, ...], min_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    """A subset of items, kept in their order (as the sidebar and parse_query keep them)."""
    return st.sets(st.sampled_from(items), min_size=min_size).map(
        lambda chosen: tuple(i for i in items if i in chosen)
    )


@st.composite
def valid_filters(draw) -> ViewFilters:
    start = draw(st.dates(OPTIONS.earliest, OPTIONS.latest))
    end = draw(st.dates(start, OPTIONS.latest))
    return ViewFilters(
        start=start,
        end=end,
        categories=draw(subsequence(OPTIONS.categories, 1)),
        sources=draw(subsequence(OPTIONS.sources, 1)),
        regions=draw(subsequence(OPTIONS.regions, 0)),
        text=draw(st.text(max_size=MAX_TEXT).map(search_text)),  # as the box and link keep it
    )


@given(valid_filters())
def test_valid_filters_round_trip_through_a_link(filters):
    query = to_query(filters, DEFAULTS)
    assert set(query) <= set(FILTER_PARAMS)
    assert all(len(v) <= MAX_PARAM for v in query.values())
    assert parse_query(query, DEFAULTS, OPTIONS) == (filters, [])


# --- a kept or tampered widget value (clamp_window, known_only), as the sidebar applies them


@settings(max_examples=min(200, settings.default.max_examples))
@given(
    value=st.one_of(
        st.tuples(st.dates(), st.dates()),
        st.lists(st.dates(), max_size=3),
        st.text(max_size=5),
        st.none(),
        st.tuples(st.datetimes(), st.dates()),
    )
)
def test_any_kept_window_becomes_one_the_slider_can_show(value):
    options = FilterOptions(dt.date(2022, 1, 1), dt.date(2023, 6, 30), ("a",), ("s",), ("BU",))
    defaults = ViewFilters(dt.date(2022, 2, 24), dt.date(2023, 1, 10), ("a",), ("s",))
    (start, end), notice = clamp_window(value, defaults, options)
    assert options.earliest <= start <= end <= options.latest
    assert (notice is None) == (
        isinstance(value, tuple) and not isinstance(value[0], dt.datetime) and value == (start, end)
    )


def test_known_only_keeps_known_ids_in_order_and_names_the_rest():
    assert known_only(["BU", 7, "XX", "TY"], ("TY", "BU")) == (["BU", "TY"], ["7", "XX"])
    assert known_only("BU", ("BU",)) == ([], [])  # not a list: nothing kept, nothing named


def test_a_misspelt_or_repeated_link_key_gets_a_notice():
    assert key_notices({"regions": 1, "q": 1, "step": 1, "sel": 1, "cmp": 1}) == [
        "Link parameter 'regions' is not known; did you mean 'region'?"
    ]
    [notice] = key_notices({"q": 2000, "region": 1})
    assert notice == "Link parameters given more than once: q; the last is used."
    assert key_notices({"from": 1, "to": 1, "event": 1, "metric": 1, "topic": 1}) == []


@settings(max_examples=min(200, settings.default.max_examples))
@given(counts=st.dictionaries(st.text(max_size=3000), st.integers(1, 5000), max_size=300))
def test_link_key_notices_stay_few_and_short(counts):
    notices = key_notices(counts)
    assert len(notices) <= 6
    assert all(len(n) <= 400 for n in notices)

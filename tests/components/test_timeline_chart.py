"""components.timeline_chart: which event a click in the chart picks."""

from __future__ import annotations

from components.timeline_chart import picked_event

EVENTS = ("invasion-begins", "putin-meets-mothers")


def test_a_click_on_an_event_picks_it():
    points = [{"curve_number": 3, "point_index": 1, "customdata": ["putin-meets-mothers", "…"]}]
    assert picked_event(points, EVENTS) == "putin-meets-mothers"


def test_clicks_on_claims_confirmed_deaths_or_nothing_pick_no_event():
    claim = {"curve_number": 9, "customdata": "<b>about 37,500</b>: Russian military dead"}
    confirmed = {"curve_number": 7, "customdata": "March 2022"}
    outline = {"curve_number": 5, "x": "2022-11-25", "y": 4}
    assert picked_event([claim, confirmed, outline], EVENTS) is None
    assert picked_event([], EVENTS) is None


def test_an_event_no_longer_shown_is_not_picked():
    points = [{"customdata": ["tyva-unit-moved-to-belarus", "…"]}]
    assert picked_event(points, EVENTS) is None


def test_a_selection_no_chart_sends_picks_nothing():
    """What a tampered client may send instead of the chart's points: none picks an event,
    and none raises."""
    for points in (["x", 3], {"a": 1}, None, [{"customdata": [[1]]}], [{"customdata": {}}]):
        assert picked_event(points, EVENTS) is None

"""What the unit-type widget holds for a choice: every pill on, or an empty box, for all."""

from __future__ import annotations

from components.unit_types import MAX_PILLS, widget_value


def test_pills_hold_every_type_for_all_and_a_choice_as_it_is():
    types = ["a", "b", "c"]
    assert widget_value((), types) == types  # every pill on
    assert widget_value(("b",), types) == ["b"]


def test_the_box_is_empty_for_all_and_holds_a_choice_as_it_is():
    many = [f"type {i}" for i in range(MAX_PILLS + 1)]
    assert widget_value((), many) == []  # empty: its placeholder says all
    assert widget_value(tuple(many), many) == []
    assert widget_value(("type 2", "type 0"), many) == ["type 2", "type 0"]

"""homefront.schemas: each record model's own rules."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from homefront.schemas import AsOf, Claim, Event, Measure, Source


def source(**changes) -> dict:
    record = {
        "id": "alpha",
        "outlet": "Fixture Gazette",
        "short_name": "Gazette",
        "title": "Fixture: A story",
        "published": "2022-09-30",
        "date_precision": "day",
        "kind": "news",
        "licence_note": "Invented for the tests.",
    }
    return record | changes


def event(**changes) -> dict:
    record = {
        "id": "ev-one",
        "date": "2022-11-25",
        "date_precision": "day",
        "title": "Fixture: An event",
        "summary": "Something happened.",
        "category": "families",
        "sources": ["alpha"],
    }
    return record | changes


def figure(**changes) -> dict:
    record = {
        "id": "fig-one",
        "measure": "deaths-confirmed",
        "value": 1000,
        "qualifier": "exact",
        "claimant": "Fixture Ministry",
        "as_of": {"date": "2022-03-25", "precision": "day"},
        "source": "alpha",
        "quote": "A thousand.",
    }
    return record | changes


def errors(model, data) -> list[dict]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value.errors()


def messages(model, data) -> str:
    return " | ".join(e["msg"] for e in errors(model, data))


# --- Source


def test_a_complete_source_is_valid():
    parsed = Source.model_validate(source(author="A. Writer", url="https://example.org/a"))
    assert parsed.published == dt.date(2022, 9, 30)
    assert parsed.url == "https://example.org/a"


def test_optional_source_fields_default_to_empty():
    parsed = Source.model_validate(source())
    assert (parsed.author, parsed.url, parsed.doi, parsed.repository) == ("", "", "", "")


def test_an_inferred_date_needs_a_date_note():
    assert "date_note is required" in messages(Source, source(date_precision="inferred"))
    assert "date_note is required" in messages(
        Source, source(date_precision="inferred", date_note="   ")
    )
    note = "Not printed; inferred from the text."
    assert Source.model_validate(source(date_precision="inferred", date_note=note))


@pytest.mark.parametrize("url", ["example.org/a", "ftp://example.org/a", "https://", "http://a b"])
def test_a_given_url_must_be_http_or_https(url):
    assert "url must start with http:// or https://" in messages(Source, source(url=url))


@pytest.mark.parametrize("url", ["", "http://example.org", "https://doi.org/10.1/x?y=1#z"])
def test_an_empty_or_http_url_is_accepted(url):
    assert Source.model_validate(source(url=url)).url == url


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "Alpha"),
        ("id", "al pha"),
        ("kind", "blog"),
        ("date_precision", "week"),
        ("title", "  "),
        ("published", "soon"),
    ],
)
def test_source_field_rules(field, value):
    [error] = errors(Source, source(**{field: value}))
    assert error["loc"] == (field,)


def test_an_unknown_key_is_rejected():
    [error] = errors(Source, source(autor="A. Writer"))
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("autor",)


def test_records_are_frozen():
    parsed = Source.model_validate(source())
    with pytest.raises(ValidationError):
        parsed.title = "changed"


# --- Event


def test_a_minimal_event_is_valid():
    parsed = Event.model_validate(event())
    assert (parsed.regions, parsed.quotes, parsed.accounts, parsed.date_end) == ([], [], [], None)


def test_an_approximate_date_needs_a_date_note():
    assert "date_note is required" in messages(Event, event(date_precision="approximate"))
    parsed = Event.model_validate(event(date_precision="approximate", date_note="Mid-month."))
    assert parsed.date_note == "Mid-month."


def test_an_earliest_date_needs_a_note_and_has_no_end():
    assert "date_note is required" in messages(Event, event(date_precision="earliest"))
    windowed = event(date_precision="earliest", date_note="After June.", date_end="2022-12-01")
    assert "has no known end" in messages(Event, windowed)
    parsed = Event.model_validate(event(date_precision="earliest", date_note="After June."))
    assert parsed.end == parsed.date  # drawn at its first day, as a point


def test_date_end_before_date_is_rejected():
    assert "date_end 2022-11-24 is before date 2022-11-25" in messages(
        Event, event(date_end="2022-11-24")
    )


def test_date_end_on_the_same_day_is_accepted():
    assert Event.model_validate(event(date_end="2022-11-25")).date_end == dt.date(2022, 11, 25)


@pytest.mark.parametrize(
    ("field", "value", "loc"),
    [
        ("sources", [], ("sources",)),
        ("regions", ["bu"], ("regions", 0)),
        ("regions", ["BURY"], ("regions", 0)),
        ("category", "Families", ("category",)),
        ("date_precision", "year", ("date_precision",)),
        ("quotes", [{"text": "Hi", "speaker": "A"}], ("quotes", 0, "source")),
        (
            "quotes",
            [{"text": "Hi", "speaker": "A", "source": "alpha", "when": "x"}],
            ("quotes", 0, "when"),
        ),
        ("accounts", [{"source": "alpha"}], ("accounts", 0, "account")),
    ],
)
def test_event_field_rules(field, value, loc):
    [error] = errors(Event, event(**{field: value}))
    assert error["loc"] == loc


@pytest.mark.parametrize(
    ("date", "precision", "end"),
    [
        ("2022-11-25", "day", "2022-11-25"),
        ("2022-11-25", "approximate", "2022-11-25"),
        ("2022-03-07", "week", "2022-03-13"),
        ("2022-12-29", "week", "2023-01-04"),
        ("2022-11-01", "month", "2022-11-30"),
        ("2022-11-15", "month", "2022-11-30"),
        ("2022-12-01", "month", "2022-12-31"),
        ("2022-12-31", "month", "2022-12-31"),
        ("2023-02-01", "month", "2023-02-28"),
        ("2024-02-10", "month", "2024-02-29"),
        ("2022-01-31", "month", "2022-01-31"),
    ],
)
def test_event_end_covers_its_precision(date, precision, end):
    note = {"date_note": "Roughly."} if precision == "approximate" else {}
    parsed = Event.model_validate(event(date=date, date_precision=precision, **note))
    assert parsed.end == dt.date.fromisoformat(end)


@pytest.mark.parametrize("precision", ["day", "week", "month"])
def test_event_end_is_date_end_when_given(precision):
    parsed = Event.model_validate(
        event(date="2022-09-21", date_end="2022-10-28", date_precision=precision)
    )
    assert parsed.end == dt.date(2022, 10, 28)


# --- Claim and AsOf


def test_a_figure_with_a_value_is_valid():
    parsed = Claim.model_validate(figure())
    assert (parsed.value, parsed.low, parsed.high, parsed.revises) == (1000, None, None, None)


@pytest.mark.parametrize("field", ["value", "low", "high"])
@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_figure_is_never_nan_or_infinite(field, number):
    # YAML's .nan and .inf are floats, but no source claims them
    changes = {"value": None, "low": 1, "high": 2} | {field: number}
    assert "finite number" in messages(Claim, figure(**changes))


def test_a_range_figure_needs_both_low_and_high():
    parsed = Claim.model_validate(figure(value=None, low=10000, high=15000))
    assert (parsed.value, parsed.low, parsed.high) == (None, 10000, 15000)
    assert "give a value, or both low and high" in messages(Claim, figure(value=None, low=10))
    assert "give a value, or both low and high" in messages(Claim, figure(value=None, high=10))
    assert "give a value, or both low and high" in messages(Claim, figure(value=None))


def test_low_above_high_is_rejected():
    assert "low 15000 is above high 10000" in messages(
        Claim, figure(value=None, low=15000, high=10000)
    )
    assert Claim.model_validate(figure(value=None, low=5, high=5)).low == 5


def test_a_figure_cannot_revise_itself():
    assert "cannot revise itself" in messages(Claim, figure(revises="fig-one"))
    assert Claim.model_validate(figure(revises="fig-zero")).revises == "fig-zero"


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"qualifier": "roughly"}, ("qualifier",)),
        ({"value": "many"}, ("value",)),
        ({"region": "bu"}, ("region",)),
        ({"as_of": {"date": "2022-03-25"}}, ("as_of", "precision")),
        ({"as_of": {"date": "2022-03-25", "precision": "day", "by": "x"}}, ("as_of", "by")),
        ({"claimant": ""}, ("claimant",)),
        ({"valeu": 3}, ("valeu",)),
    ],
)
def test_figure_field_rules(changes, loc):
    [error] = errors(Claim, figure(**changes))
    assert error["loc"] == loc


def test_an_inferred_as_of_needs_a_note():
    assert "note is required" in messages(AsOf, {"date": "2022-10-01", "precision": "inferred"})
    assert AsOf.model_validate({"date": "2022-10-01", "precision": "inferred", "note": "Guess."})


# --- Measure


def test_measure_rules():
    record = {"id": "mobilised", "label": "Mobilised", "unit": "people", "counts": "Call-ups."}
    assert Measure.model_validate(record).unit == "people"
    [error] = errors(Measure, record | {"units": "people"})
    assert error["type"] == "extra_forbidden"
    [error] = errors(Measure, {k: v for k, v in record.items() if k != "counts"})
    assert error["loc"] == ("counts",)


def test_a_text_field_far_longer_than_any_paragraph_is_refused():
    from pydantic import ValidationError

    from homefront.schemas import MAX_TEXT, Measure

    fields = {"id": "m", "label": "L", "unit": "u", "counts": "x" * MAX_TEXT}
    assert Measure.model_validate(fields).counts == "x" * MAX_TEXT
    with pytest.raises(ValidationError, match=f"at most {MAX_TEXT} characters"):
        Measure.model_validate(fields | {"counts": "x" * (MAX_TEXT + 1)})


def test_a_copy_with_other_dates_has_its_own_end_not_the_cached_one():
    month = Event.model_validate(event(date="2022-03-01", date_precision="month"))
    assert month.end == dt.date(2022, 3, 31)  # worked out, and kept
    day = month.model_copy(update={"date_precision": "day"})
    assert day.end == dt.date(2022, 3, 1)
    assert month.end == dt.date(2022, 3, 31)

"""The shipped dataset itself: clean, complete enough, and true to its sources."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from homefront.claim_dates import as_of_text, claim_window
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.event_dates import event_date_text, event_window
from homefront.paths import DATA_DIR, ROOT
from homefront.quotes import ARTICLES_DIR, CAPTURES, check_verbatim, normalise
from homefront.validation import collect

SOURCES = ROOT.parent / "shared" / "sources"
needs_articles = pytest.mark.skipif(
    not (SOURCES / ARTICLES_DIR).is_dir(),
    reason=f"source pack not found at {SOURCES}: quotes cannot be checked against the articles",
)


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA_DIR, load_config())


def all_quotes(data) -> list[tuple[str, str, str]]:
    """(source id, quote text, where) for every quote in events, figures and coverage."""
    quotes = [(q.source, q.text, f"event {e.id}") for e in data.events for q in e.quotes]
    quotes += [(f.source, f.quote, f"figure {f.id}") for f in data.figures]
    quotes += [
        (source, q.text, f"coverage {t.id}/{source}")
        for t in data.coverage.topics
        for source, cell in t.cells.items()
        for q in cell.quotes
    ]
    return quotes


@needs_articles
def test_every_quote_is_verbatim_in_its_article():
    """The check `python -m homefront validate --sources` runs (homefront.quotes)."""
    tables, coverage, _, _, problems = collect(DATA_DIR, load_config())
    assert problems == []
    assert check_verbatim(tables, coverage, SOURCES) == []


def test_quotes_are_short_and_attributed(data):
    for source, text, where in all_quotes(data):
        assert source in data.sources, where
        assert len(text) <= 400, f"{where}: quote longer than a sentence or two"


def test_events_span_build_up_to_january_2023(data):
    assert len(data.events) >= 30
    assert min(e.date for e in data.events) < dt.date(2022, 2, 24)
    assert max(e.date for e in data.events) >= dt.date(2023, 1, 1)


def test_every_category_and_article_is_used(data):
    assert {e.category for e in data.events} == set(load_config().category_ids)
    cited = {s for e in data.events for s in e.sources} | {f.source for f in data.figures}
    assert set(CAPTURES) <= cited


def test_revision_chain_of_the_new_year_strike_toll(data):
    revised = [f for f in data.figures if f.revises]
    assert revised, "the MoD's 63 -> 89 revision should be recorded"
    by_id = {f.id: f for f in data.figures}
    assert any(by_id[f.revises].value == 63 and f.value == 89 for f in revised)


def test_every_measure_is_documented_in_the_data_readme(data):
    readme = (DATA_DIR / "README.md").read_text()
    undocumented = [m for m in data.measures if f"`{m}`" not in readme]
    assert not undocumented, f"measures missing from data/README.md: {undocumented}"


def test_no_row_level_casualty_records_are_committed():
    names = [p.name for p in Path(DATA_DIR).rglob("*")]
    assert "dfFatalitiesAnonymised.csv" not in names
    for csv in Path(DATA_DIR).rglob("*.csv"):
        header = csv.read_text().splitlines()[0]
        assert "first_name" not in header and "birthYear" not in header, csv


def test_an_event_quoting_a_figure_is_placed_no_more_precisely_than_the_figure(data):
    """Issue 15.10: the men sent back to the front have no region, so their event has none."""
    by_quote = {(f.source, normalise(f.quote)): f for f in data.figures}
    for event in data.events:
        quoted = [by_quote.get((q.source, normalise(q.text))) for q in event.quotes]
        regions = {f.region for f in quoted if f is not None}
        if regions:
            assert set(event.regions) <= regions - {None}, (event.id, event.regions, regions)


def test_an_inferred_article_date_says_which_bound_it_is(data):
    for source in data.sources.values():
        if source.date_precision != "inferred":
            continue
        for bound in ("earliest", "latest"):
            if getattr(source, bound) is not None:
                assert bound in source.date_note, f"{source.id}: date_note does not say {bound}"


def test_an_event_dated_as_of_its_article_reads_as_the_articles_figures_do(data):
    """RFE/RL's count of 159 is an event and a figure: both dated only by the article,
    '11 Jul 2022 or later', never '11 Jul 2022 (approximate)' beside it."""
    event = next(e for e in data.events if e.id == "rferl-regional-death-tally")
    figure = data.figure_by_id["rferl-buryatia-deaths"]
    assert event_date_text(event) == "11 Jul 2022 or later"
    assert as_of_text(figure, data.sources[figure.source]).startswith(event_date_text(event))
    for event in data.events:  # an earliest day is the note's own word for it
        if event.date_precision == "earliest":
            assert "or later" in event.date_note or "earliest" in event.date_note, event.id


def test_an_event_and_the_figures_it_quotes_cover_the_same_days(data):
    """A quote that is both an event's and a figure's is dated alike in both: the threat of
    eight years in prison read "1 Jun 2022 (approximate)" as a figure and "1 Jun 2022 or
    later" as an event; the brigade's losses "4 Jul 2022 or later" and "(approximate)". The
    days are the date window's (event_dates.event_window, claim_dates.claim_window)."""
    quoted = [(f, normalise(f.quote)) for f in data.figures if f.quote]
    pairs = 0
    for event in data.events:
        days = event_window(event, data.sources)
        for quote in event.quotes:
            text = normalise(quote.text)
            for figure, words in quoted:
                if figure.source == quote.source and (words in text or text in words):
                    pairs += 1
                    window = claim_window(figure, data.sources[figure.source])
                    assert window == days, (event.id, days, figure.id, window)
    assert pairs >= 5  # the brigade's three, the threat, the refusals


def test_an_or_later_event_may_fall_on_any_day_up_to_its_first_articles_last(data):
    """The censorship laws came "soon after" the invasion, 24 Feb 2022 or later, in a BBC
    article of 25-30 Nov 2022: they fall between, whatever the recorded day. The Tyvan
    refusals, "1 Jun 2022 or later" in an RFE/RL article itself dated only "11 Jul 2022 or
    later", have no last day."""
    censorship = data.event_by_id["censorship-laws-false-information"]
    assert event_date_text(censorship) == "24 Feb 2022 or later"
    assert event_window(censorship, data.sources) == (dt.date(2022, 2, 24), dt.date(2022, 11, 30))
    refusals = data.event_by_id["tyva-soldiers-refuse-and-are-released"]
    assert event_window(refusals, data.sources) == (dt.date(2022, 6, 1), None)


@needs_articles
def test_every_rferl_photo_caption_is_used_or_listed_as_left_out(data):
    """Issue 15.11: RFE/RL's capture prints each caption twice, on consecutive lines."""
    lines = [
        normalise(line)
        for line in (SOURCES / ARTICLES_DIR / CAPTURES["rferl"]).read_text().splitlines()
    ]
    captions = {a for a, b in itertools.pairwise(lines) if a and a == b}
    assert len(captions) == 4
    quoted = [normalise(text) for source, text, _ in all_quotes(data) if source == "rferl"]
    left_out = (DATA_DIR / "README.md").read_text().split("### Events deliberately not recorded")[1]
    for caption in captions:
        places = [w for w in re.findall(r"\b[A-Z][a-z]{5,}\b", caption) if w not in {"Russian"}]
        used = any(q in caption or caption in q for q in quoted)
        assert used or any(p in left_out for p in places), (
            f"caption neither used nor listed: {caption}"
        )

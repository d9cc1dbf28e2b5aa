"""homefront/charts/margins.py: labels measured before Plotly draws them, and the margins
the charts get from them (Chromium holds them to what Plotly measures:
tests/browser/test_chart_margins_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageFont

from homefront.charts import margins, theme
from homefront.charts.theme import axis, figure

LIBERATION = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


def test_a_label_is_as_wide_as_its_widest_line_with_its_markup_not_drawn():
    one = margins.text_width("Families & protest", 15)
    assert margins.text_width("Families &amp; protest", 15) == one
    assert margins.text_width("ab<br>Families & protest", 15) == one
    assert margins.text_width("<b>Families & protest</b>", 15) > one
    assert margins.text_width("<i>Families</i> & protest", 15) == one
    assert margins.text_width("Families & protest", 30) == pytest.approx(2 * one)


def test_a_character_the_table_lacks_counts_an_em():
    assert margins.text_width("漢", 20) == 20
    assert margins.widest([], 15) == 0


@pytest.mark.skipif(not LIBERATION.exists(), reason=f"{LIBERATION} not installed")
def test_a_label_measures_no_narrower_than_freetype_lays_it_out_and_close_to_it():
    """Never narrower (a margin short of its label draws the chart twice); a little wider
    where the font kerns pairs of letters closer, which the sum of advances leaves out."""
    font = ImageFont.truetype(str(LIBERATION), 14)
    for label in ("Information control (4)", "police / national guard / FSB", "Республика Тыва"):
        laid_out = font.getlength(label)
        assert laid_out - 0.1 <= margins.text_width(label, 14, "sans-serif") <= laid_out * 1.02 + 1


def test_lines_stack_at_plotlys_spacing():
    one = margins.lines_height(["The Moscow Times"], 15)
    three = margins.lines_height(["The<br>Moscow<br>Times", "BBC"], 15)
    assert three - one == pytest.approx(2 * margins.LINE_SPACING * 15)


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([3, 95], ["888"]),  # ticks up to 100
        ([0.2, 3.0], ["3.3"]),
        ([120, 25_000], ["27k", "27.5k"]),
        ([-40, 10], ["−88"]),
        ([None, float("nan")], ["0"]),
    ],
)
def test_number_labels_are_at_least_as_wide_as_plotlys_ticks(values, labels):
    assert margins.number_labels(values) == labels


def test_turned_labels_fill_a_turned_box():
    width, height = margins.extent(["Feb 2022"], 14, angle=-45)
    flat_width, flat_height = margins.extent(["Feb 2022"], 14)
    assert width == pytest.approx(height)
    assert width == pytest.approx((flat_width + flat_height) * 0.7071, rel=1e-3)


def test_a_chart_gets_the_margin_its_longest_label_needs():
    def left(names: list[str]) -> int:
        trace = {"type": "bar", "x": [1] * len(names), "y": names, "orientation": "h"}
        return figure(trace, "t", 300, axis("deaths"), axis())["layout"]["margin"]["l"]

    short, long = left(["Tyva"]), left(["Tyva", "Kabardino-Balkaria"])
    assert long - short == pytest.approx(
        margins.text_width("Kabardino-Balkaria", theme.FONT_SIZE - 1)
        - margins.text_width("Tyva", theme.FONT_SIZE - 1),
        abs=1,
    )
    assert short == margins.room(margins.text_width("Tyva", 14), margins.THEMED_LEFT)


def test_a_label_too_long_for_any_screen_is_left_to_plotly():
    """A hostile name thousands of characters long gets MAX_ROOM, not a margin wider than
    the chart: automargin pushes further only as far as Plotly's own limit."""
    trace = {"type": "bar", "x": [1], "y": ["x" * 5_000], "orientation": "h"}
    assert figure(trace, "t", 300, axis(), axis())["layout"]["margin"]["l"] == margins.MAX_ROOM


@pytest.mark.parametrize(
    "title",
    [
        "Top 20 by deaths per 100,000 men aged 16–61.5",
        "Deaths per month, Yamalo-Nenets Autonomous Okrug &amp; a long name",
        "Rate against poverty: ρ = 0.30",
        "x" * 400 + " word",
    ],
)
def test_a_title_breaks_into_lines_a_phone_shows_whole(title):
    """Each line fits theme.TITLE_WIDTH (bold, as drawn) unless it is one word too wide for
    any line; the words keep their order; no line could have taken the next one's first word."""
    size = theme.FONT_SIZE + 2
    lines = margins.wrap(title, theme.TITLE_WIDTH, size)
    assert " ".join(lines) == title
    for i, line in enumerate(lines):
        fits = margins.text_width(f"<b>{line}</b>", size) <= theme.TITLE_WIDTH
        assert fits or " " not in line
        if i + 1 < len(lines):
            joined = f"{line} {lines[i + 1].split(' ')[0]}"
            assert margins.text_width(f"<b>{joined}</b>", size) > theme.TITLE_WIDTH


def test_a_title_of_two_lines_gets_a_lines_room_above_the_plot_and_keeps_the_plots_height():
    trace = {"type": "bar", "x": [1], "y": ["Tyva"], "orientation": "h"}
    short = figure(trace, "Rate against poverty", 300, axis(), axis())["layout"]
    long = figure(trace, "Top 20 by deaths per 100,000 men aged 16–61.5", 300, axis(), axis())
    layout = long["layout"]
    assert short["title"]["text"] == "Rate against poverty"
    assert layout["title"]["text"].count("<br>") == 1
    extra = layout["margin"]["t"] - short["margin"]["t"]
    assert extra == round(margins.LINE_SPACING * (theme.FONT_SIZE + 2))
    assert layout["height"] - extra == short["height"] == 300


@pytest.mark.parametrize("title", ["Deaths per month,  Tyva ", " Deaths  per month ", ""])
def test_spaces_in_a_title_make_no_empty_line_and_no_leading_space(title):
    lines = margins.wrap(title, 110, theme.FONT_SIZE + 2)  # breaks, in at most three lines
    assert all(line == line.strip() for line in lines)
    assert " ".join(lines) == " ".join(title.split())
    assert [line for line in lines if not line] == ([""] if not title.strip() else [])


def test_a_title_of_endless_words_stops_at_three_lines_and_says_so():
    """A hostile region name in a title: three lines at most, the last ending in an ellipsis,
    so the chart keeps its plot."""
    lines = margins.wrap(" ".join(["Kabardino-Balkaria"] * 500), theme.TITLE_WIDTH, 17)
    assert len(lines) == 3 and lines[-1].endswith(" …")
    trace = {"type": "bar", "x": [1], "y": ["Tyva"], "orientation": "h"}
    layout = figure(trace, "Tyva " * 2_000, 300, axis(), axis())["layout"]
    assert layout["margin"]["t"] == theme.TITLE_TOP + 2 * round(margins.LINE_SPACING * 17)

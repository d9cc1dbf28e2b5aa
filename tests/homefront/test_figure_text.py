"""homefront.figure_text on the shipped data: units beside numbers, and every line's
claimant and date."""

from __future__ import annotations

from homefront.claim_values import number_text
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.figure_text import figure_lines
from homefront.paths import DATA_DIR

DATA = load_dataset(DATA_DIR, load_config())


def text_of(figure_id: str) -> str:
    figure = DATA.figure_by_id[figure_id]
    return number_text(figure, DATA.measures[figure.measure])


def test_a_number_carries_its_unit_unless_it_counts_people():
    assert text_of("kyiv-capture-order") == "2 days"
    assert text_of("ailana-son-threatened-sentence").endswith(" years")
    assert text_of("tyva-average-income").endswith("15,000 roubles per month")
    assert text_of("ukraine-claim-dead-newsweek") == "about 37,500"


def test_each_line_says_who_claims_it_and_as_of_when():
    (line,) = figure_lines(DATA, ["ukraine-claim-dead-newsweek"])
    assert line.what == "Russian military dead (nationwide)"
    assert line.attribution == (
        "Ukraine's armed forces, as of 25 Jun 2022 or later (date inferred)"
    )


def test_only_the_subject_tells_milleys_two_estimates_apart():
    ids = ["milley-russian-killed-or-injured", "milley-ukrainian-killed-or-injured"]
    whats = [line.what for line in figure_lines(DATA, ids)]
    assert whats == [
        "Soldiers killed or injured (Russian soldiers)",
        "Soldiers killed or injured (Ukrainian soldiers)",
    ]

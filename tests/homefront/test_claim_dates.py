"""homefront.claim_dates: the days a claim may stand for, bounded by its article's date.

On the fixture's sources: alpha is printed 30 Sep 2022, beta dated only as 26 Nov 2022 or
later; and on the shipped claims the audit named (63 and 89, Newsweek's and RFE/RL's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from homefront import paths
from homefront.claim_dates import claim_window, drawn_period, reported_by
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.filters import ViewFilters
from homefront.queries import filter_figures
from homefront.schemas import Claim

D = dt.date


def claim(as_of: tuple[str, str], source: str) -> Claim:
    return Claim.model_validate(
        {
            "id": "a",
            "measure": "dead",
            "value": 100,
            "qualifier": "exact",
            "claimant": "Ministry",
            "as_of": {"date": as_of[0], "precision": as_of[1], "note": "n"},
            "source": source,
            "quote": "q",
        }
    )


def test_a_month_claim_is_drawn_no_later_than_the_article_that_reports_it(fixture_dataset):
    # alpha is printed 30 Sep 2022: "in September" is 1-30 Sep, not a day later
    alpha = fixture_dataset.sources["alpha"]
    september = claim(("2022-09-01", "month"), "alpha")
    assert reported_by(alpha) == alpha.published == D(2022, 9, 30)
    assert drawn_period(september, alpha) == claim_window(september, alpha)
    assert drawn_period(september, alpha) == (D(2022, 9, 1), D(2022, 9, 30))


def test_an_earliest_bound_is_never_used_as_an_end(fixture_dataset):
    # beta is dated only as 26 Nov 2022 or later: a November claim is drawn over the month
    beta = fixture_dataset.sources["beta"]
    november = claim(("2022-11-01", "month"), "beta")
    assert reported_by(beta) is None
    assert drawn_period(november, beta) == november.as_of.period


@pytest.mark.parametrize(
    ("as_of", "window"),
    [
        (("2022-11-26", "inferred"), (D(2022, 11, 26), None)),  # as of the article: or later
        (("2022-11-19", "inferred"), (D(2022, 11, 19), None)),  # "a week before" it
        (("2022-11-26", "day"), (D(2022, 11, 26), D(2022, 11, 26))),
    ],
)
def test_an_inferred_date_moves_with_its_article_s(fixture_dataset, as_of, window):
    assert claim_window(claim(as_of, "beta"), fixture_dataset.sources["beta"]) == window


def test_the_shipped_claims_windows():
    data = load_dataset(paths.DATA_DIR, load_config())

    def window(fid: str) -> tuple[D | None, D | None]:
        figure = data.figure_by_id[fid]
        return claim_window(figure, data.sources[figure.source])

    # "in January", in Social Europe's article of 10 January 2023
    assert window("mod-strike-dead-initial") == (D(2023, 1, 1), D(2023, 1, 10))
    # as of Newsweek's article (25 Jun 2022 or later) and RFE/RL's (11 Jul 2022 or later)
    assert window("ukraine-claim-dead-newsweek") == (D(2022, 6, 25), None)
    # "last week" before an interview RFE/RL does not date: a stand-in day, as its event's
    assert window("brigade-group-killed") == (D(2022, 7, 4), D(2022, 7, 4))
    # after "In June", before RFE/RL's article: 1 Jun 2022 or later, as its event's
    assert window("ailana-son-threatened-sentence") == (D(2022, 6, 1), None)
    # as of the Moscow Times' article: 1 Sep to 25 Nov 2022
    assert window("council-active-members") == (D(2022, 9, 1), D(2022, 11, 25))


@pytest.mark.parametrize(
    ("start", "end", "kept", "dropped"),
    [
        # after Social Europe's article of 10 Jan 2023: 63 and 89 ("in January") are not
        ("2023-01-11", "2023-06-30", set(), {"mod-strike-dead-initial", "mod-strike-dead-revised"}),
        ("2023-01-05", "2023-01-10", {"mod-strike-dead-initial", "mod-strike-dead-revised"}, set()),
        # Newsweek's and RFE/RL's claims "as of the article" may be from any later day
        (
            "2022-07-12",
            "2022-12-31",
            {"ukraine-claim-dead-newsweek", "ukraine-claim-dead-rferl"},
            {"mod-strike-dead-initial"},
        ),
        # before RFE/RL's article (11 Jul 2022 or later), its claims cannot be
        ("2022-06-25", "2022-07-10", {"ukraine-claim-dead-newsweek"}, {"ukraine-claim-dead-rferl"}),
    ],
)
def test_the_date_window_keeps_a_claim_while_its_days_meet_it(start, end, kept, dropped):
    data = load_dataset(paths.DATA_DIR, load_config())
    window = ViewFilters(D.fromisoformat(start), D.fromisoformat(end), (), tuple(data.sources))
    shown = {f.id for f in filter_figures(data.figures, window, data.sources)}
    assert kept <= shown and not dropped & shown

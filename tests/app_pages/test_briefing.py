"""The Briefing page through AppTest: the link's step, Previous and Next, a wrong step,
the projector parameter and each kind of view. Headlines are written here from data/story.yaml.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "app_pages/briefing.py"


def open_briefing(**params: str) -> AppTest:
    """A fresh session opened from a link to the Briefing with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def headline(at: AppTest) -> str:
    return at.title[0].value


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.endswith(" / 9**"))


def test_step_param_opens_that_step() -> None:
    at = open_briefing(step="3")
    assert headline(at) == "Tyva, Buryatia: most confirmed deaths per head"
    assert counter(at) == "**3 / 9**"
    assert at.query_params["step"] == "3"
    assert not at.warning


def test_next_and_previous_change_the_step_and_the_link() -> None:
    at = open_briefing(step="3")
    at.button(key="briefing_next").click().run()
    assert headline(at) == "Some soldiers from Buryatia and Tyva refuse"
    assert at.query_params["step"] == "4"
    at.button(key="briefing_prev").click().run()
    at.button(key="briefing_prev").click().run()
    assert headline(at) == "March: \u201ccannon fodder\u201d and a first death toll"
    assert at.query_params["step"] == "2"


def test_first_and_last_step_disable_the_way_out() -> None:
    at = open_briefing()
    assert headline(at) == "\u201cExercises\u201d, then war"
    assert at.button(key="briefing_prev").disabled
    at = open_briefing(step="9")
    assert headline(at) == "Will mothers become a political force?"
    assert at.button(key="briefing_next").disabled


def test_invalid_step_warns_and_opens_step_one() -> None:
    at = open_briefing(step="42")
    assert headline(at) == "\u201cExercises\u201d, then war"
    assert any("step=42" in w.value for w in at.warning)
    assert at.query_params["step"] == "1"


def test_each_view_is_drawn_with_its_citations() -> None:
    timeline = open_briefing(step="8")
    assert len(timeline.get("plotly_chart")) == 1
    sources = next(m for m in timeline.markdown if m.value.startswith("**Sources:**"))
    assert "The Conversation / Social Europe, 10 Jan 2023" in sources.value
    assert "The Ukraine war and Russian soldiers" in sources.help  # the full citation
    assert "Makiivka" not in sources.value + sources.help
    assert "Articles as of 10 Jan 2023 (the latest publication date known)" in sources.value
    assert (  # each source its own as of
        "death count as of 11 Apr 2023 (Bessudnov (2023), records from 25 Feb 2022)"
        in sources.value
    )
    mapped = open_briefing(step="4")
    assert len(mapped.get("plotly_chart")) == 1  # the SVG map, sized for the slide
    compared = open_briefing(step="7")
    texts = " ".join(m.value for m in compared.markdown)
    assert "17 soldiers' mothers" in texts  # the step text
    assert "**The Moscow Times**" in texts and "**17** Mothers at Putin's meeting" in texts


def test_clicker_keys_are_the_buttons_shortcuts() -> None:
    """Right/Left on the buttons, Page Down/Up on their hidden twins (tests/browser presses
    them); each twin moves the same way as its button."""
    at = open_briefing(step="3")
    at.button(key="briefing_pagedown").click().run()
    assert at.query_params["step"] == "4"
    at.button(key="briefing_pageup").click().run()
    at.button(key="briefing_pageup").click().run()
    assert at.query_params["step"] == "2"


def present_links(at: AppTest) -> list[str]:
    return [b.proto.url for b in at.get("link_button")]


def test_desk_view_offers_the_export_and_the_projector_view() -> None:
    """Present opens the step shown in the projector view; the projector has no Present."""
    desk = open_briefing(step="1")
    assert any("briefing=1" in c.value for c in desk.caption)
    assert present_links(desk) == ["?step=1&briefing=1"]
    desk.button(key="briefing_next").click().run()
    assert present_links(desk) == ["?step=2&briefing=1"]
    projector = open_briefing(step="1", briefing="1")
    assert not any("briefing=1" in c.value for c in projector.caption)
    assert present_links(projector) == []


def test_projector_parameter_is_kept_in_the_link() -> None:
    at = open_briefing(step="2", briefing="1")
    assert at.query_params["briefing"] == "1"
    at.button(key="briefing_next").click().run()
    assert at.query_params["briefing"] == "1" and at.query_params["step"] == "3"

"""The Compare page's side by side is HTML: built from a copy of the real data with script,
HTML and Markdown in a source's names, a coverage topic and cell (tests/hostile_content.py),
it holds only its own fixed markup, and the payload as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from components.compare_view import side_by_side_html
from homefront import coverage
from homefront.config import load_config
from homefront.dataset import Dataset, load_dataset
from tests.hostile_content import SCRIPT, SOURCE, TOPIC, write_hostile_copy

# every tag and attribute compare_view writes
MARKUP = {"div", "p", "h4", "span", "b", "em"}


class Markup(HTMLParser):
    """The tags, attributes and text of an HTML string, as a browser's parser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Dataset:
    return load_dataset(
        write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data"), load_config()
    )


def test_data_text_in_the_side_by_side_is_text(hostile):
    topics = [t for t in hostile.coverage.topics if t.id == TOPIC]
    compared = list(hostile.sources)[:5]
    assert SOURCE in compared
    table = side_by_side_html(
        hostile, topics, compared, coverage.shown_disagreements(hostile, topics, compared)
    )
    for html in (table.headers, *table.rows):
        found = Markup(html)
        assert found.tags <= MARKUP, found.tags - MARKUP
        assert found.attributes <= {"class"}, found.attributes
    # the poisoned topic, cell and source names are on screen as written
    assert SCRIPT in Markup(table.rows[0]).text
    assert SCRIPT in Markup(table.headers).text

"""The briefing's HTML export with script and HTML in the data: shown as text, never run.

The export is a file people open from a USB stick in a room with no network, outside any
app's sanitising; homefront.briefing_export escapes curated text itself and Plotly writes
its figures into <script> blocks as JSON. A copy of the real data with a payload in a
source's names, a quote, an event, a figure, a measure, a coverage cell and a region
(tests/hostile_content.py) is exported and the HTML parsed as a browser would: the payload
must be in the text, and must add no element, attribute or script of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from homefront.briefing_export import build_html
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import DATA_DIR
from tests.hostile_content import IMAGE, MARKDOWN, SCRIPT, write_hostile_copy

CONFIG = load_config()


@dataclass
class Parsed:
    """What a browser's tokenizer would make of the document."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # text nodes outside <script> and <style>
    scripts: list[str] = field(default_factory=list)  # each <script> element's content


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.parsed.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = tag
            if tag == "script":
                self.parsed.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data):
        if self._raw == "script":
            self.parsed.scripts[-1] += data
        elif self._raw is None:
            self.parsed.text.append(data)


def parse(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.parsed


@pytest.fixture(scope="module")
def clean() -> Parsed:
    return parse(build_html(CONFIG, load_dataset(DATA_DIR, CONFIG)))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Parsed:
    data = write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    return parse(build_html(CONFIG, load_dataset(data, CONFIG)))


def test_the_payload_adds_no_element_and_no_script(hostile, clean):
    assert [tag for tag, _ in hostile.tags] == [tag for tag, _ in clean.tags]
    assert len(hostile.scripts) == len(clean.scripts)


def test_no_element_carries_an_event_handler_or_a_script_link(hostile):
    for tag, attrs in hostile.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not str(attrs.get("href", "")).lower().startswith("javascript:"), (tag, attrs)
        assert not (tag == "img" and attrs.get("src") == "x"), (tag, attrs)


def test_the_payload_is_in_the_text_as_written(hostile):
    text = "".join(hostile.text)
    for part in (SCRIPT, IMAGE, MARKDOWN):
        assert part in text, part


def test_charts_carry_the_payload_only_as_escaped_data(hostile):
    """Plotly's JSON holds hover text with the payload; written raw, its '</script>' would end
    the block and let the <img> that follows become an element."""
    assert any("__pwned" in script for script in hostile.scripts)  # the charts have it
    for script in hostile.scripts:
        assert SCRIPT not in script and IMAGE not in script

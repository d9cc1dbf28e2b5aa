"""Charts written as plain dicts (homefront.charts: timeline_spec, ledger_spec) are sent to
the browser without Plotly's validation, the cost of a new view. The tests validate them
instead: Plotly must accept the JSON the page sends as it is, and read the same figure from
it as from the spec."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import pytest


def assert_plotly_reads_as_sent(spec: dict[str, Any]) -> None:
    """go.Figure raises on an unknown or misspelt property (checked here too, so the check
    cannot pass by validating nothing) and coerces what it accepts."""
    sent = json.loads(pio.to_json(spec, validate=False))
    assert json.loads(go.Figure(sent).to_json()) == json.loads(go.Figure(spec).to_json())
    misspelt = spec | {"layout": spec["layout"] | {"yaxes2": {}}}
    with pytest.raises(ValueError, match="yaxes2"):
        go.Figure(misspelt)

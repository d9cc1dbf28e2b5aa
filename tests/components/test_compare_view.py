"""homefront.charts.compare: outlet names on chart axes are text, not Plotly markup."""

from __future__ import annotations

from dataclasses import replace

from homefront.charts.compare import axis_name


def test_an_outlet_name_is_escaped_and_only_wrapped_with_br(fixture_dataset):
    source_id = next(iter(fixture_dataset.sources))
    hostile = fixture_dataset.sources[source_id].model_copy(
        update={"short_name": '<a href="http://x">Daily</a> <b>Truth</b>'}
    )
    dataset = replace(fixture_dataset, sources={**fixture_dataset.sources, source_id: hostile})
    label = axis_name(dataset, source_id)
    assert "<a" not in label and "<b>" not in label
    assert "&lt;b&gt;Truth&lt;/b&gt;" in label
    assert label.count("<br>") >= 1  # long names still wrap

"""The bare app with one Home Front chart under its title: the Timeline's, drawn again on
every search. What a search costs where nothing but that chart changes.

The Timeline page draws its chart again whenever a search changes the events shown
(Streamlit remounts a chart whose figure changed, and Plotly draws it afresh); here every
search sets the figure's `meta` to the word typed, so each one sends a new figure of the same
size and drawing. The chart is the page's own, as the page sends it: the default view's
spec, which benchmarks.browser_reruns writes to the file HOMEFRONT_BENCH_CHART names, drawn
with the page's options (clicks select, TIMELINE_CONFIG, no Streamlit theme). Its redraw,
over the bare app's, is the least any page that draws this chart again can cost; what a
page costs beyond it is the rest of the page. Started as its own server in the same run.
"""

import json
import os
from pathlib import Path

import streamlit as st

from components.cached import FrozenFigure
from homefront.charts.theme import TIMELINE_CONFIG

st.set_page_config(page_title="Bare", layout="wide")
st.title("Bare app with a chart")
word = st.sidebar.text_input("Search text")
spec = json.loads(Path(os.environ["HOMEFRONT_BENCH_CHART"]).read_text(encoding="utf-8"))
spec["layout"]["meta"] = word
st.plotly_chart(
    FrozenFigure(spec),
    key="chart",
    on_select="rerun",
    selection_mode="points",
    config=TIMELINE_CONFIG,
    theme=None,
)

"""The bare Streamlit app the browser benchmarks compare Home Front with: only the text box.

The same widget and label as the sidebar's "Search text", in the sidebar, and a title (the
benchmarks' "drawn" check, tests/browser/harness.wait_for_app, waits for the page's h1, as
every Home Front page has one), nothing else: what a page costs beyond it is what Home Front
adds. Started as its own server in the same run.
"""

import streamlit as st

st.set_page_config(page_title="Bare", layout="wide")
st.title("Bare app")
st.sidebar.text_input("Search text")

"""The bare Streamlit app the browser benchmarks compare Home Front with: only the text box.

The same widget, label and layout as the sidebar's "Search text", nothing else, so what a
page costs beyond it is what Home Front adds. Started as its own server in the same run.
"""

import streamlit as st

st.set_page_config(page_title="Bare", layout="wide")
st.sidebar.text_input("Search text")

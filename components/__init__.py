"""Reusable Streamlit UI pieces; the only layer (with pages/) that imports Streamlit."""

"""Reusable Streamlit UI pieces; the only layer (with app_pages/) that imports Streamlit."""

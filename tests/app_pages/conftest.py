"""Every page test starts from empty caches: tests that swap data must not see old entries."""

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_cache():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()

"""Every page test starts from empty caches: tests that swap data must not see old entries."""

import pytest

from components import cached


@pytest.fixture(autouse=True)
def fresh_cache():
    cached.clear()
    yield
    cached.clear()

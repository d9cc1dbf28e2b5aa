"""The browser tests' Chromium (one Debian Chromium via Playwright), reused for the deployment."""

from tests.browser.conftest import browser  # noqa: F401

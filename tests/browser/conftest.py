"""The admin-journey fixtures (tests/browser/admin.py) for every browser test."""

from tests.browser.admin import admin_session, staff  # noqa: F401

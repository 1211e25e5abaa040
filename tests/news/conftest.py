import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test rolls the database back; the cached listing summaries must go too."""
    cache.clear()
    yield
    cache.clear()

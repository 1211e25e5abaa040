import pytest
from django.core.cache import cache
from django.utils import timezone

from subscriptions.models import Subscription

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limits and the news listings count in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()


def confirmed(email, language="bg", category_slug=""):
    """A subscription as it is once its owner has confirmed it."""
    return Subscription.objects.create(
        email=email, language=language, category_slug=category_slug, confirmed_at=timezone.now()
    )

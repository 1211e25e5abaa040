import re

import pytest

from home.models import StandardPage
from search.registry import (
    PageSuggestionSource,
    PageType,
    register_source,
    register_type,
    unregister_source,
    unregister_type,
)


@pytest.fixture
def search(client):
    """GET /<lang>/search/ and return (response, titles of the results)."""

    def run(language, query, **params):
        response = client.get(f"/{language}/search/", {"q": query, **params})
        assert response.status_code == 200
        titles = [result["title"] for result in response.context["results"]]
        return response, titles

    return run


@pytest.fixture
def standard_type():
    """StandardPage registered as its own facet, as a feature app would register its pages."""
    register_type(PageType("standard", "Standard pages", order=10, model=StandardPage))
    yield
    unregister_type("standard")


@pytest.fixture
def standard_suggestions():
    """StandardPage titles as a suggestion source, as the directory registers institutions."""
    register_source(PageSuggestionSource("place", StandardPage))
    yield
    unregister_source("place")


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture(autouse=True)
def without_feature_demo_content(request):
    """These tests search their own pages (search-test-N): hide the demo's news,
    institutions and publications, and their suggestions, for the test's
    transaction only (rolled back afterwards)."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("db")
    from wagtail.models import Page

    from search.models import SuggestionEntry

    Page.objects.filter(depth__gte=3).not_type(StandardPage).update(live=False)
    SuggestionEntry.objects.exclude(page__in=StandardPage.objects.values("pk")).delete()
    yield

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

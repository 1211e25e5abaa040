"""Listing pages and the API list: the number of queries does not grow with the directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import InstitutionPage
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db

URLS = [
    "/bg/directory/",
    "/bg/directory/?country=BG&category=tourism&page=2",
    "/bg/directory/e-services/",
    "/bg/directory/e-services/csv/?region=BG323",
    "/api/v2/pages/?type=directory.InstitutionPage&locale=bg&fields=*",
    "/api/v2/pages/?type=directory.InstitutionPage&locale=bg&country=RO&fields=e_services,region",
    "/api/v2/pages/?locale=bg&service_category=tourism",
]


def query_counts(client):
    counts = {}
    for url in URLS:
        client.get(url)  # warm per-process caches (site root paths)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(ctx.captured_queries)
    return counts


def grow_to(total):
    index = bg_directory()
    have = InstitutionPage.objects.child_of(index).count()
    for number in range(max(0, total - have)):
        make_institution(
            index,
            country="RO" if number % 2 else "BG",
            region="RO314" if number % 2 else "BG323",
            services=[{"category": "tourism"}],
            revision=False,
        )


def test_queries_constant_between_20_and_500_institutions(client, demo_site):
    # The demo has 35 institutions; at 60 every listing below already fills a whole
    # page (24 on the site, 20 in the API), so any per-row query would show up at 500.
    grow_to(60)
    small = query_counts(client)
    grow_to(500)
    large = query_counts(client)
    # the e-services CSV streams every matching row in one query, so it may not grow either
    assert large == small

"""Listing pages and the API list: the number of queries does not grow with the directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


def query_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow_to(total):
    from directory.models import InstitutionPage

    index = bg_directory()
    have = InstitutionPage.objects.child_of(index).count()
    for number in range(total - have):
        make_institution(index, country="RO" if number % 2 else "BG", region="RO314" if number % 2 else "BG323",
                         services=[{"category": "tourism"}])


@pytest.mark.parametrize(
    "url",
    [
        "/bg/directory/",
        "/bg/directory/?country=BG&category=tourism",
        "/bg/directory/e-services/",
        "/api/v2/pages/?type=directory.InstitutionPage&locale=bg&fields=*",
        "/api/v2/pages/?type=directory.InstitutionPage&locale=bg&country=RO&fields=e_services,region",
    ],
)
def test_queries_constant_between_20_and_500_institutions(client, demo_site, url, django_assert_max_num_queries):
    grow_to(40)
    client.get(url)  # warm caches (site root paths)
    small = query_count(client, url)
    grow_to(500)
    client.get(url)
    with django_assert_max_num_queries(small):
        client.get(url)

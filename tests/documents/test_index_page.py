"""The documents index: filters by kind and year (bad values → 400 and a
message), each item's facts, and a query budget that does not grow with rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentIndexPage, PublicationPage
from tests.documents.factories import make_document, make_publication

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_lists_every_publication_with_its_facts(client, demo_site, language):
    index = DocumentIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    for page in PublicationPage.objects.child_of(index):
        assert page.title.replace("'", "&#x27;") in html
    assert html.count('class="publication-item"') == 8
    assert "PDF, 1" in html  # file type and human-readable size


def test_index_filters_by_kind_and_year(client, demo_site):
    index = DocumentIndexPage.objects.get(locale__language_code="en")
    html = client.get(index.url, {"kind": "agreement"}).content.decode()
    assert html.count('class="publication-item"') == 5
    html = client.get(index.url, {"year": "2019"}).content.decode()
    assert html.count('class="publication-item"') == 2  # the user guide and the Nikopol agreement
    html = client.get(index.url, {"kind": "survey", "year": "2018"}).content.decode()
    assert html.count('class="publication-item"') == 1


@pytest.mark.parametrize(
    ("params", "message"), [({"kind": "brochure"}, "Unknown kind"), ({"year": "20x9"}, "four-digit")]
)
def test_bad_filter_is_400_with_a_message(client, demo_site, params, message):
    index = DocumentIndexPage.objects.get(locale__language_code="en")
    response = client.get(index.url, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_index_query_budget_does_not_grow(client, demo_site, django_assert_max_num_queries):
    index = DocumentIndexPage.objects.get(locale__language_code="bg")
    client.get(index.url)  # warm caches (site root paths)
    # 40: the agreements' parties, statuses and the party filter's options came in (issue 13)
    with CaptureQueriesContext(connection) as baseline:
        client.get(index.url)
    budget = len(baseline)  # now: a later request resets the connection's query log
    assert 0 < budget <= 40
    for number in range(10):
        document = make_document(f"Отчет {number}", f"otchet-{number}.pdf")
        make_publication(
            document, slug=f"report-{number}", publication_date=datetime.date(2019, 1, number + 1)
        )
    client.get(index.url)  # warm again: the writes changed the content clock (cms.caching.fragments)
    with django_assert_max_num_queries(budget):
        response = client.get(index.url)
    assert response.content.decode().count('class="publication-item"') == 18

"""Private documents (restricted collection, unattached, or used only by hidden
pages or drafts; the rule is cms.visibility's) are listed nowhere and are downloaded only by users
allowed to, through a signed S3 URL that expires within five minutes."""

import time
import urllib.error
import urllib.request

import pytest
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from documents.serving import signed_url
from tests.documents.factories import make_document, make_editor, make_publication, make_user, pdf_bytes
from tests.factories import sitemap_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_collection(demo_site):
    collection = Collection.get_first_root_node().add_child(name="Вътрешни документи")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


@pytest.fixture
def private_document(private_collection):
    return make_document(
        "Вътрешен протокол", "протокол.pdf", pdf_bytes("Протокол"), collection=private_collection
    )


def api_document_ids(client):
    response = client.get("/api/v2/documents/", {"limit": 100})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test S3 server
        return response.status, response.headers, response.read()


def test_anonymous_visitor_gets_404_and_no_listing(client, private_document):
    assert client.get(private_document.url).status_code == 404
    assert private_document.id not in api_document_ids(client)
    assert client.get(f"/api/v2/documents/{private_document.id}/").status_code == 404


def test_private_document_attached_to_a_live_page_is_still_not_listed(client, private_document):
    page = make_publication(private_document, slug="with-private-file")
    html = client.get(page.url).content.decode()
    assert private_document.url not in html
    files = client.get(f"/api/v2/pages/{page.id}/").json()["files"]
    assert files == []
    index_html = client.get(page.get_parent().url).content.decode()
    assert "протокол" not in index_html


def test_editor_is_redirected_to_a_signed_url_that_works(client, private_document):
    client.force_login(make_editor())
    response = client.get(private_document.url)
    assert response.status_code == 302
    location = response["Location"]
    assert "X-Amz-Signature=" in location
    expires = int(location.split("X-Amz-Expires=")[1].split("&")[0])
    assert 0 < expires <= 300
    assert "no-store" in response["Cache-Control"]
    status, headers, body = fetch(location)
    assert status == 200
    assert body == private_document.file.open("rb").read()


def test_signed_url_expires(private_document):
    url = signed_url(private_document, expire=1)
    time.sleep(2.5)
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(url)
    assert error.value.code == 403


@override_settings(DOCUMENTS_SIGNED_URL_EXPIRY=120)
def test_signed_url_lifetime_comes_from_the_setting(private_document):
    assert "X-Amz-Expires=120" in signed_url(private_document)


def test_document_of_a_draft_page_needs_permission(client, demo_site):
    document = make_document("Проект на споразумение", "проект.pdf")
    page = make_publication(document, live=False, slug="draft-agreement")
    assert client.get(document.url).status_code == 404
    assert document.id not in api_document_ids(client)
    client.force_login(make_user())
    assert client.get(document.url).status_code == 403
    client.force_login(make_editor())
    assert client.get(document.url).status_code == 302
    client.logout()

    page.save_revision().publish()
    response = client.get(document.url)
    assert response.status_code == 200
    assert document.id in api_document_ids(client)


def test_document_of_a_view_restricted_page_is_private(client, demo_site):
    document = make_document("Само за партньори", "partners.pdf")
    page = make_publication(document, slug="partners-only")
    assert client.get(document.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")
    assert client.get(document.url).status_code == 404
    assert document.id not in api_document_ids(client)
    assert not any(page.url in document for document in sitemap_documents(client))


def test_document_on_a_public_page_and_a_draft_stays_public(client, demo_site):
    document = make_document("Общ файл", "common.pdf")
    make_publication(document, slug="public-one")
    make_publication(document, live=False, slug="draft-one")
    assert client.get(document.url).status_code == 200


def test_password_collection_shows_wagtails_password_form(client, demo_site):
    collection = Collection.get_first_root_node().add_child(name="С парола")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="secret-pass"
    )
    document = make_document("Със парола", "parola.pdf", collection=collection)
    make_publication(document, slug="with-password-file")  # an unattached file would be a plain 404
    response = client.get(document.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert document.id not in api_document_ids(client)

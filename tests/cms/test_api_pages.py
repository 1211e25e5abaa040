"""API v2 and v3 list pages per locale and never show drafts or restricted pages."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import APIToken, GroupPagePermission, Page

from home.models import HomePage, StandardPage
from tests.factories import UserFactory, make_draft, make_private

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_pages(demo_site):
    bg_home = HomePage.objects.get(locale__language_code="bg")
    draft = make_draft(bg_home, title="Чернова на страница", slug="draft-page")
    private = make_private(bg_home, title="Ограничена страница", slug="private-page")
    return draft, private


def v2_items(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def v3_items(client, **params):
    response = client.get("/api/v3/pages/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_v2_lists_pages_of_one_locale(client, demo_site, language):
    items = v2_items(client, locale=language)
    assert {item["meta"]["locale"] for item in items} == {language}
    expected = set(
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__gt=1)
        .values_list("id", flat=True)
    )
    assert {item["id"] for item in items} == expected
    assert len(expected) >= 5  # home, about, network, accessibility, privacy + feature apps


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_v3_lists_pages_of_one_locale(client, demo_site, language):
    items = v3_items(client, locale=language)
    ids = {item["id"] for item in items}
    expected = set(
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__gt=1)
        .values_list("id", flat=True)
    )
    assert ids == expected


def test_v2_never_returns_drafts_or_restricted_pages(client, hidden_pages):
    draft, private = hidden_pages
    ids = {item["id"] for item in v2_items(client)}
    assert draft.id not in ids and private.id not in ids
    assert client.get(f"/api/v2/pages/{draft.id}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.id}/").status_code == 404


def test_v3_never_returns_drafts_or_restricted_pages(client, hidden_pages):
    draft, private = hidden_pages
    ids = {item["id"] for item in v3_items(client)}
    assert draft.id not in ids and private.id not in ids
    assert client.get(f"/api/v3/pages/{draft.id}/").status_code == 404
    assert client.get(f"/api/v3/pages/{private.id}/").status_code == 404


def test_v3_session_of_superuser_does_not_reveal_drafts(client, hidden_pages, admin_user):
    client.force_login(admin_user)
    ids = {item["id"] for item in v3_items(client)}
    assert hidden_pages[0].id not in ids


@pytest.mark.parametrize(
    ("query", "message_part"),
    [
        ({"foo": "1"}, "foo"),
        ({"locale": "de"}, "locale must be one of bg, ro, en"),
        ({"limit": "abc"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"type": "nope.Nothing"}, "type"),
        ({"child_of": "x"}, "child_of"),
    ],
)
def test_v2_bad_query_parameters_are_400_with_a_message(client, demo_site, query, message_part):
    response = client.get("/api/v2/pages/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message_part in response.json()["message"]


@pytest.mark.parametrize("query", [{"limit": "abc"}, {"child_of": "x"}, {"type": "nope.Nothing"}])
def test_v3_bad_query_parameters_are_4xx_with_a_message(client, demo_site, query):
    response = client.get("/api/v3/pages/", query)
    assert response.status_code in (400, 422)
    assert response.json()  # a JSON body that explains the problem
    assert "detail" in response.json() or "message" in response.json()


def test_v3_openapi_document_is_served(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v3/pages/" in document["paths"]


# --- v3 writes --------------------------------------------------------------


def _create_payload(parent):
    return {
        "meta": {"type": "home.StandardPage", "parent_id": parent.id},
        "title": "Създадена през API",
        "slug": "created-by-api",
    }


def _post(client, parent, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v3/pages/", data=json.dumps(_create_payload(parent)), content_type="application/json", **headers
    )


def test_v3_write_without_token_is_refused(client, demo_site):
    parent = HomePage.objects.get(locale__language_code="bg")
    before = Page.objects.count()
    response = _post(client, parent)
    assert response.status_code == 401
    assert Page.objects.count() == before


def test_v3_write_with_a_bad_token_is_refused(client, demo_site):
    parent = HomePage.objects.get(locale__language_code="bg")
    before = Page.objects.count()
    response = _post(client, parent, token="wagtail_" + "x" * 40)
    assert response.status_code == 401
    assert Page.objects.count() == before


def test_v3_write_with_a_revoked_token_is_refused(client, demo_site, admin_user):
    parent = HomePage.objects.get(locale__language_code="bg")
    instance, token = APIToken.create_token(user=admin_user, name="revoked")
    instance.revoke()
    before = Page.objects.count()
    assert _post(client, parent, token=token).status_code == 401
    assert Page.objects.count() == before


def test_v3_write_with_a_token_of_a_user_without_permission_is_forbidden(client, demo_site):
    parent = HomePage.objects.get(locale__language_code="bg")
    user = UserFactory()
    _instance, token = APIToken.create_token(user=user, name="no rights")
    before = Page.objects.count()
    response = _post(client, parent, token=token)
    assert response.status_code == 403
    assert Page.objects.count() == before
    assert not StandardPage.objects.filter(slug="created-by-api").exists()


def test_v3_write_with_a_token_and_page_permission_creates_a_draft(client, demo_site):
    parent = HomePage.objects.get(locale__language_code="bg")
    editors = Group.objects.create(name="API editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=editors, page=parent, permission_type="add")
    user = UserFactory()
    user.groups.add(editors)
    _instance, token = APIToken.create_token(user=user, name="editor")

    response = _post(client, parent, token=token)

    assert response.status_code == 201, response.content
    created = StandardPage.objects.get(slug="created-by-api", locale__language_code="bg")
    assert created.get_parent().id == parent.id
    assert not created.live  # created as a draft: anonymous readers still cannot see it
    assert created.id not in {item["id"] for item in v3_items(client)}


def test_v3_docs_load_no_third_party_assets(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and 'src="http' not in html


def test_v2_openapi_document_is_valid_and_lists_page_types(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert "home.StandardPage" in document["components"]["schemas"]
    assert "translation_status" in document["components"]["schemas"]["home.StandardPage"]["properties"]
    parameters = {p["name"]: p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert parameters["locale"]["schema"]["enum"] == ["bg", "ro", "en"]


def test_translation_status_in_a_listing_costs_the_same_queries_for_more_pages(
    client, demo_site, django_assert_max_num_queries
):
    from tests.factories import StandardPageFactory, publish

    url = "/api/v2/pages/?type=home.StandardPage&locale=bg&fields=translation_status&limit=100"
    with django_assert_max_num_queries(40) as few:
        first = client.get(url).json()
    home = HomePage.objects.get(locale__language_code="bg")
    for index in range(15):
        publish(StandardPageFactory(parent=home, slug=f"status-{index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        second = client.get(url).json()
    assert len(second["items"]) == len(first["items"]) + 15
    assert {item["translation_status"]["state"] for item in second["items"]} == {"source"}

"""Values API v3 would pass on to a 500 are refused first with its own 422
problem document, in the client's language (cms/api_guards.py); what the
fuzzing found, pinned down."""

import pytest
from wagtail.api.v3.auth import APIToken
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_token(admin_user):
    return {"HTTP_AUTHORIZATION": f"Bearer {APIToken.create_token(user=admin_user, name='guards')[1]}"}


def problem(response, name):
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors[0]["loc"] == ["query", name] or errors[0]["loc"] == ["path", name] or name in str(errors)
    return response.json()["detail"]


def test_an_offset_past_bigint_is_refused(client, demo_site):
    detail = problem(
        client.get("/api/v3/pages/", {"offset": str(2**63)}, HTTP_ACCEPT_LANGUAGE="en"), "offset"
    )
    assert "9223372036854775807" in detail
    assert client.get("/api/v3/pages/", {"offset": str(2**63 - 1)}).status_code == 200


def test_a_revisions_user_id_that_is_no_user_key_is_refused(client, demo_site, admin_token):
    page = Page.objects.filter(depth=3).first()
    url = f"/api/v3/pages/{page.pk}/revisions/"
    detail = problem(client.get(url, {"user_id": "л"}, HTTP_ACCEPT_LANGUAGE="ro", **admin_token), "user_id")
    assert detail == "user_id trebuie să fie identificatorul unui utilizator."
    assert client.get(url, {"user_id": str(2**70)}, **admin_token).status_code == 422
    assert client.get(url, {"user_id": "1"}, **admin_token).status_code == 200


@pytest.mark.parametrize("action", ["copy", "move", "create_alias", "copy_for_translation"])
def test_the_root_page_cannot_be_copied_moved_aliased_or_translated(client, demo_site, admin_token, action):
    root = Page.get_first_root_node()
    before = Page.objects.count()
    response = client.post(
        f"/api/v3/pages/{root.pk}/actions/{action}/", {}, content_type="application/json", **admin_token
    )
    problem(response, "page_id")
    assert Page.objects.count() == before


def test_language_lists_are_arrays_in_the_v3_document(client):
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    for model, field in (("InstitutionPageSchema", "languages_served"), ("EServiceSchema", "languages")):
        types = [option.get("type") for option in schema[model]["properties"][field]["anyOf"]]
        assert "array" in types and "object" not in types, (model, field)

"""Headless preview: a signed token from Wagtail's "Front end" preview gives an
external front end that page's draft revision through API v2 and v3, for 10
minutes, for that page and revision only, and never from a cache."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

from cms.headless_preview import PREVIEW_TOKEN_SALT, make_token, preview_links
from home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(demo_site):
    """A live page with a newer, unpublished draft."""
    bg_home = HomePage.objects.get(locale__language_code="bg")
    page = publish(StandardPageFactory(parent=bg_home, title="Публикувано", slug="preview-me"))
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Чернова"
    page.save_revision()
    page.refresh_from_db()
    return page


def preview(client, version, **params):
    return client.get(f"/api/{version}/page_preview/?" + urlencode(params))


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_token_grants_the_draft_revision_and_is_never_cached(client, drafted, version):
    response = preview(client, version, token=make_token(drafted))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Чернова"
    assert data["id"] == drafted.pk
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # the public API still shows the published title
    assert client.get(f"/api/v2/pages/{drafted.pk}/").json()["title"] == "Публикувано"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_token_works_for_its_own_revision_only(client, drafted, version):
    old_revision = drafted.latest_revision_id
    token = make_token(drafted)
    assert preview(client, version, token=token).json()["title"] == "Чернова"
    drafted.title = "По-нова чернова"
    drafted.save_revision()
    assert old_revision != StandardPage.objects.get(pk=drafted.pk).latest_revision_id
    # once a newer draft is saved, the old token is refused (it would pass old text off as the draft)
    response = preview(client, version, token=token)
    assert response.status_code == 403
    assert any(text in response.content.decode() for text in ("newer draft", "по-нова чернова"))
    fresh = make_token(StandardPage.objects.get(pk=drafted.pk))
    assert preview(client, version, token=fresh).json()["title"] == "По-нова чернова"

    other = StandardPageFactory(parent=drafted.get_parent(), slug="another-page")
    response = preview(client, version, token=token, id=other.pk)
    assert response.status_code == 403
    assert any(text in response.content.decode() for text in ("another page", "друга страница"))
    # a revision of another page named in a token is refused
    response = preview(client, version, token=make_token(other, revision_id=old_revision))
    assert response.status_code == 404
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert preview(client, version, token=tampered).status_code == 403
    assert preview(client, version).status_code in (400, 422)


class IssuedLongAgo(signing.TimestampSigner):
    """A token signed 601 seconds ago (the lifetime is 600)."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 601)


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_tokens_expire_after_ten_minutes(client, drafted, version):
    claims = {"page": drafted.pk, "revision": drafted.latest_revision_id, "locale": "bg"}
    expired = IssuedLongAgo(salt=PREVIEW_TOKEN_SALT).sign_object(claims, compress=True)
    response = preview(client, version, token=expired)
    assert response.status_code == 403
    assert any(text in response.content.decode() for text in ("expired", "изтекъл"))


def test_wagtails_preview_offers_the_front_end_urls(client, drafted, settings):
    settings.HEADLESS_PREVIEW_URLS = {"default": ["https://front.example.org/api/preview"]}
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    modes = dict(drafted.preview_modes)
    assert "headless" in modes
    [link] = preview_links(drafted, drafted.get_site())
    assert link.url.startswith("https://front.example.org/api/preview?token=")
    assert "content_type=home.standardpage" in link.url and "locale=bg" in link.url
    token = parse_qs(urlsplit(link.url).query)["token"][0]
    assert preview(client, "v2", token=token).status_code == 200

    response = drafted.serve_preview(client.get("/").wsgi_request, "headless")
    response.render()
    html = response.content.decode()
    assert "https://front.example.org/api/preview?token=" in html
    assert 'iframe id="front-end-preview" src="https://front.example.org/api/preview?token=' in html
    assert "no-cache" in response["Cache-Control"]
    # the public CSP frames nothing; this answer frames the front end's origin (django-csp)
    assert response._csp_replace == {"frame-src": ["https://front.example.org"]}


def test_no_front_end_no_preview_mode(drafted, settings):
    settings.HEADLESS_PREVIEW_URLS = {}
    assert "headless" not in dict(drafted.preview_modes)
    assert reverse("wagtailapi:page_preview:listing") == "/api/v2/page_preview/"

"""A Content-Security-Policy on every HTML response: a strict one with the
request's nonce on the public site, the admin's own (Wagtail needs inline
scripts and style attributes) under /admin/ (cms/security.py, django-csp)."""

import re

import pytest
from django.conf import settings

from directory.models import InstitutionPage

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def test_public_pages_get_the_strict_policy_and_the_nonce_their_scripts_carry(client, demo_site):
    institution = InstitutionPage.objects.live().filter(locale__language_code="ro").first()
    response = client.get(institution.url)
    assert response.status_code == 200
    policy = directives(response)
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', response.content.decode())
    assert nonce, "the JSON-LD block carries the nonce"
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce.group(1)}'"]
    assert policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert set(settings.MEDIA_ORIGINS) <= set(policy["img-src"])
    assert settings.MEDIA_ORIGINS, "tests run on S3: its origin is an image source"

    again = client.get(institution.url)
    assert directives(again)["script-src"] != policy["script-src"], "a new nonce per response"


@pytest.mark.parametrize("path", ["/bg/", "/ro/no-such-page/", "/en/search/?q=Ruse"])
def test_every_public_html_response_has_one(client, demo_site, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_gets_its_own_policy_without_a_nonce(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"], "a nonce would disable 'unsafe-inline'"
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "gravatar" not in response.content.decode(), "no third-party avatars"


def test_the_sign_in_page_is_covered_too(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in directives(response)["script-src"]

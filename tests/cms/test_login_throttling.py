"""Password guessing at the admin's sign-in is throttled per account and per
client address (django-axes): past the limit even the right password is
refused, with a localized 429 and Retry-After, until the pause is over."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from cms.security import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "right-pass-123"
PAUSED = (
    "Too many failed sign-in attempts. For your security, signing in is paused for %(minutes)s minute;"
    " please try again later or ask an administrator to unlock your account.",
    "Too many failed sign-in attempts. For your security, signing in is paused for %(minutes)s minutes;"
    " please try again later or ask an administrator to unlock your account.",
)


@pytest.fixture
def staff():
    user = UserFactory(username="guessed", is_superuser=True, password=PASSWORD)
    return user


def sign_in(client, username, password, ip="203.0.113.7", language="bg"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_the_right_password_is_refused_after_five_wrong_ones(client, staff, language):
    for _ in range(4):
        response = sign_in(client, "guessed", "wrong", language=language)
        assert response.status_code == 200 and not signed_in(client)
    assert sign_in(client, "guessed", "wrong", language=language).status_code == 429  # the fifth locks
    response = sign_in(client, "guessed", PASSWORD, language=language)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    with translation.override(language):
        message = translation.ngettext(*PAUSED, 15) % {"minutes": 15}
    assert message in response.content.decode()
    if language != "en":
        assert message != PAUSED[1] % {"minutes": 15}  # a translated message
    assert not signed_in(client)


def test_an_account_is_locked_from_every_address(client, staff):
    for number in range(5):
        sign_in(client, "guessed", "wrong", ip=f"198.51.100.{number}")
    assert sign_in(client, "guessed", PASSWORD, ip="192.0.2.99").status_code == 429
    assert not signed_in(client)


def test_an_address_is_locked_for_every_account(client, staff):
    for number in range(5):
        sign_in(client, f"someone{number}", "wrong")
    assert sign_in(client, "guessed", PASSWORD).status_code == 429
    # another address signs in as usual
    assert sign_in(client, "guessed", PASSWORD, ip="192.0.2.10").status_code == 302
    assert signed_in(client)


def test_failures_below_the_limit_are_forgotten_on_success(client, staff):
    for _ in range(4):
        sign_in(client, "guessed", "wrong")
    assert sign_in(client, "guessed", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "guessed", "wrong")
    assert sign_in(client, "guessed", PASSWORD).status_code == 302


def test_the_pause_ends_and_an_administrator_can_unlock(client, staff):
    for _ in range(5):
        sign_in(client, "guessed", "wrong")
    assert sign_in(client, "guessed", PASSWORD).status_code == 429
    call_command("axes_reset_username", "guessed", verbosity=0)
    AccessAttempt.objects.filter(ip_address="203.0.113.7").delete()
    assert sign_in(client, "guessed", PASSWORD).status_code == 302

    client.logout()
    for _ in range(5):
        sign_in(client, "guessed", "wrong")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in(client, "guessed", PASSWORD).status_code == 302


def test_the_client_address_behind_trusted_proxies(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: the header is the client's word
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.7"  # what our proxy saw, not what was prepended
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"

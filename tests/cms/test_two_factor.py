"""Two-step sign-in (cms/two_factor.py, django-otp): optional for everyone, required
for administrators and Moderators under REQUIRE_2FA; a code or a one-use recovery
code after the password; wrong codes refused with a localized message and throttled."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.roles import EDITORS, MODERATORS
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

PASSWORD = "two-step-pass-123"
WRONG_SETUP = "This code is not right. Enter the 6 digits the app shows for this account now, then try again."
WRONG_VERIFY = (
    "This code is not right or has expired. Enter the 6 digits your app shows now"
    " (check that the phone's clock is right), or a recovery code."
)


def code_for(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def member(username, *groups, superuser=False, language="bg"):
    return staff_member(
        *groups, username=username, password=PASSWORD, is_superuser=superuser, language=language
    )


def signed_in(user, language="bg"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def turn_on(client, user):
    """Setup through the screens; returns the device and the recovery codes shown."""
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    return device, codes


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def test_optional_by_default_for_everyone(settings):
    settings.REQUIRE_2FA = False
    moderator = member("mod-optional", MODERATORS)
    client = signed_in(moderator)
    assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.filter(user=moderator).exists()


@pytest.mark.parametrize("groups,superuser", [((MODERATORS,), False), ((), True)])
def test_required_roles_are_sent_to_setup_before_any_admin_screen(require_2fa, groups, superuser):
    user = member("must-set-up", *groups, superuser=superuser)
    client = signed_in(user)
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_setup") + "?next=")
    setup = client.get(reverse("two_factor_setup"))
    body = setup.content.decode()
    assert setup.status_code == 200 and 'src="data:image/svg+xml' in body
    with translation.override("bg"):
        assert (
            translation.gettext("Your role requires two-step sign-in. Set it up to continue to the admin.")
            in body
        )
    # the public site is not affected
    assert client.get("/bg/").status_code == 200


def test_editors_are_not_forced_under_require_2fa(require_2fa):
    editor = member("editor-free", EDITORS)
    assert signed_in(editor).get("/admin/").status_code == 200


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_a_wrong_setup_code_is_refused_localized_and_nothing_is_turned_on(require_2fa, language):
    user = member(f"wrong-setup-{language}", MODERATORS, language=language)
    client = signed_in(user, language)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("two_factor_setup"), {"code": wrong})
    assert response.status_code == 400
    with translation.override(language):
        message = translation.gettext(WRONG_SETUP)
    assert message != WRONG_SETUP
    assert message.replace("'", "&#x27;") in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not StaticDevice.objects.filter(user=user).exists()
    assert client.get("/admin/").status_code == 302  # still sent to setup


def test_setup_then_sign_in_again_needs_a_code(require_2fa):
    user = member("full-journey", MODERATORS)
    client = signed_in(user)
    device, codes = turn_on(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200  # verified in this session by the setup

    other = signed_in(user)
    response = other.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor_verify") + "?next=%2Fadmin%2Fpages%2F"

    wrong = other.post(reverse("two_factor_verify"), {"code": "000000"})
    assert wrong.status_code == 400
    with translation.override("bg"):
        assert translation.gettext(WRONG_VERIFY).replace("'", "&#x27;") in wrong.content.decode()
    assert other.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp's throttle: 1 s after one failure, doubling after each

    # the next time step's code (the one just used at setup cannot be replayed)
    ok = other.post(reverse("two_factor_verify"), {"code": code_for(device, 1), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert other.get("/admin/pages/").status_code == 200


def test_a_recovery_code_works_once(require_2fa):
    user = member("recovering", MODERATORS)
    _, codes = turn_on(signed_in(user), user)
    first = signed_in(user)
    assert first.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    second = signed_in(user)
    assert second.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 400
    assert second.get("/admin/").status_code == 302


def test_wrong_codes_are_throttled(require_2fa):
    user = member("guessing-codes", MODERATORS)
    device, _ = turn_on(signed_in(user), user)
    client = signed_in(user)
    for _ in range(3):
        assert client.post(reverse("two_factor_verify"), {"code": "123456"}).status_code == 400
    response = client.post(reverse("two_factor_verify"), {"code": code_for(device, 1)})
    assert response.status_code == 400
    with translation.override("bg"):
        assert (
            translation.gettext("Too many wrong codes. Wait a minute, then try again.")
            in response.content.decode()
        )


def test_required_roles_cannot_turn_it_off_others_can(settings):
    settings.REQUIRE_2FA = True
    moderator = member("keeps-it", MODERATORS)
    client = signed_in(moderator)
    turn_on(client, moderator)
    response = client.post(reverse("two_factor_manage"), {"action": "disable"})
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()

    editor = member("drops-it", EDITORS)
    client = signed_in(editor)
    turn_on(client, editor)
    assert client.post(reverse("two_factor_manage"), {"action": "disable"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    assert signed_in(editor).get("/admin/").status_code == 200  # the password alone again


def test_new_recovery_codes_replace_the_old_ones(require_2fa):
    user = member("new-codes", MODERATORS)
    client = signed_in(user)
    _, old = turn_on(client, user)
    response = client.post(reverse("two_factor_manage"), {"action": "recovery"})
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert signed_in(user).post(reverse("two_factor_verify"), {"code": old[0]}).status_code == 400
    assert client.post(reverse("two_factor_manage"), {"action": "nonsense"}).status_code == 400


def test_next_is_never_another_host(require_2fa):
    user = member("open-redirect", MODERATORS)
    _, codes = turn_on(signed_in(user), user)
    client = signed_in(user)
    response = client.post(reverse("two_factor_verify"), {"code": codes[1], "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")

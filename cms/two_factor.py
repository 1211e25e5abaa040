"""Two-step sign-in for staff: a time-based one-time code (TOTP, RFC 6238) from an
authenticator app, with ten single-use recovery codes — django-otp's TOTP and
static devices, with our own screens (localized, inside the admin's CSP).

- Anyone with admin access may turn it on under Account → "Two-step sign-in".
  Once on, the password alone no longer opens the admin: the next screen asks
  for a code (or a recovery code).
- With REQUIRE_2FA=true, administrators and Moderators (who publish) must have
  it: until they set it up, every admin screen sends them to the setup, and they
  cannot turn it off.
- Wrong codes: django-otp's throttling doubles the wait after each failure of a
  device; the password step stays under django-axes' lockout (cms/security.py).

The API's bearer tokens are a separate credential and are not asked for a code."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.roles import MODERATORS

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"
RECOVERY_CODES = 10


def two_factor_required(user) -> bool:
    """Under REQUIRE_2FA, administrators and Moderators must sign in in two steps."""
    if not getattr(settings, "REQUIRE_2FA", False) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def _safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def _with_next(url_name, request):
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


class TwoFactorMiddleware:
    """On admin screens: a signed-in user with a device who has not given a code
    this session is sent to the code screen; one who must have a device and has
    none is sent to the setup. The sign-in, sign-out and two-step screens
    themselves, and what every admin page fetches (the icon sprite, the JS
    catalogue), stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._redirect(request)
        return target or self.get_response(request)

    def _redirect(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            return None
        open_paths = (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            # what every admin page loads, the two-step screens included
            reverse("wagtailadmin_javascript_catalog"),
            reverse("wagtailadmin_sprite"),
        )
        if request.path in open_paths:
            return None
        if user_has_device(user):
            if not user.is_verified():
                return HttpResponseRedirect(_with_next("two_factor_verify", request))
        elif two_factor_required(user):
            return HttpResponseRedirect(_with_next("two_factor_setup", request))
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _throttled(devices):
    """True when every device of the user is in its throttling wait."""
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def _render(request, template, context, status=200):
    return render(request, template, {"next": _safe_next(request), **context}, status=status)


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the app or a recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not user_has_device(user):
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            devices = list(TOTPDevice.objects.devices_for_user(user)) + list(
                StaticDevice.objects.devices_for_user(user)
            )
            if _throttled(devices):
                form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
            else:
                device = match_token(user, form.cleaned_data["code"])
                if device is not None:
                    otp_login(request, device)
                    if isinstance(device, StaticDevice):
                        remaining = device.token_set.count()
                        messages.warning(
                            request,
                            _("You signed in with a recovery code; %(count)s remain. Make new ones soon.")
                            % {"count": remaining},
                        )
                    return HttpResponseRedirect(_safe_next(request))
                form.add_error(
                    "code",
                    _(
                        "This code is not right or has expired. Enter the 6 digits your app shows now"
                        " (check that the phone's clock is right), or a recovery code."
                    ),
                )
        return _render(request, "cms/admin/two_factor_verify.html", {"form": form}, status=400)
    return _render(request, "cms/admin/two_factor_verify.html", {"form": form})


def _pending_device(user):
    """The user's unconfirmed authenticator, the same one across reloads of the setup."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=AUTHENTICATOR).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user, name=RECOVERY).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return device, codes


def _secret_groups(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def setup(request):
    """Turn two-step sign-in on: scan the QR code (or type the key), confirm one code;
    the recovery codes are shown once."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("two_factor_manage")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                codes = _new_recovery_codes(user)[1]
            otp_login(request, device)
            return _render(request, "cms/admin/two_factor_codes.html", {"codes": codes, "first_time": True})
        if form.is_valid():
            form.add_error(
                "code",
                _(
                    "This code is not right. Enter the 6 digits the app shows for this account now, then try again."
                ),
            )
        status = 400
    import segno  # here, not at the top: only staff setting up the app need it (≈ 1 MB per worker)

    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        # an image (a data: URI with a viewBox), so it scales and no admin style reaches into it
        "qr_src": qr.svg_data_uri(omitsize=True, dark="#000", light="#fff"),
        "secret": _secret_groups(device),
        "required": two_factor_required(user),
    }
    return _render(request, "cms/admin/two_factor_setup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def manage(request):
    """Account → Two-step sign-in: status, new recovery codes, turning it off."""
    user = request.user
    enabled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    required = two_factor_required(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if not enabled or action not in {"recovery", "disable"}:
            return _render(request, "cms/admin/two_factor_manage.html", _manage_context(user), status=400)
        if action == "recovery":
            codes = _new_recovery_codes(user)[1]
            return _render(request, "cms/admin/two_factor_codes.html", {"codes": codes, "first_time": False})
        if required:
            messages.error(request, _("Your role requires two-step sign-in; it cannot be turned off."))
            return _render(request, "cms/admin/two_factor_manage.html", _manage_context(user), status=403)
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        messages.success(request, _("Two-step sign-in is off. The password alone now opens your account."))
        return redirect("two_factor_manage")
    return _render(request, "cms/admin/two_factor_manage.html", _manage_context(user))


def _manage_context(user):
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY).first()
    return {
        "enabled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "required": two_factor_required(user),
        "recovery_left": recovery.token_set.count() if recovery else 0,
    }


def admin_urls():
    return [
        path("two-step/", manage, name="two_factor_manage"),
        path("two-step/setup/", setup, name="two_factor_setup"),
        path("two-step/verify/", verify, name="two_factor_verify"),
    ]

"""Sign-in throttling (django-axes) and the client address it counts by; the
Content-Security-Policy of the public site and of the admin (django-csp).

After `LOGIN_FAILURE_LIMIT` failed sign-ins for one account (from anywhere) or
from one address (for any account), signing in is refused for
`LOGIN_LOCKOUT_MINUTES`: the admin's sign-in page then answers 429 with a
localized explanation and `Retry-After`, and the right password does not get
in either until the time is over (or `manage.py axes_reset_username NAME`)."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from wagtail.views import serve as wagtail_serve


def client_ip(request) -> str | None:
    """The visitor's address: `REMOTE_ADDR`, or behind `TRUSTED_PROXY_COUNT`
    proxies (Varnish, nginx) the address the outermost trusted one saw,
    taken from the right of `X-Forwarded-For` (a client can prepend anything)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, credentials, *args, **kwargs):
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    message = ngettext(
        "Too many failed sign-in attempts. For your security, signing in is paused for %(minutes)s minute;"
        " please try again later or ask an administrator to unlock your account.",
        "Too many failed sign-in attempts. For your security, signing in is paused for %(minutes)s minutes;"
        " please try again later or ask an administrator to unlock your account.",
        minutes,
    ) % {"minutes": minutes}
    response = render(
        request,
        "cms/admin/lockout.html",
        {"message": message, "title": _("Signing in is paused")},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy (settings
    ADMIN_CONTENT_SECURITY_POLICY) under ADMIN_PATH_PREFIXES, and without a nonce
    there: a nonce in script-src makes browsers ignore 'unsafe-inline', which
    Wagtail's own templates need."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            if parts.config is None:
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.nonce = None
        return parts


# --- POSTs from cached pages ---------------------------------------------------
# A page served to anonymous visitors through a front cache cannot carry Django's
# per-visitor CSRF token (it would need a cookie on every GET, which makes the
# page uncacheable). Form routes of such pages (the institution's enquiry/) are
# served here instead: no token, but a POST must come from the site's own origin,
# which browsers state in the Origin header of every form POST (Referer when an
# old browser sends no Origin). A cross-site form or script cannot post there.


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def same_origin(request) -> bool:
    """The POST was sent by a page of this site (Origin, else Referer)."""
    sent = request.headers.get("Origin") or _origin(request.headers.get("Referer", ""))
    if not sent or sent == "null":
        return False
    allowed = {
        f"{request.scheme}://{request.get_host()}".lower(),
        _origin(settings.SITE_BASE_URL),
        *(origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS),
    }
    return sent.lower() in allowed


@csrf_exempt
def origin_checked_serve(request, path):
    """Wagtail's page view for token-free form routes: a POST from another origin is refused (403)."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(request):
        return render(
            request,
            "cms/cross_origin.html",
            {"title": _("This form can only be sent from this website")},
            status=403,
        )
    return wagtail_serve(request, path)

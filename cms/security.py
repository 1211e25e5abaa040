"""Sign-in throttling (django-axes) and the client address it counts by; the
Content-Security-Policy of the public site and of the admin (django-csp).

After `LOGIN_FAILURE_LIMIT` failed sign-ins for one account (from anywhere) or
from one address (for any account), signing in is refused for
`LOGIN_LOCKOUT_MINUTES`: the admin's sign-in page then answers 429 with a
localized explanation and `Retry-After`, and the right password does not get
in either until the time is over (or `manage.py axes_reset_username NAME`)."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


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

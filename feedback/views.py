"""The public side of page feedback: the form's POST and the thank-you page.

The form is part of cached pages, so it carries no CSRF token: the POST is
accepted only from the site's own origin (cms.security.same_origin), like the
institutions' enquiry forms. Every refusal is a 4xx page in the visitor's
language and writes nothing."""

import hashlib

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from cms import rate_limit
from cms.security import client_ip, same_origin
from cms.visibility import is_publicly_visible

from .models import PageFeedback

__all__ = ["submit", "thanks"]


def _problem(request, status, title, message, target=None):
    response = render(
        request,
        "feedback/problem.html",
        {"title": title, "message": message, "target": target},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _visible_page(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    page = Page.objects.filter(pk=pk).select_related("locale").first()
    return page.specific if page is not None and is_publicly_visible(page) else None


def _rate_limited(request):
    """Count this answer for the client's address (hashed, in the cache only);
    True when it is over FEEDBACK_RATE_LIMIT in the window."""
    address = client_ip(request) or "unknown"
    key = "feedback-rate:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return rate_limit.count(key, settings.FEEDBACK_RATE_WINDOW) > settings.FEEDBACK_RATE_LIMIT


@csrf_exempt
@require_POST
@never_cache
def submit(request):
    if not same_origin(request):
        return render(
            request,
            "cms/cross_origin.html",
            {"title": _("This form can only be sent from this website")},
            status=403,
        )
    target = _visible_page(request.POST.get("page"))
    if target is None:
        return _problem(
            request, 400, _("Your answer was not recorded"), _("The page you answered about does not exist.")
        )
    useful = request.POST.get("useful")
    if useful not in ("yes", "no"):
        return _problem(
            request,
            400,
            _("Your answer was not recorded"),
            _("Choose “Yes” or “No” to say whether the page was useful."),
            target,
        )
    comment = "".join(
        ch for ch in request.POST.get("comment", "") if ch in "\n\t" or ch.isprintable()
    ).strip()
    limit = settings.FEEDBACK_COMMENT_MAX_LENGTH
    if len(comment) > limit:
        message = ngettext(
            "The comment may be at most %(limit)d character long; yours has %(length)d.",
            "The comment may be at most %(limit)d characters long; yours has %(length)d.",
            limit,
        ) % {"limit": limit, "length": len(comment)}
        return _problem(request, 400, _("Your answer was not recorded"), message, target)
    if _rate_limited(request):
        response = _problem(
            request,
            429,
            _("Too many answers"),
            _("You have sent many answers in a short time. Please try again later."),
            target,
        )
        response["Retry-After"] = str(settings.FEEDBACK_RATE_WINDOW)
        return response
    PageFeedback.objects.create(
        page=target, locale_id=target.locale_id, useful=useful == "yes", comment=comment
    )
    response = redirect(reverse("feedback:thanks") + "?" + urlencode({"page": target.pk}))
    response.status_code = 303  # see other: reloading the thank-you page does not send again
    return response


@require_GET
def thanks(request):
    return render(request, "feedback/thanks.html", {"target": _visible_page(request.GET.get("page"))})

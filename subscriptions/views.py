"""The public pages of a subscription, under each language's prefix:

  subscriptions/                  the form (GET), a request (POST: 302 to sent/)
  subscriptions/sent/             "check your mail"
  subscriptions/confirm/<token>/  GET: a button; POST: confirmed (410 once expired)
  subscriptions/unsubscribe/<token>/  GET: a button; POST: the address is deleted.
                                      Mail clients POST here too (RFC 8058 one-click).

The form carries no CSRF token or cookie (a front cache may keep its page):
a POST must come from the site's own origin (cms.security.same_origin), as
for the enquiry form. The token routes need no origin: the signed token is
the proof, and one-click unsubscribes come from mail providers. Links in mail
are opened by scanners too, so a GET never changes anything; the one button
is the one click. A refused request writes and sends nothing."""

import hashlib
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cms import rate_limit
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from cms.security import client_ip, same_origin

from .forms import SubscribeForm
from .mails import confirmation_message
from .models import Subscription
from .tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, is_signed, subscription_for
from .topics import categories, category_name

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 4096
RATE_WINDOW_SECONDS = 3600


def _language():
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _privacy_page(language):
    from wagtail.models import Page

    from cms.visibility import publicly_visible

    return publicly_visible(
        Page.objects.filter(locale__language_code=language, slug=settings.PRIVACY_PAGE_SLUG)
    ).first()


def _page(request, state, status=200, **context):
    titles = {
        "form": _("Subscribe to the news by e-mail"),
        "sent": _("Check your mail"),
        "confirm": _("Confirm your subscription"),
        "confirmed": _("Your subscription is confirmed"),
        "expired": _("This confirmation link has expired"),
        "invalid": _("This link is not valid"),
        "unsubscribe": _("Unsubscribe from the news"),
        "unsubscribed": _("You are unsubscribed"),
        "refused": _("Your request was not sent"),
    }
    context.update(state=state, title=titles[state])
    return render(request, "subscriptions/page.html", context, status=status)


# --- refusals -----------------------------------------------------------------


def _rate_keys(request, email=""):
    keys = [f"subscribe-rate:ip:{client_ip(request) or 'unknown'}"]
    if email:
        keys.append("subscribe-rate:email:" + hashlib.sha256(email.encode()).hexdigest())
    return keys


def _rate_limited(keys):
    return any(rate_limit.hits(key) >= settings.SUBSCRIPTION_RATE_LIMIT for key in keys)


def _count(keys):
    for key in keys:
        rate_limit.count(key, RATE_WINDOW_SECONDS)


def _body_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


# --- the form -----------------------------------------------------------------


def _form_page(request, form, status=200, refusal=""):
    language = _language()
    return _page(
        request,
        "form",
        status,
        form=form,
        refusal=refusal,
        privacy_page=_privacy_page(language),
        language_name=LANGUAGE_NAMES_IN_TEXT[language],
    )


@csrf_exempt
def subscribe(request):
    language = _language()
    topics = categories(language)
    if request.method != "POST":
        return _form_page(request, SubscribeForm(categories=topics))
    if not same_origin(request):
        return _page(
            request,
            "refused",
            403,
            message=_(
                "It did not come from a page of this website. Please open the form and send it from there."
            ),
        )
    if _body_too_large(request):
        return _form_page(
            request, SubscribeForm(categories=topics), 413, _("Your request is too large to be sent.")
        )
    form = SubscribeForm(request.POST, categories=topics)
    if not form.is_valid():
        return _form_page(request, form, 400, _("Nothing was sent. Please correct the errors below."))
    email, slug = form.cleaned_data["email"], form.cleaned_data["category"]
    keys = _rate_keys(request, email)
    if _rate_limited(keys):
        response = _form_page(
            request,
            form,
            429,
            _(
                "Too many requests were sent from your connection or for this address in the last hour. "
                "Nothing was sent; please try again later."
            ),
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.select_for_update().get_or_create(
                email=email, language=language, category_slug=slug
            )
            if not created and not subscription.is_confirmed:
                subscription.requested_at = timezone.now()  # a new link, valid from now
                subscription.save(update_fields=["requested_at"])
            get_connection().send_messages([confirmation_message(subscription)])
    except OSError:
        logger.exception("Could not send a subscription confirmation")
        return _form_page(
            request,
            form,
            503,
            _("The confirmation mail could not be sent just now; nothing was kept. Please try again later."),
        )
    _count(keys)
    return redirect(reverse("subscriptions:sent"))


def sent(request):
    return _page(request, "sent", hours=settings.SUBSCRIPTION_CONFIRMATION_HOURS)


# --- links from the mails -----------------------------------------------------


def _topic(subscription):
    return category_name(subscription.category_slug, subscription.language)


@never_cache
@csrf_exempt
def confirm(request, token):
    subscription = subscription_for(token, CONFIRM_SALT)
    if subscription is None:
        return _page(request, "invalid", 404)
    if subscription.confirmation_expired():
        subscription.delete()  # kept for nothing else
        return _page(request, "expired", 410)
    if subscription.is_confirmed:
        return _page(request, "confirmed", subscription=subscription, topic=_topic(subscription))
    if request.method != "POST":
        return _page(request, "confirm", subscription=subscription, topic=_topic(subscription))
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    return _page(request, "confirmed", subscription=subscription, topic=_topic(subscription))


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    subscription = subscription_for(token, UNSUBSCRIBE_SALT)
    if request.method != "POST":
        if subscription is None:
            return _page(request, "invalid", 404)
        return _page(request, "unsubscribe", subscription=subscription, topic=_topic(subscription))
    if subscription is not None:
        subscription.delete()  # the address and its delivery records
    elif not is_signed(token, UNSUBSCRIBE_SALT):
        return _page(request, "invalid", 404)
    # Unsubscribing twice (a second click, the mail client's one-click POST) is no error.
    return _page(request, "unsubscribed")

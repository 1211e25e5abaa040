"""The two mails of a subscription, each in the subscription's language: the
confirmation request (double opt-in) and the announcement of a news item, with
its one-click unsubscribe link in the text and in the `List-Unsubscribe` and
`List-Unsubscribe-Post` headers (RFC 2369, RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms.base_url import absolute_url, page_url

from .tokens import confirmation_token, unsubscribe_token
from .topics import category_name


def _link(name, token, language):
    with translation.override(language):
        return absolute_url(reverse(f"subscriptions:{name}", kwargs={"token": token}))


def confirmation_url(subscription):
    return _link("confirm", confirmation_token(subscription), subscription.language)


def unsubscribe_url(subscription):
    return _link("unsubscribe", unsubscribe_token(subscription), subscription.language)


def _topic(subscription, names=None):
    """What the subscription is about, in words; `names` ({slug: name}) saves a query per mail."""
    if names is not None:
        name = names.get(subscription.category_slug, subscription.category_slug)
    else:
        name = category_name(subscription.category_slug, subscription.language)
    if name:
        return _("E-GoverNet news in the category “%(category)s”") % {"category": name}
    return _("all E-GoverNet news")


def confirmation_message(subscription):
    with translation.override(subscription.language):
        values = {
            "topic": _topic(subscription),
            "url": confirmation_url(subscription),
            "hours": settings.SUBSCRIPTION_CONFIRMATION_HOURS,
        }
        subject = _("Please confirm your subscription to E-GoverNet news")
        body = (
            _(
                "Hello,\n\n"
                "someone, probably you, asked to receive %(topic)s by e-mail at this address.\n\n"
                "To confirm, open this link within %(hours)s hours:\n%(url)s\n\n"
                "If you did not ask for this, ignore this mail: nothing will be sent to you, and the "
                "address is deleted when the link expires.\n"
            )
            % values
        )
    return EmailMessage(subject, body, to=[subscription.email], headers={"Auto-Submitted": "auto-generated"})


def news_message(subscription, page, *, url=None, names=None):
    """The announcement of `page`; a batch passes the page's `url` and the category `names` once."""
    with translation.override(subscription.language):
        link = unsubscribe_url(subscription)
        values = {
            "title": page.title,
            "summary": getattr(page, "intro", "") or "",
            "url": url if url is not None else page_url(page) or "",
            "topic": _topic(subscription, names),
            "unsubscribe": link,
        }
        body = (
            _(
                "%(title)s\n\n"
                "%(summary)s\n\n"
                "Read more: %(url)s\n\n"
                "-- \n"
                "You receive this mail because you subscribed to %(topic)s.\n"
                "Unsubscribe with one click: %(unsubscribe)s\n"
                "Your address is used for nothing else and is deleted when you unsubscribe.\n"
            )
            % values
        )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
    }
    return EmailMessage(page.title, body, to=[subscription.email], headers=headers)

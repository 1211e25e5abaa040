"""The secrets in the links of our mails: signed with SECRET_KEY, so nothing
secret is stored beside the address. A confirmation link names the request
(and stops working when it expires, see Subscription.confirmation_expired);
an unsubscribe link names the subscription and its address."""

from django.core import signing

CONFIRM_SALT = "subscriptions.confirm"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


def confirmation_token(subscription) -> str:
    return signing.dumps([subscription.pk, subscription.email], salt=CONFIRM_SALT)


def unsubscribe_token(subscription) -> str:
    return signing.dumps([subscription.pk, subscription.email], salt=UNSUBSCRIBE_SALT)


def _read(token, salt):
    try:
        pk, email = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk, email


def is_signed(token, salt) -> bool:
    """The token was made here (whether or not its subscription still exists)."""
    return _read(token, salt) is not None


def subscription_for(token, salt):
    """The subscription a link names, or None (forged, or deleted since)."""
    from .models import Subscription

    found = _read(token, salt)
    if found is None:
        return None
    pk, email = found
    return Subscription.objects.filter(pk=pk, email=email).first()

"""The subscription form: events, page types and languages as checkboxes, and the
target URL rule (https only, except http to 127.0.0.1/localhost where private
targets are allowed, i.e. in development)."""

import ipaddress
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import get_page_models

from webhooks.models import Event, WebhookSubscription

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def page_type_choices():
    models = [m for m in get_page_models() if m._meta.label != "wagtailcore.Page"]
    return sorted(
        ((m._meta.label, str(m._meta.verbose_name).capitalize()) for m in models), key=lambda c: c[1]
    )


def target_url_error(url: str):
    """Why `url` cannot be a webhook target, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    allow_private = getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)
    if parts.scheme == "http" and not (allow_private and host in LOCAL_HOSTS):
        return _("The target URL must use https (http only for 127.0.0.1 in development).")
    if parts.scheme not in ("http", "https") or not host:
        return _("Enter a full https:// URL.")
    if parts.username or parts.password:
        return _("The target URL must not contain a user name or password.")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None  # a name: checked against private addresses at each delivery
    if not allow_private and not address.is_global:
        return _("The target URL points to a private, loopback or link-local address.")
    return None


class WebhookSubscriptionForm(WagtailAdminModelForm):
    target_url = forms.URLField(label=_("Target URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    page_types = forms.MultipleChoiceField(
        label=_("Page types"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only pages of these types (none: all)."),
    )
    locales = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only content in these languages (none: all)."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "target_url", "events", "page_types", "locales", "secret", "is_active", "owner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_types"].choices = page_type_choices()
        self.fields["locales"].choices = list(settings.WAGTAIL_CONTENT_LANGUAGES)

    def clean_target_url(self):
        url = self.cleaned_data["target_url"]
        error = target_url_error(url)
        if error:
            raise forms.ValidationError(error)
        return url

    def save(self, commit=True):
        subscription = super().save(commit=False)
        if subscription.is_active:
            subscription.failing_since = subscription.deactivated_at = None  # (re)activated: a fresh start
        if commit:
            subscription.save()
        return subscription

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from webhooks import views
from webhooks.forms import WebhookSubscriptionForm
from webhooks.models import WebhookSubscription


class DeliveryLogColumn(Column):
    """A link to the subscription's delivery log (send again, test ping)."""

    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>', reverse("webhooks_deliveries", args=[instance.pk]), _("Delivery log")
        )


class WebhookViewSet(ModelViewSet):
    """Settings → Webhooks, for administrators (no group is given its permissions)."""

    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = [
        "name",
        "target_url",
        "is_active",
        "failing_since",
        DeliveryLogColumn("delivery_log", label=_("Deliveries")),
    ]

    def get_form_class(self, for_update=False):
        return WebhookSubscriptionForm


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookViewSet("webhooks")


@hooks.register("register_admin_urls")
def register_delivery_urls():
    return [
        path("webhooks/<int:pk>/deliveries/", views.deliveries, name="webhooks_deliveries"),
        path("webhooks/<int:pk>/ping/", views.ping, name="webhooks_ping"),
        path(
            "webhooks/<int:pk>/deliveries/<int:delivery_id>/send-again/",
            views.send_again,
            name="webhooks_send_again",
        ),
    ]

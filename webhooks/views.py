"""The delivery log of a subscription, with "Send again" and "Send test ping"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from webhooks import events
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription


def _require_manager(user):
    if not user.has_perm("webhooks.change_webhooksubscription"):
        raise PermissionDenied


def deliveries(request, pk):
    _require_manager(request.user)
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    page = Paginator(subscription.deliveries.order_by("-created_at", "-pk"), 50).get_page(
        request.GET.get("p")
    )
    title = _("Deliveries of “%(name)s”") % {"name": subscription.name}
    return TemplateResponse(
        request,
        "webhooks/deliveries.html",
        {
            "subscription": subscription,
            "page_obj": page,
            "header_title": title,
            "page_title": title,
            "statuses": DeliveryStatus,
        },
    )


@require_POST
def ping(request, pk):
    _require_manager(request.user)
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    sent = events.send_ping(subscription)
    _report(request, sent[0] if sent else None)
    return redirect("webhooks_deliveries", pk=subscription.pk)


@require_POST
def send_again(request, pk, delivery_id):
    _require_manager(request.user)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, subscription_id=pk)
    if not delivery.subscription.is_active:
        messages.error(request, _("The webhook is inactive: activate it before sending again."))
        return redirect("webhooks_deliveries", pk=pk)
    _report(request, events.send_again(delivery))
    return redirect("webhooks_deliveries", pk=pk)


def _report(request, delivery):
    if delivery is None:
        messages.error(request, _("The webhook is inactive: activate it before sending a ping."))
        return
    delivery.refresh_from_db()
    if delivery.status == DeliveryStatus.SUCCEEDED:
        messages.success(request, _("Delivered (HTTP %(code)s).") % {"code": delivery.response_code})
    elif delivery.status == DeliveryStatus.PENDING:
        messages.info(request, _("Queued: the worker sends it shortly."))
    else:
        messages.warning(request, _("Not delivered: %(reason)s") % {"reason": _reason(delivery)})


def _reason(delivery):
    if delivery.response_code:
        return _("HTTP %(code)s") % {"code": delivery.response_code}
    return delivery.error or "?"

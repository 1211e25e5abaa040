"""Admin: the alerts snippet (drafts, revisions, the review workflow, translation,
REQUIRE_SECOND_REVIEWER but for emergencies); public: the banner at the top of
every page (the `site_banners` hook of cms_tags) and the start/end times for the
page cache."""

import json

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.action_menu import PublishMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import second_reviewer

from .models import PUBLISHED_WITHOUT_REVIEW, Alert
from .queries import alerts_for, time_boundary_fields


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Alerts")
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["title", "severity", "start_at", "end_at", "locale"]
    list_filter = ["severity", "live", "locale"]


register_snippet(AlertViewSet)


def severity_in_form(request, alert=None):
    """The severity the editor's action is about: on a POST the submitted one (the
    form decides what is saved and published), else the alert's (a new one's default)."""
    if request.method == "POST":
        return request.POST.get("severity", "")
    if alert is not None:
        return alert.severity
    return Alert._meta.get_field("severity").get_default()


class PublishWithoutReviewMenuItem(PublishMenuItem):
    """Publish, shown while the form's severity is one published without review:
    Wagtail's `w-rules` controller follows the severity field as it is changed."""

    template_name = "alerts/admin/publish_without_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        severity = severity_in_form(parent_context["request"], parent_context.get("instance"))
        context["shown"] = severity in PUBLISHED_WITHOUT_REVIEW
        context["rules"] = json.dumps({"severity": list(PUBLISHED_WITHOUT_REVIEW)})
        return context


@hooks.register("construct_snippet_action_menu")
def publish_at_once_only_without_review(menu_items, request, context):
    if context["model"] is Alert:
        second_reviewer.hide_publish_action(
            menu_items, request, context, instead=PublishWithoutReviewMenuItem(order=30)
        )


def refuse_publishing_ones_own_alert(request):
    """A forged Publish of an information or warning alert (the submitted severity
    decides): 403 under REQUIRE_SECOND_REVIEWER, before anything is saved."""
    if severity_in_form(request) in PUBLISHED_WITHOUT_REVIEW:
        return None
    return second_reviewer.refuse_own_publish(request)


@hooks.register("before_create_snippet")
def refuse_publishing_a_new_alert(request, model):
    if model is Alert:
        return refuse_publishing_ones_own_alert(request)
    return None


@hooks.register("before_edit_snippet")
def refuse_publishing_an_edited_alert(request, instance):
    if isinstance(instance, Alert):
        return refuse_publishing_ones_own_alert(request)
    return None


@hooks.register("site_banners")
def alert_banner(request, page):
    language_code = translation.get_language()
    alerts = alerts_for(request, page, language_code)
    if not alerts:
        return ""
    return render_to_string(
        "alerts/_banner.html",
        {
            "alerts": alerts,
            "language_code": language_code,
            "next": request.get_full_path() if request else "/",
        },
        request=request,
    )


hooks.register("cache_time_boundary_fields", time_boundary_fields)

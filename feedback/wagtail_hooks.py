from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("reports/page-feedback/", admin_views.report, name="feedback_report"),
        path("reports/page-feedback/<int:page_id>/", admin_views.page_report, name="feedback_page_report"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(_("Page feedback"), reverse("feedback_report"), icon_name="comment", order=60)

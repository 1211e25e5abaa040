"""Admin: the alerts snippet (drafts, revisions, the review workflow, translation);
public: the banner at the top of every page (the `site_banners` hook of
cms_tags) and the start/end times for the page cache."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Alert
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

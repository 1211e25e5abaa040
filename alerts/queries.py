"""Which alerts a visitor sees, and when the set changes by the clock alone."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from cms.caching.fragments import cached
from cms.visibility import publicly_visible

from .models import SEVERITY_RANK, Alert

SESSION_KEY = "dismissed_alerts"


def live_alerts(now=None):
    """Published alerts whose time window contains `now`, in every language."""
    now = now or timezone.now()
    return (
        Alert.objects.filter(live=True, start_at__lte=now)
        .filter(Q(end_at__isnull=True) | Q(end_at__gt=now))
        .select_related("locale", "section")
    )


def _live_now():
    """`live_alerts()` kept per content change: an alert's start and end are
    boundaries of the content clock, so the list is made again when one passes."""
    return cached("live-alerts", lambda: list(live_alerts()))


def _one_per_alert(alerts, language_code):
    """One version of each alert (by translation_key): the visitor's language,
    else the language it was written in (an alert is shown before it is translated)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    chosen = {}
    for alert in alerts:
        current = chosen.get(alert.translation_key)
        rank = (
            0
            if alert.locale.language_code == language_code
            else 1
            if alert.locale.language_code == default
            else 2
        )
        if current is None or rank < current[0] or (rank == current[0] and alert.pk < current[1].pk):
            chosen[alert.translation_key] = (rank, alert)
    return sorted(
        (alert for _rank, alert in chosen.values()),
        key=lambda alert: (SEVERITY_RANK[alert.severity], -alert.start_at.timestamp(), alert.pk),
    )


def _in_scope(alerts, page):
    """Site-wide alerts, and those whose section (in any language) is `page` or above it."""
    sections = {alert.section.translation_key for alert in alerts if alert.section_id}
    above = set()
    if sections and isinstance(page, Page):
        above = set(
            Page.objects.filter(translation_key__in=sections)
            .filter(pk__in=page.get_ancestors(inclusive=True).values("pk"))
            .values_list("translation_key", flat=True)
        )
    return [alert for alert in alerts if not alert.section_id or alert.section.translation_key in above]


def alerts_for(request, page, language_code, now=None):
    """The alerts to show at the top of `page` (None outside the page tree), most
    severe first, without those the visitor dismissed in this session. The
    session is read only when the visitor already has one (no cookie is made for
    a visitor who never dismisses)."""
    alerts = _in_scope(_one_per_alert(_live_now() if now is None else live_alerts(now), language_code), page)
    dismissed = set(dismissed_keys(request))
    return [alert for alert in alerts if not (alert.dismissible and str(alert.translation_key) in dismissed)]


def dismissed_keys(request):
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    return request.session.get(SESSION_KEY, [])


def public_alerts(locale=None, now=None):
    """What the API lists: live alerts (of `locale`, when given) whose section, if
    any, the public may see (cms.visibility)."""
    alerts = live_alerts(now)
    if locale is not None:
        alerts = alerts.filter(locale__language_code=locale)
    return alerts.filter(Q(section__isnull=True) | Q(section__in=publicly_visible(Page.objects.all())))


def time_boundary_fields():
    """Every published alert's start and end: the moments the banners change by
    the clock alone (cms.caching.clock's `cache_time_boundary_fields` hook: the
    content clock folds them into its own query)."""
    published = Alert.objects.filter(live=True)
    return [(published, "start_at"), (published, "end_at")]

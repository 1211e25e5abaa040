"""The dismiss button (a plain form POST: no JavaScript, no token, origin-checked
like the other forms of cached pages) and the public alerts API."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms import base_url
from cms.api_filters import not_one_of
from cms.security import same_origin

from .models import Alert
from .queries import SESSION_KEY, live_alerts, public_alerts


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return f"/{request.LANGUAGE_CODE}/"


@csrf_exempt
@require_POST
def dismiss(request, key):
    """Hide one alert (all its translations) for the rest of the browser session."""
    if not same_origin(request):
        return render(
            request,
            "cms/cross_origin.html",
            {"title": _("This form can only be sent from this website")},
            status=403,
        )
    alert = live_alerts().filter(translation_key=key).first()
    if alert is None:
        raise Http404(_("This alert is no longer shown."))
    if not alert.dismissible:
        return render(
            request,
            "alerts/not_dismissible.html",
            {"title": _("Emergency alerts cannot be hidden"), "back": _back(request)},
            status=400,
        )
    dismissed = request.session.get(SESSION_KEY, [])
    if str(key) not in dismissed:
        request.session[SESSION_KEY] = [*dismissed, str(key)]
    return HttpResponseRedirect(_back(request), status=303)


def _serialize(alert, request):
    section = alert.section
    return {
        "id": alert.pk,
        "translation_key": str(alert.translation_key),
        "locale": alert.locale.language_code,
        "severity": alert.severity,
        "title": alert.title,
        "text": alert.text,
        "link": {"url": alert.link_url, "text": alert.link_text or None} if alert.link_url else None,
        "start_at": alert.start_at.isoformat(),
        "end_at": alert.end_at.isoformat() if alert.end_at else None,
        "dismissible": alert.dismissible,
        "scope": (
            {"type": "section", "page_id": section.pk, "url": base_url.page_url(section, request)}
            if section
            else {"type": "site"}
        ),
    }


KNOWN_PARAMETERS = {"locale"}


@require_GET
def api_alerts(request):
    """/api/v2/alerts/?locale=bg: the alerts in force, most severe first."""
    unknown = sorted(set(request.GET) - KNOWN_PARAMETERS)
    if unknown:
        return JsonResponse(
            {
                "message": _("query parameter is not an operation or a recognised field: %(names)s")
                % {"names": ", ".join(unknown)}
            },
            status=400,
        )
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locale = request.GET.get("locale")
    if locale is not None and locale not in codes:
        return JsonResponse({"message": str(not_one_of("locale", locale, codes).args[0])}, status=400)
    from .models import SEVERITY_RANK

    alerts = sorted(
        public_alerts(locale),
        key=lambda a: (SEVERITY_RANK[a.severity], -a.start_at.timestamp(), a.pk),
    )
    items = [_serialize(alert, request) for alert in alerts]
    return JsonResponse({"meta": {"total_count": len(items)}, "items": items})


__all__ = ["Alert", "api_alerts", "dismiss"]

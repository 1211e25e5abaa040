"""The alert snippet's admin form data, as the editor posts it."""

import datetime

from django.utils import timezone

from alerts.models import WARNING


def alert_form(title, action, severity=WARNING):
    """An alert shown from a minute ago, with `action` ("action-publish",
    "action-submit", …) as the button pressed."""
    start = timezone.localtime() - datetime.timedelta(minutes=1)
    return {
        "severity": severity,
        "title": title,
        "text": "Closed.",
        "link_url": "",
        "link_text": "",
        "start_at": start.strftime("%Y-%m-%d %H:%M"),
        "end_at": "",
        "section": "",
        action: action,
    }

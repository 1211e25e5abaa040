import datetime

from django.utils import timezone
from wagtail import hooks

from .keys import add_surrogate_keys, page_key


@hooks.register("before_serve_page")
def name_the_page_served(page, request, serve_args, serve_kwargs):
    """An HTML page's answer carries its own key, `page-<id>` (cms.caching.keys)."""
    add_surrogate_keys(request, page_key(page.pk))


@hooks.register("cache_time_boundaries")
def local_midnight(now):
    """What is computed from "today" (memberships and agreements in force, the
    network's figures, review reminders' "overdue") changes at local midnight
    with no write at all: the start of today and of tomorrow are boundaries."""
    zone = timezone.get_current_timezone()
    today = timezone.localtime(now, zone).date()
    return [
        datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        for day in (today, today + datetime.timedelta(days=1))
    ]

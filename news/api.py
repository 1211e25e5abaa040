"""News in the API: the `category`, `region` and `since` filters of the pages
endpoints (v2 and v3), and the removed-news log for consumers that sync.
(ETag, Last-Modified and 304 answers come from cms.caching for every API.)"""

import datetime
import re

from django.db.models import QuerySet
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms.api_filters import BadRequestError, PageFilter
from cms.attribution_api import InstitutionFilter
from cms.visibility import expired_but_live

from .models import NewsCategory, NewsPage, NewsPageCategory, NewsRemoval, region_q
from .regions import REGION_CODES

REMOVED_MAX_LIMIT = 1000


def parse_since(value):
    """An ISO 8601 date or datetime (naive values are in the site's time zone)."""
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequestError(
            gettext("since must be an ISO 8601 date or datetime such as 2026-03-05T10:00:00Z; got %(value)s")
            % {"value": repr(value)}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class NewsPageFilter(PageFilter):
    """`category=<slug>`, `region=<NUTS-3 code>`, `since=<ISO datetime>` (last
    published after it), and prefetches news relations. (Pages past their expiry
    are already left out by the pages endpoint: cms.visibility.)"""

    page_type = "news.NewsPage"
    parameters = {
        "category": "Slug of a news category: only news in that category (400 for an unknown slug).",
        "region": "NUTS-3 code of a region of the programme area (e.g. RO314): only news about it.",
        "since": "ISO 8601 date or datetime (e.g. 2026-03-05T10:00:00Z): only news last published after it.",
    }

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        wanted = {name: params[name] for name in self.parameters if name in params}
        if not isinstance(queryset, QuerySet):
            if wanted:
                raise BadRequestError(gettext("category, region and since cannot be combined with search"))
            return queryset
        if "category" in wanted:
            slug = wanted["category"]
            if not NewsCategory.objects.filter(slug=slug).exists():
                known = ", ".join(sorted(set(NewsCategory.objects.values_list("slug", flat=True))))
                raise BadRequestError(
                    gettext("unknown category %(slug)s; known categories: %(known)s")
                    % {"slug": repr(slug), "known": known}
                )
            queryset = queryset.filter(
                pk__in=NewsPageCategory.objects.filter(category__slug=slug).values("page_id")
            )
        if "region" in wanted:
            code = wanted["region"].upper()
            if code not in REGION_CODES:
                raise BadRequestError(
                    gettext("region must be a NUTS-3 code of the programme area (%(codes)s); got %(value)s")
                    % {"codes": ", ".join(REGION_CODES), "value": repr(wanted["region"])}
                )
            queryset = queryset.filter(pk__in=NewsPage.objects.filter(region_q(code)).values("pk"))
        if "since" in wanted:
            queryset = queryset.filter(last_published_at__gt=parse_since(wanted["since"]))
        if queryset.model is NewsPage:
            queryset = queryset.select_related("hero_image").prefetch_related(
                "news_categories__category", "related_institutions__institution", "hero_image__renditions"
            )
        return queryset


class NewsInstitutionFilter(InstitutionFilter):
    """`institution=`: news attributed to that institution (cms.attribution)."""

    page_type = "news.NewsPage"


@require_GET
def removed_news(request):
    """News that stopped being public (unpublished, expired, deleted) since a moment.

    `GET /api/v2/news/removed/?since=<ISO datetime>&limit=<1..1000>` →
    {"meta": {"total_count", "next_since"}, "items": [{"id", "translation_key",
    "locale", "reason", "removed_at"}]}, oldest first. A page published again
    later comes back through `/api/v2/pages/?since=`."""
    try:
        since = parse_since(request.GET["since"]) if "since" in request.GET else None
        limit_value = request.GET.get("limit", "100")
        if not re.fullmatch(r"\d{1,4}", limit_value) or not 1 <= int(limit_value) <= REMOVED_MAX_LIMIT:
            raise BadRequestError(
                gettext("limit must be a whole number from 1 to %(max)s; got %(value)s")
                % {"max": REMOVED_MAX_LIMIT, "value": repr(limit_value)}
            )
        unknown = set(request.GET) - {"since", "limit"}
        if unknown:
            raise BadRequestError(
                gettext("unknown parameter(s): %(names)s; use since and limit")
                % {"names": ", ".join(sorted(unknown))}
            )
    except BadRequestError as error:
        return JsonResponse({"message": str(error)}, status=400)
    limit = int(limit_value)
    recorded = NewsRemoval.objects.all()
    # Items past their expiry that the publish_scheduled cron has not unpublished
    # yet: already hidden everywhere, so listed as removed at their expiry (the
    # cron then records them with the same moment and reason).
    expired = expired_but_live(NewsPage.objects.all()).select_related("locale")
    if since is not None:
        recorded = recorded.filter(removed_at__gt=since)
        expired = expired.filter(expire_at__gt=since)
    total = recorded.count() + expired.count()
    rows = [
        (removal.removed_at, removal.page_id, str(removal.translation_key), removal.locale, removal.reason)
        for removal in recorded.order_by("removed_at", "pk")[:limit]
    ] + [
        (
            page.expire_at,
            page.pk,
            str(page.translation_key),
            page.locale.language_code,
            NewsRemoval.REASON_EXPIRED,
        )
        for page in expired.order_by("expire_at", "pk")[:limit]
    ]
    items = sorted(rows)[:limit]
    return JsonResponse(
        {
            "meta": {
                "total_count": total,
                "next_since": items[-1][0].isoformat() if items and total > len(items) else None,
            },
            "items": [
                {
                    "id": page_id,
                    "translation_key": key,
                    "locale": locale,
                    "reason": reason,
                    "removed_at": removed_at.isoformat(),
                }
                for removed_at, page_id, key, locale, reason in items
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )

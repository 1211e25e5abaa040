"""The admin report of page feedback: per page and language, the yes/no counts
and the number of comments; each page's comments; CSV of the answers."""

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import PageFeedback

__all__ = ["page_report", "report"]

PERMISSION = "feedback.view_pagefeedback"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _locale_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _filtered(request):
    """The answers the filters select, and the chosen language ("" for all; an
    unknown one is reported and ignored)."""
    answers = PageFeedback.objects.all()
    code = request.GET.get("locale", "")
    error = None
    if code and code not in _locale_codes():
        error = _("Unknown language “%(code)s”; showing all languages.") % {"code": code}
        code = ""
    if code:
        answers = answers.filter(locale__language_code=code)
    return answers, code, error


def _cell(value):
    """Text as a spreadsheet shows it, never run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(answers):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="page-feedback-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["sent_at", "page_id", "page_title", "language", "useful", "comment"])
    for answer in answers.select_related("page", "locale").order_by("created_at", "pk").iterator():
        writer.writerow(
            [
                timezone.localtime(answer.created_at).isoformat(timespec="seconds"),
                answer.page_id,
                _cell(answer.page.title),
                answer.locale.language_code,
                "yes" if answer.useful else "no",
                _cell(answer.comment),
            ]
        )
    return response


def report(request):
    _require(request)
    answers, code, error = _filtered(request)
    if request.GET.get("export") == "csv":
        return _csv(answers)
    rows = (
        answers.values("page_id", "page__title", "locale__language_code")
        .annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created_at"),
        )
        .order_by("-latest", "page_id")
    )
    page_obj = Paginator(rows, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "feedback/admin/report.html",
        {
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "language_codes": _locale_codes(),
            "selected_language": code,
            "error": error,
            "total": answers.count(),
        },
    )


def page_report(request, page_id):
    _require(request)
    page = get_object_or_404(Page, pk=page_id)
    answers = PageFeedback.objects.filter(page=page)
    if request.GET.get("export") == "csv":
        return _csv(answers)
    counts = answers.aggregate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    comments = answers.exclude(comment="").order_by("-created_at", "-pk")
    page_obj = Paginator(comments, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "feedback/admin/page_report.html",
        {"target": page, "counts": counts, "page_obj": page_obj, "comments": page_obj.object_list},
    )

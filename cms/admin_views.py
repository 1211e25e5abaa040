"""Admin views for translators: the translation status report, the glossary and
the hand-off of a finished page translation to review."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms import translation_status as ts
from cms.glossary import glossary_terms
from cms.provenance import METHOD_LABELS, provenance_by_key
from cms.translation_handoff import HandoffError, submit_for_review

EXPORT_COLUMNS = ("kind", "model_label", "title", "section", "locale", "state", "percent", "source_locale")


def _filtered(rows, params):
    locale = params.get("locale") or ""
    state = params.get("state") or ""
    model = params.get("type") or ""
    section = params.get("section") or ""
    return [
        row
        for row in rows
        if (not locale or row.locale == locale)
        and (not state or row.state == state or (state == "needs_work" and row.state in ts.NEEDS_WORK))
        and (not model or row.model_label == model)
        and (not section or row.section_key == section)
    ]


def attach_provenance(rows):
    """How each row's translation was produced (cms.provenance), in two queries for all rows."""
    provenance = provenance_by_key({row.translation_key for row in rows})
    for row in rows:
        entry = (
            provenance.get(str(row.translation_key), {}).get(row.locale) if row.state != ts.SOURCE else None
        )
        row.provenance = entry["method"] if entry else ""
        row.provenance_label = METHOD_LABELS.get(row.provenance, "")
        user = entry["translated_by"] if entry else None
        row.translated_by = (user.get_full_name() or user.get_username()) if user else ""
        row.translated_at = entry["translated_at"] if entry else None


def _export(rows, file_format):
    header = [
        _("Kind"),
        _("Type"),
        _("Title"),
        _("Section"),
        _("Locale"),
        _("State"),
        _("Progress"),
        _("Source locale"),
        _("Produced by"),
        _("Translated by"),
        _("Translated at"),
    ]
    attach_provenance(rows)
    values = [
        [
            str(row.kind_label),
            str(row.type_label),
            row.title,
            row.section,
            row.locale,
            str(row.state_label),
            row.percent,
            row.source_locale,
            str(row.provenance_label),
            row.translated_by,
            row.translated_at.isoformat() if row.translated_at else None,
        ]
        for row in rows
    ]
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "translation-status"
        sheet.append(header)
        for line in values:
            sheet.append(["" if v is None else v for v in line])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="translation-status.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in line] for line in values)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    return response


@require_admin_access
def translation_status(request):
    rows = ts.all_rows()
    titles = ts.section_titles()  # in the user's admin language, whatever the row's locale
    for row in rows:
        row.section = titles.get(row.section_key, row.section)
    filtered = sorted(_filtered(rows, request.GET), key=lambda r: (r.section, r.title, r.locale))
    file_format = request.GET.get("export")
    if file_format in ("csv", "xlsx"):
        return _export(filtered, file_format)
    counts = ts.counts_by_locale(_filtered(rows, {k: v for k, v in request.GET.items() if k != "locale"}))
    paginator = Paginator(filtered, 50)
    page = paginator.get_page(request.GET.get("p"))
    attach_provenance(page.object_list)
    query = request.GET.copy()
    query.pop("p", None)
    query.pop("export", None)
    return render(
        request,
        "cms/admin/translation_status.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "counts": counts,
            "states": ts.STATE_LABELS,
            "types": sorted(
                {(row.model_label, str(row.type_label)) for row in rows}, key=lambda option: option[1]
            ),
            "sections": sorted(
                {(row.section_key, row.section) for row in rows if row.section_key},
                key=lambda option: option[1],
            ),
            "locales": sorted(counts),
            "params": request.GET,
            "query": query.urlencode(),
            "total": len(filtered),
        },
    )


@require_admin_access
def glossary(request):
    return render(request, "cms/admin/glossary.html", {"terms": glossary_terms()})


@require_admin_access
@require_POST
def submit_translation_for_review(request, translation_id):
    """The translation editor's "Submit for review" (see cms.translation_handoff)."""
    translation = get_object_or_404(
        Translation.objects.select_related("source"), pk=translation_id, enabled=True
    )
    page = get_object_or_404(
        Page, translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    try:
        submit_for_review(translation, request.user)
    except (HandoffError, PermissionDenied) as error:
        denied = isinstance(error, PermissionDenied)
        message = _("You may not submit this translation for review.") if denied else str(error)
        return render(
            request,
            "cms/admin/handoff_error.html",
            {"message": message, "page": page, "edit_url": edit_url},
            status=403 if denied else 409,
        )
    messages.success(
        request,
        _("“%(title)s” was submitted for review; the moderators have been notified.")
        % {"title": Page.objects.get(pk=page.pk).get_admin_display_title()},
    )
    return redirect(edit_url)

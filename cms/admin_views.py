"""Admin views for translators: the translation status report and the glossary."""

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

from cms import translation_status as ts
from cms.glossary import glossary_terms

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
        and (not section or row.section == section)
    ]


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
    ]
    values = [
        [
            row.kind,
            row.model_label,
            row.title,
            row.section,
            row.locale,
            str(row.state_label),
            row.percent,
            row.source_locale,
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
    filtered = sorted(_filtered(rows, request.GET), key=lambda r: (r.section, r.title, r.locale))
    file_format = request.GET.get("export")
    if file_format in ("csv", "xlsx"):
        return _export(filtered, file_format)
    counts = ts.counts_by_locale(_filtered(rows, {k: v for k, v in request.GET.items() if k != "locale"}))
    paginator = Paginator(filtered, 50)
    page = paginator.get_page(request.GET.get("p"))
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
            "types": sorted({row.model_label for row in rows}),
            "sections": sorted({row.section for row in rows if row.section}),
            "locales": sorted(counts),
            "params": request.GET,
            "query": query.urlencode(),
            "total": len(filtered),
        },
    )


@require_admin_access
def glossary(request):
    return render(request, "cms/admin/glossary.html", {"terms": glossary_terms()})

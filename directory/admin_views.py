"""Admin upload view for the same import as `manage.py import_directory`, and
the download of the whole directory in the same columns (to edit and re-import).
Both are for users who may import (directory/permissions.py)."""

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from directory import columns
from directory.importer import ImportFileError, import_file
from directory.models import EService, InstitutionPage
from directory.permissions import can_import

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    locale = forms.ChoiceField(label=_("Language of the file"), choices=settings.WAGTAIL_CONTENT_LANGUAGES)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must end in .csv or .xlsx."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _forbidden(request):
    """403, not Wagtail's redirect to the dashboard: the address itself is refused."""
    return TemplateResponse(
        request,
        "directory/admin/forbidden.html",
        {"header_title": _("Import institutions"), "page_title": _("Import institutions")},
        status=403,
    )


def import_view(request):
    if not can_import(request.user):
        return _forbidden(request)
    problems, result, status = [], None, 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_file(
                    upload.name,
                    upload.read(),
                    locale=form.cleaned_data["locale"],
                    dry_run="dry_run" in request.POST,
                    user=request.user,
                )
            except ImportFileError as error:
                problems, status = error.problems, 400
        else:
            status = 400
    else:
        form = ImportForm(initial={"locale": _admin_content_language(request)})
    return TemplateResponse(
        request,
        "directory/admin/import.html",
        {
            "form": form,
            "problems": problems,
            "result": result,
            "columns": columns.COLUMNS,
            "exports": [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES],
            "header_title": _("Import institutions"),
            "page_title": _("Import institutions"),
            "header_icon": "upload",
        },
        status=status,
    )


def _admin_content_language(request):
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return language if language in codes else settings.LANGUAGE_CODE


def export_view(request, language_code, extension):
    """Every institution of one locale (drafts' current content too) with its e-services."""
    if not can_import(request.user):
        return _forbidden(request)
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or extension not in ("csv", "xlsx"):
        raise Http404
    pages = (
        InstitutionPage.objects.filter(locale=locale)
        .select_related("nuts_region", "organisation_type", "locale")
        .prefetch_related(
            Prefetch(
                "e_services", queryset=EService.objects.select_related("category").order_by("sort_order")
            )
        )
        .order_by("path")
    )
    cells = columns.rows(pages, request)
    respond = columns.csv_response if extension == "csv" else columns.xlsx_response
    return respond(cells, f"directory-{language_code}")


def review_report(request):
    """Network staff: entries and e-services last reviewed more than 12 months ago."""
    from directory.models import ReviewReminder
    from directory.network import is_network_staff
    from directory.reminders import month_of, overdue_eservices, overdue_institutions

    title = _("Due for review")
    if not is_network_staff(request.user):
        return TemplateResponse(
            request,
            "directory/admin/forbidden.html",
            {"header_title": title, "page_title": title},
            status=403,
        )
    from django.utils import timezone

    today = timezone.localdate()
    return TemplateResponse(
        request,
        "directory/admin/review_report.html",
        {
            "header_title": title,
            "page_title": title,
            "institutions": list(overdue_institutions(today).select_related("organisation_type")),
            "services": list(overdue_eservices(today)),
            "reminders_this_month": ReviewReminder.objects.filter(month=month_of(today)).count(),
        },
    )

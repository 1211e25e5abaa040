"""Admin upload view for the same import as `manage.py import_directory`."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from directory.importer import COLUMNS, ImportFileError, import_file

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    locale = forms.ChoiceField(label=_("Language of the file"), choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must end in .csv or .xlsx."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def import_view(request):
    if not request.user.has_perm("wagtailcore.add_page") and not request.user.is_superuser:
        raise PermissionDenied
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
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportFileError as error:
                problems, status = error.problems, 400
        else:
            status = 400
    else:
        form = ImportForm(initial={"locale": settings.LANGUAGE_CODE})
    return TemplateResponse(
        request,
        "directory/admin/import.html",
        {
            "form": form,
            "problems": problems,
            "result": result,
            "columns": COLUMNS,
            "header_title": _("Import institutions"),
        },
        status=status,
    )

"""The admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): refuses a file
that breaks the upload rules with a message on the file field, before
anything is written to the database or the storage. Wagtail builds from it
the add/edit forms and the multiple uploader's upload and per-file forms."""

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .models import DocumentLanguage
from .validation import allowed_extensions, inspect_upload, max_upload_size


def default_document_language():
    """The admin's active language (the editor's own, else the browser's): the
    likeliest language of a file they upload; "other" when it is none of ours."""
    code = (translation.get_language() or "").split("-")[0].lower()
    return code if code in DocumentLanguage.values else DocumentLanguage.OTHER


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "Allowed types: %(types)s; at most %(size)s. The file's content is checked."
            ) % {"types": ", ".join(allowed_extensions()), "size": filesizeformat(max_upload_size())}
        if "language" in self.fields:
            if self.instance._state.adding and "language" not in kwargs.get("initial", {}):
                self.initial["language"] = default_document_language()
            # The multiple uploader posts only the file, title and collection:
            # the document is then created in the default language, which the
            # per-file form that follows lets the editor change.
            self.fields["language"].required = False

    def clean_language(self):
        language = self.cleaned_data.get("language")
        if language:
            return language
        return self.instance.language if not self.instance._state.adding else default_document_language()

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            try:
                inspect_upload(file, file.name)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return file

    def clean(self):
        cleaned_data = super().clean()
        # A title that is just the uploaded file's name (the multiple uploader
        # without JavaScript) loses the extension, as its JavaScript does.
        file, title = cleaned_data.get("file"), cleaned_data.get("title")
        if file and title and title == os.path.basename(file.name):
            cleaned_data["title"] = os.path.splitext(title)[0] or title
        return cleaned_data

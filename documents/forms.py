"""The admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): refuses a file
that breaks the upload rules with a message on the file field, before
anything is written to the database or the storage."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .validation import allowed_extensions, inspect_upload, max_upload_size


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "Allowed types: %(types)s; at most %(size)s. The file's content is checked."
            ) % {"types": ", ".join(allowed_extensions()), "size": filesizeformat(max_upload_size())}

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            try:
                inspect_upload(file, file.name)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return file

"""The document model and upload rules are the documents app's."""

from django.conf import settings
from wagtail.documents import get_document_model

from documents.models import Document


def test_custom_document_model_and_rules_are_configured():
    assert get_document_model() is Document
    assert settings.WAGTAILDOCS_EXTENSIONS == ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
    assert settings.DOCUMENTS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
    assert settings.DOCUMENTS_SIGNED_URL_EXPIRY <= 300
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS

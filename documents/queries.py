"""Which documents a visitor may see, and the files of publications.

The rule is the site's one (cms.visibility): a document is public when the
live content of at least one publicly visible page uses it and its collection
has no view restriction. Every listing (HTML, API v2 and v3, search) and the
download view go through these functions."""

from dataclasses import dataclass

from wagtail.models import Site

from cms.base_url import absolute_url
from cms.visibility import publicly_used, publicly_visible, restricted_collection_ids, used_by_visible_pages

from .models import (
    LANGUAGE_ORDER,
    AgreementStatus,
    Document,
    DocumentLanguage,
    PublicationKind,
    PublicationPage,
    with_current_status,
)

__all__ = [
    "LanguageFile",
    "agreements_for",
    "agreements_in_force",
    "files_by_translation_key",
    "is_public_document",
    "is_used_by_visible_pages",
    "private_documents",
    "public_documents",
    "publications_from",
]


def public_documents(site: Site | None = None):
    """Documents anyone may list and download."""
    return publicly_used(Document.objects.all(), site=site)


def is_used_by_visible_pages(document):
    """True when a publicly visible page uses `document` (whatever its collection)."""
    return used_by_visible_pages(Document.objects.filter(pk=document.pk)).exists()


def private_documents():
    return Document.objects.exclude(pk__in=public_documents().values("pk"))


def is_public_document(document):
    return public_documents().filter(pk=document.pk).exists()


@dataclass
class LanguageFile:
    """One language version of a publication: the translation's own file."""

    language: str
    document: Document
    page: PublicationPage

    @property
    def page_id(self):
        return self.page.pk

    @property
    def language_name(self):
        return DocumentLanguage(self.language).label

    @property
    def extension(self):
        return self.document.file_extension.upper()


def files_by_translation_key(pages):
    """{translation_key: [LanguageFile, …]} for the given publication pages:
    the files of their live, public translations whose documents are public,
    one per document, in bg, ro, en, other order. Two queries, whatever the count."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    translations = (
        publicly_visible(PublicationPage.objects.filter(translation_key__in=keys, document__isnull=False))
        .exclude(document__collection_id__in=restricted_collection_ids())
        .select_related("document", "locale")
        .order_by("pk")
    )
    grouped = {}
    seen = set()
    for translation in translations:
        document = translation.document
        if (translation.translation_key, document.pk) in seen:
            continue
        seen.add((translation.translation_key, document.pk))
        language = document.language
        grouped.setdefault(translation.translation_key, []).append(
            LanguageFile(language=language, document=document, page=translation)
        )
    for files in grouped.values():
        files.sort(key=lambda file: (LANGUAGE_ORDER.get(file.language, 99), file.document.pk))
    return grouped


def file_api_representation(file, request=None):
    document = file.document
    return {
        "id": document.pk,
        "title": document.title,
        "language": file.language,
        "url": absolute_url(document.url),
        "filename": document.download_filename,
        "size": document.file_size,
        "mime": document.content_type,
        "sha256": document.sha256,
        "pages": document.page_count,
    }


def agreements_for(page):
    """Live, public cooperation agreements in `page`'s locale that name the
    institution `page` (in any of its translations) as a party. For the
    institution page's template/context."""
    return (
        PublicationPage.objects.publicly_visible()
        .filter(
            kind=PublicationKind.AGREEMENT,
            locale_id=page.locale_id,
            parties__institution__translation_key=page.translation_key,
        )
        .distinct()
        .order_by("-date_signed", "-publication_date")
    )


def publications_from(page):
    """Live, public publications in `page`'s locale attributed to the institution
    `page` (in any of its translations), newest first."""
    return (
        PublicationPage.objects.publicly_visible()
        .filter(locale_id=page.locale_id, institution__translation_key=page.translation_key)
        .order_by("-publication_date", "-pk")
    )


def agreements_in_force(today=None):
    """{translation_key: date signed} of the public cooperation agreements in force
    today (status set by hand, else from the dates): one entry per agreement,
    whichever of its translations are public. One query."""
    agreements = with_current_status(
        PublicationPage.objects.publicly_visible().filter(kind=PublicationKind.AGREEMENT), today
    ).filter(status_today=AgreementStatus.IN_FORCE)
    result = {}
    for key, signed in agreements.values_list("translation_key", "date_signed").order_by("pk"):
        result.setdefault(key, signed)
    return result

"""Which documents a visitor may see, and the files of publications.

A document is public when its collection has no view restriction and it is
not attached only to pages that are unpublished or view-restricted. Every
listing (HTML, API, search) goes through these functions."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from .models import LANGUAGE_ORDER, Document, DocumentLanguage, PublicationKind, PublicationPage

__all__ = [
    "LanguageFile",
    "agreements_for",
    "attached_only_to_hidden_pages",
    "files_by_translation_key",
    "is_public_document",
    "private_documents",
    "public_documents",
    "restricted_collection_ids",
]


def restricted_collection_ids():
    """Collections with a view restriction of any kind, and their descendants."""
    paths = list(
        Collection.objects.filter(
            id__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return Collection.objects.none().values("id")
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition).values("id")


def _page_references():
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Document),
    )


def public_documents():
    """Documents anyone may list and download."""
    references = _page_references()
    public_page_ids = Page.objects.live().public().annotate(key=Cast("id", CharField())).values("key")
    attached = references.values("to_object_id")
    attached_to_public_page = references.filter(object_id__in=public_page_ids).values("to_object_id")
    return (
        Document.objects.annotate(key=Cast("id", CharField()))
        .exclude(collection_id__in=restricted_collection_ids())
        .filter(~Q(key__in=attached) | Q(key__in=attached_to_public_page))
    )


def attached_only_to_hidden_pages(document):
    """True when pages refer to `document` and none of them is live and public."""
    references = _page_references().filter(to_object_id=str(document.pk))
    if not references.exists():
        return False
    public_page_ids = Page.objects.live().public().annotate(key=Cast("id", CharField())).values("key")
    return not references.filter(object_id__in=public_page_ids).exists()


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
        PublicationPage.objects.filter(translation_key__in=keys, document__isnull=False)
        .live()
        .public()
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


def absolute_url(url, request=None):
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


def file_api_representation(file, request=None):
    document = file.document
    return {
        "id": document.pk,
        "title": document.title,
        "language": file.language,
        "url": absolute_url(document.url, request),
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
        PublicationPage.objects.live()
        .public()
        .filter(
            kind=PublicationKind.AGREEMENT,
            locale_id=page.locale_id,
            parties__institution__translation_key=page.translation_key,
        )
        .distinct()
        .order_by("-date_signed", "-publication_date")
    )

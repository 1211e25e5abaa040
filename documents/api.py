"""API pieces of the documents app: the v2 documents endpoint restricted to
public documents, and the validated `kind=` filter of the pages endpoints (v2 and v3)."""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from cms.api_filters import PageFilter, not_one_of
from cms.api_json import CompactJSONMixin
from cms.attribution_api import InstitutionFilter

from .models import PublicationKind, PublicationPage
from .queries import public_documents

DOCUMENT_FIELDS = ["language", "file_size", "mime_type", "sha256", "page_count"]


class PublicDocumentsAPIViewSet(CompactJSONMixin, DocumentsAPIViewSet):
    """/api/v2/documents/: public documents only (no restricted collection,
    not attached only to unpublished or view-restricted pages)."""

    body_fields = DocumentsAPIViewSet.body_fields + DOCUMENT_FIELDS
    listing_default_fields = DocumentsAPIViewSet.listing_default_fields + DOCUMENT_FIELDS

    def get_queryset(self):
        return public_documents().order_by("id")


class PublicationKindFilter(PageFilter):
    """`?kind=survey|strategy|…`: only publications of that kind (400 for an unknown kind)."""

    page_type = "documents.PublicationPage"
    parameters = {"kind": f"Kind of publication, one of {', '.join(PublicationKind.values)}."}

    def filter_queryset(self, request, queryset, view):
        kind = request.GET.get("kind")
        if kind is None:
            return queryset
        if kind not in PublicationKind.values:
            # API messages are for developers and stay in English, like the rest of the API's.
            raise not_one_of("kind", kind, PublicationKind.values)
        if issubclass(queryset.model, PublicationPage):
            return queryset.filter(kind=kind)
        return queryset.filter(pk__in=PublicationPage.objects.filter(kind=kind).values("pk"))


class PublicationInstitutionFilter(InstitutionFilter):
    """`institution=`: publications attributed to that institution (cms.attribution)."""

    page_type = "documents.PublicationPage"

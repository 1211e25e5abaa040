"""API representation of a publication's files (v2, and v3 through its
compatibility shim for v2 serializers)."""

from cms.api_batch import ListingBatchedField as _ListingBatchedField
from cms.api_batch import WholePageField as _WholePageField


class PublicationFilesField(_ListingBatchedField):
    """`files`: one entry per language version that a visitor may download:
    url, size, mime, sha256, language, page count.

    In a v2 listing the files of every page in the page of results are loaded
    at once (two queries), so the number of queries does not grow with rows."""

    cache_name = "_publication_files"

    def key(self, page):
        return page.translation_key

    def load(self, pages):
        from .queries import files_by_translation_key

        return files_by_translation_key(pages)

    def to_representation(self, page) -> list[dict]:
        from .queries import file_api_representation

        request = self.context.get("request")
        return [file_api_representation(file, request) for file in self.batched(page)]


class AgreementStatusField(_WholePageField):
    """`agreement_status`: the current status of an agreement (set by hand, else
    from the dates: in_preparation, in_force, expired, terminated), "" for other kinds."""

    def to_representation(self, page) -> str:
        return page.current_status


class StatusSetByHandField(_WholePageField):
    """`status_set_by_hand`: true when an agreement's status does not follow its dates."""

    def to_representation(self, page) -> bool:
        return bool(page.is_agreement and page.agreement_status)


class AgreementPartiesField(_ListingBatchedField):
    """`parties`: [{"name", "institution": {"id", "title", "url"} | null}] in the
    page's language. In a listing the parties of all rows load at once."""

    cache_name = "_agreement_parties"

    def key(self, page):
        return page.pk

    def load(self, pages):
        from .models import parties_of

        return parties_of(pages)

    def to_representation(self, page) -> list[dict]:
        from cms.base_url import page_url

        request = (self.context or {}).get("request")
        return [
            {
                "name": party["name"],
                "institution": None
                if party["page"] is None
                else {
                    "id": party["page"].pk,
                    "title": party["page"].title,
                    "url": page_url(party["page"], request),
                },
            }
            for party in self.batched(page)
        ]

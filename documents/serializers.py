"""API representation of a publication's files (v2, and v3 through its
compatibility shim for v2 serializers)."""

from django.db.models import QuerySet
from rest_framework.fields import Field


class PublicationFilesField(Field):
    """`files`: one entry per language version that a visitor may download:
    url, size, mime, sha256, language, page count.

    In a v2 listing the files of every page in the page of results are loaded
    at once (two queries), so the number of queries does not grow with rows."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def _files_for(self, page):
        from .queries import files_by_translation_key

        root = self.root
        cache = getattr(root, "_publication_files", None)
        if cache is None or page.translation_key not in cache:
            instances = getattr(root, "instance", None)
            if isinstance(instances, list | tuple | QuerySet):
                # A listing: the serializer is iterating this very result set,
                # so reading it again costs no query.
                pages = [item for item in instances if hasattr(item, "translation_key")]
            else:
                pages = [page]
            cache = files_by_translation_key(pages or [page])
            cache.setdefault(page.translation_key, [])
            if root is not self:
                root._publication_files = cache
        return cache.get(page.translation_key, [])

    def to_representation(self, page) -> list[dict]:
        from .queries import file_api_representation

        request = self.context.get("request")
        return [file_api_representation(file, request) for file in self._files_for(page)]


class _WholePageField(Field):
    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)


class AgreementStatusField(_WholePageField):
    """`agreement_status`: the current status of an agreement (set by hand, else
    from the dates: in_preparation, in_force, expired, terminated), "" for other kinds."""

    def to_representation(self, page) -> str:
        return page.current_status


class StatusSetByHandField(_WholePageField):
    """`status_set_by_hand`: true when an agreement's status does not follow its dates."""

    def to_representation(self, page) -> bool:
        return bool(page.is_agreement and page.agreement_status)


class AgreementPartiesField(_WholePageField):
    """`parties`: [{"name", "institution": {"id", "title", "url"} | null}] in the
    page's language. In a listing the parties of all rows load at once."""

    def _parties_for(self, page):
        from .models import parties_of

        root = self.root
        cache = getattr(root, "_agreement_parties", None)
        if cache is None or page.pk not in cache:
            instances = getattr(root, "instance", None)
            if isinstance(instances, list | tuple | QuerySet):
                pages = [item for item in instances if hasattr(item, "translation_key")]
            else:
                pages = [page]
            cache = parties_of(pages if page in pages else [page])
            if root is not self:
                root._agreement_parties = cache
        return cache.get(page.pk, [])

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
            for party in self._parties_for(page)
        ]

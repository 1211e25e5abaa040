"""API representation of a publication's files (v2, and v3 through its
compatibility shim for v2 serializers)."""

from rest_framework.fields import Field


class PublicationFilesField(Field):
    """`files`: one entry per language version that a visitor may download:
    url, size, mime, sha256, language, page count."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> list[dict]:
        from .queries import file_api_representation

        request = self.context.get("request")
        return [file_api_representation(file, request) for file in page.language_files()]

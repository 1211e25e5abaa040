"""API representations of a news page's relations (v2 serializer fields, which
Wagtail's v3 read schema reuses through `APIField(serializer=...)`).

Each field reads the whole page (`source="*"`) so it can answer in the page's
own language."""

from typing import Any

from rest_framework.fields import Field

from cms.api_batch import ListingBatchedField
from cms.base_url import absolute_url, page_url

HERO_RENDITIONS = {"large": "fill-1200x630|format-webp", "thumbnail": "fill-400x225|format-webp"}


def _request(field):
    context = getattr(field, "context", None) or {}
    return context.get("request") if isinstance(context, dict) else None


class _WholePageField(Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class HeroImageField(_WholePageField):
    """{"id", "alt", "renditions": {name: {"url", "width", "height"}}} or null."""

    def to_representation(self, page) -> dict[str, Any] | None:
        image = page.hero_image
        if image is None:
            return None
        renditions = image.get_renditions(*HERO_RENDITIONS.values())
        return {
            "id": image.id,
            "alt": page.hero_image_alt,
            "renditions": {
                name: {
                    "url": absolute_url(renditions[spec].url),
                    "width": renditions[spec].width,
                    "height": renditions[spec].height,
                }
                for name, spec in HERO_RENDITIONS.items()
            },
        }


class CategoriesField(_WholePageField):
    """[{"id", "slug", "name"}] in the page's language."""

    def to_representation(self, page) -> list[dict[str, Any]]:
        return [
            {"id": category.id, "slug": category.slug, "name": category.name}
            for category in page.category_list()
        ]


class RegionsField(_WholePageField):
    """[{"code": NUTS-3 code, "name": in the page's language}]."""

    def to_representation(self, page) -> list[dict[str, str]]:
        return page.region_list


class RelatedInstitutionsField(ListingBatchedField):
    """[{"id", "title", "url"}] of the live linked pages, in the page's language
    where translated. In a listing the links of all items load at once."""

    cache_name = "_related_institutions"

    def key(self, page):
        return page.pk

    def load(self, pages):
        from .models import live_institutions_of

        return live_institutions_of(pages)

    def to_representation(self, page) -> list[dict[str, Any]]:
        request = self.request
        return [
            {"id": target.id, "title": target.title, "url": page_url(target, request)}
            for target in self.batched(page)
        ]


class TranslationsField(ListingBatchedField):
    """[{"locale", "id", "url"}] of the page's other live translations. In a
    listing the translations of all items load at once (one query)."""

    cache_name = "_translations"

    def key(self, page):
        return page.pk

    def load(self, pages):
        from .models import live_translations_of

        return live_translations_of(pages)

    def to_representation(self, page) -> list[dict[str, Any]]:
        request = self.request
        return [
            {"locale": other.locale.language_code, "id": other.id, "url": page_url(other, request)}
            for other in self.batched(page)
        ]

"""API fields whose rows load for a whole page of results at once (v2 listings,
and v3 through its shim for v2 serializers), so a listing's query count does
not grow with its number of items."""

from django.db.models import QuerySet
from rest_framework.fields import Field

from cms.caching.fragments import cached

__all__ = ["ListingBatchedField", "WholePageField"]


class WholePageField(Field):
    """A read-only field that reads the whole page (`source="*"`)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)


class ListingBatchedField(WholePageField):
    """A field whose rows are loaded for the whole page of results at once: in a
    listing the serializer iterates that very result set, so reading it again
    costs no query, and `load(pages)` runs once for all of them."""

    cache_name = ""  # where the batch is kept on the root serializer

    def key(self, page):
        raise NotImplementedError

    def load(self, pages):
        """{key(page): [...]} for these pages."""
        raise NotImplementedError

    def batched(self, page):
        root = self.root
        cache = getattr(root, self.cache_name, None)
        if cache is None or self.key(page) not in cache:
            instances = getattr(root, "instance", None)
            pages = [page]
            listing = isinstance(instances, list | tuple | QuerySet)
            if listing:
                pages = [item for item in instances if hasattr(item, "translation_key")] or [page]
                if page not in pages:
                    pages, listing = [page], False
            if listing:
                # a listing's items are live pages read from the database: their rows
                # are kept per content change (never a preview's draft, a single item)
                ids = ",".join(str(self.key(item)) for item in pages)
                cache = dict(cached(f"api-batch{self.cache_name}", lambda: self.load(pages), ids))
            else:
                cache = self.load(pages)
            for item in pages:  # a page with none is known too: no second load for it
                cache.setdefault(self.key(item), [])
            if root is not self:
                setattr(root, self.cache_name, cache)
        return cache.get(self.key(page), [])

    @property
    def request(self):
        context = getattr(self, "context", None) or {}
        return context.get("request") if isinstance(context, dict) else None

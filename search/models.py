"""The suggestion index behind /api/search/suggest/: one row per name a visitor
may be looking for (an institution, an e-service, …) in one locale, with the
folded names of every translation and their Latin transliteration as keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SuggestionEntry"]


class SuggestionEntry(models.Model):
    """Built from the registered suggestion sources (search.registry); never edited by hand."""

    source = models.CharField(_("source"), max_length=40, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    language_code = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255)
    # " word word …" — folded words of every translation's name, Cyrillic also
    # transliterated to Latin, each preceded by a space for word-prefix LIKE.
    keys = models.TextField()
    url = models.CharField(_("URL"), max_length=500)
    # Where the name belongs, shown beside it: an e-service's institution.
    context = models.CharField(_("context"), max_length=255, blank=True, default="")
    weight = models.SmallIntegerField(default=0)

    class Meta:
        verbose_name = _("search suggestion")
        verbose_name_plural = _("search suggestions")
        indexes = [models.Index(fields=["language_code", "name_folded"], name="search_sugg_lang_name")]

    def __str__(self):
        return f"{self.name} ({self.language_code})"

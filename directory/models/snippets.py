"""Translatable vocabularies of the directory: NUTS-3 regions, institution
types and service categories. Seeded in bg/ro/en by data migrations; each
language version shares a translation_key, so wagtail-localize manages them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

COUNTRY_CHOICES = [("BG", _("Bulgaria")), ("RO", _("Romania"))]


class Region(TranslatableMixin, models.Model):
    """A NUTS-3 region of the Romania–Bulgaria programme area."""

    nuts_code = models.CharField(_("NUTS-3 code"), max_length=5)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("nuts_code"), FieldPanel("country"), FieldPanel("name")]
    translatable_fields = [
        SynchronizedField("nuts_code"),
        SynchronizedField("country"),
        TranslatableField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["nuts_code"]
        constraints = [
            models.UniqueConstraint(fields=["nuts_code", "locale"], name="directory_region_code_per_locale")
        ]

    def __str__(self):
        return self.name


class _CodedVocabulary(TranslatableMixin, models.Model):
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=150)

    panels = [FieldPanel("code"), FieldPanel("name")]
    translatable_fields = [SynchronizedField("code"), TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class InstitutionType(_CodedVocabulary):
    """District administration, county council, municipality, NGO, …"""

    class Meta(_CodedVocabulary.Meta):
        verbose_name = _("institution type")
        verbose_name_plural = _("institution types")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="directory_institutiontype_code_per_locale"
            )
        ]


class ServiceCategory(_CodedVocabulary):
    """A life or business event that e-services are grouped by."""

    class Meta(_CodedVocabulary.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="directory_servicecategory_code_per_locale"
            )
        ]

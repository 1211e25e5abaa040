"""Model and API fields shared by institutions and e-services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import Field

from cms.base_url import page_url
from cms.visibility import visible_in_locale

LANGUAGE_CHOICES = [
    ("bg", _("Bulgarian")),
    ("ro", _("Romanian")),
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]
LANGUAGE_CODES = [code for code, _label in LANGUAGE_CHOICES]


def language_names(codes):
    """`["ro", "en"]` → "română, engleză" in the active language."""
    names = dict(LANGUAGE_CHOICES)
    return ", ".join(str(names[code]) for code in codes if code in names)


def validate_language_list(value):
    if not isinstance(value, list) or any(code not in LANGUAGE_CODES for code in value):
        raise ValidationError(
            _("Choose languages from: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)},
            code="invalid_language",
        )


class LanguageListField(models.JSONField):
    """A list of ISO 639-1 codes, edited as checkboxes (works on SQLite and PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_language_list)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=LANGUAGE_CHOICES,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class VocabularyAPIField(Field):
    """A region / type / category as {code, name} (regions also with country)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> dict:
        if hasattr(value, "nuts_code"):
            return {"nuts_code": value.nuts_code, "country": value.country, "name": value.name}
        return {"code": value.code, "name": value.name}


class LanguageListAPIField(Field):
    """A LanguageListField as a list of codes: API v3 types a plain JSONField as an
    object, so its OpenAPI document would say so (this field's return type fixes it)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> list[str]:
        return [str(code) for code in (value or [])]


def page_links(pages, locale):
    """[{id, title, url, locale}] of each linked page in `locale` when translated,
    else the page itself; pages the public may not see are left out (cms.visibility)."""
    return [
        {"id": page.pk, "title": page.title, "url": page_url(page), "locale": page.locale.language_code}
        for page in visible_in_locale(pages, locale.pk)
        if page is not None
    ]


def page_link(page, locale):
    """page_links() of one page: its link, or None when it is hidden."""
    links = page_links([page], locale)
    return links[0] if links else None

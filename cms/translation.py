"""Translate pages and snippets through wagtail-localize's own records.

Used by the demo loader and tests so that every translation they make is a
real `Translation` with `StringTranslation`s, exactly as the translation
editor would leave it."""

import html

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue


class MissingDemoTranslation(Exception):
    pass


def _key(text):
    return " ".join(html.unescape(text).split())


@transaction.atomic
def translate_object(instance, language_code, texts, *, user=None, publish=True, strict=True):
    """Create or update the translation of `instance` into `language_code`.

    `texts` maps each source string (as written in the source object) to its
    translation. With `strict`, a source string without a translation raises
    instead of silently falling back to the source language.
    Returns the translated instance (specific, for pages)."""
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    lookup = {_key(k): v for k, v in texts.items()}
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        translated = lookup.get(_key(segment.string.data))
        if translated is None:
            if strict:
                raise MissingDemoTranslation(
                    f"No {language_code} translation for {segment.string.data!r} "
                    f"({segment.context.path}) of {instance!r}"
                )
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(translated).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    # wagtail-localize publishes in transaction.on_commit with the revision's
    # in-memory page, which is stale (tree fields) when this runs inside a larger
    # transaction, and never fires inside a test transaction. Save a draft, then
    # publish the latest revision loaded fresh from the database.
    # Models without drafts (plain snippets) can only be saved as published.
    translation.save_target(user=user, publish=not isinstance(instance, DraftStateMixin))
    target = source.get_translated_instance(locale)
    if publish and hasattr(target, "get_latest_revision"):
        target = type(target).objects.get(pk=target.pk)
        target.get_latest_revision().publish(user=user)
        target = type(target).objects.get(pk=target.pk)
    return target.specific if isinstance(target, Page) else target


def is_translated(instance, language_code):
    """True when a real (non-alias) translation exists in that language."""
    target = instance.get_translation_or_none(Locale.objects.get(language_code=language_code))
    if target is None:
        return False
    return getattr(target, "alias_of_id", None) is None

"""Tell translators when the source of their translations changes.

When a page that is the source of translations is published with changed
translatable content (texts, overridable values, related objects: what
wagtail-localize extracts), the Translators of every language it is translated
into get an email in their own admin language (their profile's, else the
translation's language) with the two steps: sync the translation with the new
source (wagtail-localize's "Sync translated pages"), then translate the new texts
in the translation editor and submit it for review. Republishing without
content changes tells nobody."""

import json
import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from cms.base_url import absolute_url
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from cms.roles import translators_group_name

logger = logging.getLogger(__name__)


def translatable_content(instance):
    """What wagtail-localize would offer for translation, comparable between versions."""
    content = set()
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            content.add(("string", segment.path, segment.string.data))
        elif isinstance(segment, OverridableSegmentValue):
            content.add(("override", segment.path, json.dumps(segment.data, sort_keys=True, default=str)))
        elif isinstance(segment, RelatedObjectSegmentValue):
            content.add(("related", segment.path, segment.content_type.pk, str(segment.translation_key)))
        elif isinstance(segment, TemplateSegmentValue):
            content.add(("template", segment.path, segment.format, segment.template))
    return content


def _previously_published(page):
    """The page as it was last published before this publication (None if never):
    Wagtail logs a publication after sending `page_published`."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry is not None else None


def source_content_changed(page, source):
    """True when this publication changes what the translations were made from."""
    new = translatable_content(page)
    previous = _previously_published(page)
    if previous is not None and translatable_content(previous) == new:
        return False
    return translatable_content(source.as_instance()) != new


def _recipients(code):
    User = get_user_model()
    return list(
        User.objects.filter(groups__name=translators_group_name(code), is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )


def _language_of(user, default):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.preferred_language if profile is not None else "") or default


def _message(user, source_page, target, translation_source):
    code = target.target_locale.language_code
    translated = Page.objects.filter(
        translation_key=source_page.translation_key, locale_id=target.target_locale_id
    ).first()
    editor_url = absolute_url(reverse("wagtailadmin_pages:edit", args=[translated.pk])) if translated else ""
    sync_url = reverse("wagtail_localize:update_translations", args=[translation_source.pk])
    if translated:
        sync_url += "?" + urlencode({"next": reverse("wagtailadmin_pages:edit", args=[translated.pk])})
    report_url = absolute_url(reverse("cms_translation_status") + f"?locale={code}&state=outdated")
    values = {
        "name": user.get_short_name() or user.get_username(),
        "title": source_page.title,
        "translated_title": translated.title if translated else source_page.title,
        "source_language": LANGUAGE_NAMES_IN_TEXT.get(source_page.locale.language_code, ""),
        "language": LANGUAGE_NAMES_IN_TEXT.get(code, code),
        "sync_url": absolute_url(sync_url),
        "editor_url": editor_url,
        "report_url": report_url,
    }
    subject = _("Source changed: “%(title)s” needs its %(language)s translation updated") % values
    body = (
        _(
            "Hello %(name)s,\n\n"
            "the %(source_language)s page “%(title)s” was published with changed content. "
            "Its %(language)s translation “%(translated_title)s” no longer matches it; "
            "visitors keep seeing the translation as it is.\n\n"
            "1. Sync the translation with the new source (new and changed texts appear for translation):\n"
            "%(sync_url)s\n\n"
            "2. Translate them in the translation editor and submit the translation for review:\n"
            "%(editor_url)s\n\n"
            "Every outdated translation in %(language)s: %(report_url)s\n"
        )
        % values
    )
    return subject, body


def notify_translators_of_republished_source(sender, instance, revision=None, alias=False, **kwargs):
    """A source page was published with changed content: its translations are now
    outdated. Email the translators of each affected language; nothing is changed
    in their pages until they sync and translate."""
    if alias:
        return
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return
    targets = list(Translation.objects.filter(source=source, enabled=True).select_related("target_locale"))
    if not targets:
        return
    page = Page.objects.get(pk=instance.pk).specific
    if not source_content_changed(page, source):
        return
    for target in targets:
        code = target.target_locale.language_code
        for user in _recipients(code):
            with translation.override(_language_of(user, code)):
                subject, body = _message(user, page, target, source)
            try:
                send_mail(subject, body, [user.email])
            except OSError:
                logger.exception("Could not notify translator %s about page %s", user.pk, instance.pk)


def connect():
    page_published.connect(notify_translators_of_republished_source, dispatch_uid="cms_notify_translators")

"""Tell translators when the source of their translations changes."""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationSource

from cms.base_url import absolute_url
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from cms.roles import translators_group_name

logger = logging.getLogger(__name__)


def notify_translators_of_republished_source(sender, instance, revision=None, **kwargs):
    """A source page was republished: its translations are now outdated. Email the
    translators of each affected language; nothing is changed in their pages until
    they sync and translate (wagtail-localize's "Sync translated pages")."""
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return
    User = get_user_model()
    translations = Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
    for target in translations:
        code = target.target_locale.language_code
        recipients = (
            User.objects.filter(groups__name=translators_group_name(code), is_active=True)
            .exclude(email="")
            .select_related("wagtail_userprofile")
            .distinct()
        )
        # each in their own admin language; the translation's language if they chose none
        by_language = {}
        for user in recipients:
            profile = getattr(user, "wagtail_userprofile", None)
            language = (profile and profile.preferred_language) or code
            by_language.setdefault(language, []).append(user.email)
        if not by_language:
            continue
        report_url = absolute_url(reverse("cms_translation_status") + f"?locale={code}&state=outdated")
        edit_url = absolute_url(reverse("wagtailadmin_pages:edit", args=[instance.pk]))
        for language, addresses in by_language.items():
            with translation.override(language):
                subject = _("Source updated: “%(title)s” needs a translation update") % {
                    "title": instance.title
                }
                body = _(
                    "The source page “%(title)s” was republished. Its %(language)s translation is now outdated.\n\n"
                    "Source page: %(edit_url)s\nOutdated translations: %(report_url)s\n"
                ) % {
                    "title": instance.title,
                    "language": LANGUAGE_NAMES_IN_TEXT[code],
                    "edit_url": edit_url,
                    "report_url": report_url,
                }
            try:
                send_mail(subject, body, addresses)
            except OSError:
                logger.exception("Could not notify translators (%s) about page %s", code, instance.pk)


def connect():
    page_published.connect(notify_translators_of_republished_source, dispatch_uid="cms_notify_translators")

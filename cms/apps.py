from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_default_site(sender, using="default", **kwargs):
    """Every deploy migrates: the default Site then follows SITE_BASE_URL."""
    from cms.base_url import sync_default_site

    if using == "default":
        sync_default_site()


class CmsConfig(AppConfig):
    """Project package: settings, URLs, the API router and what apps share."""

    name = "cms"
    verbose_name = "E-GoverNet"

    def ready(self):
        from cms import (
            admin_l10n,
            change_history,
            draft_translations,
            media_deletion,
            page_sync,
            signal_handlers,
            translated_names,
            translator_permissions,
        )
        from cms.caching import fragments

        signal_handlers.connect()
        fragments.connect()
        translated_names.connect()
        admin_l10n.label_untranslatable_names()
        page_sync.connect()
        change_history.connect()
        draft_translations.connect()
        media_deletion.connect()
        post_migrate.connect(_sync_default_site, sender=self, dispatch_uid="cms_sync_default_site")
        post_migrate.connect(
            translator_permissions.grant_snippet_permissions,
            sender=self,
            dispatch_uid="cms_translator_snippets",
        )

"""What a translator may change: their own language only.

Page rights are per tree (cms.roles gives Translators (<language>) "change" on
their locale's home). Snippet rights in Django/Wagtail are per model, not per
locale, so Translators get view/change on every translatable snippet model (to
translate categories, regions, … in wagtail-localize's editor) and this module
keeps them to their language: the snippet edit view refuses instances in other
languages (the sources included), and syncing from the source never publishes
for someone who may not publish. Editors, Moderators and superusers are not
restricted here."""

from django.apps import apps as global_apps
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms import roles

__all__ = [
    "UpdateTranslationsWithoutPublishing",
    "grant_snippet_permissions",
    "is_translator_only",
    "may_edit_snippet",
    "translator_locales",
]


def translator_locales(user):
    """Languages the user translates into (all of them for superusers)."""
    if user.is_superuser:
        return list(roles.LANGUAGES)
    names = set(user.groups.values_list("name", flat=True))
    return [code for code in roles.LANGUAGES if roles.translators_group_name(code) in names]


def is_translator_only(user):
    """A member of a Translators group and of no editorial group."""
    if user.is_superuser or not user.is_authenticated:
        return False
    names = set(user.groups.values_list("name", flat=True))
    if names & {roles.EDITORS, roles.MODERATORS}:
        return False
    return any(roles.translators_group_name(code) in names for code in roles.LANGUAGES)


def may_edit_snippet(user, instance):
    """False when a translator-only user opens a snippet outside their languages."""
    locale = getattr(instance, "locale", None)
    if locale is None or not is_translator_only(user):
        return True
    return locale.language_code in translator_locales(user)


def grant_snippet_permissions(**kwargs):
    """post_migrate: Translators get view/change on every translatable snippet model,
    also on models added later (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail import hooks

    from cms.translation_status import translatable_snippet_models

    if not global_apps.is_installed("wagtail.snippets"):
        return
    hooks.search_for_hooks()  # snippets register in the apps' wagtail_hooks modules
    roles.allow_translators_on_snippets(Group, Permission, ContentType, translatable_snippet_models())


class UpdateTranslationsWithoutPublishing(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages/snippets" offers "Publish immediately",
    which publishes every language's translation. The translators' emails send them
    here to sync; publishing stays with those who may publish the source."""

    def may_publish(self):
        user = self.request.user
        if user.is_superuser:
            return True
        instance = self.object.get_source_instance()
        if isinstance(instance, Page):
            return instance.permissions_for_user(user).can_publish()
        return not is_translator_only(user)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            form.fields.pop("publish_translations", None)
            form.fields.pop("use_machine_translation", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)

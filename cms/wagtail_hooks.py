from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail import wagtail_hooks as wagtail_core_hooks  # registers Wagtail's core hooks now (see below)
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction

from cms import admin_views, change_history, page_sync, second_reviewer, two_factor
from cms import translation_status as ts
from cms.caching.fragments import cached
from cms.translator_permissions import (
    UpdateTranslationsWithoutPublishing,
    may_edit_snippet,
    translator_locales,
)
from cms.visibility import effective_restrictions, in_publication_window


def serving_restrictions(page):
    """Every view restriction `serve()` applies: cms.visibility's (on any translation
    of the page or of its sections) and Wagtail's own (on the page and its
    ancestors, an alias standing for its source page). Wagtail's is kept per page
    and content change (cms.caching.fragments) instead of two queries a view."""
    restrictions = effective_restrictions(page)
    seen = {restriction.pk for restriction in restrictions}
    if page.pk is not None:
        wagtails = cached("serve-restrictions", lambda: list(page.get_view_restrictions()), page.pk)
    else:
        wagtails = list(page.get_view_restrictions())
    return restrictions + [restriction for restriction in wagtails if restriction.pk not in seen]


# Wagtail's own on_serve_page check asks the database for the restrictions of the
# page and its ancestors on every view; `serve_only_what_the_rule_allows` applies
# those same restrictions (and answers the same way: the password form, or the
# login redirect, never cached), so Wagtail's hook is taken out of the chain.
hooks._hooks["on_serve_page"] = [
    entry
    for entry in hooks._hooks.get("on_serve_page", [])
    if entry[0] is not wagtail_core_hooks.check_view_restrictions
]


@hooks.register("on_serve_page")
def serve_only_what_the_rule_allows(callback):
    """`serve()` follows cms.visibility: a page past its expiry (before the cron
    unpublishes it) is 410 Gone at once, as after the cron (cms.change_history),
    a page not yet due is a 404, and a view restriction on any
    translation of the page or of its sections applies here too (Wagtail's own
    check, which this replaces, only looks at this page's ancestors in its own
    locale)."""

    def inner(page, request, serve_args, serve_kwargs):
        if not in_publication_window(page):
            gone = change_history.expired_response(request, page)
            if gone is None:
                raise Http404
            add_never_cache_headers(gone)
            return gone
        restrictions = serving_restrictions(page)
        for restriction in restrictions:
            if not restriction.accept_request(request):
                response = restriction_response(restriction, page, request)
                add_never_cache_headers(response)
                return response
        response = callback(page, request, serve_args, serve_kwargs)
        if restrictions:
            add_never_cache_headers(response)
        return response

    return inner


def restriction_response(restriction, page, request):
    """What Wagtail answers for an unmet restriction: its password form, or the login page."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
        return page.serve_password_required_response(request, form, action_url)
    login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse("wagtailcore_login")
    return redirect_to_login(request.get_full_path(), login_url)


@hooks.register("construct_page_action_menu")
def no_publishing_of_ones_own_edit(menu_items, request, context):
    second_reviewer.hide_publish_action(menu_items, request, context)


@hooks.register("before_create_page")
def defer_the_sync_of_autosaved_pages(request, parent_page, page_class):
    """A new page the editor autosaves is not synced into the other locales yet (cms.page_sync)."""
    page_sync.autosave_started(request)


@hooks.register("after_create_page", order=-10)
def end_of_page_creation(request, page):
    """After an autosave, also keep wagtail-localize's hook (order 0, for the
    locales that "sync from" this one) from making the aliases: a hook that
    returns a response ends the hooks, and for an autosave (a JSON request)
    Wagtail ignores a response that is not JSON and answers as usual."""
    autosaved = page_sync.autosaving()
    page_sync.autosave_finished()
    if autosaved:
        return HttpResponse(status=204)
    return None


@hooks.register("after_edit_page")
def sync_the_page_once_saved_on_purpose(request, page):
    """Saved, submitted or published with a click (not an autosave): an
    autosaved new page gets its aliases in the other locales now."""
    if not page_sync.is_autosave(request):
        page_sync.sync_into_every_locale(page)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return two_factor.admin_urls()


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }


@hooks.register("register_admin_urls")
def register_translation_admin_urls():
    return [
        path("translation-status/", admin_views.translation_status, name="cms_translation_status"),
        path("translation-glossary/", admin_views.glossary, name="cms_translation_glossary"),
        path(
            "translations/<int:translation_id>/submit-for-review/",
            admin_views.submit_translation_for_review,
            name="cms_submit_translation_for_review",
        ),
        # Before wagtail-localize's own route of the same path (cms's hooks load first).
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsWithoutPublishing.as_view(),
            name="cms_update_translations",
        ),
    ]


@hooks.register("before_edit_snippet")
def translators_edit_their_language_only(request, instance):
    """Runs before wagtail-localize's hook, which opens its editor for a translation."""
    if not may_edit_snippet(request.user, instance):
        return permission_denied(request)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("cms_translation_status"), icon_name="site", order=50)


@hooks.register("register_help_menu_item")
def register_glossary_menu_item():
    return MenuItem(_("Translation glossary"), reverse("cms_translation_glossary"), icon_name="doc-full")


class TranslationPanel(Component):
    """Dashboard panel: how much is outdated or not translated in my languages."""

    name = "translation_status"
    order = 90
    template_name = "cms/admin/translation_panel.html"

    def __init__(self, locales):
        self.locales = locales

    def get_context_data(self, parent_context):
        counts = ts.counts_by_locale(ts.all_rows())
        items = []
        for code in self.locales:
            per_state = counts.get(code, {})
            items.append(
                {
                    "locale": code,
                    "outdated": per_state.get(ts.OUTDATED, 0),
                    "untranslated": sum(per_state.get(s, 0) for s in (ts.MISSING, ts.ALIAS, ts.IN_PROGRESS)),
                }
            )
        return {"items": items}


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    locales = translator_locales(request.user)
    if locales:
        panels.append(TranslationPanel(locales))


@hooks.register("before_edit_page")
def refuse_publishing_without_permission(request, page):
    """The editor only offers "Publish" to who may publish; a request that asks
    for it anyway is refused (403), not quietly saved as a draft as Wagtail does.
    Under REQUIRE_SECOND_REVIEWER nobody publishes their own edit from the editor."""
    if not second_reviewer.asks_to_publish(request):
        return None
    permissions = page.permissions_for_user(request.user)
    if not getattr(permissions, "may_publish_directly", permissions.can_publish)():
        return second_reviewer.publish_refused(request)
    # a moderator is told the four-eyes rule, not that they may never publish
    return second_reviewer.refuse_own_publish(request)


@hooks.register("before_edit_page")
def refuse_approving_ones_own_changes(request, page):
    """Approve in the editor saves what the reviewer changed and approves it: refused
    under REQUIRE_SECOND_REVIEWER when there are changes (cms.second_reviewer)."""
    return second_reviewer.refuse_approving_own_changes(request, page)


@hooks.register("before_create_page", order=-10)
def refuse_publishing_new_pages_without_permission(request, parent_page, page_class):
    if not second_reviewer.asks_to_publish(request):
        return None
    if not parent_page.permissions_for_user(request.user).can_publish_subpage():
        return second_reviewer.publish_refused(request)
    return second_reviewer.refuse_own_publish(request)

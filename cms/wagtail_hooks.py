import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escapejs, format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction

from cms import admin_views
from cms import translation_status as ts
from cms.roles import LANGUAGES, translators_group_name
from cms.visibility import effective_restrictions, in_publication_window


@hooks.register("on_serve_page")
def serve_only_what_the_rule_allows(callback):
    """`serve()` follows cms.visibility: a page past its expiry (before the cron
    unpublishes it) or not yet due is a 404, and a view restriction on any
    translation of the page or of its sections applies here too (Wagtail's own
    check only looks at this page's ancestors in its own locale)."""

    def inner(page, request, serve_args, serve_kwargs):
        if not in_publication_window(page):
            raise Http404
        restrictions = effective_restrictions(page)
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


@hooks.register("register_admin_urls")
def register_translation_admin_urls():
    return [
        path("translation-status/", admin_views.translation_status, name="cms_translation_status"),
        path("translation-glossary/", admin_views.glossary, name="cms_translation_glossary"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("cms_translation_status"), icon_name="site", order=50)


@hooks.register("register_help_menu_item")
def register_glossary_menu_item():
    return MenuItem(_("Translation glossary"), reverse("cms_translation_glossary"), icon_name="doc-full")


def translator_locales(user):
    """Languages the user translates into (all of them for superusers)."""
    if user.is_superuser:
        return list(LANGUAGES)
    names = set(user.groups.values_list("name", flat=True))
    return [code for code in LANGUAGES if translators_group_name(code) in names]


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


@hooks.register("insert_global_admin_js")
def glossary_link_in_translation_editor():
    """Put a link to the glossary at the top of wagtail-localize's translation editor."""
    return format_html(
        """<script>
document.addEventListener("DOMContentLoaded", function () {{
  var editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  var target = document.querySelector(".header-meta--locales") || editor.parentNode;
  var link = document.createElement("a");
  link.href = "{}"; link.target = "_blank"; link.rel = "noopener";
  link.className = "button button-small button-secondary w-ml-4";
  link.textContent = "{}";
  target.appendChild(link);
}});
</script>""",
        reverse("cms_translation_glossary"),
        _("Glossary of fixed terms"),
    )


@hooks.register("insert_global_admin_js")
def translate_the_translation_editors_fixed_english():
    """wagtail-localize 1.14's editor bundle writes two texts in English, outside
    gettext: its dropdown's screen-reader label "More actions" and the heading
    "<source> to <target> translation". Give them their translations (also after
    React re-renders)."""
    texts = {
        "more_actions": _("More actions"),
        # e.g. "Български → Română", with the languages as the editor names them
        "heading": _("%(source)s to %(target)s translation"),
    }
    return format_html(
        """<script>
document.addEventListener("DOMContentLoaded", function () {{
  var editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  var texts = JSON.parse("{}");
  var heading = /^(.+) to (.+) translation$/;
  function translate() {{
    editor.querySelectorAll(".w-dropdown__toggle .w-sr-only").forEach(function (span) {{
      if (span.textContent === "More actions") span.textContent = texts.more_actions;
    }});
    var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {{
      var node = walker.currentNode, match = heading.exec(node.nodeValue);
      if (match) node.nodeValue = texts.heading.replace("%(source)s", match[1]).replace("%(target)s", match[2]);
    }}
  }}
  translate();
  new MutationObserver(translate).observe(editor, {{childList: true, subtree: true, characterData: true}});
}});
</script>""",
        escapejs(json.dumps({key: str(value) for key, value in texts.items()})),
    )

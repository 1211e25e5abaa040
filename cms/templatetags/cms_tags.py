"""Template tags of the site-wide layout: locale home, menu, language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.dates import MONTHS
from wagtail.models import Page, Site

from cms.draft_translations import content_source, with_translated_flag
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from home.models import StandardPage

register = template.Library()


def _language_names():
    return dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the active language (the site root's translation)."""
    request = context.get("request")
    cache = getattr(request, "_locale_home_cache", None) if request else None
    if cache is not None:
        return cache
    site = Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()
    home = None
    if site:
        home = site.root_page.localized.specific
    if request is not None:
        request._locale_home_cache = home
    return home


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = locale_home(context)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu()


def _content_locale_code(page):
    """The language a page's content is written in: a page not translated yet (an
    alias, or a translation never published) shows its source's content."""
    return content_source(page).locale.language_code


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Standing pages under the locale's home that are not in the main menu
    (accessibility statement, privacy, …): linked from every footer."""
    home = locale_home(context)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().filter(show_in_menus=False).type(StandardPage)


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language the main content is written in (the UI language elsewhere)."""
    page = context.get("page")
    if isinstance(page, Page):
        return _content_locale_code(page)
    return translation.get_language()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The full URL of the page whose content this page shows (its source while untranslated)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    return content_source(page).get_full_url(context.get("request"))


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    """For an untranslated page (see cms.draft_translations): the localized names of
    the language the visitor asked for and of the language the content is shown in; else None."""
    page = context.get("page")
    if not isinstance(page, Page) or content_source(page).pk == page.pk:
        return None
    return {
        "requested": LANGUAGE_NAMES_IN_TEXT[page.locale.language_code],
        "shown": LANGUAGE_NAMES_IN_TEXT[_content_locale_code(page)],
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in the other languages, only where a live translation exists.

    Pages link to their translations; other views (search, 404, …) link to the
    same path under the other language prefix."""
    request = context.get("request")
    page = context.get("page")
    names = _language_names()
    current = translation.get_language()
    links = []
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in with_translated_flag(
                page.get_translations(inclusive=True).live().public()
            ).select_related("locale")
        }
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            if target is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": target.get_url(request),
                    "full_url": target.get_full_url(request),
                    "is_current": code == page.locale.language_code,
                    # an untranslated page is reachable but not an alternate: no hreflang for it
                    "is_translated": target.is_translated,
                }
            )
    elif request is not None:
        for code, _name in settings.LANGUAGES:
            links.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": translate_url(request.get_full_path(), code),
                    "full_url": request.build_absolute_uri(translate_url(request.path, code)),
                    "is_current": code == current,
                    "is_translated": True,
                }
            )
    return links


@register.filter
def in_section(page, section):
    """True when `page` is `section` or lies below it in the tree."""
    if not isinstance(page, Page) or not isinstance(section, Page):
        return False
    return page.path.startswith(section.path)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def local_date(value, language_code=None):
    """A date in the language's own long form: `5 март 2026 г.`, `5 martie 2026`,
    `5 March 2026`. (Django's DATE_FORMAT capitalises Bulgarian and Romanian
    month names, which both languages write in lower case.)"""
    if not value:
        return ""
    language = (language_code or translation.get_language() or "en").split("-")[0]
    with translation.override(language):
        month = str(MONTHS[value.month])
    if language == "bg":
        return f"{value.day} {month.lower()} {value.year} г."
    if language == "ro":
        return f"{value.day} {month.lower()} {value.year}"
    return f"{value.day} {month} {value.year}"


@register.filter
def page_numbers(page_obj):
    """The page numbers a pager shows: the first, the last and two either side of
    the current one, with None where numbers are left out (shown as "…")."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]

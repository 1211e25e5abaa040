"""Template tags of the site-wide layout: locale home, menu, footer, language
switcher, and the head content that apps contribute through the
`site_head_content` hook (fn(request, page) → HTML)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.models import Page, Site

from cms import base_url
from cms.caching.fragments import cached
from cms.draft_translations import content_source, with_translated_flag
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from cms.visibility import effective_restrictions, is_publicly_used, publicly_visible

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
        home = cached(
            "locale-home",
            lambda: site.root_page.localized.specific,
            site.pk,
            translation.get_language(),
        )
    if request is not None:
        request._locale_home_cache = home
    return home


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = locale_home(context)
    if home is None:
        return []
    return cached("main-menu", lambda: list(publicly_visible(home.get_children()).in_menu()), home.pk)


def _content_locale_code(page):
    """The language a page's content is written in: a page not translated yet (an
    alias, or a translation never published) shows its source's content."""
    return content_source(page).locale.language_code


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Standing pages under the locale's home that are not in the main menu
    (accessibility statement, privacy, …): linked from every footer. Apps name
    their page types for it with the `footer_page_types` hook (→ models)."""
    home = locale_home(context)
    if home is None:
        return []
    models = [model for fn in hooks.get_hooks("footer_page_types") for model in fn()]
    if not models:
        return []
    return cached(
        "footer-pages",
        lambda: list(publicly_visible(home.get_children()).filter(show_in_menus=False).type(*models)),
        home.pk,
        ",".join(sorted(model._meta.label_lower for model in models)),
    )


@register.simple_tag(takes_context=True)
def site_head_content(context):
    """Per-app <head> content (feed links, …) from the `site_head_content` hook."""
    request, page = context.get("request"), context.get("page")
    return format_html_join(
        "\n    ", "{}", ((fn(request, page),) for fn in hooks.get_hooks("site_head_content"))
    )


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
    return base_url.page_url(content_source(page), context.get("request")) or ""


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
def absolute_url(context, target):
    """`{% absolute_url page %}`, `{% absolute_url rendition %}` or `{% absolute_url "/path/" %}`:
    the absolute URL on the site's one base URL (cms.base_url)."""
    if isinstance(target, Page):
        return base_url.page_url(target, context.get("request")) or ""
    url = getattr(target, "url", target)
    return base_url.absolute_url(url) if url else ""


def _page_language_links(page, request):
    names = _language_names()
    translations = {
        p.locale.language_code: p
        for p in with_translated_flag(
            publicly_visible(page.get_translations(inclusive=True), include_withdrawn=True)
        ).select_related("locale")
    }
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": target.get_url(request),
                "full_url": base_url.page_url(target, request),
                "is_current": code == page.locale.language_code,
                # an untranslated page is reachable but not an alternate: no hreflang for it
                "is_translated": target.is_translated,
            }
        )
    return links


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
        if page.pk is None:  # a preview of a page not saved yet
            return _page_language_links(page, request)
        site = Site.find_for_request(request) if request is not None else None
        return cached(
            "language-links",
            lambda: _page_language_links(page, request),
            page.pk,
            site.pk if site else "",
        )
    elif request is not None:
        for code, _name in settings.LANGUAGES:
            links.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": translate_url(request.get_full_path(), code),
                    "full_url": base_url.absolute_url(translate_url(request.path, code)),
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


@register.simple_tag
def restrictions_from_translations(page):
    """For the admin's privacy form: restrictions that hide `page` because they are
    set on one of its translations (or on a translation of a section above it)."""
    own_tree = {restriction.pk for restriction in page.get_view_restrictions()}
    return [restriction for restriction in effective_restrictions(page) if restriction.pk not in own_tree]


@register.simple_tag
def social_image(page, *fallbacks):
    """The image shown when `page` is shared: its social media image, else its
    listing image, else the given fallbacks (a news item's hero image); only an
    image the public may see (cms.visibility: not in a private collection, used
    by a publicly visible page), else None."""
    if not isinstance(page, Page):
        return None
    candidates = [getattr(page, "social_image", None), getattr(page, "listing_image", None), *fallbacks]
    for image in candidates:
        if image is not None:
            return image if is_publicly_used(image) else None
    return None


@register.simple_tag(takes_context=True)
def site_banners(context):
    """Banners at the top of every page (alerts, …) from the `site_banners` hook
    (fn(request, page) → HTML; `page` is None outside the page tree)."""
    request, page = context.get("request"), context.get("page")
    if not isinstance(page, Page):
        page = None
    return format_html_join("\n", "{}", ((fn(request, page),) for fn in hooks.get_hooks("site_banners")))


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The trail from the locale's home to the current page's parent (public
    pages only), for every page below home; empty on home and outside the tree."""
    page = context.get("page")
    home = locale_home(context)
    if not isinstance(page, Page) or home is None or page.depth <= home.depth:
        return []
    if not page.path.startswith(home.path):
        return []

    def trail():
        pages = list(publicly_visible(page.get_ancestors().filter(depth__gte=home.depth)).order_by("depth"))
        if not pages or pages[0].pk != home.pk:
            pages.insert(0, home)
        return pages

    return cached("breadcrumbs", trail, page.pk, home.pk)


class ClockCachedNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        parts = [part.resolve(context) for part in self.parts]
        return cached(
            f"html-{self.name}",
            lambda: self.nodelist.render(context),
            site.pk if site else "",
            translation.get_language() or "",
            *parts,
            seconds=settings.HTML_FRAGMENT_SECONDS,
        )


@register.tag
def clock_cached(parser, token):
    """`{% clock_cached "name" part… %}…{% endclock_cached %}`: the block's HTML,
    kept per site, language, `part`s and content clock (cms.caching.fragments),
    no longer than a signed media link in it stays valid. Only for HTML that is
    the same for every anonymous visitor (no CSRF token, no nonce, no session)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("clock_cached needs a fragment name")
    nodelist = parser.parse(("endclock_cached",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return ClockCachedNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])

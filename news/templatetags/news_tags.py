"""Template tags of the news app: filter-preserving query strings and JSON-LD."""

from django import template
from django.utils.http import urlencode

from cms.base_url import absolute_url, page_url

register = template.Library()


@register.simple_tag
def news_query(filters, **changes):
    """A query string with the current filters and `changes` (None removes a key)."""
    params = {k: v for k, v in (filters or {}).items() if v}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return ("?" + urlencode(params)) if params else "?"


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    """schema.org NewsArticle for a news page, escaped for a <script> element."""
    import json

    from django.utils.html import _json_script_escapes
    from django.utils.safestring import mark_safe

    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
        if (page.last_published_at or page.latest_revision_created_at)
        else page.date.isoformat(),
        "inLanguage": page.locale.language_code,
        "url": page_url(page, request),
        "mainEntityOfPage": page_url(page, request),
        "publisher": {"@type": "Organization", "name": "E-GoverNet"},
        "author": {"@type": "Organization", "name": "E-GoverNet"},
    }
    if page.hero_image:
        rendition = page.hero_image.get_rendition("fill-1200x630|format-jpeg")
        data["image"] = [absolute_url(rendition.url)]
    keywords = [c.name for c in page.category_list()]
    if keywords:
        data["keywords"] = keywords
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308

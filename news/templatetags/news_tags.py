"""Template tags of the news app: JSON-LD of a news page."""

from django import template

from cms.base_url import absolute_url, page_url
from cms.jsonld import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    """schema.org NewsArticle for a news page, escaped for a <script> element."""
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
    return json_ld_script(data)

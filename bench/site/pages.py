"""The page types the site benchmark measures, found in the demo content
(Bulgarian, like a visitor from the programme area would mostly read)."""

LOCALE = "bg"


def discover(ids=False):
    """{name: path} for every measured page type, or with `ids` {name: page id}
    for the HTML pages (needs Django set up)."""
    from wagtail.models import Locale

    from cms.visibility import publicly_visible
    from directory.models import InstitutionPage
    from news.models import NewsIndexPage, NewsPage

    locale = Locale.objects.get(language_code=LOCALE)
    home = publicly_visible(NewsIndexPage.objects.filter(locale=locale)).first().get_parent()
    news = publicly_visible(NewsPage.objects.filter(locale=locale)).order_by("-date", "-pk")
    article = news[min(2, news.count() - 1)]  # one with older and newer neighbours
    index = publicly_visible(NewsIndexPage.objects.filter(locale=locale)).first()
    institution = publicly_visible(InstitutionPage.objects.filter(locale=locale)).first()
    directory = institution.get_parent()
    if ids:
        return {"home": home.pk, "news article": article.pk, "news index": index.pk}
    return {
        "home": home.url,
        "news article": article.url,
        "news index": index.url,
        "API news list": f"/api/v2/pages/?type=news.NewsPage&locale={LOCALE}&fields=*&limit=20",
        "search results": f"/{LOCALE}/search/?q=%D0%BE%D0%B1%D1%89%D0%B8%D0%BD%D0%B0",
        "directory index": directory.url,
        "institution page": institution.url,
    }

"""What a subscription can be about: the news categories of a language.

The news app is reached by model label (settings.SUBSCRIPTION_CATEGORY_MODEL),
never imported: feature apps do not import each other. A category is named
by the slug its translations share, so a subscription survives renames."""

from django.apps import apps
from django.conf import settings


def category_model():
    return apps.get_model(settings.SUBSCRIPTION_CATEGORY_MODEL)


def categories(language):
    """[(slug, name)] of the categories in `language`, by name."""
    return list(
        category_model()
        .objects.filter(locale__language_code=language)
        .order_by("name")
        .values_list("slug", "name")
    )


def category_name(slug, language):
    if not slug:
        return ""
    name = (
        category_model()
        .objects.filter(locale__language_code=language, slug=slug)
        .values_list("name", flat=True)
        .first()
    )
    return name or slug


def page_category_slugs(page):
    """The category slugs of a news page (its `category_list()`)."""
    return sorted({category.slug for category in page.category_list()})

"""What the site search finds: the feature apps' types, registered here so
that news, directory and documents know nothing about search."""

from collections import defaultdict

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .registry import (
    PageSuggestionSource,
    PageType,
    SearchableType,
    SuggestionSource,
    register_source,
    register_type,
    searchable_pages,
)


class EServiceType(SearchableType):
    """E-services, found by name and description; a result leads to the row of
    the service on its institution's page."""

    def queryset(self, context):
        institution_page = apps.get_model("directory", "InstitutionPage")
        eservice = apps.get_model("directory", "EService")
        pages = searchable_pages(institution_page.objects.all(), root_paths=context["root_paths"])
        if context["locale"] is not None:
            pages = pages.filter(locale_id=context["locale"])
        # The search backend filters only on indexed fields: visibility goes in a pk subquery.
        return eservice.objects.filter(
            pk__in=eservice.objects.filter(page__in=pages.values("pk")).values("pk")
        ).select_related("page")

    def title(self, obj):
        return obj.name

    def url(self, obj, request):
        return f"{obj.page.get_url(request)}#service-{obj.pk}"

    def language_code(self, obj, locales):
        return locales.get(obj.page.locale_id)

    def excerpt_texts(self, obj):
        return [obj.description] if obj.description else []

    def context(self, obj):
        return obj.page.title


class EServiceSuggestionSource(SuggestionSource):
    """One suggestion per e-service, found by its name in every language."""

    key = "eservice"
    weight = 0

    @property
    def page_model(self):
        return apps.get_model("directory", "InstitutionPage")

    def entries(self, pages):
        from .suggestions import make_entry

        services = {page.pk: list(page.e_services.all()) for page in pages}
        names = defaultdict(list)
        for page_services in services.values():
            for service in page_services:
                names[service.translation_key].append(service.name)
        return [
            make_entry(
                self.key,
                page,
                service.name,
                names[service.translation_key],
                f"{page.get_url()}#service-{service.pk}",
                context=page.title,
            )
            for page in pages
            for service in services[page.pk]
        ]


def register_feature_types():
    """Called from SearchConfig.ready(): facets in this order on the results page."""
    register_type(PageType("news", _("News"), order=10, model=apps.get_model("news", "NewsPage")))
    register_type(
        PageType(
            "institution",
            _("Institutions"),
            order=20,
            model=apps.get_model("directory", "InstitutionPage"),
            excerpt_fields=("search_description", "intro", "short_name"),
            body_fields=("description",),
        )
    )
    register_type(EServiceType("eservice", _("E-services"), order=30))
    register_type(
        PageType(
            "document",
            _("Documents"),
            order=40,
            model=apps.get_model("documents", "PublicationPage"),
            excerpt_fields=("search_description", "summary"),
            body_fields=("body",),
        )
    )
    register_source(
        PageSuggestionSource("institution", apps.get_model("directory", "InstitutionPage"), weight=1)
    )
    register_source(EServiceSuggestionSource())

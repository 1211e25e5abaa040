"""Admin report: the Single Digital Gateway completeness (directory/sdg.py) of
every published institution's e-services, per language, with filters and a
CSV/XLSX export. For network staff (directory/network.py), like "Due for review"."""

import django_filters
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from directory import sdg
from directory.models import EService
from directory.models.snippets import COUNTRY_CHOICES

COMPLETENESS_CHOICES = [("complete", _("complete")), ("incomplete", _("incomplete"))]


def _category_choices():
    from wagtail.models import Locale

    from directory.models import ServiceCategory

    return [
        (c.code, c.name) for c in ServiceCategory.objects.filter(locale=Locale.get_active()).order_by("name")
    ]


class SDGReportFilterSet(WagtailFilterSet):
    country = django_filters.ChoiceFilter(
        label=_("country"), field_name="page__country", choices=COUNTRY_CHOICES
    )
    category = django_filters.ChoiceFilter(
        label=_("category"), field_name="category__code", choices=_category_choices
    )
    completeness = django_filters.ChoiceFilter(
        label=_("Completeness"), choices=COMPLETENESS_CHOICES, method="filter_completeness"
    )
    missing = django_filters.ChoiceFilter(
        label=_("Missing item"),
        choices=[(item.key, item.label) for item in sdg.ITEMS],
        method="filter_missing",
    )

    class Meta:
        model = EService
        fields = []

    def filter_completeness(self, queryset, name, value):
        if value == "complete":
            return queryset.filter(sdg_score=sdg.TOTAL)
        return queryset.filter(sdg_score__lt=sdg.TOTAL) if value == "incomplete" else queryset

    def filter_missing(self, queryset, name, value):
        return queryset.filter(**{f"sdg_{value}": 0}) if value in sdg.BY_KEY else queryset


class SDGReportView(ReportView):
    page_title = _("Single Digital Gateway completeness")
    header_icon = "tasks"
    filterset_class = SDGReportFilterSet
    index_url_name = "directory_sdg_report"
    index_results_url_name = "directory_sdg_report_results"
    export_filename = "sdg-completeness"
    paginate_by = 50
    list_export = [
        "institution",
        "registry_id",
        "name",
        "language",
        "score",
        "total",
        *[f"sdg_{item.key}" for item in sdg.ITEMS],
    ]

    @property
    def export_headings(self):
        return {
            "institution": gettext("Institution"),
            "registry_id": gettext("Registry identifier"),
            "name": gettext("E-service"),
            "language": gettext("Language"),
            "score": gettext("Items present"),
            "total": gettext("Items required"),
            **{f"sdg_{item.key}": str(item.label) for item in sdg.ITEMS},
        }

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("E-service"),
                get_url=lambda service: reverse("wagtailadmin_pages:edit", args=[service.page_id]),
            ),
            Column("institution", label=_("Institution"), accessor=lambda s: s.page.title),
            Column("language", label=_("Language"), accessor=lambda s: s.locale.get_display_name()),
            Column(
                "score",
                label=_("Completeness"),
                accessor=lambda s: (
                    gettext("%(score)s of %(total)s") % {"score": s.sdg_score, "total": sdg.TOTAL}
                ),
            ),
            Column("missing", label=_("Missing"), accessor=lambda s: ", ".join(missing_labels(s)) or "—"),
        ]

    def dispatch(self, request, *args, **kwargs):
        from directory.network import is_network_staff

        if not is_network_staff(request.user):
            return TemplateResponse(
                request,
                "directory/admin/forbidden.html",
                {"header_title": self.page_title, "page_title": self.page_title},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        services = EService.objects.filter(page__live=True).select_related("page", "locale", "category")
        return sdg.annotate(services).order_by("sdg_score", "page__title", "name", "locale__language_code")

    def stream_csv(self, queryset):
        # Wagtail streams the CSV after the request's language is deactivated: keep the reader's.
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from rows

        return in_language()

    def to_row_dict(self, item):
        yes, no = gettext("yes"), gettext("no")
        return {
            "institution": item.page.title,
            "registry_id": item.page.registry_id,
            "name": item.name,
            "language": item.locale.language_code,
            "score": item.sdg_score,
            "total": sdg.TOTAL,
            **{f"sdg_{i.key}": yes if getattr(item, f"sdg_{i.key}") else no for i in sdg.ITEMS},
        }


def missing_labels(service):
    return [str(item.label) for item in sdg.ITEMS if not getattr(service, f"sdg_{item.key}")]

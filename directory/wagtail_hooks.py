"""Admin: the vocabularies as translatable snippets, the cross-institution
e-services register (wagtail-modeladmin, read-only, exportable) and the import
upload view."""

from django.contrib.admin import SimpleListFilter
from django.contrib.admin import display as admin_display
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.modeladmin.options import TranslatableModelAdmin
from wagtail_localize.modeladmin.views import TranslatableIndexView
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from directory import columns
from directory.admin_views import export_view, import_view, review_report
from directory.dashboard import institution_editor_panel
from directory.enquiries_admin import EnquiryPermissionPolicy, EnquiryViewSet
from directory.models import Enquiry, EService, InstitutionType, Region, ServiceCategory
from directory.models.snippets import COUNTRY_CHOICES
from directory.permissions import can_import
from directory.sdg_report import SDGReportView


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "nuts_code", "country"]
    list_filter = ["country"]


class InstitutionTypeViewSet(SnippetViewSet):
    model = InstitutionType
    icon = "group"
    list_display = ["name", "code"]


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    list_display = ["name", "code"]


register_snippet(RegionViewSet)
register_snippet(InstitutionTypeViewSet)
register_snippet(ServiceCategoryViewSet)


@hooks.register("open_data_downloads")
def directory_downloads(request, language_code):
    """The whole directory in the visitor's language, for the open-data page."""
    from django.utils.http import urlencode
    from django.utils.translation import gettext

    from cms.base_url import absolute_url, page_url
    from directory import cpsv
    from directory.models import DirectoryIndexPage

    query = "?" + urlencode({"locale": language_code})
    # "dataset" names the DCAT-AP dataset a download belongs to (directory/catalog.py).
    downloads = [
        {
            "label": gettext("Public services (CPSV-AP %(version)s)") % {"version": cpsv.VERSION},
            "format": "JSON-LD",
            "url": cpsv.export_url(language_code),
            "dataset": "cpsv-ap",
            "conforms_to": cpsv.SPECIFICATION,
        },
        {
            "label": gettext("Public services (CPSV-AP %(version)s)") % {"version": cpsv.VERSION},
            "format": "Turtle",
            "url": cpsv.export_url(language_code, "ttl"),
            "dataset": "cpsv-ap",
            "conforms_to": cpsv.SPECIFICATION,
        },
        {
            "label": gettext("Institutions and their e-services"),
            "format": "JSON-LD (schema.org)",
            "url": absolute_url(reverse("directory_export_jsonld") + query),
            "dataset": "institutions-jsonld",
        },
        {
            "label": gettext("Institutions"),
            "format": "CSV",
            "url": absolute_url(reverse("directory_export_csv") + query),
            "dataset": "institutions-csv",
        },
    ]
    index = DirectoryIndexPage.objects.publicly_visible().filter(locale__language_code=language_code).first()
    base = page_url(index, request) if index else None
    if base:
        downloads.append(
            {
                "label": gettext("E-services"),
                "format": "CSV",
                "url": base + "e-services/csv/",
                "dataset": "e-services-csv",
            }
        )
    return {
        "title": gettext("Directory of institutions and e-services"),
        "description": gettext(
            "Every published institution with its contacts and e-services, in the language of this "
            "page (?locale=bg, ro or en for the others). The e-services page filters the CSV."
        ),
        "downloads": downloads,
    }


class _CodeListFilter(SimpleListFilter):
    """Filter by a vocabulary's stable code (regions and categories exist once per locale)."""

    vocabulary = None
    field_path = None

    def lookups(self, request, model_admin):
        from wagtail.models import Locale

        code = request.GET.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_active()
        key = "nuts_code" if self.vocabulary is Region else "code"
        return [(getattr(item, key), str(item)) for item in self.vocabulary.objects.filter(locale=locale)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field_path: self.value()})
        return queryset


class RegionFilter(_CodeListFilter):
    title = _("region")
    parameter_name = "region"
    vocabulary = Region
    field_path = "page__nuts_region__nuts_code"


class CategoryFilter(_CodeListFilter):
    title = _("category")
    parameter_name = "category"
    vocabulary = ServiceCategory
    field_path = "category__code"


class CountryFilter(SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return COUNTRY_CHOICES

    def queryset(self, request, queryset):
        return queryset.filter(page__country=self.value()) if self.value() else queryset


class ReadOnlyRegisterPermissions(PermissionHelper):
    """E-services are edited on their institution page (revisions, moderation,
    translation); the register only lists, inspects and exports them."""

    def user_can_list(self, user):
        return user.has_perm("wagtailadmin.access_admin")

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)


class RegisterIndexView(TranslatableIndexView):
    """The register's CSV/XLSX export writes the directory's columns, as the importer reads them."""

    export_headings = {name: name for name in columns.HEADER}

    def to_row_dict(self, item):
        return dict(zip(columns.HEADER, columns.row(item.page, item, self.request), strict=True))


class EServiceRegister(TranslatableModelAdmin):
    model = EService
    menu_label = _("E-services register")
    menu_icon = "list-ul"
    menu_order = 250
    add_to_admin_menu = True
    permission_helper_class = ReadOnlyRegisterPermissions
    inspect_view_enabled = True
    index_template_name = "directory/admin/e_services_register.html"
    index_view_extra_css = ["directory/e_services_register.css"]
    list_display = [
        "name",
        "institution",
        "country",
        "region",
        "category",
        "channel",
        "authentication",
        "cross_border",
    ]
    list_filter = [CountryFilter, RegionFilter, CategoryFilter, "channel", "authentication", "cross_border"]
    search_fields = ["name", "description", "page__title"]
    list_select_related = ["page", "page__nuts_region", "page__organisation_type", "category"]
    # The directory's column schema (directory/columns.py): machine headers, re-importable.
    list_export = columns.HEADER
    index_view_class = RegisterIndexView
    export_filename = "e-services"
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).filter(page__live=True)

    @admin_display(description=_("institution"))
    def institution(self, obj):
        url = reverse("wagtailadmin_pages:edit", args=[obj.page_id])
        return format_html('<a href="{}">{}</a>', url, obj.page.title)

    @admin_display(description=_("country"))
    def country(self, obj):
        return obj.page.country

    @admin_display(description=_("region"))
    def region(self, obj):
        return f"{obj.page.nuts_region.nuts_code} {obj.page.nuts_region.name}"


modeladmin_register(EServiceRegister)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("directory/import/", import_view, name="directory_import"),
        path(
            "directory/export/<str:language_code>.<str:extension>",
            export_view,
            name="directory_export",
        ),
        path("directory/review-report/", review_report, name="directory_review_report"),
        path("directory/sdg-report/", SDGReportView.as_view(), name="directory_sdg_report"),
        path(
            "directory/sdg-report/results/",
            SDGReportView.as_view(results_only=True),
            name="directory_sdg_report_results",
        ),
    ]


class ImportMenuItem(MenuItem):
    """Shown only to users who may import (the view answers others with 403)."""

    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import institutions"), reverse("directory_import"), icon_name="upload", order=260
    )


# --- Institution editors (directory/editors_admin.py, directory/invitations.py) ---


@hooks.register("register_admin_urls")
def register_editors_urls():
    from directory import editors_admin

    return [
        path(
            "directory/institution/<int:page_id>/editors/",
            editors_admin.editors_view,
            name="directory_editors",
        ),
        path(
            "directory/institution/<int:page_id>/editors/<int:user_id>/remove/",
            editors_admin.remove_view,
            name="directory_editors_remove",
        ),
        path(
            "directory/institution/<int:page_id>/invitations/<int:invitation_id>/withdraw/",
            editors_admin.withdraw_view,
            name="directory_editors_withdraw",
        ),
    ]


def _editors_button(page, user, priority):
    from wagtail.admin.widgets import Button

    from directory.models import InstitutionPage
    from directory.network import is_network_staff

    if page.specific_class is InstitutionPage and is_network_staff(user):
        yield Button(
            _("Editors"),
            reverse("directory_editors", args=[page.pk]),
            icon_name="group",
            priority=priority,
            attrs={"data-institution-editors": ""},
        )


@hooks.register("register_page_header_buttons")
def institution_editors_header_button(page, user, view_name, next_url=None):
    yield from _editors_button(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def institution_editors_listing_button(page, user, next_url=None):
    yield from _editors_button(page, user, priority=45)


# --- enquiries (directory/enquiries_admin.py) -----------------------------------

register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))


@hooks.register("register_admin_viewset")
def register_enquiries():
    return EnquiryViewSet("enquiries")


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        from directory.network import is_network_staff

        return is_network_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Due for review"), reverse("directory_review_report"), icon_name="time", order=60
    )


@hooks.register("register_reports_menu_item")
def register_sdg_report_menu_item():
    return ReviewReportMenuItem(
        _("Single Digital Gateway completeness"), reverse("directory_sdg_report"), icon_name="tasks", order=61
    )


hooks.register("construct_homepage_panels", institution_editor_panel)


@hooks.register("network_figures")
def membership_figures(locale):
    """The network page's live counts: current members (cms.visibility: public
    pages only) in `locale`, per country and per institution type."""
    from django.db.models import Count
    from django.utils.translation import gettext

    from directory.models import InstitutionPage, InstitutionType
    from directory.models.pages import current_membership_q

    members = InstitutionPage.objects.publicly_visible().filter(current_membership_q(), locale=locale)
    by_country = dict(members.order_by().values_list("country").annotate(n=Count("pk")))
    by_type = dict(members.order_by().values_list("organisation_type__code").annotate(n=Count("pk")))
    type_names = dict(InstitutionType.objects.filter(locale=locale).values_list("code", "name"))
    total = sum(by_country.values())
    return [
        {
            "key": "members_by_country",
            "label": gettext("Member institutions per country"),
            "value": total,
            "breakdown": [
                (str(label), by_country[code]) for code, label in COUNTRY_CHOICES if code in by_country
            ],
            "breakdown_heading": gettext("Country"),
        },
        {
            "key": "members_by_type",
            "label": gettext("Member institutions per type"),
            "value": total,
            "breakdown": sorted(
                ((type_names.get(code, code), n) for code, n in by_type.items()),
                key=lambda item: (-item[1], item[0]),
            ),
            "breakdown_heading": gettext("Type"),
        },
    ]


@hooks.register("network_figures")
def e_services_figure(locale):
    """ "Public e-services": those of the visible member and non-member institutions in `locale`."""
    from django.utils.translation import gettext

    from directory.models import InstitutionPage

    institutions = InstitutionPage.objects.publicly_visible().filter(locale=locale)
    return [
        {
            "key": "e_services",
            "label": gettext("Public e-services"),
            "value": EService.objects.filter(page__in=institutions.values("pk")).count(),
            "breakdown": [],
        }
    ]


@hooks.register("directory_search")
def directory_search(locale):
    """For the home page's directory search block: the locale's directory (its
    URL, the e-services catalogue's URL) and the regions it filters by."""
    from directory.models import DirectoryIndexPage

    index = DirectoryIndexPage.objects.publicly_visible().filter(locale=locale).first()
    if index is None:
        return None
    regions = Region.objects.filter(locale=locale).order_by("nuts_code")
    return {
        "page": index,
        "e_services_path": index.reverse_subpage("e_services_route"),
        "regions": [(region.nuts_code, region.name) for region in regions],
    }

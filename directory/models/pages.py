"""The directory's pages: the index (faceted listing, e-services register for
visitors) and one page per institution with its e-services inline."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import Field
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.base_url import page_url
from cms.draft_translations import translated
from cms.jsonld import json_ld_script
from cms.models import BasePage
from cms.visibility import publicly_visible
from directory.blocks import OpeningHoursBlock, opening_hours_row
from directory.eservice_form import EServicesPanel, SDGCompletenessPanel, normalise_lines
from directory.validators import coordinates_problem, identifier_problem, normalise_identifier, validate_phone

from .fields import (
    LanguageListAPIField,
    LanguageListField,
    VocabularyAPIField,
    language_names,
    page_link,
    page_links,
)
from .snippets import COUNTRY_CHOICES

CHANNEL_CHOICES = [("online", _("online")), ("assisted", _("assisted")), ("in_person", _("in person"))]
AUTHENTICATION_CHOICES = [
    ("none", _("none")),
    ("eid", _("national e-ID")),
    ("qes", _("qualified e-signature")),
]
CROSS_BORDER_CHOICES = [("yes", _("yes")), ("partly", _("partly")), ("no", _("no"))]
TACIT_APPROVAL_CHOICES = [("yes", _("applies")), ("no", _("does not apply"))]
CURRENCY_CHOICES = [("BGN", "BGN"), ("RON", "RON"), ("EUR", "EUR")]
OUTPUT_CHOICES = [
    ("document", _("document")),
    ("certificate", _("certificate")),
    ("decision", _("decision")),
    ("permit", _("permit")),
    ("registration", _("registration")),
    ("payment", _("payment confirmation")),
    ("information", _("information")),
]
MEMBERSHIP_CHOICES = [
    ("member", _("member")),
    ("partner", _("partner")),
    ("lead_partner", _("lead partner")),
    ("observer", _("observer")),
]


def current_membership_q(role=None, today=None, prefix=""):
    """Institutions that are members now (a role, `member_until` not passed), with `role` if given.
    The one rule behind the directory's membership facet, the API filter and the network figures."""
    today = today or timezone.localdate()
    q = ~Q(**{f"{prefix}membership_role": ""}) & (
        Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gte": today})
    )
    if role:
        q &= Q(**{f"{prefix}membership_role": role})
    return q


SCHEMA_CHANNELS = {"online": "OnlineChannel", "assisted": "AssistedChannel", "in_person": "InPersonChannel"}


class DirectoryIndexPage(RoutablePageMixin, BasePage):
    """/<lang>/directory/: faceted listing of the institutions below it and,
    at e-services/, every e-service they offer (with a CSV of the filter)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.InstitutionPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("directory index page")
        verbose_name_plural = _("directory index pages")

    @path("")
    def index_route(self, request):
        from directory.views import directory_index

        return directory_index(request, self)

    @path("e-services/")
    def e_services_route(self, request):
        from directory.views import e_services_index

        return e_services_index(request, self)

    @path("e-services/csv/")
    def e_services_csv_route(self, request):
        from directory.views import e_services_csv

        return e_services_csv(request, self)


def privacy_page(locale):
    """The site's privacy page in `locale` (settings.PRIVACY_PAGE_SLUG), if the public may see it."""
    from wagtail.models import Page

    return publicly_visible(Page.objects.filter(locale=locale, slug=settings.PRIVACY_PAGE_SLUG)).first()


class LocalizedPageAPIField(Field):
    """A link to another institution, in the reader's locale when translated."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        self._locale = instance.locale
        return super().get_attribute(instance)

    def to_representation(self, value) -> dict | None:
        # None when the linked page is hidden from the public (cms.visibility)
        return page_link(value, self._locale)


class InstitutionPage(RoutablePageMixin, BasePage):
    """An institution of the network (CPOV / schema.org GovernmentOrganization).
    Visitors write to it through the enquiry form on its page (directory/enquiries.py)."""

    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    organisation_type = models.ForeignKey(
        "directory.InstitutionType", verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    nuts_region = models.ForeignKey(
        "directory.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    registry_id = models.CharField(
        _("registry identifier"),
        max_length=15,
        db_index=True,
        help_text=_("Bulgaria: EIK/BULSTAT (9 or 13 digits). Romania: CUI (without the RO prefix)."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = StreamField([("hours", OpeningHoursBlock())], blank=True, verbose_name=_("opening hours"))
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership_role = models.CharField(
        _("membership role"),
        max_length=20,
        choices=MEMBERSHIP_CHOICES,
        blank=True,
        help_text=_("Blank: not a member of the network. Clearing it ends the institution editors' access."),
    )
    member_since = models.DateField(_("network member since"), null=True, blank=True)
    member_until = models.DateField(
        _("network member until"),
        null=True,
        blank=True,
        help_text=_("The last day of membership; after it the institution editors lose their access."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the institution last checked this entry; a reminder follows after 12 months."),
    )
    languages_served = LanguageListField(_("languages served"))
    parent_institution = models.ForeignKey(
        "directory.InstitutionPage",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("organisation_type"), FieldPanel("country"), FieldPanel("nuts_region")]),
        FieldPanel("registry_id"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("locality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"), FieldPanel("opening_hours")],
            heading=_("Contact"),
        ),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("languages_served"),
        MultiFieldPanel(
            [
                FieldPanel("membership_role"),
                FieldRowPanel([FieldPanel("member_since"), FieldPanel("member_until")]),
            ],
            heading=_("Membership of the network"),
        ),
        FieldPanel("last_reviewed"),
        PageChooserPanel("parent_institution", "directory.InstitutionPage"),
        InlinePanel("counterpart_links", heading=_("Cross-border counterparts"), label=_("counterpart")),
        EServicesPanel("e_services", heading=_("E-services"), label=_("e-service")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("description"),
        index.SearchField("locality"),
        index.RelatedFields("nuts_region", [index.SearchField("name")]),
        index.FilterField("country"),
        index.FilterField("registry_id"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("short_name"),
        APIField("institution_type", serializer=VocabularyAPIField(source="organisation_type")),
        APIField("country"),
        APIField("region", serializer=VocabularyAPIField(source="nuts_region")),
        APIField("registry_id"),
        APIField("street_address"),
        APIField("postcode"),
        APIField("locality"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("opening_hours"),
        APIField("description"),
        APIField("logo", serializer=ImageRenditionField("max-400x400|format-png")),
        APIField("membership_role"),
        APIField("member_since"),
        APIField("member_until"),
        APIField("last_reviewed"),
        APIField("languages_served", serializer=LanguageListAPIField()),
        APIField("parent_institution", serializer=LocalizedPageAPIField()),
        APIField("counterparts"),
        APIField("e_services"),
        APIField("translations"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        TranslatableField("short_name"),
        TranslatableField("street_address"),
        TranslatableField("locality"),
        TranslatableField("description"),
        SynchronizedField("registry_id"),
        SynchronizedField("postcode"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
        SynchronizedField("opening_hours"),
        SynchronizedField("membership_role"),
        SynchronizedField("member_since"),
        SynchronizedField("member_until"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("languages_served"),
        SynchronizedField("logo", overridable=True),
        # Page links are synchronised and shown in the reader's locale at run time.
        SynchronizedField("parent_institution"),
        SynchronizedField("counterpart_links"),
    ]

    class Meta:
        verbose_name = _("institution page")
        verbose_name_plural = _("institution pages")
        # Held by the "Directory managers" group (directory/migrations/0004_directory_managers.py).
        permissions = [("import_institutions", _("Can import institutions from a spreadsheet"))]

    def clean(self):
        super().clean()
        errors = {}
        if self.registry_id and self.country:
            self.registry_id = normalise_identifier(self.country, self.registry_id)
            problem = identifier_problem(self.country, self.registry_id)
            if problem:
                errors["registry_id"] = problem
        if self.nuts_region_id and self.country and self.nuts_region.country != self.country:
            errors["nuts_region"] = _("This region is not in the chosen country.")
        if self.member_since and self.member_until and self.member_until < self.member_since:
            errors["member_until"] = _("The membership cannot end before it began.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        elif self.country and self.latitude is not None:
            problem = coordinates_problem(self.country, float(self.latitude), float(self.longitude))
            if problem:
                errors["latitude"] = problem
        if errors:
            raise ValidationError(errors)

    # --- the institution's own editors (directory/network.py) -------------
    # Other apps (news, documents) ask through these, never import directory.network.

    @classmethod
    def edited_by(cls, user):
        """Source-locale institution pages `user` is an institution editor of."""
        from directory.network import editor_institutions

        return editor_institutions(user)

    def editors(self):
        """Active users who are this institution's editors (in any locale)."""
        from directory.network import institution_editors

        return institution_editors(self)

    # --- content negotiation: Accept: application/ld+json | text/turtle ------

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The page, or this institution's CPSV-AP graph (directory/cpsv.py) when the client
        prefers JSON-LD or Turtle to HTML. `Vary: Accept` either way, so caches keep them apart."""
        from django.utils.cache import patch_vary_headers

        preferred = None
        if not getattr(request, "is_preview", False):
            preferred = request.get_preferred_type(["text/html", "application/ld+json", "text/turtle"])
        if preferred in ("application/ld+json", "text/turtle"):
            from directory.cpsv import cpsv_document
            from directory.views import rdf_response

            document = cpsv_document(self.locale, request, pages=[self])
            response = rdf_response(document, "ttl" if preferred == "text/turtle" else "jsonld")
        else:
            response = super().index_route(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response

    # --- enquiries (directory/enquiries.py) ---------------------------------
    # enquiry/ is served CSRF-token-free but origin-checked (cms.security.origin_checked_serve).

    @path("enquiry/", name="enquiry")
    def enquiry_route(self, request):
        from directory.enquiries import handle_enquiry

        return handle_enquiry(self, request)

    @path("enquiry/sent/", name="enquiry_sent")
    def enquiry_sent_route(self, request):
        return self.render(request, template="directory/enquiry/sent.html")

    def membership_state(self, today=None):
        """ "current" (a role, `member_until` not passed), "ended" (was a member:
        role cleared after `member_since`, or `member_until` passed) or "none"."""
        today = today or timezone.localdate()
        if self.member_until and self.member_until < today:
            return "ended"
        if self.membership_role:
            return "current"
        return "ended" if self.member_since else "none"

    # --- presentation -----------------------------------------------------

    @property
    def languages_served_display(self):
        return language_names(self.languages_served)

    @property
    def map_url(self):
        """An OpenStreetMap link for the coordinates (no third-party script on our pages)."""
        if self.latitude is None or self.longitude is None:
            return ""
        query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
        return f"https://www.openstreetmap.org/?{query}#map=16/{self.latitude}/{self.longitude}"

    @property
    def counterparts(self):
        links = self.counterpart_links.select_related("counterpart").all()
        return page_links([link.counterpart for link in links], self.locale)

    @property
    def translations(self):
        return [
            {"id": page.pk, "locale": page.locale.language_code, "url": page_url(page)}
            for page in translated(
                publicly_visible(self.get_translations(), include_withdrawn=True)
            ).select_related("locale")
        ]

    def get_context(self, request, *args, **kwargs):
        from directory.jsonld import institution_jsonld

        context = super().get_context(request, *args, **kwargs)
        context["e_services"] = self.e_services.select_related("category").all()
        context["counterpart_pages"] = self.counterparts
        context["parent_link"] = (
            page_link(self.parent_institution, self.locale) if self.parent_institution else None
        )
        context["json_ld"] = json_ld_script(institution_jsonld(self, request=request))
        context["opening_hours"] = [opening_hours_row(block.value) for block in self.opening_hours]
        # Other apps that link to institutions (news, agreements) contribute
        # through the "institution_related_content" hook: fn(page, request) →
        # (key, items), so the directory imports none of them.
        related = dict(fn(self, request) for fn in hooks.get_hooks("institution_related_content"))
        context["related_news"] = related.get("news", [])
        context["related_documents"] = related.get("documents", [])
        context["institution_news"] = related.get("institution_news", [])
        context["institution_publications"] = related.get("institution_publications", [])
        context.update(self._enquiry_context(request))
        return context

    def _enquiry_context(self, request):
        from directory.enquiries import EnquiryForm, accepts_enquiries

        if not accepts_enquiries(self):
            return {"enquiry_form": None}
        return {
            "enquiry_form": EnquiryForm(),
            "enquiry_action": self.get_url(request) + self.reverse_subpage("enquiry"),
            "privacy_page": privacy_page(self.locale),
        }


class InstitutionCounterpart(Orderable):
    """A cross-border counterpart, e.g. Ruse ↔ Giurgiu."""

    page = ParentalKey(InstitutionPage, related_name="counterpart_links", on_delete=models.CASCADE)
    counterpart = models.ForeignKey(
        InstitutionPage, verbose_name=_("counterpart"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("counterpart", "directory.InstitutionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("counterpart institution")


class EService(index.Indexed, TranslatableMixin, Orderable):
    """A public service an institution offers (CPSV-AP / schema.org GovernmentService).
    Edited on its institution page; name and description are translatable."""

    page = ParentalKey(InstitutionPage, related_name="e_services", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        "directory.ServiceCategory", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=CHANNEL_CHOICES, default="online")
    online_url = models.URLField(_("online URL"), blank=True)
    authentication = models.CharField(
        _("authentication"), max_length=10, choices=AUTHENTICATION_CHOICES, default="none"
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_amount = models.DecimalField(
        _("cost"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    cost_currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True)
    processing_days = models.PositiveIntegerField(
        _("processing time (working days)"), null=True, blank=True, help_text=_("0 means immediately.")
    )
    languages = LanguageListField(_("languages available"))
    output = models.CharField(_("output"), max_length=20, choices=OUTPUT_CHOICES, blank=True)
    cross_border = models.CharField(
        _("usable from the other country"), max_length=10, choices=CROSS_BORDER_CHOICES, default="no"
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    # What the Single Digital Gateway Regulation ((EU) 2018/1724, Art. 9-10) asks
    # a procedure's page to tell, per language (directory/sdg.py scores it).
    steps = models.TextField(_("steps"), blank=True, help_text=_("The steps of the procedure, one per line."))
    required_evidence = models.TextField(
        _("required evidence"),
        blank=True,
        help_text=_("The documents and evidence to provide, one per line."),
    )
    legal_basis_title = models.CharField(_("legal basis"), max_length=255, blank=True)
    legal_basis_url = models.URLField(_("legal basis URL"), max_length=500, blank=True)
    redress = models.TextField(
        _("redress and appeal"), blank=True, help_text=_("How to appeal a decision or complain, and to whom.")
    )
    payment_methods = models.CharField(_("payment methods"), max_length=255, blank=True)
    time_limits = models.TextField(
        _("time limits"), blank=True, help_text=_("Deadlines the applicant must keep.")
    )
    tacit_approval = models.CharField(
        _("tacit approval"),
        max_length=3,
        choices=TACIT_APPROVAL_CHOICES,
        blank=True,
        help_text=_("Whether no answer within the processing time counts as approval."),
    )
    information_updated = models.DateField(_("information last updated"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("channel"), FieldPanel("authentication")]),
        FieldPanel("online_url"),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost_amount"), FieldPanel("cost_currency")]),
        FieldRowPanel([FieldPanel("processing_days"), FieldPanel("output"), FieldPanel("cross_border")]),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("last_reviewed")]),
        MultiFieldPanel(
            [
                SDGCompletenessPanel(),
                FieldPanel("steps"),
                FieldPanel("required_evidence"),
                FieldRowPanel([FieldPanel("legal_basis_title"), FieldPanel("legal_basis_url")]),
                FieldPanel("redress"),
                FieldPanel("payment_methods"),
                FieldPanel("time_limits"),
                FieldRowPanel([FieldPanel("tacit_approval"), FieldPanel("information_updated")]),
            ],
            heading=_("Single Digital Gateway information"),
        ),
    ]

    api_fields = [
        APIField("name"),
        APIField("description"),
        APIField("category", serializer=VocabularyAPIField()),
        APIField("channel"),
        APIField("online_url"),
        APIField("authentication"),
        APIField("is_free"),
        APIField("cost_amount"),
        APIField("cost_currency"),
        APIField("processing_days"),
        APIField("languages", serializer=LanguageListAPIField()),
        APIField("output"),
        APIField("cross_border"),
        APIField("last_reviewed"),
    ]

    # Searchable by name and description; results lead to the institution page.
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.FilterField("id"),
        index.FilterField("page"),
        index.FilterField("locale"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("category"),
        SynchronizedField("channel"),
        SynchronizedField("online_url"),
        SynchronizedField("authentication"),
        SynchronizedField("is_free"),
        SynchronizedField("cost_amount"),
        SynchronizedField("cost_currency"),
        SynchronizedField("processing_days"),
        SynchronizedField("languages"),
        SynchronizedField("output"),
        SynchronizedField("cross_border"),
        SynchronizedField("last_reviewed"),
        TranslatableField("steps"),
        TranslatableField("required_evidence"),
        TranslatableField("legal_basis_title"),
        SynchronizedField("legal_basis_url"),
        TranslatableField("redress"),
        TranslatableField("payment_methods"),
        TranslatableField("time_limits"),
        SynchronizedField("tacit_approval"),
        SynchronizedField("information_updated"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        for name in ("description", "steps", "required_evidence", "redress", "time_limits"):
            setattr(self, name, normalise_lines(getattr(self, name)))
        errors = {}
        if self.channel == "online" and not self.online_url:
            errors["online_url"] = _("An online service needs its URL.")
        if not self.is_free and (self.cost_amount is None or not self.cost_currency):
            errors["cost_amount"] = _("Give the amount and currency, or mark the service free.")
        if errors:
            raise ValidationError(errors)

    @property
    def steps_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def evidence_list(self):
        return [line.strip() for line in self.required_evidence.splitlines() if line.strip()]

    @property
    def has_sdg_information(self):
        return any(
            (
                self.steps,
                self.required_evidence,
                self.legal_basis_title,
                self.legal_basis_url,
                self.redress,
                self.payment_methods,
                self.time_limits,
                self.tacit_approval,
                self.information_updated,
            )
        )

    @property
    def cost_display(self):
        if self.is_free:
            return _("free")
        # The visitor's decimal separator: 25,00 RON in Bulgarian and Romanian.
        return f"{number_format(self.cost_amount, 2)} {self.cost_currency}"

    @property
    def schema_channel(self):
        return SCHEMA_CHANNELS.get(self.channel)

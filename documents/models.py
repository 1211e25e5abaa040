"""Documents: the custom Wagtail document model (checked on upload, with its
language, checksum, size, MIME type and page count) and the publication pages
that present documents to visitors in bg, ro and en."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.attribution import AttributedPageMixin, InstitutionField
from cms.base_url import absolute_url, page_url
from cms.blocks import BodyStreamBlock
from cms.jsonld import json_ld_script
from cms.models import BasePage
from cms.visibility import visible_in_locale

from .serializers import (
    AgreementPartiesField,
    AgreementStatusField,
    PublicationFilesField,
    StatusSetByHandField,
)
from .validation import inspect_upload

__all__ = [
    "AgreementParty",
    "AgreementStatus",
    "Document",
    "DocumentIndexPage",
    "DocumentLanguage",
    "PublicationKind",
    "PublicationPage",
]


class DocumentLanguage(models.TextChoices):
    BG = "bg", _("Bulgarian")
    RO = "ro", _("Romanian")
    EN = "en", _("English")
    OTHER = "other", _("Other language")


LANGUAGE_ORDER = {code: position for position, code in enumerate(DocumentLanguage.values)}


class Document(AbstractDocument):
    """A Wagtail document whose bytes were checked before storage: the facts
    below are computed from the file on upload, never taken from the client."""

    # Own reverse names: wagtaildocs.Document (still installed) holds the defaults.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(help_text=None, blank=True, verbose_name=_("tags"), related_name="site_documents")

    language = models.CharField(
        _("language of the file"),
        max_length=5,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.OTHER,
    )
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=100, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("page count"), null=True, blank=True, editable=False)

    admin_form_fields = ("title", "file", "language", "collection", "tags")

    search_fields = AbstractDocument.search_fields + [index.FilterField("language")]

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_document", "Can choose document")]

    def clean(self):
        # Replaces Wagtail's extension-only check (AbstractDocument.clean) with
        # inspect_upload, which checks the extension too: one message per
        # problem. Only a new file is checked; a form without a file field
        # (the multiple uploader's per-file form) or with a refused file has
        # nothing to check here, and the file field's own errors say why.
        super(AbstractDocument, self).clean()
        if self._has_new_file():
            try:
                inspect_upload(self.file, self.file.name)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def _has_new_file(self):
        return bool(self.file) and not getattr(self.file, "_committed", True)

    def _needs_inspection(self):
        """A new file, or a new row whose file was stored before it was saved
        (Wagtail's multiple uploader copies a pending upload into the storage
        first): every document row gets its facts from its bytes."""
        return self._has_new_file() or (bool(self.file) and self._state.adding and not self.sha256)

    def save(self, *args, **kwargs):
        # Checked here too, so that programmatic and API saves obey the same
        # rules as the admin form; raising before super().save() means a new
        # file never reaches the storage.
        if self._needs_inspection():
            facts = inspect_upload(self.file, self.file.name)
            self.original_filename = self.file.name.rsplit("/", 1)[-1][:255]
            self.mime_type = facts.mime_type
            self.sha256 = facts.sha256
            self.file_hash = facts.sha1  # Wagtail's own checksum (its serve view's ETag)
            self.file_size = facts.size
            self.page_count = facts.page_count
            self.file.seek(0)
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "original_filename",
                    "mime_type",
                    "sha256",
                    "file_hash",
                    "file_size",
                    "page_count",
                }
        super().save(*args, **kwargs)

    @property
    def download_filename(self):
        return self.original_filename or self.filename

    @property
    def content_type(self):
        return self.mime_type or super().content_type

    @property
    def content_disposition(self):
        """Inline for the types browsers show (PDF), attachment otherwise; the
        original file name either way, UTF-8 encoded per RFC 5987/6266."""
        inline_types = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
        return content_disposition_header(
            as_attachment=self.content_type not in inline_types, filename=self.download_filename
        )

    def get_language_display_name(self):
        return self.get_language_display()


class PublicationKind(models.TextChoices):
    SURVEY = "survey", _("Survey")
    STRATEGY = "strategy", _("Strategy")
    GUIDE = "guide", _("Guide")
    AGREEMENT = "agreement", _("Cooperation agreement")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    """An agreement's status. Stored on the page only when set by hand; left
    empty, it follows the dates (`current_status`)."""

    IN_PREPARATION = "in_preparation", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


def status_from_dates(date_signed, end_date, today=None):
    """In force from the signing date, expired after the end date (inclusive last day)."""
    today = today or timezone.localdate()
    if end_date and end_date < today:
        return AgreementStatus.EXPIRED
    if date_signed and date_signed <= today:
        return AgreementStatus.IN_FORCE
    return AgreementStatus.IN_PREPARATION


def with_current_status(queryset, today=None):
    """Annotate `status_today`: the status set by hand, else the one the dates give
    (the same rule as status_from_dates, in SQL so listings filter and count on it)."""
    today = today or timezone.localdate()
    return queryset.annotate(
        status_today=Case(
            When(~Q(agreement_status=""), then=F("agreement_status")),
            When(end_date__lt=today, then=Value(AgreementStatus.EXPIRED.value)),
            When(date_signed__lte=today, then=Value(AgreementStatus.IN_FORCE.value)),
            default=Value(AgreementStatus.IN_PREPARATION.value),
            output_field=CharField(),
        )
    )


class DocumentIndexPage(BasePage):
    """/<lang>/documents/: the publications of one locale, filterable by kind and year."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["documents.PublicationPage"]
    max_count_per_parent = 1
    per_page = 20

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("document index page")
        verbose_name_plural = _("document index pages")

    def publications(self):
        return with_current_status(
            PublicationPage.objects.child_of(self)
            .publicly_visible()
            .select_related("document", "cover_image")
            .order_by("-publication_date", "-pk")
        )

    def party_options(self):
        """The parties of this listing's agreements as [{"value", "label"}], by label:
        an institution party's value is its page's translation key (the same in
        every language), a party known only by name has its name as value."""
        agreements = self.publications().filter(kind=PublicationKind.AGREEMENT)
        rows = list(
            AgreementParty.objects.filter(page__in=agreements.values("pk")).select_related("institution")
        )
        linked = [row.institution for row in rows if row.institution is not None]
        shown = dict(zip([p.pk for p in linked], visible_in_locale(linked, self.locale_id), strict=True))
        options = {}
        for row in rows:
            target = shown.get(row.institution_id) if row.institution_id else None
            if target is not None:
                options.setdefault(str(target.translation_key), row.name or target.title)
            elif row.name:
                options.setdefault(row.name, row.name)
        return sorted(
            ({"value": v, "label": label} for v, label in options.items()), key=lambda o: o["label"]
        )

    def parse_filters(self, params, party_options=None):
        """Return (filters, errors) from the query string; unknown values are errors.

        `status` and `party` filter cooperation agreements (they imply
        kind=agreement); with agreements, `year` is the year signed."""
        filters, errors = {}, []
        kind = params.get("kind", "")
        if kind:
            if kind in PublicationKind.values:
                filters["kind"] = kind
            else:
                errors.append(
                    _("Unknown kind “%(kind)s”. Choose one of: %(choices)s.")
                    % {"kind": kind, "choices": ", ".join(PublicationKind.values)}
                )
        status = params.get("status", "")
        party = params.get("party", "")
        if status or party:
            if kind and kind != PublicationKind.AGREEMENT:
                errors.append(_("Status and party apply to cooperation agreements only."))
            filters["kind"] = PublicationKind.AGREEMENT
        if status:
            if status in AgreementStatus.values:
                filters["status_today"] = status
            else:
                errors.append(
                    _("Unknown status “%(status)s”. Choose one of: %(choices)s.")
                    % {"status": status, "choices": ", ".join(AgreementStatus.values)}
                )
        if party:
            known = {option["value"] for option in (party_options or self.party_options())}
            if party in known:
                filters["party"] = party
            else:
                errors.append(_("No agreement here has the party “%(party)s”.") % {"party": party})
        year = params.get("year", "")
        if year:
            if year.isdigit() and 1900 <= int(year) <= 2100:
                if filters.get("kind") == PublicationKind.AGREEMENT:
                    filters["date_signed__year"] = int(year)
                else:
                    filters["publication_date__year"] = int(year)
            else:
                errors.append(_("The year must be a four-digit year such as 2018."))
        return filters, errors

    def filtered(self, publications, filters):
        filters = dict(filters)
        party = filters.pop("party", None)
        publications = publications.filter(**filters)
        if party:
            try:
                key = uuid.UUID(party)
            except ValueError:
                key = None
            named = AgreementParty.objects.filter(
                models.Q(name=party) | models.Q(institution__translation_key=key)
                if key
                else models.Q(name=party)
            )
            publications = publications.filter(pk__in=named.values("page_id"))
        return publications

    def get_context(self, request, *args, **kwargs):
        from .queries import files_by_translation_key

        context = super().get_context(request, *args, **kwargs)
        party_options = self.party_options()
        filters, errors = self.parse_filters(request.GET, party_options)
        publications = self.publications()
        years = sorted(
            {day.year for day in publications.dates("publication_date", "year")}
            | {
                day.year
                for day in publications.filter(date_signed__isnull=False).dates("date_signed", "year")
            },
            reverse=True,
        )
        publications = self.filtered(publications, filters) if not errors else publications.none()
        page_obj = Paginator(publications, self.per_page).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        files = files_by_translation_key(items)
        parties = parties_of([item for item in items if item.is_agreement])
        for item in items:
            item.available_files = files.get(item.translation_key, [])
            item.own_file = next(
                (file for file in item.available_files if file.page_id == item.pk),
                item.available_files[0] if item.available_files else None,
            )
            item.party_list = parties.get(item.pk, [])
        selected = {name: request.GET.get(name, "") for name in ("kind", "year", "status", "party")}
        context.update(
            {
                "publications": items,
                "page_obj": page_obj,
                "filter_errors": errors,
                "kinds": PublicationKind.choices,
                "statuses": AgreementStatus.choices,
                "party_options": party_options,
                "years": years,
                "selected": selected,
                "selected_kind": selected["kind"],
                "selected_year": selected["year"],
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data.get("filter_errors"):
            response.status_code = 400
        return response


class PublicationPage(AttributedPageMixin, BasePage):
    """A publication in one language: its own file (swapped per locale by the
    translator) and the files of its other translations. It may name the member
    institution it comes from (`institution`, cms.attribution)."""

    attribution_page_type = "directory.InstitutionPage"

    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    publication_date = models.DateField(_("publication date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The file in this page's language; translators choose the file in theirs."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("The last day the agreement is in force.")
    )
    scope = models.TextField(_("scope"), blank=True, max_length=1000)
    agreement_status = models.CharField(
        _("status set by hand"),
        max_length=20,
        choices=AgreementStatus.choices,
        blank=True,
        help_text=_(
            "Leave empty to let the dates decide: in force from the date signed, expired after "
            "the end date. Choose a status only to override them (e.g. terminated early)."
        ),
    )

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("publication_date"),
        PageChooserPanel("institution", "directory.InstitutionPage"),
        FieldPanel("intro"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date_signed"),
                FieldPanel("end_date"),
                FieldPanel("agreement_status"),
                FieldPanel("scope"),
                InlinePanel("parties", label=_("Party")),
            ],
            heading=_("Cooperation agreement"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("kind_names"),
        index.SearchField("summary"),
        index.SearchField("scope"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("kind"),
        SynchronizedField("publication_date"),
        SynchronizedField("date_signed"),
        SynchronizedField("end_date"),
        SynchronizedField("agreement_status"),
        SynchronizedField("institution"),
        SynchronizedField("document", overridable=True),
        SynchronizedField("cover_image", overridable=True),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def is_agreement(self):
        return self.kind == PublicationKind.AGREEMENT

    @property
    def current_status(self):
        """The status set by hand, else the one the dates give (agreements only)."""
        if not self.is_agreement:
            return ""
        if self.agreement_status:
            return self.agreement_status
        return status_from_dates(self.date_signed, self.end_date).value

    def get_current_status_display(self):
        status = self.current_status
        return AgreementStatus(status).label if status else ""

    def clean(self):
        super().clean()
        if not self.is_agreement and (
            self.date_signed or self.end_date or self.agreement_status or self.scope
        ):
            raise ValidationError(
                {"kind": _("Date signed, end date, status and scope apply to cooperation agreements only.")}
            )
        if self.end_date and self.date_signed and self.end_date < self.date_signed:
            raise ValidationError({"end_date": _("The end date cannot be before the date signed.")})

    def language_files(self):
        from .queries import files_by_translation_key

        return files_by_translation_key([self]).get(self.translation_key, [])

    @property
    def kind_names(self):
        """The kind in all three languages, so "strategy", "стратегия" or
        "strategie" finds a strategy whatever language the visitor types in."""
        names = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.append(str(self.get_kind_display()))
        return " ".join(names)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        files = self.language_files()
        context["files"] = files
        context["own_file"] = next((f for f in files if f.page_id == self.pk), None)
        context["parties"] = self.visible_parties()
        context["attributed_institution"] = self.shown_institution()
        context["json_ld"] = self.json_ld(request, files)
        return context

    def visible_parties(self):
        return parties_of([self])[self.pk]

    def json_ld(self, request, files):
        kind_types = {PublicationKind.SURVEY: "Report", PublicationKind.REPORT: "Report"}
        data = {
            "@context": "https://schema.org",
            "@type": ["DigitalDocument", kind_types[self.kind]]
            if self.kind in kind_types
            else "DigitalDocument",
            "name": self.title,
            "description": self.summary or self.intro,
            "datePublished": self.publication_date.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": page_url(self, request),
            "associatedMedia": [
                {
                    "@type": "MediaObject",
                    "contentUrl": absolute_url(file.document.url),
                    "encodingFormat": file.document.content_type,
                    "contentSize": str(file.document.file_size or ""),
                    "inLanguage": file.language,
                    "name": file.document.title,
                }
                for file in files
            ],
        }
        if self.is_agreement and self.date_signed:
            data["dateCreated"] = self.date_signed.isoformat()
        return json_ld_script(data)

    api_fields = BasePage.api_fields + [
        APIField("kind"),
        APIField("publication_date"),
        APIField("summary"),
        APIField("body"),
        APIField("institution", serializer=InstitutionField()),
        APIField("date_signed"),
        APIField("end_date"),
        APIField("scope"),
        APIField("agreement_status", serializer=AgreementStatusField()),
        APIField("status_set_by_hand", serializer=StatusSetByHandField()),
        APIField("parties", serializer=AgreementPartiesField()),
        APIField("cover_image", serializer=ImageRenditionField("fill-600x800|format-webp")),
        APIField("files", serializer=PublicationFilesField()),
    ]


def parties_of(pages):
    """{page pk: [{"name", "url", "page"}]} — the parties of each agreement as a
    visitor of that page's locale sees them: an institution party links to its
    page in that locale if visible (else the linked page if visible) and is named
    by that page unless a name was given. Two queries for any number of pages."""
    pages = list(pages)
    rows = list(
        AgreementParty.objects.filter(page__in=[page.pk for page in pages])
        .select_related("institution")
        .order_by("sort_order", "pk")
    )
    locale_of = {page.pk: page.locale_id for page in pages}
    linked = [row.institution for row in rows if row.institution is not None]
    visible = {}
    for locale_id in set(locale_of.values()):
        targets = visible_in_locale(linked, locale_id)
        visible[locale_id] = dict(zip([p.pk for p in linked], targets, strict=True))
    result = {page.pk: [] for page in pages}
    for row in rows:
        target = visible[locale_of[row.page_id]].get(row.institution_id) if row.institution_id else None
        name = row.name or (target.title if target is not None else "")
        if name:
            result[row.page_id].append(
                {"name": name, "url": target.get_url() if target is not None else None, "page": target}
            )
    return result


class AgreementParty(TranslatableMixin, Orderable):
    """A party to a cooperation agreement: an institution page of the
    directory when it is on the site, otherwise just its name."""

    page = ParentalKey(PublicationPage, related_name="parties", on_delete=models.CASCADE)
    institution = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("Shown when no institution page is chosen, or instead of its title."),
    )

    panels = [PageChooserPanel("institution", "directory.InstitutionPage"), FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")

    def clean(self):
        super().clean()
        if not self.institution_id and not self.name:
            raise ValidationError(_("Choose an institution page or enter the party's name."))
        if self.institution_id and self.institution.specific_class._meta.label != "directory.InstitutionPage":
            raise ValidationError({"institution": _("Choose an institution page of the directory.")})

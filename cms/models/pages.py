"""What every page of the site shares: an abstract base page with intro,
listing image and SEO/social fields, shared panels and API fields."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.page_forms import BasePageForm
from cms.provenance import TranslationProvenanceField
from cms.visibility import PublicPageQuerySet

CmsPageManager = PageManager.from_queryset(PublicPageQuerySet)


class BasePage(Page):
    """Abstract base for all page types: intro text, listing image and
    SEO/social metadata, with their translation rules. Its manager has
    `.publicly_visible()`, the site's one visibility rule (cms.visibility)."""

    objects = CmsPageManager()
    base_form_class = BasePageForm

    def permissions_for_user(self, user):
        """Wagtail's permissions, where nobody publishes their own last edit
        while REQUIRE_SECOND_REVIEWER is on (cms/second_reviewer.py)."""
        from cms.second_reviewer import SecondReviewerPermissionTester

        return SecondReviewerPermissionTester(user, self)

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A short summary shown on listings and as the page's description."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_text = models.CharField(
        _("social media text"),
        max_length=255,
        blank=True,
        help_text=_("Text used when the page is shared; the introduction is used when empty."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social media image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_machine_translation_notice = models.BooleanField(
        _("say when machine-translated"),
        default=False,
        help_text=_(
            "Show visitors a “Machine-translated” notice on the translations of this page whose "
            "text mostly comes from machine translation."
        ),
    )

    # --- Change history and withdrawal (GOV.UK's model; cms/change_history.py) ---
    # Asked of every edit; recorded when the edit is published.
    major_change = models.BooleanField(
        _("major change"),
        default=False,
        help_text=_(
            "Tick when visitors should know about this change: the change note is then shown under "
            "“Updates to this page” and the page's “Last updated” date moves. Leave it unticked for "
            "corrections of spelling or layout."
        ),
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        max_length=500,
        help_text=_("What changed, for visitors (e.g. “Added the 2026 fees.”). Required for a major change."),
    )
    withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_(
            "A withdrawn page stays readable with a notice giving the date and the reason, "
            "but leaves listings, search, feeds and the sitemap."
        ),
    )
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        max_length=500,
        help_text=_("Shown to visitors, e.g. “This programme closed on 31 March 2026.”"),
    )
    # Kept by the site itself (not in the edit form, not translated, not in revisions).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    last_major_change_at = models.DateTimeField(_("last updated"), null=True, blank=True, editable=False)
    change_history = models.JSONField(_("updates to this page"), default=list, blank=True, editable=False)

    HISTORY_FIELDS = ("withdrawn_at", "last_major_change_at", "change_history")
    # A copy or a new translation starts its own history.
    exclude_fields_in_copy = list(HISTORY_FIELDS)

    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("major_change"), FieldPanel("change_note")],
            heading=_("About this change"),
        ),
        MultiFieldPanel(
            [FieldPanel("withdrawn"), FieldPanel("withdrawal_reason")],
            heading=_("Withdrawal"),
        ),
    ]

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("show_in_menus"),
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("social_text"), FieldPanel("social_image")],
            heading=_("Listings and social media"),
        ),
        FieldPanel("show_machine_translation_notice"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("seo_title"),
        APIField("search_description"),
        APIField("listing_image", serializer=ImageRenditionField("fill-640x360|format-webp")),
        APIField("social_text"),
        APIField("translation_status"),
        APIField("translation_provenance", serializer=TranslationProvenanceField()),
        APIField("last_updated"),
        APIField("change_notes"),
        APIField("withdrawn_notice"),
    ]

    # Text is translatable; image choices are overridable so a translator can
    # use an image with text in their language.
    override_translatable_fields = [
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("listing_image", overridable=True),
        SynchronizedField("social_image", overridable=True),
        # each translation's own choice, never copied from the source (not listed: not synced)
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.major_change and not self.change_note.strip():
            errors["change_note"] = _("A major change needs a change note telling visitors what changed.")
        if self.withdrawn and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = _("Say why the page is withdrawn: visitors see the reason.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """As Wagtail's, but the history the site keeps (withdrawal date, last
        major change, change notes) comes from the page row, never from an
        older revision: publishing a draft made before a change note was
        recorded must not drop it."""
        obj = super().with_content_json(content)
        # read from the database: `self` may be an instance loaded before the last publication
        current = (
            type(self).objects.filter(pk=self.pk).values(*self.HISTORY_FIELDS).first() if self.pk else None
        )
        for name in self.HISTORY_FIELDS:
            setattr(obj, name, current[name] if current else getattr(self, name))
        return obj

    @property
    def last_updated(self):
        """The last major change, else the first publication (ISO 8601 in the API)."""
        return self.last_major_change_at or self.first_published_at

    @property
    def change_notes(self):
        """Updates to this page, newest first: [{"at": datetime, "note": str}]."""
        return [
            {"at": parse_datetime(change["at"]), "note": change["note"]}
            for change in reversed(self.change_history or [])
        ]

    @property
    def withdrawn_notice(self):
        """None, or {"withdrawn_at": ISO datetime, "reason": str} for a withdrawn page."""
        if not (self.withdrawn and self.withdrawn_at):
            return None
        return {"withdrawn_at": self.withdrawn_at.isoformat(), "reason": self.withdrawal_reason}

    @property
    def content_language(self):
        """The language the content is written in (an untranslated page shows its source's)."""
        from cms.draft_translations import content_source

        return content_source(self).locale.language_code

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        """As Wagtail's, but an alias is made once: asked for an alias in a locale
        that has this page already, return that page. cms.page_sync makes aliases
        when a page is created; wagtail-localize's admin hook then asks again."""
        if alias:
            existing = self.get_translation_or_none(locale)
            if existing is not None:
                return existing
        return super().copy_for_translation(
            locale, copy_parents=copy_parents, alias=alias, exclude_fields=exclude_fields
        )

    @property
    def translation_status(self):
        """Locale, language of the content and translation state, for API consumers."""
        from cms.translation_status import page_state

        # API listings set _translation_state for a whole page of results at once.
        state = getattr(self, "_translation_state", None) or page_state(self)
        return {
            "locale": self.locale.language_code,
            "content_language": self.content_language,
            "state": state,
        }

    @property
    def preview_modes(self):
        """Wagtail's preview, and "Front end" where a headless front end is configured."""
        from cms.headless_preview import PREVIEW_MODE

        modes = list(super().preview_modes)
        if getattr(settings, "HEADLESS_PREVIEW_URLS", None):
            modes.append((PREVIEW_MODE, _("Front end")))
        return modes

    def serve_preview(self, request, mode_name):
        from cms.headless_preview import PREVIEW_MODE, front_end_origins, preview_links

        if mode_name != PREVIEW_MODE:
            return super().serve_preview(request, mode_name)
        links = preview_links(self, self.get_site())
        response = TemplateResponse(request, "cms/headless_preview.html", {"page": self, "links": links})
        add_never_cache_headers(response)
        # Wagtail runs the preview through the middleware as a request for the page's public
        # address, so the public policy (frame-src 'none') applies: this answer frames the front end
        if origins := front_end_origins(links):
            response._csp_replace = {"frame-src": origins}
        return response

    @property
    def shows_machine_translation_notice(self):
        """The editor opted in and most of the text is machine-translated (cms.provenance)."""
        from cms.provenance import mostly_machine_translated

        return self.show_machine_translation_notice and mostly_machine_translated(self)

    @property
    def meta_description(self):
        return self.search_description or self.intro

    @property
    def social_description(self):
        return self.social_text or self.meta_description

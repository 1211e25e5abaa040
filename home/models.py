import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import BodyStreamBlock, FeaturedLinksBlock
from cms.models import BasePage
from cms.visibility import publicly_visible

from .blocks import HomeBlocks

__all__ = ["NETWORK_SLUG", "AccessibilityStatementPage", "HomePage", "StandardPage", "network_figures"]


class HomePage(BasePage):
    """The root of one locale's tree (/bg/, /ro/, /en/)."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=600)
    featured_links = StreamField(FeaturedLinksBlock(), blank=True, verbose_name=_("featured links"))
    blocks = StreamField(
        HomeBlocks(),
        blank=True,
        verbose_name=_("home page blocks"),
        help_text=_(
            "Latest news, the most-used e-services, the directory search and the network in numbers."
        ),
    )

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types here: each section's index page declares
    # parent_page_types = ["home.HomePage"], so feature apps add sections
    # without editing this model.

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("blocks"),
        FieldPanel("featured_links"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("hero_text")]
    api_fields = BasePage.api_fields + [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("featured_links"),
        APIField("blocks"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = publicly_visible(self.get_children()).in_menu().specific()
        return context


# The demo content's "The network" page (home/demo.py) is the StandardPage with
# this slug (translations keep the slug of the page they came from).
NETWORK_SLUG = "network"


def network_figures(locale):
    """Every entry of the `network_figures` hook for `locale`: feature apps register
    `fn(locale) -> [{"key", "label", "value", "breakdown": [(label, n)]}]`, computed
    from public content only, so the network page shows live figures without
    home importing them."""
    figures = []
    for fn in hooks.get_hooks("network_figures"):
        figures.extend(fn(locale))
    return figures


class StandardPage(BasePage):
    """About, the network, the accessibility statement, privacy, …"""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def is_network_page(self):
        """The network page in any locale: this page, or the one it was translated from, has NETWORK_SLUG."""
        if self.slug == NETWORK_SLUG:
            return True
        return StandardPage.objects.filter(
            translation_key=self.translation_key, slug=NETWORK_SLUG, depth=self.depth
        ).exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.is_network_page:
            context["network_figures"] = network_figures(self.locale)
        return context


# --- The accessibility statement ---------------------------------------------
# Structured after the model statement of Commission Implementing Decision
# (EU) 2018/1523 (Directive (EU) 2016/2102, Art. 7).

FULLY, PARTIALLY, NOT_COMPLIANT = "full", "partial", "none"
COMPLIANCE_CHOICES = [
    (FULLY, _("Fully compliant")),
    (PARTIALLY, _("Partially compliant")),
    (NOT_COMPLIANT, _("Not compliant")),
]
METHOD_CHOICES = [
    ("self", _("Self-assessment")),
    ("third_party", _("Assessment by a third party")),
]
# The admin warns when the last review is older than this.
REVIEW_INTERVAL = datetime.timedelta(days=365)


class NonAccessibleContentBlock(blocks.StructBlock):
    description = blocks.TextBlock(label=_("what is not accessible"), max_length=600)
    criteria = blocks.CharBlock(
        label=_("WCAG success criteria it fails"),
        max_length=200,
        help_text=_("E.g. 1.1.1 Non-text content; 1.4.3 Contrast (minimum)."),
    )
    planned_fix = blocks.CharBlock(label=_("planned fix"), max_length=300, required=False)

    class Meta:
        icon = "warning"
        label = _("Non-accessible content")


class BurdenClaimBlock(blocks.StructBlock):
    description = blocks.TextBlock(label=_("content concerned"), max_length=600)
    justification = blocks.TextBlock(label=_("why the burden is disproportionate"), max_length=600)
    alternative = blocks.CharBlock(label=_("accessible alternative"), max_length=300, required=False)

    class Meta:
        icon = "help"
        label = _("Disproportionate burden")


class EnforcementBodyBlock(blocks.StructBlock):
    country = blocks.ChoiceBlock(choices=[("BG", _("Bulgaria")), ("RO", _("Romania"))], label=_("country"))
    name = blocks.CharBlock(label=_("body"), max_length=200)
    url = blocks.URLBlock(label=_("web address"))

    class Meta:
        icon = "site"
        label = _("Enforcement body")


class ReviewDuePanel(HelpPanel):
    """A warning at the top of the editor when the statement's last review is
    more than a year old (the directive asks for a yearly review)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            reviewed = getattr(self.instance, "last_reviewed_on", None)
            self.content = ""
            if reviewed and review_overdue(reviewed):
                from django.utils.html import format_html
                from django.utils.translation import gettext

                self.content = format_html(
                    '<p class="help-block help-warning" role="status" data-review-due>{}</p>',
                    gettext(
                        "The last review of this statement was more than a year ago (%(date)s): "
                        "check the site again, update the statement and its review date."
                    )
                    % {"date": reviewed.isoformat()},
                )

        def is_shown(self):
            return bool(self.content)


def review_overdue(reviewed, today=None):
    today = today or timezone.localdate()
    return today - reviewed > REVIEW_INTERVAL


class AccessibilityStatementPage(BasePage):
    """The accessibility statement: compliance status, non-accessible content with
    the WCAG criteria it fails, disproportionate-burden claims, how and when the
    statement was prepared and reviewed, the feedback contact and the
    enforcement procedure (Bulgaria and Romania)."""

    compliance_status = models.CharField(
        _("compliance status"), max_length=10, choices=COMPLIANCE_CHOICES, default=PARTIALLY
    )
    standard = models.CharField(_("standard"), max_length=120, default="WCAG 2.1 AA / EN 301 549 V3.2.1")
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())], blank=True, verbose_name=_("non-accessible content")
    )
    disproportionate_burden = StreamField(
        [("claim", BurdenClaimBlock())], blank=True, verbose_name=_("disproportionate burden")
    )
    outside_scope = models.TextField(_("content outside the scope of the law"), blank=True, max_length=1000)
    prepared_on = models.DateField(_("statement prepared on"), default=datetime.date.today)
    preparation_method = models.CharField(
        _("preparation method"), max_length=12, choices=METHOD_CHOICES, default="self"
    )
    preparation_notes = models.TextField(_("how the assessment was made"), blank=True, max_length=1000)
    last_reviewed_on = models.DateField(_("last reviewed on"), default=datetime.date.today)
    feedback_text = models.TextField(
        _("feedback and contact"),
        max_length=1000,
        help_text=_("How to report a barrier or ask for content in an accessible format, and when we reply."),
    )
    feedback_email = models.EmailField(_("feedback e-mail"))
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    enforcement_text = models.TextField(
        _("enforcement procedure"),
        max_length=1000,
        help_text=_("What a visitor can do when the answer to their feedback is unsatisfactory."),
    )
    enforcement_bodies = StreamField(
        [("body", EnforcementBodyBlock())], blank=True, verbose_name=_("enforcement bodies")
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("standard", overridable=True),
        SynchronizedField("feedback_phone"),
    ]

    content_panels = BasePage.content_panels + [
        ReviewDuePanel(heading=_("Review due")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("compliance_status"), FieldPanel("standard")], heading=_("Compliance status")
        ),
        FieldPanel("non_accessible_content"),
        FieldPanel("disproportionate_burden"),
        FieldPanel("outside_scope"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("last_reviewed_on")]),
                FieldPanel("preparation_method"),
                FieldPanel("preparation_notes"),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
            ],
            heading=_("Feedback and contact information"),
        ),
        MultiFieldPanel(
            [FieldPanel("enforcement_text"), FieldPanel("enforcement_bodies")],
            heading=_("Enforcement procedure"),
        ),
    ]
    api_fields = BasePage.api_fields + [
        APIField(name)
        for name in (
            "compliance_status",
            "standard",
            "non_accessible_content",
            "disproportionate_burden",
            "outside_scope",
            "prepared_on",
            "preparation_method",
            "preparation_notes",
            "last_reviewed_on",
            "feedback_text",
            "feedback_email",
            "feedback_phone",
            "enforcement_text",
            "enforcement_bodies",
        )
    ]
    search_fields = BasePage.search_fields + [index.SearchField("feedback_text")]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def review_overdue(self):
        return review_overdue(self.last_reviewed_on)

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        today = timezone.localdate()
        if self.last_reviewed_on and self.prepared_on and self.last_reviewed_on < self.prepared_on:
            errors["last_reviewed_on"] = _(
                "The last review cannot be earlier than the preparation of the statement."
            )
        for name in ("prepared_on", "last_reviewed_on"):
            if getattr(self, name) and getattr(self, name) > today:
                errors[name] = _("This date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

"""Alert banners: a translatable snippet with drafts, revisions and the review
workflow (publishing sends `wagtail.signals.published`, which webhooks match
by the label "alerts.Alert"). A live alert is shown from `start_at` until
`end_at` (open-ended when empty) on every page of its scope (the whole site, or
one section and the pages below it, in every language), most severe first."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

INFORMATION, WARNING, EMERGENCY = "information", "warning", "emergency"
SEVERITY_CHOICES = [
    (INFORMATION, _("Information")),
    (WARNING, _("Warning")),
    (EMERGENCY, _("Emergency")),
]
# Under REQUIRE_SECOND_REVIEWER (cms/second_reviewer.py) whoever may publish alerts
# still publishes these at once, even when they wrote them: a storm or flood
# warning cannot wait for a second person (the publish is in the alert's history).
PUBLISHED_WITHOUT_REVIEW = (EMERGENCY,)
# Shown first: the most severe.
SEVERITY_RANK = {EMERGENCY: 0, WARNING: 1, INFORMATION: 2}


class Alert(TranslatableMixin, WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    severity = models.CharField(_("severity"), max_length=12, choices=SEVERITY_CHOICES, default=INFORMATION)
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(
        _("short text"),
        max_length=300,
        blank=True,
        validators=[MaxLengthValidator(300)],  # a TextField's max_length only limits the form
        help_text=_("One or two sentences; at most 300 characters."),
    )
    link_url = models.URLField(_("link"), blank=True, help_text=_("Optional: where to read more."))
    link_text = models.CharField(
        _("link text"), max_length=80, blank=True, help_text=_("Defaults to “Read more”.")
    )
    start_at = models.DateTimeField(_("shown from"), default=timezone.now)
    end_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to show it until it is unpublished."),
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Leave empty for the whole site; else the alert shows on this page and the pages below it."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="alert")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="alert",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("severity"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]), PageChooserPanel("section")],
            heading=_("When and where"),
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("text"),
        TranslatableField("link_text"),
        SynchronizedField("link_url", overridable=True),
        SynchronizedField("severity"),
        SynchronizedField("start_at"),
        SynchronizedField("end_at"),
        SynchronizedField("section"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-start_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def workflow_states(self):
        return self._workflow_states

    @property
    def dismissible(self):
        return self.severity != EMERGENCY

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("The end must be later than the start.")
        if self.link_text and not self.link_url:
            errors["link_url"] = _("Give the link's address, or leave the link text empty.")
        if errors:
            raise ValidationError(errors)

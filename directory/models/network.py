"""How a member institution's own people reach its content: one Wagtail group
and one collection per institution (directory/network.py keeps them equipped)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection


class InstitutionAccess(models.Model):
    """The group whose members are an institution's editors, and the collection
    for its documents and images. One per institution, for all its locales:
    `institution` is the page of the translation group's source locale."""

    institution = models.OneToOneField(
        "directory.InstitutionPage",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="access",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="institution_access"
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="institution_access",
    )

    class Meta:
        verbose_name = _("institution access")
        verbose_name_plural = _("institution accesses")

    def __str__(self):
        return str(self.group)


class Invitation(models.Model):
    """Network staff invite a person to become an editor of an institution.

    The link's token is shown once (in the e-mail); only its SHA-256 digest is
    stored. It can be accepted once, within `directory.invitations.VALID_FOR`."""

    email = models.EmailField(_("email"))
    institution = models.ForeignKey(
        "directory.InstitutionPage",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class ReviewReminder(models.Model):
    """One review reminder e-mailed to one editor for one calendar month
    (`send_review_reminders` sends at most one per editor and month)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month the reminder is for."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    items = models.PositiveIntegerField(_("entries to review"), default=0)
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "month"], name="directory_one_review_reminder_a_month")
        ]

    def __str__(self):
        return f"{self.user} {self.month:%Y-%m}"

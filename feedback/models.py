"""Answers to "Was this page useful?": yes or no and an optional comment.

Nothing about the visitor is stored (no address, no cookie, no account): the
rate limit counts a hash of the address in the cache only (feedback.views)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["PageFeedback"]


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=settings.FEEDBACK_COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "locale"], name="feedback_page_locale")]

    def __str__(self):
        return f"{self.page_id} {'yes' if self.useful else 'no'}"

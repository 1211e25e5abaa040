"""What the public site remembers about a page beyond its content (GOV.UK's
model): which translation groups are withdrawn (so listings can leave them out
with a subquery on any page queryset), and the old addresses of pages that were
unpublished or deleted (answered 410 Gone with links to their section).

Both are written by cms.change_history on publish, unpublish and delete;
nobody edits them by hand."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["GonePage", "Withdrawal"]


class Withdrawal(models.Model):
    """One withdrawn page (its fields say why and since when); its whole
    translation group leaves listings, search, feeds and the sitemap."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="withdrawal",
    )
    translation_key = models.UUIDField(db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now)

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")

    def __str__(self):
        return f"{self.page_id} {self.withdrawn_at:%Y-%m-%d}"


class GonePage(models.Model):
    """The address of a page that is no longer published: 410 Gone there, with
    links to its section (the nearest ancestor still visible, found from its
    `tree_path`: a section deleted with it is no foreign key to break), until
    a page answers that address again."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, null=True, related_name="+")
    path = models.CharField(_("path"), max_length=2000)
    title = models.CharField(_("title"), max_length=255)
    language_code = models.CharField(_("language"), max_length=8)
    tree_path = models.CharField(max_length=255)
    gone_at = models.DateTimeField(_("gone since"), default=timezone.now)

    class Meta:
        verbose_name = _("removed page address")
        verbose_name_plural = _("removed page addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "path"], name="cms_gonepage_site_path", nulls_distinct=False
            )
        ]

    def __str__(self):
        return self.path

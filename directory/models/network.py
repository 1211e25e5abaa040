"""How a member institution's own people reach its content: one Wagtail group
and one collection per institution (directory/network.py keeps them equipped)."""

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

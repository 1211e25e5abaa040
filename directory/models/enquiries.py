"""Messages visitors send to an institution through the form on its page.

Kept only as long as needed (settings.ENQUIRY_RETENTION_DAYS, deleted by
`manage.py purge_enquiries`); seen in the admin by the institution's own
editors and by network staff (directory/enquiries_admin.py), nowhere else."""

from django.db import models
from django.utils.translation import gettext_lazy as _

REPLY_LANGUAGES = [("bg", _("Bulgarian")), ("ro", _("Romanian")), ("en", _("English"))]


class Enquiry(models.Model):
    # The institution's source-locale page (directory.network keys access to it),
    # whichever locale the visitor wrote from (`page_language`).
    institution = models.ForeignKey(
        "directory.InstitutionPage",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="enquiries",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))  # its length limit is the form's (settings)
    reply_language = models.CharField(_("language of reply"), max_length=2, choices=REPLY_LANGUAGES)
    page_language = models.CharField(_("language of the page"), max_length=2, choices=REPLY_LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at", "-pk"]
        # "view" is Wagtail's inspect permission; network staff (Directory managers) hold it.
        default_permissions = ("view",)

    def __str__(self):
        return self.subject

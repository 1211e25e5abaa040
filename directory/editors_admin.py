"""Admin: an institution's editors, reached from its page ("Editors" in the page's
header menu and in the page listing's "More" menu). Network staff see who edits
the institution, remove a person (effective at their next request), invite a
new one by e-mail in a language, and withdraw a pending invitation."""

import logging
import smtplib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from directory import invitations
from directory.models import InstitutionPage
from directory.network import institution_editors, is_network_staff, remove_editor, source_page

logger = logging.getLogger(__name__)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the e-mail and of their administration"), choices=())

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution = institution
        self.fields["language"].choices = settings.LANGUAGES  # endonyms, as language pickers show them

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if institution_editors(self.institution).filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already an editor of this institution."))
        if invitations.email_taken(email):
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        if invitations.pending(self.institution).filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This address has a pending invitation: withdraw it first to send a new one.")
            )
        return email


def _forbidden(request, title):
    return TemplateResponse(
        request,
        "directory/admin/forbidden.html",
        {"header_title": title, "page_title": title},
        status=403,
    )


def _institution(page_id):
    page = get_object_or_404(InstitutionPage, pk=page_id)
    return page, source_page(page)


def editors_view(request, page_id):
    page, source = _institution(page_id)
    title = gettext("Editors of %(institution)s") % {"institution": page.title}
    if not is_network_staff(request.user):
        return _forbidden(request, title)
    status = 200
    if request.method == "POST":
        form = InviteForm(request.POST, institution=source)
        status = 400
        if form.is_valid():
            try:
                invitation, _token = invitations.invite(
                    form.cleaned_data["email"], source, form.cleaned_data["language"], request.user
                )
            except (OSError, smtplib.SMTPException):
                logger.exception("invitation e-mail to %s not sent", form.cleaned_data["email"])
                form.add_error(
                    None, _("The e-mail could not be sent, so nothing was saved. Try again later.")
                )
                status = 503
            else:
                messages.success(
                    request,
                    gettext("An invitation has been sent to %(email)s.") % {"email": invitation.email},
                )
                return redirect("directory_editors", page.pk)
    else:
        form = InviteForm(institution=source, initial={"language": source.locale.language_code})
    return TemplateResponse(
        request,
        "directory/admin/editors.html",
        {
            "page": page,
            "source": source,
            "form": form,
            "editors": institution_editors(source).order_by("last_name", "first_name", "email"),
            "pending": invitations.pending(source).select_related("invited_by"),
            "languages": dict(settings.LANGUAGES),
            "header_title": title,
            "page_title": title,
            "header_icon": "group",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
        status=status,
    )


@require_POST
def remove_view(request, page_id, user_id):
    page, source = _institution(page_id)
    if not is_network_staff(request.user):
        return _forbidden(request, gettext("Editors"))
    user = get_object_or_404(institution_editors(source), pk=user_id)
    remove_editor(user, source)
    messages.success(
        request,
        gettext("%(name)s can no longer edit %(institution)s.")
        % {"name": user.get_full_name() or user.email, "institution": page.title},
    )
    return redirect("directory_editors", page.pk)


@require_POST
@transaction.atomic
def withdraw_view(request, page_id, invitation_id):
    page, source = _institution(page_id)
    if not is_network_staff(request.user):
        return _forbidden(request, gettext("Editors"))
    invitation = get_object_or_404(invitations.pending(source), pk=invitation_id)
    invitation.delete()
    messages.success(
        request, gettext("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("directory_editors", page.pk)

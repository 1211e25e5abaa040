"""Inviting a member institution's person to edit its entry.

Network staff (`directory.network.is_network_staff`: superusers, Moderators, Directory managers)
invite an e-mail address in a language from the institution's page in the admin
(directory/editors_admin.py). The invitee gets an e-mail in that language with
a link that works once, for VALID_FOR; only the SHA-256 digest of its token is
stored. Following it shows a form in that language where they choose their
name and password: the account is created with that admin language and made an
editor of the institution (directory.network.add_editor), in one transaction.
An unknown, expired or used link gets a page that says which, with a 4xx."""

import hashlib
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.users.models import UserProfile

from cms.base_url import absolute_url
from directory.models import Invitation
from directory.network import add_editor, source_page

VALID_FOR = timedelta(hours=72)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def email_taken(email):
    return get_user_model().objects.filter(email__iexact=email).exists() or (
        get_user_model().objects.filter(username__iexact=email).exists()
    )


def pending(institution):
    """The institution's invitations not accepted and not expired yet (newest first)."""
    return Invitation.objects.filter(
        institution__translation_key=institution.translation_key,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at")


def invitation_url(invitation, token):
    with translation.override(invitation.language):
        return absolute_url(reverse("directory_invitation", args=[token]))


@transaction.atomic
def invite(email, institution, language, invited_by):
    """Record an invitation and e-mail its link; returns (invitation, token).
    If the e-mail cannot be sent, nothing is recorded."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        institution=source_page(institution),
        language=language,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + VALID_FOR,
    )
    with translation.override(language):
        context = {
            "invitation": invitation,
            "institution": invitation.institution.get_translation_or_none(_locale(language))
            or invitation.institution,
            "url": invitation_url(invitation, token),
            "hours": int(VALID_FOR.total_seconds() // 3600),
        }
        subject = render_to_string("directory/email/invitation_subject.txt", context).strip()
        body = render_to_string("directory/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    return invitation, token


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


class InvitationProblem(Exception):
    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind  # "unknown", "expired" or "used"


def find(token, *, for_update=False):
    """The usable invitation of `token`, else InvitationProblem."""
    invitations = Invitation.objects.select_related("institution")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=hash_token(token)).first() if token else None
    if invitation is None:
        raise InvitationProblem("unknown")
    if invitation.accepted_at is not None:
        raise InvitationProblem("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationProblem("expired")
    return invitation


@transaction.atomic
def accept(token, *, first_name, last_name, password):
    """Create the invitee's account and make it an editor of the institution."""
    invitation = find(token, for_update=True)
    if email_taken(invitation.email):
        raise InvitationProblem("taken")
    user = get_user_model().objects.create_user(
        username=invitation.email.lower(),
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = invitation.language
    profile.save(update_fields=["preferred_language"])
    add_editor(user, invitation.institution)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


# --- The invitee's pages (public, in the language of the link) ------------------


class AcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        # in the language active now, not the one at import
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


PROBLEMS = {
    "unknown": (
        404,
        _("This invitation link is not valid"),
        _("Check that you opened the whole link from the e-mail."),
    ),
    "expired": (
        410,
        _("This invitation has expired"),
        _("Invitation links work for 72 hours. Ask the network's staff to invite you again."),
    ),
    "used": (
        410,
        _("This invitation has already been used"),
        _("Each invitation link works once. If you set your password, log in to the administration."),
    ),
    "taken": (
        409,
        _("An account with this e-mail address already exists"),
        _("Log in with that account, or ask the network's staff for help."),
    ),
}


def _problem(request, kind):
    status, title, explanation = PROBLEMS[kind]
    return TemplateResponse(
        request,
        "directory/invitation_problem.html",
        {"title": title, "explanation": explanation, "login_url": reverse("wagtailadmin_login")},
        status=status,
    )


@never_cache
@csrf_protect
def accept_view(request, token):
    try:
        invitation = find(token)
    except InvitationProblem as problem:
        return _problem(request, problem.kind)
    institution = (
        invitation.institution.get_translation_or_none(_locale(translation.get_language()))
        or invitation.institution
    )
    status = 200
    if request.method == "POST":
        form = AcceptForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                accept(
                    token,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
            except InvitationProblem as problem:
                return _problem(request, problem.kind)
            return redirect(reverse("directory_invitation_done"))
        status = 400
    else:
        form = AcceptForm(email=invitation.email)
    return TemplateResponse(
        request,
        "directory/invitation_accept.html",
        {"form": form, "invitation": invitation, "institution": institution},
        status=status,
    )


def done_view(request):
    return TemplateResponse(
        request, "directory/invitation_done.html", {"login_url": reverse("wagtailadmin_login")}
    )

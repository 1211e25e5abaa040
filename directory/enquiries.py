"""The enquiry form on every institution page: a visitor writes to the
institution across the border.

POST <institution page>/enquiry/ (InstitutionPage's route) is checked in this
order, and a refusal stores and sends nothing:
1. the request body is at most ENQUIRY_MAX_BODY_BYTES (413),
2. the client address (cms.security.client_ip) has sent fewer than
   ENQUIRY_RATE_LIMIT enquiries in the last hour, counted in Django's cache (429),
3. the honeypot field is empty and the form is valid (400, the form again
   with its errors linked to the fields).
Then the Enquiry is stored and mailed, in one transaction: to the institution's
contact e-mail in the institution's language, to each of its institution editors
in their admin language, and a copy to the sender in the language of reply they
chose; the visitor is redirected to enquiry/sent/ (post/redirect/get).

CSRF: the page is served to anonymous visitors from a front cache, so it carries
no per-visitor token or cookie. The enquiry route is served by
cms.security.origin_checked_serve instead, which accepts a POST only from the
site's own origin (the Origin header browsers send with every form POST)."""

import logging

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import rate_limit
from cms.base_url import absolute_url, page_url
from cms.languages import LANGUAGE_NAMES_IN_TEXT
from cms.security import client_ip

from .models.enquiries import REPLY_LANGUAGES, Enquiry

logger = logging.getLogger(__name__)

COUNTRY_LANGUAGES = {"BG": "bg", "RO": "ro"}
HONEYPOT = "website"


def _single_line(value):
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Please keep this on one line."))
    return value


class EnquiryForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    message = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    reply_language = forms.ChoiceField(label=gettext_lazy("Language of reply"), choices=REPLY_LANGUAGES)
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that my name, e-mail address and message are stored and sent to the institution."
        ),
        error_messages={"required": gettext_lazy("Please agree, so that we may send your message.")},
    )
    # Humans never see it (visually hidden, aria-hidden, out of the tab order);
    # form-filling robots do and fill it in.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "enquiry-%s")
        super().__init__(*args, **kwargs)
        limit = settings.ENQUIRY_MESSAGE_MAX_LENGTH
        message = self.fields["message"]
        message.max_length = limit
        message.validators.append(MaxLengthValidator(limit))
        message.widget.attrs["maxlength"] = str(limit)
        message.help_text = _("At most %(limit)s characters.") % {"limit": limit}
        # Shown as the consent text, with its link to the privacy page (the template).
        self.fields["consent"].help_text = _("Your message is kept for %(days)s days and then deleted.") % {
            "days": settings.ENQUIRY_RETENTION_DAYS
        }
        if not self.is_bound:
            self.fields["reply_language"].initial = translation.get_language()
        autocomplete = {"name": "name", "email": "email", "website": "off"}
        for name, field in self.fields.items():
            if name in autocomplete:
                field.widget.attrs["autocomplete"] = autocomplete[name]
        self.fields[HONEYPOT].widget.attrs["tabindex"] = "-1"

    def clean_name(self):
        return _single_line(self.cleaned_data["name"])

    def clean_subject(self):
        return _single_line(self.cleaned_data["subject"])

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT):
            raise forms.ValidationError(
                _(
                    "Your message was not sent: a field that must stay empty was filled in. "
                    "Please send the form again without it."
                ),
                code="honeypot",
            )
        return cleaned


# --- refusals ---------------------------------------------------------------


def _rate_key(request):
    return f"enquiry-rate:{client_ip(request) or 'unknown'}"


def rate_limited(request):
    return rate_limit.hits(_rate_key(request)) >= settings.ENQUIRY_RATE_LIMIT


def count_enquiry(request):
    """One more accepted enquiry from this address in the current hour."""
    rate_limit.count(_rate_key(request), settings.ENQUIRY_RATE_WINDOW_SECONDS)


def body_too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.ENQUIRY_MAX_BODY_BYTES


# --- mails ------------------------------------------------------------------


def institution_language(institution):
    """The language the institution works in: its country's."""
    return COUNTRY_LANGUAGES.get(institution.country, "en")


def _title_in(institution, code):
    for page in institution.get_translations(inclusive=True).select_related("locale"):
        if page.locale.language_code == code:
            return page.title
    return institution.title


def _values(enquiry, institution, code, page):
    return {
        "institution": _title_in(institution, code),
        "name": enquiry.name,
        "email": enquiry.email,
        "subject": enquiry.subject,
        "message": enquiry.message,
        "language": LANGUAGE_NAMES_IN_TEXT[enquiry.reply_language],
        "page_url": page_url(page) or "",
        "days": settings.ENQUIRY_RETENTION_DAYS,
        "admin_url": absolute_url(reverse("enquiries:index")),
    }


def _to_institution(enquiry, institution, code, page, *, editor):
    with translation.override(code):
        values = _values(enquiry, institution, code, page)
        subject = _("Enquiry from %(name)s: %(subject)s") % values
        body = (
            _(
                "%(name)s wrote to %(institution)s through its page on E-GoverNet (%(page_url)s).\n\n"
                "From: %(name)s <%(email)s>\n"
                "Language of reply: %(language)s\n"
                "Subject: %(subject)s\n\n"
                "%(message)s\n\n"
                "-- \n"
                "Reply to this e-mail to answer %(name)s. The enquiry is kept for %(days)s days and then deleted.\n"
            )
            % values
        )
        if editor:
            body += _("The institution's enquiries in the admin: %(admin_url)s\n") % values
    return subject, body


def _copy_to_sender(enquiry, institution, page):
    code = enquiry.reply_language
    with translation.override(code):
        values = _values(enquiry, institution, code, page)
        subject = _("Your message to %(institution)s: %(subject)s") % values
        body = (
            _(
                "Dear %(name)s,\n\n"
                "this is a copy of the message you sent to %(institution)s through E-GoverNet "
                "(%(page_url)s). The institution will answer you at this address; you asked for a reply "
                "in %(language)s.\n\n"
                "Subject: %(subject)s\n\n"
                "%(message)s\n\n"
                "-- \n"
                "Your message is kept for %(days)s days and then deleted.\n"
            )
            % values
        )
    return subject, body


def _editor_language(user, default):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.preferred_language if profile is not None else "") or default


def enquiry_messages(enquiry, institution, page):
    """The mails for a stored enquiry: [(recipient, language, EmailMessage)]."""
    home_code = institution_language(institution)
    messages = []
    if institution.email:
        subject, body = _to_institution(enquiry, institution, home_code, page, editor=False)
        messages.append((institution.email, home_code, subject, body, [enquiry.email]))
    editors = institution.editors().exclude(email="").select_related("wagtail_userprofile")
    for user in editors:
        code = _editor_language(user, home_code)
        subject, body = _to_institution(enquiry, institution, code, page, editor=True)
        messages.append((user.email, code, subject, body, [enquiry.email]))
    subject, body = _copy_to_sender(enquiry, institution, page)
    messages.append((enquiry.email, enquiry.reply_language, subject, body, []))
    return [
        (to, code, EmailMessage(subject, body, to=[to], reply_to=reply_to))
        for to, code, subject, body, reply_to in messages
    ]


# --- the route --------------------------------------------------------------


def accepts_enquiries(page):
    return bool(page.email)


def _refuse(page, request, status, *, form=None, message=""):
    form = form if form is not None else EnquiryForm()
    response = page.render(request, context_overrides={"enquiry_form": form, "enquiry_refusal": message})
    response.status_code = status
    return response


def handle_enquiry(page, request):
    """InstitutionPage's enquiry/ route (see the module docstring)."""
    from directory.network import source_page

    if request.method != "POST" or not accepts_enquiries(page):
        return redirect(page.get_url(request) + "#enquiry")
    if body_too_large(request):
        return _refuse(
            page,
            request,
            413,
            message=_("Your message is too long to be sent. Please shorten it and send it again."),
        )
    if rate_limited(request):
        response = _refuse(
            page,
            request,
            429,
            message=_(
                "Too many messages were sent from your connection in the last hour. "
                "Your message was not sent; please try again later."
            ),
        )
        response["Retry-After"] = str(settings.ENQUIRY_RATE_WINDOW_SECONDS)
        return response
    form = EnquiryForm(request.POST)
    if not form.is_valid():
        return _refuse(
            page,
            request,
            400,
            form=form,
            message=_("Your message was not sent. Please correct the errors below."),
        )
    institution = source_page(page)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            enquiry = Enquiry.objects.create(
                institution=institution,
                name=data["name"],
                email=data["email"],
                subject=data["subject"],
                message=data["message"],
                reply_language=data["reply_language"],
                page_language=page.locale.language_code,
            )
            messages = enquiry_messages(enquiry, institution, page)
            get_connection().send_messages([message for _to, _code, message in messages])
    except OSError:
        logger.exception("Could not send the enquiry for institution %s", institution.pk)
        return _refuse(
            page,
            request,
            503,
            form=form,
            message=_("Your message could not be sent just now; nothing was kept. Please try again later."),
        )
    count_enquiry(request)
    logger.info(
        "Enquiry %s for institution %s sent to %s recipients", enquiry.pk, institution.pk, len(messages)
    )
    # a fragment of its own: a redirect would otherwise keep the form's #enquiry
    return redirect(page.get_url(request) + page.reverse_subpage("enquiry_sent") + "#enquiry-sent")

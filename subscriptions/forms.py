from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HONEYPOT = "website"


class SubscribeForm(forms.Form):
    """The address and what to receive; the language is the page's."""

    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your e-mail address."),
            "invalid": gettext_lazy("Enter an e-mail address such as name@example.org."),
        },
    )
    category = forms.ChoiceField(label=gettext_lazy("News to receive"), required=False)
    consent = forms.BooleanField(
        label=gettext_lazy("I agree that my e-mail address is stored to send me this news."),
        error_messages={"required": gettext_lazy("Please agree, so that we may send you the news.")},
    )
    # Visually hidden and out of the tab order: form-filling robots fill it in.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        kwargs.setdefault("auto_id", "subscribe-%s")
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All news")), *categories]
        self.fields["category"].error_messages["invalid_choice"] = _(
            "There is no such news category; choose one from the list."
        )
        self.fields["consent"].help_text = _(
            "Your address is used only for these mails and is deleted when you unsubscribe. "
            "Unconfirmed requests are deleted after %(hours)s hours."
        ) % {"hours": settings.SUBSCRIPTION_CONFIRMATION_HOURS}
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT):
            raise forms.ValidationError(
                _(
                    "Nothing was sent: a field that must stay empty was filled in. Please send the form again."
                ),
                code="honeypot",
            )
        return cleaned

"""The hand-off bar of wagtail-localize's translation editor (cms.translation_handoff)."""

from django import template
from django.utils.translation import gettext as _

from cms.translation_handoff import handoff_context

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_handoff(context, translation, instance):
    return handoff_context(translation, instance, context["request"].user)


@register.filter
def translated_name(value):
    """A name stored in English (the workflow's and its task's, cms.roles) in the
    active language: Wagtail's notification emails are rendered in the recipient's."""
    return _(value) if value else value

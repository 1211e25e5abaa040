"""The hand-off bar of wagtail-localize's translation editor (cms.translation_handoff)."""

from django import template

from cms.translation_handoff import handoff_context

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_handoff(context, translation, instance):
    return handoff_context(translation, instance, context["request"].user)

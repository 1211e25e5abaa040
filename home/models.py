from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyStreamBlock, FeaturedLinksBlock
from cms.models import BasePage
from cms.visibility import publicly_visible

__all__ = ["NETWORK_SLUG", "HomePage", "StandardPage", "network_figures"]


class HomePage(BasePage):
    """The root of one locale's tree (/bg/, /ro/, /en/)."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=600)
    featured_links = StreamField(FeaturedLinksBlock(), blank=True, verbose_name=_("featured links"))

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types here: each section's index page declares
    # parent_page_types = ["home.HomePage"], so feature apps add sections
    # without editing this model.

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("featured_links"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("hero_text")]
    api_fields = BasePage.api_fields + [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("featured_links"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = publicly_visible(self.get_children()).in_menu().specific()
        return context


# The demo content's "The network" page (home/demo.py) is the StandardPage with
# this slug (translations keep the slug of the page they came from).
NETWORK_SLUG = "network"


def network_figures(locale):
    """Every entry of the `network_figures` hook for `locale`: feature apps register
    `fn(locale) -> [{"key", "label", "value", "breakdown": [(label, n)]}]`, computed
    from public content only, so the network page shows live figures without
    home importing them."""
    figures = []
    for fn in hooks.get_hooks("network_figures"):
        figures.extend(fn(locale))
    return figures


class StandardPage(BasePage):
    """About, the network, the accessibility statement, privacy, …"""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def is_network_page(self):
        """The network page in any locale: this page, or the one it was translated from, has NETWORK_SLUG."""
        if self.slug == NETWORK_SLUG:
            return True
        return StandardPage.objects.filter(
            translation_key=self.translation_key, slug=NETWORK_SLUG, depth=self.depth
        ).exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.is_network_page:
            context["network_figures"] = network_figures(self.locale)
        return context

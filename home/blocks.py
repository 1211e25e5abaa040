"""The home page's blocks: latest news, the most-used e-services, the directory
search and the network in numbers. Each has its own editable, translated
heading; the content comes from the feature apps through hooks (home imports
none of them): `latest_news`, `directory_search` and `network_figures`."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.models import Locale, Page

from cms.visibility import publicly_visible

from .choosers import e_service_chooser_viewset

EServiceChooserBlock = e_service_chooser_viewset.get_block_class(
    name="EServiceChooserBlock", module_path="home.blocks"
)


def _locale(parent_context):
    page = (parent_context or {}).get("page")
    if isinstance(page, Page):
        return page.locale
    return Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()


def first_hook(name, *args):
    for fn in hooks.get_hooks(name):
        result = fn(*args)
        if result:
            return result
    return None


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    count = blocks.IntegerBlock(label=_("number of items"), default=3, min_value=1, max_value=6)

    class Meta:
        icon = "calendar-alt"
        label = _("Latest news")
        template = "home/blocks/latest_news.html"
        help_text = _("The newest news items of this language, featured ones first.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["news"] = first_hook("latest_news", _locale(parent_context), value["count"]) or {}
        return context


class EServicesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    services = blocks.ListBlock(EServiceChooserBlock(), label=_("e-services"), min_num=1, max_num=12)
    catalogue_text = blocks.CharBlock(label=_("catalogue link text"), max_length=100)

    class Meta:
        icon = "link"
        label = _("Most-used e-services")
        template = "home/blocks/e_services.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        locale = _locale(parent_context)
        chosen = [service for service in value["services"] if service is not None]
        # the chosen e-service in the page's language (the block keeps the source's pick)
        localized = [service.get_translation_or_none(locale) or service for service in chosen]
        institutions = {
            page.pk: page
            for page in publicly_visible(Page.objects.filter(pk__in={s.page_id for s in localized}))
        }
        context["services"] = [
            {"service": service, "institution": institutions[service.page_id]}
            for service in localized
            if service.page_id in institutions
        ]
        directory = first_hook("directory_search", locale)
        context["catalogue_url"] = (
            directory["page"].get_url(context.get("request")) + directory["e_services_path"]
            if directory
            else None
        )
        return context


class DirectorySearchBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    text = blocks.CharBlock(label=_("text"), max_length=250, required=False)

    class Meta:
        icon = "search"
        label = _("Directory search")
        template = "home/blocks/directory_search.html"
        help_text = _("A search form of the directory by name and region.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["directory"] = first_hook("directory_search", _locale(parent_context))
        return context


class NetworkFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=100)
    link = blocks.PageChooserBlock(label=_("link to"), required=False, help_text=_("E.g. the network page."))

    class Meta:
        icon = "table"
        label = _("The network in numbers")
        template = "home/blocks/network_figures.html"

    def get_context(self, value, parent_context=None):
        from .models import network_figures

        context = super().get_context(value, parent_context)
        locale = _locale(parent_context)
        context["figures"] = network_figures(locale)
        link = value.get("link")
        if link is not None:
            link = link.get_translation_or_none(locale) or link
            link = publicly_visible(Page.objects.filter(pk=link.pk)).first()
        context["link_page"] = link
        return context


class HomeBlocks(blocks.StreamBlock):
    latest_news = LatestNewsBlock()
    e_services = EServicesBlock()
    directory_search = DirectorySearchBlock()
    network_figures = NetworkFiguresBlock()

"""StreamField blocks shared by every page type, grouped by family.

Blocks whose default JSON is not what an API consumer wants define
`get_api_representation`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from cms.base_url import absolute_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


# --- Text -------------------------------------------------------------------


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


# --- Media ------------------------------------------------------------------


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("Image")

    def get_api_representation(self, value, context=None):
        image = value["image"]
        if not image:
            return None
        rendition = image.get_rendition("max-1200x900|format-webp")
        return {
            "id": image.id,
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(image, "contextual_alt_text", "") or image.default_alt_text,
            "caption": value["caption"],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"
        label = _("Document link")

    def get_api_representation(self, value, context=None):
        document = value["document"]
        if not document:
            return None
        return {
            "id": document.id,
            "title": document.title,
            "label": value["label"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


# --- Links ------------------------------------------------------------------


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to an external URL, with its own text."""

    label = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External URL"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "link"
        template = "cms/blocks/link_card.html"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": _("Choose either a page or an external URL.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "label": value["label"],
            "description": value["description"],
            "url": page.localized.url if page else value["url"],
            "page": page.id if page else None,
        }


class CallToActionBlock(LinkBlock):
    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")


# --- Stream families ----------------------------------------------------------


class BodyStreamBlock(blocks.StreamBlock):
    """The body of standard content pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embedded media"))
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()


class FeaturedLinksBlock(blocks.StreamBlock):
    link = LinkBlock()

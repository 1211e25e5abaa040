"""social_image (else listing_image) becomes the Open Graph / Twitter image of
a page, as an absolute URL of a rendition, only when the public may see it;
listing_image shows on the news cards and the home page's section cards."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from home.models import HomePage, StandardPage
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def make_image(title, collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (0, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        description=f"{title}: описание",
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"),
        collection=collection or Collection.get_first_root_node(),
    )


def set_images(page, **images):
    page = type(page).objects.get(pk=page.pk)
    for field, image in images.items():
        setattr(page, field, image)
    page.save_revision().publish()
    return page


def meta(html, key):
    attribute = "name" if key.startswith("twitter:") else "property"
    match = re.search(rf'<meta {attribute}="{re.escape(key)}" content="([^"]*)">', html)
    return match and match.group(1)


def about():
    return StandardPage.objects.get(slug="about", locale__language_code="bg")


def rendition_path(image, spec):
    return image.get_rendition(spec).file.name


def test_social_image_is_the_open_graph_and_twitter_image(client, demo_site):
    social, listing = make_image("Social card"), make_image("Listing card")
    set_images(about(), social_image=social, listing_image=listing)
    html = client.get("/bg/about/").content.decode()
    url = meta(html, "og:image")
    assert url and url.startswith("http") and rendition_path(social, "fill-1200x630|format-jpeg") in url
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "og:image:alt") == "Social card: описание"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == url


def test_listing_image_is_the_fallback(client, demo_site):
    listing = make_image("Only listing")
    set_images(about(), listing_image=listing)
    html = client.get("/bg/about/").content.decode()
    assert rendition_path(listing, "fill-1200x630|format-jpeg") in meta(html, "og:image")


def test_no_image_means_a_summary_card_without_og_image(client, demo_site):
    html = client.get("/bg/about/").content.decode()
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_an_image_of_a_private_collection_is_not_shared(client, demo_site):
    private = Collection.get_first_root_node().add_child(name="Вътрешни")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    set_images(about(), social_image=make_image("Private card", collection=private))
    html = client.get("/bg/about/").content.decode()
    assert meta(html, "og:image") is None
    assert "private-card" not in html


def test_news_item_shares_its_hero_image_without_a_social_image(client, demo_site):
    news = NewsPage.objects.filter(locale__language_code="bg", hero_image__isnull=False, live=True).first()
    html = client.get(news.url).content.decode()
    assert rendition_path(news.hero_image, "fill-1200x630|format-jpeg") in meta(html, "og:image")
    assert meta(html, "og:image:alt") == news.hero_image_alt
    assert meta(html, "og:type") == "article"


def test_news_cards_show_the_listing_image(client, demo_site):
    news = NewsPage.objects.filter(locale__language_code="bg", live=True).order_by("-date", "-pk").first()
    listing = make_image("News listing")
    set_images(news, listing_image=listing)
    html = client.get("/bg/news/").content.decode()
    card = re.search(r'<li class="news-card[^"]*">(.*?)</li>', html, re.S).group(1)
    assert rendition_path(listing, "fill-384x216|format-webp") in card
    assert rendition_path(listing, "fill-768x432|format-webp") in card  # srcset for dense screens
    assert 'sizes="12rem"' in card and 'alt=""' in card  # decorative: the title link says it all


def test_home_section_cards_show_their_listing_image(client, demo_site):
    home = HomePage.objects.get(locale__language_code="bg")
    section = home.get_children().live().in_menu().specific().first()
    listing = make_image("Section card")
    set_images(section, listing_image=listing)
    html = client.get("/bg/").content.decode()
    assert rendition_path(listing, "fill-352x198|format-webp") in html
    assert re.search(r'<li class="card"><img alt="" class="card__image"', html)

"""hreflang links, the language switcher and the sitemap's alternates only point
at translations the public may see: an expired or restricted translation is
no alternate (it would answer 404 or a login form)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.translation import translate_object
from news.models import NewsPage
from tests.factories import sitemap_documents
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db


def translated_news():
    source = make_news(title="Новина с превод")
    translate_object(source, "ro", {}, strict=False)
    translation = source.get_translation(Locale.objects.get(language_code="ro"))
    return source, translation


def alternates_in(html):
    return {code for code in ("bg", "ro", "en") if f'hreflang="{code}" href=' in html}


def test_a_visible_translation_is_an_alternate(client, demo_site):
    source, translation = translated_news()
    html = client.get(source.url).content.decode()
    assert alternates_in(html) >= {"bg", "ro"}
    assert f'href="{translation.url}" hreflang="ro"' in html
    assert any(translation.full_url in document for document in sitemap_documents(client))


@pytest.mark.parametrize("hide", ["expired", "restricted"])
def test_a_hidden_translation_is_no_alternate(client, demo_site, hide):
    source, translation = translated_news()
    if hide == "expired":
        NewsPage.objects.filter(pk=translation.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        expected_status = 200  # the source itself is still public
    else:
        PageViewRestriction.objects.create(page=translation, restriction_type="login")
        expected_status = 302  # a restriction on one translation covers the group
    response = client.get(source.url)
    assert response.status_code == expected_status
    if expected_status == 200:
        html = response.content.decode()
        assert "ro" not in alternates_in(html)
        assert translation.url not in html  # nor in the language switcher
    assert client.get(translation.url).status_code in (302, 404, 410)  # expired: 410 Gone at once
    assert not any(translation.full_url in document for document in sitemap_documents(client))

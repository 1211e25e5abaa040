"""A translation is public only once it is published: translating an alias keeps
the source's content live (shown as "not translated yet") while the draft is
seen by staff only, in the translation editor and previews."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from cms.translation import translate_object
from home.models import HomePage, StandardPage
from news.models import NewsPage
from tests.factories import sitemap_documents
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db

MARKER = "Kvazimarker"
BG = {"title": "Мост над реката", "intro": "Въведение за моста.", "body": "Текст за моста."}
RO = {
    BG["title"]: f"Podul {MARKER}",
    BG["intro"]: f"Introducere {MARKER}.",
    BG["body"]: f"Text {MARKER} despre pod.",
}
NOT_TRANSLATED_NOTICE = '<p class="notice" role="note">'  # the "not translated yet" notice


@pytest.fixture
def source(demo_site):
    home = HomePage.objects.get(locale__language_code="bg")
    page = home.add_child(
        instance=StandardPage(
            title=BG["title"],
            slug="bridge",
            intro=BG["intro"],
            body=[("paragraph", f"<p>{BG['body']}</p>")],
        )
    )
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def ro_version(page):
    return page.get_translation(Locale.objects.get(language_code="ro")).specific


def head(html):
    return html.split("</head>")[0]


def sitemap_text(client):
    return "\n".join(sitemap_documents(client))


def search_hits(client, query):
    """Links of the /ro/ search results (the query itself is echoed on the page)."""
    html = client.get("/ro/search/", {"q": query}).content.decode()
    if '<ol class="search-results"' not in html:
        return []
    results = html.split('<ol class="search-results"')[1].split("</ol>")[0]
    return re.findall(r'search-result__title"><a href="([^"]+)"', results)


def public_views(client, page):
    """What an anonymous visitor or API consumer can read about the ro page."""
    return "\n".join(
        [
            client.get("/ro/bridge/").content.decode(),
            client.get("/sitemap-pages.xml?p=1").content.decode(),
            client.get(f"/api/v2/pages/?locale=ro&search={MARKER}").content.decode(),
            client.get(f"/api/v2/pages/{page.pk}/").content.decode(),
            client.get("/api/v2/pages/?locale=ro&limit=100&fields=title").content.decode(),
        ]
    )


def test_draft_translation_of_an_alias_is_not_public(client, source):
    assert ro_version(source).alias_of_id == source.pk
    translate_object(source, "ro", RO, publish=False)
    ro_page = ro_version(source)
    assert ro_page.alias_of_id is None and ro_page.live  # a page with a draft, no longer an alias …
    assert ro_page.has_unpublished_changes
    assert ro_page.title == BG["title"]  # … whose live row shows the source, as the alias did

    assert search_hits(client, MARKER) == []
    assert search_hits(client, "моста") == []  # nor, as an alias, by its source's words
    html = client.get("/ro/bridge/").content.decode()
    assert BG["body"] in html and NOT_TRANSLATED_NOTICE in html
    assert '<div class="content" lang="bg">' in html
    assert 'hreflang="ro"' not in head(html)
    assert MARKER not in public_views(client, ro_page)
    assert "http://localhost/ro/bridge/" not in sitemap_text(client)
    assert client.get(f"/api/v2/pages/?locale=ro&search={MARKER}").json()["items"] == []
    detail = client.get(f"/api/v2/pages/{ro_page.pk}/").json()
    assert detail["title"] == BG["title"]
    assert detail["translation_status"]["content_language"] == "bg"


def test_draft_translation_is_not_listed(client, demo_site):
    news = make_news(title="Новина за моста", intro="Резюме за моста", hero_image_alt="")
    translate_object(
        news,
        "ro",
        {"Новина за моста": f"Știre {MARKER}", "Резюме за моста": f"Rezumat {MARKER}"},
        publish=False,
    )
    listing = client.get("/ro/news/").content.decode()
    assert MARKER not in listing
    assert "Новина за моста" in listing  # the alias's content, as before the translation started
    assert MARKER not in client.get(f"/ro/news/{news.slug}/").content.decode()
    assert client.get(f"/api/v2/pages/{news.pk}/").json()["translations"] == []


def test_staff_see_the_draft_in_the_editor_and_previews(client, admin_user, source):
    translate_object(source, "ro", RO, publish=False)
    ro_page = ro_version(source)
    client.force_login(admin_user)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[ro_page.pk]))
    assert editor.status_code == 200
    assert MARKER in editor.content.decode()  # wagtail-localize's translation editor
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=ro_page.locale
    )
    preview = client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
    assert preview.status_code == 200 and MARKER in preview.content.decode()
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[ro_page.pk]))
    assert draft.status_code == 200 and MARKER in draft.content.decode()
    client.logout()
    assert MARKER not in client.get("/ro/bridge/").content.decode()


def test_publishing_the_translation_makes_it_public(client, source):
    translate_object(source, "ro", RO, publish=False)
    ro_page = ro_version(source)
    ro_page.get_latest_revision().publish()

    html = client.get("/ro/bridge/").content.decode()
    assert f"Text {MARKER} despre pod." in html
    assert NOT_TRANSLATED_NOTICE not in html
    assert 'hreflang="ro" href="http://localhost/ro/bridge/"' in head(html)
    assert "http://localhost/ro/bridge/" in sitemap_text(client)
    assert search_hits(client, MARKER) == ["/ro/bridge/"]
    found = client.get(f"/api/v2/pages/?locale=ro&search={MARKER}").json()["items"]
    assert [item["id"] for item in found] == [ro_page.pk]
    assert client.get(f"/api/v2/pages/{ro_page.pk}/").json()["translation_status"]["content_language"] == "ro"


def test_republished_source_updates_a_pending_translation(client, source):
    translate_object(source, "ro", RO, publish=False)
    source.intro = "Ново въведение за моста."
    source.save_revision().publish()
    ro_page = ro_version(source)
    assert ro_page.intro == "Ново въведение за моста."  # follows its source, as an alias would
    assert ro_page.has_unpublished_changes
    assert MARKER in ro_page.get_latest_revision_as_object().title  # the draft is kept
    assert MARKER not in client.get("/ro/bridge/").content.decode()


def test_new_draft_of_a_published_translation_keeps_the_published_one_live(client, source):
    translate_object(source, "ro", RO)  # published
    second = f"Podul nou {MARKER}2"
    translate_object(source, "ro", {**RO, BG["title"]: second}, publish=False)
    ro_page = ro_version(source)
    assert ro_page.title == f"Podul {MARKER}" and ro_page.has_unpublished_changes
    html = client.get("/ro/bridge/").content.decode()
    assert f"Podul {MARKER}" in html and second not in html
    assert 'hreflang="ro"' in head(html)  # still translated


def test_translate_this_page_in_the_admin_does_not_publish(client, admin_user, source):
    """The "Translate this page" button of an alias submits the page for translation."""
    client.force_login(admin_user)
    ro = Locale.objects.get(language_code="ro")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.pk]), {"locales": [ro.pk]}
    )
    assert response.status_code == 302
    ro_page = ro_version(source)
    assert ro_page.alias_of_id is None and not ro_page.live_revision_id
    client.logout()
    response = client.get("/ro/bridge/")
    html = response.content.decode()
    assert '<div class="content" lang="bg">' in html and 'hreflang="ro"' not in head(html)
    assert isinstance(ro_page, StandardPage) and not NewsPage.objects.filter(pk=ro_page.pk).exists()

"""Every URL carries its language; `/` picks one from Accept-Language."""

import pytest
from wagtail.models import Locale

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ro-RO,ro;q=0.9", "/ro/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("bg", "/bg/"),
        ("de-DE,de", "/bg/"),
        ("", "/bg/"),
    ],
)
def test_root_redirects_by_accept_language(client, demo_site, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("prefix", "title"), [("bg", "Начало"), ("ro", "Acasă"), ("en", "Home")])
def test_each_prefix_serves_its_home_page(client, demo_site, prefix, title):
    response = client.get(f"/{prefix}/")
    assert response.status_code == 200
    page = response.context["page"]
    assert isinstance(page, HomePage)
    assert page.locale.language_code == prefix
    assert page.title == title
    assert f'<html lang="{prefix}"' in response.content.decode()


def test_unknown_language_prefix_is_a_localized_404(client, demo_site):
    response = client.get("/de/", HTTP_ACCEPT_LANGUAGE="ro")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina nu a fost găsită" in body
    assert '<html lang="ro"' in body


def test_unknown_page_is_a_404_in_the_prefix_language(client, demo_site):
    response = client.get("/bg/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Страницата не е намерена" in response.content.decode()


def test_ui_strings_follow_the_url_language(client, demo_site):
    assert "Към основното съдържание" in client.get("/bg/").content.decode()
    assert "Sari la conținutul principal" in client.get("/ro/").content.decode()
    assert "Skip to main content" in client.get("/en/").content.decode()


def _switcher(html):
    start = html.index('class="language-switcher"')
    return html[start : html.index("</nav>", start)]


def test_language_switcher_links_to_the_same_pages_translations(client, demo_site):
    switcher = _switcher(client.get("/ro/about/").content.decode())
    assert 'href="/bg/about/"' in switcher
    assert 'href="/en/about/"' in switcher
    assert 'href="/ro/about/" hreflang="ro" lang="ro" aria-current="true"' in switcher


def test_language_switcher_lists_only_existing_translations(client, demo_site):
    home = HomePage.objects.get(locale__language_code="bg")
    only_bg = StandardPage(title="Само на български", slug="only-bg")
    home.add_child(instance=only_bg)
    only_bg.save_revision().publish()
    head = client.get("/bg/only-bg/").content.decode().split("</head>")[0]
    assert 'hreflang="ro"' not in head and 'hreflang="en"' not in head  # aliases are no alternates
    for alias in only_bg.get_translations():  # as for a page made before every page was synced
        alias.delete()
    assert not only_bg.get_translations().exists()

    html = client.get("/bg/only-bg/").content.decode()
    assert 'class="language-switcher"' not in html  # one language: nothing to switch to
    assert 'hreflang="ro"' not in html and 'hreflang="en"' not in html

    ro_home = HomePage.objects.get(locale=Locale.objects.get(language_code="ro"))
    assert only_bg.get_translation_or_none(ro_home.locale) is None

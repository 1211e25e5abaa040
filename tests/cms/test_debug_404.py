"""Under DEBUG (`make run`), a visitor who follows a dead link gets the site's own
404 page in their language, not Django's technical page that lists every URL
pattern; DEBUG_TECHNICAL_404 brings that page back for a developer."""

import pytest

pytestmark = pytest.mark.django_db

TECHNICAL = "Using the URLconf defined in"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/bg/no-such-page/", "Страницата не е намерена"),  # Wagtail finds no page (Http404 in a view)
        ("/ro/no-such-page/", "Pagina nu a fost găsită"),
        ("/en/no-such-page/", "Page not found"),
        ("/bg/no-such-file.php", "Страницата не е намерена"),  # no URL pattern matches at all
        ("/wp-login.php", "Страницата не е намерена"),
    ],
)
def test_debug_serves_the_sites_localized_404(demo_site, client, settings, path, heading):
    settings.DEBUG = True
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert TECHNICAL not in html
    assert f"<h1>{heading}</h1>" in html
    assert '<link rel="stylesheet"' in html  # the site's layout, not a bare page


def test_debug_still_redirects_to_the_slashed_url(demo_site, client, settings):
    settings.DEBUG = True
    response = client.get("/bg/news")
    assert response.status_code == 301
    assert response["Location"] == "/bg/news/"


def test_developers_can_ask_for_the_technical_404(demo_site, client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True
    response = client.get("/bg/no-such-file.php")
    assert response.status_code == 404
    assert TECHNICAL in response.content.decode()

"""The home page's blocks on the demo site: the latest news (featured first), the
editor-picked e-services with the catalogue link, the directory search by name
and region, and the network in numbers — in each language, from public content."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage

pytestmark = pytest.mark.django_db


def home(language):
    return HomePage.objects.get(locale__language_code=language)


def section(html, css_class):
    match = re.search(rf'<section class="home-block {css_class}"(.*?)</section>', html, re.S)
    assert match, css_class
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "news_heading", "services_heading"),
    [
        ("bg", "Последни новини", "Най-използвани електронни услуги"),
        ("ro", "Ultimele știri", "Cele mai folosite servicii electronice"),
        ("en", "Latest news", "Most-used e-services"),
    ],
)
def test_home_shows_every_block_translated(client, demo_site, language, news_heading, services_heading):
    from news.models import NewsPage

    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    news = section(html, "home-news")
    assert f">{news_heading}</h2>" in news
    titles = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', news)
    visible = NewsPage.objects.publicly_visible().filter(locale__language_code=language)
    expected = list(visible.order_by("-featured", "-date", "-pk").values_list("title", flat=True)[:3])
    assert titles == [t.replace("'", "&#x27;").replace('"', "&quot;") for t in expected] and len(titles) == 3
    assert "All news" in news or "Всички новини" in news or "Toate știrile" in news

    services = section(html, "home-e-services")
    assert f">{services_heading}</h2>" in services
    picked = re.findall(r'data-e-service="(\d+)"', services)
    assert len(picked) == 4
    from directory.models import EService

    assert set(EService.objects.filter(pk__in=picked).values_list("locale__language_code", flat=True)) == {
        language
    }
    assert re.search(rf'class="button" href="/{language}/[^"]+/e-services/"', services)

    search = section(html, "home-directory-search")
    assert re.search(rf'<form class="directory-search" method="get" action="/{language}/[^"]+/"', search)
    assert 'name="q"' in search and 'name="region"' in search
    assert (
        len(re.findall(r'<option value="[A-Z]{2}\d+">', search)) == 15
    )  # the programme area's NUTS-3 regions

    figures = section(html, "home-figures")
    for key in ("members_by_country", "e_services", "agreements_in_force"):
        assert f'data-figure="{key}"' in figures


def test_home_figures_and_services_follow_public_content(client, demo_site):
    from directory.models import EService, InstitutionPage

    html = client.get("/en/").content.decode()
    count = int(
        re.search(r'data-figure="e_services">\s*<span class="figure__value" data-value>(\d+)', html).group(1)
    )
    institutions = InstitutionPage.objects.publicly_visible().filter(locale__language_code="en")
    assert count == EService.objects.filter(page__in=institutions).count() > 0

    # an institution hidden from the public takes its picked e-service off the home page
    picked = EService.objects.filter(pk__in=re.findall(r'data-e-service="(\d+)"', html))
    first = picked.order_by("pk").first()
    PageViewRestriction.objects.create(page=first.page, restriction_type="login")
    html = client.get("/en/").content.decode()
    left = {int(pk) for pk in re.findall(r'data-e-service="(\d+)"', html)}
    assert left == set(picked.exclude(page=first.page).values_list("pk", flat=True))


def test_directory_search_from_home_filters_by_name_and_region(client, demo_site):
    html = client.get("/bg/").content.decode()
    action = re.search(r'<form class="directory-search" method="get" action="([^"]+)"', html).group(1)
    region = re.search(r'<option value="(BG\d+)">', html).group(1)
    response = client.get(action, {"q": "", "region": region})
    assert response.status_code == 200
    bad = client.get(action, {"region": "XX999"})
    assert bad.status_code == 400


def test_home_page_renders_in_few_queries(client, demo_site, django_assert_max_num_queries):
    client.get("/bg/")
    with django_assert_max_num_queries(60):
        assert client.get("/bg/").status_code == 200


def test_home_blocks_are_in_the_api(client, demo_site):
    page = home("ro")
    data = client.get(f"/api/v2/pages/{page.pk}/?fields=blocks").json()
    assert [block["type"] for block in data["blocks"]] == [
        "latest_news",
        "e_services",
        "directory_search",
        "network_figures",
    ]
    assert data["blocks"][0]["value"]["heading"] == "Ultimele știri"
    assert Page.objects.filter(pk=page.pk).exists()

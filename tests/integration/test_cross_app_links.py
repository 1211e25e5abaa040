"""What the feature apps give each other once they live together: institution
pages list the agreements and news that name them, choosers accept only
institution pages, and search finds news, institutions, e-services and documents."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from directory.models import EService, InstitutionPage
from documents.models import AgreementParty, PublicationPage
from home.models import StandardPage
from news.models import NewsPage, NewsPageRelatedInstitution

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(demo_site):
    """The demo content in the search index and the suggestion table."""
    call_command("update_index", verbosity=0)
    call_command("rebuild_suggestions", verbosity=0)
    return demo_site


def test_institution_page_lists_its_agreements(client, demo_site):
    party = AgreementParty.objects.filter(
        institution__isnull=False, page__live=True, page__locale__language_code="bg"
    ).first()
    assert party is not None, "the demo links agreements to institution pages"
    institution = party.institution.specific
    html = client.get(institution.url).content.decode()
    assert party.page.title in html


def test_institution_page_lists_news_that_name_it(client, demo_site):
    institution = InstitutionPage.objects.live().filter(locale__language_code="ro").first()
    news = NewsPage.objects.live().filter(locale__language_code="ro").first()
    NewsPageRelatedInstitution.objects.create(page=news, institution=institution)
    html = client.get(institution.url).content.decode()
    assert news.title in html


def test_choosers_accept_only_institution_pages(demo_site):
    not_an_institution = StandardPage.objects.first()
    news = NewsPage.objects.first()
    with pytest.raises(ValidationError):
        NewsPageRelatedInstitution(page=news, institution=not_an_institution).full_clean()
    agreement = PublicationPage.objects.filter(kind="agreement").first()
    with pytest.raises(ValidationError):
        AgreementParty(
            page=agreement, institution=not_an_institution, name="X", locale=agreement.locale
        ).clean()


def results(client, lang, query, **params):
    response = client.get(f"/{lang}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_e_service_found_by_name_leads_to_its_institution(client, indexed):
    for query in ("impozitelor locale", "Plata taxelor si impozitelor"):  # with and without diacritics
        html = results(client, "ro", query)
        links = re.findall(r'href="(/ro/directory/[^"#]+/)#service-(\d+)"', html)
        assert links, query
        for url, pk in links:
            service = EService.objects.get(pk=pk)
            assert service.page.url == url
            assert "impozit" in service.name.lower()


def test_institution_found_by_region_and_transliteration(client, indexed):
    html = results(client, "bg", "Ruse")  # Latin script finds Cyrillic
    assert "Русе" in html
    html = results(client, "bg", "Гюргево")
    assert "giurgiu" in html


def test_document_found_by_kind_in_any_language(client, indexed):
    strategy = PublicationPage.objects.live().filter(kind="strategy", locale__language_code="en").first()
    assert strategy is not None
    assert strategy.url in results(client, "en", "strategy")
    strategy_bg = strategy.get_translation(strategy.locale.__class__.objects.get(language_code="bg"))
    assert strategy_bg.url in results(client, "bg", "стратегия")


def test_suggest_finds_giurgiu_in_both_scripts(client, indexed):
    response = client.get("/api/search/suggest/", {"q": "Giu", "locale": "bg"})
    assert response.status_code == 200
    names = [item["name"] for item in response.json()["results"]]
    assert names and len(names) <= 10
    assert any("Гюргево" in name for name in names)

"""Each field the issue names is searchable on its own: institutions by name,
short name, locality and region; e-services by name and description (leading
to their institution); documents by title, summary and kind. Made-up words
make sure that only the field under test can match."""

import pytest

from directory.models import EService, ServiceCategory
from documents.models import PublicationKind
from tests.directory.factories import bg_directory, make_institution
from tests.documents.factories import make_publication

pytestmark = pytest.mark.django_db


def found_urls(client, query, result_type, lang="bg"):
    response = client.get(f"/{lang}/search/", {"q": query, "type": result_type})
    assert response.status_code == 200
    return [result["url"] for result in response.context["results"]]


@pytest.fixture
def institution(demo_site):
    return make_institution(
        bg_directory(),
        title="Читалище Зорница",
        short_name="ЧИЗОРН",
        locality="Бръшленово",
        region="BG325",  # Силистра, named nowhere else on the page
    )


@pytest.mark.parametrize(
    "query",
    ["Зорница", "Zornitsa", "ЧИЗОРН", "Бръшленово", "Brashlenovo", "Зорница Силистра", "Zornitsa Silistra"],
)
def test_institution_found_by_name_short_name_locality_and_region(client, institution, query):
    assert institution.url in found_urls(client, query, "institution")


def test_region_of_another_institution_does_not_match(client, institution):
    assert institution.url not in found_urls(client, "Зорница Видин", "institution")


@pytest.mark.parametrize("query", ["Енергиен паспорт", "топлоизолация"])
def test_e_service_found_by_name_or_description_leads_to_its_institution(client, institution, query):
    service = EService(
        locale=institution.locale,
        name="Енергиен паспорт на сграда",
        description="Заявление за обследване за топлоизолация на жилищни сгради.",
        category=ServiceCategory.objects.filter(locale=institution.locale).first(),
        channel="online",
    )
    institution.e_services.add(service)
    institution.save_revision().publish()
    service = EService.objects.get(page_id=institution.pk, name="Енергиен паспорт на сграда")
    urls = found_urls(client, query, "eservice")
    assert f"{institution.url}#service-{service.pk}" in urls


@pytest.mark.parametrize("query", ["Кайнарджанско", "пчеларството", "стратегия Кайнарджанско"])
def test_document_found_by_title_summary_and_kind(client, demo_site, query):
    publication = make_publication(
        title="Кайнарджанско сътрудничество",
        slug="kaynardzha",
        kind=PublicationKind.STRATEGY,
        summary="Развитие на пчеларството по двата бряга.",
    )
    assert publication.url in found_urls(client, query, "document")

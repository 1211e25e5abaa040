"""E-service suggestions and e-service search results name their institution."""

import pytest

from directory.models import EService, ServiceCategory
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution(demo_site):
    institution = make_institution(bg_directory(), title="Читалище Зорница", locality="Бръшленово")
    institution.e_services.add(
        EService(
            locale=institution.locale,
            name="Енергиен паспорт на сграда",
            description="Заявление за обследване за топлоизолация на жилищни сгради.",
            category=ServiceCategory.objects.filter(locale=institution.locale).first(),
            channel="online",
        )
    )
    institution.save_revision().publish()
    return institution


def test_e_service_suggestions_name_their_institution(client, institution):
    results = client.get("/api/search/suggest/", {"q": "Енергиен паспорт", "locale": "bg"}).json()["results"]
    assert [(r["kind"], r["name"], r["context"]) for r in results] == [
        ("eservice", "Енергиен паспорт на сграда", "Читалище Зорница")
    ]
    places = client.get("/api/search/suggest/", {"q": "Зорница", "locale": "bg"}).json()["results"]
    assert [(r["kind"], r["context"]) for r in places] == [("institution", None)]


def test_e_service_results_name_their_institution(client, institution):
    response = client.get("/bg/search/", {"q": "Енергиен паспорт", "type": "eservice"})
    rows = response.context["results"]
    assert [row["context"] for row in rows] == ["Читалище Зорница"]
    assert "Институция: Читалище Зорница" in response.content.decode()

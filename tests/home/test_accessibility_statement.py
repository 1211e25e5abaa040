"""The accessibility statement as structured content (Implementing Decision
(EU) 2018/1523's model), its footer link on every page, the editor's warning
when the last review is over a year old, and the date checks."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from home.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db


def statement(language):
    return AccessibilityStatementPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        (
            "bg",
            [
                "Състояние на съответствието",
                "Недостъпно съдържание",
                "Изготвяне на тази декларация за достъпност",
                "Обратна връзка и данни за контакт",
                "Процедура по прилагане",
            ],
        ),
        (
            "ro",
            [
                "Stadiul conformității",
                "Conținut inaccesibil",
                "Elaborarea acestei declarații de accesibilitate",
                "Feedback și date de contact",
                "Procedura de asigurare a respectării",
            ],
        ),
        (
            "en",
            [
                "Compliance status",
                "Non-accessible content",
                "Preparation of this accessibility statement",
                "Feedback and contact information",
                "Enforcement procedure",
            ],
        ),
    ],
)
def test_statement_has_every_section_of_the_model_in_each_language(client, demo_site, language, headings):
    page = statement(language)
    html = client.get(page.url).content.decode()
    assert re.findall(r"<h2 id=\"[\w-]+-heading\">([^<]+)</h2>", html) == headings
    assert 'data-compliance="partial"' in html
    assert "1.1.1" in html  # the WCAG criterion the PDFs fail
    assert 'href="mailto:accessibility@example.org"' in html
    assert 'data-country="BG"' in html and 'data-country="RO"' in html
    assert page.last_reviewed_on.isoformat() in html


def test_every_page_links_the_statement_from_its_footer(client, demo_site):
    for language in ("bg", "ro", "en"):
        url = statement(language).url
        for path in (f"/{language}/", f"/{language}/about/", f"/{language}/search/?q=x"):
            html = client.get(path).content.decode()
            footer = html.split('<footer class="site-footer">')[1]
            assert f'href="{url}"' in footer, path


def test_the_editor_warns_when_the_review_is_over_a_year_old(admin_client, demo_site):
    page = statement("bg")
    edit = f"/admin/pages/{page.pk}/edit/"
    assert "data-review-due" not in admin_client.get(edit).content.decode()
    page.last_reviewed_on = timezone.localdate() - datetime.timedelta(days=366)
    page.prepared_on = page.last_reviewed_on
    page.save_revision().publish()
    html = admin_client.get(edit).content.decode()
    assert "data-review-due" in html
    assert page.last_reviewed_on.isoformat() in html


def test_dates_are_checked_with_a_localized_message(demo_site):
    page = statement("bg")
    page.last_reviewed_on = page.prepared_on - datetime.timedelta(days=1)
    with translation.override("bg"):
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert error.value.message_dict["last_reviewed_on"] == [
            "Последният преглед не може да е по-рано от изготвянето на декларацията."
        ]
    page.refresh_from_db()
    page.prepared_on = timezone.localdate() + datetime.timedelta(days=2)
    page.last_reviewed_on = page.prepared_on
    with translation.override("ro"):
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert error.value.message_dict["prepared_on"] == ["Această dată nu poate fi în viitor."]
    assert statement("bg").prepared_on < timezone.localdate()  # nothing written


def test_statement_is_in_the_api(client, demo_site):
    page = statement("en")
    data = client.get(
        f"/api/v2/pages/{page.pk}/?fields=compliance_status,last_reviewed_on,enforcement_bodies"
    ).json()
    assert data["compliance_status"] == "partial"
    assert data["last_reviewed_on"] == page.last_reviewed_on.isoformat()
    assert {body["value"]["country"] for body in data["enforcement_bodies"]} == {"BG", "RO"}

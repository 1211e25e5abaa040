"""The publication page: a download button per language, JSON-LD, and the
agreement's parties; agreements are found for each party's institution page."""

import json
import re

import pytest
from wagtail.models import Locale

from documents.models import AgreementParty, PublicationKind, PublicationPage
from documents.queries import agreements_for
from tests.documents.factories import documents_index

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_download_button_per_language_and_json_ld(client, demo_site):
    page = PublicationPage.objects.get(slug="survey-local-e-services", locale__language_code="ro")
    html = client.get(page.url).content.decode()
    files = page.language_files()
    assert len(files) == 3
    for file in files:
        assert f'href="{file.document.url}"' in html
    assert html.count(' hreflang="ro" type="application/pdf"') == 1
    data = json_ld(html)
    assert data["@type"] == ["DigitalDocument", "Report"]
    assert data["inLanguage"] == "ro"
    assert data["datePublished"] == "2018-03-15"
    assert [media["inLanguage"] for media in data["associatedMedia"]] == ["bg", "ro", "en"]
    assert data["associatedMedia"][1]["encodingFormat"] == "application/pdf"


def test_agreement_lists_its_parties(client, demo_site):
    page = PublicationPage.objects.get(slug="agreement-ruse-giurgiu", locale__language_code="ro")
    html = client.get(page.url).content.decode()
    assert "Municipiul Ruse" in html and "Municipiul Giurgiu" in html
    assert json_ld(html)["dateCreated"] == "2017-11-08"


def test_agreements_for_an_institution_page_in_its_locale(demo_site):
    # Stand-in for directory.InstitutionPage (not in this branch): any page works.
    bg_institution = documents_index("bg")
    agreement = PublicationPage.objects.get(slug="agreement-vidin-calafat", locale__language_code="bg")
    AgreementParty.objects.create(
        page=agreement, institution=bg_institution, name="", locale=agreement.locale
    )
    assert list(agreements_for(bg_institution)) == [agreement]
    ro_institution = bg_institution.get_translation(Locale.objects.get(language_code="ro"))
    assert list(agreements_for(ro_institution)) == []  # the ro agreement is not re-synced yet
    assert all(a.kind == PublicationKind.AGREEMENT for a in agreements_for(bg_institution))

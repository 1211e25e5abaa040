"""The cooperation agreements registry: status from the dates unless set by
hand (Python and SQL agree), the listing's status/party/year filters with 400
on bad values, the facts each agreement shows, parties in API v2/v3, and the
"agreements in force" network figure."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail import hooks

from directory.models import InstitutionPage
from documents.models import (
    AgreementParty,
    AgreementStatus,
    DocumentIndexPage,
    PublicationKind,
    PublicationPage,
    status_from_dates,
    with_current_status,
)
from tests.documents.factories import make_publication

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 6, 15)


@pytest.mark.parametrize(
    ("signed", "end", "expected"),
    [
        (None, None, AgreementStatus.IN_PREPARATION),
        (D(2026, 7, 1), None, AgreementStatus.IN_PREPARATION),  # to be signed
        (D(2026, 6, 15), None, AgreementStatus.IN_FORCE),  # in force from the day signed
        (D(2020, 1, 1), D(2026, 6, 15), AgreementStatus.IN_FORCE),  # the end date is its last day
        (D(2020, 1, 1), D(2026, 6, 14), AgreementStatus.EXPIRED),
        (D(2020, 1, 1), D(2030, 1, 1), AgreementStatus.IN_FORCE),
    ],
)
def test_status_follows_the_dates_in_python_and_in_sql(demo_site, signed, end, expected):
    assert status_from_dates(signed, end, TODAY) == expected
    page = make_publication(
        kind=PublicationKind.AGREEMENT, slug="dated", date_signed=signed, end_date=end, title="Договор"
    )
    assert (
        with_current_status(PublicationPage.objects.filter(pk=page.pk), TODAY).get().status_today == expected
    )


def test_a_status_set_by_hand_wins_over_the_dates(demo_site):
    page = make_publication(
        kind=PublicationKind.AGREEMENT,
        slug="by-hand",
        date_signed=D(2020, 1, 1),
        agreement_status=AgreementStatus.TERMINATED,
    )
    assert page.current_status == "terminated"
    assert with_current_status(PublicationPage.objects.filter(pk=page.pk)).get().status_today == "terminated"
    page.agreement_status = ""
    assert page.current_status == "in_force"


def test_an_end_date_before_signing_or_on_another_kind_is_refused(demo_site):
    page = PublicationPage(
        title="x",
        slug="x",
        kind=PublicationKind.AGREEMENT,
        date_signed=D(2024, 5, 1),
        end_date=D(2024, 4, 30),
    )
    with translation.override("ro"), pytest.raises(ValidationError) as error:
        page.clean()
    with translation.override("ro"):
        assert error.value.message_dict["end_date"] == [
            "Data de încetare nu poate fi anterioară datei semnării."
        ]
    report = PublicationPage(title="x", slug="x", kind=PublicationKind.REPORT, end_date=D(2030, 1, 1))
    with pytest.raises(ValidationError):
        report.clean()


def listed(client, language="en", **params):
    index = DocumentIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url, params)
    return response, response.content.decode()


def count(html):
    return html.count('class="publication-item"')


def test_demo_statuses_come_from_the_dates_and_one_by_hand(demo_site):
    today = timezone.localdate()
    agreements = PublicationPage.objects.filter(kind="agreement", locale__language_code="bg")
    statuses = {page.slug: page.current_status for page in agreements}
    assert statuses == {
        "agreement-ruse-giurgiu": "in_force",
        "agreement-vidin-calafat": "in_force" if today <= D(2030, 2, 13) else "expired",
        "agreement-silistra-calarasi": "in_force",
        "agreement-svishtov-zimnicea": "expired",
        "agreement-nikopol-turnu-magurele": "terminated",
    }
    assert [p.slug for p in agreements if p.agreement_status] == ["agreement-nikopol-turnu-magurele"]


def test_listing_filters_agreements_by_status_party_and_year(client, demo_site):
    _response, html = listed(client, status="in_force")
    assert count(html) == 3
    _response, html = listed(client, status="expired")
    assert count(html) == 1 and "Svishtov" in html
    ruse = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    _response, html = listed(client, party=str(ruse.translation_key))
    assert count(html) == 1 and "Ruse" in html
    # with agreements, the year is the year signed: Vidin, Silistra and Svishtov signed in 2018
    _response, html = listed(client, kind="agreement", year="2018")
    assert count(html) == 3
    _response, html = listed(client, status="in_force", year="2018")
    assert count(html) == 2
    _response, html = listed(client, status="in_force", party=str(ruse.translation_key), year="2017")
    assert count(html) == 1


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_listing_shows_parties_date_signed_and_status(client, demo_site, language):
    _response, html = listed(client, language, kind="agreement")
    labels = {
        "bg": ("Дата на подписване", "В сила", "Изтекло", "Прекратено", "Страни"),
        "ro": ("Data semnării", "În vigoare", "Expirat", "Reziliat", "Părți"),
        "en": ("Date signed", "In force", "Expired", "Terminated", "Parties"),
    }[language]
    for label in labels:
        assert label in html, label
    giurgiu = InstitutionPage.objects.get(slug="giurgiu-municipality", locale__language_code=language)
    assert f'<a href="{giurgiu.url}">' in html  # a party links to its page in this language
    assert '<time datetime="2017-11-08">' in html
    # the party filter offers the parties, by the institution's translation key
    assert f'<option value="{giurgiu.translation_key}">' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "signed"}, "Непознат статус „signed“"),
        ({"party": "Nobody"}, "Тук няма споразумение със страна „Nobody“"),
        ({"status": "in_force", "kind": "survey"}, "Статусът и страната се отнасят само"),
        ({"status": "expired", "year": "18"}, "четири цифри"),
    ],
)
def test_bad_agreement_filters_are_400_with_a_localized_message(client, demo_site, params, message):
    response, html = listed(client, "bg", **params)
    assert response.status_code == 400
    assert message in html
    assert count(html) == 0


def test_listing_query_budget_does_not_grow_with_agreements(client, demo_site, django_assert_max_num_queries):
    client.get(DocumentIndexPage.objects.get(locale__language_code="bg").url, {"kind": "agreement"})
    with CaptureQueriesContext(connection) as baseline:
        listed(client, "bg", kind="agreement")
    budget = len(baseline)  # now: a later request resets the connection's query log
    assert 0 < budget <= 40
    ruse = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    for number in range(6):
        page = make_publication(
            kind=PublicationKind.AGREEMENT, slug=f"extra-{number}", date_signed=D(2020, 1, number + 1)
        )
        AgreementParty.objects.create(page=page, institution=ruse, locale=page.locale)
        AgreementParty.objects.create(page=page, name=f"Партньор {number}", locale=page.locale)
    listed(client, "bg", kind="agreement")  # warm again: the writes changed the content clock
    with django_assert_max_num_queries(budget):
        _response, html = listed(client, "bg", kind="agreement")
    assert count(html) == 11


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_parties_status_and_dates_in_the_api(client, demo_site, api):
    page = PublicationPage.objects.get(slug="agreement-svishtov-zimnicea", locale__language_code="ro")
    data = client.get(f"/api/{api}/pages/{page.pk}/").json()
    assert data["date_signed"] == "2018-09-12"
    assert data["end_date"] == "2022-09-11"
    assert data["agreement_status"] == "expired"
    assert data["status_set_by_hand"] is False
    zimnicea = InstitutionPage.objects.get(slug="zimnicea-municipality", locale__language_code="ro")
    names = [party["name"] for party in data["parties"]]
    assert len(names) == 2
    assert any(
        party["institution"] and party["institution"]["id"] == zimnicea.pk for party in data["parties"]
    ), data["parties"]
    if api == "v3":
        return
    listing = client.get(
        "/api/v2/pages/?type=documents.PublicationPage&locale=ro&kind=agreement&fields=parties,agreement_status"
    )
    assert listing.status_code == 200, listing.content[:300]
    rows = listing.json()["items"]
    assert len(rows) == 5 and all(len(row["parties"]) == 2 for row in rows)
    assert sorted(row["agreement_status"] for row in rows) == [
        "expired",
        "in_force",
        "in_force",
        "in_force",
        "terminated",
    ]


def test_network_figure_counts_public_agreements_in_force_once(demo_site):
    (figure_hook,) = [
        fn for fn in hooks.get_hooks("network_figures") if fn.__module__ == "documents.wagtail_hooks"
    ]
    with translation.override("bg"):
        (figure,) = figure_hook(None)
    assert figure["key"] == "agreements_in_force"
    assert figure["label"] == "Споразумения за сътрудничество в сила"
    assert figure["value"] == 3  # one per agreement, not one per language
    assert figure["breakdown"] == [("2017", 1), ("2018", 2)]
    draft = make_publication(
        kind=PublicationKind.AGREEMENT, slug="draft", date_signed=D(2020, 1, 1), live=False
    )
    assert figure_hook(None)[0]["value"] == 3  # drafts are not public
    draft.save_revision().publish()
    assert figure_hook(None)[0]["value"] == 4

"""Single Digital Gateway information of e-services (Regulation (EU) 2018/1724):
the completeness score (directory/sdg.py) in the editor and in the report with
its filters and exports, the form's and the import's refusals that name the
field, the information date kept current, and what the public row shows."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from directory import columns, sdg
from directory.importer import ImportFileError, import_file
from directory.models import EService, InstitutionPage
from directory.network import DIRECTORY_MANAGERS, MODERATORS
from tests.directory.factories import bg_directory, make_institution
from tests.directory.test_editor_permissions import admin_form_data
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

REPORT = "/admin/directory/sdg-report/"


def demo_service(slug="ruse-municipality", language="bg", index=0):
    services = EService.objects.filter(page__slug=slug, locale__language_code=language).order_by("sort_order")
    return services[index]


# --- the score ------------------------------------------------------------------


def test_a_service_without_information_misses_every_item_but_the_fee_of_a_free_one(demo_site):
    page = make_institution(bg_directory(), services=[{}])
    service = page.e_services.get()
    result = sdg.completeness(service)
    assert [item.key for item in result.missing] == [
        "steps",
        "evidence",
        "legal_basis",
        "redress",
        "time_limits",
        "processing_time",
        "tacit_approval",
        "updated",
    ]
    assert (result.score, result.total, result.complete) == (1, 9, False)
    service.is_free, service.cost_amount, service.cost_currency = False, 12, "EUR"
    assert "fees" in [item.key for item in sdg.completeness(service).missing]  # no payment methods
    service.payment_methods = "карта"
    assert "fees" not in [item.key for item in sdg.completeness(service).missing]


def test_python_and_database_agree_on_every_demo_service(demo_site):
    services = sdg.annotate(EService.objects.all())
    assert services.count() > 100
    scores = set()
    for service in services:
        result = sdg.completeness(service)
        assert result.score == service.sdg_score, service
        for item, present in result.present:
            assert present == bool(getattr(service, f"sdg_{item.key}")), (service, item.key)
        scores.add(service.sdg_score)
    assert {sdg.TOTAL, 1} <= scores and len(scores) >= 3  # complete, partly told, untold


def test_demo_information_is_translated_and_complete_where_told(demo_site):
    for language in ("bg", "ro", "en"):
        services = EService.objects.filter(page__slug="giurgiu-municipality", locale__language_code=language)
        told = [s for s in services if sdg.completeness(s).complete]
        assert len(told) == 2, language
        assert all(s.legal_basis_url == "https://legislatie.just.ro/" for s in told)
    ro = EService.objects.filter(page__slug="giurgiu-municipality", locale__language_code="ro")
    assert any("Legea nr. 119/1996" in s.legal_basis_title for s in ro)
    assert any(s.steps.splitlines()[1] == "Plătiți taxa." for s in ro if s.steps)
    en = EService.objects.filter(page__slug="ruse-municipality", locale__language_code="en")
    assert any(s.legal_basis_title == "Civil Registration Act" for s in en)


# --- the report ---------------------------------------------------------------------


@pytest.fixture
def moderator(client, demo_site):
    user = staff_member(MODERATORS, language="ro")
    client.force_login(user)
    return user


def test_the_report_lists_the_demo_services_with_their_scores(
    client, moderator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        response = client.get(REPORT, {"locale": "ro", "country": "RO"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Completitudinea informațiilor pentru Portalul digital unic" in html  # the title in Romanian
    giurgiu = demo_service("giurgiu-municipality", "ro")
    assert giurgiu.name in html
    assert f"{sdg.TOTAL} din {sdg.TOTAL}" in html and f"1 din {sdg.TOTAL}" in html
    listed = response.context["object_list"]
    assert {s.locale.language_code for s in listed} == {"ro"}
    assert {s.page.country for s in listed} == {"RO"}
    assert [s.sdg_score for s in listed] == sorted(s.sdg_score for s in listed)  # least complete first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"completeness": "complete"}, lambda s: s.sdg_score == sdg.TOTAL),
        ({"completeness": "incomplete"}, lambda s: s.sdg_score < sdg.TOTAL),
        ({"missing": "legal_basis"}, lambda s: not s.legal_basis_url),
        ({"category": "civil-status"}, lambda s: s.category.code == "civil-status"),
    ],
)
def test_the_report_filters(client, moderator, query, expected):
    response = client.get(REPORT, {"locale": "bg", **query})
    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert listed and all(expected(s) for s in listed)
    every = sdg.annotate(EService.objects.filter(page__live=True, locale__language_code="bg"))
    assert response.context["paginator"].count == sum(1 for s in every if expected(s))


def test_the_report_exports_csv_and_xlsx_with_every_item(client, moderator):
    response = client.get(REPORT, {"locale": "en", "completeness": "complete", "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Instituție",
        "Cod de înregistrare",
        "Serviciu electronic",
        "Limbă",
        "Elemente prezente",
        "Elemente cerute",
    ]
    assert len(rows[0]) == 6 + sdg.TOTAL
    complete = sdg.annotate(EService.objects.filter(page__live=True, locale__language_code="en")).filter(
        sdg_score=sdg.TOTAL
    )
    assert len(rows) - 1 == complete.count() > 0
    assert all(row[3] == "en" and row[4] == str(sdg.TOTAL) and set(row[6:]) == {"da"} for row in rows[1:])

    response = client.get(REPORT, {"locale": "bg", "export": "xlsx"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) - 1 == EService.objects.filter(page__live=True, locale__language_code="bg").count()


def test_the_report_is_refused_to_others(client, demo_site):
    client.force_login(staff_member("Editors", language="bg"))
    response = client.get(REPORT)
    assert response.status_code == 403
    assert "Пълнота на информацията" in response.content.decode()
    assert client.get(REPORT, {"export": "csv"}).status_code == 403


# --- the editor -----------------------------------------------------------------------


@pytest.fixture
def manager(client, demo_site):
    user = staff_member(DIRECTORY_MANAGERS, "Moderators", language="bg")
    client.force_login(user)
    return user


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_editor_shows_each_services_score_beside_its_form(client, manager):
    page = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    html = client.get(edit(page)).content.decode()
    scores = [sdg.completeness(s).score for s in page.e_services.all()]
    for score in scores:
        assert f'data-sdg-score="{score}"' in html
    assert f"Пълнота на информацията за Единния цифров портал: {sdg.TOTAL} от {sdg.TOTAL}" in html
    assert 'data-sdg-missing="evidence"' in html  # the building permit's
    assert "Необходими доказателства" in html


def _post(client, page, user, **fields):
    page = InstitutionPage.objects.get(pk=page.pk)  # its latest revision, not the one `page` was loaded with
    data = admin_form_data(page, user)
    for name, value in fields.items():
        data[f"e_services-0-{name}"] = [value]
    return client.post(edit(page), data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("legal_basis_url", "lex.bg законът", "URL адрес на правното основание: напишете пълния"),
        ("legal_basis_url", "ftp://lex.bg/act", "URL адрес на правното основание: напишете пълния"),
        ("cost_amount", "-5", "Цена: таксата не може да е отрицателна."),
    ],
)
def test_the_form_refuses_bad_values_naming_the_field_and_saves_nothing(
    client, manager, field, value, message
):
    page = make_institution(bg_directory(), services=[{}])
    revisions = page.revisions.count()
    extra = {"is_free": ""} if field == "cost_amount" else {}
    response = _post(client, page, manager, **{field: value, "cost_currency": "EUR", **extra})
    assert response.status_code == 200
    errors = response.context["form"].formsets["e_services"].errors[0]
    assert message in " ".join(errors[field]), errors
    assert message in response.content.decode()
    assert page.revisions.count() == revisions
    assert EService.objects.get(page=page).legal_basis_url == ""


def test_a_change_to_the_information_dates_it_today_unless_the_editor_dated_it(client, manager):
    page = make_institution(bg_directory(), services=[{}])
    EService.objects.filter(page=page).update(information_updated=datetime.date(2025, 1, 1))
    page.save_revision().publish()
    response = _post(client, page, manager, steps="Първа стъпка\r\nВтора стъпка")
    assert response.status_code == 302, response.context["form"].formsets["e_services"].errors
    service = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().e_services.all()[0]
    assert service.information_updated == timezone.localdate()
    assert service.steps == "Първа стъпка\nВтора стъпка"  # one line ending
    response = _post(client, page, manager, redress="Жалба до кмета", information_updated="2026-05-04")
    assert response.status_code == 302
    service = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().e_services.all()[0]
    assert service.information_updated == datetime.date(2026, 5, 4)
    response = _post(client, page, manager)  # nothing changed: the date stays
    service = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().e_services.all()[0]
    assert service.information_updated == datetime.date(2026, 5, 4)


# --- the import -----------------------------------------------------------------------


def _file(page, **changes):
    """The institution's export row(s) with `changes` to the first e-service, as CSV bytes."""
    cells = [dict(zip(columns.HEADER, row, strict=True)) for row in columns.rows([page])]
    cells[0].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns.HEADER)
    writer.writeheader()
    writer.writerows(cells)
    return out.getvalue().encode()


def test_the_import_reads_and_dates_the_information(demo_site):
    page = make_institution(bg_directory(), services=[{}])
    service = page.e_services.get()
    EService.objects.filter(pk=service.pk).update(information_updated=datetime.date(2025, 1, 1))
    page.save_revision().publish()
    content = _file(
        page,
        service_steps="Стъпка 1\nСтъпка 2",
        service_legal_basis_url="https://lex.bg/act",
        service_legal_basis_title="Закон",
        service_tacit_approval="yes",
        service_information_updated="",
    )
    result = import_file("sdg.csv", content)
    assert result.services_updated == 1
    service.refresh_from_db()
    assert (service.steps, service.legal_basis_url, service.tacit_approval) == (
        "Стъпка 1\nСтъпка 2",
        "https://lex.bg/act",
        "yes",
    )
    assert service.information_updated == timezone.localdate()
    assert not import_file("sdg.csv", _file(page)).changed  # its own export: 0 changes
    # a file without the SDG columns keeps the information
    header = [
        c for c in columns.IMPORTED if c not in columns.BY_NAME or not columns.BY_NAME[c].keep_if_absent
    ]
    rows = [dict(zip(columns.HEADER, row, strict=True)) for row in columns.rows([page])]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    assert not import_file("old.csv", out.getvalue().encode()).changed
    service.refresh_from_db()
    assert service.steps == "Стъпка 1\nСтъпка 2"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"service_legal_basis_url": "lex.bg/закон"},
            "Ред 2, колона service_legal_basis_url: не е уеб адрес: 'lex.bg/закон'",
        ),
        (
            {"service_cost": "-5 EUR"},
            "Ред 2, колона service_cost: таксата не може да е отрицателна: '-5 EUR'",
        ),
        (
            {"service_tacit_approval": "maybe"},
            "Ред 2, колона service_tacit_approval: 'maybe' не е от yes, no",
        ),
        ({"service_information_updated": "вчера"}, "Ред 2, колона service_information_updated: не е дата"),
    ],
)
def test_the_import_refuses_bad_information_naming_the_column_and_writes_nothing(
    demo_site, changes, expected
):
    from django.utils import translation

    page = make_institution(bg_directory(), services=[{}])
    before = (Page.objects.count(), EService.objects.count(), page.revisions.count())
    with translation.override("bg"), pytest.raises(ImportFileError) as error:
        import_file("bad.csv", _file(page, **changes))
    assert any(expected in str(p) for p in error.value.problems), error.value.problems
    assert (Page.objects.count(), EService.objects.count(), page.revisions.count()) == before
    assert EService.objects.get(page=page).information_updated is None


# --- the public row -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "bg",
            [
                "Как се кандидатства",
                "Правно основание",
                "Последна актуализация",
                "Закон за гражданската регистрация",
            ],
        ),
        ("ro", ["Cum se solicită", "Temei legal", "Ultima actualizare", "Legea înregistrării civile"]),
        ("en", ["How to apply", "Legal basis", "Last updated", "Civil Registration Act"]),
    ],
)
def test_the_public_row_shows_what_is_known_and_when_it_was_updated(client, demo_site, language, texts):
    html = client.get(f"/{language}/directory/ruse-municipality/").content.decode()
    for text in texts:
        assert text in html, text
    assert '<time datetime="2026-10-01">' in html
    assert '<a href="https://lex.bg/" rel="noopener">' in html
    # an untold service shows no empty section
    told = html.count('class="e-services__sdg"')
    services = EService.objects.filter(page__slug="ruse-municipality", locale__language_code=language)
    assert told == sum(1 for s in services if s.has_sdg_information) == 3

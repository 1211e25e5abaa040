"""The directory import (admin upload and `import_directory`): the importing
user on every revision and in the page history, new institutions in all three
locales, all or nothing, a localized report with a line per problem, and any
export of the directory re-importing with no change."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.users.models import UserProfile

from directory import columns
from directory.importer import ImportFileError, import_file
from directory.models import EService, InstitutionPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "directory" / "fixtures" / "institutions-sample.csv"
URL = "/admin/directory/import/"


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directory", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        EService.objects.count(),
        PageLogEntry.objects.count(),
    )


def sample_rows():
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def csv_bytes(rows, header=columns.IMPORTED, delimiter=","):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def manager(language="bg"):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Directory managers"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def upload(client, content, name="directory.csv", locale="bg", dry_run=False):
    data = {"file": SimpleUploadedFile(name, content), "locale": locale}
    data["dry_run" if dry_run else "import"] = "1"
    return client.post(URL, data)


def problems_in(response):
    return [str(p) for p in response.context["problems"]]


# --- a real run, as the importing user, in every locale ------------------------


def test_import_publishes_revisions_by_the_user_in_all_three_locales(demo_site, client):
    user = manager()
    client.force_login(user)
    before = counts()
    response = upload(client, SAMPLE.read_bytes())
    assert response.status_code == 200, problems_in(response)
    report = response.content.decode()
    assert "3 институции създадени" in report and "3 е-услуги добавени" in report

    tutrakan = InstitutionPage.objects.get(registry_id="000565124", locale__language_code="bg")
    assert tutrakan.live and tutrakan.title == "Община Тутракан" and tutrakan.owner == user
    assert tutrakan.live_revision.user == user
    actions = set(PageLogEntry.objects.filter(page=tutrakan).values_list("action", "user"))
    assert {("wagtail.create", user.pk), ("wagtail.edit", user.pk), ("wagtail.publish", user.pk)} <= actions
    permit = tutrakan.e_services.get(name="Издаване на разрешение за строеж")
    assert (permit.is_free, permit.cost_amount, permit.cost_currency) == (False, 40, "EUR")

    versions = InstitutionPage.objects.filter(translation_key=tutrakan.translation_key)
    assert sorted(p.locale.language_code for p in versions) == ["bg", "en", "ro"]
    for page in versions:
        assert page.live and page.e_services.count() == 2
        assert client.get(page.url).status_code == 200
    after = counts()
    assert after[0] == before[0] + 3 * 3

    again = upload(client, SAMPLE.read_bytes()).content.decode()
    assert "3 институции без промяна" in again
    assert "създадени" not in again and "обновени" not in again  # zero counts are not listed
    assert counts() == after  # no page, revision, e-service or log entry


def test_a_changed_row_updates_that_institution_only(demo_site, client):
    user = manager()
    client.force_login(user)
    upload(client, SAMPLE.read_bytes())
    rows = sample_rows()
    for row in rows:
        if row["registry_id"] == "000565124":
            row["phone"] = "+359 866 111 222"
    before = counts()
    response = upload(client, csv_bytes(rows))
    html = response.content.decode()
    assert "1 институция обновена" in html and "2 институции без промяна" in html
    assert counts()[1] == before[1] + 1  # one revision (the aliases follow without one)
    for page in InstitutionPage.objects.filter(registry_id="000565124"):  # bg and its aliases
        assert page.phone == "+359 866 111 222"
    tutrakan = InstitutionPage.objects.get(registry_id="000565124", locale__language_code="bg")
    assert tutrakan.live_revision.user == user


def test_dry_run_reports_in_the_users_language_and_writes_nothing(demo_site, client):
    client.force_login(manager("ro"))
    before = counts()
    response = upload(client, SAMPLE.read_bytes(), dry_run=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verificare: nu s-a scris nimic." in html
    assert "3 instituții create" in html and "3 e-servicii adăugate" in html
    assert "1 e-serviciu" not in html
    assert counts() == before


def test_command_records_the_user_and_reports_in_english(demo_site):
    user = manager()
    assert "Dry run, nothing was written: 3 institutions created" in run(
        SAMPLE, "--dry-run", "--user", user.username
    )
    output = run(SAMPLE, "--user", user.username)
    assert output.startswith("3 institutions created; 0 institutions updated")
    page = InstitutionPage.objects.get(registry_id="48745515", locale__language_code="bg")
    assert page.live_revision.user == user
    with pytest.raises(CommandError, match="No active user"):
        run(SAMPLE, "--user", "nobody")


def test_xlsx_and_semicolon_csv_import_the_same(demo_site):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(columns.IMPORTED)
    for row in sample_rows():
        sheet.append([row[c] for c in columns.IMPORTED])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(import_file("sample.xlsx", buffer.getvalue(), dry_run=True).created) == 3
    semicolons = csv_bytes(sample_rows(), delimiter=";")
    assert len(import_file("excel.csv", semicolons, dry_run=True).created) == 3


# --- round trip: every export re-imports with no change -------------------------


def _reimport(content, name, locale):
    before = counts()
    result = import_file(name, content, locale=locale, dry_run=True)
    assert (result.created, result.updated, result.services_created, result.services_updated) == (
        [],
        [],
        0,
        0,
    )
    assert result.unchanged
    result = import_file(name, content, locale=locale)
    assert not result.changed and counts() == before
    return result


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_admin_directory_export_reimports_unchanged(
    demo_site, client, language, django_assert_max_num_queries
):
    client.force_login(manager())
    import_file("sample.csv", SAMPLE.read_bytes())  # new pages too, with aliases in ro and en
    with django_assert_max_num_queries(20):
        response = client.get(f"/admin/directory/export/{language}.csv")
    assert response.status_code == 200
    content = response.content
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header == columns.HEADER
    result = _reimport(content, "export.csv", language)
    assert len(result.unchanged) == InstitutionPage.objects.filter(locale__language_code=language).count()

    xlsx = client.get(f"/admin/directory/export/{language}.xlsx")
    assert xlsx.status_code == 200
    _reimport(xlsx.content, "export.xlsx", language)


def test_public_csvs_and_register_export_reimport_unchanged(demo_site, client, admin_client):
    institutions = client.get("/api/directory/institutions.csv?locale=bg").content
    assert len(_reimport(institutions, "institutions.csv", "bg").unchanged) == 35
    services = client.get("/en/directory/e-services/csv/?region=RO314").content
    assert _reimport(services, "e-services.csv", "en").unchanged
    for export in ("csv", "xlsx"):
        response = admin_client.get(f"/admin/directory/eservice/?locale=ro&export={export}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _reimport(body, f"register.{export}", "ro")


# --- who may import -------------------------------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators (bg)"])
def test_other_staff_get_no_menu_item_and_403(demo_site, client, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert URL not in dashboard.content.decode()
    assert client.get(URL).status_code == 403
    assert upload(client, SAMPLE.read_bytes()).status_code == 403
    assert client.get("/admin/directory/export/bg.csv").status_code == 403
    assert not InstitutionPage.objects.filter(registry_id="000565124").exists()


def test_directory_managers_see_the_menu_item_and_may_edit_institutions(demo_site, client):
    user = manager()
    client.force_login(user)
    assert URL in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 200
    ruse = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    permissions = ruse.permissions_for_user(user)
    assert permissions.can_edit() and permissions.can_publish()
    news = Page.objects.get(slug="news", locale__language_code="bg")
    assert not news.permissions_for_user(user).can_edit()


def test_a_new_directory_page_is_equipped_for_directory_managers(demo_site):
    from wagtail.models import GroupPagePermission

    from directory.models import DirectoryIndexPage

    group = Group.objects.get(name="Directory managers")
    for index in DirectoryIndexPage.objects.all():
        codenames = set(
            GroupPagePermission.objects.filter(group=group, page=index).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page", "publish_page"}, index.locale


# --- what a file may not change -------------------------------------------------


def test_an_alias_is_changed_in_its_source_language(demo_site, client):
    import_file("sample.csv", SAMPLE.read_bytes(), locale="bg")
    rows = sample_rows()
    rows[0]["phone"] = rows[1]["phone"] = "+359 866 111 222"
    client.force_login(manager("ro"))
    before = counts()
    response = upload(client, csv_bytes(rows), locale="ro")
    assert response.status_code == 400
    [problem] = problems_in(response)
    assert problem.startswith("Rândul 2, coloana registry_id: Община Тутракан")
    assert "bulgară" in problem
    assert counts() == before


def test_a_translation_is_changed_in_the_translation_editor(demo_site):
    content = csv_bytes(
        [
            {**row, "phone": "+40 246 000 000"}
            for row in csv.DictReader(io.StringIO(_export("ro").decode("utf-8-sig")))
            if row["registry_id"]
            == InstitutionPage.objects.get(
                slug="giurgiu-municipality", locale__language_code="ro"
            ).registry_id
        ],
        header=columns.HEADER,
    )
    before = counts()
    with translation.override("en"), pytest.raises(ImportFileError) as error:
        import_file("giurgiu.csv", content, locale="ro")
    assert "is a translation made in the translation editor" in str(error.value.problems[0])
    assert counts() == before


def _export(language):
    from django.test import Client

    client = Client()
    user = manager()
    client.force_login(user)
    return client.get(f"/admin/directory/export/{language}.csv").content


def test_unpublished_changes_are_not_overwritten(demo_site):
    import_file("sample.csv", SAMPLE.read_bytes())
    page = InstitutionPage.objects.get(registry_id="000193211", locale__language_code="bg")
    page.title = "Община Козлодуй (чернова)"
    page.save_revision()
    rows = sample_rows()
    rows[-1]["phone"] = "+359 973 800 00"
    with translation.override("bg"), pytest.raises(ImportFileError) as error:
        import_file("sample.csv", csv_bytes(rows))
    assert "има непубликувани промени" in str(error.value.problems[0])


# --- bad input: a localized line per problem, nothing written ------------------


def test_bad_values_are_reported_per_row_in_bulgarian(demo_site, client):
    rows = sample_rows()
    rows[0]["registry_id"] = "123456789"  # wrong check digit
    rows[1]["latitude"] = "48.5"  # north of Bulgaria
    rows[2]["region"] = "RO999"
    rows[3]["service_channel"] = "fax"
    rows[3]["service_name"] = "Something"
    rows[3]["service_category"] = "local-taxes"
    client.force_login(manager())
    before = counts()
    response = upload(client, csv_bytes(rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Открити са 4 проблема; нищо не е внесено." in html
    report = problems_in(response)
    assert report[0].startswith("Ред 2, колона registry_id: '123456789' не е валиден български ЕИК/БУЛСТАТ")
    assert report[1] == "Ред 3, колона latitude: координатите 48.5, 26.6125 са извън България"
    assert report[2] == "Ред 4, колона region: непознат NUTS-3 регион 'RO999'"
    assert report[3] == "Ред 5, колона service_channel: 'fax' не е от online, assisted, in_person"
    assert counts() == before


@pytest.mark.parametrize("value", ["NaN", "nan", "sNaN", "Infinity", "-inf", "abc"])
def test_a_coordinate_that_is_no_number_is_reported_not_a_crash(demo_site, client, value):
    rows = sample_rows()
    rows[1]["longitude"] = value
    client.force_login(manager())
    before = counts()
    response = upload(client, csv_bytes(rows))
    assert response.status_code == 400
    assert problems_in(response) == [f"Ред 3, колона longitude: не е число: {value!r}"]
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("colours.csv", b"name,colour\nX,red\n", "Ред 1, колона colour: непозната колона"),
        (
            "twice.csv",
            b"registry_id,registry_id\n1,2\n",
            "Ред 1, колона registry_id: колоната се среща повече от веднъж",
        ),
        ("ansi.csv", "registry_id,name\n000565124,Община Тутракан\n".encode("cp1251"), "не е текст в UTF-8"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "не е четима XLSX таблица"),
        ("empty.csv", b"\xef\xbb\xbf\n\n", "Ред 1, колона -: файлът е празен"),
        (
            "many.csv",
            ("registry_id\n" + "1\n" * 5001).encode(),
            "файлът има 5001 реда; внасяйте най-много 5000 наведнъж",
        ),
    ],
)
def test_bad_files_get_a_localized_message_and_nothing_is_written(demo_site, client, name, content, expected):
    client.force_login(manager())
    before = counts()
    response = upload(client, content, name=name)
    assert response.status_code == 400
    assert any(expected in p for p in problems_in(response)), problems_in(response)
    assert counts() == before


def test_missing_required_columns_are_each_reported(demo_site):
    with translation.override("ro"), pytest.raises(ImportFileError) as error:
        import_file("x.csv", b"name\nX\n")
    problems = [str(p) for p in error.value.problems]
    assert "Rândul 1, coloana registry_id: lipsește o coloană obligatorie" in problems
    assert "Rândul 1, coloana region: lipsește o coloană obligatorie" in problems


def test_too_large_and_wrong_type_uploads_are_refused_by_the_form(demo_site, client):
    client.force_login(manager())
    before = counts()
    response = upload(client, b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "Файлът е по-голям от 5 MB." in response.content.decode()
    response = upload(client, b"hello", name="list.txt")
    assert response.status_code == 400
    assert "Файлът трябва да завършва на .csv или .xlsx." in response.content.decode()
    assert counts() == before


def test_dry_run_of_a_change_to_a_translated_source_emails_nobody(demo_site, client, mailoutbox):
    translator = UserFactory(email="translator-ro@example.org")
    translator.groups.add(Group.objects.get(name="Translators (ro)"))
    ruse = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    client.force_login(manager())
    rows = [
        {**row, "phone": "+359 82 000 111"}
        for row in csv.DictReader(
            io.StringIO(client.get("/admin/directory/export/bg.csv").content.decode("utf-8-sig"))
        )
        if row["registry_id"] == ruse.registry_id
    ]
    content = csv_bytes(rows, header=columns.HEADER)
    before = counts()
    response = upload(client, content, dry_run=True)
    assert "1 институция обновена" in response.content.decode()
    assert counts() == before and mailoutbox == []
    upload(client, content)  # the real run publishes, and the Romanian translator hears of it
    ruse.refresh_from_db()
    assert ruse.phone == "+359 82 000 111"
    assert [message.to for message in mailoutbox] == [["translator-ro@example.org"]]

"""import_directory and the admin upload: all or nothing, idempotent, and a
`row N, column X: problem` line for every bad row."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from directory.importer import COLUMNS
from directory.models import EService, InstitutionPage

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "directory" / "fixtures" / "institutions-sample.csv"


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directory", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def counts():
    return Page.objects.count(), Revision.objects.count(), EService.objects.count()


def sample_rows():
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(tmp_path, rows, columns=COLUMNS, name="file.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_sample_imports_and_reimport_changes_nothing(demo_site):
    before = counts()
    output = run(SAMPLE)
    assert "3 institutions created" in output and "3 e-services created" in output
    tutrakan = InstitutionPage.objects.get(registry_id="000565124", locale__language_code="bg")
    assert tutrakan.live and tutrakan.title == "Община Тутракан"
    assert tutrakan.nuts_region.nuts_code == "BG325"
    permit = tutrakan.e_services.get(name="Издаване на разрешение за строеж")
    assert (permit.is_free, permit.cost_amount, permit.cost_currency) == (False, 40, "EUR")
    after = counts()
    assert after[0] == before[0] + 3 * 3  # and their aliases in ro and en
    assert "0 institutions created, 0 updated, 3 unchanged" in run(SAMPLE)
    assert counts() == after


def test_reimport_with_a_change_updates_that_institution(demo_site, tmp_path):
    run(SAMPLE)
    rows = sample_rows()
    for row in rows:
        if row["registry_id"] == "000565124":
            row["phone"] = "+359 866 111 222"
    output = run(write_csv(tmp_path, rows))
    assert "0 institutions created, 1 updated, 2 unchanged" in output
    for page in InstitutionPage.objects.filter(registry_id="000565124"):  # bg and its aliases
        assert page.phone == "+359 866 111 222"


def test_dry_run_writes_nothing(demo_site):
    before = counts()
    assert "Dry run" in run(SAMPLE, "--dry-run")
    assert counts() == before


def test_xlsx_imports_the_same(demo_site, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in sample_rows():
        sheet.append([row[c] for c in COLUMNS])
    path = tmp_path / "sample.xlsx"
    workbook.save(path)
    assert "3 institutions created" in run(path)
    assert (
        InstitutionPage.objects.filter(registry_id="48745516").exists()
        or InstitutionPage.objects.filter(locality="Oltenița").exists()
    )


def test_bad_file_reports_every_row_and_writes_nothing(demo_site, tmp_path):
    rows = sample_rows()
    rows[0]["registry_id"] = "123456789"  # wrong check digit
    rows[1]["latitude"] = "48.5"  # north of Bulgaria
    rows[2]["region"] = "RO999"
    rows[3]["service_channel"] = "fax"
    rows[3]["service_name"] = "Something"
    rows[3]["service_category"] = "local-taxes"
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_directory", str(write_csv(tmp_path, rows)), stderr=err, stdout=io.StringIO())
    report = err.getvalue()
    assert "row 2, column registry_id: '123456789' is not a valid Bulgarian EIK/BULSTAT" in report
    assert "row 3, column latitude: coordinates 48.5, 26.6125 lie outside Bulgaria" in report
    assert "row 4, column region: unknown NUTS-3 region 'RO999'" in report
    assert "row 5, column service_channel: 'fax' is not one of online, assisted, in_person" in report
    assert counts() == before


def test_wrong_columns_are_reported(demo_site, tmp_path):
    path = write_csv(tmp_path, [{"name": "X"}], columns=["name", "colour"])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_directory", str(path), stderr=err, stdout=io.StringIO())
    report = err.getvalue()
    assert "row 1, column colour: unknown column" in report
    assert "row 1, column registry_id: required column is missing" in report
    assert "row 1, column region: required column is missing" in report


def test_admin_upload_shows_the_same_report(demo_site, admin_client, tmp_path):
    rows = sample_rows()
    rows[2]["region"] = "BG323"  # a Bulgarian region for a Romanian institution
    upload = SimpleUploadedFile("bad.csv", write_csv(tmp_path, rows).read_bytes(), content_type="text/csv")
    before = counts()
    response = admin_client.post("/admin/directory/import/", {"file": upload, "locale": "bg"})
    assert response.status_code == 400
    assert "row 4, column region: BG323 is not in RO" in response.content.decode()
    assert counts() == before
    good = SimpleUploadedFile("good.csv", SAMPLE.read_bytes(), content_type="text/csv")
    response = admin_client.post("/admin/directory/import/", {"file": good, "locale": "bg"})
    assert response.status_code == 200
    assert "3 institutions created" in response.content.decode()


def test_admin_upload_rejects_other_file_types(demo_site, admin_client):
    upload = SimpleUploadedFile("list.txt", b"hello", content_type="text/plain")
    response = admin_client.post("/admin/directory/import/", {"file": upload, "locale": "bg"})
    assert response.status_code == 400
    # the admin speaks the site default language (bg) to this user
    assert "Файлът трябва да завършва на .csv или .xlsx." in response.content.decode()

"""One column schema (directory/columns.py) for the import, every export and
the docs: README's table is the schema's, the sample file uses its headers, and
the admin shows each column with a label in the user's language."""

import csv
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from directory import columns
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_readme_documents_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Importing the directory") :]
    assert columns.markdown_table() in section, "README's column table differs from directory/columns.py"


def test_names_are_stable_snake_case_and_unique():
    assert len(set(columns.HEADER)) == len(columns.HEADER)
    assert all(name.isascii() and name == name.lower() and " " not in name for name in columns.HEADER)
    assert columns.REQUIRED == ["registry_id", "country", "name", "type", "region"]
    assert [c.name for c in columns.COLUMNS if c.read_only] == ["institution_url"]


def test_the_sample_file_uses_the_schema():
    with (ROOT / "directory" / "fixtures" / "institutions-sample.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == columns.IMPORTED


def test_every_column_has_a_label_and_format_in_bulgarian_and_romanian():
    for language in ("bg", "ro"):
        with translation.override(language):
            for column in columns.COLUMNS:
                with translation.override("en"):
                    english = (str(column.label), str(column.format))
                localized = (str(column.label), str(column.format))
                # codes ("BG or RO" → "BG или RO") still change; a plain "text" may not in Romanian
                assert localized[0] != english[0] or language == "ro" and english[0] == "Cost", (
                    language,
                    column.name,
                    "label",
                )
                assert localized[1] != english[1] or english[1] == "text", (language, column.name, "format")


@pytest.mark.django_db
def test_the_import_page_lists_the_columns_with_localized_labels(demo_site, client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Directory managers"))
    client.force_login(user)
    html = client.get("/admin/directory/import/").content.decode()
    for column in columns.COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert "Регистрационен идентификатор" in html
    assert "Географска ширина" in html and "Срок (работни дни)" in html

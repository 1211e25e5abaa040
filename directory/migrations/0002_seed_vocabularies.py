"""Seed the 15 NUTS-3 regions, the institution types and the service
categories in bg, ro and en (see directory/vocabularies.py)."""

from django.db import migrations

from directory.vocabularies import ensure_vocabularies


def seed(apps, schema_editor):
    ensure_vocabularies(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("directory", "Region"),
        apps.get_model("directory", "InstitutionType"),
        apps.get_model("directory", "ServiceCategory"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("home", "0002_initial_site"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Locales bg/ro/en, the Bulgarian HomePage as the site root, and tree sync
of ro and en from bg (wagtail-localize), so a fresh database serves /bg/."""

from django.db import migrations

LANGUAGES = ["bg", "ro", "en"]


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}

    page_ct = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_ct, slug="home", depth=2).delete()
    Site.objects.all().delete()

    homepage_ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Начало",
        draft_title="Начало",
        hero_title="E-GoverNet",
        slug="home",
        content_type=homepage_ct,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locales["bg"],
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="E-GoverNet"
    )
    for code in ("ro", "en"):
        LocaleSynchronization.objects.get_or_create(locale=locales[code], defaults={"sync_from": locales["bg"]})


def remove_site(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_site, remove_site)]

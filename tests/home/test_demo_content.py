"""`load_demo` builds the site in three languages through wagtail-localize and is idempotent.

The session's test database is built with `load_demo` (tests/conftest.py), so
these tests look at what it produced and run it again."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from home.models import AccessibilityStatementPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def run_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_builds_every_locale_with_real_translation_records(demo_site):
    for language in ("bg", "ro", "en"):
        home = HomePage.objects.get(locale__language_code=language)
        assert home.live
        slugs = set(StandardPage.objects.child_of(home).live().values_list("slug", flat=True))
        assert {"about", "network", "privacy"} <= slugs
        assert AccessibilityStatementPage.objects.child_of(home).live().filter(slug="accessibility").exists()
    # every ro/en page is a wagtail-localize translation of its bg source, not a copy or an alias
    for page in Page.objects.filter(locale__language_code__in=["ro", "en"], depth__gt=1):
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale
        ).exists(), page
    assert not Page.objects.filter(alias_of__isnull=False).exists()
    assert StringTranslation.objects.filter(locale__language_code="ro").exists()
    about_ro = StandardPage.objects.get(slug="about", locale__language_code="ro")
    assert about_ro.title == "Despre proiect"
    assert "Interreg V-A România–Bulgaria" in str(about_ro.body)


def test_second_run_changes_nothing_and_says_so(demo_site):
    counts = (Page.objects.count(), Revision.objects.count(), StringTranslation.objects.count())
    output = run_demo()
    assert "already loaded; nothing changed" in output
    assert (Page.objects.count(), Revision.objects.count(), StringTranslation.objects.count()) == counts


def test_a_run_restores_what_is_missing(demo_site):
    StandardPage.objects.get(slug="privacy", locale__language_code="en").delete()
    output = run_demo()
    assert "created page privacy (en)" in output
    assert "Demo content loaded: 1 items created." in output
    restored = StandardPage.objects.get(slug="privacy", locale__language_code="en")
    assert restored.title == "Privacy" and restored.live


def test_tree_is_consistent_after_loading(demo_site):
    for home in HomePage.objects.all():
        assert home.numchild == home.get_children().count() >= 4

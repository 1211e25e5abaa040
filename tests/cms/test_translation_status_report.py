"""The translators' report and dashboard panel count what the test creates."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from cms import translation_status as ts
from cms.roles import translators_group_name
from cms.translation import translate_object
from home.models import HomePage, StandardPage
from tests.factories import StandardPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(demo_site):
    """One page per state in ro: alias, missing, in progress, outdated; plus the demo's translated pages."""
    baseline = ts.counts_by_locale(ts.all_rows())  # what the demo content already contributes
    bg_home = HomePage.objects.get(locale__language_code="bg")
    ro, en = Locale.objects.get(language_code="ro"), Locale.objects.get(language_code="en")

    aliased = publish(
        StandardPageFactory(parent=bg_home, title="Псевдоним", slug="aliased")
    )  # aliased on creation
    assert aliased.get_translation(en).alias_of_id == aliased.pk

    missing = publish(StandardPageFactory(parent=bg_home, title="Липсва", slug="missing", intro=""))
    missing.get_translation(ro).delete()  # as for a page made before every page was synced

    partial = publish(
        StandardPageFactory(parent=bg_home, title="Частично", slug="partial", intro="Непреведено")
    )
    translate_object(partial, "ro", {"Частично": "Parțial"}, strict=False)

    outdated = publish(StandardPageFactory(parent=bg_home, title="Остаряла", slug="outdated", intro=""))
    translate_object(outdated, "ro", {"Остаряла": "Învechită"})
    publish(StandardPage.objects.get(pk=outdated.pk))

    return {
        "aliased": aliased,
        "missing": missing,
        "partial": partial,
        "outdated": outdated,
        "baseline": baseline,
    }


def rows_for(slug_page, locale):
    return [
        r
        for r in ts.page_rows()
        if r.translation_key == str(slug_page.translation_key) and r.locale == locale
    ]


def test_each_state_is_recognised(states):
    assert rows_for(states["aliased"], "ro")[0].state == ts.ALIAS
    assert rows_for(states["missing"], "ro")[0].state == ts.MISSING
    partial = rows_for(states["partial"], "ro")[0]
    assert partial.state == ts.IN_PROGRESS and partial.progress == (2, 1) and partial.percent == 50
    assert rows_for(states["outdated"], "ro")[0].state == ts.OUTDATED
    assert rows_for(states["outdated"], "bg")[0].state == ts.SOURCE
    about = StandardPage.objects.get(slug="about", locale__language_code="bg")
    assert rows_for(about, "ro")[0].state == ts.TRANSLATED


def test_report_counts_match_the_states_created(client, states, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("cms_translation_status"), {"locale": "ro"})
    assert response.status_code == 200
    counts = response.context["counts"]["ro"]
    before = states["baseline"]["ro"]
    assert counts[ts.ALIAS] == before[ts.ALIAS] + 1
    assert counts[ts.MISSING] == before[ts.MISSING] + 1
    assert counts[ts.IN_PROGRESS] == before[ts.IN_PROGRESS] + 1
    assert counts[ts.OUTDATED] == before[ts.OUTDATED] + 1
    assert counts[ts.TRANSLATED] == before[ts.TRANSLATED]  # the fixture translated nothing completely
    translated_ro_pages = (
        StandardPage.objects.filter(locale__language_code="ro", alias_of__isnull=True).count() - 2
    )
    assert counts[ts.TRANSLATED] >= translated_ro_pages > 0
    assert response.context["total"] == sum(counts.values())


def test_report_filters_and_exports(client, states, admin_user):
    client.force_login(admin_user)
    response = client.get(
        reverse("cms_translation_status"), {"locale": "ro", "state": "needs_work", "export": "csv"}
    )
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    titles = {line[2] for line in lines[1:]}
    assert {"Псевдоним", "Липсва", "Parțial", "Învechită"} <= titles
    assert "Despre proiect" not in titles

    response = client.get(reverse("cms_translation_status"), {"type": "home.HomePage", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == 3 and {row[4] for row in values} == {"bg", "ro", "en"}


def test_dashboard_panel_shows_a_translators_own_language(client, states):
    translator = UserFactory()
    translator.groups.add(Group.objects.get(name=translators_group_name("ro")))
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-panel"' in html
    assert 'data-locale="ro"' in html and 'data-locale="en"' not in html
    before = states["baseline"]["ro"]
    outdated = before[ts.OUTDATED] + 1
    untranslated = sum(before[s] for s in (ts.MISSING, ts.ALIAS, ts.IN_PROGRESS)) + 3
    assert f'<span data-count="outdated">{outdated}</span>' in html
    assert f'<span data-count="untranslated">{untranslated}</span>' in html


def test_report_needs_admin_access(client, states):
    response = client.get(reverse("cms_translation_status"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_filters_are_labelled_in_the_users_language(client, states):
    from django.contrib.auth.models import Permission
    from django.utils import translation
    from django.utils.text import capfirst
    from wagtail.models import Page
    from wagtail.users.models import UserProfile

    from news.models import NewsPage

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ro"
    profile.save()
    client.force_login(user)
    response = client.get(reverse("cms_translation_status"))
    assert response.status_code == 200
    types = dict(response.context["types"])
    with translation.override("ro"):
        assert types["news.NewsPage"] == capfirst(NewsPage._meta.verbose_name) != "News page"
    assert not any("." in label for label in types.values())
    sections = dict(response.context["sections"])
    ro_titles = {p.title: p.translation_key for p in Page.objects.filter(depth=3, locale__language_code="ro")}
    expected = {str(key): title for title, key in ro_titles.items()}
    # a section without a ro version is named in the default language
    for page in Page.objects.filter(depth=3, locale__language_code="bg"):
        expected.setdefault(str(page.translation_key), page.title)
    assert sections == expected
    assert sections[str(states["missing"].translation_key)] == "Липсва"

    # a section filter covers its pages in every language
    key = str(ro_titles["Știri"]) if "Știri" in ro_titles else next(iter(sections))
    response = client.get(reverse("cms_translation_status"), {"section": key, "export": "csv"})
    lines = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    assert lines and {line[4] for line in lines} == {"bg", "ro", "en"}
    assert {line[3] for line in lines} == {sections[key]}

"""The institution editor's admin home: their entry (link to edit), e-services
with last_reviewed (overdue ones flagged in words), their drafts, what waits
for review and their institution's untranslated or outdated pages — in a fixed
number of queries."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from directory.models import EService, InstitutionPage
from directory.network import add_editor
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db

OLD = timezone.localdate() - datetime.timedelta(days=400)
RECENT = timezone.localdate() - datetime.timedelta(days=30)


def editor_of(*institutions, username="ed", language="bg"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    for institution in institutions:
        add_editor(user, institution)
    return user


def institution_with_services(title, reviewed=OLD):
    page = make_institution(
        bg_directory(), title=title, services=[{}, {}], membership_role="member", last_reviewed=reviewed
    )
    old, recent = EService.objects.filter(page=page).order_by("sort_order", "pk")
    EService.objects.filter(pk=old.pk).update(last_reviewed=OLD)
    EService.objects.filter(pk=recent.pk).update(last_reviewed=RECENT)
    return page, old, recent


def panel(response):
    """The dashboard's HTML from the institution panel on."""
    html = response.content.decode()
    start = html.find('id="institution-dashboard-section"')
    assert start != -1, "the institution panel is on the dashboard"
    return html[start:]


def test_the_dashboard_shows_the_entry_services_drafts_reviews_and_translations(client, demo_site):
    mine, old, recent = institution_with_services("Община Тест")
    second, _old2, _recent2 = institution_with_services("Община Втора", reviewed=RECENT)
    other, _o, _r = institution_with_services("Чужда институция")
    editor = editor_of(mine, second)
    # A draft of theirs (the first institution) and a change waiting for review (the second).
    draft = InstitutionPage.objects.get(pk=mine.pk)
    draft.phone = "+359 82 000 111"
    draft.save_revision(user=editor)
    submitted = InstitutionPage.objects.get(pk=second.pk)
    submitted.phone = "+359 82 000 222"
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = panel(response)
    assert "Вашата институция" in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[mine.pk])}"' in html
    assert "Община Тест" in html and "Чужда институция" not in html
    # The overdue flag is text, not only colour.
    old_row = re.search(rf'<tr data-service="{old.pk}" data-overdue>.*?</tr>', html, re.S).group(0)
    assert "Предстои преглед" in old_row
    recent_row = re.search(rf'<tr data-service="{recent.pk}">.*?</tr>', html, re.S).group(0)
    assert "Актуално" in recent_row and "Предстои преглед" not in recent_row
    assert "Предстои преглед (над 12 месеца)" in html  # the entry itself
    waiting = re.search(r"<ul data-waiting>.*?</ul>", html, re.S).group(0)
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[second.pk])}"' in waiting
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[mine.pk])}"' not in waiting
    drafts = re.search(r"<ul data-drafts>.*?</ul>", html, re.S).group(0)
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[mine.pk])}"' in drafts
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[second.pk])}"' not in drafts, (
        "in review, not a draft"
    )
    untranslated = re.search(r"<table[^>]*data-untranslated>.*?</table>", html, re.S).group(0)
    assert {"ro", "en"} <= set(re.findall(r'data-locale="(\w+)"', untranslated))
    assert "bg" not in re.findall(r'data-locale="(\w+)"', untranslated)


def test_other_users_get_no_institution_panel(client, demo_site):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'id="institution-dashboard-section"' not in response.content.decode()


def _dashboard_queries(client, user):
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_the_dashboard_costs_a_fixed_number_of_queries(client, demo_site, django_assert_max_num_queries):
    one, _old, _recent = institution_with_services("Първа")
    few = editor_of(one, username="one")
    InstitutionPage.objects.get(pk=one.pk).save_revision(user=few)
    small = _dashboard_queries(client, few)
    pages = [institution_with_services(f"Институция {n}")[0] for n in range(4)]
    many = editor_of(*pages, username="many")
    for page in pages:  # a draft of each: more rows everywhere, not more queries
        InstitutionPage.objects.get(pk=page.pk).save_revision(user=many)
    client.force_login(many)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_max_num_queries(small):
        assert client.get(reverse("wagtailadmin_home")).status_code == 200

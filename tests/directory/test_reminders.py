"""Review reminders: the network staff's report of entries and e-services last
reviewed more than 12 months ago, and the monthly e-mail to their institution
editors (once per editor and calendar month, in each editor's admin language)."""

import datetime
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.roles import MODERATORS
from directory.models import EService, InstitutionPage, ReviewReminder
from directory.network import add_editor
from directory.reminders import send_review_reminders
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


def today():
    # Asked each time: a module constant goes stale when a long run crosses midnight in Sofia.
    return timezone.localdate()


def old():
    return today() - datetime.timedelta(days=400)


def person(username, language=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def overdue_institution(title="Община Напомняне", *, entry=None, service=None, **extra):
    entry = entry or old()
    service = service or old()
    page = make_institution(
        bg_directory(), title=title, services=[{}], membership_role="member", last_reviewed=entry, **extra
    )
    EService.objects.filter(page=page).update(last_reviewed=service)
    return page


def test_the_report_lists_overdue_entries_and_services_for_network_staff(client, demo_site):
    mine = overdue_institution()
    fresh = overdue_institution("Прегледана", entry=today(), service=today())
    staff = person("moderator", "ro")
    staff.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(staff)
    response = client.get(reverse("directory_review_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De revizuit" in html  # the title in the viewer's language
    assert f'data-page="{mine.pk}"' in html and f'data-page="{fresh.pk}"' not in html
    service = EService.objects.get(page=mine)
    assert f'data-service="{service.pk}"' in html
    assert f'data-service="{EService.objects.get(page=fresh).pk}"' not in html
    # Demo content: two institutions reviewed in June 2025, with their e-services.
    for slug in ("vidin-municipality", "eastern-danube-bureau"):
        page = InstitutionPage.objects.get(slug=slug, locale__language_code="bg")
        assert f'data-page="{page.pk}"' in html
    # Each institution once (its source locale), not once per language.
    assert html.count(f'data-page="{mine.pk}"') == 1
    ro_copy = InstitutionPage.objects.get(translation_key=mine.translation_key, locale__language_code="ro")
    assert f'data-page="{ro_copy.pk}"' not in html


def test_the_report_is_refused_to_institution_editors(client, demo_site):
    editor = person("ed")
    add_editor(editor, overdue_institution())
    client.force_login(editor)
    response = client.get(reverse("directory_review_report"))
    assert response.status_code == 403
    assert "data-report" not in response.content.decode()


def test_reminders_go_once_a_month_in_each_editors_language(demo_site, caplog):
    ReviewReminder.objects.all().delete()
    mine = overdue_institution()
    bg_editor = person("ivan", "bg")
    ro_editor = person("ioana", "ro")
    add_editor(bg_editor, mine)
    add_editor(ro_editor, mine)
    mail.outbox = []

    with caplog.at_level(logging.INFO, logger="directory.reminders"):
        counts = send_review_reminders()
    mine_mails = {m.to[0]: m for m in mail.outbox if m.to[0] in (bg_editor.email, ro_editor.email)}
    assert set(mine_mails) == {bg_editor.email, ro_editor.email}
    bg_mail, ro_mail = mine_mails[bg_editor.email], mine_mails[ro_editor.email]
    assert bg_mail.subject == "2 записа на вашата институция очакват преглед"
    assert ro_mail.subject == "2 înregistrări ale instituției dumneavoastră așteaptă revizuirea"
    assert "Община Напомняне" in bg_mail.body
    assert reverse("wagtailadmin_pages:edit", args=[mine.pk]) in bg_mail.body
    assert old().isoformat() in ro_mail.body and "e-serviciul" in ro_mail.body
    assert counts["sent"] >= 2
    assert (
        ReviewReminder.objects.filter(user__in=[bg_editor, ro_editor], month=today().replace(day=1)).count()
        == 2
    )
    assert ReviewReminder.objects.get(user=ro_editor).language == "ro"
    assert any(f"review reminder sent to user {ro_editor.pk} (ro" in r.getMessage() for r in caplog.records)

    # The cron runs again the same month: nobody gets a second e-mail.
    mail.outbox = []
    call_command("send_review_reminders")
    assert [m for m in mail.outbox if m.to[0] in (bg_editor.email, ro_editor.email)] == []
    assert ReviewReminder.objects.filter(user__in=[bg_editor, ro_editor]).count() == 2

    # Next month they are reminded again (still overdue).
    mail.outbox = []
    next_month = (today().replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
    send_review_reminders(today=next_month)
    assert {m.to[0] for m in mail.outbox} >= {bg_editor.email, ro_editor.email}
    assert ReviewReminder.objects.filter(user=bg_editor).count() == 2


def test_nothing_overdue_means_no_mail_and_ended_members_are_left_out(demo_site):
    ReviewReminder.objects.all().delete()
    fresh = overdue_institution("Прегледана", entry=today(), service=today())
    ended = overdue_institution("Бивш член", member_until=today() - datetime.timedelta(days=1))
    editor_of_fresh = person("fresh")
    editor_of_ended = person("ended")
    add_editor(editor_of_fresh, fresh)
    add_editor(editor_of_ended, ended)
    mail.outbox = []
    send_review_reminders()
    recipients = {m.to[0] for m in mail.outbox}
    assert editor_of_fresh.email not in recipients
    assert editor_of_ended.email not in recipients
    assert not ReviewReminder.objects.filter(user__in=[editor_of_fresh, editor_of_ended]).exists()


def test_a_failed_send_records_nothing_so_the_next_run_retries(demo_site, settings):
    ReviewReminder.objects.all().delete()
    editor = person("ed")
    add_editor(editor, overdue_institution())
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    counts = send_review_reminders()
    assert counts["failed"] >= 1 and counts["sent"] == 0
    assert not ReviewReminder.objects.filter(user=editor).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    send_review_reminders()
    assert editor.email in {m.to[0] for m in mail.outbox}

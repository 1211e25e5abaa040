"""The enquiry form on institution pages: stored and mailed in the right
languages, refused (and nothing stored or sent) when rate-limited, caught by the
honeypot, too large, invalid or posted from another site; retention; the admin
listing scoped to the institution's editors."""

import datetime
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from directory.models import Enquiry
from directory.network import add_editor
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


def person(username, language="", **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x", **extra)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def in_locale(page, code):
    return page.get_translation(Locale.objects.get(language_code=code)).specific


def form_data(**changes):
    data = {
        "name": "Maria Ionescu",
        "email": "maria@example.org",
        "subject": "Înscriere la grădiniță",
        "message": "Bună ziua, cum pot înscrie copilul?",
        "reply_language": "en",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, page, data=None, **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    return client.post(page.url + "enquiry/", data if data is not None else form_data(), **headers)


@pytest.fixture
def institution(demo_site):
    """A Romanian institution with a contact address (its bg page is the source)."""
    return make_institution(bg_directory(), country="RO", region="RO314", email="info@giurgiu.example.org")


def sent_by_maria():
    return Enquiry.objects.filter(email="maria@example.org")  # the demo has enquiries of its own


def assert_nothing_kept():
    assert not sent_by_maria().exists()
    assert mail.outbox == []


# --- the form on the page -----------------------------------------------------


def test_the_page_shows_the_form_and_sets_no_cookie(client, institution):
    page = in_locale(institution, "ro")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{page.url}enquiry/#enquiry"' in html
    assert "Scrieți instituției" in html  # the heading in Romanian
    assert 'href="/ro/privacy/"' in html  # the consent text links the privacy page
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html  # the honeypot
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies, response.cookies  # cacheable: no session, no CSRF cookie
    # the default reply language is the page's
    assert '<option value="ro" selected>' in html


def test_an_enquiry_is_stored_and_mailed_in_each_recipients_language(client, institution):
    bg_editor = person("petar", "bg")
    en_editor = person("jane", "en")
    add_editor(bg_editor, institution)
    add_editor(en_editor, institution)
    page = in_locale(institution, "ro")

    response = post(client, page)

    assert response.status_code == 302
    assert response["Location"] == page.url + "enquiry/sent/#enquiry-sent"
    enquiry = sent_by_maria().get()
    assert enquiry.institution_id == institution.pk  # the source page, whichever locale was used
    assert (enquiry.reply_language, enquiry.page_language) == ("en", "ro")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {
        "info@giurgiu.example.org",
        "petar@example.org",
        "jane@example.org",
        "maria@example.org",
    }
    to_institution = by_recipient["info@giurgiu.example.org"]  # a Romanian institution: in Romanian
    assert to_institution.subject == "Solicitare de la Maria Ionescu: Înscriere la grădiniță"
    assert "Limba răspunsului: engleză" in to_institution.body
    assert "Bună ziua, cum pot înscrie copilul?" in to_institution.body
    assert to_institution.reply_to == ["maria@example.org"]
    assert by_recipient["petar@example.org"].subject.startswith("Запитване от Maria Ionescu")
    assert "Език на отговора: английски" in by_recipient["petar@example.org"].body
    assert "/admin/enquiries/" in by_recipient["petar@example.org"].body
    assert by_recipient["jane@example.org"].subject == "Enquiry from Maria Ionescu: Înscriere la grădiniță"
    copy = by_recipient["maria@example.org"]  # the sender's copy, in the language of reply
    assert copy.subject.startswith("Your message to ")
    assert "you asked for a reply in English" in copy.body
    assert copy.reply_to == []
    assert "The institution's enquiries" not in copy.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Vă mulțumim, mesajul dumneavoastră a fost trimis" in thanks.content.decode()
    assert not thanks.cookies


def test_a_bulgarian_institution_is_written_to_in_bulgarian_and_the_sender_in_their_language(
    client, demo_site
):
    institution = make_institution(bg_directory(), email="obshtina@example.org")
    response = post(client, in_locale(institution, "en"), form_data(reply_language="ro"))
    assert response.status_code == 302
    to_institution, copy = mail.outbox
    assert to_institution.to == ["obshtina@example.org"]
    assert to_institution.subject.startswith("Запитване от")
    assert copy.to == ["maria@example.org"]
    assert copy.subject.startswith("Mesajul dumneavoastră către")
    assert "în limba română" in copy.body


def test_sending_stays_within_its_query_budget(client, institution, django_assert_max_num_queries):
    for number in range(3):
        add_editor(person(f"editor{number}", "bg"), institution)
    page = in_locale(institution, "bg")
    with django_assert_max_num_queries(30):
        assert post(client, page).status_code == 302
    assert len(mail.outbox) == 5


# --- refusals: a clear localized message, nothing stored or sent ---------------


def test_the_sixth_enquiry_in_an_hour_from_one_address_is_refused(client, institution):
    page = in_locale(institution, "bg")
    for _ in range(5):
        assert post(client, page).status_code == 302
    mail.outbox.clear()
    count = sent_by_maria().count()

    response = post(client, page)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "твърде много съобщения през последния час" in response.content.decode()
    assert sent_by_maria().count() == count == 5
    assert mail.outbox == []
    # another address is not affected
    assert post(client, page, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_the_rate_limit_counts_the_address_behind_trusted_proxies(client, institution, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    page = in_locale(institution, "en")
    for _ in range(5):
        assert post(client, page, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert post(client, page, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # a client cannot escape by prepending addresses: the proxy's view (rightmost) counts
    assert post(client, page, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1").status_code == 429
    assert post(client, page, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


def test_invalid_submissions_do_not_count_against_the_limit(client, institution):
    page = in_locale(institution, "en")
    for _ in range(6):
        assert post(client, page, form_data(email="nope")).status_code == 400
    assert post(client, page).status_code == 302


def test_the_honeypot_refuses_the_submission(client, institution):
    response = post(client, in_locale(institution, "ro"), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "a fost completat un câmp care trebuie să rămână gol" in response.content.decode()
    assert_nothing_kept()


def test_invalid_input_is_shown_with_errors_linked_to_the_fields(client, institution):
    page = in_locale(institution, "bg")
    response = post(client, page, form_data(email="not-an-address", consent=None, subject="a\r\nBcc: x@y.z"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Съобщението Ви не беше изпратено. Моля, поправете грешките по-долу." in html
    assert 'href="#enquiry-email"' in html and 'href="#enquiry-consent"' in html
    assert 'href="#enquiry-subject"' in html
    assert "Моля, напишете го на един ред." in html
    assert "Моля, дайте съгласието си" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="enquiry-email_error"' in html
    assert 'value="Maria Ionescu"' in html  # what was typed is kept
    assert_nothing_kept()


def test_a_message_over_the_length_limit_is_refused(client, institution, settings):
    settings.ENQUIRY_MESSAGE_MAX_LENGTH = 100
    response = post(client, in_locale(institution, "en"), form_data(message="x" * 101))
    assert response.status_code == 400
    assert 'href="#enquiry-message"' in response.content.decode()
    assert_nothing_kept()
    assert post(client, in_locale(institution, "en"), form_data(message="x" * 100)).status_code == 302


def test_a_request_body_over_the_size_limit_is_refused_unread(client, institution, settings):
    settings.ENQUIRY_MAX_BODY_BYTES = 2000
    response = post(client, in_locale(institution, "en"), form_data(name="n" * 2000))
    assert response.status_code == 413
    assert "Your message is too long to be sent." in response.content.decode()
    assert_nothing_kept()


def test_a_post_from_another_site_or_without_origin_is_refused(client, institution):
    page = in_locale(institution, "bg")
    response = post(client, page, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "Този формуляр може да се изпраща само от този уебсайт" in response.content.decode()
    assert client.post(page.url + "enquiry/", form_data()).status_code == 403  # no Origin, no Referer
    assert_nothing_kept()
    # an old browser that sends only a same-site Referer is accepted
    response = client.post(page.url + "enquiry/", form_data(), HTTP_REFERER=ORIGIN + page.url)
    assert response.status_code == 302


def test_a_mail_server_failure_keeps_nothing(client, institution, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    response = post(client, in_locale(institution, "en"))
    assert response.status_code == 503
    assert "nothing was kept" in response.content.decode()
    assert not sent_by_maria().exists()


def test_get_on_the_enquiry_route_leads_back_to_the_form(client, institution):
    page = in_locale(institution, "en")
    response = client.get(page.url + "enquiry/")
    assert response.status_code == 302
    assert response["Location"] == page.url + "#enquiry"


def test_an_institution_without_contact_address_offers_no_form(client, demo_site):
    institution = make_institution(bg_directory(), email="")
    html = client.get(institution.url).content.decode()
    assert "enquiry-heading" not in html
    assert post(client, institution).status_code == 302
    assert_nothing_kept()


# --- retention ------------------------------------------------------------------


def test_purge_deletes_enquiries_older_than_the_retention_period(institution, settings, caplog):
    settings.ENQUIRY_RETENTION_DAYS = 30
    now = timezone.now()
    ages = {"fresh": 1, "almost": 29, "old": 31, "ancient": 400}
    for subject, days in ages.items():
        enquiry = Enquiry.objects.create(
            institution=institution,
            name="n",
            email="n@example.org",
            subject=subject,
            message="m",
            reply_language="bg",
            page_language="bg",
        )
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=now - datetime.timedelta(days=days))

    mine = Enquiry.objects.filter(institution=institution)
    call_command("purge_enquiries", "--dry-run")
    assert mine.count() == 4
    with caplog.at_level(logging.INFO, logger="directory.enquiries"):
        call_command("purge_enquiries")
    assert set(mine.values_list("subject", flat=True)) == {"fresh", "almost"}
    assert "Deleted 2 enquiries older than 30 days." in caplog.text
    call_command("purge_enquiries")  # idempotent
    assert mine.count() == 2


def test_the_privacy_page_says_how_long_enquiries_are_kept(client, demo_site):
    expected = {
        "bg": "Съобщенията се изтриват автоматично след 90 дни.",
        "ro": "Mesajele sunt șterse automat după 90 de zile.",
        "en": "Messages are deleted automatically after 90 days.",
    }
    for code, sentence in expected.items():
        response = client.get(f"/{code}/privacy/")
        assert response.status_code == 200, code
        assert sentence in response.content.decode(), code


# --- the admin listing ----------------------------------------------------------


def enquiry_for(institution, subject):
    return Enquiry.objects.create(
        institution=institution,
        name="Visitor",
        email="visitor@example.org",
        subject=subject,
        message="Hello",
        reply_language="en",
        page_language="en",
    )


@pytest.fixture
def two_institutions(demo_site):
    mine = make_institution(bg_directory(), email="mine@example.org")
    other = make_institution(bg_directory(), email="other@example.org")
    return mine, other


def test_an_institution_editor_sees_only_their_institutions_enquiries(
    client, two_institutions, django_assert_max_num_queries
):
    mine, other = two_institutions
    own = enquiry_for(mine, "Question for mine")
    foreign = enquiry_for(other, "Question for the other")
    editor = person("ed", "en")
    add_editor(editor, in_locale(mine, "ro"))
    client.force_login(editor)

    with django_assert_max_num_queries(40):
        listing = client.get(reverse("enquiries:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Question for mine" in html
    assert "Question for the other" not in html
    assert reverse("enquiries:inspect", args=[own.pk]) in html

    inspect = client.get(reverse("enquiries:inspect", args=[own.pk]))
    assert inspect.status_code == 200
    assert "visitor@example.org" in inspect.content.decode()
    assert client.get(reverse("enquiries:inspect", args=[foreign.pk])).status_code == 404
    # read-only: nothing to add, edit or delete, for anybody
    for url in (
        reverse("enquiries:add"),
        reverse("enquiries:edit", args=[own.pk]),
        reverse("enquiries:delete", args=[own.pk]),
        reverse("enquiries:history", args=[foreign.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Question for" not in response.content.decode(), url
    assert Enquiry.objects.filter(institution__in=[mine, other]).count() == 2


def test_network_staff_see_every_enquiry_and_other_staff_none(client, two_institutions):
    mine, other = two_institutions
    enquiry_for(mine, "Question for mine")
    foreign = enquiry_for(other, "Question for the other")

    manager = person("manager", "en")
    manager.groups.add(Group.objects.get(name="Directory managers"))
    client.force_login(manager)
    html = client.get(reverse("enquiries:index")).content.decode()
    assert "Question for mine" in html and "Question for the other" in html
    assert client.get(reverse("enquiries:inspect", args=[foreign.pk])).status_code == 200

    editor = person("plain-editor", "en")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for url in (reverse("enquiries:index"), reverse("enquiries:inspect", args=[foreign.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Question for" not in response.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("enquiries:index") not in dashboard  # no menu item either

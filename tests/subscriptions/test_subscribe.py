"""Subscribing: the form, the confirmation mail in the page's language, the
confirmation link (a button, so that link scanners confirm nothing; expired
after SUBSCRIPTION_CONFIRMATION_HOURS), and every refusal, which writes and
sends nothing."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from subscriptions.models import Subscription
from subscriptions.tokens import confirmation_token, unsubscribe_token
from tests.subscriptions.conftest import ORIGIN, confirmed

pytestmark = pytest.mark.django_db

TEXTS = {
    "bg": {
        "title": "Абонирайте се за новините по имейл",
        "subject": "Моля, потвърдете абонамента си за новините на E-GoverNet",
        "topic": "новините на E-GoverNet в категория „Електронни услуги“",
        "button": "Потвърждавам абонамента",
        "confirmed": "Ще получавате по имейл новините в категория „Електронни услуги“.",
    },
    "ro": {
        "title": "Abonați-vă la știri prin e-mail",
        "subject": "Vă rugăm să confirmați abonamentul la știrile E-GoverNet",
        "topic": "știrile E-GoverNet din categoria „Servicii electronice”",
        "button": "Confirm abonamentul",
        "confirmed": "Veți primi prin e-mail știrile din categoria „Servicii electronice”.",
    },
    "en": {
        "title": "Subscribe to the news by e-mail",
        "subject": "Please confirm your subscription to E-GoverNet news",
        "topic": "E-GoverNet news in the category “E-services”",
        "button": "Confirm my subscription",
        "confirmed": "You will receive the news in the category “E-services” by e-mail.",
    },
}


def post(client, language="bg", origin=ORIGIN, remote_addr="127.0.0.1", **data):
    fields = {"email": "Reader@Example.org", "category": "", "consent": "on", "website": ""}
    fields.update(data)
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(f"/{language}/subscriptions/", fields, REMOTE_ADDR=remote_addr, **headers)


def confirm_link(message):
    return re.search(r"http://testserver(/\w\w/subscriptions/confirm/[^/\s]+/)", message.body).group(1)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_a_request_is_confirmed_through_the_link_in_its_language(client, demo_site, language):
    texts = TEXTS[language]
    form = client.get(f"/{language}/subscriptions/")
    assert form.status_code == 200
    assert texts["title"] in form.content.decode()
    assert "set-cookie" not in form.headers  # a cacheable page: no CSRF cookie, an origin check instead

    response = post(client, language, category="e-services")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/subscriptions/sent/"
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.language, subscription.category_slug) == (
        "reader@example.org",
        language,
        "e-services",
    )
    assert subscription.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.subject == texts["subject"]
    assert texts["topic"] in message.body
    assert "48" in message.body

    link = confirm_link(message)
    assert link.startswith(f"/{language}/")
    page = client.get(link)  # what a mail scanner does: nothing changes
    assert page.status_code == 200
    assert texts["button"] in page.content.decode()
    assert "no-cache" in page["Cache-Control"]
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    done = client.post(link)
    assert done.status_code == 200
    assert texts["confirmed"] in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert client.post(link).status_code == 200  # a second click is no error


def test_the_link_expires_and_the_request_is_deleted(client, demo_site):
    post(client)
    link = confirm_link(mail.outbox[0])
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(hours=48, minutes=1))
    response = client.post(link)
    assert response.status_code == 410
    assert "Връзката за потвърждение е изтекла" in response.content.decode()
    assert not Subscription.objects.exists()
    assert client.get(link).status_code == 404  # gone for good


def test_a_forged_or_foreign_token_is_not_a_link(client, demo_site):
    subscription = Subscription.objects.create(email="a@example.org", language="bg")
    token = confirmation_token(subscription)
    for bad in (token[:-2] + "xx", "nonsense", token.replace(":", ":a", 1)):
        response = client.post(f"/bg/subscriptions/confirm/{bad}/")
        assert response.status_code == 404
        assert "Тази връзка не е валидна" in response.content.decode()
    # an unsubscribe token does not confirm (the salts keep the two kinds of link apart)
    assert client.post(f"/bg/subscriptions/confirm/{unsubscribe_token(subscription)}/").status_code == 404
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_asking_again_renews_the_link_and_keeps_one_row(client, demo_site):
    post(client)
    first = Subscription.objects.get()
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(hours=47))
    post(client, email="reader@example.org")
    renewed = Subscription.objects.get()
    assert renewed.pk == first.pk
    assert renewed.requested_at > timezone.now() - datetime.timedelta(minutes=1)
    assert len(mail.outbox) == 2
    assert client.post(confirm_link(mail.outbox[0])).status_code == 200  # both links name the request


def test_a_confirmed_address_asking_again_stays_confirmed(client, demo_site):
    existing = confirmed("reader@example.org")
    response = post(client)
    assert response.status_code == 302  # the same answer: the form tells nobody who is subscribed
    assert Subscription.objects.get().confirmed_at == existing.confirmed_at
    assert client.get(confirm_link(mail.outbox[0])).status_code == 200


BAD_INPUT = [
    ({"email": "not-an-address"}, "Въведете имейл адрес, например name@example.org."),
    ({"email": ""}, "Въведете имейл адреса си."),
    ({"category": "no-such-category"}, "Няма такава категория новини; изберете от списъка."),
    ({"consent": ""}, "Моля, дайте съгласието си, за да можем да Ви изпращаме новините."),
    ({"website": "http://spam.example"}, "попълнено е поле, което трябва да остане празно"),
]


@pytest.mark.parametrize(("data", "error"), BAD_INPUT)
def test_bad_input_is_refused_with_a_localized_message_and_nothing_kept(client, demo_site, data, error):
    response = post(client, **data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Нищо не беше изпратено. Моля, поправете грешките по-долу." in body
    assert error in body
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_category_of_another_language_is_not_offered(client, demo_site):
    response = post(client, "ro", category="no-such-category")
    assert response.status_code == 400
    assert "Nu există această categorie de știri" in response.content.decode()


def test_a_post_from_another_site_is_refused(client, demo_site):
    for origin in ("https://evil.example", None):
        response = post(client, origin=origin)
        assert response.status_code == 403
        assert "Заявката Ви не беше изпратена" in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_an_oversized_request_is_refused(client, demo_site):
    response = post(client, email="a" * 5000 + "@example.org")
    assert response.status_code == 413
    assert "твърде голяма" in response.content.decode()
    assert not Subscription.objects.exists()


@override_settings(SUBSCRIPTION_RATE_LIMIT=2)
def test_requests_are_rate_limited_per_client_and_per_address(client, demo_site):
    assert post(client, email="one@example.org").status_code == 302
    assert post(client, email="two@example.org").status_code == 302
    response = post(client, email="three@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "твърде много заявки" in response.content.decode()
    assert set(Subscription.objects.values_list("email", flat=True)) == {"one@example.org", "two@example.org"}
    assert len(mail.outbox) == 2
    # the same address from many clients: its owner gets no flood of mails
    for number in range(3):
        post(client, email="victim@example.org", remote_addr=f"10.0.0.{number}")
    assert [m.to for m in mail.outbox].count(["victim@example.org"]) == 2


def test_purge_deletes_only_expired_requests(demo_site):
    old = timezone.now() - datetime.timedelta(days=3)
    Subscription.objects.create(email="stale@example.org", language="bg", requested_at=old)
    Subscription.objects.create(email="fresh@example.org", language="bg")
    kept = confirmed("reader@example.org")
    Subscription.objects.filter(pk=kept.pk).update(requested_at=old)
    out = io.StringIO()
    call_command("purge_subscriptions", stdout=out)
    assert out.getvalue().startswith("1 expired")
    assert set(Subscription.objects.values_list("email", flat=True)) == {
        "fresh@example.org",
        "reader@example.org",
    }


def test_the_form_costs_few_queries(client, demo_site, django_assert_max_num_queries):
    client.get("/en/subscriptions/")
    with django_assert_max_num_queries(16):
        assert client.get("/en/subscriptions/").status_code == 200


def test_the_demo_privacy_page_says_what_is_kept_and_for_how_long(client, demo_site):
    texts = {
        "bg": "непотвърдените заявки се изтриват след 48 часа",
        "ro": "cererile neconfirmate sunt șterse după 48 de ore",
        "en": "unconfirmed requests are deleted after 48 hours",
    }
    for language, text in texts.items():
        response = client.get(f"/{language}/privacy/")
        assert response.status_code == 200
        assert text in response.content.decode()


def test_the_news_index_links_the_form(client, demo_site):
    body = client.get("/ro/news/").content.decode()
    assert '<a href="/ro/subscriptions/">Știri prin e-mail</a>' in body

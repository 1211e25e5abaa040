"""A published news item reaches its language's confirmed subscribers (all news,
or its categories) once each, in throttled batches of a django_tasks task; an
unsubscribe from the mail (link or RFC 8058 one-click POST) deletes the address."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from subscriptions.mailing import send_news_mails
from subscriptions.models import Delivery, Dispatch, Subscription
from tests.news.factories import category, make_news, news_index
from tests.subscriptions.conftest import confirmed

pytestmark = pytest.mark.django_db

FOOTER = {
    "bg": ("Прочетете повече:", "Отписване с едно щракване:", "всички новини на E-GoverNet"),
    "ro": ("Citiți mai mult:", "Dezabonare cu un singur clic:", "toate știrile E-GoverNet"),
    "en": ("Read more:", "Unsubscribe with one click:", "all E-GoverNet news"),
}


@pytest.fixture
def publish_news(django_capture_on_commit_callbacks):
    """Publish a news page and run what its commit enqueues (the immediate task backend)."""

    def publish(language="bg", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_news(news_index(language), **kwargs)

    return publish


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_one_mail_per_subscriber_in_the_item_language(demo_site, publish_news, language):
    confirmed("all@example.org", language)
    confirmed("eservices@example.org", language, "e-services")
    confirmed("events@example.org", language, "events")
    confirmed("other-language@example.org", "bg" if language != "bg" else "ro")
    Subscription.objects.create(email="unconfirmed@example.org", language=language)
    mail.outbox.clear()

    page = publish_news(
        language,
        title=f"Новина {language}",
        intro="Кратко резюме",
        categories=[category("e-services", language)],
    )

    assert recipients() == ["all@example.org", "eservices@example.org"]
    read_more, unsubscribe, everything = FOOTER[language]
    by_address = {message.to[0]: message for message in mail.outbox}
    message = by_address["all@example.org"]
    assert message.subject == f"Новина {language}"
    assert "Кратко резюме" in message.body
    assert f"{read_more} http://testserver{page.url}" in message.body
    assert everything in message.body
    link = re.search(rf"{unsubscribe} (\S+)", message.body).group(1)
    assert link.startswith(f"http://testserver/{language}/subscriptions/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.message()["List-Unsubscribe"] == f"<{link}>"  # and in the mail as sent
    assert Delivery.objects.count() == 2
    assert Dispatch.objects.get(page=page).finished_at is not None


def test_republishing_sends_nothing_again(demo_site, publish_news, django_capture_on_commit_callbacks):
    confirmed("reader@example.org")
    page = publish_news()
    assert recipients() == ["reader@example.org"]
    confirmed("late@example.org")  # subscribed after the item went out
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Поправено заглавие"
        page.save_revision().publish()
    assert recipients() == ["reader@example.org"]
    assert Dispatch.objects.filter(page=page).count() == 1
    # and running the task again (a retry, a second worker) sends nothing either
    dispatch = Dispatch.objects.get(page=page)
    Dispatch.objects.filter(pk=dispatch.pk).update(finished_at=None)
    assert send_news_mails.call(dispatch.pk) == 0
    assert len(mail.outbox) == 1


def test_an_address_with_two_matching_subscriptions_gets_one_mail(demo_site, publish_news):
    confirmed("reader@example.org")
    confirmed("reader@example.org", category_slug="e-services")
    publish_news(categories=[category("e-services")])
    assert recipients() == ["reader@example.org"]
    assert Delivery.objects.count() == 2  # both recorded, so neither is tried again


def test_unpublished_or_private_news_is_not_announced(demo_site, publish_news):
    confirmed("reader@example.org")
    make_news(publish=False)
    page = publish_news(go_live_at=timezone.now() + datetime.timedelta(days=1))
    assert mail.outbox == []
    assert not Dispatch.objects.filter(page=page).exists()


def test_news_withdrawn_before_its_batch_runs_is_not_sent(demo_site, publish_news):
    confirmed("reader@example.org")
    page = make_news()  # its commit never comes in this test: the task is not run yet
    dispatch = Dispatch.objects.get(page=page)
    page.unpublish()
    assert send_news_mails.call(dispatch.pk) == 0
    assert mail.outbox == []
    dispatch.refresh_from_db()
    assert dispatch.finished_at is not None


@override_settings(SUBSCRIPTION_BATCH_SIZE=2, SUBSCRIPTION_BATCH_INTERVAL_SECONDS=0)
def test_a_large_mailing_goes_out_in_batches_each_address_once(demo_site, publish_news):
    for number in range(5):
        confirmed(f"reader{number}@example.org")
    publish_news()
    assert recipients() == [f"reader{number}@example.org" for number in range(5)]
    assert Delivery.objects.count() == 5


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    SUBSCRIPTION_BATCH_SIZE=2,
    SUBSCRIPTION_BATCH_INTERVAL_SECONDS=60,
)
def test_the_database_queue_throttles_batches(demo_site, publish_news):
    """Production's path: the publish queues the task (sent by `db_worker`, which
    ends the test's transaction, so its job is done here by calling the queued
    task), and each batch queues the next one SUBSCRIPTION_BATCH_INTERVAL_SECONDS later."""
    from django_tasks_db.models import DBTaskResult

    for number in range(3):
        confirmed(f"reader{number}@example.org")
    page = publish_news()
    dispatch = Dispatch.objects.get(page=page)
    assert mail.outbox == []  # queued, not sent in the request
    ours = DBTaskResult.objects.filter(
        task_path="subscriptions.mailing.send_news_mails"
    )  # Wagtail queues its own too
    [first] = ours.ready()
    assert first.task_path == "subscriptions.mailing.send_news_mails"
    assert first.args_kwargs == {"args": [dispatch.pk], "kwargs": {}}

    DBTaskResult.objects.filter(pk=first.pk).delete()  # taken by the worker
    assert send_news_mails.call(dispatch.pk) == 2
    assert not ours.ready().exists()  # the next batch is not due yet
    [later] = ours.filter(status="READY")
    assert later.run_after > timezone.now() + datetime.timedelta(seconds=50)
    assert later.args_kwargs["args"] == [dispatch.pk]

    DBTaskResult.objects.filter(pk=later.pk).delete()
    assert send_news_mails.call(dispatch.pk) == 1
    assert recipients() == ["reader0@example.org", "reader1@example.org", "reader2@example.org"]
    assert not ours.filter(status="READY").exists()  # finished: nothing more queued
    dispatch.refresh_from_db()
    assert dispatch.finished_at is not None


def test_a_batch_costs_a_constant_number_of_queries_per_mail(
    demo_site, publish_news, django_assert_max_num_queries
):
    for number in range(6):
        confirmed(f"reader{number}@example.org")
    page = make_news()  # the task is not run on commit here: it runs below
    dispatch = Dispatch.objects.get(page=page)
    with override_settings(SUBSCRIPTION_BATCH_SIZE=6), django_assert_max_num_queries(20 + 3 * 6):
        assert send_news_mails.call(dispatch.pk) == 6


def _unsubscribe_link(message):
    return message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")


def test_one_click_unsubscribe_deletes_the_address(client, demo_site, publish_news):
    subscription = confirmed("reader@example.org")
    confirmed("reader@example.org", "ro")  # another language's subscription is another choice
    publish_news()
    link = _unsubscribe_link(mail.outbox[0])

    page = client.get(link)  # the link in the text: a page with one button
    assert page.status_code == 200
    assert "Отпиши ме" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    # what a mail client sends for List-Unsubscribe-Post: no Origin, no cookie
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Адресът Ви е изтрит" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Delivery.objects.filter(subscription_id=subscription.pk).exists()
    assert list(Subscription.objects.values_list("language", flat=True)) == ["ro"]
    assert client.post(link).status_code == 200  # a second click is no error
    assert client.get(link).status_code == 404


def test_a_forged_unsubscribe_link_deletes_nothing(client, demo_site):
    subscription = confirmed("reader@example.org")
    from subscriptions.tokens import confirmation_token

    for token in ("forged", confirmation_token(subscription)):
        response = client.post(f"/bg/subscriptions/unsubscribe/{token}/")
        assert response.status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_a_stalled_mailing_is_resumed_by_the_cron_command(demo_site):
    confirmed("reader@example.org")
    confirmed("second@example.org")
    page = make_news()  # its commit never comes in this test: as if the worker had died
    dispatch = Dispatch.objects.get(page=page)
    call_command("resume_news_mailings", stdout=io.StringIO())
    assert mail.outbox == []  # too recent: its batch may still be on its way
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Subscription.objects.update(confirmed_at=an_hour_ago - datetime.timedelta(minutes=1))
    Dispatch.objects.filter(pk=dispatch.pk).update(started_at=an_hour_ago)
    call_command("resume_news_mailings", stdout=io.StringIO())
    assert recipients() == ["reader@example.org", "second@example.org"]
    dispatch.refresh_from_db()
    assert dispatch.finished_at is not None
    call_command("resume_news_mailings", stdout=io.StringIO())  # finished: nothing more
    assert len(mail.outbox) == 2


def test_a_translation_is_announced_when_it_is_published_not_before(
    demo_site, publish_news, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    confirmed("bg-reader@example.org", "bg")
    confirmed("ro-reader@example.org", "ro")
    page = publish_news(title="Новина за превод")
    assert recipients() == ["bg-reader@example.org"]

    romanian = Locale.objects.get(language_code="ro")
    with django_capture_on_commit_callbacks(execute=True):
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation = Translation.objects.create(source=source, target_locale=romanian)
        translation.save_target(publish=False)  # a draft shows the Bulgarian words: not announced
    assert recipients() == ["bg-reader@example.org"]

    target = page.get_translation(romanian)
    with django_capture_on_commit_callbacks(execute=True):
        target.title = "Știre tradusă"
        target.save_revision().publish()
    assert recipients() == ["bg-reader@example.org", "ro-reader@example.org"]
    assert [m.subject for m in mail.outbox if m.to == ["ro-reader@example.org"]] == ["Știre tradusă"]

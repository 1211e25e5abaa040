"""Change history (major/minor + change note, "Last updated"), withdrawal and
410 Gone, on PostgreSQL with the demo site (cms/change_history.py)."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone, translation
from wagtail.models import Locale, Page, Revision

from cms.models import GonePage, Withdrawal
from cms.page_forms import BasePageForm
from cms.signals import page_withdrawn
from cms.visibility import hidden_pages, is_publicly_visible, publicly_visible
from home.models import StandardPage
from tests.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test rolls the database back (and with it the content clock): cached pages must go too."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def about(demo_site):
    return StandardPage.objects.get(slug="about", locale__language_code="bg")


@pytest.fixture
def page(about):
    page = StandardPageFactory.build(title="Фериботи Русе", slug="ferries")
    about.add_child(instance=page)
    return publish(page)


def edit(page, **fields):
    page = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()
    return publish(page)


def test_a_first_publication_is_no_update_and_last_updated_is_the_first_publication(page):
    assert page.change_history == [] and page.last_major_change_at is None
    assert page.last_updated == page.first_published_at


def test_a_major_change_records_its_note_once_and_moves_last_updated(page):
    before = page.first_published_at
    page = edit(page, major_change=True, change_note="Добавено е разписанието за 2026 г.")
    assert [c["note"] for c in page.change_notes] == ["Добавено е разписанието за 2026 г."]
    assert page.last_updated > before
    # republishing the same revision content does not repeat the note
    page = publish(page.get_latest_revision_as_object())
    assert len(page.change_history) == 1
    page = edit(page, major_change=True, change_note="Цените са обновени.")
    assert [c["note"] for c in page.change_notes] == [
        "Цените са обновени.",
        "Добавено е разписанието за 2026 г.",
    ]


def test_a_minor_change_moves_neither_the_notes_nor_last_updated(page):
    page = edit(page, major_change=True, change_note="Първа бележка.")
    updated = page.last_updated
    page = edit(page, major_change=False, change_note="", intro="Поправена печатна грешка.")
    assert page.last_updated == updated and len(page.change_history) == 1


def test_publishing_an_older_draft_keeps_the_recorded_history(page):
    draft = page.get_latest_revision_as_object()
    draft.intro = "Чернова"
    revision = draft.save_revision()
    page = edit(page, major_change=True, change_note="Бележка.")
    Revision.objects.get(pk=revision.pk).publish()  # as the admin loads it
    page.refresh_from_db()
    assert page.intro == "Чернова"
    assert [c["note"] for c in page.change_notes] == ["Бележка."]


def test_a_major_change_needs_a_note_and_a_withdrawal_a_reason(page):
    page.major_change, page.change_note = True, "  "
    page.withdrawn, page.withdrawal_reason = True, ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert set(error.value.message_dict) == {"change_note", "withdrawal_reason"}


def test_the_edit_form_starts_a_new_edit_as_minor_with_an_empty_note(page):
    page = edit(page, major_change=True, change_note="Бележка.")
    form_class = StandardPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, BasePageForm)
    form = form_class(instance=page.get_latest_revision_as_object(), for_user=None)
    assert form.initial["major_change"] is False and form.initial["change_note"] == ""
    # a pending draft keeps its author's choice
    draft = page.get_latest_revision_as_object()
    draft.change_note, draft.major_change = "Чакаща бележка.", True
    draft.save_revision()
    page.refresh_from_db()
    form = form_class(instance=page.get_latest_revision_as_object(), for_user=None)
    assert form.initial["change_note"] == "Чакаща бележка."


def test_withdrawing_keeps_the_page_readable_drops_it_from_listings_and_sends_the_signal(page, about):
    received = []

    def listener(sender, instance, reason, **kwargs):
        received.append((sender, instance.pk, reason))

    page_withdrawn.connect(listener)
    try:
        page = edit(page, withdrawn=True, withdrawal_reason="Линията е закрита.")
    finally:
        page_withdrawn.disconnect(listener)
    assert received == [(StandardPage, page.pk, "Линията е закрита.")]
    assert page.withdrawn_at is not None
    assert Withdrawal.objects.filter(page_id=page.pk, translation_key=page.translation_key).exists()
    assert is_publicly_visible(page)
    assert not publicly_visible(about.get_children()).filter(pk=page.pk).exists()
    assert publicly_visible(about.get_children(), include_withdrawn=True).filter(pk=page.pk).exists()
    assert hidden_pages().filter(pk=page.pk).exists()
    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "withdrawn-notice" in html and "Линията е закрита." in html
    # republishing withdrawn sends nothing again; unticking brings it back
    received.clear()
    page_withdrawn.connect(listener)
    try:
        page = edit(page, intro="Още")
    finally:
        page_withdrawn.disconnect(listener)
    assert received == []
    page = edit(page, withdrawn=False, withdrawal_reason="")
    assert page.withdrawn_at is None and not Withdrawal.objects.filter(page_id=page.pk).exists()
    assert publicly_visible(about.get_children()).filter(pk=page.pk).exists()


def test_a_withdrawn_translation_takes_its_group_out_of_listings(demo_site):
    history = StandardPage.objects.get(slug="partner-meetings-2018", locale__language_code="ro")
    group = Page.objects.filter(translation_key=history.translation_key)
    assert group.count() == 3
    assert not publicly_visible(group).exists()
    assert publicly_visible(group, include_withdrawn=True).count() == 3


def test_the_api_says_withdrawn_and_lists_the_change_notes(demo_site):
    client = Client()
    withdrawn = StandardPage.objects.get(slug="partner-meetings-2018", locale__language_code="en")
    data = client.get(f"/api/v2/pages/{withdrawn.pk}/").json()
    assert data["withdrawn_notice"]["reason"] == "The meetings ended when the project closed in April 2019."
    history = StandardPage.objects.get(slug="project-results", locale__language_code="en")
    data = client.get(f"/api/v2/pages/{history.pk}/").json()
    assert [c["note"] for c in data["change_notes"]] == [
        "Added the cooperation agreements signed in 2019.",
        "Added the catalogue of e-services.",
    ]
    assert data["withdrawn_notice"] is None
    assert data["last_updated"].startswith(str(history.last_major_change_at.date()))
    v3 = client.get(f"/api/v3/pages/{withdrawn.pk}/")
    assert v3.status_code == 200, v3.content
    assert v3.json()["withdrawn_notice"]["reason"].startswith("The meetings ended")


def test_the_sitemap_and_search_leave_withdrawn_pages_out(demo_site):
    client = Client()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "/partner-meetings-2018/" not in sitemap
    assert "/project-results/" in sitemap
    results = client.get("/en/search/", {"q": "partner meeting schedule"}).content.decode()
    assert "Partner meeting schedule 2018" not in results


def test_an_unpublished_page_answers_410_with_its_section(demo_site):
    client = Client()
    for code, title in (("bg", "Покана за партньори 2017"), ("ro", "Apel pentru parteneri 2017")):
        gone = GonePage.objects.get(title=title)
        response = client.get(gone.path)
        assert response.status_code == 410
        assert response["Content-Language"] == code
        html = response.content.decode()
        # never the removed page's title: it may be why the page was unpublished
        assert title not in html
        assert _(code, "This page has been removed") in html
        section = StandardPage.objects.get(slug="about", locale__language_code=code)
        assert f'href="{section.url}"' in html
        # the section's visible children are offered, the withdrawn one is not
        assert "project-results" in html and "partner-meetings-2018" not in html
    assert client.get("/en/about/no-such-page/").status_code == 404


def test_deleting_a_page_leaves_410_and_republishing_serves_it_again(page):
    client = Client()
    url = page.url
    child = StandardPageFactory.build(title="Дете", slug="child")
    page.add_child(instance=child)
    publish(child)
    child_url = child.url
    page.unpublish()
    assert client.get(url).status_code == 410
    publish(page.get_latest_revision_as_object())
    assert client.get(url).status_code == 200
    assert not GonePage.objects.filter(path=url).exists()
    Page.objects.get(pk=page.pk).delete()
    assert client.get(url).status_code == 410
    assert client.get(child_url).status_code == 410


def test_a_redirect_an_editor_made_still_wins_over_410(page, about):
    from wagtail.contrib.redirects.models import Redirect

    url = page.url
    page.unpublish()
    Redirect.objects.create(old_path=Redirect.normalise_path(url), redirect_page=about, site=None)
    response = Client().get(url)
    assert response.status_code in (301, 302)


def test_the_news_feed_carries_the_latest_change_note_and_its_date(demo_site):
    from news.models import NewsPage

    item = NewsPage.objects.filter(locale__language_code="en").live().order_by("-date").first()
    item = edit(item, major_change=True, change_note="Corrected the opening hours.")
    feed = Client().get("/en/news/atom/").content.decode()
    assert "Corrected the opening hours." in feed
    # the entry's <updated> is that change's moment (whatever zone the feed writes it in)
    stamps = [
        datetime.datetime.fromisoformat(value) for value in re.findall(r"<updated>([^<]+)</updated>", feed)
    ]
    assert any(abs(stamp - item.last_major_change_at) < datetime.timedelta(seconds=1) for stamp in stamps)


def test_listing_queries_do_not_grow_with_withdrawals(about, django_assert_max_num_queries):
    for n in range(3):
        page = StandardPageFactory.build(slug=f"w{n}", withdrawn=True, withdrawal_reason="Стара.")
        about.add_child(instance=page)
        publish(page)
    with django_assert_max_num_queries(2):
        list(publicly_visible(about.get_children()))


def test_a_page_past_its_expiry_is_gone_at_once_in_every_locale_without_its_title(page, about):
    """Hidden at its expiry, and 410 at its address at once (not 404 until the
    publish_scheduled cron runs), for its aliases and translations too; the Gone
    page says a page was removed and since when, never which."""
    client = Client()
    copies = {
        code: page.get_translation_or_none(Locale.objects.get(language_code=code))
        for code in ("bg", "ro", "en")
    }
    assert all(copies.values()), copies  # cms.page_sync made the ro and en copies (aliases)
    urls = {code: copy.url for code, copy in copies.items()}
    assert all(client.get(url).status_code == 200 for url in urls.values())
    expired_at = timezone.now() - datetime.timedelta(minutes=1)
    Page.objects.filter(translation_key=page.translation_key).update(expire_at=expired_at)
    cache.clear()
    for code, url in urls.items():
        response = client.get(url)
        assert response.status_code == 410, (code, response.status_code)
        assert response["Content-Language"] == code
        html = response.content.decode()
        assert "Фериботи Русе" not in html
        assert _(code, "This page has been removed") in html
        with translation.override(code):
            since = formats.date_format(timezone.localtime(expired_at), "DATE_FORMAT")
        assert since in html
        section = about.get_translation(Locale.objects.get(language_code=code))
        assert f'href="{section.url}"' in html
        assert f'href="/{code}/"' in html and f'href="/{code}/search/"' in html
        assert "no-store" in response["Cache-Control"]
    assert Page.objects.get(pk=page.pk).live  # the cron has not run
    assert not GonePage.objects.filter(path__in=urls.values()).exists()  # nothing written by a GET
    # a page not due yet was never public: still a plain 404
    Page.objects.filter(translation_key=page.translation_key).update(
        expire_at=None, go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    cache.clear()
    assert client.get(urls["bg"]).status_code == 404

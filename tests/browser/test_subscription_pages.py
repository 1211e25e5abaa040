"""News by e-mail in a real Chromium, in bg, ro and en: every state a visitor
meets (the form, its errors, "check your mail", the confirmation button,
confirmed, the unsubscribe button, unsubscribed, an expired and a forged link)
is axe-clean (WCAG 2.1 AA) and valid HTML; the mails of the journey arrive."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from subscriptions.mails import confirmation_url, unsubscribe_url
from subscriptions.models import Subscription
from tests.browser.admin import BROWSER_LOCALES, RESULTS, committed
from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

TEXTS = {
    "bg": {"subscribe": "Абонирай ме", "confirm": "Потвърждавам абонамента", "unsubscribe": "Отпиши ме"},
    "ro": {"subscribe": "Abonează-mă", "confirm": "Confirm abonamentul", "unsubscribe": "Dezabonează-mă"},
    "en": {"subscribe": "Subscribe", "confirm": "Confirm my subscription", "unsubscribe": "Unsubscribe"},
}
DOMAIN = "@browser.example.org"


@pytest.fixture
def subscriptions_cleanup(site_server):
    cache.clear()  # the live server runs in this process: the same cache counts the rate
    yield
    committed(lambda: Subscription.objects.filter(email__endswith=DOMAIN).delete())
    cache.clear()


def check(page, name, language, audit):
    audit.check(page, f"{name}-{language}", page.content())  # the HTML before axe adds its script
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"subscription-{name}-{language}.png"), full_page=True)


def _site_url(server, absolute):
    return server.url + re.sub(r"^https?://[^/]+", "", absolute)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_a_visitor_subscribes_confirms_and_unsubscribes(
    browser, site_server, subscriptions_cleanup, language
):
    texts = TEXTS[language]
    address = f"reader-{language}{DOMAIN}"
    context = browser.new_context(locale=BROWSER_LOCALES[language], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    audit = Audit()
    mail.outbox.clear()

    response = page.goto(f"{site_server.url}/{language}/subscriptions/")
    assert response.status == 200
    assert "set-cookie" not in response.headers
    check(page, "form", language, audit)

    page.fill("#subscribe-email", "not-an-address")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=texts["subscribe"]).click()
    assert posted.value.status == 400
    page.wait_for_load_state()
    assert page.locator("#subscribe-email").get_attribute("aria-invalid") == "true"
    check(page, "errors", language, audit)

    page.fill("#subscribe-email", address)
    page.select_option("#subscribe-category", "e-services")
    page.check("#subscribe-consent")
    page.get_by_role("button", name=texts["subscribe"]).click()
    page.wait_for_url(f"**/{language}/subscriptions/sent/")
    check(page, "sent", language, audit)
    [message] = [m for m in mail.outbox if m.to == [address]]
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)

    assert page.goto(_site_url(site_server, link)).status == 200
    check(page, "confirm", language, audit)
    page.get_by_role("button", name=texts["confirm"]).click()
    page.wait_for_load_state()
    check(page, "confirmed", language, audit)
    subscription = committed(lambda: Subscription.objects.get(email=address))
    assert subscription.confirmed_at is not None

    assert page.goto(_site_url(site_server, unsubscribe_url(subscription))).status == 200
    check(page, "unsubscribe", language, audit)
    page.get_by_role("button", name=texts["unsubscribe"]).click()
    page.wait_for_load_state()
    check(page, "unsubscribed", language, audit)
    assert not committed(lambda: Subscription.objects.filter(email=address).exists())

    stale = committed(
        lambda: Subscription.objects.create(
            email=f"stale-{language}{DOMAIN}",
            language=language,
            requested_at=timezone.now() - datetime.timedelta(days=3),
        )
    )
    assert page.goto(_site_url(site_server, confirmation_url(stale))).status == 410
    check(page, "expired", language, audit)
    assert page.goto(f"{site_server.url}/{language}/subscriptions/confirm/forged/").status == 404
    check(page, "invalid", language, audit)
    context.close()

    audit.assert_clean()

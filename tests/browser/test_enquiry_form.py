"""A visitor writes to an institution in a real Chromium, in bg, ro and en:
the form, its error state and the thank-you page are axe-clean (WCAG 2.1 AA)
and valid HTML, at 1280 and 375 px; the message reaches the institution."""

import pytest
from django.core import mail
from django.core.cache import cache

from directory.models import Enquiry
from tests.browser.admin import BROWSER_LOCALES, RESULTS, committed
from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

TEXTS = {
    "bg": {"send": "Изпрати съобщението", "problem": "Моля, поправете грешките", "thanks": "Благодарим Ви"},
    "ro": {"send": "Trimiteți mesajul", "problem": "Vă rugăm să corectați erorile", "thanks": "Vă mulțumim"},
    "en": {"send": "Send message", "problem": "Please correct the errors", "thanks": "Thank you"},
}


@pytest.fixture
def sender_cleanup(site_server):
    cache.clear()  # the live server runs in this process: the same cache counts the rate
    yield
    committed(lambda: Enquiry.objects.filter(email__endswith="@browser.example.org").delete())
    cache.clear()


def check(page, name, language, audit):
    audit.check(page, f"{name}-{language}", page.content())  # the HTML before axe adds its script
    RESULTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(RESULTS / f"enquiry-{name}-{language}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_a_visitor_writes_to_an_institution(browser, site_server, sender_cleanup, language):
    texts = TEXTS[language]
    context = browser.new_context(locale=BROWSER_LOCALES[language], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if r.request.method == "POST" else None)
    audit = Audit()
    mail.outbox.clear()

    response = page.goto(f"{site_server.url}/{language}/directory/ruse-municipality/")
    assert response.status == 200
    assert "set-cookie" not in response.headers  # the cached page sets no cookie
    form = page.locator("#enquiry")
    form.scroll_into_view_if_needed()
    check(page, "form", language, audit)

    # an incomplete submission: errors listed, linked, the fields marked
    page.fill("#enquiry-name", "Посетител" if language == "bg" else "Vizitator")
    page.fill("#enquiry-email", "not-an-address")
    page.get_by_role("button", name=texts["send"]).click()
    page.wait_for_load_state()
    assert statuses == [400], statuses
    alert = page.locator("#enquiry-problem")
    assert texts["problem"] in alert.inner_text()
    assert page.locator("#enquiry-email").get_attribute("aria-invalid") == "true"
    alert.locator('a[href="#enquiry-email"]').click()
    assert page.evaluate("document.activeElement.id") == "enquiry-email"
    check(page, "errors", language, audit)

    # corrected and sent
    page.fill("#enquiry-email", f"visitor-{language}@browser.example.org")
    page.fill("#enquiry-subject", f"Browser enquiry {language}")
    page.fill("#enquiry-message", "Здравейте! Bună ziua! Hello!")
    page.select_option("#enquiry-reply_language", "ro" if language != "ro" else "bg")
    page.check("#enquiry-consent")
    page.get_by_role("button", name=texts["send"]).click()
    page.wait_for_load_state()
    assert statuses == [400, 302], statuses
    assert page.url.endswith(f"/{language}/directory/ruse-municipality/enquiry/sent/#enquiry-sent")
    assert texts["thanks"] in page.locator("h1").inner_text()
    check(page, "sent", language, audit)
    context.close()

    stored = committed(
        lambda: list(
            Enquiry.objects.filter(email=f"visitor-{language}@browser.example.org").values_list(
                "subject", "page_language"
            )
        )
    )
    assert stored == [(f"Browser enquiry {language}", language)]
    recipients = {message.to[0] for message in mail.outbox}
    assert {"info@ruse-municipality.example.org", f"visitor-{language}@browser.example.org"} <= recipients
    audit.assert_clean()


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_an_institution_editor_reads_their_enquiries_in_the_admin(request, staff, admin_session, language):
    """The demo's enquiries: two for Ruse, one for Giurgiu; Ruse's editor sees only Ruse's."""
    from directory.models import InstitutionAccess, InstitutionPage
    from directory.network import add_editor

    user = staff(f"ruse-editor-{language}", language=language)
    ruse = {"slug": "ruse-municipality", "locale__language_code": "bg"}

    def equip():
        existed = InstitutionAccess.objects.filter(
            **{f"institution__{k}": v for k, v in ruse.items()}
        ).exists()
        institution = InstitutionPage.objects.get(**ruse)
        add_editor(user, institution)
        return existed, list(Enquiry.objects.filter(institution=institution).values_list("pk", "subject"))

    def forget():  # the group and collection this test made, so other journeys start as before
        access = InstitutionAccess.objects.get(**{f"institution__{k}": v for k, v in ruse.items()})
        group, collection = access.group, access.collection
        access.delete()
        group.delete()
        collection.delete()

    existed, own = committed(equip)
    if not existed:
        request.addfinalizer(lambda: committed(forget))
    assert len(own) == 2
    session = admin_session(user, language)
    session.goto("/admin/enquiries/")
    session.screen("enquiries-listing")
    listing = session.page.locator("main").inner_text()
    for _pk, subject in own:
        assert subject in listing
    assert "Разрешение за търговия на пазара" not in listing  # Giurgiu's
    session.page.get_by_role("link", name=own[0][1]).click()
    session.page.wait_for_load_state("networkidle")
    assert "@example.org" in session.page.locator("main").inner_text()
    session.screen("enquiry-inspect")

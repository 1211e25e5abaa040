"""Page feedback: the no-JS form's POST (origin check, validation, rate limit,
nothing written on refusal) and the admin report with its CSV."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from feedback.models import PageFeedback
from home.models import StandardPage
from tests.factories import UserFactory, make_draft, staff_member

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def target(demo_site):
    return StandardPage.objects.get(slug="about", locale__language_code="ro")


def post(data, lang="ro", origin=ORIGIN, **extra):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return Client().post(f"/{lang}/feedback/", data, **headers, **extra)


def test_every_page_has_the_form_without_javascript(target):
    html = Client().get(target.url).content.decode()
    assert 'action="/ro/feedback/"' in html and 'method="post"' in html
    assert 'name="useful" value="yes"' in html and 'name="useful" value="no"' in html
    assert 'maxlength="1000"' in html
    assert "csrfmiddlewaretoken" not in html  # cached pages carry no per-visitor token


def test_an_answer_is_recorded_and_thanked_for_in_the_page_language(target):
    response = post({"page": target.pk, "useful": "no", "comment": "  Lipsesc datele.  "})
    assert response.status_code == 303
    answer = PageFeedback.objects.get(page=target, comment="Lipsesc datele.")
    assert answer.useful is False and answer.locale_id == target.locale_id
    thanks = Client().get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "Vă mulțumim pentru răspuns" in html and f'href="{target.url}"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"useful": "maybe"}, "Alegeți „Da” sau „Nu”"),
        ({"useful": "yes", "comment": "x" * 1001}, "cel mult 1000 de caractere"),
        ({"useful": "yes", "page": "abc"}, "Pagina despre care ați răspuns nu există."),
    ],
)
def test_bad_input_is_a_localized_400_and_writes_nothing(target, data, message):
    data = {"page": target.pk, **data}
    before = PageFeedback.objects.count()
    response = post(data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PageFeedback.objects.count() == before


def test_a_hidden_page_cannot_be_answered_about(demo_site):
    home = StandardPage.objects.get(slug="about", locale__language_code="bg")
    draft = make_draft(home, title="Чернова", slug="draft-feedback")
    assert post({"page": draft.pk, "useful": "yes"}, lang="bg").status_code == 400
    assert not PageFeedback.objects.filter(page=draft).exists()


def test_a_post_from_another_site_is_refused(target):
    before = PageFeedback.objects.count()
    assert post({"page": target.pk, "useful": "yes"}, origin="https://evil.example").status_code == 403
    assert post({"page": target.pk, "useful": "yes"}, origin=None).status_code == 403
    assert PageFeedback.objects.count() == before
    assert Client().get("/ro/feedback/").status_code == 405


@override_settings(FEEDBACK_RATE_LIMIT=3)
def test_answers_are_rate_limited_per_address(target):
    before = PageFeedback.objects.count()
    for _ in range(3):
        assert post({"page": target.pk, "useful": "yes"}).status_code == 303
    response = post({"page": target.pk, "useful": "yes"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "Ați trimis multe răspunsuri" in response.content.decode()
    assert PageFeedback.objects.count() == before + 3
    # another address is not limited
    assert post({"page": target.pk, "useful": "yes"}, REMOTE_ADDR="10.0.0.9").status_code == 303


def test_the_admin_report_counts_per_page_and_language_and_exports_csv(demo_site):
    page = StandardPage.objects.get(slug="project-results", locale__language_code="bg")
    PageFeedback.objects.create(page=page, locale_id=page.locale_id, useful=True, comment="=HYPERLINK(1)")
    moderator = staff_member("Moderators", language="bg")
    client = Client()
    client.force_login(moderator)
    response = client.get(reverse("feedback_report"), {"locale": "bg"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-page="{page.pk}" data-locale="bg"' in html
    row = html.split(f'data-page="{page.pk}" data-locale="bg"')[1].split("</tr>")[0]
    assert 'data-count="yes">3<' in row and 'data-count="no">1<' in row and 'data-count="comments">3<' in row
    detail = client.get(reverse("feedback_page_report", args=[page.pk])).content.decode()
    assert "Липсва връзка към самите споразумения." in detail
    export = client.get(reverse("feedback_report"), {"locale": "bg", "export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["sent_at", "page_id", "page_title", "language", "useful", "comment"]
    assert {r[3] for r in rows[1:]} == {"bg"}
    assert [r[5] for r in rows[1:] if "HYPERLINK" in r[5]] == ["'=HYPERLINK(1)"]
    # an unknown language is said, not a 500
    response = client.get(reverse("feedback_report"), {"locale": "xx"})
    assert response.status_code == 200 and "Непознат език" in response.content.decode()


def test_the_report_needs_the_view_permission(demo_site):
    client = Client()
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("feedback_report")).status_code in (302, 403)
    assert client.get(reverse("feedback_report"), {"export": "csv"}).status_code in (302, 403)


def test_report_queries_do_not_grow_with_pages(demo_site, django_assert_max_num_queries):
    moderator = staff_member("Moderators", language="en")
    client = Client()
    client.force_login(moderator)
    client.get(reverse("feedback_report"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("feedback_report")).status_code == 200

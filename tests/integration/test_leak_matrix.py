"""The leak matrix: every kind of hidden object × every public surface × every locale.

One world is built for the module: each hidden object carries a unique marker
word, and so do public "control" objects of each kind. For every surface and
locale an anonymous client must see no hidden marker — and must see the control
markers the surface is meant to show, so a surface that shows nothing cannot
pass. A second matrix shows that each hidden object's marker is there for a user
who has permission (its own URL for restricted pages, the admin for drafts)."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction

from cms.translation import translate_object
from directory.models import DirectoryIndexPage, InstitutionPage
from documents.models import AgreementParty, PublicationKind
from home.models import HomePage, StandardPage
from news.models import NewsPage, NewsPageRelatedInstitution
from tests.directory.factories import make_institution
from tests.documents.factories import make_document, make_publication
from tests.factories import UserFactory, publish, sitemap_documents
from tests.news.factories import make_news

# every test is a database test (a savepoint inside the module's world), so that
# pytest-django keeps the module's tests together and builds the world once
pytestmark = pytest.mark.django_db

LOCALES = ("bg", "ro", "en")
COMMON = "Leakmatrix"  # in every object's title: one search finds them all

# marker → what it is
HIDDEN = {
    "Hdraftnews": "a news item never published",
    "Hschednews": "a news item scheduled for tomorrow",
    "Hexpnews": "a news item past its expiry (cron not run)",
    "Hexpinst": "an institution past its expiry",
    "Hexppub": "a publication past its expiry",
    "Hexpstd": "a standard page past its expiry",
    "Hpassnews": "a password-restricted news item (bg)",
    "Hpassro": "the ro translation of the password-restricted news item",
    "Hlogininst": "a login-restricted institution",
    "Hloginserv": "an e-service of the login-restricted institution",
    "Hgrouppub": "a group-restricted publication",
    "Hsection": "a login-restricted section",
    "Hsectionchild": "a page below the restricted section",
    "Hrosrc": "a bg news item whose ro translation is restricted",
    "Hrotr": "the restricted ro translation",
    "Hdraftrev": "a live page's draft revision",
    "Hdrafttr": "a draft translation made over an alias",
    "Himage": "an image used only by a restricted page",
    "Hprivdoc": "a document in a private collection (used by a public page)",
    "Hhiddendoc": "a document used only by a hidden page",
    "Hdraftdoc": "a document used only by a draft revision",
    "Hloosedoc": "an unattached document",
}
CONTROL = {
    "Cnews": "a public news item",
    "Cinst": "a public institution",
    "Cserv": "a public e-service",
    "Cpub": "a public publication",
    "Cdoc": "a public document",
    "Cimage": "a public image",
}


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (0, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(marker):
    return get_image_model().objects.create(
        title=f"{COMMON} {marker}", file=ImageFile(io.BytesIO(png()), name=f"{marker.lower()}.png")
    )


def in_every_locale(page):
    """The page's aliases in ro and en (pages created in code are synced by the
    project; this only fills a gap, and is a no-op once they exist)."""
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if page.get_translation_or_none(locale) is None:
            page.copy_for_translation(locale, copy_parents=True, alias=True)
    return page


def group(page):
    return list(Page.objects.filter(translation_key=page.translation_key).specific())


def expire(page):
    Page.objects.filter(translation_key=page.translation_key).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )


class World:
    """What was built: pages by marker, documents and images by marker."""

    def __init__(self):
        self.pages = {}
        self.documents = {}
        self.images = {}
        self.passwords = {}
        self.group_member = None


def build_world():
    world = World()
    home = HomePage.objects.get(locale__language_code="bg", depth=2)
    directory = DirectoryIndexPage.objects.get(locale__language_code="bg")

    # --- controls ---------------------------------------------------------
    world.images["Cimage"] = make_image("Cimage")
    control_inst = in_every_locale(
        make_institution(directory, title=f"{COMMON} Cinst", services=[{"category": "local-taxes"}])
    )
    service = control_inst.e_services.first()
    service.name = f"{COMMON} Cserv"
    service.save()
    publish(control_inst)
    world.pages["Cinst"] = control_inst
    control_news = make_news(title=f"{COMMON} Cnews", hero_image=world.images["Cimage"])
    control_news.related_institutions.add(NewsPageRelatedInstitution(institution=control_inst))
    publish(control_news)
    world.pages["Cnews"] = in_every_locale(control_news)
    world.documents["Cdoc"] = make_document(f"{COMMON} Cdoc", "cdoc.pdf")
    control_pub = make_publication(
        world.documents["Cdoc"], title=f"{COMMON} Cpub", slug="leak-cpub", kind=PublicationKind.AGREEMENT
    )
    world.pages["Cpub"] = in_every_locale(control_pub)

    # --- drafts and schedules --------------------------------------------
    world.pages["Hdraftnews"] = in_every_locale(make_news(title=f"{COMMON} Hdraftnews", publish=False))
    world.pages["Hschednews"] = in_every_locale(
        make_news(title=f"{COMMON} Hschednews", go_live_at=timezone.now() + datetime.timedelta(days=1))
    )

    # --- expired before the cron -----------------------------------------
    expired_news = in_every_locale(make_news(title=f"{COMMON} Hexpnews"))
    expired_inst = in_every_locale(make_institution(directory, title=f"{COMMON} Hexpinst"))
    expired_pub = in_every_locale(make_publication(title=f"{COMMON} Hexppub", slug="leak-hexppub"))
    expired_std = StandardPage(title=f"{COMMON} Hexpstd", slug="leak-hexpstd", intro="…", show_in_menus=False)
    home.add_child(instance=expired_std)
    in_every_locale(publish(expired_std))
    for marker, page in [
        ("Hexpnews", expired_news),
        ("Hexpinst", expired_inst),
        ("Hexppub", expired_pub),
        ("Hexpstd", expired_std),
    ]:
        expire(page)
        world.pages[marker] = page

    # --- restricted in bg: password (news + its ro translation + en alias) --
    world.images["Himage"] = make_image("Himage")
    password_news = make_news(title=f"{COMMON} Hpassnews", hero_image=world.images["Himage"])
    password_news.related_institutions.add(NewsPageRelatedInstitution(institution=control_inst))
    publish(password_news)
    translate_object(password_news, "ro", {}, strict=False)
    ro_translation = password_news.get_translation(Locale.objects.get(language_code="ro"))
    ro_translation.title = f"{COMMON} Hpassro"
    publish(ro_translation)
    in_every_locale(password_news)
    PageViewRestriction.objects.create(page=password_news, restriction_type="password", password="pass-leak")
    world.pages["Hpassnews"] = password_news
    world.pages["Hpassro"] = ro_translation.specific
    world.passwords["Hpassnews"] = "pass-leak"

    # --- login-restricted institution with an e-service ------------------
    login_inst = make_institution(
        directory, title=f"{COMMON} Hlogininst", services=[{"category": "local-taxes"}]
    )
    login_service = login_inst.e_services.first()
    login_service.name = f"{COMMON} Hloginserv"
    login_service.save()
    publish(login_inst)
    in_every_locale(login_inst)
    PageViewRestriction.objects.create(page=login_inst, restriction_type="login")
    world.pages["Hlogininst"] = login_inst
    # a public news item and a public agreement link to it: it must not show there
    control_news.related_institutions.add(NewsPageRelatedInstitution(institution=login_inst))
    publish(control_news)
    control_pub.parties.add(AgreementParty(institution=login_inst, locale=control_pub.locale))
    publish(control_pub)

    # --- group-restricted publication with the only use of a document -----
    world.documents["Hhiddendoc"] = make_document(f"{COMMON} Hhiddendoc", "hhiddendoc.pdf")
    group_pub = in_every_locale(
        make_publication(world.documents["Hhiddendoc"], title=f"{COMMON} Hgrouppub", slug="leak-hgrouppub")
    )
    members = Group.objects.create(name="Leak matrix members")
    restriction = PageViewRestriction.objects.create(page=group_pub, restriction_type="groups")
    restriction.groups.add(members)
    world.pages["Hgrouppub"] = group_pub
    world.group_member = UserFactory()
    world.group_member.save()
    world.group_member.groups.add(members)

    # --- a restricted section and its child ------------------------------
    section = StandardPage(title=f"{COMMON} Hsection", slug="leak-hsection", intro="…", show_in_menus=False)
    home.add_child(instance=section)
    in_every_locale(publish(section))
    child = StandardPage(title=f"{COMMON} Hsectionchild", slug="leak-hsectionchild", intro="…")
    section.add_child(instance=child)
    in_every_locale(publish(child))
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    world.pages["Hsection"] = section
    world.pages["Hsectionchild"] = child

    # --- restricted in ro only: the bg source and the en alias are hidden too
    ro_source = make_news(title=f"{COMMON} Hrosrc")
    translate_object(ro_source, "ro", {}, strict=False)
    ro_restricted = ro_source.get_translation(Locale.objects.get(language_code="ro"))
    ro_restricted.title = f"{COMMON} Hrotr"
    publish(ro_restricted)
    in_every_locale(ro_source)
    PageViewRestriction.objects.create(page=ro_restricted, restriction_type="login")
    world.pages["Hrosrc"] = ro_source
    world.pages["Hrotr"] = ro_restricted.specific

    # --- a live page's draft revision (new text, a new document) ---------
    world.documents["Hdraftdoc"] = make_document(f"{COMMON} Hdraftdoc", "hdraftdoc.pdf")
    revised = in_every_locale(make_publication(make_document("Подмяна", "replaced.pdf"), slug="leak-revised"))
    revised.title = f"{COMMON} Hdraftrev"
    revised.document = world.documents["Hdraftdoc"]
    revised.save_revision()
    world.pages["Hdraftrev"] = revised

    # --- a draft translation made over an alias --------------------------
    aliased = in_every_locale(make_news(title=f"{COMMON} aliased"))
    translate_object(aliased, "ro", {f"{COMMON} aliased": f"{COMMON} Hdrafttr"}, strict=False, publish=False)
    world.pages["Hdrafttr"] = aliased.get_translation(Locale.objects.get(language_code="ro")).specific

    # --- documents: private collection, unattached ----------------------
    private = Collection.get_first_root_node().add_child(name="Leak matrix private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    world.documents["Hprivdoc"] = make_document(f"{COMMON} Hprivdoc", "hprivdoc.pdf", collection=private)
    in_every_locale(
        make_publication(world.documents["Hprivdoc"], title=f"{COMMON} privholder", slug="leak-privholder")
    )
    world.documents["Hloosedoc"] = make_document(f"{COMMON} Hloosedoc", "hloosedoc.pdf")
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once in a transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- What an anonymous visitor can read, surface by surface ------------------


def text(response):
    assert response.status_code < 500, response.status_code
    return response.content.decode(errors="replace")


def url_in(page, code):
    translated = page.get_translation_or_none(Locale.objects.get(language_code=code))
    return translated.url if translated is not None else None


def all_pages(world, code):
    """What each hidden page's own URL in that locale answers."""
    out = []
    for marker, page in world.pages.items():
        if marker.startswith("H"):
            url = url_in(page, code)
            if url:
                out.append(text(world.client.get(url)))
    return out


def control_pages(world, code):
    """The public pages that show related content, files, JSON-LD, menus and footer."""
    return [text(world.client.get(url_in(world.pages[m], code))) for m in ("Cnews", "Cinst", "Cpub")]


def api(world, url, **params):
    response = world.client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    return response.content.decode()


def ids_of(world, code):
    for marker, page in world.pages.items():
        if marker.startswith("H"):
            translated = page.get_translation_or_none(Locale.objects.get(language_code=code))
            if translated is not None:
                yield translated.pk


def media_answers(world, version):
    """The image and document lists of one API version, and each hidden one's detail."""
    answers = [api(world, f"/api/{version}/{kind}/", limit=100) for kind in ("images", "documents")]
    for kind, objects in (("images", world.images), ("documents", world.documents)):
        answers += [
            text(world.client.get(f"/api/{version}/{kind}/{obj.pk}/"))
            for marker, obj in objects.items()
            if marker.startswith("H")
        ]
    return answers


SURFACES = {
    # surface: (fetch(world, code) → list of texts, control markers it must show,
    # or {locale: markers} where they differ by locale)
    "own_urls": (all_pages, set()),
    "public_pages_related_blocks": (control_pages, {"Cnews", "Cinst", "Cpub"}),
    "home_menus_footer": (lambda w, c: [text(w.client.get(f"/{c}/"))], set()),
    "news_index": (lambda w, c: [text(w.client.get(f"/{c}/news/"))], {"Cnews"}),
    "feeds": (
        lambda w, c: [text(w.client.get(f"/{c}/news/rss/")), text(w.client.get(f"/{c}/news/atom/"))],
        {"Cnews"},
    ),
    "directory": (
        lambda w, c: [
            text(w.client.get(f"/{c}/directory/", {"q": COMMON})),
            text(w.client.get(f"/{c}/directory/e-services/", {"q": COMMON})),
        ],
        {"Cinst", "Cserv"},
    ),
    "documents_index": (lambda w, c: [text(w.client.get(f"/{c}/documents/"))], {"Cpub"}),
    "sitemap": (lambda w, c: sitemap_documents(w.client), set()),
    "search_html": (
        lambda w, c: [
            text(w.client.get(f"/{c}/search/", {"q": COMMON})),
            text(w.client.get(f"/{c}/search/", {"q": COMMON, "languages": "all"})),
        ],
        {"Cnews", "Cinst"},
    ),
    # suggestions are names written in the locale's language: aliases have none
    "suggest": (lambda w, c: [api(w, "/api/search/suggest/", q=COMMON, locale=c)], {"bg": {"Cinst"}}),
    "api_v2_pages": (
        lambda w, c: [
            api(w, "/api/v2/pages/", locale=c, search=COMMON, fields="*", limit=100),
            *[
                api(w, "/api/v2/pages/", locale=c, type=t, fields="*", limit=100)
                for t in (
                    "news.NewsPage",
                    "directory.InstitutionPage",
                    "documents.PublicationPage",
                    "home.StandardPage",
                )
            ],
        ],
        {"Cnews", "Cinst", "Cpub", "Cdoc"},
    ),
    "api_v2_details": (
        lambda w, c: [text(w.client.get(f"/api/v2/pages/{pk}/")) for pk in ids_of(w, c)],
        set(),
    ),
    "api_v2_media": (lambda w, c: media_answers(w, "v2"), {"Cimage", "Cdoc"}),
    "api_v3_pages": (
        lambda w, c: [
            api(w, "/api/v3/pages/", locale=c, search=COMMON, limit=100),
            *[
                api(w, "/api/v3/pages/", locale=c, type=t, limit=100)
                for t in ("news.NewsPage", "home.StandardPage")
            ],
            *[text(w.client.get(f"/api/v3/pages/{pk}/")) for pk in ids_of(w, c)],
        ],
        {"Cnews"},
    ),
    "api_v3_media": (lambda w, c: media_answers(w, "v3"), {"Cimage", "Cdoc"}),
    "exports": (
        lambda w, c: [
            api(w, "/api/directory/institutions.jsonld", locale=c),
            api(w, "/api/directory/institutions.csv", locale=c),
        ],
        {"Cinst", "Cserv"},
    ),
}


def markers_in(texts, markers):
    found = set()
    for content in texts:
        for marker in markers:
            if re.search(rf"\b{marker}\b", content):
                found.add(marker)
    return found


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_anonymous_visitor_sees_no_hidden_object(world, client, surface, code):
    world.client = client
    fetch, controls = SURFACES[surface]
    texts = fetch(world, code)
    leaked = markers_in(texts, HIDDEN)
    assert not leaked, f"{surface} ({code}) shows: " + "; ".join(f"{m} = {HIDDEN[m]}" for m in sorted(leaked))
    if isinstance(controls, dict):
        controls = controls.get(code, set())
    missing = controls - markers_in(texts, CONTROL)
    assert not missing, f"{surface} ({code}) does not show the public {sorted(missing)}"


EXPIRED = ("Hexpnews", "Hexpinst", "Hexppub", "Hexpstd")


@pytest.mark.parametrize("code", LOCALES)
def test_an_expired_page_is_gone_at_its_address_without_its_title(world, client, code):
    """Past its expiry and before the cron: 410 Gone at once, in every locale
    (aliases included), and the Gone page never prints the page's title."""
    for marker in EXPIRED:
        url = url_in(world.pages[marker], code)
        assert url, (marker, code)
        response = client.get(url)
        assert response.status_code == 410, (marker, code, response.status_code)
        html = response.content.decode()
        assert not markers_in([html], HIDDEN), (marker, code)
        assert f'href="/{code}/"' in html, (marker, code)  # and where to go instead


@pytest.mark.parametrize("code", LOCALES)
def test_hidden_documents_do_not_download_anonymously(world, client, code):
    with_mark = {m: d for m, d in world.documents.items() if m.startswith("H")}
    for marker, document in with_mark.items():
        response = client.get(document.url, HTTP_ACCEPT_LANGUAGE=code)
        assert response.status_code in (403, 404), (marker, response.status_code)
        assert "public" not in response.get("Cache-Control", "")
    assert client.get(world.documents["Cdoc"].url).status_code == 200


# --- The same objects, seen by someone allowed to ----------------------------


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize(
    ("marker", "who"),
    [
        ("Hpassnews", "password"),
        ("Hlogininst", "signed_in"),
        ("Hgrouppub", "group_member"),
        ("Hsectionchild", "signed_in"),
        ("Hrosrc", "signed_in"),
    ],
)
def test_restricted_pages_show_to_who_may_see_them_in_every_locale(world, client, marker, who, code):
    page = world.pages[marker]
    url = url_in(page, code)
    if who == "password":
        form_page = client.get(url)
        action = re.search(r'action="([^"]+)"', form_page.content.decode()).group(1)
        client.post(action, {"password": world.passwords[marker], "return_url": url})
    elif who == "group_member":
        client.force_login(world.group_member)
    else:
        user = UserFactory()
        user.save()
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    expected = {"Hpassnews": {"Hpassnews", "Hpassro"}, "Hrosrc": {"Hrosrc", "Hrotr"}}.get(marker, {marker})
    assert markers_in([content], expected), (marker, code)
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "marker",
    ["Hdraftnews", "Hschednews", "Hexpnews", "Hexpinst", "Hexppub", "Hexpstd", "Hdraftrev", "Hdrafttr"],
)
def test_unpublished_content_shows_to_editors_in_the_admin(world, admin_client, marker):
    page = world.pages[marker]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert markers_in([response.content.decode()], {marker})


def test_hidden_media_show_to_editors(world, admin_client):
    images = text(admin_client.get("/admin/images/", {"q": COMMON}))
    documents = text(admin_client.get("/admin/documents/", {"q": COMMON}))
    assert markers_in([images], {"Himage"}) == {"Himage"}
    assert markers_in([documents], {"Hprivdoc", "Hhiddendoc", "Hdraftdoc", "Hloosedoc"}) == {
        "Hprivdoc",
        "Hhiddendoc",
        "Hdraftdoc",
        "Hloosedoc",
    }
    for marker in ("Hprivdoc", "Hhiddendoc", "Hdraftdoc", "Hloosedoc"):
        response = admin_client.get(world.documents[marker].url)
        # a signed, expiring S3 URL, never cached
        assert response.status_code == 302, marker
        assert "X-Amz-Signature=" in response["Location"]
        assert "no-store" in response["Cache-Control"]


def test_each_hidden_object_is_really_built(world):
    """The matrix proves nothing about an object that does not exist."""
    page_markers = set(HIDDEN) - set(world.documents) - set(world.images) - {"Hloginserv"}
    assert page_markers <= set(world.pages)
    assert InstitutionPage.objects.filter(e_services__name=f"{COMMON} Hloginserv").exists()
    assert NewsPage.objects.filter(title=f"{COMMON} Hexpnews", live=True).exists()  # the cron has not run

"""Demo content of "a site visitors can rely on" (issue 17, points 3 and 5),
under the "About the project" page in bg, ro and en:

- a page with two change notes ("Updates to this page"), each published as a
  major change in every language;
- a withdrawn page (banner with date and reason; out of listings and search);
- a page that was unpublished (its address answers 410 Gone with links to
  "About the project");
- "Was this page useful?" answers on these pages, with comments.

Page types are looked up by name: feature apps do not import each other."""

from django.apps import apps
from django.utils.html import escape

from cms.demo import add_published_child, bg_home, child_by_slug, ensure_translations, translation_texts
from cms.translation import translate_object
from feedback.models import PageFeedback

SECTION = "about"
LANGUAGES = ("bg", "ro", "en")

HISTORY = {
    "slug": "project-results",
    "title": {"bg": "Резултати от проекта", "ro": "Rezultatele proiectului", "en": "Project results"},
    "intro": {
        "bg": "Какво създаде проектът ROBG-168 и къде може да се използва днес.",
        "ro": "Ce a creat proiectul ROBG-168 și unde poate fi folosit astăzi.",
        "en": "What project ROBG-168 created and where it can be used today.",
    },
    "body": {
        "bg": "Проектът създаде информационната платформа E-GoverNet, каталог на електронните услуги "
        "на институциите от двете страни на Дунав и мрежа от партньорства.",
        "ro": "Proiectul a creat platforma de informare E-GoverNet, un catalog al serviciilor "
        "electronice ale instituțiilor de pe ambele maluri ale Dunării și o rețea de parteneriate.",
        "en": "The project created the E-GoverNet information platform, a catalogue of the "
        "e-services of institutions on both banks of the Danube and a network of partnerships.",
    },
    "notes": [
        {
            "bg": "Добавен е каталогът на електронните услуги.",
            "ro": "A fost adăugat catalogul serviciilor electronice.",
            "en": "Added the catalogue of e-services.",
        },
        {
            "bg": "Добавени са споразуменията за сътрудничество, подписани през 2019 г.",
            "ro": "Au fost adăugate acordurile de cooperare semnate în 2019.",
            "en": "Added the cooperation agreements signed in 2019.",
        },
    ],
}

WITHDRAWN = {
    "slug": "partner-meetings-2018",
    "title": {
        "bg": "График на партньорските срещи 2018",
        "ro": "Calendarul întâlnirilor partenerilor 2018",
        "en": "Partner meeting schedule 2018",
    },
    "intro": {
        "bg": "Срещите на партньорите по проекта през 2018 г.",
        "ro": "Întâlnirile partenerilor proiectului din 2018.",
        "en": "The meetings of the project partners in 2018.",
    },
    "body": {
        "bg": "Партньорите се срещаха всяко тримесечие последователно в Русе и Гюргево.",
        "ro": "Partenerii s-au întâlnit în fiecare trimestru, alternativ la Ruse și Giurgiu.",
        "en": "The partners met every quarter, in turn in Ruse and Giurgiu.",
    },
    "reason": {
        "bg": "Срещите приключиха с края на проекта през април 2019 г.",
        "ro": "Întâlnirile s-au încheiat odată cu finalizarea proiectului în aprilie 2019.",
        "en": "The meetings ended when the project closed in April 2019.",
    },
}

GONE = {
    "slug": "call-for-partners-2017",
    "title": {
        "bg": "Покана за партньори 2017",
        "ro": "Apel pentru parteneri 2017",
        "en": "Call for partners 2017",
    },
    "intro": {
        "bg": "Поканата за институции партньори от 2017 г.",
        "ro": "Apelul din 2017 pentru instituții partenere.",
        "en": "The 2017 call for partner institutions.",
    },
    "body": {
        "bg": "Поканата е затворена.",
        "ro": "Apelul este închis.",
        "en": "The call is closed.",
    },
}

FEEDBACK = {
    "bg": [
        (True, "Ясно и полезно, благодаря."),
        (True, ""),
        (False, "Липсва връзка към самите споразумения."),
    ],
    "ro": [(True, "Informații utile."), (False, "")],
    "en": [(True, ""), (False, "Please add the dates of the agreements.")],
}


def _texts(spec, *extra):
    return [spec["title"], spec["intro"], spec["body"], *extra]


def _build(spec, **fields):
    StandardPage = apps.get_model("home", "StandardPage")
    return StandardPage(
        title=spec["title"]["bg"],
        slug=spec["slug"],
        intro=spec["intro"]["bg"],
        body=[("paragraph", f"<p>{escape(spec['body']['bg'])}</p>")],
        **fields,
    )


def _publish_major(page, note):
    page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    page.major_change = True
    page.change_note = note
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def _ensure_history_page(section, report):
    """Two major changes as editors make them: published in bg, then each
    translation synced and published with its translated change note."""
    texts = _texts(HISTORY, *HISTORY["notes"])
    page = child_by_slug(section, HISTORY["slug"])
    if page is None:
        page = add_published_child(section, _build(HISTORY))
        report.add("page with change notes (bg)")
    page = page.specific
    translations = ensure_translations(page, texts, report, "page with change notes")
    if not page.change_history:
        for note in HISTORY["notes"]:
            page = _publish_major(page, note["bg"])
            for code in translations:
                translations[code] = translate_object(page, code, translation_texts(texts, code))
        report.add("change notes (bg, ro, en)")
    return [page, *(type(t).objects.get(pk=t.pk) for t in translations.values())]


def _ensure_withdrawn_page(section, report):
    page = child_by_slug(section, WITHDRAWN["slug"])
    if page is None:
        page = add_published_child(
            section, _build(WITHDRAWN, withdrawn=True, withdrawal_reason=WITHDRAWN["reason"]["bg"])
        )
        report.add("withdrawn page (bg)")
    ensure_translations(page.specific, _texts(WITHDRAWN, WITHDRAWN["reason"]), report, "withdrawn page")


def _ensure_gone_page(section, report):
    page = child_by_slug(section, GONE["slug"])
    if page is None:
        page = add_published_child(section, _build(GONE))
        report.add("unpublished page (bg)")
    page = page.specific
    ensure_translations(page, _texts(GONE), report, "unpublished page")
    for version in page.get_translations(inclusive=True).live().specific():
        version.unpublish()
        report.add(f"unpublished page unpublished ({version.locale.language_code})")


def _ensure_feedback(pages, report):
    for page in pages:
        code = page.locale.language_code
        if PageFeedback.objects.filter(page=page).exists():
            continue
        PageFeedback.objects.bulk_create(
            PageFeedback(page=page, locale_id=page.locale_id, useful=useful, comment=comment)
            for useful, comment in FEEDBACK.get(code, [])
        )
        report.add(f"page feedback ({code})")


def load(report):
    section = child_by_slug(bg_home(), SECTION)
    if section is None:  # the home app's demo makes it
        return
    section = section.specific
    pages = _ensure_history_page(section, report)
    _ensure_withdrawn_page(section, report)
    _ensure_gone_page(section, report)
    _ensure_feedback(pages, report)

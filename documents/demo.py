"""Demo content of the documents app: the documents section, the project's
three publications and five cooperation agreements, each with a Bulgarian,
Romanian and English sample PDF generated here, swapped per locale through
wagtail-localize overrides."""

import datetime

from django.core.files.base import ContentFile
from wagtail.models import Collection

from cms.demo import add_published_child, bg_home, child_by_slug, ensure_page, ensure_translations
from cms.translation import is_translated

from .models import (
    AgreementParty,
    AgreementStatus,
    Document,
    DocumentIndexPage,
    PublicationKind,
    PublicationPage,
)
from .pdf import sample_pdf
from .translation import override_segment

INDEX = {
    "title": {"bg": "Документи", "ro": "Documente", "en": "Documents"},
    "intro": {
        "bg": "Публикациите на проекта и подписаните споразумения за сътрудничество на български, "
        "румънски и английски език.",
        "ro": "Publicațiile proiectului și acordurile de cooperare semnate, în bulgară, română și engleză.",
        "en": "The project's publications and the signed cooperation agreements, in Bulgarian, "
        "Romanian and English.",
    },
}

SAMPLE_NOTE = {
    "bg": "Това е примерен документ, създаден за демонстрация на платформата.",
    "ro": "Acesta este un document exemplu, creat pentru demonstrarea platformei.",
    "en": "This is a sample document created to demonstrate the platform.",
}

# slug, kind, date, file stem per language, title, summary; agreements add
# date signed, end date, a status set by hand ("" = from the dates), the
# institution it is attributed to (its first party), scope and parties.
PUBLICATIONS = [
    {
        "slug": "survey-local-e-services",
        "kind": PublicationKind.SURVEY,
        "date": datetime.date(2018, 3, 15),
        "stem": {
            "bg": "проучване-електронни-услуги",
            "ro": "studiu-servicii-electronice",
            "en": "survey-e-services",
        },
        "title": {
            "bg": "Проучване на електронните услуги на местните власти",
            "ro": "Studiu privind serviciile electronice ale autorităților locale",
            "en": "Survey of local authorities' e-services",
        },
        "summary": {
            "bg": "Кои електронни услуги предлагат общините и областите в трансграничния регион и "
            "доколко са достъпни за хора и фирми от другата страна.",
            "ro": "Ce servicii electronice oferă primăriile și județele din regiunea transfrontalieră și "
            "cât de accesibile sunt pentru persoanele și firmele din cealaltă țară.",
            "en": "Which e-services the municipalities and districts of the cross-border region offer and "
            "how usable they are for people and businesses from the other country.",
        },
    },
    {
        "slug": "cross-border-strategy",
        "kind": PublicationKind.STRATEGY,
        "date": datetime.date(2018, 10, 1),
        "stem": {"bg": "стратегия-сътрудничество", "ro": "strategie-cooperare", "en": "cooperation-strategy"},
        "title": {
            "bg": "Стратегия за трансгранично сътрудничество в електронното управление",
            "ro": "Strategia de cooperare transfrontalieră în e-guvernare",
            "en": "Cross-border e-government cooperation strategy",
        },
        "summary": {
            "bg": "Цели и мерки за обмен на информация и съвместни електронни услуги между "
            "администрациите от двете страни на Дунав.",
            "ro": "Obiective și măsuri pentru schimbul de informații și servicii electronice comune între "
            "administrațiile de pe ambele maluri ale Dunării.",
            "en": "Goals and measures for information exchange and joint e-services between the "
            "administrations on both banks of the Danube.",
        },
    },
    {
        "slug": "platform-user-guide",
        "kind": PublicationKind.GUIDE,
        "date": datetime.date(2019, 3, 20),
        "stem": {"bg": "ръководство-платформа", "ro": "ghid-platforma", "en": "platform-user-guide"},
        "title": {
            "bg": "Ръководство за потребителя на платформата",
            "ro": "Ghidul utilizatorului platformei",
            "en": "Platform user guide",
        },
        "summary": {
            "bg": "Как институциите публикуват новини, услуги и документи в платформата E-GoverNet.",
            "ro": "Cum publică instituțiile știri, servicii și documente pe platforma E-GoverNet.",
            "en": "How institutions publish news, services and documents on the E-GoverNet platform.",
        },
    },
]

AGREEMENT_PAIRS = [
    (
        "ruse-giurgiu",
        ("Община Русе", "Municipiul Ruse", "Ruse Municipality"),
        ("Община Гюргево", "Municipiul Giurgiu", "Giurgiu Municipality"),
        datetime.date(2017, 11, 8),
        None,
        "",
    ),
    (
        "vidin-calafat",
        ("Община Видин", "Municipiul Vidin", "Vidin Municipality"),
        ("Община Калафат", "Municipiul Calafat", "Calafat Municipality"),
        datetime.date(2018, 2, 14),
        datetime.date(2030, 2, 13),
        "",
    ),
    (
        "silistra-calarasi",
        ("Община Силистра", "Municipiul Silistra", "Silistra Municipality"),
        ("Община Кълъраш", "Municipiul Călărași", "Călărași Municipality"),
        datetime.date(2018, 5, 22),
        None,
        "",
    ),
    (
        "svishtov-zimnicea",
        ("Община Свищов", "Municipiul Sviștov", "Svishtov Municipality"),
        ("Община Зимнич", "Orașul Zimnicea", "Zimnicea Town"),
        datetime.date(2018, 9, 12),
        datetime.date(2022, 9, 11),
        "",
    ),
    (
        "nikopol-turnu-magurele",
        ("Община Никопол", "Municipiul Nicopole", "Nikopol Municipality"),
        ("Община Турну Мъгуреле", "Municipiul Turnu Măgurele", "Turnu Măgurele Municipality"),
        datetime.date(2019, 1, 30),
        None,
        AgreementStatus.TERMINATED,
    ),
]


def _agreement(slug, first, second, signed, end, status_by_hand):
    """An agreement between two municipalities, attributed to the first. Its status
    follows the dates (in force / expired) unless `status_by_hand` is given."""
    names = {code: (first[index], second[index]) for index, code in enumerate(("bg", "ro", "en"))}
    return {
        "slug": f"agreement-{slug}",
        "kind": PublicationKind.AGREEMENT,
        "date": signed,
        "signed": signed,
        "end": end,
        "status": status_by_hand,
        "institution": first[0],
        "stem": {"bg": f"споразумение-{slug}", "ro": f"acord-{slug}", "en": f"agreement-{slug}"},
        "title": {
            "bg": f"Споразумение за сътрудничество: {names['bg'][0]} и {names['bg'][1]}",
            "ro": f"Acord de cooperare: {names['ro'][0]} și {names['ro'][1]}",
            "en": f"Cooperation agreement: {names['en'][0]} and {names['en'][1]}",
        },
        "summary": {
            "bg": "Двете администрации се договарят да обменят информация и да развиват съвместни "
            "електронни услуги за жителите на двата града.",
            "ro": "Cele două administrații convin să facă schimb de informații și să dezvolte servicii "
            "electronice comune pentru locuitorii celor două orașe.",
            "en": "The two administrations agree to exchange information and develop joint e-services "
            "for the residents of both towns.",
        },
        "scope": {
            "bg": "Обмен на информация, съвместни електронни услуги и обучение на служителите.",
            "ro": "Schimb de informații, servicii electronice comune și instruirea personalului.",
            "en": "Information exchange, joint e-services and staff training.",
        },
        "parties": [
            {"bg": names["bg"][0], "ro": names["ro"][0], "en": names["en"][0]},
            {"bg": names["bg"][1], "ro": names["ro"][1], "en": names["en"][1]},
        ],
    }


PUBLICATIONS += [_agreement(*pair) for pair in AGREEMENT_PAIRS]

LANGUAGE_LABEL = {"bg": "Bulgarian", "ro": "Romanian", "en": "English"}


def _ensure_document(spec, language, report):
    title = spec["title"][language]
    document = Document.objects.filter(title=title, language=language).first()
    if document is None:
        content = sample_pdf(
            title,
            [
                "SAMPLE DOCUMENT - E-GoverNet demo content",
                f"{spec['slug']} ({LANGUAGE_LABEL[language]} version)",
                "This file is a generated sample, not the real publication.",
            ],
            pages=2,
        )
        document = Document(
            title=title, language=language, file=ContentFile(content, name=f"{spec['stem'][language]}.pdf")
        )
        document.save()  # checked and measured like any upload
        report.add(f"document {spec['slug']} ({language})")
    return document


def _find_institution(name):
    """The directory's institution page with this Bulgarian name, when the
    directory app and its demo content exist."""
    from django.apps import apps

    try:
        model = apps.get_model("directory", "InstitutionPage")
    except LookupError:
        return None
    return model.objects.filter(locale__language_code="bg", title=name).first()


def _build_publication(spec, document):
    page = PublicationPage(
        title=spec["title"]["bg"],
        slug=spec["slug"],
        kind=spec["kind"],
        publication_date=spec["date"],
        intro=spec["summary"]["bg"],
        summary=spec["summary"]["bg"],
        body=[("paragraph", f"<p>{SAMPLE_NOTE['bg']}</p>")],
        document=document,
        date_signed=spec.get("signed"),
        end_date=spec.get("end"),
        agreement_status=spec.get("status", ""),
        institution=_find_institution(spec["institution"]) if "institution" in spec else None,
        scope=spec.get("scope", {}).get("bg", ""),
    )
    for party in spec.get("parties", []):
        page.parties.add(AgreementParty(name=party["bg"], institution=_find_institution(party["bg"])))
    return page


def _ensure_root_collection():
    # Migrations create it; a flushed database (transactional tests) has none.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def load(report):
    _ensure_root_collection()
    home = bg_home()
    index = ensure_page(
        home,
        "documents",
        lambda: DocumentIndexPage(
            title=INDEX["title"]["bg"], slug="documents", intro=INDEX["intro"]["bg"], show_in_menus=True
        ),
        list(INDEX.values()),
        report,
        "documents index",
    )
    for spec in PUBLICATIONS:
        documents = {code: _ensure_document(spec, code, report) for code in ("bg", "ro", "en")}
        page = child_by_slug(index, spec["slug"])
        if page is None:
            page = add_published_child(index, _build_publication(spec, documents["bg"]))
            report.add(f"publication {spec['slug']} (bg)")
        page = page.specific
        for code in ("ro", "en"):
            if not is_translated(page, code):
                # What a translator does in the localize editor: choose the file in their language.
                override_segment(page, code, "document", documents[code].pk)
        texts = [spec["title"], spec["summary"], SAMPLE_NOTE, *spec.get("parties", [])]
        if "scope" in spec:
            texts.append(spec["scope"])
        ensure_translations(page, texts, report, f"publication {spec['slug']}")

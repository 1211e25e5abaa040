"""Demo content of the home app: the three home pages and the standing pages
(about, the network, accessibility statement, privacy)."""

import datetime

from django.conf import settings
from wagtail.models import Locale

from cms.demo import add_published_child, bg_home, child_by_slug, ensure_translations
from cms.translation import translate_object
from home.models import PARTIALLY, AccessibilityStatementPage, StandardPage

# How long visitors' messages to institutions are kept (the directory's enquiry form).
ENQUIRY_DAYS = getattr(settings, "ENQUIRY_RETENTION_DAYS", 90)
SUBSCRIPTION_HOURS = getattr(settings, "SUBSCRIPTION_CONFIRMATION_HOURS", 48)

HOME = {
    "hero_text": {
        "bg": "Информационна мрежа на местните власти, неправителствените организации и бизнеса "
        "в трансграничния регион България–Румъния.",
        "ro": "Rețeaua de informare a autorităților locale, organizațiilor neguvernamentale și "
        "mediului de afaceri din regiunea transfrontalieră România–Bulgaria.",
        "en": "The information network of local authorities, NGOs and businesses in the "
        "Bulgaria–Romania cross-border region.",
    },
    "intro": {
        "bg": "Намерете институции и техните електронни услуги, прочетете новините на мрежата и "
        "изтеглете документите на проекта на български, румънски или английски език.",
        "ro": "Găsiți instituțiile și serviciile lor electronice, citiți știrile rețelei și "
        "descărcați documentele proiectului în bulgară, română sau engleză.",
        "en": "Find institutions and the e-services they offer, read the network's news and "
        "download the project's documents in Bulgarian, Romanian or English.",
    },
}

# (slug, title, intro, body as (block type, text) pairs); each text is {bg, ro, en}.
PAGES = [
    (
        "about",
        {"bg": "За проекта", "ro": "Despre proiect", "en": "About the project"},
        {
            "bg": "BG-RO E-GoverNet създава информационна мрежа за сътрудничество между "
            "публичните власти, НПО, бизнеса и гражданите в трансграничния регион.",
            "ro": "BG-RO E-GoverNet creează o rețea de informare pentru cooperarea dintre "
            "autoritățile publice, ONG-uri, mediul de afaceri și cetățeni din regiunea transfrontalieră.",
            "en": "BG-RO E-GoverNet creates an information network for cooperation between public "
            "authorities, NGOs, businesses and citizens in the cross-border region.",
        },
        [
            (
                "heading",
                {"bg": "Програма и срокове", "ro": "Program și perioadă", "en": "Programme and dates"},
            ),
            (
                "paragraph",
                {
                    "bg": "Проектът ROBG-168 се изпълнява по програма Интеррег V-A Румъния–България "
                    "2014–2020, приоритетна ос 5 „Ефективен регион“, от 20 април 2017 г. до 19 април 2019 г.",
                    "ro": "Proiectul ROBG-168 este implementat în cadrul Programului Interreg V-A "
                    "România–Bulgaria 2014–2020, axa prioritară 5 „O regiune eficientă”, în perioada "
                    "20 aprilie 2017 – 19 aprilie 2019.",
                    "en": "Project ROBG-168 is carried out under the Interreg V-A Romania–Bulgaria "
                    "Programme 2014–2020, priority axis 5 “An efficient region”, from 20 April 2017 "
                    "to 19 April 2019.",
                },
            ),
            ("heading", {"bg": "Партньори", "ro": "Parteneri", "en": "Partners"}),
            (
                "paragraph",
                {
                    "bg": "Водещ партньор е Бизнес център за подкрепа на малки и средни предприятия – "
                    "Русе, а партньор е Сдружение „Конгресно и визитно бюро Източен Дунав“, Гюргево.",
                    "ro": "Partenerul principal este Centrul de Sprijin pentru Afaceri pentru IMM-uri – "
                    "Ruse, iar partenerul este Asociația „Biroul de Congrese și Vizitatori Dunărea de Est”, "
                    "Giurgiu.",
                    "en": "The lead partner is the Business Support Centre for Small and Medium-sized "
                    "Enterprises – Ruse; the partner is the Association Congress and Visitors Bureau "
                    "“Eastern Danube”, Giurgiu.",
                },
            ),
            (
                "paragraph",
                {
                    "bg": "Общият бюджет на проекта е 366 816,47 евро, от които 311 793,99 евро "
                    "финансиране от Европейския съюз.",
                    "ro": "Bugetul total al proiectului este de 366.816,47 euro, din care 311.793,99 euro "
                    "finanțare din partea Uniunii Europene.",
                    "en": "The total budget of the project is EUR 366,816.47, of which EUR 311,793.99 is "
                    "funded by the European Union.",
                },
            ),
            ("heading", {"bg": "Очаквани резултати", "ro": "Rezultate așteptate", "en": "Expected results"}),
            (
                "paragraph",
                {
                    "bg": "Поне пет подписани споразумения за сътрудничество, мрежата от институции, "
                    "проучване на услугите на публичните власти, стратегия и тази платформа за обмен "
                    "на информация.",
                    "ro": "Cel puțin cinci acorduri de cooperare semnate, rețeaua de instituții, un studiu "
                    "al serviciilor autorităților publice, o strategie și această platformă de schimb "
                    "de informații.",
                    "en": "At least five signed cooperation agreements, the network of institutions, a "
                    "survey of public authorities' services, a strategy and this information-exchange "
                    "platform.",
                },
            ),
        ],
    ),
    (
        "network",
        {"bg": "Мрежата", "ro": "Rețeaua", "en": "The network"},
        {
            "bg": "Местни администрации, неправителствени организации и фирми от двете страни на "
            "Дунав, които обменят информация и услуги.",
            "ro": "Administrații locale, organizații neguvernamentale și firme de pe ambele maluri "
            "ale Dunării care fac schimb de informații și servicii.",
            "en": "Local administrations, non-governmental organisations and businesses on both "
            "banks of the Danube exchanging information and services.",
        },
        [
            (
                "paragraph",
                {
                    "bg": "Програмната област обхваща 15 области и окръга: Видин, Монтана, Враца, Плевен, "
                    "Велико Търново, Русе, Силистра и Добрич в България и Констанца, Кълъраш, Гюргево, "
                    "Телеорман, Долж, Мехединци и Олт в Румъния.",
                    "ro": "Aria programului cuprinde 15 regiuni: Vidin, Montana, Vrața, Pleven, Veliko "
                    "Tărnovo, Ruse, Silistra și Dobrici în Bulgaria și Constanța, Călărași, Giurgiu, "
                    "Teleorman, Dolj, Mehedinți și Olt în România.",
                    "en": "The programme area covers 15 regions: Vidin, Montana, Vratsa, Pleven, Veliko "
                    "Tarnovo, Ruse, Silistra and Dobrich in Bulgaria and Constanța, Călărași, Giurgiu, "
                    "Teleorman, Dolj, Mehedinți and Olt in Romania.",
                },
            ),
            (
                "paragraph",
                {
                    "bg": "Членовете на мрежата публикуват новини, описват електронните си услуги и "
                    "подписват споразумения за сътрудничество с партньори от другата страна на реката.",
                    "ro": "Membrii rețelei publică știri, își descriu serviciile electronice și semnează "
                    "acorduri de cooperare cu parteneri de pe celălalt mal al fluviului.",
                    "en": "Members of the network publish news, describe their e-services and sign "
                    "cooperation agreements with partners across the river.",
                },
            ),
        ],
    ),
    (
        "privacy",
        {"bg": "Поверителност", "ro": "Confidențialitate", "en": "Privacy"},
        {
            "bg": "Как този уебсайт обработва лични данни.",
            "ro": "Cum prelucrează acest site datele cu caracter personal.",
            "en": "How this website handles personal data.",
        },
        [
            (
                "paragraph",
                {
                    "bg": "Уебсайтът не използва бисквитки за проследяване и не зарежда външни скриптове. "
                    "Търсенията не се записват заедно с лични данни.",
                    "ro": "Site-ul nu folosește cookie-uri de urmărire și nu încarcă scripturi externe. "
                    "Căutările nu sunt înregistrate împreună cu date personale.",
                    "en": "This website uses no tracking cookies and loads no third-party scripts. "
                    "Searches are not logged with personal data.",
                },
            ),
            (
                "heading",
                {
                    "bg": "Съобщения до институциите",
                    "ro": "Mesaje către instituții",
                    "en": "Messages to institutions",
                },
            ),
            (
                "paragraph",
                {
                    "bg": "Когато пишете на институция чрез формуляра на нейната страница, съхраняваме името, "
                    "имейл адреса и съобщението Ви, за да ги изпратим на институцията и на нейните редактори, "
                    "и Ви изпращаме копие. IP адресът Ви се използва само за един час, за да се предотврати "
                    f"злоупотреба, и не се съхранява със съобщението. Съобщенията се изтриват автоматично "
                    f"след {ENQUIRY_DAYS} дни.",
                    "ro": "Când scrieți unei instituții prin formularul de pe pagina ei, păstrăm numele, adresa "
                    "de e-mail și mesajul dumneavoastră pentru a le transmite instituției și editorilor ei și "
                    "vă trimitem o copie. Adresa IP este folosită doar timp de o oră, pentru a preveni "
                    "abuzurile, și nu este păstrată împreună cu mesajul. Mesajele sunt șterse automat după "
                    f"{ENQUIRY_DAYS} de zile.",
                    "en": "When you write to an institution through the form on its page, we keep your name, "
                    "e-mail address and message to pass them on to the institution and its editors, and send "
                    "you a copy. Your IP address is only counted for one hour, to prevent abuse, and is not "
                    f"kept with the message. Messages are deleted automatically after {ENQUIRY_DAYS} days.",
                },
            ),
            (
                "heading",
                {"bg": "Новини по имейл", "ro": "Știri prin e-mail", "en": "News by e-mail"},
            ),
            (
                "paragraph",
                {
                    "bg": "Ако се абонирате за новините по имейл, съхраняваме само имейл адреса Ви, езика и "
                    "избраната категория и ги използваме единствено, за да Ви изпращаме новините. Абонаментът "
                    f"започва, след като го потвърдите с връзката от първото писмо; непотвърдените заявки се "
                    f"изтриват след {SUBSCRIPTION_HOURS} часа. Всяко писмо съдържа връзка за отписване с едно "
                    "щракване; при отписване адресът Ви се изтрива.",
                    "ro": "Dacă vă abonați la știrile prin e-mail, păstrăm doar adresa dumneavoastră de e-mail, "
                    "limba și categoria aleasă și le folosim numai pentru a vă trimite știrile. Abonamentul "
                    "începe după ce îl confirmați prin linkul din primul mesaj; cererile neconfirmate sunt "
                    f"șterse după {SUBSCRIPTION_HOURS} de ore. Fiecare mesaj conține un link de dezabonare "
                    "cu un singur clic; la dezabonare, adresa dumneavoastră este ștearsă.",
                    "en": "If you subscribe to the news by e-mail, we keep only your e-mail address, the language "
                    "and the category you chose, and use them only to send you the news. The subscription "
                    "starts once you confirm it with the link in the first mail; unconfirmed requests are "
                    f"deleted after {SUBSCRIPTION_HOURS} hours. Every mail has a one-click unsubscribe link; "
                    "when you unsubscribe, your address is deleted.",
                },
            ),
        ],
    ),
]


def _paragraph_html(text):
    return f"<p>{text}</p>"


def _body(blocks, language="bg"):
    stream = []
    for block_type, text in blocks:
        if block_type == "heading":
            stream.append(("heading", {"text": text[language], "level": "h2"}))
        else:
            stream.append(("paragraph", _paragraph_html(text[language])))
    return stream


def load(report):
    home = bg_home()
    if not home.hero_text:
        home.hero_text = HOME["hero_text"]["bg"]
        home.intro = HOME["intro"]["bg"]
        home.save_revision().publish()
        report.add("home page content (bg)")

    pages = []
    for slug, title, intro, blocks in PAGES:
        page = child_by_slug(home, slug)
        if page is None:
            page = add_published_child(
                home,
                StandardPage(
                    title=title["bg"],
                    slug=slug,
                    intro=intro["bg"],
                    body=_body(blocks),
                    show_in_menus=slug in ("about", "network"),
                ),
            )
            report.add(f"page {slug} (bg)")
        pages.append((page.specific, [title, intro, *(text for _type, text in blocks)]))

    statement = child_by_slug(home, "accessibility")
    if statement is None:
        statement = add_published_child(home, accessibility_statement())
        report.add("page accessibility (bg)")
    pages.append((statement.specific, list(STATEMENT_TEXTS.values())))

    home.refresh_from_db()
    ensure_translations(home, HOME_TEXTS, report, "home page")
    for page, texts in pages:
        ensure_translations(page, texts, report, f"page {page.slug}")


HOME_TEXTS = [
    {"bg": "Начало", "ro": "Acasă", "en": "Home"},
    {"bg": "E-GoverNet", "ro": "E-GoverNet", "en": "E-GoverNet"},
    *HOME.values(),
]

# The home page's blocks (home.blocks): their headings and texts.
BLOCKS = {
    "news": {"bg": "Последни новини", "ro": "Ultimele știri", "en": "Latest news"},
    "services": {
        "bg": "Най-използвани електронни услуги",
        "ro": "Cele mai folosite servicii electronice",
        "en": "Most-used e-services",
    },
    "catalogue": {
        "bg": "Всички електронни услуги",
        "ro": "Toate serviciile electronice",
        "en": "All e-services",
    },
    "search": {"bg": "Търсене в указателя", "ro": "Căutare în catalog", "en": "Search the directory"},
    "search_text": {
        "bg": "Намерете институция по име или област.",
        "ro": "Găsiți o instituție după nume sau regiune.",
        "en": "Find an institution by name or region.",
    },
    "figures": {"bg": "Мрежата в числа", "ro": "Rețeaua în cifre", "en": "The network in numbers"},
}
HOME_E_SERVICES = 4


def finish(report):
    """After every app's demo: the home page's blocks, which pick e-services the
    directory's demo created (and show the news and figures of the others)."""
    from django.apps import apps

    home = bg_home()
    if home.blocks:
        return
    EService = apps.get_model("directory", "EService")
    services = list(EService.objects.filter(locale=home.locale).order_by("pk")[:HOME_E_SERVICES])
    network = child_by_slug(home, "network")
    home.blocks = [
        ("latest_news", {"heading": BLOCKS["news"]["bg"], "count": 3}),
        (
            "e_services",
            {
                "heading": BLOCKS["services"]["bg"],
                "services": services,
                "catalogue_text": BLOCKS["catalogue"]["bg"],
            },
        ),
        ("directory_search", {"heading": BLOCKS["search"]["bg"], "text": BLOCKS["search_text"]["bg"]}),
        ("network_figures", {"heading": BLOCKS["figures"]["bg"], "link": network}),
    ]
    home.save_revision().publish()
    report.add("home page blocks (bg)")
    for code in ("ro", "en"):
        if Locale.objects.filter(language_code=code).exists():
            translate_object(home, code, {t["bg"]: t[code] for t in [*HOME_TEXTS, *BLOCKS.values()]})
            report.add(f"home page blocks ({code})")


# --- The accessibility statement (Implementing Decision (EU) 2018/1523's model) ---
STATEMENT_TEXTS = {
    "title": {
        "bg": "Декларация за достъпност",
        "ro": "Declarație de accesibilitate",
        "en": "Accessibility statement",
    },
    "intro": {
        "bg": "E-GoverNet се ангажира да направи уебсайта си достъпен в съответствие с Директива (ЕС) 2016/2102.",
        "ro": "E-GoverNet se angajează să își facă site-ul accesibil, în conformitate cu Directiva (UE) 2016/2102.",
        "en": "E-GoverNet is committed to making its website accessible, in accordance with Directive (EU) 2016/2102.",
    },
    "pdf": {
        "bg": "Някои PDF документи на проекта, публикувани преди 2019 г., нямат структурирани заглавия "
        "и текстови алтернативи на изображенията.",
        "ro": "Unele documente PDF ale proiectului, publicate înainte de 2019, nu au titluri structurate "
        "și alternative text pentru imagini.",
        "en": "Some of the project's PDF documents published before 2019 lack structured headings and "
        "text alternatives for images.",
    },
    "pdf_criteria": {
        "bg": "1.1.1 Нетекстово съдържание; 1.3.1 Информация и взаимовръзки",
        "ro": "1.1.1 Conținut non-text; 1.3.1 Informații și relații",
        "en": "1.1.1 Non-text content; 1.3.1 Info and relationships",
    },
    "pdf_fix": {
        "bg": "Документите ще бъдат заменени с достъпни версии до края на 2027 г.",
        "ro": "Documentele vor fi înlocuite cu versiuni accesibile până la sfârșitul anului 2027.",
        "en": "The documents will be replaced with accessible versions by the end of 2027.",
    },
    "video": {
        "bg": "Видеозаписите от заключителната конференция на проекта (2019 г.) нямат субтитри.",
        "ro": "Înregistrările video ale conferinței finale a proiectului (2019) nu au subtitrări.",
        "en": "The video recordings of the project's closing conference (2019) have no captions.",
    },
    "video_burden": {
        "bg": "Проектът е приключил и няма средства за субтитриране на над шест часа запис.",
        "ro": "Proiectul s-a încheiat și nu există fonduri pentru subtitrarea a peste șase ore de înregistrări.",
        "en": "The project has ended and has no funds to caption more than six hours of recordings.",
    },
    "video_alternative": {
        "bg": "Текстови резюмета на докладите са публикувани в раздел „Документи“.",
        "ro": "Rezumatele textuale ale prezentărilor sunt publicate în secțiunea „Documente”.",
        "en": "Text summaries of the talks are published in the Documents section.",
    },
    "method": {
        "bg": "Самооценка с автоматични проверки (axe-core) на всеки тип страница на трите езика и ръчна "
        "проверка с клавиатура и екранен четец (NVDA).",
        "ro": "Autoevaluare cu verificări automate (axe-core) ale fiecărui tip de pagină în cele trei limbi "
        "și verificare manuală cu tastatura și cititorul de ecran (NVDA).",
        "en": "Self-assessment with automated checks (axe-core) of every page type in the three languages "
        "and a manual check with the keyboard and a screen reader (NVDA).",
    },
    "feedback": {
        "bg": "Ако срещнете затруднение или се нуждаете от съдържание в достъпен формат, пишете ни. "
        "Отговаряме в рамките на 10 работни дни.",
        "ro": "Dacă întâmpinați o dificultate sau aveți nevoie de conținut într-un format accesibil, "
        "scrieți-ne. Răspundem în cel mult 10 zile lucrătoare.",
        "en": "If you meet a barrier or need content in an accessible format, write to us. "
        "We reply within 10 working days.",
    },
    "enforcement": {
        "bg": "Ако не сте доволни от нашия отговор, можете да се обърнете към органа, който следи за "
        "достъпността на уебсайтовете на публичния сектор във Вашата държава.",
        "ro": "Dacă nu sunteți mulțumit de răspunsul nostru, vă puteți adresa autorității care monitorizează "
        "accesibilitatea site-urilor organismelor din sectorul public din țara dumneavoastră.",
        "en": "If you are not satisfied with our answer, you can turn to the body that monitors the "
        "accessibility of public sector websites in your country.",
    },
    "body_bg": {
        "bg": "Министерство на електронното управление",
        "ro": "Ministerul Guvernării Electronice (Bulgaria)",
        "en": "Ministry of Electronic Governance (Bulgaria)",
    },
    "body_ro": {
        "bg": "Орган за цифровизация на Румъния",
        "ro": "Autoritatea pentru Digitalizarea României",
        "en": "Authority for the Digitalization of Romania",
    },
}


def accessibility_statement(today=None):
    today = today or datetime.date.today()
    t = {key: text["bg"] for key, text in STATEMENT_TEXTS.items()}
    return AccessibilityStatementPage(
        title=t["title"],
        slug="accessibility",
        intro=t["intro"],
        compliance_status=PARTIALLY,
        non_accessible_content=[
            ("item", {"description": t["pdf"], "criteria": t["pdf_criteria"], "planned_fix": t["pdf_fix"]})
        ],
        disproportionate_burden=[
            (
                "claim",
                {
                    "description": t["video"],
                    "justification": t["video_burden"],
                    "alternative": t["video_alternative"],
                },
            )
        ],
        prepared_on=today - datetime.timedelta(days=60),
        preparation_method="self",
        preparation_notes=t["method"],
        last_reviewed_on=today - datetime.timedelta(days=30),
        feedback_text=t["feedback"],
        feedback_email="accessibility@example.org",
        enforcement_text=t["enforcement"],
        enforcement_bodies=[
            ("body", {"country": "BG", "name": t["body_bg"], "url": "https://egov.government.bg/"}),
            ("body", {"country": "RO", "name": t["body_ro"], "url": "https://www.adr.gov.ro/"}),
        ],
    )

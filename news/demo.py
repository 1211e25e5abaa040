"""Demo content of the news app: the newsroom in bg/ro/en, four categories,
thirteen published cross-border news items with locally drawn images, and one
item scheduled for the future (never public until it goes live)."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from cms.demo import add_published_child, bg_home, child_by_slug, ensure_translations
from cms.translation import is_translated, translate_object

from .models import NewsCategory, NewsIndexPage, NewsPage, NewsPageCategory

INDEX = {
    "title": {"bg": "Новини", "ro": "Știri", "en": "News"},
    "intro": {
        "bg": "Новини от мрежата E-GoverNet и от двете страни на Дунав.",
        "ro": "Știri din rețeaua E-GoverNet și de pe ambele maluri ale Dunării.",
        "en": "News from the E-GoverNet network and from both banks of the Danube.",
    },
}

CATEGORIES = {
    "e-services": {"bg": "Електронни услуги", "ro": "Servicii electronice", "en": "E-services"},
    "cooperation": {"bg": "Сътрудничество", "ro": "Cooperare", "en": "Cooperation"},
    "infrastructure": {"bg": "Инфраструктура", "ro": "Infrastructură", "en": "Infrastructure"},
    "events": {"bg": "Събития", "ro": "Evenimente", "en": "Events"},
    "project": {"bg": "Проектът", "ro": "Proiectul", "en": "The project"},
}

# (slug, date, categories, regions, featured, colour, texts {title, intro, alt, body})
NEWS = [
    (
        "survey-of-e-services-results",
        datetime.date(2026, 3, 5),
        ["e-services", "project"],
        ["BG323", "RO314"],
        True,
        (0, 82, 147),
        {
            "title": {
                "bg": "Резултати от проучването на електронните услуги",
                "ro": "Rezultatele studiului privind serviciile electronice",
                "en": "Results of the survey of e-services",
            },
            "intro": {
                "bg": "Над 120 институции от двете страни на границата описаха услугите, които предлагат онлайн.",
                "ro": "Peste 120 de instituții de pe ambele părți ale graniței și-au descris serviciile oferite online.",
                "en": "More than 120 institutions on both sides of the border described the services they offer online.",
            },
            "alt": {
                "bg": "Диаграма с дела на услугите, достъпни онлайн",
                "ro": "Diagramă cu ponderea serviciilor disponibile online",
                "en": "Chart of the share of services available online",
            },
            "body": {
                "bg": "Проучването показва, че всяка трета услуга вече може да се заяви изцяло онлайн, но малко от тях са достъпни за граждани от другата страна.",
                "ro": "Studiul arată că unul din trei servicii poate fi deja solicitat integral online, dar puține sunt accesibile cetățenilor din cealaltă țară.",
                "en": "The survey shows that one service in three can already be requested fully online, but few are open to citizens of the other country.",
            },
        },
    ),
    (
        "ruse-giurgiu-bridge-toll-online",
        datetime.date(2026, 2, 18),
        ["infrastructure", "e-services"],
        ["BG323", "RO314"],
        True,
        (120, 72, 0),
        {
            "title": {
                "bg": "Таксата за моста Русе–Гюргево вече се плаща онлайн",
                "ro": "Taxa de pod Giurgiu–Ruse se poate plăti acum online",
                "en": "The Ruse–Giurgiu bridge toll can now be paid online",
            },
            "intro": {
                "bg": "Шофьорите могат да купят винетка за Дунав мост с телефон, преди да тръгнат на път.",
                "ro": "Șoferii pot cumpăra rovinieta pentru Podul Prieteniei de pe telefon, înainte de plecare.",
                "en": "Drivers can buy the Danube Bridge pass on their phone before setting off.",
            },
            "alt": {
                "bg": "Мостът Русе–Гюргево над Дунав",
                "ro": "Podul Giurgiu–Ruse peste Dunăre",
                "en": "The Ruse–Giurgiu bridge over the Danube",
            },
            "body": {
                "bg": "Новата услуга съкращава чакането на гишето и е достъпна на български, румънски и английски език.",
                "ro": "Noul serviciu reduce așteptarea la ghișeu și este disponibil în bulgară, română și engleză.",
                "en": "The new service cuts the queue at the booth and is available in Bulgarian, Romanian and English.",
            },
        },
    ),
    (
        "cooperation-agreement-ruse-giurgiu",
        datetime.date(2026, 1, 22),
        ["cooperation"],
        ["BG323", "RO314"],
        True,
        (0, 110, 80),
        {
            "title": {
                "bg": "Русе и Гюргево подписаха споразумение за сътрудничество",
                "ro": "Giurgiu și Ruse au semnat un acord de cooperare",
                "en": "Ruse and Giurgiu sign a cooperation agreement",
            },
            "intro": {
                "bg": "Двете общини ще обменят данни за електронните си услуги и ще обучават служители заедно.",
                "ro": "Cele două municipii vor face schimb de date despre serviciile electronice și vor instrui împreună funcționarii.",
                "en": "The two municipalities will share data on their e-services and train staff together.",
            },
            "alt": {
                "bg": "Кметовете на Русе и Гюргево подписват споразумението",
                "ro": "Primarii din Giurgiu și Ruse semnează acordul",
                "en": "The mayors of Ruse and Giurgiu sign the agreement",
            },
            "body": {
                "bg": "Споразумението е първото от петте, предвидени в проекта, и е отворено за присъединяване на други институции.",
                "ro": "Acordul este primul dintre cele cinci prevăzute în proiect și este deschis aderării altor instituții.",
                "en": "The agreement is the first of the five planned by the project and is open to other institutions.",
            },
        },
    ),
    (
        "silistra-calarasi-joint-office",
        datetime.date(2025, 12, 10),
        ["cooperation", "e-services"],
        ["BG325", "RO312"],
        False,
        (90, 40, 120),
        {
            "title": {
                "bg": "Силистра и Кълъраш откриват общ информационен център",
                "ro": "Silistra și Călărași deschid un centru comun de informare",
                "en": "Silistra and Călărași open a joint information office",
            },
            "intro": {
                "bg": "Гражданите ще получават съдействие за услугите на двете администрации на едно място.",
                "ro": "Cetățenii vor primi sprijin pentru serviciile ambelor administrații într-un singur loc.",
                "en": "Citizens will get help with both administrations' services in one place.",
            },
            "alt": {
                "bg": "Входът на информационния център",
                "ro": "Intrarea centrului de informare",
                "en": "The entrance of the information office",
            },
            "body": {
                "bg": "Центърът работи всеки делничен ден, а служителите говорят български и румънски език.",
                "ro": "Centrul funcționează în fiecare zi lucrătoare, iar angajații vorbesc bulgară și română.",
                "en": "The office is open every working day and its staff speak Bulgarian and Romanian.",
            },
        },
    ),
    (
        "vidin-calafat-ferry-timetable",
        datetime.date(2025, 11, 3),
        ["infrastructure"],
        ["BG311", "RO411"],
        False,
        (30, 90, 130),
        {
            "title": {
                "bg": "Разписанието на мост Видин–Калафат е достъпно в платформата",
                "ro": "Informațiile despre podul Calafat–Vidin sunt disponibile pe platformă",
                "en": "Vidin–Calafat bridge information now on the platform",
            },
            "intro": {
                "bg": "Актуалните такси и часове за ремонт на моста се публикуват на три езика.",
                "ro": "Taxele actuale și orele lucrărilor la pod sunt publicate în trei limbi.",
                "en": "Current tolls and maintenance hours for the bridge are published in three languages.",
            },
            "alt": {
                "bg": "Мостът Видин–Калафат",
                "ro": "Podul Calafat–Vidin",
                "en": "The Vidin–Calafat bridge",
            },
            "body": {
                "bg": "Областна администрация Видин и Консилиул Жудецян Долж ще поддържат информацията заедно.",
                "ro": "Administrația Regională Vidin și Consiliul Județean Dolj vor actualiza informațiile împreună.",
                "en": "The Vidin District Administration and Dolj County Council will keep the information up to date together.",
            },
        },
    ),
    (
        "e-signature-workshop-pleven",
        datetime.date(2025, 10, 15),
        ["events", "e-services"],
        ["BG314", "RO317"],
        False,
        (140, 30, 50),
        {
            "title": {
                "bg": "Семинар за електронния подпис в Плевен",
                "ro": "Atelier despre semnătura electronică la Pleven",
                "en": "Electronic signature workshop in Pleven",
            },
            "intro": {
                "bg": "Служители от Плевен и Телеорман научиха как да приемат документи, подписани в другата страна.",
                "ro": "Funcționari din Pleven și Teleorman au învățat cum să accepte documente semnate în cealaltă țară.",
                "en": "Staff from Pleven and Teleorman learned how to accept documents signed in the other country.",
            },
            "alt": {
                "bg": "Участници в семинара пред лаптопи",
                "ro": "Participanți la atelier în fața laptopurilor",
                "en": "Workshop participants at their laptops",
            },
            "body": {
                "bg": "Квалифицираният електронен подпис е валиден в целия Европейски съюз според регламента eIDAS.",
                "ro": "Semnătura electronică calificată este valabilă în întreaga Uniune Europeană conform regulamentului eIDAS.",
                "en": "A qualified electronic signature is valid throughout the European Union under the eIDAS regulation.",
            },
        },
    ),
    (
        "constanta-dobrich-tourism-portal",
        datetime.date(2025, 9, 8),
        ["cooperation"],
        ["RO223", "BG332"],
        False,
        (0, 100, 120),
        {
            "title": {
                "bg": "Добрич и Констанца свързват туристическите си портали",
                "ro": "Constanța și Dobrici își conectează portalurile turistice",
                "en": "Constanța and Dobrich link their tourism portals",
            },
            "intro": {
                "bg": "Посетителите на Черноморието ще намират събитията от двете страни на едно място.",
                "ro": "Vizitatorii litoralului vor găsi evenimentele din ambele țări într-un singur loc.",
                "en": "Visitors to the Black Sea coast will find events on both sides in one place.",
            },
            "alt": {
                "bg": "Крайбрежие на Черно море",
                "ro": "Țărmul Mării Negre",
                "en": "The Black Sea coast",
            },
            "body": {
                "bg": "Данните за събитията се обменят автоматично чрез отворения програмен интерфейс на платформата.",
                "ro": "Datele despre evenimente sunt schimbate automat prin interfața de programare deschisă a platformei.",
                "en": "Event data is exchanged automatically through the platform's open API.",
            },
        },
    ),
    (
        "network-reaches-100-members",
        datetime.date(2025, 7, 1),
        ["project"],
        [],
        False,
        (60, 60, 60),
        {
            "title": {
                "bg": "Мрежата E-GoverNet вече има 100 членове",
                "ro": "Rețeaua E-GoverNet are acum 100 de membri",
                "en": "The E-GoverNet network reaches 100 members",
            },
            "intro": {
                "bg": "Към мрежата се присъединиха общини, неправителствени организации и фирми от 15-те области и окръга.",
                "ro": "Municipii, organizații neguvernamentale și firme din cele 15 regiuni s-au alăturat rețelei.",
                "en": "Municipalities, NGOs and businesses from all 15 regions have joined the network.",
            },
            "alt": {
                "bg": "Карта на членовете на мрежата",
                "ro": "Harta membrilor rețelei",
                "en": "Map of the network's members",
            },
            "body": {
                "bg": "Всеки член поддържа профила си в указателя и публикува своите електронни услуги.",
                "ro": "Fiecare membru își actualizează profilul în director și își publică serviciile electronice.",
                "en": "Each member keeps its profile in the directory up to date and publishes its e-services.",
            },
        },
    ),
    (
        "veliko-tarnovo-olt-students",
        datetime.date(2025, 6, 12),
        ["events", "cooperation"],
        ["BG321", "RO414"],
        False,
        (110, 80, 20),
        {
            "title": {
                "bg": "Студенти от Велико Търново и Олт тестваха електронни услуги",
                "ro": "Studenți din Veliko Tărnovo și Olt au testat servicii electronice",
                "en": "Students from Veliko Tarnovo and Olt test e-services",
            },
            "intro": {
                "bg": "Четиридесет студенти провериха колко лесно се ползват услугите на институциите от мрежата.",
                "ro": "Patruzeci de studenți au verificat cât de ușor se folosesc serviciile instituțiilor din rețea.",
                "en": "Forty students checked how easy the network institutions' services are to use.",
            },
            "alt": {
                "bg": "Студенти работят в компютърна зала",
                "ro": "Studenți lucrează într-o sală de calculatoare",
                "en": "Students working in a computer room",
            },
            "body": {
                "bg": "Препоръките им ще бъдат включени в стратегията за трансгранични електронни услуги.",
                "ro": "Recomandările lor vor fi incluse în strategia pentru servicii electronice transfrontaliere.",
                "en": "Their recommendations will feed into the strategy for cross-border e-services.",
            },
        },
    ),
    (
        "mehedinti-montana-business-forum",
        datetime.date(2025, 5, 20),
        ["events"],
        ["RO413", "BG312"],
        False,
        (20, 70, 40),
        {
            "title": {
                "bg": "Бизнес форум Монтана–Мехединци",
                "ro": "Forumul de afaceri Mehedinți–Montana",
                "en": "Montana–Mehedinți business forum",
            },
            "intro": {
                "bg": "Малки и средни предприятия обсъдиха как да подават документи онлайн в съседната страна.",
                "ro": "Întreprinderi mici și mijlocii au discutat cum să depună documente online în țara vecină.",
                "en": "Small and medium-sized enterprises discussed filing documents online in the neighbouring country.",
            },
            "alt": {
                "bg": "Участници във форума в конферентна зала",
                "ro": "Participanți la forum într-o sală de conferințe",
                "en": "Forum participants in a conference hall",
            },
            "body": {
                "bg": "Форумът събра над 80 представители на фирми, търговски камари и общини.",
                "ro": "Forumul a reunit peste 80 de reprezentanți ai firmelor, camerelor de comerț și primăriilor.",
                "en": "The forum brought together more than 80 representatives of businesses, chambers of commerce and municipalities.",
            },
        },
    ),
    (
        "vratsa-dolj-open-data",
        datetime.date(2025, 4, 9),
        ["e-services"],
        ["BG313", "RO411"],
        False,
        (70, 30, 100),
        {
            "title": {
                "bg": "Враца и Долж публикуват отворени данни",
                "ro": "Vrața și Dolj publică date deschise",
                "en": "Vratsa and Dolj publish open data",
            },
            "intro": {
                "bg": "Списъците с административни услуги вече се предлагат в машинночетим формат.",
                "ro": "Listele serviciilor administrative sunt oferite acum într-un format care poate fi citit automat.",
                "en": "The lists of administrative services are now available in a machine-readable format.",
            },
            "alt": {
                "bg": "Таблица с отворени данни на екран",
                "ro": "Tabel cu date deschise pe un ecran",
                "en": "A table of open data on a screen",
            },
            "body": {
                "bg": "Данните се обновяват всяка седмица и могат да се използват свободно.",
                "ro": "Datele sunt actualizate săptămânal și pot fi folosite liber.",
                "en": "The data is updated every week and may be reused freely.",
            },
        },
    ),
    (
        "strategy-public-consultation",
        datetime.date(2025, 3, 3),
        ["project", "cooperation"],
        [],
        False,
        (0, 70, 110),
        {
            "title": {
                "bg": "Обществено обсъждане на стратегията за сътрудничество",
                "ro": "Consultare publică privind strategia de cooperare",
                "en": "Public consultation on the cooperation strategy",
            },
            "intro": {
                "bg": "Проектът на стратегията е публикуван за коментари до края на месеца.",
                "ro": "Proiectul strategiei este publicat pentru comentarii până la sfârșitul lunii.",
                "en": "The draft strategy is open for comments until the end of the month.",
            },
            "alt": {
                "bg": "Корица на проекта на стратегията",
                "ro": "Coperta proiectului de strategie",
                "en": "Cover of the draft strategy",
            },
            "body": {
                "bg": "Коментари се приемат по електронна поща на български, румънски или английски език.",
                "ro": "Comentariile se primesc prin e-mail în bulgară, română sau engleză.",
                "en": "Comments are welcome by e-mail in Bulgarian, Romanian or English.",
            },
        },
    ),
    (
        "project-kick-off-ruse",
        datetime.date(2025, 1, 28),
        ["project", "events"],
        ["BG323"],
        False,
        (100, 50, 0),
        {
            "title": {
                "bg": "Начална среща на проекта в Русе",
                "ro": "Reuniunea de lansare a proiectului la Ruse",
                "en": "Project kick-off meeting in Ruse",
            },
            "intro": {
                "bg": "Партньорите представиха целите на E-GoverNet пред местни власти и бизнеса.",
                "ro": "Partenerii au prezentat obiectivele E-GoverNet autorităților locale și mediului de afaceri.",
                "en": "The partners presented E-GoverNet's goals to local authorities and businesses.",
            },
            "alt": {
                "bg": "Зала по време на срещата",
                "ro": "Sala în timpul reuniunii",
                "en": "The hall during the meeting",
            },
            "body": {
                "bg": "Срещата откри поредица от работни посещения във всички 15 области и окръга.",
                "ro": "Reuniunea a deschis o serie de vizite de lucru în toate cele 15 regiuni.",
                "en": "The meeting opened a series of working visits to all 15 regions.",
            },
        },
    ),
]

SCHEDULED = (
    "new-e-services-catalogue",
    ["e-services"],
    ["RO314"],
    (0, 60, 60),
    {
        "title": {
            "bg": "Нов каталог на трансграничните електронни услуги",
            "ro": "Un nou catalog al serviciilor electronice transfrontaliere",
            "en": "A new catalogue of cross-border e-services",
        },
        "intro": {
            "bg": "Каталогът ще бъде публикуван през следващата година.",
            "ro": "Catalogul va fi publicat anul viitor.",
            "en": "The catalogue will be published next year.",
        },
        "alt": {"bg": "Корица на каталога", "ro": "Coperta catalogului", "en": "Cover of the catalogue"},
        "body": {
            "bg": "Съобщението ще бъде публикувано автоматично.",
            "ro": "Anunțul va fi publicat automat.",
            "en": "The announcement will be published automatically.",
        },
    },
)


def demo_image(slug, colour, title):
    """A 1200×630 image drawn locally (no downloads), reused when present."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    canvas = PILImage.new("RGB", (1200, 630), colour)
    draw = ImageDraw.Draw(canvas)
    r, g, b = colour
    for step in range(0, 630, 6):
        shade = (min(r + step // 8, 255), min(g + step // 8, 255), min(b + step // 8, 255))
        draw.rectangle([0, step, 1200, step + 6], fill=shade)
    draw.ellipse([760, 90, 1140, 470], outline=(255, 255, 255), width=12)
    draw.line([60, 520, 1140, 520], fill=(255, 255, 255), width=10)  # the Danube
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    image = Image(title=title, collection=collection)
    image.file = ImageFile(buffer, name=f"news-{slug}.png")
    image.save()
    return image, True


def ensure_categories(report):
    bg = Locale.objects.get(language_code="bg")
    categories = {}
    for slug, names in CATEGORIES.items():
        category = NewsCategory.objects.filter(slug=slug, locale=bg).first()
        if category is None:
            category = NewsCategory.objects.create(slug=slug, name=names["bg"], locale=bg)
            report.add(f"news category {slug} (bg)")
        for code in ("ro", "en"):
            if not is_translated(category, code):
                translate_object(category, code, {names["bg"]: names[code]})
                report.add(f"news category {slug} ({code})")
        categories[slug] = category
    return categories


# News attributed to the member institution it comes from (its bg page's slug).
ATTRIBUTED = {
    "ruse-giurgiu-bridge-toll-online": "ruse-municipality",
    "cooperation-agreement-ruse-giurgiu": "ruse-municipality",
    "project-kick-off-ruse": "ruse-municipality",
    "silistra-calarasi-joint-office": "silistra-municipality",
    "vidin-calafat-ferry-timetable": "calafat-municipality",
}


def _institution(slug):
    """The directory's Bulgarian institution page with this slug, when the
    directory app and its demo content exist (no import of the directory app)."""
    from django.apps import apps

    try:
        model = apps.get_model("directory", "InstitutionPage")
    except LookupError:
        return None
    return model.objects.filter(locale__language_code="bg", slug=slug).first()


def _texts(texts):
    return [texts["title"], texts["intro"], texts["alt"], texts["body"]]


def _build(slug, when, category_slugs, regions, featured, image, texts, categories):
    page = NewsPage(
        title=texts["title"]["bg"],
        slug=slug,
        date=when,
        intro=texts["intro"]["bg"],
        hero_image=image,
        hero_image_alt=texts["alt"]["bg"],
        body=[("paragraph", f"<p>{texts['body']['bg']}</p>")],
        regions=regions,
        featured=featured,
        institution=_institution(ATTRIBUTED[slug]) if slug in ATTRIBUTED else None,
    )
    for slug_ in category_slugs:
        page.news_categories.add(NewsPageCategory(category=categories[slug_]))
    return page


def load(report):
    home = bg_home()
    index = child_by_slug(home, "news")
    if index is None:
        index = add_published_child(
            home,
            NewsIndexPage(
                title=INDEX["title"]["bg"], slug="news", intro=INDEX["intro"]["bg"], show_in_menus=True
            ),
        )
        report.add("news index (bg)")
    index = index.specific
    ensure_translations(index, list(INDEX.values()), report, "news index")
    categories = ensure_categories(report)

    for slug, when, category_slugs, regions, featured, colour, texts in NEWS:
        page = child_by_slug(index, slug)
        if page is None:
            image, _created = demo_image(slug, colour, f"News: {texts['title']['en']}")
            page = add_published_child(
                index, _build(slug, when, category_slugs, regions, featured, image, texts, categories)
            )
            report.add(f"news {slug} (bg)")
        ensure_translations(page.specific, _texts(texts), report, f"news {slug}")

    _ensure_scheduled(index, categories, report)


def _ensure_scheduled(index, categories, report):
    """One item scheduled a year ahead in all three languages: not live anywhere."""
    slug, category_slugs, regions, colour, texts = SCHEDULED
    go_live_at = timezone.now() + datetime.timedelta(days=365)
    page = child_by_slug(index, slug)
    if page is None:
        image, _created = demo_image(slug, colour, f"News: {texts['title']['en']}")
        page = _build(slug, go_live_at.date(), category_slugs, regions, False, image, texts, categories)
        page.live = False
        page.go_live_at = go_live_at
        index.add_child(instance=page)
        page.save_revision().publish()
        report.add(f"news {slug} (bg, scheduled)")
    page = page.specific
    triples = _texts(texts)
    for code in ("ro", "en"):
        if is_translated(page, code):
            continue
        target = translate_object(page, code, {t["bg"]: t[code] for t in triples}, publish=False)
        target.go_live_at = page.go_live_at
        target.save_revision().publish()
        report.add(f"news {slug} ({code}, scheduled)")

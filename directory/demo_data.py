"""Demo data of the directory: the 15 regional administrations, municipalities
on both banks of the Danube, and NGOs/business-support organisations, with
their e-services. Names and coordinates are real; contact details are
examples (example.org addresses, example registry identifiers that pass the
check-digit rules)."""

# City: key -> (region NUTS-3, country, bg, ro, en, postcode, latitude, longitude)
CITIES = {
    "vidin": ("BG311", "BG", "Видин", "Vidin", "Vidin", "3700", "43.996200", "22.867900"),
    "montana": ("BG312", "BG", "Монтана", "Montana", "Montana", "3400", "43.412500", "23.225000"),
    "vratsa": ("BG313", "BG", "Враца", "Vrața", "Vratsa", "3000", "43.210200", "23.552900"),
    "pleven": ("BG314", "BG", "Плевен", "Pleven", "Pleven", "5800", "43.417000", "24.606700"),
    "veliko-tarnovo": (
        "BG321",
        "BG",
        "Велико Търново",
        "Veliko Tărnovo",
        "Veliko Tarnovo",
        "5000",
        "43.075700",
        "25.617200",
    ),
    "ruse": ("BG323", "BG", "Русе", "Ruse", "Ruse", "7000", "43.835600", "25.965700"),
    "silistra": ("BG325", "BG", "Силистра", "Silistra", "Silistra", "7500", "44.117100", "27.260600"),
    "dobrich": ("BG332", "BG", "Добрич", "Dobrici", "Dobrich", "9300", "43.572600", "27.827300"),
    "svishtov": ("BG321", "BG", "Свищов", "Șiștov", "Svishtov", "5250", "43.618600", "25.350600"),
    "nikopol": ("BG314", "BG", "Никопол", "Nicopole", "Nikopol", "5940", "43.705600", "24.895000"),
    "oryahovo": ("BG313", "BG", "Оряхово", "Oreahovo", "Oryahovo", "3300", "43.736600", "23.960000"),
    "constanta": ("RO223", "RO", "Констанца", "Constanța", "Constanța", "900725", "44.173300", "28.638300"),
    "calarasi": ("RO312", "RO", "Кълъраш", "Călărași", "Călărași", "910019", "44.200000", "27.333300"),
    "giurgiu": ("RO314", "RO", "Гюргево", "Giurgiu", "Giurgiu", "080044", "43.903700", "25.969900"),
    "alexandria": (
        "RO317",
        "RO",
        "Александрия",
        "Alexandria",
        "Alexandria",
        "140032",
        "43.968600",
        "25.333300",
    ),
    "craiova": ("RO411", "RO", "Крайова", "Craiova", "Craiova", "200585", "44.330200", "23.794900"),
    "drobeta": (
        "RO413",
        "RO",
        "Турну Северин",
        "Drobeta-Turnu Severin",
        "Drobeta-Turnu Severin",
        "220032",
        "44.636900",
        "22.659700",
    ),
    "slatina": ("RO414", "RO", "Слатина", "Slatina", "Slatina", "230038", "44.430000", "24.370000"),
    "calafat": ("RO411", "RO", "Калафат", "Calafat", "Calafat", "205200", "43.990600", "22.934200"),
    "turnu-magurele": (
        "RO317",
        "RO",
        "Турну Мъгуреле",
        "Turnu Măgurele",
        "Turnu Măgurele",
        "145200",
        "43.751700",
        "24.870800",
    ),
    "zimnicea": ("RO317", "RO", "Зимнич", "Zimnicea", "Zimnicea", "145400", "43.653900", "25.365300"),
    "bechet": ("RO411", "RO", "Бекет", "Bechet", "Bechet", "207065", "43.766700", "23.950000"),
}

# Regional administrations: (slug, city, type, county name bg/ro/en for RO councils)
DISTRICTS = ["vidin", "montana", "vratsa", "pleven", "veliko-tarnovo", "ruse", "silistra", "dobrich"]
# RO county councils: (city key of the seat, county names bg/ro/en)
COUNTIES = [
    ("constanta", "Констанца", "Constanța", "Constanța"),
    ("calarasi", "Кълъраш", "Călărași", "Călărași"),
    ("giurgiu", "Гюргево", "Giurgiu", "Giurgiu"),
    ("alexandria", "Телеорман", "Teleorman", "Teleorman"),
    ("craiova", "Долж", "Dolj", "Dolj"),
    ("drobeta", "Мехединци", "Mehedinți", "Mehedinți"),
    ("slatina", "Олт", "Olt", "Olt"),
]
MUNICIPALITIES = [
    "ruse",
    "giurgiu",
    "vidin",
    "calafat",
    "silistra",
    "calarasi",
    "dobrich",
    "constanta",
    "pleven",
    "turnu-magurele",
    "svishtov",
    "zimnicea",
    "nikopol",
    "vratsa",
    "oryahovo",
    "bechet",
]
# Romanian towns (not municipii) are "oraș".
RO_TOWNS = {"zimnicea", "bechet"}

# (slug, type, city, names {bg, ro, en}, short names {bg, ro, en}, description {bg, ro, en})
ORGANISATIONS = [
    (
        "bsc-sme-ruse",
        "business-support",
        "ruse",
        {
            "bg": "Бизнес център за подкрепа на малки и средни предприятия – Русе",
            "ro": "Centrul de Sprijin pentru Afaceri pentru IMM-uri – Ruse",
            "en": "Business Support Centre for Small and Medium-sized Enterprises – Ruse",
        },
        {"bg": "БЦПМСП – Русе", "ro": "CSAIMM Ruse", "en": "BSC SMEs Ruse"},
        {
            "bg": "Водещ партньор на проекта BG-RO E-GoverNet; консултира малки и средни предприятия за "
            "работа от двете страни на Дунав.",
            "ro": "Partenerul principal al proiectului BG-RO E-GoverNet; oferă consultanță întreprinderilor "
            "mici și mijlocii care lucrează pe ambele maluri ale Dunării.",
            "en": "Lead partner of the BG-RO E-GoverNet project; advises small and medium-sized enterprises "
            "working on both banks of the Danube.",
        },
    ),
    (
        "eastern-danube-bureau",
        "ngo",
        "giurgiu",
        {
            "bg": "Сдружение „Конгресно и визитно бюро Източен Дунав“",
            "ro": "Asociația „Biroul de Congrese și Vizitatori Dunărea de Est”",
            "en": "Association Congress and Visitors Bureau “Eastern Danube”",
        },
        {"bg": "Бюро Източен Дунав", "ro": "Biroul Dunărea de Est", "en": "Eastern Danube Bureau"},
        {
            "bg": "Партньор по проекта BG-RO E-GoverNet; развива туризма и събитията в региона на Долен Дунав.",
            "ro": "Partener în proiectul BG-RO E-GoverNet; dezvoltă turismul și evenimentele din regiunea "
            "Dunării de Jos.",
            "en": "Partner in the BG-RO E-GoverNet project; develops tourism and events in the Lower Danube region.",
        },
    ),
    (
        "ruse-chamber-of-commerce",
        "business-support",
        "ruse",
        {
            "bg": "Русенска търговско-индустриална камара",
            "ro": "Camera de Comerț și Industrie Ruse",
            "en": "Ruse Chamber of Commerce and Industry",
        },
        {"bg": "РТИК", "ro": "CCI Ruse", "en": "Ruse CCI"},
        {
            "bg": "Подкрепя фирмите от региона с информация, обучения и контакти с партньори в Румъния.",
            "ro": "Sprijină firmele din regiune cu informații, instruiri și contacte cu parteneri din România.",
            "en": "Supports businesses in the region with information, training and contacts with partners in Romania.",
        },
    ),
    (
        "giurgiu-chamber-of-commerce",
        "business-support",
        "giurgiu",
        {
            "bg": "Търговско-промишлена и земеделска камара Гюргево",
            "ro": "Camera de Comerț, Industrie și Agricultură Giurgiu",
            "en": "Giurgiu Chamber of Commerce, Industry and Agriculture",
        },
        {"bg": "ТПЗК Гюргево", "ro": "CCIA Giurgiu", "en": "Giurgiu CCIA"},
        {
            "bg": "Подкрепя фирмите от окръг Гюргево и търговията с България.",
            "ro": "Sprijină firmele din județul Giurgiu și comerțul cu Bulgaria.",
            "en": "Supports businesses in Giurgiu County and trade with Bulgaria.",
        },
    ),
]

COUNTERPARTS = [
    ("ruse-municipality", "giurgiu-municipality"),
    ("vidin-municipality", "calafat-municipality"),
    ("silistra-municipality", "calarasi-municipality"),
    ("dobrich-municipality", "constanta-municipality"),
    ("nikopol-municipality", "turnu-magurele-municipality"),
    ("svishtov-municipality", "zimnicea-municipality"),
    ("oryahovo-municipality", "bechet-municipality"),
    ("ruse-district-administration", "giurgiu-county-council"),
    ("vidin-district-administration", "dolj-county-council"),
    ("silistra-district-administration", "calarasi-county-council"),
    ("dobrich-district-administration", "constanta-county-council"),
    ("pleven-district-administration", "teleorman-county-council"),
    ("bsc-sme-ruse", "eastern-danube-bureau"),
    ("ruse-chamber-of-commerce", "giurgiu-chamber-of-commerce"),
]

# E-services: key -> (category, channel, authentication, cost amount or None, days, output, cross_border,
#                    name {bg, ro, en}, description {bg, ro, en})
SERVICES = {
    "birth-certificate": (
        "civil-status",
        "online",
        "eid",
        "5.00",
        3,
        "certificate",
        "partly",
        {
            "bg": "Дубликат на удостоверение за раждане",
            "ro": "Duplicat al certificatului de naștere",
            "en": "Duplicate birth certificate",
        },
        {
            "bg": "Заявка и получаване на дубликат на удостоверение за раждане.",
            "ro": "Solicitarea și primirea unui duplicat al certificatului de naștere.",
            "en": "Request and receive a duplicate of a birth certificate.",
        },
    ),
    "local-taxes": (
        "local-taxes",
        "online",
        "eid",
        None,
        0,
        "payment",
        "partly",
        {
            "bg": "Плащане на местни данъци и такси",
            "ro": "Plata taxelor și impozitelor locale",
            "en": "Payment of local taxes and fees",
        },
        {
            "bg": "Справка и плащане на данък сгради, превозни средства и такса битови отпадъци.",
            "ro": "Consultarea și plata impozitului pe clădiri, pe mijloacele de transport și a taxei de salubrizare.",
            "en": "Check and pay building tax, vehicle tax and the waste collection fee.",
        },
    ),
    "tax-certificate": (
        "local-taxes",
        "online",
        "qes",
        None,
        3,
        "certificate",
        "yes",
        {
            "bg": "Удостоверение за липса на задължения",
            "ro": "Certificat de atestare fiscală",
            "en": "Certificate of no outstanding local taxes",
        },
        {
            "bg": "Удостоверение, че лицето или фирмата няма задължения към общината.",
            "ro": "Certificat care atestă că persoana sau firma nu are datorii la bugetul local.",
            "en": "A certificate that the person or company owes nothing to the municipality.",
        },
    ),
    "building-permit": (
        "construction-permits",
        "assisted",
        "qes",
        "100.00",
        14,
        "permit",
        "no",
        {
            "bg": "Издаване на разрешение за строеж",
            "ro": "Eliberarea autorizației de construire",
            "en": "Building permit",
        },
        {
            "bg": "Разрешение за строеж въз основа на одобрен инвестиционен проект.",
            "ro": "Autorizație de construire pe baza unui proiect tehnic aprobat.",
            "en": "A building permit based on an approved investment project.",
        },
    ),
    "accommodation": (
        "tourism",
        "online",
        "qes",
        "50.00",
        30,
        "registration",
        "yes",
        {
            "bg": "Регистрация на място за настаняване",
            "ro": "Înregistrarea unei unități de cazare",
            "en": "Registration of tourist accommodation",
        },
        {
            "bg": "Вписване на хотел, къща за гости или стаи за гости в регистъра на туристическите обекти.",
            "ro": "Înscrierea unui hotel, a unei pensiuni sau a unor camere de închiriat în registrul unităților turistice.",
            "en": "Entering a hotel, guest house or guest rooms in the register of tourist sites.",
        },
    ),
    "road-permit": (
        "transport",
        "assisted",
        "qes",
        "50.00",
        14,
        "permit",
        "partly",
        {
            "bg": "Разрешение за специално ползване на пътища",
            "ro": "Autorizație pentru utilizarea specială a drumurilor",
            "en": "Permit for special use of roads",
        },
        {
            "bg": "Разрешение за извънгабаритен превоз и за ремонтни дейности по пътища от регионално значение.",
            "ro": "Autorizație pentru transport agabaritic și lucrări pe drumurile de interes regional.",
            "en": "A permit for oversized transport and for works on roads of regional importance.",
        },
    ),
    "pollution-report": (
        "environment",
        "online",
        "none",
        None,
        7,
        "information",
        "yes",
        {
            "bg": "Сигнал за замърсяване на околната среда",
            "ro": "Sesizare privind poluarea mediului",
            "en": "Reporting environmental pollution",
        },
        {
            "bg": "Подаване на сигнал за замърсяване на въздуха, водите или почвата, включително по река Дунав.",
            "ro": "Trimiterea unei sesizări privind poluarea aerului, a apelor sau a solului, inclusiv pe Dunăre.",
            "en": "Report pollution of air, water or soil, including on the Danube.",
        },
    ),
    "cross-border-advice": (
        "cross-border-work",
        "assisted",
        "none",
        None,
        5,
        "information",
        "yes",
        {
            "bg": "Консултации за работа и бизнес от другата страна на границата",
            "ro": "Consultanță pentru muncă și afaceri de cealaltă parte a graniței",
            "en": "Advice on working and doing business across the border",
        },
        {
            "bg": "Информация за регистрация, данъци и осигуровки при работа в България или Румъния.",
            "ro": "Informații despre înregistrare, impozite și asigurări la lucrul în Bulgaria sau România.",
            "en": "Information on registration, taxes and social security when working in Bulgaria or Romania.",
        },
    ),
    "business-events": (
        "business-registration",
        "online",
        "none",
        None,
        2,
        "registration",
        "yes",
        {
            "bg": "Регистрация за бизнес форуми и контактни борси",
            "ro": "Înscriere la forumuri de afaceri și burse de contacte",
            "en": "Registration for business forums and matchmaking events",
        },
        {
            "bg": "Онлайн записване за трансгранични бизнес срещи.",
            "ro": "Înscriere online la întâlniri de afaceri transfrontaliere.",
            "en": "Online sign-up for cross-border business meetings.",
        },
    ),
    "social-assistance": (
        "social-support",
        "in_person",
        "none",
        None,
        30,
        "decision",
        "no",
        {
            "bg": "Заявление за социална помощ",
            "ro": "Cerere pentru ajutor social",
            "en": "Application for social assistance",
        },
        {
            "bg": "Подаване на заявление за еднократна или месечна социална помощ.",
            "ro": "Depunerea cererii pentru ajutor social lunar sau de urgență.",
            "en": "Apply for one-off or monthly social assistance.",
        },
    ),
    "school-enrolment": (
        "education",
        "online",
        "eid",
        None,
        10,
        "decision",
        "partly",
        {
            "bg": "Записване в детска градина и първи клас",
            "ro": "Înscrierea la grădiniță și în clasa pregătitoare",
            "en": "Enrolment in kindergarten and first grade",
        },
        {
            "bg": "Електронно кандидатстване за място в общинска детска градина или училище.",
            "ro": "Înscriere electronică pentru un loc la o grădiniță sau școală din localitate.",
            "en": "Apply online for a place in a local kindergarten or school.",
        },
    ),
}

MUNICIPAL_SERVICES = ["birth-certificate", "local-taxes", "tax-certificate", "building-permit"]
MUNICIPAL_EXTRA = ["accommodation", "social-assistance", "school-enrolment"]
REGIONAL_SERVICES = ["road-permit", "pollution-report"]
ORGANISATION_SERVICES = ["cross-border-advice", "business-events"]

# Single Digital Gateway information (directory/sdg.py) of some e-services: two complete, one
# partly told, the rest untold, so the completeness report has something to show. Texts are
# written in bg and translated; the legal basis depends on the institution's country (links lead
# to the national legal databases). Steps and evidence: one per line.
_APPEAL = {
    "bg": "Отказът може да се обжалва пред административния съд в 14-дневен срок от съобщаването му.",
    "ro": "Refuzul poate fi contestat la instanța de contencios administrativ în termen de 14 zile de la comunicare.",
    "en": "A refusal can be appealed to the administrative court within 14 days of being notified.",
}
_PAY = {
    "bg": "Банкова карта онлайн, банков превод или в брой на касата",
    "ro": "Card bancar online, transfer bancar sau numerar la casierie",
    "en": "Bank card online, bank transfer or cash at the cash desk",
}
_LEX = {"BG": "https://lex.bg/", "RO": "https://legislatie.just.ro/"}
SDG_UPDATED = "2026-10-01"
SDG = {
    "birth-certificate": {
        "steps": {
            "bg": "Подайте заявлението онлайн с електронна идентификация.\nПлатете таксата.\n"
            "Получете удостоверението по електронна поща или в деловодството.",
            "ro": "Depuneți cererea online cu identificarea electronică.\nPlătiți taxa.\n"
            "Primiți certificatul prin e-mail sau la registratură.",
            "en": "Apply online with your electronic identity.\nPay the fee.\n"
            "Receive the certificate by e-mail or at the registry office.",
        },
        "required_evidence": {
            "bg": "Документ за самоличност\nДокумент за платена такса",
            "ro": "Act de identitate\nDovada plății taxei",
            "en": "Identity document\nProof that the fee was paid",
        },
        "legal_basis": {
            "BG": {
                "bg": "Закон за гражданската регистрация",
                "ro": "Legea înregistrării civile",
                "en": "Civil Registration Act",
            },
            "RO": {
                "bg": "Закон № 119/1996 за актовете за гражданско състояние",
                "ro": "Legea nr. 119/1996 cu privire la actele de stare civilă",
                "en": "Law no. 119/1996 on civil status documents",
            },
        },
        "redress": _APPEAL,
        "payment_methods": _PAY,
        "time_limits": {
            "bg": "Заявлението може да се подаде по всяко време.",
            "ro": "Cererea poate fi depusă oricând.",
            "en": "You can apply at any time.",
        },
        "tacit_approval": "no",
        "information_updated": SDG_UPDATED,
    },
    "local-taxes": {
        "steps": {
            "bg": "Влезте с електронна идентификация.\nПрегледайте задълженията си.\nПлатете онлайн.",
            "ro": "Autentificați-vă cu identificarea electronică.\nVerificați sumele datorate.\nPlătiți online.",
            "en": "Sign in with your electronic identity.\nCheck what you owe.\nPay online.",
        },
        "required_evidence": {
            "bg": "Не се изискват документи",
            "ro": "Nu sunt necesare documente",
            "en": "No documents are needed",
        },
        "legal_basis": {
            "BG": {
                "bg": "Закон за местните данъци и такси",
                "ro": "Legea impozitelor și taxelor locale",
                "en": "Local Taxes and Fees Act",
            },
            "RO": {
                "bg": "Данъчен кодекс (Закон № 227/2015), дял IX",
                "ro": "Codul fiscal (Legea nr. 227/2015), titlul IX",
                "en": "Fiscal Code (Law no. 227/2015), title IX",
            },
        },
        "redress": {
            "bg": "Размерът на задължението може да се оспори пред общинската администрация, "
            "а след това пред административния съд.",
            "ro": "Cuantumul obligației poate fi contestat la primărie, apoi la instanța de contencios administrativ.",
            "en": "The amount due can be contested at the municipality, then before the administrative court.",
        },
        "payment_methods": _PAY,
        "time_limits": {
            "bg": "Вноските се плащат в сроковете, определени от общината.",
            "ro": "Ratele se plătesc la termenele stabilite de primărie.",
            "en": "Instalments are due on the dates the municipality sets.",
        },
        "tacit_approval": "no",
        "information_updated": SDG_UPDATED,
    },
    "building-permit": {
        "steps": {
            "bg": "Подайте заявление с одобрения инвестиционен проект.\nПлатете таксата.\n"
            "Получете разрешението за строеж.",
            "ro": "Depuneți cererea împreună cu proiectul tehnic aprobat.\nPlătiți taxa.\n"
            "Primiți autorizația de construire.",
            "en": "Apply with the approved investment project.\nPay the fee.\nReceive the building permit.",
        },
        "legal_basis": {
            "BG": {
                "bg": "Закон за устройство на територията",
                "ro": "Legea amenajării teritoriului",
                "en": "Spatial Development Act",
            },
            "RO": {
                "bg": "Закон № 50/1991 за разрешаване изпълнението на строителни работи",
                "ro": "Legea nr. 50/1991 privind autorizarea executării lucrărilor de construcții",
                "en": "Law no. 50/1991 on the authorisation of construction works",
            },
        },
        "redress": _APPEAL,
    },
}
SDG_TEXTS = ("steps", "required_evidence", "redress", "payment_methods", "time_limits")

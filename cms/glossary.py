"""Fixed terms that translators (human or machine) must render the same way
everywhere: the network's name, programme names and the NUTS-3 regions."""

from django.utils.translation import gettext_lazy as _

from cms.regions import NUTS3_REGIONS

GLOSSARY = [
    {
        "bg": "E-GoverNet",
        "ro": "E-GoverNet",
        "en": "E-GoverNet",
        "note": _("Name of the network: never translated."),
    },
    {
        "bg": "Интеррег V-A Румъния–България",
        "ro": "Interreg V-A România–Bulgaria",
        "en": "Interreg V-A Romania–Bulgaria",
        "note": _("Funding programme."),
    },
    {
        "bg": "Бизнес център за подкрепа на малки и средни предприятия – Русе",
        "ro": "Centrul de Sprijin pentru Afaceri pentru IMM-uri – Ruse",
        "en": "Business Support Centre for Small and Medium-sized Enterprises – Ruse",
        "note": _("Lead partner."),
    },
    {
        "bg": "Сдружение „Конгресно и визитно бюро Източен Дунав“",
        "ro": "Asociația „Biroul de Congrese și Vizitatori Dunărea de Est”",
        "en": "Association Congress and Visitors Bureau “Eastern Danube”",
        "note": _("Partner, Giurgiu."),
    },
    {
        "bg": "е-услуга",
        "ro": "serviciu electronic",
        "en": "e-service",
        "note": _("A public service usable online."),
    },
    {
        "bg": "споразумение за сътрудничество",
        "ro": "acord de cooperare",
        "en": "cooperation agreement",
        "note": "",
    },
]


def glossary_terms():
    terms = list(GLOSSARY)
    for code, _country, bg, ro, en in NUTS3_REGIONS:
        terms.append({"bg": bg, "ro": ro, "en": en, "note": _("NUTS-3 region %(code)s") % {"code": code}})
    return terms

"""Demo content of the alerts app: one active, site-wide warning in bg, ro and en."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from cms.demo import ensure_translations

from .models import WARNING, Alert

FERRY = {
    "title": {
        "bg": "Фериботът Оряхово – Бекет не работи",
        "ro": "Bacul Bechet – Oreahovo nu circulă",
        "en": "The Oryahovo – Bechet ferry is not running",
    },
    "text": {
        "bg": "Заради ниското ниво на Дунав фериботът е спрян до второ нареждане. "
        "Използвайте моста Видин – Калафат или моста Русе – Гюргево.",
        "ro": "Din cauza nivelului scăzut al Dunării, bacul este oprit până la noi dispoziții. "
        "Folosiți podul Calafat – Vidin sau podul Giurgiu – Ruse.",
        "en": "Because of the Danube's low water the ferry is suspended until further notice. "
        "Use the Vidin – Calafat or the Ruse – Giurgiu bridge.",
    },
    "link_text": {
        "bg": "Състояние на граничните пунктове",
        "ro": "Starea punctelor de trecere a frontierei",
        "en": "Border crossing status",
    },
}
FERRY_URL = "https://www.mvr.bg/granichna-policia"


def load(report):
    bg = Locale.objects.get(language_code="bg")
    alert = Alert.objects.filter(locale=bg, link_url=FERRY_URL).first()
    if alert is None:
        now = timezone.now()
        alert = Alert(
            locale=bg,
            severity=WARNING,
            title=FERRY["title"]["bg"],
            text=FERRY["text"]["bg"],
            link_url=FERRY_URL,
            link_text=FERRY["link_text"]["bg"],
            start_at=now - timedelta(days=1),
            end_at=now + timedelta(days=365),
        )
        alert.save()
        alert.save_revision().publish()
        report.add("alert: ferry (bg)")
    ensure_translations(alert, list(FERRY.values()), report, "alert: ferry")

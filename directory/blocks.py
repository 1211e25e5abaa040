"""Structured opening hours: a day range and a time range per row."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

DAY_CHOICES = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]
SCHEMA_DAYS = {
    "1": "Monday",
    "2": "Tuesday",
    "3": "Wednesday",
    "4": "Thursday",
    "5": "Friday",
    "6": "Saturday",
    "7": "Sunday",
}


class OpeningHoursBlock(blocks.StructBlock):
    """Days `day_from`–`day_to` (inclusive), open `opens`–`closes`."""

    day_from = blocks.ChoiceBlock(choices=DAY_CHOICES, label=_("from day"))
    day_to = blocks.ChoiceBlock(choices=DAY_CHOICES, label=_("to day"))
    opens = blocks.TimeBlock(label=_("opens"))
    closes = blocks.TimeBlock(label=_("closes"))

    class Meta:
        icon = "time"
        label = _("opening hours")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        errors = {}
        if int(value["day_to"]) < int(value["day_from"]):
            errors["day_to"] = ValidationError(_("The last day comes before the first."))
        if value["closes"] <= value["opens"]:
            errors["closes"] = ValidationError(_("Closing time must be after opening time."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def opening_days(value):
    """The schema.org day names covered by one opening-hours row."""
    return [SCHEMA_DAYS[str(d)] for d in range(int(value["day_from"]), int(value["day_to"]) + 1)]


def opening_hours_row(value):
    """One row for display: "Monday – Friday", opens, closes (day names in the active language)."""
    names = dict(DAY_CHOICES)
    days = str(names[str(value["day_from"])])
    if str(value["day_to"]) != str(value["day_from"]):
        days = f"{days} – {names[str(value['day_to'])]}"
    return {"days": days, "opens": value["opens"], "closes": value["closes"]}

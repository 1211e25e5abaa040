"""Validation of the facts an institution record carries: registry
identifiers (BG EIK/BULSTAT, RO CUI with their check digits), coordinates
inside the institution's country, phone numbers and language lists."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bounding boxes of the two countries (lat_min, lat_max, lon_min, lon_max),
# a little generous so border towns on the Danube always pass.
COUNTRY_BOUNDS = {
    "BG": (41.23, 44.22, 22.35, 28.61),
    "RO": (43.61, 48.27, 20.26, 29.76),
}

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/-]{5,24}$")


def _eik9_check(digits):
    total = sum(int(d) * w for d, w in zip(digits[:8], range(1, 9), strict=True)) % 11
    if total == 10:
        total = sum(int(d) * w for d, w in zip(digits[:8], range(3, 11), strict=True)) % 11
    return 0 if total == 10 else total


def _eik13_check(digits):
    tail = digits[8:12]
    total = sum(int(d) * w for d, w in zip(tail, (2, 7, 3, 5), strict=True)) % 11
    if total == 10:
        total = sum(int(d) * w for d, w in zip(tail, (4, 9, 5, 7), strict=True)) % 11
    return 0 if total == 10 else total


def is_valid_eik(value):
    """Bulgarian EIK/BULSTAT: 9 or 13 digits with their check digits."""
    if not re.fullmatch(r"\d{9}|\d{13}", value or ""):
        return False
    if _eik9_check(value) != int(value[8]):
        return False
    return len(value) == 9 or _eik13_check(value) == int(value[12])


def cui_check_digit(body):
    key = "753217532"
    padded = body.rjust(9, "0")
    total = sum(int(d) * int(k) for d, k in zip(padded, key, strict=True)) * 10 % 11
    return 0 if total == 10 else total


def is_valid_cui(value):
    """Romanian CUI/CIF: 2 to 10 digits, the last one a check digit (an "RO" prefix is allowed)."""
    value = (value or "").upper().removeprefix("RO")
    if not re.fullmatch(r"\d{2,10}", value):
        return False
    return cui_check_digit(value[:-1]) == int(value[-1])


def eik_with_check(body8):
    """A valid 9-digit EIK from 8 digits (used for example data)."""
    return body8 + str(_eik9_check(body8))


def cui_with_check(body):
    return body + str(cui_check_digit(body))


def normalise_identifier(country, value):
    value = (value or "").strip().replace(" ", "")
    return value.upper().removeprefix("RO") if country == "RO" else value


def identifier_problem(country, value):
    """A message saying what is wrong with `value` as `country`'s registry identifier, or None."""
    value = normalise_identifier(country, value)
    if country == "BG" and not is_valid_eik(value):
        return _("not a valid Bulgarian EIK/BULSTAT (9 or 13 digits with a correct check digit)")
    if country == "RO" and not is_valid_cui(value):
        return _("not a valid Romanian CUI (2–10 digits with a correct check digit)")
    return None


def coordinates_problem(country, latitude, longitude):
    bounds = COUNTRY_BOUNDS.get(country)
    if bounds is None or latitude is None or longitude is None:
        return None
    lat_min, lat_max, lon_min, lon_max = bounds
    if not (lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max):
        return _("coordinates %(lat)s, %(lon)s lie outside %(country)s") % {
            "lat": latitude,
            "lon": longitude,
            "country": _("Bulgaria") if country == "BG" else _("Romania"),
        }
    return None


def validate_phone(value):
    if value and not PHONE_RE.match(value):
        raise ValidationError(_("Enter a phone number such as +359 82 881 802."), code="invalid_phone")

"""Query values API v3 would pass to the database unchecked.

An `offset` past PostgreSQL's bigint (2^63 - 1) ends in "bigint out of range";
copying, aliasing, moving or translating the tree's root page fails inside
Wagtail (it has no parent): both are refused first, like any other invalid request.

Wagtail's v3 revision listings accept `user_id` as "int or string" (a custom
user model may have string keys) and hand it to the ORM as is: with integer
user keys, `user_id=abc` or a value past the database's integer range ends in
a 500. Here such a value is refused first with the 422 problem document
Wagtail's API uses for every other invalid parameter."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

REVISION_LISTINGS = re.compile(r"^/api/v3/.+/revisions/$")
LARGEST_OFFSET = 2**63 - 1  # PostgreSQL's bigint
ROOT_ACTIONS = re.compile(r"^/api/v3/pages/(\d+)/actions/(copy|move|create_alias|copy_for_translation)/$")


def _is_root(page_id):
    from wagtail.models import Page

    return int(page_id) <= LARGEST_OFFSET and Page.objects.filter(pk=int(page_id), depth=1).exists()


def _too_large(value):
    value = value.strip()
    return value.lstrip("+").isdigit() and int(value) > LARGEST_OFFSET


def _problem(name, message):
    return problem_response(
        status=422,
        detail=message,
        errors=[{"type": f"{name}_invalid", "loc": ["query", name], "msg": message}],
    )


def is_user_key(value):
    field = get_user_model()._meta.pk
    try:
        key = field.to_python(value)
        for validator in field.validators:  # the database's integer range, for integer keys
            validator(key)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class APIQueryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/v3/"):
            if _too_large(request.GET.get("offset", "")):
                return _problem(
                    "offset", _("offset must be at most %(largest)s.") % {"largest": LARGEST_OFFSET}
                )
            action = ROOT_ACTIONS.match(request.path_info)
            if action and request.method == "POST" and _is_root(action.group(1)):
                return _problem(
                    "page_id", _("The root of the page tree cannot be copied, moved, aliased or translated.")
                )
            if REVISION_LISTINGS.match(request.path_info):
                value = request.GET.get("user_id")
                if value not in (None, "") and not is_user_key(value):
                    return _problem("user_id", _("user_id must be the id of a user."))
        return self.get_response(request)

"""Values the APIs would pass to the database or to Wagtail unchecked, refused
first with a message in the client's language: a 400 `{"message": ...}` on v2
(Wagtail's own error shape), the 422 problem document on v3 (as Wagtail's API
answers every other invalid parameter).

- A NUL character in any query value: PostgreSQL text cannot hold one ("PostgreSQL
  text fields cannot contain NUL (0x00) bytes").
- An `offset` past PostgreSQL's bigint (2^63 - 1): "bigint out of range".
- A v2 `search_operator` other than and/or: Wagtail's search backend raises.
- A `search` of more than MAX_SEARCH_WORDS words: the search backend builds one
  nested query node per word and ends in a RecursionError.
- Copying, aliasing, moving or translating the tree's root page (it has no
  parent); translating a page into a locale that already has it (IntegrityError);
  publishing an alias (it shows its source's content; Wagtail raises).
- Wagtail's v3 revision listings accept `user_id` as "int or string" (a custom
  user model may have string keys) and hand it to the ORM as is: with integer
  user keys, `user_id=abc`, an empty one or a value past the database's integer
  range ends in a 500.
- The page-action checks run only for a request with credentials (a session or a
  valid API token): an anonymous one gets Wagtail's 401, and learns nothing of
  which pages are aliases or the root.
- An address under /api/v2/ or /api/v3/ that no endpoint matches (`/api/v2/pages/-1/`)
  falls through to the site's HTML 404 page: the API answers with its own 404 message."""

import json
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import problem_response

REVISION_LISTINGS = re.compile(r"^/api/v3/.+/revisions/$")
LARGEST_OFFSET = 2**63 - 1  # PostgreSQL's bigint
MAX_SEARCH_WORDS = 100
SEARCH_OPERATORS = ("and", "or")
ROOT_ACTIONS = re.compile(r"^/api/v3/pages/(\d+)/actions/(copy|move|create_alias|copy_for_translation)/$")
PAGE_ACTION = re.compile(r"^/api/v3/pages/(\d+)/actions/(\w+)/$")


def _page(page_id):
    from wagtail.models import Page

    if int(page_id) > LARGEST_OFFSET:
        return None
    return Page.objects.filter(pk=int(page_id)).first()


def _too_large(value):
    value = value.strip()
    return value.lstrip("+").isdigit() and int(value) > LARGEST_OFFSET


def _problem(name, message, where="query"):
    return problem_response(
        status=422,
        detail=message,
        errors=[{"type": f"{name}_invalid", "loc": [where, name], "msg": message}],
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


def query_error(query):
    """(parameter, message) for the first query value no API may take, else None."""
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name, _("%(name)s must not contain a NUL character.") % {"name": name.replace("\x00", "")}
    if _too_large(query.get("offset", "")):
        return "offset", _("offset must be at most %(largest)s.") % {"largest": LARGEST_OFFSET}
    operator = query.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        return "search_operator", _("search_operator must be “and” or “or”.")
    if len(re.findall(r"\w+", query.get("search", ""))) > MAX_SEARCH_WORDS:
        return "search", _("search may have at most %(largest)s words.") % {"largest": MAX_SEARCH_WORDS}
    return None


def _json_body(request):
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def has_credentials(request):
    """A signed-in session, or an `Authorization: Bearer` token that Wagtail accepts."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return (
        scheme.lower() == "bearer"
        and bool(token)
        and BearerTokenAuth().authenticate(request, token) is not None
    )


def page_action_error(request, page_id, action):
    """(parameter, message, location) for a v3 page action Wagtail would fail on, else None."""
    page = _page(page_id)
    if page is None:
        return None  # Wagtail answers 404
    if page.depth == 1 and ROOT_ACTIONS.match(request.path_info):
        return (
            "page_id",
            _("The root of the page tree cannot be copied, moved, aliased or translated."),
            "path",
        )
    if action == "publish" and page.alias_of_id is not None:
        return (
            "page_id",
            _("An alias shows the content of its source page: publish that page instead."),
            "path",
        )
    if action == "copy_for_translation":
        locale = _json_body(request).get("locale")
        if isinstance(locale, str) and (
            type(page)
            .objects.filter(translation_key=page.translation_key, locale__language_code=locale)
            .exists()
        ):
            return "locale", _("The page already exists in this locale."), "body"
    return None


class APIQueryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/v2/"):
            error = query_error(request.GET)
            if error:
                return JsonResponse({"message": error[1]}, status=400)
        elif path.startswith("/api/v3/"):
            error = query_error(request.GET)
            if error:
                return _problem(*error)
            action = PAGE_ACTION.match(path)
            if action and request.method == "POST" and has_credentials(request):
                error = page_action_error(request, *action.groups())
                if error:
                    return _problem(*error)
            if REVISION_LISTINGS.match(path):
                value = request.GET.get("user_id")
                if value is not None and not is_user_key(value):
                    return _problem("user_id", _("user_id must be the id of a user."))
        response = self.get_response(request)
        if response.status_code == 404 and path.startswith(("/api/v2/", "/api/v3/")):
            content_type = response.get("Content-Type", "")
            if not content_type.startswith(("application/json", "application/problem+json")):
                message = _("There is nothing at this address of the API.")
                if path.startswith("/api/v2/"):
                    return JsonResponse({"message": message}, status=404)
                return problem_response(status=404, detail=message)
        return response

"""The public open-data page, /<lang>/open-data/: what can be downloaded or
read by machines, in the visitor's language. The footer links to it.

Apps list their downloads with the `open_data_downloads` hook:
`fn(request, language_code)` returns a section `{"title", "description",
"downloads": [{"label", "format", "url"}]}` or None. The kernel adds the
read-only API (Wagtail API v2 and its OpenAPI description)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail import hooks

from cms.base_url import absolute_url


def api_section(language_code):
    query = "?" + urlencode({"locale": language_code})
    return {
        "title": _("Read-only API"),
        "description": _(
            "Pages, images and documents of the site as JSON (Wagtail API v2), filtered by "
            "language with ?locale=bg, ro or en. The OpenAPI description lists every "
            "endpoint and filter."
        ),
        "downloads": [
            {"label": _("Pages"), "format": "JSON", "url": absolute_url("/api/v2/pages/" + query)},
            {"label": _("Images"), "format": "JSON", "url": absolute_url("/api/v2/images/")},
            {"label": _("Documents"), "format": "JSON", "url": absolute_url("/api/v2/documents/")},
            {
                "label": _("API description"),
                "format": "OpenAPI 3 (JSON)",
                "url": absolute_url(reverse("openapi_v2")),
            },
        ],
    }


@require_GET
def open_data(request):
    language_code = translation.get_language()
    sections = [
        section for fn in hooks.get_hooks("open_data_downloads") if (section := fn(request, language_code))
    ]
    sections.append(api_section(language_code))
    return render(request, "cms/open_data.html", {"sections": sections})

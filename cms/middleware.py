"""Locale middleware that redirects only the bare root by Accept-Language, and
the site's own 404 page under DEBUG."""

from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_resolver, is_valid_path


class PrefixedLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware turns any 404 without a language prefix into a
    redirect (`/de/` → `/bg/de/`, `/api/v2/x` → `/bg/api/v2/x`) because Wagtail's
    catch-all pattern makes every prefixed path look valid. Here only `/` is
    redirected (by Accept-Language, falling back to LANGUAGE_CODE); any other
    unknown path is a 404 in the visitor's language."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info != "/":
            response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", ""))
            return response
        return super().process_response(request, response)


class SiteNotFoundMiddleware:
    """Under DEBUG, Django answers a 404 with its technical page listing every URL
    pattern; `make run` visitors get the site's own localized 404 instead (the
    `handler404` view, as in production). DEBUG_TECHNICAL_404=true brings Django's
    page back for a developer; 500 tracebacks are left alone. Placed after
    CommonMiddleware and Wagtail's RedirectMiddleware, so slash and editor
    redirects still happen."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _active():
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_404

    @staticmethod
    def _not_found(request, exception):
        callback = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(404)
        return callback(request, exception)

    def __call__(self, request):
        # A path no pattern matches fails before any view or process_exception runs.
        urlconf = getattr(request, "urlconf", None)
        if self._active() and not is_valid_path(request.path_info, urlconf):
            return self._not_found(request, Resolver404({"path": request.path_info}))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return self._not_found(request, exception)
        return None

"""Locale middleware that redirects only the bare root by Accept-Language."""

from django.middleware.locale import LocaleMiddleware


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

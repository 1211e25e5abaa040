from wagtail import hooks

from .keys import add_surrogate_keys, page_key


@hooks.register("before_serve_page")
def name_the_page_served(page, request, serve_args, serve_kwargs):
    """An HTML page's answer carries its own key, `page-<id>` (cms.caching.keys)."""
    add_surrogate_keys(request, page_key(page.pk))

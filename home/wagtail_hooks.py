from wagtail import hooks

from .models import StandardPage


@hooks.register("footer_page_types")
def standard_pages_in_the_footer():
    """Standard pages left out of the main menu (accessibility statement,
    privacy, …) are linked from every page's footer."""
    return [StandardPage]

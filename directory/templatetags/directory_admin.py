from django import template

register = template.Library()


@register.simple_tag
def register_filters(view):
    """The e-services register's list filters as data for its filter bar:
    title, the choices (display, query string, selected) and the selected one."""
    filters = []
    for spec in view.filter_specs:
        choices = list(spec.choices(view))
        selected = next((choice for choice in choices if choice.get("selected")), None)
        filters.append(
            {
                "title": spec.title,
                "choices": choices,
                "selected": selected,
                "active": selected is not None and selected is not choices[0],
            }
        )
    return filters

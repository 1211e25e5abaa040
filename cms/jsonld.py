"""JSON-LD for <script type="application/ld+json">, escaped once for every app."""

import json

from django.utils.safestring import SafeString, mark_safe

# "<", ">" and "&" as JSON escapes: no "</script>", "<!--" or entity can be formed.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """`data` as JSON that is safe inside a <script> element (non-ASCII kept readable)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308

"""What our override of wagtail-localize's translation editor adds
(cms/templates/wagtail_localize/admin/edit_translation.html): the hand-off bar
(cms.translation_handoff), and scripts for that editor only – a link to the
glossary, and the translations of two texts its bundle writes in English."""

import json

from django import template
from django.urls import reverse
from django.utils.html import escapejs, format_html
from django.utils.translation import gettext_lazy as _

from cms.translation_handoff import handoff_context

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_handoff(context, translation, instance):
    return handoff_context(translation, instance, context["request"].user)


@register.simple_tag
def translation_editor_scripts():
    """The editor's own scripts, for its template's extra_js block: Wagtail's
    insert_global_admin_js hook has no request and would put them on every
    admin page."""
    return glossary_link() + fixed_english_translated()


def glossary_link():
    """Put a link to the glossary at the top of wagtail-localize's translation editor."""
    return format_html(
        """<script>
document.addEventListener("DOMContentLoaded", function () {{
  var editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  var target = document.querySelector(".header-meta--locales") || editor.parentNode;
  var link = document.createElement("a");
  link.href = "{}"; link.target = "_blank"; link.rel = "noopener";
  link.className = "button button-small button-secondary w-ml-4";
  link.textContent = "{}";
  target.appendChild(link);
}});
</script>""",
        reverse("cms_translation_glossary"),
        _("Glossary of fixed terms"),
    )


def fixed_english_translated():
    """wagtail-localize 1.14's editor bundle writes two texts in English, outside
    gettext: its dropdown's screen-reader label "More actions" and the heading
    "<source> to <target> translation". Give them their translations (also after
    React re-renders)."""
    texts = {
        "more_actions": _("More actions"),
        # e.g. "Български → Română", with the languages as the editor names them
        "heading": _("%(source)s to %(target)s translation"),
    }
    return format_html(
        """<script>
document.addEventListener("DOMContentLoaded", function () {{
  var editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  var texts = JSON.parse("{}");
  var heading = /^(.+) to (.+) translation$/;
  function translate() {{
    editor.querySelectorAll(".w-dropdown__toggle .w-sr-only").forEach(function (span) {{
      if (span.textContent === "More actions") span.textContent = texts.more_actions;
    }});
    var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {{
      var node = walker.currentNode, match = heading.exec(node.nodeValue);
      if (match) node.nodeValue = texts.heading.replace("%(source)s", match[1]).replace("%(target)s", match[2]);
    }}
  }}
  translate();
  new MutationObserver(translate).observe(editor, {{childList: true, subtree: true, characterData: true}});
}});
</script>""",
        escapejs(json.dumps({key: str(value) for key, value in texts.items()})),
    )

"""The public site works under its own Content-Security-Policy in a real
Chromium: no page of any type, in any language, makes the browser refuse
anything (a refused script, style or image fires `securitypolicyviolation`)."""

import pytest

pytestmark = [pytest.mark.browser]

COLLECT = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def public_paths(language):
    from directory.models import InstitutionPage
    from documents.models import PublicationPage
    from news.models import NewsPage

    paths = [f"/{language}/", f"/{language}/news/", f"/{language}/directory/", f"/{language}/documents/"]
    paths.append(f"/{language}/search/?q=Ruse")
    for model in (NewsPage, InstitutionPage, PublicationPage):
        page = model.objects.live().public().filter(locale__language_code=language).first()
        paths.append(page.url)
    return paths


def test_no_public_page_breaks_its_policy(site_server, browser, django_db_blocker):
    with django_db_blocker.unblock():
        paths = {language: public_paths(language) for language in ("bg", "ro", "en")}
    context = browser.new_context()  # no bypass of the policy (axe is evaluated, not injected)
    context.add_init_script(COLLECT)
    page = context.new_page()
    refused, console = [], []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        for language_paths in paths.values():
            for path in language_paths:
                response = page.goto(site_server.url + path)
                assert response.status == 200, path
                assert "script-src 'self'" in response.headers["content-security-policy"], path
                page.wait_for_load_state("load")
                refused += [f"{path}: {entry}" for entry in page.evaluate("window.__refused")]
    finally:
        context.close()
    assert refused == [] and console == [], refused + console

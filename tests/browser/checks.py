"""Accessibility (axe-core) and HTML validity (Nu Html Checker) checks for
pages opened in a real Chromium."""

import functools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _need(path, what):
    if not path.exists():
        message = f"{what} missing at {path}: run `make node-deps` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@functools.cache
def _axe_source():
    return AXE.read_text(encoding="utf-8") + "\n;undefined"


def axe_violations(page):
    """Run axe-core on the page for WCAG 2.1 A/AA; return a list of readable violations."""
    _need(AXE, "axe-core")
    # Evaluated through the DevTools protocol, not added as an inline <script>:
    # the site's Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(_axe_source())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def html_errors(documents):
    """Validate {name: html} with the Nu Html Checker; return {name: [messages]} with errors."""
    _need(VNU, "vnu-jar")
    java = shutil.which("java")
    if not java:
        message = "java not found (apt-get install default-jre-headless; make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.as_uri()] = name
        files = [Path(uri.removeprefix("file://")) for uri in names]
        completed = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        if message.get("type") != "error":
            continue
        name = names.get(message.get("url"), message.get("url"))
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


class Audit:
    """The accessibility check of a set of pages: axe on each page as the browser
    shows it (`check`), then the Nu Html Checker on all their HTML in one run, and
    one failure listing every problem found (`assert_clean`)."""

    def __init__(self):
        self.violations = []
        self.documents = {}

    def check(self, page, name, html):
        violations = axe_violations(page)
        if violations:
            self.violations.append(f"{name}: {violations}")
        self.documents[name] = html

    def assert_clean(self):
        assert not self.violations, "\n".join(self.violations)
        errors = html_errors(self.documents)
        assert not errors, errors

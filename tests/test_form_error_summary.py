"""A form's errors are listed once: the summary above a form that crispy renders leaves its
form-wide errors to crispy (tests/funding/test_views.py shows it on a real page)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

INCLUDE = re.compile(r'{% include "partials/_form_errors.html"(?P<crispy> with crispy=True)? %}')
WITH_FORM = re.compile(r"{% with form=(?P<name>\w+) %}\s*$")


def templates_with_a_summary():
    roots = [settings.BASE_DIR / "templates"] + [
        settings.BASE_DIR / app / "templates" for app in settings.PORTAL_APPS
    ]
    return sorted(
        path
        for root in roots
        if root.exists()
        for path in root.rglob("*.html")
        if "partials/_form_errors.html" in path.read_text()
    )


def summaries(text: str):
    """Each summary with the name of the form it sums up."""
    for match in INCLUDE.finditer(text):
        before = WITH_FORM.search(text[: match.start()])
        yield (before["name"] if before else "form"), bool(match["crispy"])


@pytest.mark.parametrize(
    "path", templates_with_a_summary(), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_a_summary_leaves_form_wide_errors_to_crispy_when_crispy_renders_the_form(path: Path):
    text = path.read_text()
    for name, crispy in summaries(text):
        rendered_by_crispy = f"{{{{ {name}|crispy }}}}" in text or f"{{% crispy {name}" in text
        assert crispy == rendered_by_crispy, name


def test_there_are_summaries_to_check():
    assert len(templates_with_a_summary()) > 10

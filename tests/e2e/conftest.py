"""Browser journeys: Playwright drives the system Chromium against pytest-django's live server.

Every page a journey reaches can be checked with axe-core (`check_accessibility`); a journey
fails when the page logs a Content-Security-Policy violation, and a failed journey leaves a
screenshot in test-artifacts/.
"""

import io
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import sync_playwright

from cih.celery import app as celery_app
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, serious_violations
from tests.e2e.tour import take_tour
from tests.factories import PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture
def page(browser, live_server, request, settings):
    # Links in mails lead to the public address: here, the test's own server.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    if getattr(request.node, "journey_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    assert not csp_errors, f"Content-Security-Policy violations: {csp_errors}"


@pytest.fixture
def login():
    def log_in(page, email: str, password: str = PASSWORD):
        page.context.clear_cookies()
        page.goto("/accounts/login/")
        page.get_by_label("E-post").fill(email)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))

    return log_in


_axe = Axe()


@pytest.fixture
def check_accessibility():
    """Run axe-core on the page as it is now: no serious or critical violation is allowed."""

    def check(page):
        serious = serious_violations(_axe.run(page).response)
        assert not serious, f"axe-core on {page.url}:\n" + "\n".join(serious)

    return check


@pytest.fixture(scope="session")
def demo_tour(live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo collaboration as each demo login sees it, page by page (tests/e2e/tour.py).

    The demo is loaded once for the whole session and removed again before any test runs, so
    the tests that read the tour assert on what was recorded, and no other test sees the data.
    The page cache is on, as in production: the browser gets the anonymous pages the crawl left
    in it.
    """
    media = tmp_path_factory.mktemp("tour-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            PAGE_CACHE_ENABLED=True,
        ),
    ):
        celery_app.conf.task_always_eager = True
        try:
            call_command("seed_demo", stdout=io.StringIO())
            return take_tour(live_server.url)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            for cache in caches.all():
                cache.clear()

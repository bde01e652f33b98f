"""A tour of the demo collaboration: every page each demo login reaches, opened in Chromium.

The pages come from following links with Django's test client (tests/crawl.py), as each role of
the demo, one page per URL pattern and language. Each is then opened once in the browser,
measured at every screen width and checked with axe-core at a desktop and a phone width.

What the browser opens: every Swedish page (the default language, with the longer words), except
one whose content (`<main>`) another role's visit already showed, since only the header differs
and each role's header is checked on its own first pages; in English, each role's first page,
for the header's English words. Pages load in several tabs at once, so the live server renders
one while the browser checks another.
"""

import asyncio
import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from axe_playwright_python.async_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.async_api import async_playwright

from actors.demo import USERS
from actors.models import User
from tests.crawl import Visit, crawl
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, serious_violations

# The Django admin's own pages are Django's to lay out, not ours.
NOT_OURS = ("admin:",)
# Phones (small and common), a tablet upright, and the laptop and desktop widths people use.
WIDTHS = (360, 390, 768, 1024, 1280, 1440)
DESKTOP, PHONE = 1280, 390
AXE_WIDTHS = (DESKTOP, PHONE)
HEIGHT = 900
# One tab per core of the machine the suite is made for: on 2 cores, 3 tabs took as long as 2 and
# 4 took longer.
TABS = 2

_axe = Axe()
_MAIN = re.compile(r"<main\b.*</main>", re.DOTALL)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')

# Elements that stick out on the right, outside any box that scrolls or clips them, named for the
# failure message. An absolutely placed element (a visually hidden label) is clipped only by a box
# that holds its containing block, so it can widen the page from inside a scrolling table.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const clipped = (el) => {
    const absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    const block = el.offsetParent || document.body;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (absolute && !p.contains(block)) continue;
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
    .filter((el, _, all) => !all.includes(el.parentElement))
    .slice(0, 3)
    .map((el) => `${name(el)} to ${Math.round(el.getBoundingClientRect().right)}px`);
}"""

# Each table that scrolls in a region of its own (templates/partials/_scroll_table.html): its
# caption, whether it is wider than its region, and whether the hint that says so shows. The hint
# follows the region's size once the browser has drawn the new width.
_TABLES = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return [...document.querySelectorAll('.table-scroll')].map((region) => [
    document.getElementById(region.getAttribute('aria-labelledby')).textContent.trim(),
    region.scrollWidth > region.clientWidth + 1,
    region.parentElement.querySelector('.table-scroll-hint').offsetParent !== null,
  ]);
}"""


@dataclass
class PageReport:
    """What one page showed one role: sideways scrolling by width, axe findings by width, and
    its scrolling tables by width as (caption, wider than its region, hint shown)."""

    role: str
    url: str
    overflow: dict[int, str] = field(default_factory=dict)
    violations: dict[int, list[str]] = field(default_factory=dict)
    tables: dict[int, list[tuple[str, bool, bool]]] = field(default_factory=dict)


@dataclass
class Tour:
    """Every page each demo login reaches: as the server sent it, and as the browser showed it."""

    visits: dict[str, list[Visit]]
    reports: list[PageReport]

    def pages(self):
        """Each role's HTML pages, as (role, visit)."""
        for role, visits in self.visits.items():
            for visit in visits:
                if visit.html:
                    yield role, visit


def demo_roles() -> dict[str, str | None]:
    """The demo's logins by role name (their e-mail's local part), and the anonymous visitor."""
    return {"anonymous": None} | {email.split("@")[0]: email for email, *_rest in USERS}


def take_tour(base_url: str) -> Tour:
    """Crawl the demo as every role with the test client, then open the pages in Chromium with
    the same sessions."""
    visits, cookies = {}, {}
    for role, email in demo_roles().items():
        client = Client()
        starts = ["/"]
        if email:
            client.force_login(User.objects.get(email=email))
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[role] = [
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}
            ]
            starts.append("/dashboard/")
        visits[role] = crawl(client, starts, skipped_views=NOT_OURS)
    # In a thread of its own: the journeys' sync Playwright, when it has run in this session,
    # leaves its event loop marked as running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        reports = thread.submit(asyncio.run, _open_all(base_url, _to_open(visits), cookies))
        return Tour(visits=visits, reports=reports.result())


def _content(html: str) -> str:
    """What a page shows in `<main>`, whoever asks: the same for two roles means the same page
    under another header."""
    main = _MAIN.search(html)
    return hashlib.sha256(_CSRF.sub("", main.group(0) if main else html).encode()).hexdigest()


def _to_open(visits: dict[str, list[Visit]]) -> list[tuple[str, str]]:
    """(role, url) of the pages to open in the browser, as the module's docstring says."""
    shown: set[str] = set()
    chosen = []
    for role, role_visits in visits.items():
        languages_seen: set[str] = set()
        for visit in role_visits:
            if not visit.html:
                continue
            content = _content(visit.html)
            first_in_language = visit.language not in languages_seen
            new_content = visit.language == settings.LANGUAGE_CODE and content not in shown
            if first_in_language or new_content:
                chosen.append((role, visit.url))
            languages_seen.add(visit.language)
            shown.add(content)
    return chosen


async def _check(page, role: str, url: str) -> PageReport:
    report = PageReport(role=role, url=url)
    await page.set_viewport_size({"width": max(WIDTHS), "height": HEIGHT})
    await page.goto(url)
    for width in sorted(WIDTHS, reverse=True):
        await page.set_viewport_size({"width": width, "height": HEIGHT})
        scroll_width, inner_width = await page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            culprits = await page.evaluate(_OVERFLOWING)
            report.overflow[width] = f"{scroll_width}px wide: {', '.join(culprits)}"
        if width in AXE_WIDTHS:
            results = await _axe.run(page)
            report.violations[width] = serious_violations(results.response)
            report.tables[width] = [tuple(table) for table in await page.evaluate(_TABLES)]
    return report


async def _open_all(base_url: str, pages: list[tuple[str, str]], cookies: dict[str, list[dict]]):
    queue: asyncio.Queue = asyncio.Queue()
    for role_and_url in pages:
        queue.put_nowait(role_and_url)
    reports: list[PageReport] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = {}
        for role, _url in pages:
            if role not in contexts:
                contexts[role] = await browser.new_context(base_url=base_url, locale="sv-SE")
                await contexts[role].add_cookies(cookies.get(role, []))

        async def tab():
            tabs = {}
            while not queue.empty():
                role, url = queue.get_nowait()
                if role not in tabs:
                    tabs[role] = await contexts[role].new_page()
                    tabs[role].set_default_timeout(30_000)
                reports.append(await _check(tabs[role], role, url))

        await asyncio.gather(*(tab() for _ in range(TABS)))
        await browser.close()
    return reports

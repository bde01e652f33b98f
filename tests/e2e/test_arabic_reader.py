"""An Arabic-speaking resident reads the start page, an initiative and the idea form right to
left: mirrored where a reader expects it, nothing scrolls sideways, nothing serious for axe, and
the Arabic letters in the portal's own Naskh font."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.browser import serious_violations
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 390, 1280
_axe = Axe()

# Elements that stick out on either side of the window: in a right-to-left page the overflow
# goes to the left.
_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.offsetParent !== null || el.tagName === 'svg')
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width > 0 && (box.left < -1 || box.right > width + 1))
    .filter(([el]) => !el.closest('.table-scroll, .visually-hidden, .visually-hidden-focusable'))
    .slice(0, 3)
    .map(([el, box]) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} `
      + `${Math.round(box.left)}..${Math.round(box.right)}`);
}"""

# The families of the portal's own fonts that the page has loaded.
_FONTS_LOADED = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter((font) => font.status === 'loaded')
    .map((font) => font.family.replace(/"/g, ''));
}"""


def _drawn_with(page, selector: str) -> set[str]:
    """The fonts the browser drew an element's text with (a font can be loaded and still not be
    the one that draws: a system font that claims the letters shows them as boxes)."""
    page.evaluate("document.fonts.ready")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


def _fits_and_is_accessible(page, axe, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{page.url} at {width}px: {page.evaluate(_OUTSIDE)}"
    assert not page.evaluate(_OUTSIDE), f"{page.url} at {width}px"
    serious = serious_violations(axe.run(page).response)
    assert not serious, f"axe-core on {page.url} at {width}px:\n" + "\n".join(serious)


@pytest.fixture
def arabic_offered(site):
    site.languages = ["en", "ar", "ti"]
    site.save()
    return site


def test_arabic_reader_reads_right_to_left(page, arabic_offered):
    initiative = InitiativeFactory(
        step="decision", title_sv="Läxhjälp i Husby", summary_sv="Läxhjälp och mellanmål."
    )

    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto("/")
    # Tigrinya's name in the language links, on every page, in letters and not in boxes.
    assert _drawn_with(page, '.language-switch [lang="ti"]') == {"Noto Sans Ethiopic"}
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    # The header mirrors: the collaboration's name at the right, the account links at the left.
    brand = page.locator(".navbar-brand").bounding_box()
    login = page.locator(".site-account").bounding_box()
    assert brand["x"] > login["x"]
    # Arabic in Naskh; the switch's "ትግርኛ" in Noto Sans Ethiopic, not as empty boxes.
    assert {"Noto Naskh Arabic", "Noto Sans Ethiopic"} <= set(page.evaluate(_FONTS_LOADED))
    assert _drawn_with(page, '.language-switch [lang="ti"]') == {"Noto Sans Ethiopic"}
    assert "Noto Naskh Arabic" in _drawn_with(page, "main h2")
    for width in (DESKTOP, PHONE):
        _fits_and_is_accessible(page, _axe, width)

    page.goto(f"/ar{initiative.get_absolute_url()}")
    # The six steps read from the right: the first step stands right of the second.
    steps = page.locator(".process-step")
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    first, second = steps.nth(0).bounding_box(), steps.nth(1).bounding_box()
    assert first["x"] > second["x"]
    # Swedish text in an Arabic page keeps its own direction: its full stop at its end.
    summary = page.locator("main p", has_text="Läxhjälp och mellanmål.")
    expect(summary).to_be_visible()
    assert summary.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
    for width in (DESKTOP, PHONE):
        _fits_and_is_accessible(page, _axe, width)

    page.goto("/ar/ideas/new/")
    expect(page.locator("form textarea").first).to_be_visible()
    email = page.locator("main input[type=email]").first
    assert email.evaluate("el => getComputedStyle(el).direction") == "ltr"
    for width in (DESKTOP, PHONE):
        _fits_and_is_accessible(page, _axe, width)

    # Back at the site's address another day, the resident gets the start page in Arabic.
    page.goto("/")
    page.wait_for_url("**/ar/")
    assert html.get_attribute("dir") == "rtl"

"""The look of a collaboration's pages: its colours, which the stylesheet at `actors:look`
gives every page as CSS custom properties, and the pairs of them that people must be able to read.

`static/css/portal.css` holds the default look (Husby's) and uses the properties everywhere a
colour of the collaboration belongs; the generated stylesheet, linked after it, sets them.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from . import contrast

PAGE_BACKGROUND = "#ffffff"
FOOTER_BACKGROUND = "#f4f8f7"  # .site-footer in portal.css


class Look(NamedTuple):
    """The colours of a collaboration's pages; the defaults are Husby's."""

    primary: str = "#0b5d57"
    button_text: str = "#ffffff"
    header_background: str = "#f4f8f7"
    header_text: str = "#1f2328"

    def properties(self) -> dict[str, str]:
        """The CSS custom properties of the look. The shades under the pointer and pressed are
        the primary colour darkened, as Husby's hand-picked ones are."""
        return {
            "--cih-primary": self.primary,
            "--cih-primary-rgb": ", ".join(str(c) for c in contrast.channels(self.primary)),
            "--cih-primary-hover": contrast.darker(self.primary, 0.775),
            "--cih-primary-active": contrast.darker(self.primary, 0.635),
            "--cih-button-text": self.button_text,
            "--cih-header-background": self.header_background,
            "--cih-header-text": self.header_text,
        }

    @property
    def dark_header(self) -> bool:
        """A header with light text: Bootstrap's dark theme then draws its menu button and
        search field to match."""
        return not contrast.is_light(self.header_background)


DEFAULT_LOOK = Look()


class Pair(NamedTuple):
    """Two colours people read one on the other: which of the look's, or a fixed background."""

    foreground: str
    background: str
    label: str


# Text of the look on its backgrounds; links are read on the page and in the footer.
READ_PAIRS = [
    Pair("header_text", "header_background", _("Text in the header on the header background")),
    Pair("button_text", "primary", _("Text on buttons in the primary colour")),
    Pair("primary", PAGE_BACKGROUND, _("Links in the primary colour on the white page")),
    Pair("primary", FOOTER_BACKGROUND, _("Links in the primary colour in the footer")),
]


def contrast_failures(look: Look) -> list[tuple[Pair, float]]:
    """The pairs of the look that fall short of WCAG AA for ordinary text, with their ratio."""
    colours = look._asdict()
    failures = []
    for pair in READ_PAIRS:
        ratio = contrast.contrast_ratio(
            colours[pair.foreground], colours.get(pair.background, pair.background)
        )
        if ratio < contrast.AA_NORMAL_TEXT:
            failures.append((pair, ratio))
    return failures

"""The house's own stylesheet: what it promises about buttons."""

import re
from pathlib import Path

from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "portal.css"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_a_secondary_button_has_the_house_colour_not_a_disabled_grey():
    """ "Download as CSV", "Edit the proposal": an outline in the house colour, far above the
    4.5:1 contrast of text on white, as the other secondary buttons have."""
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", STYLESHEET.read_text()))
    rule = next(body for selector, body in rules.items() if ".btn-outline-secondary" in selector)
    # The house colour is a custom property, the collaboration's own (actors.look); its default
    # is the stylesheet's.
    colour = re.search(r"--bs-btn-color:\s*(#[0-9a-fA-F]{6}|var\(--[\w-]+\))", rule).group(1)
    if colour.startswith("var("):
        name = colour[4:-1]
        colour = re.search(rf"{name}:\s*(#[0-9a-fA-F]{{6}})", STYLESHEET.read_text()).group(1)
    assert colour.lower() == "#0b5d57"
    assert (1.05) / (luminance(colour) + 0.05) >= 7

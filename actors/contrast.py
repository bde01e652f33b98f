"""Colour contrast as WCAG 2.x measures it, for the colours a collaboration chooses for its look.

A colour is a CSS hex string, "#rrggbb" or "#rgb". The relative luminance of a colour is that of
its linearised sRGB channels, weighted by how bright the eye sees each; the contrast of two colours
is (lighter + 0.05) / (darker + 0.05), from 1 (the same) to 21 (black on white). Level AA asks
4.5:1 of ordinary text (success criterion 1.4.3).
"""

import math
import re

AA_NORMAL_TEXT = 4.5

HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def normalised(colour: str) -> str:
    """ "#rrggbb" in lower case; ValueError for anything that is not a hex colour."""
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"{colour!r} is not a hex colour.")
    digits = colour[1:].lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def channels(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a colour, 0–255 each."""
    digits = normalised(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (_linear(channel) for channel in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio: float) -> str:
    """The ratio as people read it, "4.48"; a ratio under the limit never shows as the limit
    itself (4.499 is "4.49", not "4.50")."""
    shown = round(ratio, 2)
    if ratio < AA_NORMAL_TEXT <= shown:
        shown = math.floor(ratio * 100) / 100
    return f"{shown:.2f}"


def darker(colour: str, factor: float) -> str:
    """The colour with each channel scaled by `factor` (0–1) towards black: the shades of a
    button under the pointer and pressed."""
    return "#" + "".join(f"{math.floor(channel * factor):02x}" for channel in channels(colour))


def is_light(colour: str) -> bool:
    """Whether dark text reads better on the colour than light text does."""
    return contrast_ratio(colour, "#000000") > contrast_ratio(colour, "#ffffff")

"""Text measures for the inline SVG charts, so labels are placed where they fit.

The charts set their own font size; widths are measured with the portal's shipped font (DejaVu
Sans, the PDF reports' font and wider than most screen fonts), so a label that fits here fits
on the page.
"""

from functools import cache

from django.contrib.staticfiles import finders
from PIL import ImageFont

FONT = "fonts/DejaVuSans.ttf"
ELLIPSIS = "…"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(finders.find(FONT), size)


def text_width(text: str, size: int) -> float:
    """How wide `text` is at `size` px, in the chart's units."""
    return _font(size).getlength(text)


def fit(text: str, width: float, size: int) -> str:
    """`text`, shortened with an ellipsis until it is at most `width` wide."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text.rstrip() + ELLIPSIS, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""

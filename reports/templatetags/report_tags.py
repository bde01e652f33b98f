"""Filters for the PDF templates: figures that may be missing print as a dash, never as 0."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def amount(value, decimals: int = 0) -> str:
    """A number grouped in thousands for the active language; a dash when it was not recorded."""
    if value is None or value == "":
        return "–"
    if isinstance(value, int | Decimal | float):
        return floatformat(value, f"{decimals}g")
    return str(value)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


@register.filter
def get_index(items: list, index: int):
    return items[index] if 0 <= index < len(items) else None

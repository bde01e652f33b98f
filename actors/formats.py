"""How the portal writes amounts of money in sentences: the visitor's way, grouped, whole öre."""

from decimal import Decimal

from django.utils.formats import number_format


def sek(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)

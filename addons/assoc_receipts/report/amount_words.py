"""Amounts in French words for receipts (domain-fr.md §10).

num2words reads Python ints as cents in currency mode and writes « et zéro centimes »:
spell the euro part and the cents apart instead."""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

NARROW_NO_BREAK_SPACE = "\u202f"


def to_decimal(amount):
    """Round an Odoo float (or a Decimal) to a Decimal with 2 places."""
    return Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def amount_to_words_fr(amount):
    value = to_decimal(amount)
    if value < 0:
        raise ValueError("A receipt amount cannot be negative.")
    euros = int(value)
    cents = int((value - euros) * 100)
    words = num2words(euros, lang="fr")
    if euros and euros % 1_000_000 == 0:
        words += " d'euros"
    else:
        words += " euros" if euros > 1 else " euro"
    if cents:
        words += f" et {num2words(cents, lang='fr')} {'centimes' if cents > 1 else 'centime'}"
    return words


def format_amount_fr(amount):
    """« 1 234,50 » with a narrow no-break space as thousands separator."""
    value = to_decimal(amount)
    whole, frac = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', NARROW_NO_BREAK_SPACE)},{frac}"

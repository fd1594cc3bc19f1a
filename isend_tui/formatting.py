"""Numbers, money, dates and plurals as the merchant reads them, in the UI's language.

French: "2 000 SMS", "0,15 €", "02/12/2026 19:29"; English: "2,000 SMS", "€0.15",
"2026-12-02 19:29". Thousands are separated by a no-break space in French so a number
never wraps in the middle ("1\\n129"); money is Decimal, rounded half up to the cent, so
every screen shows the same cent as the confirmation. Times are shown in the zone given
(the shop's, Paris by default) and never in the machine's.

Plurals: `plural(n, _("{n} destinataire"), _("{n} destinataires"))` picks the form by the
rules of the language (French: 0 and 1 are singular; English: only 1). A sentence of
several counts is made of `counted(…)` pieces: `_("{sent}, {refused}.").format(sent=…)`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from isend_tui.i18n import get_language

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def count(n: int) -> str:
    """A whole number with its thousands grouped: "12 344" / "12,344"."""
    grouped = f"{n:,}"
    return grouped.replace(",", NBSP) if get_language() == "fr" else grouped


def decimal_number(value: Decimal | float | int, places: int = 2) -> str:
    """A decimal number: "1 234,50" / "1,234.50"."""
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{amount:,.{places}f}"
    if get_language() == "fr":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def money(value: Decimal | float | int, currency: str = "EUR", *, places: int = 2) -> str:
    """An amount rounded half up to the cent (or to `places`): "0,15 €" / "€0.15"."""
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    symbol = _SYMBOLS.get(currency.upper(), currency.upper())
    number = decimal_number(abs(amount), places)
    sign = "-" if amount < 0 else ""
    if get_language() == "fr":
        return f"{sign}{number}{NBSP}{symbol}"
    if len(symbol) > 1:  # "CHF 12.00"
        return f"{sign}{symbol}{NBSP}{number}"
    return f"{sign}{symbol}{number}"


def unit_price(value: Decimal | float | int, currency: str = "EUR") -> str:
    """A price per unit, to the hundredth of a cent with no trailing zero past the cent:
    "0,045 €" / "€0.045", "0,05 €" / "€0.05"."""
    amount = Decimal(str(value)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    exponent = amount.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return money(amount, currency, places=places)


def percent(ratio: float, places: int = 1) -> str:
    """A ratio as a percentage: "97,5 %" / "97.5%"."""
    number = decimal_number(Decimal(str(ratio * 100)), places)
    return f"{number}{NBSP}%" if get_language() == "fr" else f"{number}%"


def day(value: date) -> str:
    """A date: "02/12/2026" / "2026-12-02"."""
    return value.strftime("%d/%m/%Y") if get_language() == "fr" else value.isoformat()


def moment(value: datetime, zone: ZoneInfo = PARIS, *, seconds: bool = False) -> str:
    """A date and time in `zone` (an aware datetime is converted, a naive one is taken as
    already in `zone`): "02/12/2026 19:29" / "2026-12-02 19:29"."""
    local = value.astimezone(zone) if value.tzinfo is not None else value
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{day(local.date())} {clock}"


def stored_moment(stamp: str, zone: ZoneInfo = PARIS) -> str:
    """A moment as stored ("2026-11-25T10:30:00+01:00", or "2026-11-25 10:30" already in
    `zone`), as `moment` shows it; a text that is not one is returned as it is."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment(when, zone)


def clock_time(value: datetime, zone: ZoneInfo = PARIS) -> str:
    """A time of day in `zone`: "19:29:21"."""
    local = value.astimezone(zone) if value.tzinfo is not None else value
    return local.strftime("%H:%M:%S")


def plural(n: int, one: str, many: str) -> str:
    """The form for `n` (both forms already translated); format `{n}` afterwards, with
    `count(n)` for the grouping."""
    singular = n <= 1 if get_language() == "fr" else n == 1
    return one if singular else many


def counted(n: int, one: str, many: str) -> str:
    """`plural` with `{n}` filled in: `counted(n, _("{n} refusé"), _("{n} refusés"))`, the
    pieces a sentence of several counts is made of."""
    return plural(n, one, many).format(n=count(n))

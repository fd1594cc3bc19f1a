"""Mail-merge variables of notification texts: which exist, which event fills which, values.

Decisions:
- {order_amount} is the order's total paid, tax included (orders.total_paid_tax_incl),
  written the French way: a plain space between thousands (a non-breaking space is not
  GSM-7 and would turn the SMS into UCS-2) and a comma before the two decimals:
  "1 234,56".
- {order_currency} is the currency's symbol when it is GSM-7 (€, £, $, ¥: the seed writes
  "{order_amount} {order_currency}", which then reads "1 234,56 €"), else its ISO code
  ("CHF", "PLN"), so a currency never forces UCS-2. The symbol comes from currency_lang
  (1.7.6+) in the order's language, or currency.sign (1.6); shops in between use the ISO
  code.
- {client_name} is the customer's last name and {client_surname} the first name (the
  seed's meaning), both from the customer account.
- {delivery_address_street} is address1, {delivery_address_additional} address2, the
  country its name in the order's language (billing_* the same for the invoice address).
- Empty values become "" and runs of spaces they leave are collapsed when rendering.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from isend_tui.i18n import N_, _
from isend_tui.shop.events import AddressFacts, CustomerFacts, OrderFacts
from isend_tui.sms import is_gsm7, render

CUSTOMER_VARIABLES: Final = ("client_name", "client_surname", "client_email")
ORDER_VARIABLES: Final = (
    "order_id",
    "order_reference",
    "order_payment_mode",
    "order_amount",
    "order_currency",
)
_ADDRESS_PARTS: Final = ("alias", "street", "additional", "postcode", "city", "country")
DELIVERY_VARIABLES: Final = tuple(f"delivery_address_{part}" for part in _ADDRESS_PARTS)
BILLING_VARIABLES: Final = tuple(f"billing_address_{part}" for part in _ADDRESS_PARTS)
SHOP_VARIABLES: Final = ("shop_name",)
TRACKING_VARIABLES: Final = ("tracking_number",)

ACCOUNT_EVENT_VARIABLES: Final = CUSTOMER_VARIABLES + SHOP_VARIABLES
ORDER_EVENT_VARIABLES: Final = (
    CUSTOMER_VARIABLES + ORDER_VARIABLES + DELIVERY_VARIABLES + BILLING_VARIABLES + SHOP_VARIABLES
)
TRACKING_EVENT_VARIABLES: Final = ORDER_EVENT_VARIABLES + TRACKING_VARIABLES

_ADDRESS_DESCRIPTIONS: Final = {
    "alias": (N_("Adresse de livraison : nom donné"), N_("Adresse de facturation : nom donné")),
    "street": (N_("Adresse de livraison : rue"), N_("Adresse de facturation : rue")),
    "additional": (
        N_("Adresse de livraison : complément"),
        N_("Adresse de facturation : complément"),
    ),
    "postcode": (
        N_("Adresse de livraison : code postal"),
        N_("Adresse de facturation : code postal"),
    ),
    "city": (N_("Adresse de livraison : ville"), N_("Adresse de facturation : ville")),
    "country": (N_("Adresse de livraison : pays"), N_("Adresse de facturation : pays")),
}

DESCRIPTIONS: Final[dict[str, str]] = {
    "client_name": N_("Nom du client"),
    "client_surname": N_("Prénom du client"),
    "client_email": N_("E-mail du client"),
    "order_id": N_("Numéro de la commande (id)"),
    "order_reference": N_("Référence de la commande"),
    "order_payment_mode": N_("Moyen de paiement"),
    "order_amount": N_("Montant payé TTC (1 234,56)"),
    "order_currency": N_("Devise de la commande (€, ou son code ISO)"),
    **{f"delivery_address_{p}": d[0] for p, d in _ADDRESS_DESCRIPTIONS.items()},
    **{f"billing_address_{p}": d[1] for p, d in _ADDRESS_DESCRIPTIONS.items()},
    "shop_name": N_("Nom de la boutique"),
    "tracking_number": N_("Numéro de suivi du colis"),
}

#: Plausible values, for a preview and the counter of the rule editor.
SAMPLE_VALUES: Final[dict[str, str]] = {
    "client_name": "Dupont",
    "client_surname": "Marie",
    "client_email": "marie.dupont@example.com",
    "order_id": "1042",
    "order_reference": "XKBKNABJK",
    "order_payment_mode": "Carte bancaire",
    "order_amount": "59,90",
    "order_currency": "€",
    "delivery_address_alias": "Maison",
    "delivery_address_street": "12 rue des Lilas",
    "delivery_address_additional": "Bat. B",
    "delivery_address_postcode": "69003",
    "delivery_address_city": "Lyon",
    "delivery_address_country": "France",
    "billing_address_alias": "Maison",
    "billing_address_street": "12 rue des Lilas",
    "billing_address_additional": "Bat. B",
    "billing_address_postcode": "69003",
    "billing_address_city": "Lyon",
    "billing_address_country": "France",
    "shop_name": "Ma Boutique",
    "tracking_number": "6A12345678901",
}


@dataclass(frozen=True)
class VariableInfo:
    """One variable the editor can offer: ``{name}`` and what it holds (translated)."""

    name: str
    description: str

    @property
    def placeholder(self) -> str:
        return "{" + self.name + "}"


def describe(names: tuple[str, ...] | list[str]) -> list[VariableInfo]:
    """The variables `names` with their translated descriptions, in that order."""
    return [VariableInfo(name, _(DESCRIPTIONS[name])) for name in names]


_THOUSANDS = re.compile(r"(\d)(?=(\d{3})+$)")


def format_amount(value: Decimal | float | str | None, decimals: int = 2) -> str:
    """French amount: 1234.5 -> "1 234,50" (plain spaces, comma); "" when unknown."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):f}"
    whole, _dot, frac = text.partition(".")
    whole = _THOUSANDS.sub(r"\1 ", whole)
    return sign + whole + ("," + frac if frac else "")


def currency_label(symbol: str | None, iso_code: str | None) -> str:
    """The symbol when it is GSM-7 (no UCS-2 because of a currency), else the ISO code."""
    sign = (symbol or "").strip()
    iso = (iso_code or "").strip()
    if sign and is_gsm7(sign):
        return sign
    return iso or sign


_SPACES = re.compile(r"[ \t]{2,}")


def render_text(text: str, values: Mapping[str, str | None]) -> str:
    """Fill the placeholders, collapse the runs of spaces empty values leave, strip."""
    filled = render(text, values)
    lines = [_SPACES.sub(" ", line).strip() for line in filled.split("\n")]
    return "\n".join(lines).strip()


# --------------------------------------------------------------------------- values


def customer_values(firstname: str, lastname: str, email: str, shop_name: str) -> dict[str, str]:
    return {
        "client_name": lastname.strip(),
        "client_surname": firstname.strip(),
        "client_email": email.strip(),
        "shop_name": shop_name.strip(),
    }


def address_values(prefix: str, address: AddressFacts | None) -> dict[str, str]:
    """{prefix}_address_* from an address (all "" when there is none)."""
    if address is None:
        return {f"{prefix}_address_{part}": "" for part in _ADDRESS_PARTS}
    return {
        f"{prefix}_address_alias": address.alias.strip(),
        f"{prefix}_address_street": address.address1.strip(),
        f"{prefix}_address_additional": address.address2.strip(),
        f"{prefix}_address_postcode": address.postcode.strip(),
        f"{prefix}_address_city": address.city.strip(),
        f"{prefix}_address_country": address.country_name.strip(),
    }


def order_values(
    order: OrderFacts,
    customer: CustomerFacts | None,
    delivery: AddressFacts | None,
    invoice: AddressFacts | None,
    shop_name: str,
    tracking_number: str = "",
) -> dict[str, str]:
    """Every variable of an order event."""
    values = customer_values(
        customer.firstname if customer else "",
        customer.lastname if customer else "",
        customer.email if customer else "",
        shop_name,
    )
    values.update(
        {
            "order_id": str(order.id),
            "order_reference": order.reference.strip(),
            "order_payment_mode": order.payment.strip(),
            "order_amount": format_amount(order.total_paid_tax_incl),
            "order_currency": currency_label(order.currency_symbol, order.currency_iso),
            "tracking_number": tracking_number.strip(),
        }
    )
    values.update(address_values("delivery", delivery))
    values.update(address_values("billing", invoice))
    return values

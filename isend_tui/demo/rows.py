"""What the demo generator writes: the columns it fills per table, its id sequences, and
the count of rows it wrote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from isend_tui.demo.prestashop.versions import Version

Row = tuple[Any, ...]


@dataclass
class DemoSummary:
    """What a demo shop build wrote, and how long it took."""

    backend: str
    version: str
    seed: int
    reference_date: dt.date
    customers: int = 0
    addresses: int = 0
    customer_groups: int = 0
    orders: int = 0
    order_details: int = 0
    order_history: int = 0
    order_carriers: int = 0
    order_payments: int = 0
    order_slips: int = 0
    order_returns: int = 0
    carts: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0


CUSTOMER_COLS = (
    "id_customer", "id_shop_group", "id_shop", "id_gender", "id_default_group", "id_lang",
    "company", "siret", "firstname", "lastname", "email", "passwd", "birthday", "newsletter",
    "ip_registration_newsletter", "newsletter_date_add", "optin", "secure_key", "active",
    "is_guest", "deleted", "date_add", "date_upd",
)  # fmt: skip
ADDRESS_COLS = (
    "id_address", "id_country", "id_customer", "alias", "company", "lastname", "firstname",
    "address1", "address2", "postcode", "city", "phone", "phone_mobile", "vat_number",
    "date_add", "date_upd", "active", "deleted",
)  # fmt: skip
GROUP_COLS = ("id_customer", "id_group")
GDPR_COLS = (
    "id_gdpr_log", "id_customer", "id_guest", "client_name", "id_module", "request_type",
    "date_add", "date_upd",
)  # fmt: skip
ORDER_COLS = (
    "id_order", "reference", "id_shop_group", "id_shop", "id_carrier", "id_lang", "id_customer",
    "id_cart", "id_currency", "id_address_delivery", "id_address_invoice", "current_state",
    "secure_key", "payment", "conversion_rate", "module", "total_discounts",
    "total_discounts_tax_incl", "total_discounts_tax_excl", "total_paid", "total_paid_tax_incl",
    "total_paid_tax_excl", "total_paid_real", "total_products", "total_products_wt",
    "total_shipping", "total_shipping_tax_incl", "total_shipping_tax_excl", "carrier_tax_rate",
    "invoice_number", "delivery_number", "invoice_date", "delivery_date", "valid", "date_add",
    "date_upd",
)  # fmt: skip
DETAIL_COLS = (
    "id_order_detail", "id_order", "id_shop", "product_id", "product_name", "product_quantity",
    "product_price", "product_reference", "total_price_tax_incl", "total_price_tax_excl",
    "unit_price_tax_incl", "unit_price_tax_excl",
)  # fmt: skip
HISTORY_COLS = ("id_order_history", "id_employee", "id_order", "id_order_state", "date_add")
CARRIER_COLS = (
    "id_order_carrier", "id_order", "id_carrier", "weight", "shipping_cost_tax_excl",
    "shipping_cost_tax_incl", "tracking_number", "date_add",
)  # fmt: skip
PAYMENT_COLS = (
    "id_order_payment", "order_reference", "id_currency", "amount", "payment_method",
    "conversion_rate", "transaction_id", "date_add",
)  # fmt: skip
SLIP_COLS = (
    "id_order_slip", "conversion_rate", "id_customer", "id_order", "total_products_tax_excl",
    "total_products_tax_incl", "total_shipping_tax_excl", "total_shipping_tax_incl", "amount",
    "shipping_cost_amount", "partial", "shipping_cost", "date_add", "date_upd",
)  # fmt: skip
RETURN_COLS = ("id_order_return", "id_customer", "id_order", "state", "question", "date_add",
               "date_upd")  # fmt: skip
CART_COLS = (
    "id_cart", "id_shop_group", "id_shop", "id_carrier", "delivery_option", "id_lang",
    "id_address_delivery", "id_address_invoice", "id_currency", "id_customer", "id_guest",
    "date_add", "date_upd",
)  # fmt: skip


def table_columns(version: Version) -> dict[str, tuple[str, ...]]:
    """The columns the generator fills, per table (the others keep their defaults)."""
    orders: tuple[str, ...] = ORDER_COLS
    if version in ("1.6", "1.7"):
        orders = (*ORDER_COLS, "shipping_number")
    gdpr: dict[str, tuple[str, ...]] = {} if version == "1.6" else {"psgdpr_log": GDPR_COLS}
    return {
        "customer": CUSTOMER_COLS,
        "customer_group": GROUP_COLS,
        **gdpr,
        "address": ADDRESS_COLS,
        "orders": orders,
        "order_detail": DETAIL_COLS,
        "order_history": HISTORY_COLS,
        "order_carrier": CARRIER_COLS,
        "order_payment": PAYMENT_COLS,
        "order_slip": SLIP_COLS,
        "order_return": RETURN_COLS,
        "cart": CART_COLS,
    }


class Rows:
    """Where the collaborators put rows, and their ids.

    One append per table (onto the sink's buffers, which the sink empties in place) and
    one id sequence per table: ids are assigned here, so both backends get the same ones.
    """

    def __init__(self, buffers: dict[str, list[Row]]) -> None:
        self.out = {name: buf.append for name, buf in buffers.items()}
        self.ids: dict[str, int] = dict.fromkeys(buffers, 0)

    def next_id(self, table: str) -> int:
        value = self.ids[table] + 1
        self.ids[table] = value
        return value

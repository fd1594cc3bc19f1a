"""Variable values: French amounts, currencies, rendering, the address and order fields."""

from __future__ import annotations

from decimal import Decimal

import pytest

from isend_tui.notifications.variables import (
    currency_label,
    format_amount,
    order_values,
    render_text,
)
from isend_tui.shop.events import AddressFacts, CustomerFacts, OrderFacts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.56"), "1 234,56"),
        ("59.9", "59,90"),
        (0, "0,00"),
        (Decimal("1234567.005"), "1 234 567,01"),
        (Decimal("-12.5"), "-12,50"),
        (None, ""),
    ],
)
def test_amounts_are_written_the_french_way(value: object, expected: str) -> None:
    assert format_amount(value) == expected  # type: ignore[arg-type]


def test_currency_is_its_symbol_when_gsm7_else_its_iso_code() -> None:
    assert currency_label("€", "EUR") == "€"
    assert currency_label("£", "GBP") == "£"
    assert currency_label("zł", "PLN") == "PLN"
    assert currency_label("", "CHF") == "CHF"
    assert currency_label(None, "USD") == "USD"


def test_rendering_collapses_the_spaces_empty_values_leave() -> None:
    text = "{a} {b} {c}, fin"
    assert render_text(text, {"a": "1 rue", "b": "", "c": "75002"}) == "1 rue 75002, fin"


def _address(alias: str, street: str, extra: str) -> AddressFacts:
    return AddressFacts(1, 7, alias, street, extra, "69003", "Lyon", "FR", "France", "", "", False)


def test_order_values() -> None:
    order = OrderFacts(42, "XKBKNABJK", 7, 1, 1, "Chèque", Decimal("1234.5"), "EUR", "€", 1, 2, 2)
    customer = CustomerFacts(7, "Marie", "Dupont", "marie@example.com", 1, 1)
    values = order_values(
        order, customer, _address("Maison", "12 rue", "Bat B"), None, "Ma Boutique", "6A1"
    )
    assert values["client_name"] == "Dupont"
    assert values["client_surname"] == "Marie"
    assert values["order_amount"] == "1 234,50"
    assert values["order_currency"] == "€"
    assert values["order_id"] == "42"
    assert values["order_payment_mode"] == "Chèque"
    assert values["delivery_address_additional"] == "Bat B"
    assert values["delivery_address_country"] == "France"
    assert values["billing_address_street"] == ""
    assert values["tracking_number"] == "6A1"
    assert values["shop_name"] == "Ma Boutique"

"""The order side of the catalogue: orders, their states, shipments, payments, returns,
credit slips and carts."""

from __future__ import annotations

from isend_tui.demo.prestashop.shapes import (
    DEC,
    DT,
    RATE,
    STINY,
    TINY,
    U10,
    U11,
    Table,
    col,
    nullable,
)
from isend_tui.demo.prestashop.versions import Version


def order_tables(version: Version) -> list[Table]:
    """Orders, their lines and the history of their states."""
    v16 = version == "1.6"
    v17 = version == "1.7"
    old = v16 or v17
    return [
        Table(
            "orders",
            (
                col("id_order", U10),
                nullable("reference", "varchar(255)" if version == "9" else "varchar(9)"),
                col("id_shop_group", U11, "1"),
                col("id_shop", U11, "1"),
                col("id_carrier", U10),
                col("id_lang", U10),
                col("id_customer", U10),
                col("id_cart", U10),
                col("id_currency", U10),
                col("id_address_delivery", U10),
                col("id_address_invoice", U10),
                col("current_state", U10),
                col("secure_key", "varchar(32)", "'-1'"),
                col("payment", "varchar(255)"),
                col("conversion_rate", RATE, "1.000000"),
                nullable("module", "varchar(255)"),
                col("recyclable", TINY, "0"),
                col("gift", TINY, "0"),
                nullable("gift_message", "text"),
                col("mobile_theme", STINY, "0"),
                *((nullable("shipping_number", "varchar(64)"),) if old else ()),
                col("total_discounts", DEC, "0.000000"),
                col("total_discounts_tax_incl", DEC, "0.000000"),
                col("total_discounts_tax_excl", DEC, "0.000000"),
                col("total_paid", DEC, "0.000000"),
                col("total_paid_tax_incl", DEC, "0.000000"),
                col("total_paid_tax_excl", DEC, "0.000000"),
                col("total_paid_real", DEC, "0.000000"),
                col("total_products", DEC, "0.000000"),
                col("total_products_wt", DEC, "0.000000"),
                col("total_shipping", DEC, "0.000000"),
                col("total_shipping_tax_incl", DEC, "0.000000"),
                col("total_shipping_tax_excl", DEC, "0.000000"),
                col("carrier_tax_rate", "decimal(10,3)", "0.000"),
                col("total_wrapping", DEC, "0.000000"),
                col("total_wrapping_tax_incl", DEC, "0.000000"),
                col("total_wrapping_tax_excl", DEC, "0.000000"),
                col("round_mode", "tinyint(1)", "2"),
                col("round_type", "tinyint(1)", "1"),
                col("invoice_number", U10, "0"),
                col("delivery_number", U10, "0"),
                col("invoice_date", DT),
                col("delivery_date", DT),
                col("valid", "int(1) unsigned", "0"),
                col("date_add", DT),
                col("date_upd", DT),
                *(() if v16 else (nullable("note", "text"),)),
            ),
            ("id_order",),
            indexes=(
                ("reference", ("reference",)),
                ("id_customer", ("id_customer",)),
                ("id_cart", ("id_cart",)),
                ("invoice_number", ("invoice_number",)),
                ("id_carrier", ("id_carrier",)),
                ("id_lang", ("id_lang",)),
                ("id_currency", ("id_currency",)),
                ("id_address_delivery", ("id_address_delivery",)),
                ("id_address_invoice", ("id_address_invoice",)),
                ("id_shop_group", ("id_shop_group",)),
                ("current_state", ("current_state",)),
                ("id_shop", ("id_shop",)),
                ("date_add", ("date_add",)),
                *((("invoice_date", ("invoice_date",)),) if version == "9" else ()),
            ),
        ),
        Table(
            "order_detail",
            (
                col("id_order_detail", U10),
                col("id_order", U10),
                nullable("id_order_invoice", "int(11)"),
                nullable("id_warehouse", U10, "0"),
                col("id_shop", U11),
                col("product_id", U10),
                nullable("product_attribute_id", U10),
                col("product_name", "varchar(255)"),
                col("product_quantity", U10, "0"),
                col("product_quantity_refunded", U10, "0"),
                col("product_quantity_return", U10, "0"),
                col("product_price", DEC, "0.000000"),
                nullable("product_reference", "varchar(64)"),
                col("total_price_tax_incl", DEC, "0.000000"),
                col("total_price_tax_excl", DEC, "0.000000"),
                col("unit_price_tax_incl", DEC, "0.000000"),
                col("unit_price_tax_excl", DEC, "0.000000"),
            ),
            ("id_order_detail",),
            indexes=(
                ("order_detail_order", ("id_order",)),
                ("product_id", ("product_id", "product_attribute_id")),
                ("product_attribute_id", ("product_attribute_id",)),
                ("id_order_id_order_detail", ("id_order", "id_order_detail")),
            ),
        ),
        Table(
            "order_history",
            (
                col("id_order_history", U10),
                col("id_employee", U10),
                col("id_order", U10),
                col("id_order_state", U10),
                col("date_add", DT),
            ),
            ("id_order_history",),
            indexes=(
                ("order_history_order", ("id_order",)),
                ("id_employee", ("id_employee",)),
                ("id_order_state", ("id_order_state",)),
            ),
        ),
    ]


def order_state_tables(_version: Version) -> list[Table]:
    """The order states and their names."""
    return [
        Table(
            "order_state",
            (
                col("id_order_state", U10),
                nullable("invoice", TINY, "0"),
                col("send_email", TINY, "0"),
                nullable("module_name", "varchar(255)"),
                nullable("color", "varchar(32)"),
                col("unremovable", TINY),
                col("hidden", TINY, "0"),
                col("logable", STINY, "0"),
                col("delivery", TINY, "0"),
                col("shipped", TINY, "0"),
                col("paid", TINY, "0"),
                col("pdf_invoice", TINY, "0"),
                col("pdf_delivery", TINY, "0"),
                col("deleted", TINY, "0"),
            ),
            ("id_order_state",),
            indexes=(("module_name", ("module_name",)),),
        ),
        Table(
            "order_state_lang",
            (
                col("id_order_state", U10),
                col("id_lang", U10),
                col("name", "varchar(64)"),
                col("template", "varchar(64)"),
            ),
            ("id_order_state", "id_lang"),
            auto_increment=False,
        ),
    ]


def shipping_and_payment_tables(version: Version) -> list[Table]:
    """Shipments (tracking numbers) and payments of orders."""
    v16 = version == "1.6"
    return [
        Table(
            "order_carrier",
            (
                col("id_order_carrier", "int(11)"),
                col("id_order", U10),
                col("id_carrier", U10),
                nullable("id_order_invoice", U11),
                nullable("weight", DEC),
                nullable("shipping_cost_tax_excl", DEC),
                nullable("shipping_cost_tax_incl", DEC),
                nullable("tracking_number", "varchar(64)"),
                col("date_add", DT),
            ),
            ("id_order_carrier",),
            indexes=(
                ("id_order", ("id_order",)),
                ("id_carrier", ("id_carrier",)),
                ("id_order_invoice", ("id_order_invoice",)),
            ),
        ),
        Table(
            "order_payment",
            (
                col("id_order_payment", "int(11)"),
                nullable("order_reference", "varchar(255)" if version == "9" else "varchar(9)"),
                col("id_currency", U10),
                col("amount", "decimal(10,2)" if v16 else DEC),
                col("payment_method", "varchar(255)"),
                col("conversion_rate", RATE, "1.000000"),
                nullable("transaction_id", "varchar(254)"),
                nullable("card_number", "varchar(254)"),
                nullable("card_brand", "varchar(254)"),
                nullable("card_expiration", "char(7)"),
                nullable("card_holder", "varchar(254)"),
                col("date_add", DT),
                *((nullable("id_employee", "int(11)"),) if version in ("8", "9") else ()),
            ),
            ("id_order_payment",),
            indexes=(("order_reference", ("order_reference",)),),
        ),
    ]


def return_and_slip_tables(version: Version) -> list[Table]:
    """Merchandise returns and credit slips."""
    v16 = version == "1.6"
    v17 = version == "1.7"
    old = v16 or v17
    slip_money = "decimal(10,2)" if old else DEC
    return [
        Table(
            "order_return",
            (
                col("id_order_return", U10),
                col("id_customer", U10),
                col("id_order", U10),
                col("state", "tinyint(1) unsigned", "1"),
                col("question", "text"),
                col("date_add", DT),
                col("date_upd", DT),
            ),
            ("id_order_return",),
            indexes=(
                ("order_return_customer", ("id_customer",)),
                ("id_order", ("id_order",)),
            ),
        ),
        Table(
            "order_return_state",
            (col("id_order_return_state", U10), nullable("color", "varchar(32)")),
            ("id_order_return_state",),
        ),
        Table(
            "order_return_state_lang",
            (col("id_order_return_state", U10), col("id_lang", U10), col("name", "varchar(64)")),
            ("id_order_return_state", "id_lang"),
            auto_increment=False,
        ),
        Table(
            "order_slip",
            (
                col("id_order_slip", U10),
                col("conversion_rate", RATE, "1.000000"),
                col("id_customer", U10),
                col("id_order", U10),
                nullable("total_products_tax_excl", DEC),
                nullable("total_products_tax_incl", DEC),
                nullable("total_shipping_tax_excl", DEC),
                nullable("total_shipping_tax_incl", DEC),
                col("shipping_cost", "tinyint(3) unsigned", "0"),
                col("amount", slip_money),
                col("shipping_cost_amount", slip_money),
                col("partial", STINY),
                *(() if v16 else (col("order_slip_type", TINY, "0"),)),
                col("date_add", DT),
                col("date_upd", DT),
            ),
            ("id_order_slip",),
            indexes=(("order_slip_customer", ("id_customer",)), ("id_order", ("id_order",))),
        ),
    ]


def cart_tables(version: Version) -> list[Table]:
    """Carts (an abandoned cart is one with no order)."""
    v16 = version == "1.6"
    return [
        Table(
            "cart",
            (
                col("id_cart", U10),
                col("id_shop_group", U11, "1"),
                col("id_shop", U11, "1"),
                col("id_carrier", U10),
                col("delivery_option", "text"),
                col("id_lang", U10),
                col("id_address_delivery", U10),
                col("id_address_invoice", U10),
                col("id_currency", U10),
                col("id_customer", U10),
                col("id_guest", U10),
                col("secure_key", "varchar(32)", "'-1'"),
                col("recyclable", TINY, "1"),
                col("gift", TINY, "0"),
                nullable("gift_message", "text"),
                col("mobile_theme", STINY, "0"),
                col("allow_seperated_package", TINY, "0"),
                col("date_add", DT),
                col("date_upd", DT),
                *(() if v16 else (nullable("checkout_session_data", "mediumtext"),)),
            ),
            ("id_cart",),
            indexes=(
                ("cart_customer", ("id_customer",)),
                ("id_address_delivery", ("id_address_delivery",)),
                ("id_address_invoice", ("id_address_invoice",)),
                ("id_carrier", ("id_carrier",)),
                ("id_lang", ("id_lang",)),
                ("id_currency", ("id_currency",)),
                ("id_guest", ("id_guest",)),
                ("id_shop_group", ("id_shop_group",)),
                ("id_shop_2", ("id_shop", "date_upd")),
                ("id_shop", ("id_shop", "date_add")),
            ),
        ),
    ]

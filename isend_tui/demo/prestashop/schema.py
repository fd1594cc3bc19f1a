"""A PrestaShop-shaped database, for the demo shop and for tests.

`create_shop_schema()` writes the tables (and only the columns) this tool reads, with
PrestaShop's names, types and indexes for versions 1.6, 1.7, 8 and 9, on MySQL/MariaDB or
SQLite. `ShopWriter.seed()` writes what a fresh install has (reference_data.py).

This module writes. It is never pointed at a merchant's shop: the tool itself reads shops
through `isend_tui.shop.connection`, which is read-only. `ShopWriter` is the writable
connection used by the demo generator and the tests.

On SQLite the MySQL types map to declared types with the same affinity (DATETIME, DATE and
DECIMAL keep their names so the read side converts them back), text columns compare with
NOCASE like MySQL's default collation, and auto-increment keys are
``INTEGER PRIMARY KEY AUTOINCREMENT``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isend_tui.demo.prestashop.reference_data import reference_inserts
from isend_tui.demo.prestashop.versions import VERSIONS, Version
from isend_tui.shop.connection import open_raw
from isend_tui.shop.dsn import Backend, ShopDsn

# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # MySQL type, e.g. "int(10) unsigned"
    null: bool = False
    default: str | None = None  # SQL literal, e.g. "0", "'-1'", "NULL"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    pk: tuple[str, ...]
    auto_increment: bool = True
    indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unique: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


U10 = "int(10) unsigned"
U11 = "int(11) unsigned"
TINY = "tinyint(1) unsigned"
STINY = "tinyint(1)"
DT = "datetime"
DEC = "decimal(20,6)"
RATE = "decimal(13,6)"


def _c(name: str, type_: str, default: str | None = None, *, null: bool = False) -> Col:
    return Col(name, type_, null, default)


def _n(name: str, type_: str, default: str | None = "NULL") -> Col:
    return Col(name, type_, True, default)


def shop_tables(version: Version = "8") -> list[Table]:
    """The tables of a shop of this major version, in creation order."""
    v16 = version == "1.6"
    v17 = version == "1.7"
    old = v16 or v17
    tables: list[Table] = []
    add = tables.append

    add(
        Table(
            "configuration",
            (
                _c("id_configuration", U10),
                _n("id_shop_group", U11),
                _n("id_shop", U11),
                _c("name", "varchar(254)"),
                _n("value", "text"),
                _c("date_add", DT),
                _c("date_upd", DT),
            ),
            ("id_configuration",),
            indexes=(
                ("name", ("name",)),
                ("id_shop", ("id_shop",)),
                ("id_shop_group", ("id_shop_group",)),
            ),
        )
    )
    add(
        Table(
            "configuration_lang",
            (
                _c("id_configuration", U10),
                _c("id_lang", U10),
                _n("value", "text"),
                _n("date_upd", DT),
            ),
            ("id_configuration", "id_lang"),
            auto_increment=False,
        )
    )
    group_cols = [_c("id_shop_group", U11), _c("name", "varchar(64)")]
    if not v16:
        group_cols.append(_c("color", "varchar(50)", "''"))
    group_cols += [
        _c("share_customer", STINY),
        _c("share_order", STINY),
        _c("share_stock", STINY),
        _c("active", STINY, "1"),
        _c("deleted", STINY, "0"),
    ]
    add(
        Table(
            "shop_group",
            tuple(group_cols),
            ("id_shop_group",),
            indexes=(("deleted", ("deleted", "name")),),
        )
    )
    shop_cols = [_c("id_shop", U11), _c("id_shop_group", U11), _c("name", "varchar(64)")]
    if not v16:
        shop_cols.append(_c("color", "varchar(50)", "''"))
    shop_cols.append(_c("id_category", U11))
    shop_cols.append(_c("id_theme", "int(1) unsigned") if v16 else _c("theme_name", "varchar(255)"))
    shop_cols += [_c("active", STINY, "1"), _c("deleted", STINY, "0")]
    add(
        Table(
            "shop",
            tuple(shop_cols),
            ("id_shop",),
            indexes=(
                ("id_shop_group", ("id_shop_group", "deleted")),
                ("id_category", ("id_category",)),
            ),
        )
    )
    lang_cols = [
        _c("id_lang", U10),
        _c("name", "varchar(32)"),
        _c("active", "tinyint(3) unsigned", "0"),
        _c("iso_code", "char(2)" if v16 else "varchar(2)"),
        _c("language_code", "char(5)" if v16 else "varchar(5)"),
    ]
    if not v16:
        lang_cols.append(_c("locale", "varchar(5)"))
    lang_cols += [
        _c("date_format_lite", "char(32)", "'Y-m-d'"),
        _c("date_format_full", "char(32)", "'Y-m-d H:i:s'"),
        _c("is_rtl", STINY, "0"),
    ]
    add(Table("lang", tuple(lang_cols), ("id_lang",)))
    add(
        Table(
            "lang_shop",
            (_c("id_lang", U10), _c("id_shop", U11)),
            ("id_lang", "id_shop"),
            auto_increment=False,
            indexes=(("IDX_2F43BFC7274A50A0", ("id_shop",)),),
        )
    )
    add(
        Table(
            "customer",
            (
                _c("id_customer", U10),
                _c("id_shop_group", U11, "1"),
                _c("id_shop", U11, "1"),
                _c("id_gender", U10),
                _c("id_default_group", U10, "1"),
                _n("id_lang", U10),
                _c("id_risk", U10, "1"),
                _n("company", "varchar(64)" if old else "varchar(255)"),
                _n("siret", "varchar(14)"),
                _n("ape", "varchar(5)" if version != "9" else "varchar(6)"),
                _c("firstname", "varchar(32)" if v16 else "varchar(255)"),
                _c("lastname", "varchar(32)" if v16 else "varchar(255)"),
                _c("email", "varchar(128)" if old else "varchar(255)"),
                _c("passwd", "varchar(60)" if v16 else "varchar(255)"),
                _n("last_passwd_gen", DT),
                _n("birthday", "date"),
                _c("newsletter", TINY, "0"),
                _n("ip_registration_newsletter", "varchar(15)"),
                _n("newsletter_date_add", DT),
                _c("optin", TINY, "0"),
                _n("website", "varchar(128)"),
                _c("outstanding_allow_amount", DEC, "0.000000"),
                _c("show_public_prices", TINY, "0"),
                _c("max_payment_days", U10, "60"),
                _c("secure_key", "varchar(32)", "'-1'"),
                _n("note", "text"),
                _c("active", TINY, "0"),
                _c("is_guest", STINY, "0"),
                _c("deleted", STINY, "0"),
                _c("date_add", DT),
                _c("date_upd", DT),
                *(
                    ()
                    if v16
                    else (
                        _n("reset_password_token", "varchar(40)"),
                        _n("reset_password_validity", DT),
                    )
                ),
            ),
            ("id_customer",),
            indexes=(
                ("customer_email", ("email",)),
                ("customer_login", ("email", "passwd")),
                ("id_customer_passwd", ("id_customer", "passwd")),
                ("id_gender", ("id_gender",)),
                ("id_shop_group", ("id_shop_group",)),
                ("id_shop", ("id_shop", "date_add")),
            ),
        )
    )
    add(
        Table(
            "customer_group",
            (_c("id_customer", U10), _c("id_group", U10)),
            ("id_customer", "id_group"),
            auto_increment=False,
            indexes=(("customer_login", ("id_group",)), ("id_customer", ("id_customer",))),
        )
    )
    add(
        Table(
            "group",
            (
                _c("id_group", U10),
                _c("reduction", "decimal(17,2)" if v16 else "decimal(5,2)", "0.00"),
                _c("price_display_method", "tinyint", "0"),
                _c("show_prices", TINY, "1"),
                _c("date_add", DT),
                _c("date_upd", DT),
            ),
            ("id_group",),
        )
    )
    add(
        Table(
            "group_lang",
            (_c("id_group", U10), _c("id_lang", U10), _c("name", "varchar(32)")),
            ("id_group", "id_lang"),
            auto_increment=False,
        )
    )
    add(
        Table(
            "group_shop",
            (_c("id_group", U11), _c("id_shop", U11)),
            ("id_group", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        )
    )
    add(Table("gender", (_c("id_gender", "int(11)"), _c("type", STINY)), ("id_gender",)))
    add(
        Table(
            "gender_lang",
            (_c("id_gender", U10), _c("id_lang", U10), _c("name", "varchar(20)")),
            ("id_gender", "id_lang"),
            auto_increment=False,
            indexes=(("id_gender", ("id_gender",)),),
        )
    )
    add(
        Table(
            "address",
            (
                _c("id_address", U10),
                _c("id_country", U10),
                _n("id_state", U10),
                _c("id_customer", U10, "0"),
                _c("id_manufacturer", U10, "0"),
                _c("id_supplier", U10, "0"),
                _c("id_warehouse", U10, "0"),
                _c("alias", "varchar(32)"),
                _n("company", "varchar(255)"),
                _c("lastname", "varchar(32)" if v16 else "varchar(255)"),
                _c("firstname", "varchar(32)" if v16 else "varchar(255)"),
                _c("address1", "varchar(128)"),
                _n("address2", "varchar(128)"),
                _n("postcode", "varchar(12)"),
                _c("city", "varchar(64)"),
                _n("other", "text"),
                _n("phone", "varchar(32)"),
                _n("phone_mobile", "varchar(32)"),
                _n("vat_number", "varchar(32)"),
                _n("dni", "varchar(16)"),
                _c("date_add", DT),
                _c("date_upd", DT),
                _c("active", TINY, "1"),
                _c("deleted", TINY, "0"),
            ),
            ("id_address",),
            indexes=(
                ("address_customer", ("id_customer",)),
                ("id_country", ("id_country",)),
                ("id_state", ("id_state",)),
                ("id_manufacturer", ("id_manufacturer",)),
                ("id_supplier", ("id_supplier",)),
                ("id_warehouse", ("id_warehouse",)),
            ),
        )
    )
    add(
        Table(
            "country",
            (
                _c("id_country", U10),
                _c("id_zone", U10),
                _c("id_currency", U10, "0"),
                _c("iso_code", "varchar(3)"),
                _c("call_prefix", "int(10)", "0"),
                _c("active", TINY, "0"),
                _c("contains_states", STINY, "0"),
                _c("need_identification_number", STINY, "0"),
                _c("need_zip_code", STINY, "1"),
                _c("zip_code_format", "varchar(12)", "''"),
                _c("display_tax_label", STINY),
            ),
            ("id_country",),
            indexes=(("country_iso_code", ("iso_code",)), ("country_", ("id_zone",))),
        )
    )
    add(
        Table(
            "country_lang",
            (_c("id_country", U10), _c("id_lang", U10), _c("name", "varchar(64)")),
            ("id_country", "id_lang"),
            auto_increment=False,
        )
    )
    add(
        Table(
            "country_shop",
            (_c("id_country", U10), _c("id_shop", U10)),
            ("id_country", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        )
    )
    if v16:
        currency_cols: tuple[Col, ...] = (
            _c("id_currency", U10),
            _c("name", "varchar(32)"),
            _c("iso_code", "varchar(3)", "'0'"),
            _c("iso_code_num", "varchar(3)", "'0'"),
            _c("sign", "varchar(8)"),
            _c("blank", TINY, "0"),
            _c("format", TINY, "0"),
            _c("decimals", TINY, "1"),
            _c("conversion_rate", RATE),
            _c("deleted", TINY, "0"),
            _c("active", TINY, "1"),
        )
    else:
        currency_cols = (
            _c("id_currency", U10),
            _c("name", "varchar(64)"),
            _c("iso_code", "varchar(3)", "'0'"),
            _c("numeric_iso_code", "varchar(3)", "NULL", null=True),
            _c("precision", "int(2)", "6"),
            _c("conversion_rate", RATE),
            _c("deleted", TINY, "0"),
            _c("active", TINY, "1"),
            *(() if v17 else (_c("unofficial", TINY, "0"), _c("modified", TINY, "0"))),
        )
    add(
        Table(
            "currency",
            currency_cols,
            ("id_currency",),
            indexes=() if old else (("currency_iso_code", ("iso_code",)),),
        )
    )
    if not v16:
        add(
            Table(
                "currency_lang",
                (
                    _c("id_currency", U10),
                    _c("id_lang", "int(10) unsigned"),
                    _c("name", "varchar(255)"),
                    _c("symbol", "varchar(255)"),
                    *(() if v17 else (_n("pattern", "varchar(255)"),)),
                ),
                ("id_currency", "id_lang"),
                auto_increment=False,
            )
        )
    add(
        Table(
            "currency_shop",
            (_c("id_currency", U10), _c("id_shop", U10), _c("conversion_rate", RATE)),
            ("id_currency", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        )
    )
    add(
        Table(
            "carrier",
            (
                _c("id_carrier", U10),
                _c("id_reference", U10),
                _c("name", "varchar(64)"),
                _n("url", "varchar(255)"),
                _c("active", TINY, "0"),
                _c("deleted", TINY, "0"),
                _c("is_free", TINY, "0"),
                _c("is_module", TINY, "0"),
                _n("external_module_name", "varchar(64)"),
                _c("position", U10, "0"),
            ),
            ("id_carrier",),
            indexes=(
                ("deleted", ("deleted", "active")),
                ("reference", ("id_reference", "deleted", "active")),
            ),
        )
    )
    add(
        Table(
            "orders",
            (
                _c("id_order", U10),
                _n("reference", "varchar(255)" if version == "9" else "varchar(9)"),
                _c("id_shop_group", U11, "1"),
                _c("id_shop", U11, "1"),
                _c("id_carrier", U10),
                _c("id_lang", U10),
                _c("id_customer", U10),
                _c("id_cart", U10),
                _c("id_currency", U10),
                _c("id_address_delivery", U10),
                _c("id_address_invoice", U10),
                _c("current_state", U10),
                _c("secure_key", "varchar(32)", "'-1'"),
                _c("payment", "varchar(255)"),
                _c("conversion_rate", RATE, "1.000000"),
                _n("module", "varchar(255)"),
                _c("recyclable", TINY, "0"),
                _c("gift", TINY, "0"),
                _n("gift_message", "text"),
                _c("mobile_theme", STINY, "0"),
                *((_n("shipping_number", "varchar(64)"),) if old else ()),
                _c("total_discounts", DEC, "0.000000"),
                _c("total_discounts_tax_incl", DEC, "0.000000"),
                _c("total_discounts_tax_excl", DEC, "0.000000"),
                _c("total_paid", DEC, "0.000000"),
                _c("total_paid_tax_incl", DEC, "0.000000"),
                _c("total_paid_tax_excl", DEC, "0.000000"),
                _c("total_paid_real", DEC, "0.000000"),
                _c("total_products", DEC, "0.000000"),
                _c("total_products_wt", DEC, "0.000000"),
                _c("total_shipping", DEC, "0.000000"),
                _c("total_shipping_tax_incl", DEC, "0.000000"),
                _c("total_shipping_tax_excl", DEC, "0.000000"),
                _c("carrier_tax_rate", "decimal(10,3)", "0.000"),
                _c("total_wrapping", DEC, "0.000000"),
                _c("total_wrapping_tax_incl", DEC, "0.000000"),
                _c("total_wrapping_tax_excl", DEC, "0.000000"),
                _c("round_mode", "tinyint(1)", "2"),
                _c("round_type", "tinyint(1)", "1"),
                _c("invoice_number", U10, "0"),
                _c("delivery_number", U10, "0"),
                _c("invoice_date", DT),
                _c("delivery_date", DT),
                _c("valid", "int(1) unsigned", "0"),
                _c("date_add", DT),
                _c("date_upd", DT),
                *(() if v16 else (_n("note", "text"),)),
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
        )
    )
    add(
        Table(
            "order_detail",
            (
                _c("id_order_detail", U10),
                _c("id_order", U10),
                _n("id_order_invoice", "int(11)"),
                _n("id_warehouse", U10, "0"),
                _c("id_shop", U11),
                _c("product_id", U10),
                _n("product_attribute_id", U10),
                _c("product_name", "varchar(255)"),
                _c("product_quantity", U10, "0"),
                _c("product_quantity_refunded", U10, "0"),
                _c("product_quantity_return", U10, "0"),
                _c("product_price", DEC, "0.000000"),
                _n("product_reference", "varchar(64)"),
                _c("total_price_tax_incl", DEC, "0.000000"),
                _c("total_price_tax_excl", DEC, "0.000000"),
                _c("unit_price_tax_incl", DEC, "0.000000"),
                _c("unit_price_tax_excl", DEC, "0.000000"),
            ),
            ("id_order_detail",),
            indexes=(
                ("order_detail_order", ("id_order",)),
                ("product_id", ("product_id", "product_attribute_id")),
                ("product_attribute_id", ("product_attribute_id",)),
                ("id_order_id_order_detail", ("id_order", "id_order_detail")),
            ),
        )
    )
    add(
        Table(
            "order_history",
            (
                _c("id_order_history", U10),
                _c("id_employee", U10),
                _c("id_order", U10),
                _c("id_order_state", U10),
                _c("date_add", DT),
            ),
            ("id_order_history",),
            indexes=(
                ("order_history_order", ("id_order",)),
                ("id_employee", ("id_employee",)),
                ("id_order_state", ("id_order_state",)),
            ),
        )
    )
    add(
        Table(
            "order_state",
            (
                _c("id_order_state", U10),
                _n("invoice", TINY, "0"),
                _c("send_email", TINY, "0"),
                _n("module_name", "varchar(255)"),
                _n("color", "varchar(32)"),
                _c("unremovable", TINY),
                _c("hidden", TINY, "0"),
                _c("logable", STINY, "0"),
                _c("delivery", TINY, "0"),
                _c("shipped", TINY, "0"),
                _c("paid", TINY, "0"),
                _c("pdf_invoice", TINY, "0"),
                _c("pdf_delivery", TINY, "0"),
                _c("deleted", TINY, "0"),
            ),
            ("id_order_state",),
            indexes=(("module_name", ("module_name",)),),
        )
    )
    add(
        Table(
            "order_state_lang",
            (
                _c("id_order_state", U10),
                _c("id_lang", U10),
                _c("name", "varchar(64)"),
                _c("template", "varchar(64)"),
            ),
            ("id_order_state", "id_lang"),
            auto_increment=False,
        )
    )
    add(
        Table(
            "order_carrier",
            (
                _c("id_order_carrier", "int(11)"),
                _c("id_order", U10),
                _c("id_carrier", U10),
                _n("id_order_invoice", U11),
                _n("weight", DEC),
                _n("shipping_cost_tax_excl", DEC),
                _n("shipping_cost_tax_incl", DEC),
                _n("tracking_number", "varchar(64)"),
                _c("date_add", DT),
            ),
            ("id_order_carrier",),
            indexes=(
                ("id_order", ("id_order",)),
                ("id_carrier", ("id_carrier",)),
                ("id_order_invoice", ("id_order_invoice",)),
            ),
        )
    )
    add(
        Table(
            "order_payment",
            (
                _c("id_order_payment", "int(11)"),
                _n("order_reference", "varchar(255)" if version == "9" else "varchar(9)"),
                _c("id_currency", U10),
                _c("amount", "decimal(10,2)" if v16 else DEC),
                _c("payment_method", "varchar(255)"),
                _c("conversion_rate", RATE, "1.000000"),
                _n("transaction_id", "varchar(254)"),
                _n("card_number", "varchar(254)"),
                _n("card_brand", "varchar(254)"),
                _n("card_expiration", "char(7)"),
                _n("card_holder", "varchar(254)"),
                _c("date_add", DT),
                *((_n("id_employee", "int(11)"),) if version in ("8", "9") else ()),
            ),
            ("id_order_payment",),
            indexes=(("order_reference", ("order_reference",)),),
        )
    )
    add(
        Table(
            "order_return",
            (
                _c("id_order_return", U10),
                _c("id_customer", U10),
                _c("id_order", U10),
                _c("state", "tinyint(1) unsigned", "1"),
                _c("question", "text"),
                _c("date_add", DT),
                _c("date_upd", DT),
            ),
            ("id_order_return",),
            indexes=(
                ("order_return_customer", ("id_customer",)),
                ("id_order", ("id_order",)),
            ),
        )
    )
    add(
        Table(
            "order_return_state",
            (_c("id_order_return_state", U10), _n("color", "varchar(32)")),
            ("id_order_return_state",),
        )
    )
    add(
        Table(
            "order_return_state_lang",
            (_c("id_order_return_state", U10), _c("id_lang", U10), _c("name", "varchar(64)")),
            ("id_order_return_state", "id_lang"),
            auto_increment=False,
        )
    )
    slip_money = "decimal(10,2)" if old else DEC
    add(
        Table(
            "order_slip",
            (
                _c("id_order_slip", U10),
                _c("conversion_rate", RATE, "1.000000"),
                _c("id_customer", U10),
                _c("id_order", U10),
                _n("total_products_tax_excl", DEC),
                _n("total_products_tax_incl", DEC),
                _n("total_shipping_tax_excl", DEC),
                _n("total_shipping_tax_incl", DEC),
                _c("shipping_cost", "tinyint(3) unsigned", "0"),
                _c("amount", slip_money),
                _c("shipping_cost_amount", slip_money),
                _c("partial", STINY),
                *(() if v16 else (_c("order_slip_type", TINY, "0"),)),
                _c("date_add", DT),
                _c("date_upd", DT),
            ),
            ("id_order_slip",),
            indexes=(("order_slip_customer", ("id_customer",)), ("id_order", ("id_order",))),
        )
    )
    add(
        Table(
            "cart",
            (
                _c("id_cart", U10),
                _c("id_shop_group", U11, "1"),
                _c("id_shop", U11, "1"),
                _c("id_carrier", U10),
                _c("delivery_option", "text"),
                _c("id_lang", U10),
                _c("id_address_delivery", U10),
                _c("id_address_invoice", U10),
                _c("id_currency", U10),
                _c("id_customer", U10),
                _c("id_guest", U10),
                _c("secure_key", "varchar(32)", "'-1'"),
                _c("recyclable", TINY, "1"),
                _c("gift", TINY, "0"),
                _n("gift_message", "text"),
                _c("mobile_theme", STINY, "0"),
                _c("allow_seperated_package", TINY, "0"),
                _c("date_add", DT),
                _c("date_upd", DT),
                *(() if v16 else (_n("checkout_session_data", "mediumtext"),)),
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
        )
    )
    return tables


def table_names(version: Version = "8") -> list[str]:
    return [t.name for t in shop_tables(version)]


# --------------------------------------------------------------------------- DDL


def _sqlite_type(mysql_type: str) -> str:
    t = mysql_type.lower().replace(" unsigned", "")
    if "int" in t:
        return t.upper()  # INTEGER affinity
    if t.startswith(("varchar", "char", "text", "mediumtext")):
        return t.upper() + " COLLATE NOCASE"
    return t.upper()  # DATETIME, DATE, DECIMAL(p,s): NUMERIC affinity, names kept


def _quote(backend: Backend, name: str) -> str:
    return f"`{name}`" if backend == "mysql" else f'"{name}"'


def _charset(version: Version) -> str:
    # 1.6 and 1.7 before 1.7.7 were utf8 (3 bytes); 1.7.7+ and 8/9 utf8mb4.
    if version == "1.6":
        return "DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci"
    return "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci"


def table_ddl(
    table: Table,
    backend: Backend,
    prefix: str,
    version: Version = "8",
    *,
    with_indexes: bool = True,
) -> list[str]:
    """CREATE TABLE (and, on SQLite, CREATE INDEX) statements for one table."""
    q = _quote
    full = prefix + table.name
    lines: list[str] = []
    for col in table.columns:
        is_auto = table.auto_increment and table.pk == (col.name,)
        if backend == "sqlite" and is_auto:
            lines.append(f"{q(backend, col.name)} INTEGER PRIMARY KEY AUTOINCREMENT")
            continue
        ctype = col.type if backend == "mysql" else _sqlite_type(col.type)
        parts = [q(backend, col.name), ctype]
        parts.append("NULL" if col.null else "NOT NULL")
        if col.default is not None and not (col.null and col.default == "NULL" and is_auto):
            parts.append(f"DEFAULT {col.default}")
        if backend == "mysql" and is_auto:
            parts.append("AUTO_INCREMENT")
        lines.append(" ".join(parts))
    auto_sqlite = backend == "sqlite" and table.auto_increment and len(table.pk) == 1
    if not auto_sqlite:
        lines.append("PRIMARY KEY (" + ", ".join(q(backend, c) for c in table.pk) + ")")
    statements: list[str] = []
    if backend == "mysql":
        if with_indexes:
            for name, cols in table.unique:
                cl = ", ".join(q(backend, c) for c in cols)
                lines.append(f"UNIQUE KEY {q(backend, name)} ({cl})")
            for name, cols in table.indexes:
                cl = ", ".join(q(backend, c) for c in cols)
                lines.append(f"KEY {q(backend, name)} ({cl})")
        body = ",\n  ".join(lines)
        statements.append(
            f"CREATE TABLE {q(backend, full)} (\n  {body}\n) ENGINE=InnoDB {_charset(version)}"
        )
    else:
        body = ",\n  ".join(lines)
        statements.append(f"CREATE TABLE {q(backend, full)} (\n  {body}\n)")
        if with_indexes:
            statements += sqlite_index_ddl(table, prefix)
    return statements


def sqlite_index_ddl(table: Table, prefix: str) -> list[str]:
    full = prefix + table.name
    out = []
    for unique, items in (("UNIQUE ", table.unique), ("", table.indexes)):
        for name, cols in items:
            cl = ", ".join(f'"{c}"' for c in cols)
            out.append(f'CREATE {unique}INDEX "{full}__{name}" ON "{full}" ({cl})')
    return out


def mysql_index_ddl(table: Table, prefix: str) -> str | None:
    """One ALTER TABLE adding every secondary index (faster than one by one after a load)."""
    adds = [
        f"ADD UNIQUE KEY `{name}` (" + ", ".join(f"`{c}`" for c in cols) + ")"
        for name, cols in table.unique
    ] + [
        f"ADD KEY `{name}` (" + ", ".join(f"`{c}`" for c in cols) + ")"
        for name, cols in table.indexes
    ]
    if not adds:
        return None
    return f"ALTER TABLE `{prefix}{table.name}` " + ", ".join(adds)


def _check_prefix(prefix: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9_]{0,32}", prefix):
        raise ValueError(f"invalid table prefix {prefix!r}")


def _run(raw_conn: Any, backend: Backend, statements: Iterable[str]) -> None:
    if backend == "sqlite":
        for sql in statements:
            raw_conn.execute(sql)
        raw_conn.commit()
        return
    with raw_conn.cursor() as cur:
        for sql in statements:
            cur.execute(sql)
    raw_conn.commit()


def create_shop_schema(
    raw_conn: Any,
    backend: Backend,
    prefix: str,
    *,
    version: Version = "8",
    with_indexes: bool = True,
) -> None:
    """Create every table of a PrestaShop shop of `version` (the columns this tool reads).

    `raw_conn` is a writable DB-API connection: pymysql (`ShopWriter.raw`) or sqlite3.
    With `with_indexes=False` only primary keys are created; `create_shop_indexes()` adds
    the others afterwards (a bulk load is much faster that way).
    """
    _check_prefix(prefix)
    statements: list[str] = []
    for table in shop_tables(version):
        statements += table_ddl(table, backend, prefix, version, with_indexes=with_indexes)
    _run(raw_conn, backend, statements)


def create_shop_indexes(
    raw_conn: Any,
    backend: Backend,
    prefix: str,
    *,
    version: Version = "8",
    tables: Sequence[str] | None = None,
) -> None:
    """Add the secondary indexes left out by `create_shop_schema(with_indexes=False)`."""
    statements: list[str] = []
    for table in shop_tables(version):
        if tables is not None and table.name not in tables:
            continue
        if backend == "mysql":
            sql = mysql_index_ddl(table, prefix)
            if sql:
                statements.append(sql)
        else:
            statements += sqlite_index_ddl(table, prefix)
    _run(raw_conn, backend, statements)


def drop_shop_schema(raw_conn: Any, backend: Backend, prefix: str) -> None:
    """Drop the tables `create_shop_schema` creates (any version), and nothing else."""
    _check_prefix(prefix)
    names: list[str] = []
    for version in VERSIONS:
        for name in table_names(version):
            if name not in names:
                names.append(name)
    _run(
        raw_conn,
        backend,
        [f"DROP TABLE IF EXISTS {_quote(backend, prefix + n)}" for n in names],
    )


# --------------------------------------------------------------------------- writer


class ShopWriter:
    """A writable connection to a test or demo shop (never a merchant's shop).

    MySQL: session sql_mode is emptied so '0000-00-00' dates are accepted (PrestaShop
    writes them), unique and foreign-key checks are off, LOCAL INFILE is allowed.
    SQLite: the file is created if needed; statements run in explicit transactions.
    SQL uses %s placeholders on both backends, like the read side.
    """

    def __init__(self, raw: Any, backend: Backend, prefix: str, dsn: ShopDsn | None = None):
        _check_prefix(prefix)
        self.raw = raw
        self.backend: Backend = backend
        self.prefix = prefix
        self.dsn = dsn

    @classmethod
    def open(cls, dsn: ShopDsn | str, *, create: bool = True) -> ShopWriter:
        if isinstance(dsn, str):
            dsn = ShopDsn.from_url(dsn)
        if dsn.kind == "sqlite":
            path = Path(dsn.path)
            if not create and not path.exists():
                raise FileNotFoundError(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            raw: Any = sqlite3.connect(str(path), isolation_level=None)
            raw.execute("PRAGMA foreign_keys=OFF")
            return cls(raw, "sqlite", dsn.prefix, dsn)
        raw = open_raw(dsn, writable=True)
        with raw.cursor() as cur:
            cur.execute("SET SESSION sql_mode = ''")
            cur.execute("SET SESSION unique_checks = 0")
            cur.execute("SET SESSION foreign_key_checks = 0")
        return cls(raw, "mysql", dsn.prefix, dsn)

    def table(self, name: str) -> str:
        return _quote(self.backend, self.prefix + name)

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.backend == "sqlite" else sql

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement; returns lastrowid (auto-committed)."""
        if self.backend == "sqlite":
            cur = self.raw.execute(self._sql(sql), tuple(params))
            return int(cur.lastrowid or 0)
        with self.raw.cursor() as cur:
            cur.execute(sql, tuple(params))
            last = int(cur.lastrowid or 0)
        self.raw.commit()
        return last

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        if self.backend == "sqlite":
            return [tuple(r) for r in self.raw.execute(self._sql(sql), tuple(params))]
        with self.raw.cursor() as cur:
            cur.execute(sql, tuple(params))
            return [tuple(r) for r in cur.fetchall()]

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if not rows:
            return
        if self.backend == "sqlite":
            self.raw.executemany(self._sql(sql), rows)
            return
        with self.raw.cursor() as cur:
            cur.executemany(sql, rows)
        self.raw.commit()

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Insert rows into a (prefixed) table; `columns` are plain column names."""
        q = _quote
        cols = ", ".join(q(self.backend, c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        self.executemany(f"INSERT INTO {self.table(table)} ({cols}) VALUES ({marks})", rows)

    def begin(self) -> None:
        if self.backend == "sqlite":
            self.raw.execute("BEGIN")

    def commit(self) -> None:
        if self.backend == "sqlite":
            if self.raw.in_transaction:
                self.raw.execute("COMMIT")
        else:
            self.raw.commit()

    def create_schema(self, version: Version = "8", *, with_indexes: bool = True) -> None:
        create_shop_schema(
            self.raw, self.backend, self.prefix, version=version, with_indexes=with_indexes
        )

    def drop_schema(self) -> None:
        drop_shop_schema(self.raw, self.backend, self.prefix)

    def seed(self, version: Version = "8") -> None:
        """Write what a fresh install of `version` has (reference_data.py)."""
        self.begin()
        for table, columns, rows in reference_inserts(version):
            self.insert(table, columns, rows)
        self.commit()

    def table_exists(self, name: str) -> bool:
        full = self.prefix + name
        if self.backend == "sqlite":
            rows = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", (full,)
            )
        else:
            rows = self.query(
                "SELECT TABLE_NAME FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                (full,),
            )
        return bool(rows)

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.raw.close()

    def __enter__(self) -> ShopWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""A PrestaShop-shaped database, for the demo shop and for tests.

`create_shop_schema()` writes the tables (and only the columns) this tool reads, with
PrestaShop's names, types and indexes for versions 1.6, 1.7, 8 and 9, on MySQL/MariaDB or
SQLite. `seed_reference_data()` fills what a fresh install has: configuration, languages,
shops, groups, genders, countries, currencies, carriers and the default order states with
the ids of the chosen version (1.6 ids differ from 1.7+ from 11 on).

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
from typing import Any, Literal

from isend_tui.shop.connection import open_raw
from isend_tui.shop.dsn import Backend, ShopDsn

Version = Literal["1.6", "1.7", "8", "9"]
VERSIONS: tuple[Version, ...] = ("1.6", "1.7", "8", "9")

#: The PS_VERSION_DB written for each major version.
VERSION_DB: dict[Version, str] = {"1.6": "1.6.1.24", "1.7": "1.7.8.11", "8": "8.1.7", "9": "9.0.0"}

#: Every timestamp of the reference data (fixed, so the data is reproducible).
SEED_DATE = "2020-01-06 09:30:00"


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
        seed_reference_data(self.raw, self.backend, self.prefix, version=version)

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


# --------------------------------------------------------------------------- reference data

#: Configuration ids of the default order states (prestashop.md §5).
ORDER_STATE_IDS: dict[Version, dict[str, int]] = {}
_COMMON_STATES = {
    "PS_OS_CHEQUE": 1,
    "PS_OS_PAYMENT": 2,
    "PS_OS_PREPARATION": 3,
    "PS_OS_SHIPPING": 4,
    "PS_OS_DELIVERED": 5,
    "PS_OS_CANCELED": 6,
    "PS_OS_REFUND": 7,
    "PS_OS_ERROR": 8,
    "PS_OS_OUTOFSTOCK_PAID": 9,
    "PS_OS_BANKWIRE": 10,
}
ORDER_STATE_IDS["1.6"] = {
    **_COMMON_STATES,
    "PS_OS_OUTOFSTOCK": 9,
    "PS_OS_PAYPAL": 11,
    "PS_OS_WS_PAYMENT": 12,
    "PS_OS_OUTOFSTOCK_UNPAID": 13,
    "PS_OS_COD_VALIDATION": 14,
}
for _v in ("1.7", "8", "9"):
    ORDER_STATE_IDS[_v] = {
        **_COMMON_STATES,
        "PS_OS_WS_PAYMENT": 11,
        "PS_OS_OUTOFSTOCK_UNPAID": 12,
        "PS_OS_COD_VALIDATION": 13,
    }


@dataclass(frozen=True)
class OrderStateDef:
    key: str
    fr: str
    en: str
    template: str
    color: str
    logable: int
    paid: int
    shipped: int
    delivery: int
    invoice: int
    send_email: int
    module16: str | None = None
    module17: str | None = None


ORDER_STATES: tuple[OrderStateDef, ...] = (
    OrderStateDef("PS_OS_CHEQUE", "En attente du paiement par chèque", "Awaiting check payment",
              "cheque", "#4169E1", 0, 0, 0, 0, 0, 1, "cheque", "ps_checkpayment"),
    OrderStateDef("PS_OS_PAYMENT", "Paiement accepté", "Payment accepted", "payment", "#32CD32",
              1, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_PREPARATION", "En cours de préparation", "Processing in progress",
              "preparation", "#FF8C00", 1, 1, 0, 1, 1, 1),
    OrderStateDef("PS_OS_SHIPPING", "Expédié", "Shipped", "shipped", "#8A2BE2", 1, 1, 1, 1, 1, 1),
    OrderStateDef("PS_OS_DELIVERED", "Livré", "Delivered", "", "#108510", 1, 1, 1, 1, 1, 0),
    OrderStateDef("PS_OS_CANCELED", "Annulé", "Canceled", "order_canceled", "#DC143C",
              0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_REFUND", "Remboursé", "Refunded", "refund", "#ec2e15", 0, 0, 0, 0, 1, 1),
    OrderStateDef("PS_OS_ERROR", "Erreur de paiement", "Payment error", "payment_error", "#8f0621",
              0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_OUTOFSTOCK_PAID", "En attente de réapprovisionnement (payé)",
              "On backorder (paid)", "outofstock", "#FF69B4", 0, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_BANKWIRE", "En attente de virement bancaire",
              "Awaiting bank wire payment", "bankwire", "#4169E1", 0, 0, 0, 0, 0, 1,
              "bankwire", "ps_wirepayment"),
    OrderStateDef("PS_OS_PAYPAL", "En attente de paiement PayPal", "Awaiting PayPal payment", "",
              "#4169E1", 0, 0, 0, 0, 0, 0),
    OrderStateDef("PS_OS_WS_PAYMENT", "Paiement à distance accepté", "Remote payment accepted",
              "payment", "#32CD32", 1, 1, 0, 0, 1, 1),
    OrderStateDef("PS_OS_OUTOFSTOCK_UNPAID", "En attente de réapprovisionnement (non payé)",
              "On backorder (not paid)", "outofstock", "#FF69B4", 0, 0, 0, 0, 0, 1),
    OrderStateDef("PS_OS_COD_VALIDATION", "En attente de paiement à la livraison",
              "Awaiting Cash On Delivery validation", "cod", "#4169E1", 0, 0, 0, 0, 0, 0,
              "cashondelivery", "ps_cashondelivery"),
)  # fmt: skip

#: (id, iso, call_prefix, id_zone, active, fr name, en name, zip format)
COUNTRIES: tuple[tuple[int, str, int, int, int, str, str, str], ...] = (
    (1, "DE", 49, 1, 1, "Allemagne", "Germany", "NNNNN"),
    (2, "AT", 43, 1, 0, "Autriche", "Austria", "NNNN"),
    (3, "BE", 32, 1, 1, "Belgique", "Belgium", "NNNN"),
    (6, "ES", 34, 1, 1, "Espagne", "Spain", "NNNNN"),
    (8, "FR", 33, 1, 1, "France", "France", "NNNNN"),
    (10, "IT", 39, 1, 0, "Italie", "Italy", "NNNNN"),
    (12, "LU", 352, 1, 1, "Luxembourg", "Luxembourg", "NNNN"),
    (13, "NL", 31, 1, 0, "Pays-Bas", "Netherlands", "NNNN LL"),
    (15, "PT", 351, 1, 0, "Portugal", "Portugal", "NNNN-NNN"),
    (17, "GB", 44, 7, 0, "Royaume-Uni", "United Kingdom", ""),
    (19, "CH", 41, 7, 1, "Suisse", "Switzerland", "NNNN"),
    (21, "US", 1, 2, 0, "États-Unis", "United States", "NNNNN"),
    (148, "MC", 377, 7, 0, "Monaco", "Monaco", "980NN"),
)

#: (id, iso, numeric, rate, fr name, en name, symbol)
CURRENCIES: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (1, "EUR", "978", "1.000000", "Euro", "Euro", "€"),
    (2, "CHF", "756", "0.942100", "Franc suisse", "Swiss Franc", "CHF"),
    (3, "GBP", "826", "0.846500", "Livre sterling", "British Pound", "£"),
)

#: (id_shop, id_shop_group, name)
SHOPS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Boutique Paris"),
    (2, 1, "Boutique Lyon"),
    (3, 2, "Boutique Bruxelles"),
)
#: (id_shop_group, name, share_customer, share_order)
SHOP_GROUPS: tuple[tuple[int, str, int, int], ...] = (
    (1, "France", 1, 0),
    (2, "Benelux", 0, 0),
)

#: (id_group, fr, en, reduction)
GROUPS: tuple[tuple[int, str, str, str], ...] = (
    (1, "Visiteur", "Visitor", "0.00"),
    (2, "Invité", "Guest", "0.00"),
    (3, "Client", "Customer", "0.00"),
    (4, "VIP", "VIP", "10.00"),
    (5, "Professionnels", "Professionals", "5.00"),
)

#: (id_gender, type, fr, en)
GENDERS: tuple[tuple[int, int, str, str], ...] = (
    (1, 0, "M", "Mr."),
    (2, 1, "Mme", "Mrs."),
    (3, 2, "Mx", "Mx."),
)

#: (id, name, tracking url)
CARRIERS: tuple[tuple[int, str, str], ...] = (
    (1, "Retrait en boutique", ""),
    (2, "Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code=@"),
    (3, "Chronopost", "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=@"),
    (4, "Mondial Relay", "https://www.mondialrelay.fr/suivi-de-colis/?NumeroExpedition=@"),
)

RETURN_STATES: tuple[tuple[int, str, str, str], ...] = (
    (1, "En attente de confirmation", "Waiting for confirmation", "#ADD8E6"),
    (2, "En attente du colis", "Waiting for package", "#EEDDFF"),
    (3, "Colis reçu", "Package received", "#DDFFAA"),
    (4, "Retour refusé", "Return denied", "#C8C8C8"),
    (5, "Retour terminé", "Return completed", "#d9ff94"),
)

LANGS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "Français (French)", "fr", "fr", "fr-FR"),
    (2, "English (English)", "en", "en-us", "en-US"),
)


def configuration_rows(version: Version) -> list[tuple[int | None, int | None, str, str]]:
    """(id_shop_group, id_shop, name, value) rows of the reference configuration."""
    rows: list[tuple[int | None, int | None, str, str]] = [
        (None, None, "PS_VERSION_DB", VERSION_DB[version]),
        (None, None, "PS_TIMEZONE", "Europe/Paris"),
        (None, None, "PS_SHOP_NAME", "Ma Boutique Démo"),
        (None, None, "PS_SHOP_EMAIL", "contact@boutique-demo.example"),
        (None, None, "PS_CURRENCY_DEFAULT", "1"),
        (None, None, "PS_LANG_DEFAULT", "1"),
        (None, None, "PS_COUNTRY_DEFAULT", "8"),
        (None, None, "PS_SHOP_DEFAULT", "1"),
        (None, None, "PS_UNIDENTIFIED_GROUP", "1"),
        (None, None, "PS_GUEST_GROUP", "2"),
        (None, None, "PS_CUSTOMER_GROUP", "3"),
        (None, None, "PS_GUEST_CHECKOUT_ENABLED", "1"),
        (None, None, "PS_ORDER_RETURN", "1"),
        (None, None, "PS_B2B_ENABLE", "1"),
        (None, None, "PS_CUSTOMER_OPTIN", "1"),
        (None, None, "PS_CUSTOMER_BIRTHDATE", "1"),
        (None, None, "PS_MULTISHOP_FEATURE_ACTIVE", "1"),
    ]
    rows += [(None, None, key, str(sid)) for key, sid in ORDER_STATE_IDS[version].items()]
    # Multistore overrides, resolved the PrestaShop way (shop, then group, then global).
    rows += [
        (None, 2, "PS_SHOP_NAME", "Boutique Démo Lyon"),
        (2, None, "PS_SHOP_NAME", "Boutique Démo Benelux"),
        (2, None, "PS_TIMEZONE", "Europe/Brussels"),
    ]
    return rows


def seed_reference_data(
    raw_conn: Any, backend: Backend, prefix: str, *, version: Version = "8"
) -> None:
    """Write what a fresh install of `version` has (see the module docstring)."""
    w = ShopWriter(raw_conn, backend, prefix)
    w.begin()
    d = SEED_DATE
    w.insert(
        "configuration",
        ("id_configuration", "id_shop_group", "id_shop", "name", "value", "date_add", "date_upd"),
        [
            (i, g, s, n, val, d, d)
            for i, (g, s, n, val) in enumerate(configuration_rows(version), 1)
        ],
    )
    lang_cols = ["id_lang", "name", "active", "iso_code", "language_code"]
    if version != "1.6":
        lang_cols.append("locale")
    w.insert(
        "lang",
        lang_cols,
        [
            (i, name, 1, iso, code, *(() if version == "1.6" else (locale,)))
            for i, name, iso, code, locale in LANGS
        ],
    )
    group_cols = ["id_shop_group", "name", "share_customer", "share_order", "share_stock"]
    w.insert("shop_group", group_cols, [(g, n, sc, so, 0) for g, n, sc, so in SHOP_GROUPS])
    theme = "id_theme" if version == "1.6" else "theme_name"
    w.insert(
        "shop",
        ["id_shop", "id_shop_group", "name", "id_category", theme],
        [(s, g, n, 2, 1 if version == "1.6" else "classic") for s, g, n in SHOPS],
    )
    shop_ids = [s for s, _g, _n in SHOPS]
    w.insert(
        "lang_shop", ["id_lang", "id_shop"], [(lang[0], s) for lang in LANGS for s in shop_ids]
    )
    w.insert(
        "group",
        ["id_group", "reduction", "price_display_method", "show_prices", "date_add", "date_upd"],
        [(g, red, 0, 1, d, d) for g, _fr, _en, red in GROUPS],
    )
    w.insert(
        "group_lang",
        ["id_group", "id_lang", "name"],
        [(g, lang, fr if lang == 1 else en) for g, fr, en, _r in GROUPS for lang in (1, 2)],
    )
    w.insert("group_shop", ["id_group", "id_shop"], [(g[0], s) for g in GROUPS for s in shop_ids])
    w.insert("gender", ["id_gender", "type"], [(g, t) for g, t, _fr, _en in GENDERS])
    w.insert(
        "gender_lang",
        ["id_gender", "id_lang", "name"],
        [(g, lang, fr if lang == 1 else en) for g, _t, fr, en in GENDERS for lang in (1, 2)],
    )
    w.insert(
        "country",
        [
            "id_country",
            "id_zone",
            "id_currency",
            "iso_code",
            "call_prefix",
            "active",
            "need_zip_code",
            "zip_code_format",
            "display_tax_label",
        ],
        [(c, z, 0, iso, cp, act, 1, zf, 1) for c, iso, cp, z, act, _fr, _en, zf in COUNTRIES],
    )
    w.insert(
        "country_lang",
        ["id_country", "id_lang", "name"],
        [(c[0], lang, c[5] if lang == 1 else c[6]) for c in COUNTRIES for lang in (1, 2)],
    )
    w.insert(
        "country_shop",
        ["id_country", "id_shop"],
        [(c[0], s) for c in COUNTRIES if c[4] for s in shop_ids],
    )
    if version == "1.6":
        w.insert(
            "currency",
            ["id_currency", "name", "iso_code", "iso_code_num", "sign", "conversion_rate"],
            [(i, fr, iso, num, sym, rate) for i, iso, num, rate, fr, _en, sym in CURRENCIES],
        )
    else:
        w.insert(
            "currency",
            ["id_currency", "name", "iso_code", "numeric_iso_code", "precision", "conversion_rate"],
            [(i, fr, iso, num, 2, rate) for i, iso, num, rate, fr, _en, sym in CURRENCIES],
        )
        w.insert(
            "currency_lang",
            ["id_currency", "id_lang", "name", "symbol"],
            [
                (c[0], lang, c[4] if lang == 1 else c[5], c[6])
                for c in CURRENCIES
                for lang in (1, 2)
            ],
        )
    w.insert(
        "currency_shop",
        ["id_currency", "id_shop", "conversion_rate"],
        [(c[0], s, c[3]) for c in CURRENCIES for s in shop_ids],
    )
    w.insert(
        "carrier",
        ["id_carrier", "id_reference", "name", "url", "active", "deleted", "is_free", "position"],
        [(i, i, n, u, 1, 0, 1 if i == 1 else 0, i - 1) for i, n, u in CARRIERS],
    )
    ids = ORDER_STATE_IDS[version]
    state_rows = []
    state_lang_rows = []
    for st in ORDER_STATES:
        if st.key not in ids:
            continue
        sid = ids[st.key]
        module = st.module16 if version == "1.6" else st.module17
        state_rows.append(
            (
                sid,
                st.invoice,
                st.send_email,
                module,
                st.color,
                1,
                0,
                st.logable,
                st.delivery,
                st.shipped,
                st.paid,
                1 if st.key == "PS_OS_PAYMENT" else 0,
                1 if st.key == "PS_OS_PREPARATION" else 0,
                0,
            )
        )
        state_lang_rows += [(sid, 1, st.fr, st.template), (sid, 2, st.en, st.template)]
    w.insert(
        "order_state",
        [
            "id_order_state",
            "invoice",
            "send_email",
            "module_name",
            "color",
            "unremovable",
            "hidden",
            "logable",
            "delivery",
            "shipped",
            "paid",
            "pdf_invoice",
            "pdf_delivery",
            "deleted",
        ],
        sorted(state_rows),
    )
    w.insert("order_state_lang", ["id_order_state", "id_lang", "name", "template"], state_lang_rows)
    w.insert(
        "order_return_state",
        ["id_order_return_state", "color"],
        [(i, color) for i, _fr, _en, color in RETURN_STATES],
    )
    w.insert(
        "order_return_state_lang",
        ["id_order_return_state", "id_lang", "name"],
        [(i, lang, fr if lang == 1 else en) for i, fr, en, _c in RETURN_STATES for lang in (1, 2)],
    )
    w.commit()

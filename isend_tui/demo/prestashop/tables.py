"""The tables of a PrestaShop shop per major version: the columns this tool reads, with
PrestaShop's names, types and indexes (1.6, 1.7, 8 and 9).

One function per area, assembled in creation order by `shop_tables`. This module holds
the shop's set-up (configuration, shops, languages, countries, currencies, carriers);
customer_tables.py and order_tables.py the rest.
"""

from __future__ import annotations

from isend_tui.demo.prestashop.catalog_tables import catalog_tables
from isend_tui.demo.prestashop.customer_tables import address_tables, customer_tables
from isend_tui.demo.prestashop.order_tables import (
    cart_tables,
    order_state_tables,
    order_tables,
    return_and_slip_tables,
    shipping_and_payment_tables,
)
from isend_tui.demo.prestashop.shapes import (
    DT,
    RATE,
    STINY,
    TINY,
    U10,
    U11,
    Col,
    Table,
    col,
    nullable,
)
from isend_tui.demo.prestashop.versions import Version


def shop_tables(version: Version = "8") -> list[Table]:
    """The tables of a shop of this major version, in creation order."""
    return [
        *configuration_tables(version),
        *shop_and_language_tables(version),
        *customer_tables(version),
        *address_tables(version),
        *country_tables(version),
        *currency_tables(version),
        *carrier_tables(version),
        *order_tables(version),
        *order_state_tables(version),
        *shipping_and_payment_tables(version),
        *return_and_slip_tables(version),
        *cart_tables(version),
        *catalog_tables(version),
    ]


def table_names(version: Version = "8") -> list[str]:
    return [t.name for t in shop_tables(version)]


def configuration_tables(_version: Version) -> list[Table]:
    """Configuration values: global, per shop group, per shop, per language."""
    return [
        Table(
            "configuration",
            (
                col("id_configuration", U10),
                nullable("id_shop_group", U11),
                nullable("id_shop", U11),
                col("name", "varchar(254)"),
                nullable("value", "text"),
                col("date_add", DT),
                col("date_upd", DT),
            ),
            ("id_configuration",),
            indexes=(
                ("name", ("name",)),
                ("id_shop", ("id_shop",)),
                ("id_shop_group", ("id_shop_group",)),
            ),
        ),
        Table(
            "configuration_lang",
            (
                col("id_configuration", U10),
                col("id_lang", U10),
                nullable("value", "text"),
                nullable("date_upd", DT),
            ),
            ("id_configuration", "id_lang"),
            auto_increment=False,
        ),
    ]


def shop_and_language_tables(version: Version) -> list[Table]:
    """Shop groups, shops and languages (multistore)."""
    v16 = version == "1.6"
    group_cols = [col("id_shop_group", U11), col("name", "varchar(64)")]
    if not v16:
        group_cols.append(col("color", "varchar(50)", "''"))
    group_cols += [
        col("share_customer", STINY),
        col("share_order", STINY),
        col("share_stock", STINY),
        col("active", STINY, "1"),
        col("deleted", STINY, "0"),
    ]
    shop_cols = [col("id_shop", U11), col("id_shop_group", U11), col("name", "varchar(64)")]
    if not v16:
        shop_cols.append(col("color", "varchar(50)", "''"))
    shop_cols.append(col("id_category", U11))
    theme = col("id_theme", "int(1) unsigned") if v16 else col("theme_name", "varchar(255)")
    shop_cols.append(theme)
    shop_cols += [col("active", STINY, "1"), col("deleted", STINY, "0")]
    lang_cols = [
        col("id_lang", U10),
        col("name", "varchar(32)"),
        col("active", "tinyint(3) unsigned", "0"),
        col("iso_code", "char(2)" if v16 else "varchar(2)"),
        col("language_code", "char(5)" if v16 else "varchar(5)"),
    ]
    if not v16:
        lang_cols.append(col("locale", "varchar(5)"))
    lang_cols += [
        col("date_format_lite", "char(32)", "'Y-m-d'"),
        col("date_format_full", "char(32)", "'Y-m-d H:i:s'"),
        col("is_rtl", STINY, "0"),
    ]
    return [
        Table(
            "shop_group",
            tuple(group_cols),
            ("id_shop_group",),
            indexes=(("deleted", ("deleted", "name")),),
        ),
        Table(
            "shop",
            tuple(shop_cols),
            ("id_shop",),
            indexes=(
                ("id_shop_group", ("id_shop_group", "deleted")),
                ("id_category", ("id_category",)),
            ),
        ),
        Table("lang", tuple(lang_cols), ("id_lang",)),
        Table(
            "lang_shop",
            (col("id_lang", U10), col("id_shop", U11)),
            ("id_lang", "id_shop"),
            auto_increment=False,
            indexes=(("IDX_2F43BFC7274A50A0", ("id_shop",)),),
        ),
    ]


def country_tables(_version: Version) -> list[Table]:
    """Countries, their names and the shops that sell to them."""
    return [
        Table(
            "country",
            (
                col("id_country", U10),
                col("id_zone", U10),
                col("id_currency", U10, "0"),
                col("iso_code", "varchar(3)"),
                col("call_prefix", "int(10)", "0"),
                col("active", TINY, "0"),
                col("contains_states", STINY, "0"),
                col("need_identification_number", STINY, "0"),
                col("need_zip_code", STINY, "1"),
                col("zip_code_format", "varchar(12)", "''"),
                col("display_tax_label", STINY),
            ),
            ("id_country",),
            indexes=(("country_iso_code", ("iso_code",)), ("country_", ("id_zone",))),
        ),
        Table(
            "country_lang",
            (col("id_country", U10), col("id_lang", U10), col("name", "varchar(64)")),
            ("id_country", "id_lang"),
            auto_increment=False,
        ),
        Table(
            "country_shop",
            (col("id_country", U10), col("id_shop", U10)),
            ("id_country", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        ),
    ]


def currency_tables(version: Version) -> list[Table]:
    """Currencies and their rates per shop."""
    v16 = version == "1.6"
    v17 = version == "1.7"
    old = v16 or v17
    if v16:
        currency_cols: tuple[Col, ...] = (
            col("id_currency", U10),
            col("name", "varchar(32)"),
            col("iso_code", "varchar(3)", "'0'"),
            col("iso_code_num", "varchar(3)", "'0'"),
            col("sign", "varchar(8)"),
            col("blank", TINY, "0"),
            col("format", TINY, "0"),
            col("decimals", TINY, "1"),
            col("conversion_rate", RATE),
            col("deleted", TINY, "0"),
            col("active", TINY, "1"),
        )
    else:
        currency_cols = (
            col("id_currency", U10),
            col("name", "varchar(64)"),
            col("iso_code", "varchar(3)", "'0'"),
            col("numeric_iso_code", "varchar(3)", "NULL", null=True),
            col("precision", "int(2)", "6"),
            col("conversion_rate", RATE),
            col("deleted", TINY, "0"),
            col("active", TINY, "1"),
            *(() if v17 else (col("unofficial", TINY, "0"), col("modified", TINY, "0"))),
        )
    tables = [
        Table(
            "currency",
            currency_cols,
            ("id_currency",),
            indexes=() if old else (("currency_iso_code", ("iso_code",)),),
        ),
    ]
    if not v16:
        tables.append(
            Table(
                "currency_lang",
                (
                    col("id_currency", U10),
                    col("id_lang", "int(10) unsigned"),
                    col("name", "varchar(255)"),
                    col("symbol", "varchar(255)"),
                    *(() if v17 else (nullable("pattern", "varchar(255)"),)),
                ),
                ("id_currency", "id_lang"),
                auto_increment=False,
            )
        )
    tables.append(
        Table(
            "currency_shop",
            (col("id_currency", U10), col("id_shop", U10), col("conversion_rate", RATE)),
            ("id_currency", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        )
    )
    return tables


def carrier_tables(_version: Version) -> list[Table]:
    """Carriers (their tracking URLs)."""
    return [
        Table(
            "carrier",
            (
                col("id_carrier", U10),
                col("id_reference", U10),
                col("name", "varchar(64)"),
                nullable("url", "varchar(255)"),
                col("active", TINY, "0"),
                col("deleted", TINY, "0"),
                col("is_free", TINY, "0"),
                col("is_module", TINY, "0"),
                nullable("external_module_name", "varchar(64)"),
                col("position", U10, "0"),
            ),
            ("id_carrier",),
            indexes=(
                ("deleted", ("deleted", "active")),
                ("reference", ("id_reference", "deleted", "active")),
            ),
        ),
    ]

"""What the automations read besides customers and orders: the shop's addresses
(shop_url), the products (names, prices, stock), the carts' contents and the emailalerts
module's back-in-stock subscriptions (1.6 to 9: the same columns)."""

from __future__ import annotations

from isend_tui.demo.prestashop.shapes import DEC, STINY, U10, U11, Table, col
from isend_tui.demo.prestashop.versions import Version


def catalog_tables(_version: Version) -> list[Table]:
    return [
        Table(
            "shop_url",
            (
                col("id_shop_url", U10),
                col("id_shop", U10),
                col("domain", "varchar(150)"),
                col("domain_ssl", "varchar(150)"),
                col("physical_uri", "varchar(64)"),
                col("virtual_uri", "varchar(64)", "''"),
                col("main", "tinyint(1)", "0"),
                col("active", "tinyint(1)", "0"),
            ),
            ("id_shop_url",),
            indexes=(("id_shop", ("id_shop", "main")),),
            unique=(("full_shop_url", ("domain", "physical_uri", "virtual_uri")),),
        ),
        Table(
            "product",
            (
                col("id_product", U10),
                col("id_shop_default", U10, "1"),
                col("reference", "varchar(64)", "''"),
                col("price", DEC, "0.000000"),
                col("active", "tinyint(1) unsigned", "0"),
                col("date_add", "datetime"),
                col("date_upd", "datetime"),
            ),
            ("id_product",),
        ),
        Table(
            "product_lang",
            (
                col("id_product", U10),
                col("id_shop", U10, "1"),
                col("id_lang", U10),
                col("name", "varchar(128)"),
            ),
            ("id_product", "id_shop", "id_lang"),
            auto_increment=False,
            indexes=(("name", ("name",)),),
        ),
        Table(
            "cart_product",
            (
                col("id_cart", U10),
                col("id_product", U10),
                col("id_address_delivery", U10, "0"),
                col("id_shop", U10, "1"),
                col("id_product_attribute", U10, "0"),
                col("id_customization", U10, "0"),
                col("quantity", U10, "0"),
                col("date_add", "datetime"),
            ),
            (
                "id_cart",
                "id_product",
                "id_product_attribute",
                "id_customization",
                "id_address_delivery",
            ),
            auto_increment=False,
            indexes=(
                ("id_product_attribute", ("id_product_attribute",)),
                ("id_cart_order", ("id_cart", "date_add", "id_product", "id_product_attribute")),
            ),
        ),
        Table(
            "stock_available",
            (
                col("id_stock_available", U11),
                col("id_product", U11),
                col("id_product_attribute", U11),
                col("id_shop", U11),
                col("id_shop_group", U11),
                col("quantity", "int(10)", "0"),
                col("depends_on_stock", STINY, "0"),
                col("out_of_stock", STINY, "0"),
            ),
            ("id_stock_available",),
            indexes=(
                ("id_shop", ("id_shop",)),
                ("id_shop_group", ("id_shop_group",)),
                ("id_product", ("id_product",)),
                ("id_product_attribute", ("id_product_attribute",)),
            ),
            unique=(
                (
                    "product_sqlstock",
                    ("id_product", "id_product_attribute", "id_shop", "id_shop_group"),
                ),
            ),
        ),
        # The emailalerts module's table (ps_emailalerts in 1.7+): absent without it.
        Table(
            "mailalert_customer_oos",
            (
                col("id_customer", U10),
                col("customer_email", "varchar(128)"),
                col("id_product", U10),
                col("id_product_attribute", U10),
                col("id_shop", U10),
                col("id_lang", U10),
            ),
            ("id_customer", "customer_email", "id_product", "id_product_attribute", "id_shop"),
            auto_increment=False,
        ),
    ]

"""The customer side of the catalogue: customers, groups, genders and addresses."""

from __future__ import annotations

from isend_tui.demo.prestashop.shapes import DEC, DT, STINY, TINY, U10, U11, Table, col, nullable
from isend_tui.demo.prestashop.versions import Version


def customer_tables(version: Version) -> list[Table]:
    """Customers, their groups and titles (genders)."""
    v16 = version == "1.6"
    v17 = version == "1.7"
    old = v16 or v17
    return [
        Table(
            "customer",
            (
                col("id_customer", U10),
                col("id_shop_group", U11, "1"),
                col("id_shop", U11, "1"),
                col("id_gender", U10),
                col("id_default_group", U10, "1"),
                nullable("id_lang", U10),
                col("id_risk", U10, "1"),
                nullable("company", "varchar(64)" if old else "varchar(255)"),
                nullable("siret", "varchar(14)"),
                nullable("ape", "varchar(5)" if version != "9" else "varchar(6)"),
                col("firstname", "varchar(32)" if v16 else "varchar(255)"),
                col("lastname", "varchar(32)" if v16 else "varchar(255)"),
                col("email", "varchar(128)" if old else "varchar(255)"),
                col("passwd", "varchar(60)" if v16 else "varchar(255)"),
                nullable("last_passwd_gen", DT),
                nullable("birthday", "date"),
                col("newsletter", TINY, "0"),
                nullable("ip_registration_newsletter", "varchar(15)"),
                nullable("newsletter_date_add", DT),
                col("optin", TINY, "0"),
                nullable("website", "varchar(128)"),
                col("outstanding_allow_amount", DEC, "0.000000"),
                col("show_public_prices", TINY, "0"),
                col("max_payment_days", U10, "60"),
                col("secure_key", "varchar(32)", "'-1'"),
                nullable("note", "text"),
                col("active", TINY, "0"),
                col("is_guest", STINY, "0"),
                col("deleted", STINY, "0"),
                col("date_add", DT),
                col("date_upd", DT),
                *(
                    ()
                    if v16
                    else (
                        nullable("reset_password_token", "varchar(40)"),
                        nullable("reset_password_validity", DT),
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
        ),
        Table(
            "customer_group",
            (col("id_customer", U10), col("id_group", U10)),
            ("id_customer", "id_group"),
            auto_increment=False,
            indexes=(("customer_login", ("id_group",)), ("id_customer", ("id_customer",))),
        ),
        Table(
            "group",
            (
                col("id_group", U10),
                col("reduction", "decimal(17,2)" if v16 else "decimal(5,2)", "0.00"),
                col("price_display_method", "tinyint", "0"),
                col("show_prices", TINY, "1"),
                col("date_add", DT),
                col("date_upd", DT),
            ),
            ("id_group",),
        ),
        Table(
            "group_lang",
            (col("id_group", U10), col("id_lang", U10), col("name", "varchar(32)")),
            ("id_group", "id_lang"),
            auto_increment=False,
        ),
        Table(
            "group_shop",
            (col("id_group", U11), col("id_shop", U11)),
            ("id_group", "id_shop"),
            auto_increment=False,
            indexes=(("id_shop", ("id_shop",)),),
        ),
        *_gdpr_log(version),
        Table("gender", (col("id_gender", "int(11)"), col("type", STINY)), ("id_gender",)),
        Table(
            "gender_lang",
            (col("id_gender", U10), col("id_lang", U10), col("name", "varchar(20)")),
            ("id_gender", "id_lang"),
            auto_increment=False,
            indexes=(("id_gender", ("id_gender",)),),
        ),
    ]


def _gdpr_log(version: Version) -> list[Table]:
    """The psgdpr module's log (installed by default since PrestaShop 1.7.3): a consent
    given on a form (request_type 1), a data export (2, 3), an erasure (4)."""
    if version == "1.6":
        return []
    return [
        Table(
            "psgdpr_log",
            (
                col("id_gdpr_log", "int(10)"),
                col("id_customer", U10),
                col("id_guest", U10),
                col("client_name", "varchar(250)"),
                col("id_module", "int(10)"),
                col("request_type", "int(10)"),
                col("date_add", DT),
                col("date_upd", DT),
            ),
            ("id_gdpr_log",),
            indexes=(("id_customer", ("id_customer",)),),
        )
    ]


def address_tables(version: Version) -> list[Table]:
    """Addresses, with the phone numbers."""
    v16 = version == "1.6"
    return [
        Table(
            "address",
            (
                col("id_address", U10),
                col("id_country", U10),
                nullable("id_state", U10),
                col("id_customer", U10, "0"),
                col("id_manufacturer", U10, "0"),
                col("id_supplier", U10, "0"),
                col("id_warehouse", U10, "0"),
                col("alias", "varchar(32)"),
                nullable("company", "varchar(255)"),
                col("lastname", "varchar(32)" if v16 else "varchar(255)"),
                col("firstname", "varchar(32)" if v16 else "varchar(255)"),
                col("address1", "varchar(128)"),
                nullable("address2", "varchar(128)"),
                nullable("postcode", "varchar(12)"),
                col("city", "varchar(64)"),
                nullable("other", "text"),
                nullable("phone", "varchar(32)"),
                nullable("phone_mobile", "varchar(32)"),
                nullable("vat_number", "varchar(32)"),
                nullable("dni", "varchar(16)"),
                col("date_add", DT),
                col("date_upd", DT),
                col("active", TINY, "1"),
                col("deleted", TINY, "0"),
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
        ),
    ]

"""What the segment compiler needs to know about a shop besides the segment: its tables,
the countries its addresses use, its default language and the orders index it may use;
read from the shop (`shop_meta`), or given by a local copy of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from isend_tui.segments.dialect import ID_WIDTH
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import Backend

#: The shop tables the segment statements read.
TABLES = ("customer", "customer_group", "gender", "orders", "address", "country")
#: The psgdpr module's log of consents, read by the `consent` basis when the shop has it.
GDPR_LOG = "psgdpr_log"
#: The leading columns of the index the README recommends on orders.
ORDERS_INDEX_COLUMNS = ("id_customer", "valid", "date_add", "id_address_delivery")


@dataclass(frozen=True)
class ShopMeta:
    """What the compiler needs to know about a shop besides the segment."""

    backend: Backend
    tables: Mapping[str, str]  # PrestaShop name -> quoted, prefixed name
    countries: Mapping[int, str]  # id_country -> ISO code, for the countries addresses use
    default_lang: int = 1
    #: name of an index of orders starting with (id_customer, valid, date_add,
    #: id_address_delivery), used with FORCE INDEX on MySQL (README, "Performance")
    orders_index: str | None = None
    #: the tables are a local copy (isend_tui.segments.local_copy), where each customer's
    #: number is already classified and orders hold valid ones with their amount
    local_copy: bool = False
    #: the shop has the psgdpr module's `psgdpr_log` (in `tables` then)
    gdpr_log: bool = False

    def t(self, name: str) -> str:
        return self.tables[name]

    def pad_id(self, value: int) -> str:
        return str(value).rjust(ID_WIDTH, "0")


def shop_meta(conn: ShopConnection) -> ShopMeta:
    """Tables, the countries addresses use and the default language of a shop."""
    countries: dict[int, str] = {}
    used = {
        int(r[0])
        for r in conn.query(f"SELECT DISTINCT id_country FROM {conn.table('address')}")
        if r[0] is not None
    }
    if used:
        for id_country, iso in conn.query(
            f"SELECT id_country, iso_code FROM {conn.table('country')}"
        ):
            if int(id_country) in used and iso:
                countries[int(id_country)] = str(iso).strip().upper()
    gdpr_log = conn.has_table(GDPR_LOG)
    names = (*TABLES, GDPR_LOG) if gdpr_log else TABLES
    return ShopMeta(
        backend=conn.backend,
        tables={name: conn.table(name) for name in names},
        countries=countries,
        default_lang=conn.info.default_lang_id,
        orders_index=_orders_index(conn),
        gdpr_log=gdpr_log,
    )


def _orders_index(conn: ShopConnection) -> str | None:
    """The name of an index of orders that covers the latest-order lookup, if any."""
    if conn.backend != "mysql":
        return None
    rows = conn.query(
        "SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS "
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s ORDER BY INDEX_NAME, SEQ_IN_INDEX",
        (conn.prefix + "orders",),
    )
    columns: dict[str, list[str]] = {}
    for name, _seq, column in rows:
        columns.setdefault(str(name), []).append(str(column).lower())
    for name, cols in sorted(columns.items()):
        if tuple(cols[: len(ORDERS_INDEX_COLUMNS)]) == ORDERS_INDEX_COLUMNS:
            return name
    return None

"""Reading what a shop is: `open_shop` (connect, then the shop's facts), configuration
values, the version, and the lists the UI offers (shops, groups, countries, order states).

    with open_shop(dsn) as conn:
        print(conn.info.major, conn.info.order_states["PS_OS_PAYMENT"], today(conn))

Everything is read from the shop's own tables; no state or group id is hard-coded, because
1.6 and 1.7+ number them differently (prestashop.md §5). Configuration values are resolved
the PrestaShop way: the row of the shop, else the row of its shop group (id_shop NULL),
else the global row (both NULL); a configuration_lang row for the language wins over value.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zoneinfo
from collections.abc import Iterable

from isend_tui.i18n import _
from isend_tui.shop.connection import ShopAbort, ShopConnection, connect
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.facts import Major, OrderState, major_of
from isend_tui.shop.facts import ShopInfo as ShopInfo  # where the engines import it from

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Europe/Paris"

#: Configuration keys read into ShopInfo (besides every PS_OS_* key).
GROUP_KEYS = ("PS_UNIDENTIFIED_GROUP", "PS_GUEST_GROUP", "PS_CUSTOMER_GROUP")
_INFO_KEYS = (
    "PS_VERSION_DB",
    "PS_TIMEZONE",
    "PS_SHOP_NAME",
    "PS_SHOP_DEFAULT",
    "PS_LANG_DEFAULT",
    "PS_CURRENCY_DEFAULT",
    "PS_COUNTRY_DEFAULT",
    *GROUP_KEYS,
)


# --------------------------------------------------------------------------- configuration

_Row = tuple[int, int | None, int | None, str, str | None]


def _pick(rows: Iterable[_Row], id_shop: int | None, id_shop_group: int | None) -> _Row | None:
    """PrestaShop's precedence: shop row, else group row (no shop), else global row.

    Like Configuration::loadConfiguration, a 0 in id_shop/id_shop_group counts as NULL, and
    when several rows tie the last one (highest id) wins.
    """
    shop_row = group_row = global_row = None
    for row in sorted(rows, key=lambda r: r[0]):
        _id, group, shop, _name, _value = row
        if shop:
            if id_shop is not None and shop == id_shop:
                shop_row = row
        elif group:
            if id_shop_group is not None and group == id_shop_group:
                group_row = row
        else:
            global_row = row
    return shop_row or group_row or global_row


def _shop_group_of(conn: ShopConnection, id_shop: int) -> int | None:
    if not conn.has_table("shop"):
        return None
    value = conn.scalar(
        f"SELECT id_shop_group FROM {conn.table('shop')} WHERE id_shop = %s", (id_shop,)
    )
    return int(value) if value is not None else None


def get_configuration(
    conn: ShopConnection,
    names: Iterable[str],
    *,
    id_shop: int | None = None,
    id_shop_group: int | None = None,
    id_lang: int | None = None,
    prefixes: Iterable[str] = (),
) -> dict[str, str | None]:
    """Resolve configuration values for a shop (id_shop None: group/global rows only).

    `prefixes` also loads every key starting with one of them (e.g. "PS_OS_").
    Keys that have no applicable row are absent from the result.
    """
    conn.require_columns("configuration", "id_configuration", "id_shop", "id_shop_group")
    if id_shop is not None and id_shop_group is None:
        id_shop_group = _shop_group_of(conn, id_shop)
    wanted = sorted(set(names))
    clauses: list[str] = []
    params: list[object] = []
    if wanted:
        clauses.append("name IN (" + ", ".join(["%s"] * len(wanted)) + ")")
        params += wanted
    for prefix in prefixes:
        clauses.append("SUBSTR(name, 1, %s) = %s")
        params += [len(prefix), prefix]
    if not clauses:
        return {}
    rows = conn.query(
        "SELECT id_configuration, id_shop_group, id_shop, name, value "
        f"FROM {conn.table('configuration')} WHERE " + " OR ".join(clauses),
        params,
    )
    by_name: dict[str, list[_Row]] = {}
    for r in rows:
        row: _Row = (
            int(r[0]),
            int(r[1]) if r[1] is not None else None,
            int(r[2]) if r[2] is not None else None,
            str(r[3]),
            None if r[4] is None else str(r[4]),
        )
        by_name.setdefault(row[3], []).append(row)
    picked: dict[str, _Row] = {}
    for name, name_rows in by_name.items():
        choice = _pick(name_rows, id_shop, id_shop_group)
        if choice is not None:
            picked[name] = choice
    result = {name: row[4] for name, row in picked.items()}
    if id_lang is not None and picked and conn.has_table("configuration_lang"):
        ids = sorted({row[0] for row in picked.values()})
        marks = ", ".join(["%s"] * len(ids))
        lang_rows = conn.query(
            f"SELECT id_configuration, value FROM {conn.table('configuration_lang')} "
            f"WHERE id_lang = %s AND id_configuration IN ({marks})",
            [id_lang, *ids],
        )
        by_id = {int(r[0]): r[1] for r in lang_rows}
        for name, row in picked.items():
            if row[0] in by_id:
                value = by_id[row[0]]
                result[name] = None if value is None else str(value)
    return result


def get_config_value(
    conn: ShopConnection,
    name: str,
    *,
    id_shop: int | None = None,
    id_lang: int | None = None,
    default: str | None = None,
) -> str | None:
    """One resolved configuration value (see get_configuration)."""
    value = get_configuration(conn, [name], id_shop=id_shop, id_lang=id_lang).get(name)
    return default if value is None else value


# --------------------------------------------------------------------------- version


def guess_major(conn: ShopConnection) -> Major:
    """The major version from the columns present (when PS_VERSION_DB is missing)."""
    if conn.has_column("currency", "sign") or (
        conn.has_table("lang") and not conn.has_column("lang", "locale")
    ):
        return "1.6"
    if conn.has_column("orders", "shipping_number"):
        return "1.7"
    # 9 widened orders.reference from varchar(9)
    if conn.backend == "mysql":
        length = conn.scalar(
            "SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s AND COLUMN_NAME = 'reference'",
            (conn.prefix + "orders",),
        )
    else:  # SQLite keeps the declared type: "varchar(255)"
        declared = conn.scalar(
            "SELECT type FROM pragma_table_info(%s) WHERE name = 'reference'",
            (conn.prefix + "orders",),
        )
        found = re.search(r"\((\d+)\)", str(declared or ""))
        length = found.group(1) if found else None
    if length is not None and int(length) > 9:
        return "9"
    return "8"


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo((name or DEFAULT_TIMEZONE).strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        log.warning("unknown PS_TIMEZONE %r, using %s", name, DEFAULT_TIMEZONE)
        return zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)


def load_shop_info(conn: ShopConnection) -> ShopInfo:
    """Read ShopInfo for the default shop (PS_SHOP_DEFAULT)."""
    conn.require_columns("configuration", "name", "value")
    glob = get_configuration(conn, ["PS_SHOP_DEFAULT"])
    id_shop = _int(glob.get("PS_SHOP_DEFAULT"), 1)
    id_group = _shop_group_of(conn, id_shop) or 1
    conf = get_configuration(
        conn, _INFO_KEYS, id_shop=id_shop, id_shop_group=id_group, prefixes=("PS_OS_",)
    )
    states: dict[str, int] = {}
    for key, value in conf.items():
        if key.startswith("PS_OS_") and value is not None and value.strip().isdigit():
            states[key] = int(value)
    if "PS_OS_OUTOFSTOCK_PAID" not in states and "PS_OS_OUTOFSTOCK" in states:
        states["PS_OS_OUTOFSTOCK_PAID"] = states["PS_OS_OUTOFSTOCK"]
    if "PS_OS_OUTOFSTOCK" not in states and "PS_OS_OUTOFSTOCK_PAID" in states:
        states["PS_OS_OUTOFSTOCK"] = states["PS_OS_OUTOFSTOCK_PAID"]
    groups = {
        key: _int(conf.get(key), default)
        for key, default in zip(GROUP_KEYS, (1, 2, 3), strict=True)
    }

    version = (conf.get("PS_VERSION_DB") or "").strip()
    major = major_of(version)
    guessed = major is None
    if major is None:
        major = guess_major(conn)
        version = version or major
    currency_id = _int(conf.get("PS_CURRENCY_DEFAULT"), 1)
    iso = ""
    if conn.has_table("currency"):
        iso = str(
            conn.scalar(
                f"SELECT iso_code FROM {conn.table('currency')} WHERE id_currency = %s",
                (currency_id,),
            )
            or ""
        )
    return ShopInfo(
        version=version,
        major=major,
        timezone=_zone(conf.get("PS_TIMEZONE")),
        shop_name=conf.get("PS_SHOP_NAME") or "PrestaShop",
        default_shop_id=id_shop,
        default_shop_group_id=id_group,
        default_lang_id=_int(conf.get("PS_LANG_DEFAULT"), 1),
        default_currency_id=currency_id,
        default_currency_iso=iso or "EUR",
        default_country_id=_int(conf.get("PS_COUNTRY_DEFAULT"), 8),
        order_states=states,
        groups=groups,
        has_shipping_number=conn.has_column("orders", "shipping_number"),
        has_currency_lang=conn.has_table("currency_lang"),
        version_guessed=guessed,
    )


def open_shop(
    dsn: ShopDsn | str, *, timeout: float | None = None, abort: ShopAbort | None = None
) -> ShopConnection:
    """Open a read-only connection (`connect`) and read the shop's facts into `conn.info`
    (blocking): what the engines and screens open a shop with."""
    conn = connect(dsn, timeout=timeout, abort=abort)
    try:
        conn.info = load_shop_info(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def describe_shop(dsn: ShopDsn) -> str:
    """Opens the shop and says what was found, for the settings' connection test
    (blocking)."""
    with open_shop(dsn) as conn:
        info = conn.info
        customers = conn.scalar(
            f"SELECT COUNT(*) FROM {conn.table('customer')} WHERE deleted = 0 AND active = 1"
        )
    return _(
        "Connexion réussie : PrestaShop {version}, boutique « {name} », {customers} clients "
        "actifs, fuseau {zone}."
    ).format(version=info.version, name=info.shop_name, customers=customers, zone=info.timezone)


# --------------------------------------------------------------------------- lists for the UI


def _lang(conn: ShopConnection, id_lang: int | None) -> int:
    return conn.info.default_lang_id if id_lang is None else id_lang


def lang_id(conn: ShopConnection, iso_code: str) -> int | None:
    """The shop's active language for `iso_code` ("fr", "en"), or None when it has none."""
    rows = conn.query(
        f"SELECT id_lang FROM {conn.table('lang')} WHERE LOWER(iso_code) = %s AND active = 1 "
        "ORDER BY id_lang",
        (iso_code.lower(),),
    )
    return int(rows[0][0]) if rows else None


def list_shops(conn: ShopConnection) -> list[tuple[int, str]]:
    """(id_shop, name) of the shops that are not deleted."""
    if not conn.has_table("shop"):
        return [(conn.info.default_shop_id, conn.info.shop_name)]
    rows = conn.query(
        f"SELECT id_shop, name FROM {conn.table('shop')} WHERE deleted = 0 ORDER BY id_shop"
    )
    return [(int(r[0]), str(r[1])) for r in rows]


def list_groups(conn: ShopConnection, id_lang: int | None = None) -> list[tuple[int, str]]:
    """(id_group, name) in the language (any language as a fallback)."""
    g, gl = conn.table("group"), conn.table("group_lang")
    rows = conn.query(
        f"SELECT g.id_group, COALESCE(gl.name, (SELECT MIN(x.name) FROM {gl} x "
        f"WHERE x.id_group = g.id_group)) FROM {g} g "
        f"LEFT JOIN {gl} gl ON gl.id_group = g.id_group AND gl.id_lang = %s "
        "ORDER BY g.id_group",
        (_lang(conn, id_lang),),
    )
    return [(int(r[0]), str(r[1] if r[1] is not None else r[0])) for r in rows]


def list_countries(
    conn: ShopConnection, id_lang: int | None = None, *, used_only: bool = False
) -> list[tuple[int, str, str]]:
    """(id_country, iso_code, name) sorted by name; `used_only`: countries of live addresses."""
    c, cl, a = conn.table("country"), conn.table("country_lang"), conn.table("address")
    where = ""
    if used_only:
        where = (
            f"WHERE EXISTS (SELECT 1 FROM {a} a WHERE a.id_country = c.id_country "
            "AND a.id_customer > 0 AND a.deleted = 0) "
        )
    rows = conn.query(
        f"SELECT c.id_country, c.iso_code, COALESCE(cl.name, (SELECT MIN(x.name) FROM {cl} x "
        f"WHERE x.id_country = c.id_country), c.iso_code) FROM {c} c "
        f"LEFT JOIN {cl} cl ON cl.id_country = c.id_country AND cl.id_lang = %s "
        f"{where}ORDER BY 3, 1",
        (_lang(conn, id_lang),),
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def list_order_states(conn: ShopConnection, id_lang: int | None = None) -> list[OrderState]:
    """Every order state (deleted ones flagged), with its name in the language."""
    s, sl = conn.table("order_state"), conn.table("order_state_lang")
    rows = conn.query(
        "SELECT s.id_order_state, COALESCE(sl.name, (SELECT MIN(x.name) FROM "
        f"{sl} x WHERE x.id_order_state = s.id_order_state)), s.logable, s.paid, s.shipped, "
        f"s.delivery, s.deleted FROM {s} s "
        f"LEFT JOIN {sl} sl ON sl.id_order_state = s.id_order_state AND sl.id_lang = %s "
        "ORDER BY s.id_order_state",
        (_lang(conn, id_lang),),
    )
    return [
        OrderState(
            id=int(r[0]),
            name=str(r[1]) if r[1] is not None else _("État {id}").format(id=r[0]),
            logable=bool(r[2]),
            paid=bool(r[3]),
            shipped=bool(r[4]),
            delivery=bool(r[5]),
            deleted=bool(r[6]),
        )
        for r in rows
    ]


def shop_now(conn: ShopConnection) -> dt.datetime:
    """Now as a naive shop-local datetime (how PrestaShop stores date_add/date_upd)."""
    return dt.datetime.now(conn.info.timezone).replace(tzinfo=None, microsecond=0)


def today(conn: ShopConnection) -> dt.date:
    """Today's date in the shop's time zone."""
    return dt.datetime.now(conn.info.timezone).date()

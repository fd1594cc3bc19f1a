"""What each flow finds in the shop: read-only, parameterised SELECTs, each bounded by an
index so that one scan costs the same on a small shop and on a big one.

An occurrence is due at a moment (a cart's last change + the step's delay, a birthday at
its hour, the last valid order + N days, the delivery + N days). A scan looks at the
occurrences due in a window (lo, hi] of real time, the runner's cursor up to now:

- abandoned cart: cart (id_shop, date_upd) index, the window moved back by each delay;
  no order of that cart (orders.id_cart) nor of the customer since (orders.id_customer);
- birthday: one range of customer ids per scan (the primary key), BIRTHDAY_CHUNK at a
  time, until the day is done; a day past (the watcher was off) is skipped: a birthday
  SMS goes on the day or not at all;
- winback: orders.date_add index, the window moved back by N days; the order must be the
  customer's last valid one (orders.id_customer);
- after delivery: order_history has no date index: the id range of the window is found
  by a binary search over its primary key (ids grow with time), then read by id;
- back in stock: the emailalerts subscriptions with stock again (the table is small:
  the module deletes a row once it has told the customer), BACK_IN_STOCK_LIMIT at most.

Dates in the shop are its local time (PS_TIMEZONE): windows are converted to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from isend_tui.automations.flows import Flow
from isend_tui.shop.events import first_id_since
from isend_tui.shop.info import get_configuration

if TYPE_CHECKING:
    from isend_tui.automations.flow_settings import FlowSettings
    from isend_tui.shop.connection import ShopConnection

SCAN_LIMIT = 500
"""Occurrences one flow reads per scan; more are read by the next scans."""
BIRTHDAY_CHUNK = 50_000
"""Customer ids one birthday scan walks through (its primary key range)."""
BACK_IN_STOCK_LIMIT = 1000
FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Occurrence:
    flow: Flow
    id_customer: int
    key: str
    """Unique within the flow: 'cart:12:step:2', 'birthday:2026', 'order:345'…"""
    due: dt.datetime
    """When it is due (aware)."""
    values: dict[str, str] = field(default_factory=dict)
    """The flow's own variables (cart_amount…), besides the customer's."""
    id_order: int | None = None
    id_cart: int | None = None


@dataclass
class Scan:
    occurrences: list[Occurrence] = field(default_factory=list)
    reached: dt.datetime | None = None
    """How far the scan got (None: up to the window's end)."""
    state: dict[str, Any] | None = None
    """The flow's new scan state, when it keeps one (birthday, back in stock)."""


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def shop_time(conn: ShopConnection, moment: dt.datetime) -> str:
    return moment.astimezone(conn.info.timezone).strftime(FORMAT)


def _moment(conn: ShopConnection, value: object) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        naive = value
    else:
        try:
            naive = dt.datetime.strptime(str(value)[:19], FORMAT)
        except ValueError:
            return None
    return naive.replace(tzinfo=conn.info.timezone)


def _shops(conn: ShopConnection) -> list[int]:
    return [int(r[0]) for r in conn.query(f"SELECT id_shop FROM {conn.table('shop')}")] or [1]


# --------------------------------------------------------------------------- carts


def abandoned_carts(
    conn: ShopConnection, settings: FlowSettings, lo: dt.datetime, hi: dt.datetime
) -> Scan:
    scan = Scan()
    shops = _shops(conn)
    c, cp, o = conn.table("cart"), conn.table("cart_product"), conn.table("orders")
    for step, hours in enumerate(settings.delays, start=1):
        delay = dt.timedelta(hours=hours)
        rows = conn.query(
            f"SELECT c.id_cart, c.id_customer, c.id_shop, c.date_upd FROM {c} c "
            f"WHERE c.id_shop IN ({_marks(len(shops))}) AND c.date_upd > %s "
            "AND c.date_upd <= %s AND c.id_customer > 0 "
            f"AND EXISTS (SELECT 1 FROM {cp} cp WHERE cp.id_cart = c.id_cart) "
            f"AND NOT EXISTS (SELECT 1 FROM {o} o WHERE o.id_cart = c.id_cart) "
            f"AND NOT EXISTS (SELECT 1 FROM {o} o2 WHERE o2.id_customer = c.id_customer "
            "AND o2.date_add >= c.date_upd) "
            f"ORDER BY c.date_upd, c.id_cart LIMIT {SCAN_LIMIT}",
            [*shops, shop_time(conn, lo - delay), shop_time(conn, hi - delay)],
        )
        for id_cart, id_customer, _id_shop, date_upd in rows:
            changed = _moment(conn, date_upd)
            if changed is None:
                continue
            scan.occurrences.append(
                Occurrence(
                    Flow.ABANDONED_CART,
                    int(id_customer),
                    f"cart:{int(id_cart)}:step:{step}",
                    changed + delay,
                    id_cart=int(id_cart),
                )
            )
        if len(rows) >= SCAN_LIMIT:
            last = _moment(conn, rows[-1][3])
            if last is not None:
                reached = last + delay
                scan.reached = reached if scan.reached is None else min(scan.reached, reached)
    _cart_values(conn, scan.occurrences)
    return scan


def _cart_values(conn: ShopConnection, occurrences: list[Occurrence]) -> None:
    """{cart_amount} and {cart_products} of each cart: the products' prices (tax excluded,
    without discounts: the cart has no totals until it becomes an order) and names."""
    ids = sorted({o.id_cart for o in occurrences if o.id_cart})
    if not ids:
        return
    lang = conn.info.default_lang_id
    cp, p, pl = conn.table("cart_product"), conn.table("product"), conn.table("product_lang")
    amounts: dict[int, Decimal] = {}
    names: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        rows = conn.query(
            f"SELECT cp.id_cart, cp.quantity, p.price, pl.name FROM {cp} cp "
            f"LEFT JOIN {p} p ON p.id_product = cp.id_product "
            f"LEFT JOIN {pl} pl ON pl.id_product = cp.id_product AND pl.id_lang = %s "
            "AND pl.id_shop = cp.id_shop "
            f"WHERE cp.id_cart IN ({_marks(len(part))}) ORDER BY cp.id_cart, cp.id_product",
            [lang, *part],
        )
        for id_cart, quantity, price, name in rows:
            try:
                line = Decimal(str(price or 0)) * int(quantity or 0)
            except (InvalidOperation, ValueError):
                line = Decimal(0)
            amounts[int(id_cart)] = amounts.get(int(id_cart), Decimal(0)) + line
            if name:
                names.setdefault(int(id_cart), []).append(str(name))
    from isend_tui.notifications.variables import currency_label, format_amount

    iso = conn.info.default_currency_iso
    sign = currency_label("€" if iso == "EUR" else None, iso)  # the shop's default currency
    for occ in occurrences:
        cart = occ.id_cart or 0
        listed = names.get(cart, [])
        shown = ", ".join(listed[:3]) + ("…" if len(listed) > 3 else "")
        occ.values.update(
            cart_amount=f"{format_amount(amounts.get(cart, Decimal(0)))} {sign}",
            cart_products=shown,
        )


# --------------------------------------------------------------------------- birthdays


def _birthday_on(day: dt.date) -> list[str]:
    """The 'MM-DD' of the birthdays celebrated on `day`: 29 February on the 28th when
    the year has none."""
    days = [day.strftime("%m-%d")]
    if day.month == 2 and day.day == 28:
        try:
            dt.date(day.year, 2, 29)
        except ValueError:
            days.append("02-29")
    return days


def birthday_moment(conn: ShopConnection, day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), conn.info.timezone)


def birthdays(
    conn: ShopConnection,
    settings: FlowSettings,
    lo: dt.datetime,
    hi: dt.datetime,
    state: dict[str, Any],
    now: dt.datetime | None = None,
) -> Scan:
    """One chunk of customer ids for the first day whose hour falls in (lo, hi] or was
    started before; the state keeps the day and where the walk is. `now` (default `hi`)
    says which day is today."""
    hour = settings.hour if settings.hour is not None else 10
    tz = conn.info.timezone
    day = dt.date.fromisoformat(state["day"]) if state.get("day") else None
    if day is None:
        day = lo.astimezone(tz).date()
        if birthday_moment(conn, day, hour) <= lo:
            day += dt.timedelta(days=1)
    after = int(state.get("after", 0))
    today = (now or hi).astimezone(tz).date()
    if day < today:  # a birthday SMS goes on the day or not at all (the watcher was off)
        day, after = today, 0
    scan = Scan(state={"day": day.isoformat(), "after": after})
    moment = birthday_moment(conn, day, hour)
    if moment > hi:
        return scan
    t = conn.table("customer")
    top = int(conn.scalar(f"SELECT MAX(id_customer) FROM {t}") or 0)
    upto = after + BIRTHDAY_CHUNK
    wanted = _birthday_on(day)
    rows = conn.query(
        f"SELECT id_customer FROM {t} WHERE id_customer > %s AND id_customer <= %s "
        f"AND deleted = 0 AND SUBSTR(birthday, 6, 5) IN ({_marks(len(wanted))}) "
        "AND birthday > '1900-01-01'",
        [after, upto, *wanted],
    )
    for (id_customer,) in rows:
        scan.occurrences.append(
            Occurrence(Flow.BIRTHDAY, int(id_customer), f"birthday:{day.isoformat()}", moment)
        )
    if upto >= top:  # the day is done: the next one
        scan.state = {"day": (day + dt.timedelta(days=1)).isoformat(), "after": 0}
    else:
        scan.state = {"day": day.isoformat(), "after": upto}
        scan.reached = moment  # more of this day in the next scans
    return scan


# --------------------------------------------------------------------------- orders


def lapsed_customers(
    conn: ShopConnection, settings: FlowSettings, lo: dt.datetime, hi: dt.datetime
) -> Scan:
    delay = dt.timedelta(days=settings.delays[0] if settings.delays else 180)
    o = conn.table("orders")
    rows = conn.query(
        f"SELECT o.id_order, o.id_customer, o.date_add FROM {o} o "
        "WHERE o.date_add > %s AND o.date_add <= %s AND o.valid = 1 AND o.id_customer > 0 "
        f"AND NOT EXISTS (SELECT 1 FROM {o} o2 WHERE o2.id_customer = o.id_customer "
        "AND o2.valid = 1 AND (o2.date_add > o.date_add OR (o2.date_add = o.date_add "
        "AND o2.id_order > o.id_order))) "
        f"ORDER BY o.date_add, o.id_order LIMIT {SCAN_LIMIT}",
        [shop_time(conn, lo - delay), shop_time(conn, hi - delay)],
    )
    scan = Scan()
    for id_order, id_customer, date_add in rows:
        placed = _moment(conn, date_add)
        if placed is not None:
            scan.occurrences.append(
                Occurrence(
                    Flow.WINBACK,
                    int(id_customer),
                    f"order:{int(id_order)}",
                    placed + delay,
                    id_order=int(id_order),
                )
            )
    if len(rows) >= SCAN_LIMIT and scan.occurrences:
        scan.reached = scan.occurrences[-1].due
    return scan


def delivered_orders(
    conn: ShopConnection, settings: FlowSettings, lo: dt.datetime, hi: dt.datetime
) -> Scan:
    delivered = conn.info.state("PS_OS_DELIVERED")
    scan = Scan()
    if delivered is None:
        return scan
    delay = dt.timedelta(days=settings.delays[0] if settings.delays else 7)
    tz = conn.info.timezone
    start_at = (lo - delay).astimezone(tz).replace(tzinfo=None)
    end_at = (hi - delay).astimezone(tz).replace(tzinfo=None)
    first = first_id_since(conn, "order_history", "id_order_history", start_at)
    last = first_id_since(conn, "order_history", "id_order_history", end_at)
    h, o = conn.table("order_history"), conn.table("orders")
    # `last` is the first id at or after the window's end: a few more ids past it are
    # read in case rows of the same second straddle it, then filtered by date.
    rows = conn.query(
        f"SELECT h.id_order_history, h.id_order, o.id_customer, o.reference, h.date_add "
        f"FROM {h} h JOIN {o} o ON o.id_order = h.id_order "
        "WHERE h.id_order_history >= %s AND h.id_order_history < %s AND h.id_order_state = %s "
        f"ORDER BY h.id_order_history LIMIT {SCAN_LIMIT}",
        [first, last + 50, delivered],
    )
    for _id, id_order, id_customer, reference, date_add in rows:
        at = _moment(conn, date_add)
        if at is None or not (lo - delay < at <= hi - delay) or not id_customer:
            continue
        scan.occurrences.append(
            Occurrence(
                Flow.AFTER_DELIVERY,
                int(id_customer),
                f"order:{int(id_order)}",
                at + delay,
                {"order_reference": str(reference or "")},
                id_order=int(id_order),
            )
        )
    if len(rows) >= SCAN_LIMIT and scan.occurrences:
        scan.reached = scan.occurrences[-1].due
    return scan


# --------------------------------------------------------------------------- stock

ALERTS_TABLE = "mailalert_customer_oos"


def back_in_stock(conn: ShopConnection, now: dt.datetime, state: dict[str, Any]) -> Scan:
    """The subscriptions whose product is in stock. At the first scan they are only noted
    (`baseline`): they were in stock before the flow started."""
    m, s = conn.table(ALERTS_TABLE), conn.table("stock_available")
    pl = conn.table("product_lang")
    lang = conn.info.default_lang_id
    rows = conn.query(
        "SELECT m.id_customer, m.id_product, m.id_product_attribute, m.id_shop, pl.name "
        f"FROM {m} m JOIN {s} s ON s.id_product = m.id_product "
        "AND s.id_product_attribute = m.id_product_attribute "
        "AND (s.id_shop = m.id_shop OR s.id_shop = 0) "
        f"LEFT JOIN {pl} pl ON pl.id_product = m.id_product AND pl.id_lang = %s "
        "AND pl.id_shop = m.id_shop "
        "WHERE m.id_customer > 0 AND s.quantity > 0 "
        f"ORDER BY m.id_customer, m.id_product, m.id_product_attribute "
        f"LIMIT {BACK_IN_STOCK_LIMIT}",
        [lang],
    )
    found: dict[str, Occurrence] = {}
    for id_customer, id_product, id_attribute, id_shop, name in rows:
        key = f"stock:{int(id_product)}:{int(id_attribute)}:{int(id_shop)}"
        found.setdefault(
            f"{int(id_customer)}|{key}",
            Occurrence(
                Flow.BACK_IN_STOCK, int(id_customer), key, now, {"product_name": str(name or "")}
            ),
        )
    if "baseline" not in state:
        return Scan([], None, {"baseline": sorted(found)})
    baseline = set(state["baseline"])
    return Scan([o for k, o in found.items() if k not in baseline], None, state)


def shop_url(conn: ShopConnection, id_shop: int) -> str:
    """The shop's address from its shop_url row (the main one), '' when unknown."""
    if not conn.has_table("shop_url"):
        return ""
    row = conn.query_one(
        f"SELECT domain_ssl, domain, physical_uri FROM {conn.table('shop_url')} "
        "WHERE id_shop = %s ORDER BY main DESC LIMIT 1",
        (id_shop,),
    )
    if row is None:
        return ""
    ssl = get_configuration(conn, ["PS_SSL_ENABLED"]).get("PS_SSL_ENABLED") == "1"
    domain = str((row[0] if ssl else row[1]) or row[1] or "")
    return f"{'https' if ssl else 'http'}://{domain}{row[2] or '/'}" if domain else ""

"""What the automations and the notification rules earned: the valid orders of the
customers they texted, placed within the attribution window after an SMS, grouped by
flow (automations) or by rule (order notifications), over a period.

The same rule as a campaign's (results/attribution.py): an order of the customer (by
id_customer) placed in [SMS received, + `attribution_days`) counts, in the shop's default
currency, refunds deducted (results/orders.py). An order after two SMS of the same flow
counts once for it; each flow and each rule is measured on its own, as campaigns are.
The SMS counted are those sent in the period; an order may fall after its end.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from isend_tui.results.figures import money
from isend_tui.results.orders import valid_orders
from isend_tui.shop.connection import ShopConnection
from isend_tui.store import Store

By = Literal["flow", "rule"]


@dataclass(frozen=True)
class MessageFigures:
    """One flow's (or rule's) SMS of the period and the orders that followed them."""

    key: str  # the flow ("birthday") or the rule's id ("12")
    sms: int
    buyers: int
    orders: int
    revenue: Decimal
    currency: str

    @property
    def conversion(self) -> float | None:
        """Buyers per SMS."""
        return self.buyers / self.sms if self.sms else None

    @property
    def revenue_per_sms(self) -> Decimal | None:
        return money(self.revenue / self.sms) if self.sms else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sms": self.sms,
            "buyers": self.buyers,
            "orders": self.orders,
            "revenue": str(money(self.revenue)),
            "currency": self.currency,
            "conversion_rate": None if self.conversion is None else round(self.conversion, 6),
        }


def _sent(
    store: Store, by: By, since: datetime, until: datetime
) -> list[tuple[str, int, datetime]]:
    column = "flow" if by == "flow" else "rule_id"
    # stored in UTC (notifications/clock.iso), a day's margin: the exact test below
    low = (since.astimezone(UTC) - timedelta(days=1)).isoformat(timespec="seconds")
    high = (until.astimezone(UTC) + timedelta(days=1)).isoformat(timespec="seconds")
    rows = store.db.execute_sql(
        f"SELECT {column}, id_customer, sent_at FROM notification WHERE state = 'sent' "
        f"AND {column} IS NOT NULL AND id_customer IS NOT NULL AND sent_at >= ? AND sent_at < ?",
        (low, high),
    ).fetchall()
    out = []
    for key, id_customer, sent_at in rows:
        try:
            moment = datetime.fromisoformat(str(sent_at))
        except ValueError:
            continue
        if moment.tzinfo is not None and since <= moment <= until:
            out.append((str(key), int(id_customer), moment))
    return out


def message_results(
    store: Store,
    conn: ShopConnection,
    *,
    by: By,
    since: datetime,
    until: datetime,
    days: int,
) -> dict[str, MessageFigures]:
    """Per flow (or rule) with an SMS sent in [since, until] (aware): its figures."""
    window = timedelta(days=days)
    sent = _sent(store, by, since, until)
    sms: dict[str, int] = defaultdict(int)
    moments: dict[tuple[str, int], list[datetime]] = defaultdict(list)
    for key, customer, moment in sent:
        sms[key] += 1
        moments[(key, customer)].append(moment)
    for sorted_times in moments.values():
        sorted_times.sort()
    customers = sorted({customer for _key, customer, _m in sent})
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    checkouts: dict[str, set[str]] = defaultdict(set)
    buyers: dict[str, set[int]] = defaultdict(set)
    if sent:
        first = min(m for _k, _c, m in sent)
        last = max(m for _k, _c, m in sent)
        keys = sorted(sms)
        for order in valid_orders(conn, customers, first, last + window):
            for key in keys:
                times = moments.get((key, order.id_customer))
                if not times:
                    continue
                # the latest SMS at or before the order: within the window?
                i = bisect.bisect_right(times, order.placed)
                if i and order.placed < times[i - 1] + window:
                    revenue[key] += order.amount
                    checkouts[key].add(order.reference or f"#{order.id_order}")
                    buyers[key].add(order.id_customer)
    currency = conn.info.default_currency_iso
    return {
        key: MessageFigures(
            key, sms[key], len(buyers[key]), len(checkouts[key]), revenue[key], currency
        )
        for key in sorted(sms)
    }

"""A campaign's attributed orders, computed from the local store (who got the SMS and
when: sent.py) and the shop (their valid orders: orders.py).

The rule: a valid order of a recipient (by id_customer) placed within `attribution_days`
after their SMS was received is attributed to the campaign, whatever else they received
(each campaign is measured on its own, as its hold-out group is). The hold-out group's
window starts with the campaign's first SMS, so both groups are measured over the same
days. An order placed before the SMS, after the window, or by a customer who is not a
recipient is not attributed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from isend_tui.campaigns import send_times
from isend_tui.campaigns.model import CampaignState, RecipientState
from isend_tui.results.figures import Attribution, Group, money
from isend_tui.results.orders import valid_orders
from isend_tui.results.sent import Received, has_delivery_time, received
from isend_tui.results.sms_days import sms_days
from isend_tui.results.stops import stopped_numbers
from isend_tui.shop.connection import ShopConnection
from isend_tui.store import Store


@dataclass
class _Tally:
    """Running totals of one group."""

    recipients: int = 0
    delivered: int = 0
    receipts: int = 0
    stops: int | None = None
    revenue: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    checkouts: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def group(self) -> Group:
        return Group(
            recipients=self.recipients,
            buyers=len(self.checkouts),
            orders=sum(len(c) for c in self.checkouts.values()),
            revenue=sum(self.revenue.values(), Decimal(0)),
            squares=sum(float(v) ** 2 for v in self.revenue.values()),
            delivered=self.delivered,
            receipts=self.receipts,
            stops=self.stops,
        )


def _cost(store: Store, campaign_id: int) -> tuple[int, Decimal | None]:
    """The SMS sent and their cost: the campaign's estimate for the parts they took."""
    row = store.db.execute_sql(
        "SELECT c.cost_estimate, c.parts_total, count(r.id), coalesce(sum(r.parts), 0) "
        "FROM campaign c LEFT JOIN campaign_recipient r ON r.campaign_id = c.id AND r.state = ? "
        "WHERE c.id = ? GROUP BY c.id",
        (RecipientState.SENT.value, campaign_id),
    ).fetchone()
    if row is None:
        return 0, None
    estimate, parts_total, sms, parts = row
    if estimate is None or not parts_total:
        return int(sms), None
    return int(sms), money(Decimal(estimate) * int(parts) / int(parts_total))


def attribute(
    store: Store,
    conn: ShopConnection,
    campaign_id: int,
    *,
    days: int,
    now: datetime,
    recipients: Callable[[Store, int], list[Received]] | None = None,
) -> Attribution:
    """The campaign's figures at `now` (aware). `recipients` defaults to sent.received."""
    people = (recipients or (lambda s, c: list(received(s, c))))(store, campaign_id)
    window = timedelta(days=days)
    sms, cost = _cost(store, campaign_id)
    moments = [p.at for p in people if p.at is not None]
    first = min(moments, default=None)
    last = max(moments, default=None)
    treated, holdout = _Tally(), _Tally()
    variants: dict[int, _Tally] = defaultdict(_Tally)
    starts: dict[int, datetime] = {}
    groups: dict[int, tuple[_Tally, ...]] = {}
    for person in people:
        start = person.at if person.at is not None else first
        if person.at is None:
            holdout.recipients += 1
            chosen: tuple[_Tally, ...] = (holdout,)
        else:
            treated.recipients += 1
            chosen = (treated,)
            if person.variant is not None:
                variants[person.variant].recipients += 1
                chosen = (treated, variants[person.variant])
        if person.delivery is not None and person.at is not None:
            for tally in chosen:
                tally.receipts += 1
                tally.delivered += person.delivery == "delivered"
        if start is not None:
            starts[person.id_customer] = start
            groups[person.id_customer] = chosen
    _count_stops(store, people, window, treated, variants)
    if starts and first is not None and last is not None:
        customers = sorted(starts)
        for order in valid_orders(conn, customers, first, last + window):
            start = starts[order.id_customer]
            if not start <= order.placed < start + window:
                continue
            checkout = order.reference or f"#{order.id_order}"
            for tally in groups[order.id_customer]:
                tally.revenue[order.id_customer] += order.amount
                tally.checkouts[order.id_customer].add(checkout)
    count = max(variants) + 1 if variants else 0
    return Attribution(
        campaign_id=campaign_id,
        currency=conn.info.default_currency_iso,
        window_days=days,
        window_start=first,
        window_end=None if last is None else last + window,
        computed_at=now,
        delivery_known=has_delivery_time(store),
        sms=sms,
        cost=cost,
        treated=treated.group(),
        holdout=holdout.group() if holdout.recipients else None,
        variants=tuple(variants[i].group() for i in range(count)),
        still_sending=_still_sending(store, campaign_id),
        days=tuple((day, *counts) for day, counts in sms_days(store, campaign_id).items()),
        send_times=_send_times(store, campaign_id),
    )


def _send_times(store: Store, campaign_id: int) -> tuple[str, ...]:
    """The moments of an A/B test on send times (its variants), else ()."""
    row = store.db.execute_sql(
        "SELECT send_times FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    return send_times.from_json(row[0] if row else None)


def _count_stops(
    store: Store,
    people: list[Received],
    window: timedelta,
    treated: _Tally,
    variants: dict[int, _Tally],
) -> None:
    """The STOP replies of the recipients who got the SMS, in their groups."""
    received = {p.number: p.at for p in people if p.at is not None and p.number}
    variant_of = {p.number: p.variant for p in people if p.number}
    stopped = stopped_numbers(store, received, window)
    treated.stops = len(stopped)
    for key, tally in variants.items():
        tally.stops = sum(1 for number in stopped if variant_of[number] == key)


def _still_sending(store: Store, campaign_id: int) -> bool:
    """Whether some recipient may still get the SMS: pending in a campaign that sends
    them without asking again, or in flight."""
    row = store.db.execute_sql(
        "SELECT 1 FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id "
        "WHERE r.campaign_id = ? AND (r.state = ? OR (r.state = ? AND c.state IN (?, ?))) "
        "LIMIT 1",
        (
            campaign_id,
            RecipientState.IN_FLIGHT.value,
            RecipientState.PENDING.value,
            CampaignState.SENDING.value,
            CampaignState.SCHEDULED.value,
        ),
    ).fetchone()
    return row is not None

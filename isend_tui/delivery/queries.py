"""Delivery figures for the screens and the CLI (read-only, cheap, any thread).

Counts always add up: accepted (the SMS iSendPro accepted: state 'sent') = delivered +
failed (permanent + temporary) + expired + pending. Expiry is written by
`expiry.expire_overdue`; call it first (in a worker) for figures as of now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from isend_tui.delivery.states import (
    Delivery,
    DeliveryFilter,
    reason_words,
    state_label,
)
from isend_tui.store import Store

_CHUNK = 500  # ids per IN (...): far below SQLite's bound on parameters


@dataclass(frozen=True)
class DeliveryCounts:
    accepted: int = 0
    delivered: int = 0
    failed_permanent: int = 0
    failed_temporary: int = 0
    expired: int = 0

    @property
    def failed(self) -> int:
        return self.failed_permanent + self.failed_temporary

    @property
    def pending(self) -> int:
        return self.accepted - self.delivered - self.failed - self.expired

    @property
    def rate(self) -> float | None:
        """Delivered / accepted (0..1), None before anything was accepted."""
        return self.delivered / self.accepted if self.accepted else None

    def as_dict(self) -> dict[str, object]:
        return {
            "accepted": self.accepted,
            "delivered": self.delivered,
            "failed": self.failed,
            "failed_permanent": self.failed_permanent,
            "failed_temporary": self.failed_temporary,
            "expired": self.expired,
            "pending": self.pending,
            "rate": None if self.rate is None else round(self.rate, 4),
        }

    @classmethod
    def of(cls, rows: Iterable[tuple[str | None, int]]) -> DeliveryCounts:
        by_state: dict[str | None, int] = {}
        for state, n in rows:
            by_state[state] = by_state.get(state, 0) + int(n)
        return cls(
            accepted=sum(by_state.values()),
            delivered=by_state.get(Delivery.DELIVERED, 0),
            failed_permanent=by_state.get(Delivery.FAILED_PERMANENT, 0),
            failed_temporary=by_state.get(Delivery.FAILED_TEMPORARY, 0),
            expired=by_state.get(Delivery.EXPIRED, 0),
        )


def campaign_counts(store: Store, campaign_id: int) -> DeliveryCounts:
    return campaigns_counts(store, [campaign_id]).get(campaign_id, DeliveryCounts())


def campaigns_counts(store: Store, campaign_ids: Sequence[int]) -> dict[int, DeliveryCounts]:
    """The counts of several campaigns, one counters row each (État des campagnes, the
    dashboard): kept by the store's triggers on every recipient change
    (store/tables/delivery_counts.py), the same figures as grouping the recipients."""
    found = {int(c): DeliveryCounts() for c in campaign_ids}
    ids = list(found)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute_sql(
            "SELECT campaign_id, accepted, delivered, failed_permanent, failed_temporary, "
            f"expired FROM campaign_delivery WHERE campaign_id IN ({marks})",
            chunk,
        ).fetchall()
        for campaign_id, accepted, delivered, permanent, temporary, expired in rows:
            found[int(campaign_id)] = DeliveryCounts(
                accepted=int(accepted),
                delivered=int(delivered),
                failed_permanent=int(permanent),
                failed_temporary=int(temporary),
                expired=int(expired),
            )
    return found


def recount_campaigns(store: Store, campaign_ids: Sequence[int]) -> dict[int, DeliveryCounts]:
    """The same counts grouped from the recipient rows themselves (slow on big campaigns:
    for checks, not for screens)."""
    if not campaign_ids:
        return {}
    marks = ",".join("?" * len(campaign_ids))
    rows = store.db.execute_sql(
        "SELECT campaign_id, delivery, count(*) FROM campaign_recipient "
        f"WHERE campaign_id IN ({marks}) AND state = 'sent' GROUP BY campaign_id, delivery",
        list(campaign_ids),
    ).fetchall()
    grouped: dict[int, list[tuple[str | None, int]]] = {int(c): [] for c in campaign_ids}
    for campaign_id, state, n in rows:
        grouped[int(campaign_id)].append((state, int(n)))
    return {cid: DeliveryCounts.of(found) for cid, found in grouped.items()}


def notification_counts(store: Store, *, since: str | None = None) -> DeliveryCounts:
    """Counts of the notifications sent since `since` (UTC ISO), all when None."""
    sql = "SELECT delivery, count(*) FROM notification WHERE state = 'sent'"
    params: list[str] = []
    if since:
        sql += " AND sent_at >= ?"
        params.append(since)
    rows = store.db.execute_sql(sql + " GROUP BY delivery", params).fetchall()
    return DeliveryCounts.of((r[0], int(r[1])) for r in rows)


@dataclass(frozen=True)
class SmsDelivery:
    """The delivery of one accepted SMS (a campaign recipient or a notification)."""

    id: int
    number: str
    state: Delivery | None
    at: str | None
    """The receipt's time (UTC ISO), or when it expired."""
    code: str | None
    """The gateway's status as received."""
    reason: str | None
    name: str = ""

    @property
    def label(self) -> str:
        return state_label(self.state)

    @property
    def reason_words(self) -> str:
        return reason_words(self.reason)

    def as_dict(self) -> dict[str, object]:
        return {
            "state": self.state.value if self.state else "pending",
            "at": self.at,
            "code": self.code,
            "reason": self.reason,
            "reason_words": self.reason_words,
        }


def _state(value: object) -> Delivery | None:
    return Delivery(str(value)) if value in Delivery.__members__.values() else None


_FILTERS: dict[DeliveryFilter, str] = {
    DeliveryFilter.DELIVERED: "delivery = 'delivered'",
    DeliveryFilter.FAILED: "delivery IN ('failed_permanent', 'failed_temporary')",
    DeliveryFilter.PENDING: "delivery IS NULL",
    DeliveryFilter.EXPIRED: "delivery = 'expired'",
}


def delivery_condition(wanted: DeliveryFilter) -> str:
    """The SQL condition (on a recipient or notification row) of a delivery filter; only
    accepted SMS (state 'sent') have a delivery."""
    return f"state = 'sent' AND {_FILTERS[wanted]}"


def recipients_page(
    store: Store,
    campaign_id: int,
    *,
    state: str | None,
    search: str,
    delivery: DeliveryFilter | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, object]]]:
    """A page of a campaign's recipients (the details screen) under its filters, the
    delivery's included, and how many there are under them."""
    from isend_tui.campaigns.queries import campaign_recipients as page
    from isend_tui.campaigns.queries import count_campaign_recipients

    condition = delivery_condition(delivery) if delivery is not None else None
    total = count_campaign_recipients(
        store, campaign_id, state=state, search=search, condition=condition
    )
    rows = page(
        store,
        campaign_id,
        state=state,
        search=search,
        condition=condition,
        limit=limit,
        offset=offset,
    )
    return total, rows


def campaign_recipients(
    store: Store,
    campaign_id: int,
    state: DeliveryFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[SmsDelivery]:
    """The accepted recipients of a campaign with their delivery, by id, filtered."""
    sql = (
        "SELECT id, number, delivery, delivery_at, delivery_code, delivery_reason, "
        "firstname, lastname FROM campaign_recipient WHERE campaign_id = ? AND state = 'sent'"
    )
    if state is not None:
        sql += " AND " + _FILTERS[state]
    sql += " ORDER BY id LIMIT ? OFFSET ?"
    rows = store.db.execute_sql(sql, (campaign_id, -1 if limit is None else limit, offset))
    return [
        SmsDelivery(
            id=int(r[0]),
            number=str(r[1]),
            state=_state(r[2]),
            at=r[3],
            code=r[4],
            reason=r[5],
            name=" ".join(part for part in (str(r[6]), str(r[7])) if part),
        )
        for r in rows.fetchall()
    ]


def notification_deliveries(store: Store, ids: Sequence[int]) -> dict[int, SmsDelivery]:
    """The delivery of the given notifications that were accepted (others are absent)."""
    found: dict[int, SmsDelivery] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute_sql(
            "SELECT id, number, delivery, delivery_at, delivery_code, delivery_reason "
            f"FROM notification WHERE id IN ({marks}) AND state = 'sent'",
            chunk,
        ).fetchall()
        for r in rows:
            found[int(r[0])] = SmsDelivery(int(r[0]), str(r[1]), _state(r[2]), r[3], r[4], r[5])
    return found


@dataclass(frozen=True)
class ReceiptTotals:
    """What came to the receiver (and the report), for a diagnosis line."""

    campaign: int = 0
    notification: int = 0
    orphans: int = 0
    unreadable: int = 0
    duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "campaign": self.campaign,
            "notification": self.notification,
            "orphans": self.orphans,
            "unreadable": self.unreadable,
            "duplicates": self.duplicates,
        }


def receipt_totals(store: Store) -> ReceiptTotals:
    kinds = dict(
        store.db.execute_sql(
            "SELECT kind, count(*) FROM delivery_receipt WHERE kind != 'unreadable' GROUP BY kind"
        ).fetchall()
    )
    counters = dict(store.db.execute_sql("SELECT name, value FROM delivery_counter").fetchall())
    return ReceiptTotals(
        campaign=int(kinds.get("campaign", 0)),
        notification=int(kinds.get("notification", 0)),
        orphans=int(kinds.get("orphan", 0)),
        unreadable=int(counters.get("unreadable", 0)),
        duplicates=int(counters.get("duplicates", 0)),
    )


def unreadable_samples(store: Store, limit: int = 20) -> list[tuple[str, str, str]]:
    """The last unreadable receipts: (received at, why, raw) — hostile text, show safely."""
    rows = store.db.execute_sql(
        "SELECT received_at, status, raw FROM delivery_receipt WHERE kind = 'unreadable' "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [(str(r[0]), str(r[1] or ""), str(r[2] or "")) for r in rows]


_FAILED = "('failed_permanent', 'failed_temporary')"


def failures_since(
    store: Store, since: str, campaign_ids: Sequence[int]
) -> tuple[int, dict[int, int]]:
    """Failed deliveries whose receipt came at or after `since` (UTC ISO): of the
    notifications, and of each of the given campaigns (read through their index: pass the
    few active ones, not all)."""
    row = store.db.execute_sql(
        f"SELECT count(*) FROM notification WHERE state = 'sent' AND delivery IN {_FAILED} "
        "AND delivery_at >= ?",
        (since,),
    ).fetchone()
    campaigns: dict[int, int] = {}
    for campaign_id in campaign_ids:
        found = store.db.execute_sql(
            "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = 'sent' "
            f"AND delivery IN {_FAILED} AND delivery_at >= ?",
            (campaign_id, since),
        ).fetchone()
        if found and found[0]:
            campaigns[int(campaign_id)] = int(found[0])
    return int(row[0] or 0), campaigns

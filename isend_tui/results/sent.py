"""A campaign's recipients as attribution sees them, read from the local store: who got
the SMS and when, who was kept aside (hold-out), and which A/B text each one had.

When an SMS counts as received: `received_at_sql` is the one place that says it. The
delivery time once delivery receipts are recorded (campaign_recipient.delivery_at, when
the column exists and is set; `delivery_sql` the status), else the time iSendPro accepted
the batch (its reply:
campaign_batch.finished_at, else its start), or the moment the batch or campaign was
scheduled for when later (iSendPro holds a scheduled send until then).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from isend_tui.campaigns.model import RecipientState
from isend_tui.campaigns.window import scheduled_moment, to_paris
from isend_tui.store import Store

HOLDOUT = "holdout"
"""The recipient state of the hold-out group (never sent)."""


@dataclass(frozen=True)
class Received:
    """One customer of the campaign: `at` is when their SMS was received (None for the
    hold-out group, which got none), `variant` their A/B text (None without A/B)."""

    id_customer: int
    at: datetime | None
    variant: int | None
    parts: int
    #: the delivery receipt's status (delivered, failed_*, expired), None while unknown
    delivery: str | None = None
    number: str = ""  # iSendPro's form, as the suppression list keeps it


def _columns(store: Store) -> frozenset[str]:
    rows = store.db.execute_sql("PRAGMA table_info(campaign_recipient)").fetchall()
    return frozenset(str(row[1]) for row in rows)


def has_delivery_time(store: Store) -> bool:
    """Whether delivery receipts are recorded (campaign_recipient.delivery_at)."""
    return "delivery_at" in _columns(store)


def received_at_sql(store: Store) -> str:
    """The SQL expression of a recipient's delivery time (NULL when unknown)."""
    return "r.delivery_at" if has_delivery_time(store) else "NULL"


def has_delivery_status(store: Store) -> bool:
    """Whether delivery statuses are recorded (campaign_recipient.delivery)."""
    return "delivery" in _columns(store)


def delivery_sql(store: Store) -> str:
    """The SQL expression of a recipient's delivery status (NULL when unknown)."""
    return "r.delivery" if has_delivery_status(store) else "NULL"


#: A batch's two stored moments, as `batch_moment` reads them: when iSendPro accepted it
#: (its reply, else its start) and when it was scheduled for (the batch's own slot, else
#: the campaign's; NULL: now). `b` is campaign_batch, `c` its campaign.
BATCH_MOMENT_SQL = "coalesce(b.finished_at, b.started_at), coalesce(b.send_at, c.scheduled_for)"


def batch_moment(accepted: str, scheduled: str | None) -> datetime:
    """When a batch's SMS left (Paris time): accepted, or the moment they were scheduled
    for when later (iSendPro holds a scheduled send until then). The one rule for a
    batch's moment: attribution's windows and the SMS per day (results/sms_days.py)."""
    at = to_paris(datetime.fromisoformat(accepted))
    planned = scheduled_moment(scheduled)
    return at if planned is None else max(at, planned)


def _batch_moments(store: Store, campaign_id: int) -> dict[int, datetime]:
    """When each batch of the campaign was accepted (or is scheduled for, if later)."""
    rows = store.db.execute_sql(
        f"SELECT b.id, {BATCH_MOMENT_SQL} "
        "FROM campaign_batch b JOIN campaign c ON c.id = b.campaign_id WHERE b.campaign_id = ?",
        (campaign_id,),
    ).fetchall()
    return {int(batch_id): batch_moment(a, s) for batch_id, a, s in rows}


def received(store: Store, campaign_id: int) -> Iterator[Received]:
    """The campaign's customers who got the SMS (state sent) and its hold-out group, each
    customer once (their first SMS of the campaign). Numbers without a shop customer
    (given directly) are not attributable and left out."""
    batches = _batch_moments(store, campaign_id)
    sql = (
        "SELECT r.id_customer, r.state, r.batch_id, r.variant, r.parts, "
        f"{received_at_sql(store)}, {delivery_sql(store)}, r.number "
        "FROM campaign_recipient r WHERE r.campaign_id = ? AND r.state IN (?, ?) "
        "AND r.id_customer IS NOT NULL ORDER BY r.id"
    )
    seen: set[int] = set()
    rows = store.db.execute_sql(sql, (campaign_id, RecipientState.SENT.value, HOLDOUT))
    for id_customer, state, batch_id, variant, parts, delivered, status, number in rows:
        customer = int(id_customer)
        if customer in seen:
            continue
        seen.add(customer)
        at: datetime | None = None
        if state != HOLDOUT:
            if delivered:
                at = to_paris(datetime.fromisoformat(delivered))
            elif batch_id is not None and int(batch_id) in batches:
                at = batches[int(batch_id)]
            else:
                continue  # sent but no batch moment: cannot place its window
        choice = None if variant is None else int(variant)
        yield Received(
            customer,
            at,
            choice,
            int(parts or 0),
            None if status is None else str(status),
            str(number or ""),
        )

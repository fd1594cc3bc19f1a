"""Detection: what happened in the shop since the last poll, as occurrences with stable keys.

For each table the Detector reads the rows after its cursor plus the ids skipped last time
(cursors.py). Tracking numbers and guest-to-customer conversions have no id or date that
reveals them: a snapshot kept in the store is compared chunk by chunk (guests here,
tracking numbers in tracking.py). Every read is an indexed range with a LIMIT, so a poll
costs the same on a big shop.

Nothing is written here: a Detection (occurrences.py) carries the moved cursors and the
snapshot changes, and Outbox.commit saves them in the transaction that queues the
notifications.

First start: cursors begin at the current maximum ids ("now": no flood of old events), the
tracking snapshot is taken silently and the guests of the last GUEST_DAYS are noted.
`since` moves the id cursors back to the first row of that day (shop time); occurrences
already notified are not sent again (their keys exist). Tracking changes and guest
conversions cannot be replayed (no history of them).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.notifications.catalogue import Trigger
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.cursors import (
    ID_COLUMNS,
    STREAMS,
    TRACKING_CURSOR,
    Cursor,
    advance,
    load_cursors,
)
from isend_tui.notifications.models import WatcherSnapshot
from isend_tui.notifications.occurrences import Detection, Occurrence
from isend_tui.notifications.tracking import TRACKING_DAYS, TrackingWalk, shop_now
from isend_tui.shop import events as shop_events

if TYPE_CHECKING:
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.store import Store

log = logging.getLogger(__name__)

BATCH = 1000
"""New rows read per table and poll (more: the next poll follows at once)."""
GUEST_DAYS = 30
GUEST_CHUNK = 500


class Detector:
    """Finds the occurrences of one poll. Its positions in the snapshots move only once
    a detection is committed (`committed`)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        since: date | None = None,
        tracking_days: int = TRACKING_DAYS,
    ) -> None:
        self._store = store
        self._clock = clock
        self._since = since
        self._tracking = TrackingWalk(store, clock, tracking_days)
        self._guest_pos = 0

    def use_tracking_days(self, days: int) -> None:
        """A new window length: the window is recomputed at the next poll."""
        self._tracking.use_days(days)

    def committed(self, det: Detection) -> None:
        """`det` is in the store: the next poll starts after it."""
        for cursor in det.dirty_cursors():
            cursor.dirty = False
        if det.since_applied:
            self._since = None
        self._tracking.committed(det)
        if det.guest_pos is not None:
            self._guest_pos = det.guest_pos

    def detect(self, conn: ShopConnection) -> Detection:
        info = conn.info
        det = Detection()
        cursors = load_cursors(self._store.db)
        if (
            any(name not in cursors for name in (*STREAMS, TRACKING_CURSOR))
            or self._since is not None
        ):
            self._init_cursors(conn, cursors)
            det.since_applied = True
        det.cursors = cursors
        now = self._clock().timestamp()
        error_state = info.state("PS_OS_ERROR")
        self._read_history(conn, det, cursors["order_history"], now, error_state)
        self._read_customers(conn, det, cursors["customer"], now)
        for name, trigger, reader in (
            ("order_return", Trigger.RETURN, shop_events.returns_after),
            ("order_slip", Trigger.ORDER_MODIFIED, shop_events.slips_after),
        ):
            cur = cursors[name]
            before = cur.value
            links = reader(conn, before, BATCH, list(cur.gaps))
            advance(cur, (r.id for r in links), now)
            det.more |= sum(1 for r in links if r.id > before) >= BATCH
            det.occurrences += [
                Occurrence(f"{name}:{r.id}", trigger, r.id_customer, r.id_order) for r in links
            ]
        self._detect_guest_conversions(conn, det)
        if self._tracking.walk(conn, det, cursors[TRACKING_CURSOR]):
            # Old guest notes are pruned as often as the tracking window is recomputed.
            cutoff = iso(self._clock() - timedelta(days=GUEST_DAYS))
            det.snapshot_prune.append(("guest", cutoff, 0))
        return det

    # -- where the cursors start

    def _init_cursors(self, conn: ShopConnection, cursors: dict[str, Cursor]) -> None:
        since = self._since
        since_dt = datetime(since.year, since.month, since.day) if since else None
        for name in STREAMS:
            column = ID_COLUMNS[name]
            if since_dt is not None:
                start = shop_events.first_id_since(conn, name, column, since_dt) - 1
            elif name in cursors:
                continue
            else:
                start = shop_events.max_id(conn, name, column)
            cursors[name] = Cursor(name, start, {}, {}, dirty=True)
            log.info("cursor %s starts after id %d", name, start)
        if TRACKING_CURSOR not in cursors:
            cursors[TRACKING_CURSOR] = Cursor(
                TRACKING_CURSOR,
                shop_events.max_id(conn, "orders", "id_order"),
                {},
                {"baseline_done": False},
                dirty=True,
            )
        if since_dt is not None or "guest_baseline" not in cursors[TRACKING_CURSOR].extra:
            self._baseline_guests(conn, since_dt)
            cursors[TRACKING_CURSOR].extra["guest_baseline"] = True
            cursors[TRACKING_CURSOR].dirty = True

    def _baseline_guests(self, conn: ShopConnection, since: datetime | None) -> None:
        """Note the guest accounts of the last GUEST_DAYS (or since `since`)."""
        start = since or (shop_now(self._clock, conn.info) - timedelta(days=GUEST_DAYS))
        after = shop_events.first_id_since(conn, "customer", "id_customer", start) - 1
        top = shop_events.max_id(conn, "customer", "id_customer")
        now = iso(self._clock())
        while after < top:
            guests, after_next = shop_events.guests_from(conn, after, 5000)
            if after_next <= after:
                break
            after = after_next
            if guests:
                # Idempotent notes, not notifications: safe outside the poll's commit.
                with self._store.write():
                    WatcherSnapshot.insert_many(
                        [{"kind": "guest", "key": g, "value": "", "seen_at": now} for g in guests]
                    ).on_conflict_ignore().execute()

    # -- rows after the cursors

    def _read_history(
        self,
        conn: ShopConnection,
        det: Detection,
        cur: Cursor,
        now: float,
        error_state: int | None,
    ) -> None:
        """Order state changes: the state itself, a first payment, a validated order."""
        before = cur.value
        history = shop_events.history_after(conn, before, BATCH, list(cur.gaps))
        advance(cur, (r.id for r in history), now)
        det.more |= sum(1 for r in history if r.id > before) >= BATCH
        for h in history:
            det.occurrences.append(
                Occurrence(
                    f"order_history:{h.id}",
                    Trigger.ORDER_STATE,
                    h.id_customer,
                    h.id_order,
                    state_id=h.id_state,
                )
            )
            if h.paid and not h.paid_before:
                det.occurrences.append(
                    Occurrence(f"payment:{h.id_order}", Trigger.PAYMENT, h.id_customer, h.id_order)
                )
            if h.is_first and h.id_state != error_state:
                det.occurrences.append(
                    Occurrence(
                        f"order:{h.id_order}", Trigger.ORDER_VALIDATED, h.id_customer, h.id_order
                    )
                )

    def _read_customers(
        self, conn: ShopConnection, det: Detection, cur: Cursor, now: float
    ) -> None:
        """New accounts; a guest is only noted (it may become a customer later)."""
        before = cur.value
        customers = shop_events.customers_after(conn, before, BATCH, list(cur.gaps))
        advance(cur, (c.id for c in customers), now)
        det.more |= sum(1 for c in customers if c.id > before) >= BATCH
        seen_at = iso(self._clock())
        for c in customers:
            if c.deleted:
                continue
            if c.is_guest:
                det.snapshot_upserts.append(
                    {"kind": "guest", "key": c.id, "value": "", "seen_at": seen_at}
                )
            else:
                det.occurrences.append(Occurrence(f"account:{c.id}", Trigger.ACCOUNT, c.id))

    # -- snapshots

    def _detect_guest_conversions(self, conn: ShopConnection, det: Detection) -> None:
        ids = [
            int(r[0])
            for r in self._store.db.execute_sql(
                "SELECT key FROM watcher_snapshot WHERE kind = 'guest' AND key > ? "
                "ORDER BY key LIMIT ?",
                (self._guest_pos, GUEST_CHUNK),
            ).fetchall()
        ]
        det.guest_pos = ids[-1] if len(ids) >= GUEST_CHUNK else 0
        if not ids:
            return
        found = {c.id: c for c in shop_events.customers_by_id(conn, ids)}
        for guest in ids:
            row = found.get(guest)
            if row is None or row.deleted:
                det.snapshot_deletes.append(("guest", guest))
            elif not row.is_guest:
                det.snapshot_deletes.append(("guest", guest))
                det.occurrences.append(Occurrence(f"account:{guest}", Trigger.ACCOUNT, guest))

"""Detection: what happened in the shop since the last poll, as occurrences with stable keys.

For each table the Detector reads the rows after its cursor plus the ids skipped last time
(cursors.py). Tracking numbers and guest-to-customer conversions have no id or date that
reveals them: a snapshot kept in the store is compared chunk by chunk. Every read is an
indexed range with a LIMIT, so a poll costs the same on a big shop.

Nothing is written here: a Detection carries the moved cursors and the snapshot changes,
and Outbox.commit saves them in the transaction that queues the notifications.

First start: cursors begin at the current maximum ids ("now": no flood of old events), the
tracking snapshot is taken silently and the guests of the last GUEST_DAYS are noted.
`since` moves the id cursors back to the first row of that day (shop time); occurrences
already notified are not sent again (their keys exist). Tracking changes and guest
conversions cannot be replayed (no history of them).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from isend_tui.notifications.catalogue import Trigger
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.cursors import (
    ID_COLUMNS,
    STREAMS,
    TRACKING_CURSOR,
    Cursor,
    advance,
    load_cursors,
    save_cursor,
)
from isend_tui.notifications.models import WatcherSnapshot
from isend_tui.shop import events as shop_events

if TYPE_CHECKING:
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.shop.info import ShopInfo
    from isend_tui.store import Store

log = logging.getLogger(__name__)

BATCH = 1000
"""New rows read per table and poll (more: the next poll follows at once)."""
TRACKING_DAYS = 180
"""Default of the tracking_days setting."""
TRACKING_BLOCK = 100
"""Order ids per checksum block of the tracking-number snapshot."""
TRACKING_BLOCKS = 10
"""Blocks of recent orders compared per poll (1,000 orders)."""
HOT_DAYS = 30
"""Orders of the last HOT_DAYS are walked at full speed (a number is usually typed within
days of the order); the older part of the window at COLD_BLOCKS a poll, so a wide window
does not slow the notice of a recent order's number."""
COLD_BLOCKS = 2
GUEST_DAYS = 30
GUEST_CHUNK = 500
WINDOW_REFRESH_S = 600.0


@dataclass(frozen=True)
class Occurrence:
    """One thing that happened in the shop, with its stable key."""

    key: str
    trigger: Trigger
    id_customer: int
    id_order: int | None = None
    state_id: int | None = None
    tracking_number: str = ""


@dataclass
class Detection:
    """What one poll found, and the store changes that go with it (saved by the commit)."""

    occurrences: list[Occurrence] = field(default_factory=list)
    cursors: dict[str, Cursor] = field(default_factory=dict)
    snapshot_upserts: list[dict[str, Any]] = field(default_factory=list)
    snapshot_deletes: list[tuple[str, int]] = field(default_factory=list)
    snapshot_prune: list[tuple[str, str, int]] = field(default_factory=list)
    more: bool = False
    tracking_pos: int | None = None
    cold_pos: int | None = None
    guest_pos: int | None = None
    since_applied: bool = False

    def dirty_cursors(self) -> list[Cursor]:
        return [c for c in self.cursors.values() if c.dirty]

    @property
    def changes_store(self) -> bool:
        return bool(
            self.dirty_cursors()
            or self.snapshot_upserts
            or self.snapshot_deletes
            or self.snapshot_prune
        )

    def save(self, db: Any, now: str) -> None:
        """Write the moved cursors and the snapshot changes (inside the caller's
        transaction)."""
        for cursor in self.dirty_cursors():
            save_cursor(cursor, now)
        for upsert in self.snapshot_upserts:
            db.execute_sql(
                "INSERT INTO watcher_snapshot (kind, key, ref, value, seen_at, number, changes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET "
                "value = excluded.value, ref = excluded.ref, number = excluded.number, "
                "changes = excluded.changes",
                (
                    upsert["kind"],
                    upsert["key"],
                    upsert.get("ref", 0),
                    upsert["value"],
                    upsert["seen_at"],
                    upsert.get("number", ""),
                    upsert.get("changes", 0),
                ),
            )
        for kind, key in self.snapshot_deletes:
            db.execute_sql("DELETE FROM watcher_snapshot WHERE kind = ? AND key = ?", (kind, key))
        for kind, bound, ref in self.snapshot_prune:
            if kind == "tracking_reread":
                # The window grew: the blocks it gained were summed while outside it.
                db.execute_sql(
                    "DELETE FROM watcher_snapshot WHERE kind = 'tracking_block' AND key <= ?",
                    (ref,),
                )
            elif kind == "tracking":
                db.execute_sql(
                    "DELETE FROM watcher_snapshot WHERE (kind = 'tracking' AND ref < ?) "
                    "OR (kind = 'tracking_block' AND ref + ? <= ?)",
                    (ref, TRACKING_BLOCK, ref),
                )
            else:
                db.execute_sql(
                    "DELETE FROM watcher_snapshot WHERE kind = 'guest' AND seen_at < ?", (bound,)
                )


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
        self.tracking_days = tracking_days
        self._tracking_pos: int | None = None
        self._tracking_lo: int | None = None
        self._hot_lo: int | None = None
        self._cold_pos: int | None = None
        self._window_checked: float = -1e18
        self._guest_pos = 0

    def use_tracking_days(self, days: int) -> None:
        """A new window length: the window is recomputed at the next poll."""
        if days != self.tracking_days:
            self.tracking_days = days
            self._window_checked = -1e18

    def committed(self, det: Detection) -> None:
        """`det` is in the store: the next poll starts after it."""
        for cursor in det.dirty_cursors():
            cursor.dirty = False
        if det.since_applied:
            self._since = None
        if det.tracking_pos is not None:
            self._tracking_pos = det.tracking_pos
        if det.cold_pos is not None:
            self._cold_pos = det.cold_pos
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
        self._detect_tracking(conn, det, cursors[TRACKING_CURSOR])
        return det

    def _shop_now(self, info: ShopInfo) -> datetime:
        return self._clock().astimezone(info.timezone).replace(tzinfo=None, microsecond=0)

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
        start = since or (self._shop_now(conn.info) - timedelta(days=GUEST_DAYS))
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

    def _detect_tracking(self, conn: ShopConnection, det: Detection, cursor: Cursor) -> None:
        """Compare the tracking numbers of a few blocks of orders per poll.

        The window is the orders from the lowest id placed in the last `tracking_days`
        days (a setting), walked block by block (TRACKING_BLOCK order ids each), round
        and round: TRACKING_BLOCKS a poll over the orders of the last HOT_DAYS, and
        COLD_BLOCKS over the older ones. On MySQL the server sends one checksum per block
        and only the rows of changed blocks are read; SQLite shops (demo, tests) send the
        rows.
        """
        size = TRACKING_BLOCK
        self._refresh_window(conn, det, cursor)
        assert self._tracking_lo is not None and self._hot_lo is not None
        lo = self._tracking_lo
        hot_block = max(self._hot_lo, lo) // size
        top_block = shop_events.max_id(conn, "orders", "id_order") // size
        block = self._tracking_pos if self._tracking_pos is not None else hot_block
        block = max(block, hot_block)
        end_block = min(block + TRACKING_BLOCKS, top_block + 1)
        rows = self._blocks(conn, det, block, end_block)
        cold_lo = lo // size
        cold_round = cold_lo >= hot_block  # no older part: nothing to walk there
        if not cold_round:
            cold = self._cold_pos if self._cold_pos is not None else cold_lo
            cold = cold if cold_lo <= cold < hot_block else cold_lo
            cold_end = min(cold + COLD_BLOCKS, hot_block)
            rows += self._blocks(conn, det, cold, cold_end)
            cold_round = cold_end >= hot_block
            det.cold_pos = cold_lo if cold_round else cold_end
        self._compare_tracking([r for r in rows if r.id_order >= lo], det, cursor)
        hot_round = end_block > top_block
        det.tracking_pos = hot_block if hot_round else end_block
        # The baseline (every number seen once, silently) is done once both parts of the
        # window have been walked whole.
        if not cursor.extra.get("baseline_done"):
            for part, ended in (("hot_walked", hot_round), ("cold_walked", cold_round)):
                if ended and not cursor.extra.get(part):
                    cursor.extra[part] = True
                    cursor.dirty = True
            if cursor.extra.get("hot_walked") and cursor.extra.get("cold_walked"):
                cursor.extra["baseline_done"] = True
                cursor.dirty = True

    def _blocks(
        self, conn: ShopConnection, det: Detection, block: int, end_block: int
    ) -> list[shop_events.CarrierRow]:
        if end_block <= block:
            return []
        if conn.backend == "mysql":
            return self._changed_blocks(conn, det, block, end_block)
        size = TRACKING_BLOCK
        return shop_events.carriers_between(conn, block * size - 1, end_block * size - 1)

    def _refresh_window(self, conn: ShopConnection, det: Detection, cursor: Cursor) -> None:
        """Every WINDOW_REFRESH_S: the first order of the window, and prune what left it."""
        mono = time.monotonic()
        if self._tracking_lo is not None and mono - self._window_checked <= WINDOW_REFRESH_S:
            return
        now = self._shop_now(conn.info)
        start = now - timedelta(days=self.tracking_days)
        first = shop_events.first_order_since(conn, start)
        top_now = shop_events.max_id(conn, "orders", "id_order")
        hot = shop_events.first_order_since(conn, now - timedelta(days=HOT_DAYS))
        self._hot_lo = hot if hot is not None else top_now + 1
        # Where the window began, kept across restarts: tracking_days may have grown.
        kept = cursor.extra.get("window_lo")
        previous = self._tracking_lo if self._tracking_lo is not None else kept
        self._tracking_lo = first if first is not None else top_now + 1
        if isinstance(previous, int) and self._tracking_lo < previous:
            det.snapshot_prune.append(("tracking_reread", "", previous // TRACKING_BLOCK))
        if kept != self._tracking_lo:
            cursor.extra["window_lo"] = self._tracking_lo
            cursor.dirty = True
        if "baseline_lo" not in cursor.extra:
            # Below it, the rows were never watched when the baseline was taken: seen a
            # first time, their numbers are noted silently (widening the window, or a
            # store from before the window was a setting, when it was the last 30 days).
            done = bool(cursor.extra.get("baseline_done"))
            cursor.extra["baseline_lo"] = self._hot_lo if done else self._tracking_lo
            cursor.dirty = True
        self._window_checked = mono
        det.snapshot_prune.append(("tracking", "", self._tracking_lo))
        cutoff = iso(self._clock() - timedelta(days=GUEST_DAYS))
        det.snapshot_prune.append(("guest", cutoff, 0))

    def _changed_blocks(
        self, conn: ShopConnection, det: Detection, block: int, end_block: int
    ) -> list[shop_events.CarrierRow]:
        """The carrier rows of the blocks whose checksum changed (MySQL)."""
        size = TRACKING_BLOCK
        sums = shop_events.tracking_checksums(conn, block * size, end_block * size, size)
        stored = {
            int(k): str(v)
            for k, v in self._store.db.execute_sql(
                "SELECT key, value FROM watcher_snapshot WHERE kind = 'tracking_block' "
                "AND key >= ? AND key < ?",
                (block, end_block),
            ).fetchall()
        }
        seen_at = iso(self._clock())
        rows: list[shop_events.CarrierRow] = []
        for b in sorted(set(sums) | set(stored)):
            if sums.get(b) == stored.get(b):
                continue
            rows += shop_events.carriers_between(conn, b * size - 1, (b + 1) * size - 1)
            det.snapshot_upserts.append(
                {
                    "kind": "tracking_block",
                    "key": b,
                    "value": sums.get(b, "0:0"),
                    "seen_at": seen_at,
                    "ref": b * size,
                }
            )
        return rows

    def _compare_tracking(
        self, rows: Sequence[shop_events.CarrierRow], det: Detection, cursor: Cursor
    ) -> None:
        if not rows:
            return
        baseline_done = bool(cursor.extra.get("baseline_done"))
        baseline_max = cursor.value
        baseline_lo = int(cursor.extra.get("baseline_lo") or 0)
        known = self._known_tracking([r.id for r in rows])
        seen_at = iso(self._clock())
        for r in rows:
            previous, last_number, changes = known.get(r.id, (None, "", 0))
            if previous == r.tracking_number:
                continue
            number = r.tracking_number
            # A new number is news; the same one typed again after clearing it is not.
            news = bool(number) and number != last_number
            if news and last_number:
                changes += 1
            det.snapshot_upserts.append(
                {
                    "kind": "tracking",
                    "key": r.id,
                    "value": number,
                    "seen_at": seen_at,
                    "ref": r.id_order,
                    "number": number or last_number,
                    "changes": changes,
                }
            )
            # A row seen a first time is news only when the watcher was already watching
            # where it lies (a new carrier row for a watched order); during the baseline,
            # or below where the baseline was taken (a wider window), it is noted silently:
            # nobody knows when its number was typed, and old orders must not flood.
            unwatched = not baseline_done or r.id_order < baseline_lo
            silent = previous is None and unwatched and r.id_order <= baseline_max
            if news and not silent:
                # `changes` makes a return to an earlier number (A -> B -> A) a new
                # occurrence; the first number keeps the key it always had.
                suffix = f":{changes}" if changes else ""
                det.occurrences.append(
                    Occurrence(
                        f"tracking:{r.id}:{number}{suffix}",
                        Trigger.TRACKING,
                        r.id_customer,
                        r.id_order,
                        tracking_number=number,
                    )
                )

    def _known_tracking(self, keys: list[int]) -> dict[int, tuple[str, str, int]]:
        """id_order_carrier -> (value, last non-empty number, times it changed)."""
        known: dict[int, tuple[str, str, int]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ", ".join("?" * len(part))
            known.update(
                (int(k), (str(v), str(n), int(c)))
                for k, v, n, c in self._store.db.execute_sql(
                    "SELECT key, value, number, changes FROM watcher_snapshot "
                    f"WHERE kind = 'tracking' AND key IN ({marks})",
                    part,
                ).fetchall()
            )
        return known

"""Tracking numbers: the walk that notices a number typed on an order.

A carrier row gets no new id or date when its tracking number is typed, so the orders of
the window (the last `tracking_days` days) are walked round and round, a few blocks of
order ids per poll, and compared with a snapshot kept in the store. The first walk of the
window is a silent baseline: numbers already there are noted, not notified.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.notifications.catalogue import Trigger
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.occurrences import TRACKING_BLOCK, Occurrence
from isend_tui.shop import events as shop_events

if TYPE_CHECKING:
    from isend_tui.notifications.cursors import Cursor
    from isend_tui.notifications.occurrences import Detection
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.shop.info import ShopInfo
    from isend_tui.store import Store

TRACKING_DAYS = 180
"""Default of the tracking_days setting."""
TRACKING_BLOCKS = 10
"""Blocks of recent orders compared per poll (1,000 orders)."""
HOT_DAYS = 30
"""Orders of the last HOT_DAYS are walked at full speed (a number is usually typed within
days of the order); the older part of the window at COLD_BLOCKS a poll, so a wide window
does not slow the notice of a recent order's number."""
COLD_BLOCKS = 2
WINDOW_REFRESH_S = 600.0


def shop_now(clock: Clock, info: ShopInfo) -> datetime:
    """The clock's instant as the shop's naive local time (how PrestaShop dates rows)."""
    return clock().astimezone(info.timezone).replace(tzinfo=None, microsecond=0)


class TrackingWalk:
    """Where the walk is in the window. Its positions move only once a detection is
    committed (`committed`)."""

    def __init__(self, store: Store, clock: Clock, days: int = TRACKING_DAYS) -> None:
        self._store = store
        self._clock = clock
        self.days = days
        self._pos: int | None = None
        self._lo: int | None = None
        self._hot_lo: int | None = None
        self._cold_pos: int | None = None
        self._window_checked: float = -1e18

    def use_days(self, days: int) -> None:
        """A new window length: the window is recomputed at the next poll."""
        if days != self.days:
            self.days = days
            self._window_checked = -1e18

    def committed(self, det: Detection) -> None:
        """`det` is in the store: the next poll walks on from where it stopped."""
        if det.tracking_pos is not None:
            self._pos = det.tracking_pos
        if det.cold_pos is not None:
            self._cold_pos = det.cold_pos

    def walk(self, conn: ShopConnection, det: Detection, cursor: Cursor) -> bool:
        """Compare the tracking numbers of a few blocks of orders; True when the window
        was recomputed (every WINDOW_REFRESH_S).

        The window is the orders from the lowest id placed in the last `days` days, walked
        block by block (TRACKING_BLOCK order ids each), round and round: TRACKING_BLOCKS a
        poll over the orders of the last HOT_DAYS, and COLD_BLOCKS over the older ones. On
        MySQL the server sends one checksum per block and only the rows of changed blocks
        are read; SQLite shops (demo, tests) send the rows.
        """
        size = TRACKING_BLOCK
        refreshed = self._refresh_window(conn, det, cursor)
        assert self._lo is not None and self._hot_lo is not None
        lo = self._lo
        hot_block = max(self._hot_lo, lo) // size
        top_block = shop_events.max_id(conn, "orders", "id_order") // size
        block = self._pos if self._pos is not None else hot_block
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
        self._compare([r for r in rows if r.id_order >= lo], det, cursor)
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
        return refreshed

    def _blocks(
        self, conn: ShopConnection, det: Detection, block: int, end_block: int
    ) -> list[shop_events.CarrierRow]:
        if end_block <= block:
            return []
        if conn.backend == "mysql":
            return self._changed_blocks(conn, det, block, end_block)
        size = TRACKING_BLOCK
        return shop_events.carriers_between(conn, block * size - 1, end_block * size - 1)

    def _refresh_window(self, conn: ShopConnection, det: Detection, cursor: Cursor) -> bool:
        """Every WINDOW_REFRESH_S: the first order of the window, and prune what left it."""
        mono = time.monotonic()
        if self._lo is not None and mono - self._window_checked <= WINDOW_REFRESH_S:
            return False
        now = shop_now(self._clock, conn.info)
        start = now - timedelta(days=self.days)
        first = shop_events.first_order_since(conn, start)
        top_now = shop_events.max_id(conn, "orders", "id_order")
        hot = shop_events.first_order_since(conn, now - timedelta(days=HOT_DAYS))
        self._hot_lo = hot if hot is not None else top_now + 1
        # Where the window began, kept across restarts: tracking_days may have grown.
        kept = cursor.extra.get("window_lo")
        previous = self._lo if self._lo is not None else kept
        self._lo = first if first is not None else top_now + 1
        if isinstance(previous, int) and self._lo < previous:
            det.snapshot_prune.append(("tracking_reread", "", previous // TRACKING_BLOCK))
        if kept != self._lo:
            cursor.extra["window_lo"] = self._lo
            cursor.dirty = True
        if "baseline_lo" not in cursor.extra:
            # Below it, the rows were never watched when the baseline was taken: seen a
            # first time, their numbers are noted silently (widening the window, or a
            # store from before the window was a setting, when it was the last 30 days).
            done = bool(cursor.extra.get("baseline_done"))
            cursor.extra["baseline_lo"] = self._hot_lo if done else self._lo
            cursor.dirty = True
        self._window_checked = mono
        det.snapshot_prune.append(("tracking", "", self._lo))
        return True

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

    def _compare(
        self, rows: Sequence[shop_events.CarrierRow], det: Detection, cursor: Cursor
    ) -> None:
        if not rows:
            return
        baseline_done = bool(cursor.extra.get("baseline_done"))
        baseline_max = cursor.value
        baseline_lo = int(cursor.extra.get("baseline_lo") or 0)
        known = self._known([r.id for r in rows])
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

    def _known(self, keys: list[int]) -> dict[int, tuple[str, str, int]]:
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

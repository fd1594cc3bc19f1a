"""What one poll found: occurrences with stable keys, and the store changes that go with them.

A Detection is a plain record: the Detector and the tracking walk fill it, nothing is
written while they do. Outbox.commit calls `save` in the transaction that queues the
notifications, so the moved cursors and the snapshot changes are kept only with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from isend_tui.notifications.catalogue import Trigger
from isend_tui.notifications.cursors import Cursor, save_cursor

TRACKING_BLOCK = 100
"""Order ids per checksum block of the tracking-number snapshot."""


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

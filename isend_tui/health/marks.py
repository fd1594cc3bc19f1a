"""Moments and small facts several processes share through the store (table
``service_mark``): the watcher's last poll, the last import of the account's blacklist,
the last credit read. One row per name, replaced on each write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from isend_tui.store import Store


class MarkName(StrEnum):
    WATCHER_POLL = "watcher_poll"
    BLACKLIST_IMPORT = "blacklist_import"
    CREDIT = "credit"


@dataclass(frozen=True)
class Mark:
    at: datetime
    detail: dict[str, Any]


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def write_mark(store: Store, name: MarkName, at: datetime, **detail: Any) -> None:
    with store.write():
        store.db.execute_sql(
            "INSERT OR REPLACE INTO service_mark (name, at, detail) VALUES (?, ?, ?)",
            (name.value, iso(at), json.dumps(detail, ensure_ascii=False, default=str)),
        )


def read_mark(store: Store, name: MarkName) -> Mark | None:
    row = store.db.execute_sql(
        "SELECT at, detail FROM service_mark WHERE name = ?", (name.value,)
    ).fetchone()
    if row is None:
        return None
    try:
        at = datetime.fromisoformat(str(row[0]))
        detail = json.loads(str(row[1]))
    except ValueError:
        return None  # edited by hand: as if never written
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return Mark(at, detail if isinstance(detail, dict) else {})

"""Progress of a campaign: what `on_event` receives and what campaign_event keeps.

Every event is one translated line (`message`) plus its figures (`data`), so a screen can
show the live log and later the same log read back from the store (`campaign_events`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from isend_tui.store import Store


class EventKind(StrEnum):
    CREATED = "created"  # campaign row created
    PREPARED = "prepared"  # recipients materialised: data done/total
    ESTIMATE = "estimate"  # parts and cost estimate
    STARTED = "started"  # dispatch started (or resumed)
    BATCH = "batch"  # one batch answered: data batch_id, size, sent, refused
    RETRY = "retry"  # nothing sent, retrying after a delay
    UNCERTAIN = "uncertain"  # a batch's outcome is unknown
    RESOLVED = "resolved"  # an uncertain batch was resolved
    SUPPRESSED = "suppressed"  # numbers added to the suppression list (code 11)
    ERROR = "error"  # the campaign stops on an error
    WINDOW = "window"  # outside the sending window
    TEST = "test"  # a test SMS to the admin phone
    EXPORT = "export"  # directory export progress
    FINISHED = "finished"  # final state reached


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class CampaignProgress:
    """One progress line of a campaign."""

    campaign_id: int
    kind: EventKind
    message: str
    level: Level = Level.INFO
    at: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        return f"[{self.at[11:19]}] {self.message}" if self.at else self.message


OnEvent = Callable[[CampaignProgress], None]


def _ignore(event: CampaignProgress) -> None:
    return None


def emitter(on_event: OnEvent | None) -> OnEvent:
    return on_event if on_event is not None else _ignore


def record_events(store: Store, events: list[CampaignProgress]) -> None:
    """Append events to campaign_event (inside the caller's transaction when there is one)."""
    if not events:
        return
    store.db.cursor().executemany(
        "INSERT INTO campaign_event (campaign_id, at, kind, level, message, data) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                e.campaign_id,
                e.at,
                e.kind.value,
                e.level.value,
                e.message,
                json.dumps(dict(e.data), default=str),
            )
            for e in events
        ],
    )


def campaign_events(store: Store, campaign_id: int, *, limit: int = 2000) -> list[CampaignProgress]:
    """The campaign's log, oldest first (the last `limit` lines)."""
    rows = store.db.execute_sql(
        "SELECT at, kind, level, message, data FROM ("
        " SELECT id, at, kind, level, message, data FROM campaign_event"
        " WHERE campaign_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
        (campaign_id, limit),
    ).fetchall()
    return [
        CampaignProgress(
            campaign_id,
            EventKind(row[1]),
            row[3],
            Level(row[2]),
            row[0],
            json.loads(row[4] or "{}"),
        )
        for row in rows
    ]


def stamp(when: datetime) -> str:
    return when.isoformat(timespec="seconds")

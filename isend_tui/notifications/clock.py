"""The watcher's clock: injected, so tests move time by hand (retries, waiting rows).

Instants are stored as ISO 8601 UTC text to the second: they compare as text in SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")

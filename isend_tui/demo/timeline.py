"""The demo shop's time: three years of history up to a fixed reference day.

Times are whole seconds since the start of the span; they are written as shop-local
'YYYY-MM-DD HH:MM:SS' text. Nothing reads the wall clock, so the data is reproducible.
"""

from __future__ import annotations

import datetime as dt

#: The day the demo data is "as of" (never the wall clock: the data must be reproducible).
DEFAULT_REFERENCE_DATE = dt.date(2025, 6, 16)
#: Orders span this many days before the reference date.
SPAN_DAYS = 3 * 365
DAY = 86400


class Timeline:
    def __init__(self, reference_date: dt.date) -> None:
        self.reference_date = reference_date
        start = dt.datetime.combine(reference_date - dt.timedelta(days=SPAN_DAYS), dt.time())
        self.end = SPAN_DAYS * DAY + 20 * 3600  # the reference day, 20:00
        # Precomputed: a big shop writes millions of timestamps.
        self._days = [
            (start.date() + dt.timedelta(days=d)).isoformat() + " " for d in range(SPAN_DAYS + 2)
        ]
        self._clock = [
            f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)
        ]

    def ts(self, seconds: int) -> str:
        """Seconds since the start of the span -> 'YYYY-MM-DD HH:MM:SS' (shop-local)."""
        return self._days[seconds // DAY] + self._clock[seconds % DAY]

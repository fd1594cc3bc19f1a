"""The line the watcher prints after each poll counts in words the merchant reads."""

from __future__ import annotations

from datetime import UTC, datetime

from isend_tui import i18n
from isend_tui.notifications.watcher import PollReport


def test_one_of_each_is_singular_and_many_are_plural() -> None:
    start = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    one = PollReport(start, duration_ms=12.5, occurrences=1, queued=1, sent=1)
    assert one.summary() == (
        "1 événement, 1 à envoyer, 1 envoyé, 0 refusé, 0 non envoyé, 0 incertain en 12.5 ms"
    )
    many = PollReport(start, duration_ms=3, occurrences=3, queued=2, sent=2, refused=2)
    i18n.set_language("en")
    try:
        assert many.summary() == (
            "3 events, 2 to send, 2 sent, 2 refused, 0 not sent, 0 uncertain in 3 ms"
        )
    finally:
        i18n.set_language("fr")

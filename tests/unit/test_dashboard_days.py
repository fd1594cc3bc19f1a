"""The dashboard's days: each notification counted on its Paris day, whatever the shape of
its stored moment (UTC, Paris offset, naive Paris time, a fraction, an offset in half
hours), and each campaign's SMS and delivered ones on the day each batch left (its
counters)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.delivery import accepted_campaign

from isend_tui.dashboard.figures import days
from isend_tui.delivery.receipts import receipts_of
from isend_tui.delivery.record import record_now
from isend_tui.results.sms_days import sms_days
from isend_tui.store import Store, open_store

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))

# (stored sent_at, delivered, the Paris day a person reads on the clock)
SENT = [
    ("2026-03-10T22:59:59+00:00", False, 10),  # 23:59:59 in Paris (winter, UTC+1)
    ("2026-03-10T23:00:00+00:00", True, 11),  # midnight in Paris
    ("2026-03-10T23:30:00.250000+00:00", False, 11),
    ("2026-03-10T23:15:00+01:00", False, 10),  # written in Paris time
    ("2026-03-10T23:45:00", True, 10),  # naive: Paris time
    ("2026-03-10T23:10:00+00:30", False, 10),  # 22:40 UTC: 23:40 in Paris
    ("2026-03-10T23:50:00+00:30", True, 11),  # same stored hour, 00:20 in Paris
    ("2026-03-11T08:00:00+00:00", False, 11),
    ("hier", True, None),  # not a moment: counted nowhere
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def test_each_notification_is_counted_on_its_paris_day(store: Store) -> None:
    with store.write():
        for n, (stamp, delivered, _day) in enumerate(SENT):
            store.db.execute_sql(
                "INSERT INTO notification (created_at, event, occurrence, idempotency_key, "
                "number, message, state, code, sent_at, updated_at, delivery) VALUES (?, "
                "'client.order_state.shipped', ?, ?, '33612345678', 'Colis', 'sent', '0', ?, "
                "?, ?)",
                (stamp, f"o:{n}", f"k:{n}", stamp, stamp, "delivered" if delivered else None),
            )
    found = {d.day: d for d in days(store, NOW, span=5)}
    assert [(d.notification_sms, d.delivered) for d in found.values()] == [
        (0, 0),
        (0, 0),
        (4, 1),
        (4, 2),
        (0, 0),
    ]
    assert list(found)[2] == date(2026, 3, 10)


def test_a_campaign_s_delivered_sms_count_on_its_day(store: Store) -> None:
    campaign_id, ids = accepted_campaign(
        store, [f"3361234{i:04d}" for i in range(4)], finished_at="2026-03-11T10:00:00+01:00"
    )
    with store.write():
        store.db.execute_sql(
            "UPDATE campaign SET kind = 'send', sent = 4, finished_at = updated_at WHERE id = ?",
            (campaign_id,),
        )
    for rid in ids[:3]:
        record_now(store, receipts_of(f"statut=0&tracker=C{campaign_id}R{rid}", b"", ""))
    [day] = [d for d in days(store, NOW, span=5) if d.day == date(2026, 3, 11)]
    assert (day.campaign_sms, day.delivered, day.delivery_rate) == (4, 3, 0.75)


def test_a_campaign_scheduled_ahead_counts_on_the_day_its_sms_leave(store: Store) -> None:
    # Accepted on 1 March for 11 March 09:00 (iSendPro holds it until then), one of its two
    # batches scheduled by its local hours group for 12 March 06:00; a receipt on each.
    campaign_id, ids = accepted_campaign(
        store, [f"3361234{i:04d}" for i in range(3)], finished_at="2026-03-01T10:00:00+01:00"
    )
    with store.write():
        store.db.execute_sql(
            "UPDATE campaign SET kind = 'send', sent = 3, scheduled_for = '2026-03-11 09:00', "
            "finished_at = updated_at WHERE id = ?",
            (campaign_id,),
        )
        cursor = store.db.execute_sql(
            "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
            "started_at, finished_at, send_at) SELECT campaign_id, 'done', 1, ?, ?, started_at, "
            "finished_at, '2026-03-12 06:00' FROM campaign_batch WHERE campaign_id = ?",
            (ids[2], ids[2], campaign_id),
        )
        store.db.execute_sql(
            "UPDATE campaign_recipient SET batch_id = ? WHERE id = ?", (cursor.lastrowid, ids[2])
        )
    for rid in (ids[0], ids[2]):
        record_now(store, receipts_of(f"statut=0&tracker=C{campaign_id}R{rid}", b"", ""))
    found = [(d.day.day, d.campaign_sms, d.delivered) for d in days(store, NOW, span=5)]
    assert found == [(8, 0, 0), (9, 0, 0), (10, 0, 0), (11, 2, 1), (12, 1, 1)]
    assert sms_days(store, campaign_id) == {
        date(2026, 3, 11): (2, 1, 1),
        date(2026, 3, 12): (1, 1, 1),
    }

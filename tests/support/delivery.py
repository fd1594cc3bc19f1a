"""Delivery-receipt helpers: a store holding accepted SMS, as the engines leave them.

`accepted_campaign` writes a campaign whose recipients iSendPro accepted (state 'sent',
one batch) the way the engine does, for the tests of recording and counting that need
no gateway; tests/integration/test_delivery_receipts.py sends real campaigns instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from isend_tui.store import Store


def accepted_campaign(
    store: Store, numbers: Sequence[str], *, finished_at: str = "2026-12-01T10:00:00+00:00"
) -> tuple[int, list[int]]:
    """(campaign id, recipient ids) of a sent campaign to `numbers`."""
    with store.write():
        cursor = store.db.execute_sql(
            "INSERT INTO campaign (label, state, segment, recipients, created_at, updated_at) "
            "VALUES ('test', 'sent', '{}', ?, ?, ?)",
            (len(numbers), finished_at, finished_at),
        )
        campaign_id = int(cursor.lastrowid or 0)
        first = int(
            store.db.execute_sql(
                "SELECT coalesce(max(id), 0) + 1 FROM campaign_recipient"
            ).fetchone()[0]
        )
        cursor = store.db.execute_sql(
            "INSERT INTO campaign_batch (campaign_id, state, size, first_id, last_id, "
            "started_at, finished_at) VALUES (?, 'done', ?, ?, ?, ?, ?)",
            (campaign_id, len(numbers), first, first + len(numbers) - 1, finished_at, finished_at),
        )
        batch_id = int(cursor.lastrowid or 0)
        store.db.connection().executemany(
            "INSERT INTO campaign_recipient (id, campaign_id, number, text, parts, state, "
            "batch_id, code) VALUES (?, ?, ?, 'Bonjour', 1, 'sent', ?, '0')",
            [(first + i, campaign_id, n, batch_id) for i, n in enumerate(numbers)],
        )
    return campaign_id, list(range(first, first + len(numbers)))


def accepted_notification(
    store: Store, number: str, *, sent_at: str = "2026-12-01T10:00:00+00:00"
) -> int:
    with store.write():
        cursor = store.db.execute_sql(
            "INSERT INTO notification (created_at, event, occurrence, idempotency_key, number, "
            "message, state, code, sent_at, updated_at) "
            "VALUES (?, 'client.order_state.shipped', ?, ?, ?, 'Colis parti', 'sent', '0', ?, ?)",
            (sent_at, f"o:{number}", f"k:{number}:{sent_at}", number, sent_at, sent_at),
        )
    return int(cursor.lastrowid or 0)

"""Store tables for delivery receipts (accusés de réception).

Frozen once released: later changes are new entries at the end of store/migrations.py.

- ``campaign_recipient`` and ``notification`` gain the delivery state of an accepted SMS:
  ``delivery`` is delivered | failed_permanent | failed_temporary | expired, NULL while no
  final word came (pending); ``delivery_at`` the receipt's time (UTC ISO), ``delivery_code``
  the gateway's status as received, ``delivery_reason`` a reason key (delivery/states.py
  turns it into words).
- ``delivery_receipt``: every receipt received or pulled, raw. ``receipt_key`` (UNIQUE) is
  what makes the same receipt twice count once; ``kind`` says what it matched: campaign,
  notification, orphan (a tracker that is not ours), unreadable (kept raw for diagnosis,
  only the last few hundred: ``delivery_counter`` keeps how many there were).
- ``delivery_counter``: running totals (unreadable, duplicates) that outlive pruning.
- ``suppression.found_by``: the campaign or notification whose receipt put a number on the
  suppression list (campaign:12, notification:34).
"""

from __future__ import annotations

DELIVERY_TABLES: list[str] = [
    "ALTER TABLE campaign_recipient ADD COLUMN delivery TEXT",
    "ALTER TABLE campaign_recipient ADD COLUMN delivery_at TEXT",
    "ALTER TABLE campaign_recipient ADD COLUMN delivery_code TEXT",
    "ALTER TABLE campaign_recipient ADD COLUMN delivery_reason TEXT",
    "ALTER TABLE notification ADD COLUMN delivery TEXT",
    "ALTER TABLE notification ADD COLUMN delivery_at TEXT",
    "ALTER TABLE notification ADD COLUMN delivery_code TEXT",
    "ALTER TABLE notification ADD COLUMN delivery_reason TEXT",
    "ALTER TABLE suppression ADD COLUMN found_by TEXT",
    """CREATE TABLE delivery_receipt (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,                  -- UTC ISO, when we got it
        receipt_key TEXT UNIQUE,                    -- NULL for unreadable ones
        kind TEXT NOT NULL,                         -- campaign|notification|orphan|unreadable
        via TEXT NOT NULL DEFAULT 'callback',       -- callback | report
        tracker TEXT,
        number TEXT,
        status TEXT,                                -- the gateway's status, as received
        state TEXT,                                 -- what it means (NULL: not final)
        at TEXT,                                    -- the receipt's own date, as received
        campaign_id INTEGER,
        recipient_id INTEGER,
        notification_id INTEGER,
        raw TEXT NOT NULL DEFAULT ''                -- bounded copy of what came
    )""",
    "CREATE INDEX delivery_receipt_by_kind ON delivery_receipt (kind, id)",
    """CREATE TABLE delivery_counter (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    )""",
]

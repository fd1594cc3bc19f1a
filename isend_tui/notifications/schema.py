"""Store tables for event notifications (schema version 4 of the local store).

Frozen once released: later changes are new entries at the end of store/migrations.py.
"""

from __future__ import annotations

NOTIFICATION_TABLES: list[str] = [
    """CREATE TABLE notification_rule (
        id INTEGER PRIMARY KEY,
        event TEXT NOT NULL,                        -- catalogue key, e.g. client.order_state.shipped
        order_state_id INTEGER,                     -- for states chosen by name (payment modules)
        sender TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE notification (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        rule_id INTEGER,
        event TEXT NOT NULL,
        occurrence TEXT NOT NULL,                   -- e.g. order_history:1234
        idempotency_key TEXT NOT NULL UNIQUE,       -- rule + occurrence + recipient
        number TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,                        -- sending|sent|refused|not_sent|uncertain
        code TEXT,
        detail TEXT NOT NULL DEFAULT '',
        id_order INTEGER,
        id_customer INTEGER,
        sent_at TEXT
    )""",
    "CREATE INDEX notification_by_event ON notification (event, id)",
    "CREATE INDEX notification_by_state ON notification (state, id)",
    """CREATE TABLE watcher_cursor (
        name TEXT PRIMARY KEY,                      -- e.g. order_history
        value INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE watcher_snapshot (
        kind TEXT NOT NULL,                         -- tracking | order_totals | return_state
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    )""",
]

"""Store tables for event notifications (schema version 4 of the local store).

Frozen once released: later changes are new entries at the end of store/migrations.py.

- ``notification_rule``: what to send on which event (one rule per event).
- ``notification``: every notification, sent or not; ``idempotency_key`` (rule, occurrence,
  recipient) is UNIQUE, which is what makes "at most one SMS per occurrence" hold across
  crashes and concurrent processes. ``state``: queued -> sending -> sent | refused |
  retry | uncertain; waiting (no number yet) -> queued | not_sent; not_sent is final.
- ``watcher_cursor``: the last auto-increment id read per shop table, plus the ids below it
  not seen yet (``gaps``, JSON [[id, first_seen_epoch], ...]: rows whose transaction may
  still commit) and free-form ``extra`` (JSON) for bookkeeping.
- ``watcher_snapshot``: what a table held last time for the events no id or date reveals
  (tracking numbers of recent orders, guest accounts that may be converted).
"""

from __future__ import annotations

NOTIFICATION_TABLES: list[str] = [
    """CREATE TABLE notification_rule (
        id INTEGER PRIMARY KEY,
        event TEXT NOT NULL,                        -- catalogue key: client.order_state.shipped
        order_state_id INTEGER,                     -- for states chosen by name (payment modules)
        state_name TEXT NOT NULL DEFAULT '',        -- that state's name when the rule was made
        sender TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX notification_rule_by_event ON notification_rule (event)",
    """CREATE TABLE notification (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        rule_id INTEGER,
        event TEXT NOT NULL,
        occurrence TEXT NOT NULL,                   -- e.g. order_history:1234
        idempotency_key TEXT NOT NULL UNIQUE,       -- rule | occurrence | recipient
        recipient TEXT NOT NULL DEFAULT '',         -- admin | customer:<id>
        number TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        ucs2 INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,                        -- see the module docstring
        code TEXT,                                  -- gateway code, or why it was not sent
        detail TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,                       -- retry and waiting rows (UTC ISO)
        id_order INTEGER,
        id_customer INTEGER,
        sent_at TEXT,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX notification_by_event ON notification (event, id)",
    "CREATE INDEX notification_by_code ON notification (code, id)",
    "CREATE INDEX notification_by_state ON notification (state, next_attempt_at, id)",
    """CREATE TABLE watcher_cursor (
        name TEXT PRIMARY KEY,                      -- e.g. order_history
        value INTEGER NOT NULL,
        gaps TEXT NOT NULL DEFAULT '[]',
        extra TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE watcher_snapshot (
        kind TEXT NOT NULL,                         -- tracking | guest
        key INTEGER NOT NULL,                       -- id_order_carrier | id_customer
        ref INTEGER NOT NULL DEFAULT 0,             -- tracking: id_order (window pruning)
        value TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID""",
]

"""Store tables for marketing campaigns (schema version 3 of the local store).

Frozen once released: later changes are new entries at the end of store/migrations.py.
"""

from __future__ import annotations

CAMPAIGN_TABLES: list[str] = [
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'send',          -- send | export
        label TEXT NOT NULL,
        state TEXT NOT NULL,                        -- draft|scheduled|sending|sent|partly_failed|failed|cancelled
        segment TEXT NOT NULL,                      -- the segment's JSON
        message TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        scheduled_for TEXT,                         -- 'YYYY-MM-DD HH:MM' Europe/Paris, NULL = now
        directory_name TEXT,
        directory_id INTEGER,
        recipients INTEGER NOT NULL DEFAULT 0,
        parts_total INTEGER NOT NULL DEFAULT 0,
        parts_max INTEGER NOT NULL DEFAULT 0,
        cost_estimate TEXT,                         -- euros (Decimal as text)
        sent INTEGER NOT NULL DEFAULT 0,
        refused INTEGER NOT NULL DEFAULT 0,
        suppressed INTEGER NOT NULL DEFAULT 0,
        uncertain INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT
    )""",
    """CREATE TABLE campaign_recipient (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        id_customer INTEGER,
        firstname TEXT NOT NULL DEFAULT '',
        lastname TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        parts INTEGER NOT NULL,
        ucs2 INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,                        -- pending|in_flight|sent|refused|suppressed|uncertain
        batch_id INTEGER,
        code TEXT,
        detail TEXT,
        UNIQUE (campaign_id, number)                -- one campaign never reaches a number twice
    )""",
    "CREATE INDEX campaign_recipient_by_state ON campaign_recipient (campaign_id, state, id)",
    """CREATE TABLE campaign_batch (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        state TEXT NOT NULL,                        -- in_flight|done|uncertain|resolved_sent|resolved_resend
        size INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT
    )""",
    "CREATE INDEX campaign_batch_by_state ON campaign_batch (campaign_id, state)",
    """CREATE TABLE campaign_event (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        level TEXT NOT NULL,                        -- info | warning | error
        message TEXT NOT NULL
    )""",
    "CREATE INDEX campaign_event_by_campaign ON campaign_event (campaign_id, id)",
]

"""Store tables for marketing campaigns (schema version 3 of the local store).

Frozen once released: later changes are new entries at the end of store/migrations.py.

- ``campaign``: one row per send or export. ``state`` is draft (prepared, not confirmed),
  sending, scheduled (handed to iSendPro for a later date), sent, partly_failed, failed or
  cancelled. ``prepared_at`` is set once every recipient is materialised: a draft without it
  was interrupted while preparing (nothing was sent).
- ``campaign_recipient``: one row per number, with the merged text and its parts. The
  UNIQUE (campaign_id, number) constraint is what guarantees a number never receives the
  same campaign twice. ``state``: pending, in_flight (its batch was committed as sent to the
  gateway and no reply is recorded yet), sent, refused, suppressed, uncertain.
- ``campaign_batch``: one row per request to the gateway; its recipients have its batch_id
  and ids within [first_id, last_id] (rowid ranges: no index on batch_id to maintain).
  in_flight is committed BEFORE the HTTP request; done after the reply is recorded;
  uncertain when the outcome is unknown (crash, timeout, 5xx after processing); failed
  when nothing was sent (its recipients are pending again); resolved_sent, resolved_resend
  or resolved_checked after a user decision.
- ``campaign_event``: the progress log, as the UI and CLI showed it.
"""

from __future__ import annotations

CAMPAIGN_TABLES: list[str] = [
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'send',          -- send | export
        label TEXT NOT NULL,
        state TEXT NOT NULL,                        -- see the module docstring
        segment TEXT NOT NULL,                      -- the segment's JSON
        message TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        stop_mention INTEGER NOT NULL DEFAULT 0,
        scheduled_for TEXT,                         -- 'YYYY-MM-DD HH:MM' Europe/Paris, NULL = now
        directory_name TEXT,
        directory_id INTEGER,
        excluded TEXT NOT NULL DEFAULT '{}',        -- JSON: reason -> count (segment breakdown)
        recipients INTEGER NOT NULL DEFAULT 0,      -- rows to send (pending at preparation)
        parts_total INTEGER NOT NULL DEFAULT 0,
        parts_max INTEGER NOT NULL DEFAULT 0,
        ucs2_recipients INTEGER NOT NULL DEFAULT 0,
        foreign_recipients INTEGER NOT NULL DEFAULT 0,
        cost_estimate TEXT,                         -- euros (Decimal as text), France price
        sent INTEGER NOT NULL DEFAULT 0,
        refused INTEGER NOT NULL DEFAULT 0,
        suppressed INTEGER NOT NULL DEFAULT 0,
        uncertain INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        prepared_at TEXT,
        confirmed_at TEXT,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT
    )""",
    "CREATE INDEX campaign_by_state ON campaign (state)",
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
        state TEXT NOT NULL,                        -- pending|in_flight|sent|refused|...
        batch_id INTEGER,
        code TEXT,
        detail TEXT,
        UNIQUE (campaign_id, number)                -- one campaign never reaches a number twice
    )""",
    # Only pending rows are indexed for the claim: a row leaving 'pending' leaves the index
    # and later changes (in_flight -> sent) touch no index at all.
    "CREATE INDEX campaign_recipient_pending ON campaign_recipient (campaign_id, ucs2, id) "
    "WHERE state = 'pending'",
    """CREATE TABLE campaign_batch (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        state TEXT NOT NULL,                        -- in_flight|done|failed|uncertain|resolved_*
        size INTEGER NOT NULL,
        ucs2 INTEGER NOT NULL DEFAULT 0,
        first_id INTEGER NOT NULL,                  -- its recipients' ids are in
        last_id INTEGER NOT NULL,                   -- [first_id, last_id] (with batch_id)
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
        kind TEXT NOT NULL,
        level TEXT NOT NULL,                        -- info | warning | error
        message TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'             -- JSON: the event's figures
    )""",
    "CREATE INDEX campaign_event_by_campaign ON campaign_event (campaign_id, id)",
]

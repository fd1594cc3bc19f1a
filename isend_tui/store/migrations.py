"""Forward-only schema migrations, tracked by PRAGMA user_version.

Each entry is raw DDL frozen at the time it was written: models may evolve, a migration
never does. Append new steps at the end; never edit an existing one.
"""

from __future__ import annotations

import logging

import peewee

from isend_tui.store.tables.batch_counts import BATCH_COUNT_TABLES
from isend_tui.store.tables.campaigns import CAMPAIGN_TABLES
from isend_tui.store.tables.delivery import DELIVERY_TABLES
from isend_tui.store.tables.delivery_counts import DELIVERY_COUNT_TABLES
from isend_tui.store.tables.notifications import NOTIFICATION_TABLES

log = logging.getLogger(__name__)

MIGRATIONS: list[list[str]] = [
    # 1: settings (secrets are not here: they live in the 0600 secrets file)
    [
        """CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ],
    # 2: saved segments and the suppression list
    [
        """CREATE TABLE segment (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE suppression (
            number TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        )""",
    ],
    # 3: marketing campaigns
    CAMPAIGN_TABLES,
    # 4: event notifications and the watcher's cursors
    NOTIFICATION_TABLES,
    # 5: a tracking snapshot remembers the last number seen and how often it changed, so
    #    that A -> B -> A notifies the return to A, and A -> (cleared) -> A does not
    [
        "ALTER TABLE watcher_snapshot ADD COLUMN number TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE watcher_snapshot ADD COLUMN changes INTEGER NOT NULL DEFAULT 0",
        "UPDATE watcher_snapshot SET number = value WHERE kind = 'tracking'",
    ],
    # 6: a checkout split into several orders of one reference is notified once per
    #    reference and event (see notifications/same_reference.py)
    [
        "ALTER TABLE notification ADD COLUMN reference_key TEXT",
        "CREATE INDEX notification_by_reference ON notification (reference_key)",
    ],
    # 7: SMS consents imported from the merchant's own lists (consent/imported.py); one
    #    row per person and date, the file and line it came from kept as the proof
    [
        """CREATE TABLE sms_consent (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            given_at TEXT NOT NULL,
            source TEXT NOT NULL,
            file TEXT NOT NULL,
            line INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            UNIQUE (number, email, given_at)
        )""",
        "CREATE INDEX sms_consent_by_number ON sms_consent (number) WHERE number != ''",
        "CREATE INDEX sms_consent_by_email ON sms_consent (email) WHERE email != ''",
    ],
    # 8: the lawful basis of a campaign and, per recipient, the proof of it (source,
    #    date, reference: campaigns/proof.py); NULL on campaigns prepared before
    [
        "ALTER TABLE campaign ADD COLUMN basis TEXT",
        "ALTER TABLE campaign_recipient ADD COLUMN proof_source TEXT",
        "ALTER TABLE campaign_recipient ADD COLUMN proof_date TEXT",
        "ALTER TABLE campaign_recipient ADD COLUMN proof_ref TEXT",
    ],
    # 9: a campaign sent over the frequency caps on the merchant's demand: how many of
    #    its recipients were over them (NULL: the caps applied)
    [
        "ALTER TABLE campaign ADD COLUMN cap_ignored INTEGER",
    ],
    # 10: recipients' own hours: each recipient's local hours group (NULL: Paris', the
    #     campaign's own; campaigns/local_hours.py), claimed in batches of one group, and
    #     the moment each batch was scheduled for (NULL: with the campaign)
    [
        "ALTER TABLE campaign_recipient ADD COLUMN zone TEXT",
        "ALTER TABLE campaign_batch ADD COLUMN send_at TEXT",
        "DROP INDEX campaign_recipient_pending",
        "CREATE INDEX campaign_recipient_pending ON campaign_recipient "
        "(campaign_id, ucs2, zone, id) WHERE state = 'pending'",
    ],
    # 11: the STOP loop (campaigns/suppression.py, campaigns/blacklist_outbox.py). The
    #     suppression journal keeps every addition and withdrawal (date, source, who) as
    #     the proof of an opposition: append-only, nothing deletes a line younger than
    #     three years, and a number leaves the list only once its withdrawal is written.
    #     The outbox holds what is to be pushed to the account's blacklist (set/del
    #     listenoire), retried while the gateway is down.
    [
        "ALTER TABLE suppression ADD COLUMN added_by TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE suppression_log (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            action TEXT NOT NULL,                   -- added | removed
            source TEXT NOT NULL,                   -- the suppression source, or manual
            note TEXT NOT NULL DEFAULT '',
            actor TEXT NOT NULL DEFAULT '',         -- who: cli:alice, tui:bob, ''
            at TEXT NOT NULL
        )""",
        "CREATE INDEX suppression_log_by_number ON suppression_log (number, id)",
        "INSERT INTO suppression_log (number, action, source, note, actor, at) "
        "SELECT number, 'added', source, note, '', added_at FROM suppression ORDER BY added_at",
        """CREATE TRIGGER suppression_added AFTER INSERT ON suppression BEGIN
            INSERT INTO suppression_log (number, action, source, note, actor, at)
            VALUES (NEW.number, 'added', NEW.source, NEW.note, NEW.added_by, NEW.added_at);
        END""",
        """CREATE TRIGGER suppression_removal_recorded BEFORE DELETE ON suppression
        WHEN NOT EXISTS (
            SELECT 1 FROM suppression_log WHERE number = OLD.number AND action = 'removed'
            AND id > (SELECT max(id) FROM suppression_log
                      WHERE number = OLD.number AND action = 'added'))
        BEGIN
            SELECT RAISE(ABORT, 'suppression: record the withdrawal in suppression_log first');
        END""",
        """CREATE TRIGGER suppression_log_kept BEFORE DELETE ON suppression_log
        WHEN OLD.at > strftime('%Y-%m-%dT%H:%M:%S', 'now', '-3 years')
        BEGIN
            SELECT RAISE(ABORT, 'suppression_log: kept three years (proof of opposition)');
        END""",
        """CREATE TRIGGER suppression_log_frozen BEFORE UPDATE ON suppression_log
        BEGIN
            SELECT RAISE(ABORT, 'suppression_log is append-only');
        END""",
        """CREATE TABLE blacklist_push (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            action TEXT NOT NULL,                   -- add | remove
            state TEXT NOT NULL,                    -- waiting|pushing|pushed|refused|superseded
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '',        -- why it waits or was refused
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            claimed_until TEXT,                     -- a pusher's lease (two processes)
            done_at TEXT
        )""",
        "CREATE INDEX blacklist_push_open ON blacklist_push (number, id) "
        "WHERE state IN ('waiting', 'pushing')",
        "CREATE INDEX blacklist_push_by_number ON blacklist_push (number, id)",
    ],
    # 12: health (isend_tui/health/): marks (the watcher's last poll, the last blacklist
    #     import, the last credit read), one state per alert (fired once per crossing,
    #     re-armed when back to normal) and the log of every alert
    [
        """CREATE TABLE service_mark (
            name TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        )""",
        """CREATE TABLE alert_state (
            kind TEXT NOT NULL,                     -- credit_low | failure_rate | watcher_silent
            subject TEXT NOT NULL,                  -- '', notifications, campaign:12
            open INTEGER NOT NULL DEFAULT 0,
            since TEXT,
            message TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (kind, subject)
        ) WITHOUT ROWID""",
        """CREATE TABLE alert_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            event TEXT NOT NULL,                    -- fired | cleared
            message TEXT NOT NULL,
            sms TEXT NOT NULL DEFAULT ''            -- sent | why not
        )""",
    ],
    # 13: delivery receipts: each accepted SMS's delivery state, the receipts themselves
    #     (deduplicated, orphans and unreadable ones kept), who found a dead number
    DELIVERY_TABLES,
    # 14: automations (isend_tui/automations/): each flow's settings and scan state, and on
    #     the notification rows it queues, the flow and the proof of the recipient's basis
    #     (basis, source, date, reference); NULL on notifications of the rules
    [
        """CREATE TABLE automation_flow (
            flow TEXT PRIMARY KEY,
            enabled INTEGER NOT NULL DEFAULT 0,
            settings TEXT NOT NULL DEFAULT '{}',
            started_at TEXT,
            state TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        )""",
        "ALTER TABLE notification ADD COLUMN flow TEXT",
        "ALTER TABLE notification ADD COLUMN proof_basis TEXT",
        "ALTER TABLE notification ADD COLUMN proof_source TEXT",
        "ALTER TABLE notification ADD COLUMN proof_date TEXT",
        "ALTER TABLE notification ADD COLUMN proof_ref TEXT",
        "CREATE INDEX notification_by_flow ON notification (flow, created_at) "
        "WHERE flow IS NOT NULL",
    ],
    # 15: what a campaign earned (isend_tui/results/): the hold-out share and the A/B
    #     texts of a campaign with the seed of their random draws (kept so the draw can be
    #     recomputed), each recipient's variant (NULL: the campaign's one text; state
    #     'holdout' marks the control group, 'held' the remainder kept for the A/B winner
    #     after winner_after hours), and the attribution figures computed from the shop's
    #     orders, cached until the window closes and frozen after it
    [
        "ALTER TABLE campaign ADD COLUMN holdout_pct INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE campaign ADD COLUMN winner_after INTEGER",
        "ALTER TABLE campaign ADD COLUMN variants TEXT",
        "ALTER TABLE campaign ADD COLUMN draw_seed TEXT",
        "ALTER TABLE campaign_recipient ADD COLUMN variant INTEGER",
        """CREATE TABLE campaign_result (
            campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
            computed_at TEXT NOT NULL,
            window_days INTEGER NOT NULL,
            window_end TEXT,
            frozen INTEGER NOT NULL DEFAULT 0,
            figures TEXT NOT NULL
        )""",
    ],
    # 16: an automation SMS's local hours group when its address is not the number's
    #     default (Alsace-Moselle's own holidays; NULL: the number's, campaigns/local_hours)
    [
        "ALTER TABLE notification ADD COLUMN zone TEXT",
    ],
    # 17: each campaign's delivery counters (accepted, delivered, failed, expired), kept by
    #     triggers on its recipients so a list of campaigns reads one row each instead of
    #     grouping all their recipients (the dashboard, État des campagnes)
    DELIVERY_COUNT_TABLES,
    # 18: A/B tests on send times (campaigns/send_times.py): the moments compared, and the
    #     pending recipients claimed in batches of one variant (one moment each)
    [
        "ALTER TABLE campaign ADD COLUMN send_times TEXT",
        "DROP INDEX campaign_recipient_pending",
        "CREATE INDEX campaign_recipient_pending ON campaign_recipient "
        "(campaign_id, ucs2, zone, variant, id) WHERE state = 'pending'",
    ],
    # 19: each campaign batch's SMS counters (accepted, delivered, with a receipt), kept by
    #     triggers on its recipients: the SMS accepted per day of every campaign, for the
    #     dashboard and the report, read from a few rows per campaign (results/sms_days.py)
    BATCH_COUNT_TABLES,
]

SCHEMA_VERSION = len(MIGRATIONS)


def _user_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: peewee.SqliteDatabase) -> int:
    """Bring the store to SCHEMA_VERSION. Safe when two processes start together."""
    current = _user_version(db)
    if current > SCHEMA_VERSION:
        from isend_tui.errors import ConfigError
        from isend_tui.i18n import _

        raise ConfigError(
            _(
                "La base locale a été créée par une version plus récente d'isend-tui "
                "(schéma {found}, cette version connaît {known}). Mettez isend-tui à jour."
            ).format(found=current, known=SCHEMA_VERSION),
            field="data_dir",
        )
    if current == SCHEMA_VERSION:
        return current
    with db.atomic("IMMEDIATE"):
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = _user_version(db)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                db.execute_sql(statement)
            db.execute_sql(f"PRAGMA user_version = {int(version)}")
            log.info("local store migrated to schema %d", version)
    return SCHEMA_VERSION

"""Per-batch SMS counters, kept by the store itself.

Frozen once released: later changes are new entries at the end of store/migrations.py.

``batch_delivery`` holds, per campaign batch, its accepted SMS (recipients in state 'sent'
with that batch_id), how many of them were delivered and how many have a final receipt
(any delivery state). A batch leaves at one moment, so the SMS accepted per day of every
campaign are read from these few rows (results/sms_days.py) instead of every recipient.

Triggers on ``campaign_recipient`` keep it, as ``campaign_delivery``'s do
(store/tables/delivery_counts.py): every insert, deletion and change of a recipient's
state, delivery or batch moves the counters inside the writer's own transaction. The
migration fills them from the rows already there.
"""

from __future__ import annotations

_ADD = """INSERT INTO batch_delivery (batch_id, accepted, delivered, receipts)
        VALUES (NEW.batch_id, {accepted}, {delivered}, {receipts})
        ON CONFLICT (batch_id) DO UPDATE SET
            accepted = accepted + excluded.accepted,
            delivered = delivered + excluded.delivered,
            receipts = receipts + excluded.receipts;"""

_TAKE_OLD = """UPDATE batch_delivery SET
            accepted = accepted - 1,
            delivered = delivered - (OLD.delivery IS 'delivered'),
            receipts = receipts - (OLD.delivery IS NOT NULL)
        WHERE batch_id = OLD.batch_id AND OLD.state = 'sent';"""

_NEW = {
    "accepted": "1",
    "delivered": "(NEW.delivery IS 'delivered')",
    "receipts": "(NEW.delivery IS NOT NULL)",
}

_MOVED = {
    "accepted": "(NEW.state = 'sent') - (OLD.state = 'sent')",
    "delivered": "(NEW.state = 'sent' AND NEW.delivery IS 'delivered') "
    "- (OLD.state = 'sent' AND OLD.delivery IS 'delivered')",
    "receipts": "(NEW.state = 'sent' AND NEW.delivery IS NOT NULL) "
    "- (OLD.state = 'sent' AND OLD.delivery IS NOT NULL)",
}

BATCH_COUNT_TABLES: list[str] = [
    """CREATE TABLE batch_delivery (
        batch_id INTEGER PRIMARY KEY,
        accepted INTEGER NOT NULL DEFAULT 0,            -- recipients in state 'sent'
        delivered INTEGER NOT NULL DEFAULT 0,
        receipts INTEGER NOT NULL DEFAULT 0             -- with a final delivery state
    )""",
    """INSERT INTO batch_delivery (batch_id, accepted, delivered, receipts)
    SELECT batch_id, count(*), sum(delivery IS 'delivered'), sum(delivery IS NOT NULL)
    FROM campaign_recipient WHERE state = 'sent' AND batch_id IS NOT NULL GROUP BY batch_id""",
    f"""CREATE TRIGGER batch_delivery_added AFTER INSERT ON campaign_recipient
    WHEN NEW.state = 'sent' AND NEW.batch_id IS NOT NULL
    BEGIN
        {_ADD.format(**_NEW)}
    END""",
    # The change the code makes: a recipient's state or delivery, within its batch.
    f"""CREATE TRIGGER batch_delivery_changed
    AFTER UPDATE OF state, delivery, batch_id ON campaign_recipient
    WHEN OLD.batch_id IS NEW.batch_id AND NEW.batch_id IS NOT NULL
        AND (OLD.state = 'sent' OR NEW.state = 'sent')
        AND (OLD.state IS NOT NEW.state OR OLD.delivery IS NOT NEW.delivery)
    BEGIN
        {_ADD.format(**_MOVED)}
    END""",
    # A row leaving its batch or joining another (the engine does so only out of 'sent':
    # back to pending; exact all the same).
    f"""CREATE TRIGGER batch_delivery_moved
    AFTER UPDATE OF state, delivery, batch_id ON campaign_recipient
    WHEN OLD.batch_id IS NOT NEW.batch_id AND (OLD.state = 'sent' OR NEW.state = 'sent')
    BEGIN
        {_TAKE_OLD}
        INSERT INTO batch_delivery (batch_id, accepted, delivered, receipts)
        SELECT NEW.batch_id, 1, (NEW.delivery IS 'delivered'), (NEW.delivery IS NOT NULL)
        WHERE NEW.state = 'sent' AND NEW.batch_id IS NOT NULL
        ON CONFLICT (batch_id) DO UPDATE SET
            accepted = accepted + excluded.accepted,
            delivered = delivered + excluded.delivered,
            receipts = receipts + excluded.receipts;
    END""",
    f"""CREATE TRIGGER batch_delivery_removed AFTER DELETE ON campaign_recipient
    WHEN OLD.state = 'sent' AND OLD.batch_id IS NOT NULL
    BEGIN
        {_TAKE_OLD}
    END""",
    """CREATE TRIGGER batch_delivery_dropped AFTER DELETE ON campaign_batch
    BEGIN
        DELETE FROM batch_delivery WHERE batch_id = OLD.id;
    END""",
]

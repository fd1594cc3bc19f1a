"""Per-campaign delivery counters, kept by the store itself.

Frozen once released: later changes are new entries at the end of store/migrations.py.

``campaign_delivery`` holds, per campaign, its accepted SMS (recipients in state 'sent')
and how many of them were delivered, failed (permanently, temporarily) or expired; the
pending ones are the rest. A list of campaigns reads one row each (delivery/queries.py)
instead of grouping every recipient row.

Triggers on ``campaign_recipient`` keep it: every insert, deletion and change of a
recipient's state or delivery, whoever writes it (receipts, expiry, the report's pull, the
send engine, a resume, a cancelled preparation), moves the counters inside the same
transaction, so they commit or roll back with it and cannot drift. The migration fills
them from the rows already there.
"""

from __future__ import annotations

_ADD = """INSERT INTO campaign_delivery (campaign_id, accepted, delivered, failed_permanent,
            failed_temporary, expired)
        VALUES (NEW.campaign_id, {accepted}, {delivered}, {failed_permanent},
            {failed_temporary}, {expired})
        ON CONFLICT (campaign_id) DO UPDATE SET
            accepted = accepted + excluded.accepted,
            delivered = delivered + excluded.delivered,
            failed_permanent = failed_permanent + excluded.failed_permanent,
            failed_temporary = failed_temporary + excluded.failed_temporary,
            expired = expired + excluded.expired;"""

_TAKE_OLD = """UPDATE campaign_delivery SET
            accepted = accepted - 1,
            delivered = delivered - (OLD.delivery IS 'delivered'),
            failed_permanent = failed_permanent - (OLD.delivery IS 'failed_permanent'),
            failed_temporary = failed_temporary - (OLD.delivery IS 'failed_temporary'),
            expired = expired - (OLD.delivery IS 'expired')
        WHERE campaign_id = OLD.campaign_id AND OLD.state = 'sent';"""

_NEW = {
    "accepted": "1",
    "delivered": "(NEW.delivery IS 'delivered')",
    "failed_permanent": "(NEW.delivery IS 'failed_permanent')",
    "failed_temporary": "(NEW.delivery IS 'failed_temporary')",
    "expired": "(NEW.delivery IS 'expired')",
}


def _moved(state: str) -> str:
    """NEW's contribution less OLD's to one column (a row of the same campaign)."""
    if state == "accepted":
        return "(NEW.state = 'sent') - (OLD.state = 'sent')"
    return (
        f"(NEW.state = 'sent' AND NEW.delivery IS '{state}') "
        f"- (OLD.state = 'sent' AND OLD.delivery IS '{state}')"
    )


DELIVERY_COUNT_TABLES: list[str] = [
    """CREATE TABLE campaign_delivery (
        campaign_id INTEGER PRIMARY KEY,
        accepted INTEGER NOT NULL DEFAULT 0,           -- recipients in state 'sent'
        delivered INTEGER NOT NULL DEFAULT 0,
        failed_permanent INTEGER NOT NULL DEFAULT 0,
        failed_temporary INTEGER NOT NULL DEFAULT 0,
        expired INTEGER NOT NULL DEFAULT 0              -- pending: accepted less the others
    )""",
    """INSERT INTO campaign_delivery (campaign_id, accepted, delivered, failed_permanent,
        failed_temporary, expired)
    SELECT campaign_id, count(*), sum(delivery IS 'delivered'),
        sum(delivery IS 'failed_permanent'), sum(delivery IS 'failed_temporary'),
        sum(delivery IS 'expired')
    FROM campaign_recipient WHERE state = 'sent' GROUP BY campaign_id""",
    f"""CREATE TRIGGER campaign_delivery_added AFTER INSERT ON campaign_recipient
    WHEN NEW.state = 'sent'
    BEGIN
        {_ADD.format(**_NEW)}
    END""",
    # The change the code makes: a recipient's state or delivery, within its campaign.
    f"""CREATE TRIGGER campaign_delivery_changed
    AFTER UPDATE OF state, delivery, campaign_id ON campaign_recipient
    WHEN OLD.campaign_id = NEW.campaign_id AND (OLD.state = 'sent' OR NEW.state = 'sent')
        AND (OLD.state IS NOT NEW.state OR OLD.delivery IS NOT NEW.delivery)
    BEGIN
        {_ADD.format(**{name: _moved(name) for name in _NEW})}
    END""",
    # Never done by the code, exact all the same: a row moved to another campaign.
    f"""CREATE TRIGGER campaign_delivery_moved
    AFTER UPDATE OF state, delivery, campaign_id ON campaign_recipient
    WHEN OLD.campaign_id IS NOT NEW.campaign_id AND (OLD.state = 'sent' OR NEW.state = 'sent')
    BEGIN
        {_TAKE_OLD}
        {_ADD.format(**{name: f"(NEW.state = 'sent') * {v}" for name, v in _NEW.items()})}
    END""",
    f"""CREATE TRIGGER campaign_delivery_removed AFTER DELETE ON campaign_recipient
    WHEN OLD.state = 'sent'
    BEGIN
        {_TAKE_OLD}
    END""",
    """CREATE TRIGGER campaign_delivery_dropped AFTER DELETE ON campaign
    BEGIN
        DELETE FROM campaign_delivery WHERE campaign_id = OLD.id;
    END""",
]

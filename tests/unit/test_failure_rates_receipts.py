"""The admin's failure-rate alert counts the failures the delivery receipts report, not
only the gateway's refusals: a campaign whose SMS were all accepted but never arrive
passes the threshold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.delivery import accepted_campaign, accepted_notification

from isend_tui.campaigns.run import tracker_of
from isend_tui.config import Settings
from isend_tui.delivery.receipts import Receipt, Unreadable, receipt_of
from isend_tui.delivery.record import record_now
from isend_tui.health.readings import failure_rates
from isend_tui.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def test_receipts_of_failures_count_in_the_hours_failure_rate(store: Store) -> None:
    now = datetime.now(UTC)  # receipts are stamped when recorded: the real clock
    stamp = now.isoformat(timespec="seconds")
    numbers = [f"336123450{i:02d}" for i in range(30)]
    campaign_id, ids = accepted_campaign(store, numbers, finished_at=stamp)
    with store.write():  # the campaign was active within the hour
        store.db.execute_sql(
            "UPDATE campaign SET kind = 'send', sent = 30, updated_at = ? WHERE id = ?",
            (stamp, campaign_id),
        )
    notification = accepted_notification(store, "33699887766", sent_at=stamp)

    def receipt(rid: int, status: str) -> Receipt | Unreadable:
        return receipt_of({"tracker": tracker_of(campaign_id, rid), "statut": status})

    receipts = [receipt(rid, "2") for rid in ids[:12]]  # unknown numbers
    receipts += [receipt(rid, "0") for rid in ids[12:]]  # delivered
    receipts.append(receipt_of({"tracker": f"n{notification}", "statut": "1"}))
    record_now(store, receipts)
    rates = {rate.subject: rate for rate in failure_rates(store, now)}
    campaign = rates[f"campaign:{campaign_id}"]
    assert (campaign.failed, campaign.tried) == (12, 30)
    assert campaign.crossed(Settings(alert_failure_percent=20, alert_failure_min_sms=20))
    assert (rates["notifications"].failed, rates["notifications"].tried) == (1, 1)

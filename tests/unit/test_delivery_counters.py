"""Each campaign's delivery counters (the store's campaign_delivery, kept by triggers) and
each batch's (batch_delivery: the SMS per day) say what a recount of its recipients says,
whatever happened to them: the send engine's state changes, receipts, duplicates, expiry,
a crash in the middle of recording."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.delivery import accepted_campaign

from isend_tui.campaigns.batch_store import (
    NotAccepted,
    back_to_pending,
    claim_batch,
    mark_sent,
    record_results,
)
from isend_tui.campaigns.model import RecipientState
from isend_tui.delivery.expiry import expire_overdue
from isend_tui.delivery.queries import DeliveryCounts, campaigns_counts, recount_campaigns
from isend_tui.delivery.receipts import Receipt, Unreadable, receipts_of
from isend_tui.delivery.record import record, record_now
from isend_tui.store import Store, open_store
from isend_tui.store.tables.batch_counts import BATCH_COUNT_TABLES
from isend_tui.store.tables.delivery_counts import DELIVERY_COUNT_TABLES

SENT_AT = "2026-12-01T10:00:00+00:00"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def _campaigns(store: Store) -> list[int]:
    return [int(r[0]) for r in store.db.execute_sql("SELECT id FROM campaign").fetchall()]


def agree(store: Store) -> dict[int, DeliveryCounts]:
    """The counters, once checked against the recount and against accepted = delivered +
    failed + expired + pending."""
    ids = _campaigns(store)
    counters = campaigns_counts(store, ids)
    assert counters == recount_campaigns(store, ids)
    for counts in counters.values():
        assert counts.pending >= 0
        total = counts.delivered + counts.failed + counts.expired + counts.pending
        assert counts.accepted == total
    assert batch_counters(store) == recount_batches(store)
    return counters


def batch_counters(store: Store) -> dict[int, tuple[int, int, int]]:
    """Each batch's (accepted, delivered, with a receipt), batches at zero left out."""
    rows = store.db.execute_sql(
        "SELECT batch_id, accepted, delivered, receipts FROM batch_delivery "
        "WHERE accepted OR delivered OR receipts"
    ).fetchall()
    return {int(b): (int(a), int(d), int(r)) for b, a, d, r in rows}


def recount_batches(store: Store) -> dict[int, tuple[int, int, int]]:
    rows = store.db.execute_sql(
        "SELECT batch_id, count(*), sum(delivery IS 'delivered'), sum(delivery IS NOT NULL) "
        "FROM campaign_recipient WHERE state = 'sent' AND batch_id IS NOT NULL "
        "GROUP BY batch_id"
    ).fetchall()
    return {int(b): (int(a), int(d), int(r)) for b, a, d, r in rows}


def receipt(campaign_id: int, recipient_id: int, status: str) -> list[Receipt | Unreadable]:
    return receipts_of(f"statut={status}&tracker=C{campaign_id}R{recipient_id}", b"", "")


def test_receipts_duplicates_and_expiry_keep_the_counters_exact(store: Store) -> None:
    campaign_id, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(12)])
    other, other_ids = accepted_campaign(store, [f"3362234{i:04d}" for i in range(3)])
    assert agree(store)[campaign_id] == DeliveryCounts(accepted=12)
    record_now(
        store,
        receipt(campaign_id, ids[0], "0")  # delivered
        + receipt(campaign_id, ids[1], "2")  # failed for good
        + receipt(campaign_id, ids[2], "1")  # failed for now
        + receipt(campaign_id, ids[3], "1")
        + receipt(other, other_ids[0], "0"),
    )
    assert agree(store)[campaign_id] == DeliveryCounts(
        accepted=12, delivered=1, failed_permanent=1, failed_temporary=2
    )
    # The same receipts again, a later delivery over a temporary failure, a failure after
    # a delivery (ignored: delivered is final) and a receipt for a recipient of nobody.
    tally = record_now(
        store,
        receipt(campaign_id, ids[0], "0")
        + receipt(campaign_id, ids[2], "0")
        + receipt(campaign_id, ids[0], "2")
        + receipt(campaign_id, 999_999, "0"),
    )
    assert tally.duplicates == 1 and tally.orphans == 1
    assert agree(store)[campaign_id] == DeliveryCounts(
        accepted=12, delivered=2, failed_permanent=1, failed_temporary=1
    )
    # Three days on, what had no final word expired; a receipt arriving later still wins.
    later = datetime.fromisoformat(SENT_AT) + timedelta(hours=80)
    assert expire_overdue(store, hours=72, now=later) == 8 + 2
    assert agree(store)[campaign_id].expired == 8
    record_now(store, receipt(campaign_id, ids[4], "0"))
    assert agree(store)[campaign_id] == DeliveryCounts(
        accepted=12, delivered=3, failed_permanent=1, failed_temporary=1, expired=7
    )
    assert agree(store)[other] == DeliveryCounts(accepted=3, delivered=1, expired=2)


def test_the_send_engine_s_state_changes_move_the_accepted_count(store: Store) -> None:
    at = "2026-12-01 10:00"
    with store.write():
        campaign_id = int(
            store.db.execute_sql(
                "INSERT INTO campaign (label, state, segment, recipients, created_at, "
                "updated_at) VALUES ('test', 'sending', '{}', 6, ?, ?)",
                (SENT_AT, SENT_AT),
            ).lastrowid
        )
        store.db.connection().executemany(
            "INSERT INTO campaign_recipient (campaign_id, number, text, parts, state) "
            "VALUES (?, ?, 'Bonjour', 1, 'pending')",
            [(campaign_id, f"336123450{i:02d}") for i in range(6)],
        )
    assert agree(store) == {campaign_id: DeliveryCounts()}
    with store.write():
        batch = claim_batch(store, campaign_id, 6, at)
        assert batch is not None
        refused = NotAccepted(batch.ids[0], RecipientState.REFUSED, "10", "refusé")
        missing = NotAccepted(batch.ids[1], RecipientState.UNCERTAIN, None, None)
        record_results(store, campaign_id, batch, [refused, missing], at)
    assert agree(store)[campaign_id] == DeliveryCounts(accepted=4)
    with store.write():
        mark_sent(store, [batch.ids[1]], "vu dans le rapport")  # an uncertain one settled
    assert agree(store)[campaign_id] == DeliveryCounts(accepted=5)
    record_now(store, receipt(campaign_id, batch.ids[2], "0"))
    with store.write():  # never done to an accepted SMS, counted right all the same
        back_to_pending(store, [batch.ids[2]])
        store.db.execute_sql("DELETE FROM campaign_recipient WHERE id = ?", (batch.ids[3],))
    assert agree(store)[campaign_id] == DeliveryCounts(accepted=3)
    with store.write():
        store.db.execute_sql("DELETE FROM campaign WHERE id = ?", (campaign_id,))
    assert store.db.execute_sql("SELECT count(*) FROM campaign_delivery").fetchone() == (0,)
    assert store.db.execute_sql("SELECT count(*) FROM batch_delivery").fetchone() == (0,)


def test_a_recipient_moved_to_another_batch_counts_in_its_new_one(store: Store) -> None:
    first, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(3)])
    _second, _ids = accepted_campaign(store, [f"3362234{i:04d}" for i in range(2)])
    record_now(store, receipt(first, ids[0], "0") + receipt(first, ids[1], "2"))
    batches = sorted(batch_counters(store))
    assert [batch_counters(store)[b] for b in batches] == [(3, 1, 2), (2, 0, 0)]
    with store.write():  # never done by the code, counted right all the same
        store.db.execute_sql(
            "UPDATE campaign_recipient SET batch_id = ? WHERE id IN (?, ?)",
            (batches[1], ids[0], ids[2]),
        )
        store.db.execute_sql(
            "UPDATE campaign_recipient SET batch_id = NULL WHERE id = ?", (ids[1],)
        )
    agree(store)
    assert batch_counters(store) == {batches[1]: (4, 1, 1)}  # the first one is empty


def test_a_failed_transaction_leaves_the_counters_as_they_were(store: Store) -> None:
    campaign_id, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(4)])
    before = agree(store)
    with pytest.raises(RuntimeError), store.write():
        record(store, receipt(campaign_id, ids[0], "0") + receipt(campaign_id, ids[1], "2"))
        raise RuntimeError("the disk is full")
    assert agree(store) == before


CRASHING_WRITER = """
import os, signal, sys
from isend_tui.delivery.receipts import receipts_of
from isend_tui.delivery.record import record
from isend_tui.store import open_store

store = open_store(__import__("pathlib").Path(sys.argv[1]))
campaign_id, first, last = (int(a) for a in sys.argv[2:5])
with store.write():
    for rid in range(first, last + 1):
        record(store, receipts_of(f"statut=0&tracker=C{campaign_id}R{rid}", b"", ""))
        if rid == first + (last - first) // 2:
            os.kill(os.getpid(), signal.SIGKILL)  # half the receipts recorded, no commit
"""


def test_a_process_killed_while_recording_leaves_counters_and_rows_agreeing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    store = open_store(path)
    campaign_id, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(40)])
    record_now(store, receipt(campaign_id, ids[0], "0"))
    store.close()
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(path), str(campaign_id), str(ids[1]),
         str(ids[-1])],
        capture_output=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert child.returncode == -9, child.stderr
    reopened = open_store(path)
    try:
        assert agree(reopened)[campaign_id] == DeliveryCounts(accepted=40, delivered=1)
        record_now(reopened, receipt(campaign_id, ids[1], "0"))  # the receipt comes again
        assert agree(reopened)[campaign_id] == DeliveryCounts(accepted=40, delivered=2)
    finally:
        reopened.close()


def test_the_migration_counts_the_recipients_already_there(store: Store) -> None:
    first, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(5)])
    second, _ids = accepted_campaign(store, [f"3362234{i:04d}" for i in range(2)])
    record_now(store, receipt(first, ids[0], "0") + receipt(first, ids[1], "1"))
    expected = recount_campaigns(store, [first, second])
    # The store as it was before the counters: no table, no triggers.
    with store.write():
        for name in ("added", "changed", "moved", "removed", "dropped"):
            store.db.execute_sql(f"DROP TRIGGER campaign_delivery_{name}")
        store.db.execute_sql("DROP TABLE campaign_delivery")
        for statement in DELIVERY_COUNT_TABLES:
            store.db.execute_sql(statement)
    assert campaigns_counts(store, [first, second]) == expected
    assert expected[first] == DeliveryCounts(accepted=5, delivered=1, failed_temporary=1)
    assert agree(store)


def test_the_migration_counts_each_batch_s_recipients_already_there(store: Store) -> None:
    first, ids = accepted_campaign(store, [f"3361234{i:04d}" for i in range(5)])
    accepted_campaign(store, [f"3362234{i:04d}" for i in range(2)])
    record_now(store, receipt(first, ids[0], "0") + receipt(first, ids[1], "1"))
    expected = recount_batches(store)
    # The store as it was before the batch counters: no table, no triggers.
    with store.write():
        for name in ("added", "changed", "moved", "removed", "dropped"):
            store.db.execute_sql(f"DROP TRIGGER batch_delivery_{name}")
        store.db.execute_sql("DROP TABLE batch_delivery")
        for statement in BATCH_COUNT_TABLES:
            store.db.execute_sql(statement)
    assert sorted(batch_counters(store).values()) == [(2, 0, 0), (5, 1, 2)]
    assert batch_counters(store) == expected

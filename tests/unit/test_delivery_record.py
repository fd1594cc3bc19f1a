"""Delivery receipts read in any shape, recorded once, counted so that they add up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.delivery import accepted_campaign, accepted_notification

from isend_tui.campaigns import suppression
from isend_tui.delivery.expiry import expire_overdue
from isend_tui.delivery.queries import (
    campaign_counts,
    campaign_recipients,
    notification_deliveries,
    receipt_totals,
)
from isend_tui.delivery.receipts import Receipt, Unreadable, receipts_of
from isend_tui.delivery.record import UNREADABLE_KEPT, record_now
from isend_tui.delivery.states import Delivery, DeliveryFilter
from isend_tui.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("query", "body", "content_type"),
    [
        ("tel=33612345601&statut=0&tracker=C1R2", b"", ""),
        ("", b"TEL=33612345601&STATUT=0&Tracker=C1R2", "application/x-www-form-urlencoded"),
        ("", b'{"Numero": "33612345601", "Status": 0, "TRACKER": "C1R2"}', "application/json"),
        ("tracker=C1R2", b'{"num": 33612345601, "etat": "DELIVRD"}', "text/plain"),
        ("", '[{"tel": "33612345601", "code": "livré", "tracker": "C1R2"}]'.encode(), ""),
    ],
)
def test_a_receipt_is_read_whatever_its_shape(query: str, body: bytes, content_type: str) -> None:
    [receipt] = receipts_of(query, body, content_type)
    assert isinstance(receipt, Receipt)
    assert receipt.state is Delivery.DELIVERED
    assert receipt.target() == ("campaign", 1, 2)


@pytest.mark.parametrize(
    ("query", "body"),
    [
        ("", b""),
        ("tel=336&tracker=C1R2", b""),  # no status
        ("tel=336&statut=977&tracker=C1R2", b""),  # a status nobody knows
        ("statut=0", b""),  # neither tracker nor number
        ("", b"\x00\xff{not json"),
        ("", b"[1, 2, 3]"),
        ("", b"[" * 100_000 + b"]" * 100_000),
    ],
)
def test_what_cannot_be_read_is_kept_raw_never_raised(query: str, body: bytes) -> None:
    found = receipts_of(query, body, "")
    assert found and all(isinstance(item, Unreadable) for item in found)


def test_receipts_move_states_once_and_counts_add_up(store: Store) -> None:
    numbers = [f"3361234560{i}" for i in range(5)]
    campaign_id, ids = accepted_campaign(store, numbers)

    def receipt(i: int, status: str) -> list[Receipt | Unreadable]:
        return receipts_of(
            f"tel={numbers[i]}&statut={status}&tracker=C{campaign_id}R{ids[i]}", b"", ""
        )

    tally = record_now(store, receipt(0, "0") + receipt(1, "2") + receipt(2, "1"))
    assert (tally.recorded, tally.changed, tally.suppressed) == (3, 3, 1)
    again = record_now(store, receipt(0, "0"))
    assert again.duplicates == 1 and again.changed == 0
    # A temporary failure is replaced by a later delivery; a delivery is final.
    record_now(store, receipt(2, "0") + receipt(0, "1"))
    counts = campaign_counts(store, campaign_id)
    assert (counts.delivered, counts.failed_permanent, counts.failed_temporary) == (2, 1, 0)
    assert counts.pending == 2 and counts.accepted == 5
    assert counts.accepted == counts.delivered + counts.failed + counts.expired + counts.pending
    assert counts.rate == pytest.approx(0.4)
    failed = campaign_recipients(store, campaign_id, DeliveryFilter.FAILED)
    assert [r.number for r in failed] == [numbers[1]]
    assert failed[0].reason_words and failed[0].at
    pending = campaign_recipients(store, campaign_id, DeliveryFilter.PENDING)
    assert [r.number for r in pending] == numbers[3:]


def test_a_permanent_failure_is_suppressed_with_who_found_it_a_temporary_never(
    store: Store,
) -> None:
    campaign_id, ids = accepted_campaign(store, ["33612345601", "33612345602"])
    notification_id = accepted_notification(store, "33612345603")
    record_now(
        store,
        receipts_of(f"statut=1&tracker=C{campaign_id}R{ids[0]}", b"", "")
        + receipts_of(f"statut=3&tracker=C{campaign_id}R{ids[1]}", b"", "")
        + receipts_of(f"statut=UNKNOWN&tracker=n{notification_id}", b"", ""),
    )
    entries = {e.number: e.source for e in suppression.list_entries(store)}
    assert entries == {"33612345602": "delivery", "33612345603": "delivery"}
    found_by = dict(store.db.execute_sql("SELECT number, found_by FROM suppression").fetchall())
    assert found_by["33612345602"] == f"campaign:{campaign_id}"
    assert found_by["33612345603"] == f"notification:{notification_id}"
    delivery = notification_deliveries(store, [notification_id])[notification_id]
    assert delivery.state is Delivery.FAILED_PERMANENT
    # Removing it by hand stays possible.
    suppression.remove(store, "33612345602")


def test_orphans_and_unreadable_are_kept_and_counted_bounded(store: Store) -> None:
    record_now(store, receipts_of("statut=0&tracker=C999R1", b"", ""))
    record_now(store, receipts_of("statut=0&tracker=someone-else", b"", ""))
    for i in range(UNREADABLE_KEPT + 20):
        record_now(store, receipts_of(f"garbage={i}", b"", ""))
    totals = receipt_totals(store)
    assert totals.orphans == 2
    assert totals.unreadable == UNREADABLE_KEPT + 20
    kept = store.db.execute_sql(
        "SELECT count(*) FROM delivery_receipt WHERE kind = 'unreadable'"
    ).fetchone()[0]
    assert kept == UNREADABLE_KEPT


def test_no_receipt_after_the_delay_expires_and_a_late_receipt_still_wins(store: Store) -> None:
    campaign_id, ids = accepted_campaign(store, ["33612345601", "33612345602"])
    notification_id = accepted_notification(store, "33612345603")
    before = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 71 h after
    assert expire_overdue(store, hours=72, now=before) == 0
    after = datetime(2026, 12, 4, 11, 0, tzinfo=UTC)
    assert expire_overdue(store, hours=72, now=after) == 3
    assert expire_overdue(store, hours=72, now=after) == 0
    assert campaign_counts(store, campaign_id).expired == 2
    record_now(store, receipts_of(f"statut=0&tracker=C{campaign_id}R{ids[0]}", b"", ""))
    counts = campaign_counts(store, campaign_id)
    assert (counts.delivered, counts.expired, counts.pending) == (1, 1, 0)
    state = notification_deliveries(store, [notification_id])[notification_id].state
    assert state is Delivery.EXPIRED


def test_the_watch_pulls_only_recent_campaigns_still_awaiting_receipts(store: Store) -> None:
    from isend_tui.delivery.pull import campaigns_awaiting

    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    recent, ids = accepted_campaign(store, ["33612345601"], finished_at="2026-12-03T11:00:00+01:00")
    accepted_campaign(store, ["33612345602"], finished_at="2026-11-20T11:00:00+01:00")
    assert campaigns_awaiting(store, hours=72, now=now) == [recent]
    record_now(store, receipts_of(f"statut=0&tracker=C{recent}R{ids[0]}", b"", ""))
    assert campaigns_awaiting(store, hours=72, now=now) == []


def test_expiry_reads_campaign_times_in_paris_and_notification_times_in_utc(
    store: Store,
) -> None:
    # 10:00 Paris is 09:00 UTC: 72 h later is 09:00 UTC, not 10:00.
    campaign_id, _ids = accepted_campaign(
        store, ["33612345601"], finished_at="2026-12-01T10:00:00+01:00"
    )
    assert expire_overdue(store, hours=72, now=datetime(2026, 12, 4, 8, 59, tzinfo=UTC)) == 0
    assert expire_overdue(store, hours=72, now=datetime(2026, 12, 4, 9, 1, tzinfo=UTC)) == 1
    assert campaign_counts(store, campaign_id).expired == 1


def test_a_scheduled_campaign_expires_from_its_date_not_from_when_it_was_handed_over(
    store: Store,
) -> None:
    campaign_id, _ids = accepted_campaign(
        store, ["33612345601"], finished_at="2026-12-01T10:00:00+01:00"
    )
    with store.write():
        store.db.execute_sql(
            "UPDATE campaign SET scheduled_for = '2026-12-05 10:00' WHERE id = ?", (campaign_id,)
        )
    assert expire_overdue(store, hours=72, now=datetime(2026, 12, 6, 12, 0, tzinfo=UTC)) == 0
    assert expire_overdue(store, hours=72, now=datetime(2026, 12, 8, 9, 1, tzinfo=UTC)) == 1

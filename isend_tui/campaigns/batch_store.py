"""The SQL of a campaign's batches: the recipients claimed together for one request to
the gateway, what its answer (or its silence) makes of them, and what a crash left.

Verbs of the same kind as campaign_store's: they run inside the caller's transaction, and
states are written into the SQL text (see there why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from isend_tui.campaigns.campaign_store import (
    BATCH_IN_FLIGHT,
    BATCH_UNCERTAIN,
    IN_FLIGHT,
    PENDING,
    SENT,
    SUPPRESSED,
    UNCERTAIN,
    add_to_counters,
    select_row,
    select_rows,
)
from isend_tui.campaigns.model import BatchState, RecipientState
from isend_tui.gateway.codes import ACCEPTED
from isend_tui.gateway.models import NumberResult
from isend_tui.i18n import N_, _
from isend_tui.segments.exclusions import Exclusion
from isend_tui.store import Store

SUPPRESSED_SINCE = N_("ajouté à la liste d'exclusion depuis la préparation : non envoyé")
"""The detail of a recipient left out at send time (stored in French, shown translated)."""

IN_BATCH = (
    "id BETWEEN (SELECT first_id FROM campaign_batch WHERE id = :batch) "
    "AND (SELECT last_id FROM campaign_batch WHERE id = :batch) AND batch_id = :batch"
)
"""A batch's recipients, by the rowid range the batch recorded."""


@dataclass
class Batch:
    """Recipients claimed together for one request to the gateway (one encoding)."""

    id: int
    ucs2: bool
    ids: list[int]
    numbers: list[str]
    texts: list[str]
    names: list[str]
    attempts: int = 1
    #: the recipients' local hours group (campaigns/local_hours.py), None: Paris'
    zone: str | None = None
    #: iSendPro's date_envoi for this batch (Paris time), None: now
    send_at: str | None = None
    #: the recipients' A/B variant (a text, or a moment of a send-time test), None: none
    variant: int | None = None


def claim_batch(store: Store, campaign_id: int, size: int, at: str) -> Batch | None:
    """The next `size` pending recipients of one encoding, one local hours group and one
    A/B variant (they leave at the same moment) become in_flight in a new batch;
    None when nobody is pending. A number put on the suppression list since the campaign
    was prepared (a STOP received while it was interrupted) is never claimed: it becomes
    'suppressed', with its exclusion reason."""
    rows: list[dict[str, Any]] = []
    while True:
        rows = select_rows(
            store,
            "SELECT id, number, text, ucs2, zone, variant, firstname, lastname, EXISTS (SELECT "
            "1 FROM suppression s WHERE s.number = r.number) AS stopped FROM campaign_recipient "
            f"r WHERE campaign_id = ? AND state = {PENDING} ORDER BY ucs2, zone, variant, id "
            "LIMIT ?",
            (campaign_id, size),
        )
        stopped = [int(r["id"]) for r in rows if r["stopped"]]
        if stopped:
            store.db.connection().executemany(
                f"UPDATE campaign_recipient SET state = {SUPPRESSED}, code = ?, detail = ? "
                "WHERE id = ?",
                [(Exclusion.SUPPRESSED.value, _(SUPPRESSED_SINCE), rid) for rid in stopped],
            )
            rows = [r for r in rows if not r["stopped"]]
            if not rows:
                continue
        break
    if not rows:
        return None
    ucs2, zone, variant = int(rows[0]["ucs2"]), rows[0]["zone"], rows[0]["variant"]
    rows = [
        r for r in rows if int(r["ucs2"]) == ucs2 and r["zone"] == zone and r["variant"] == variant
    ]
    first, last = rows[0]["id"], rows[-1]["id"]
    cursor = store.db.execute_sql(
        "INSERT INTO campaign_batch (campaign_id, state, size, ucs2, first_id, last_id, "
        f"attempts, started_at) VALUES (?, {BATCH_IN_FLIGHT}, ?, ?, ?, ?, 1, ?)",
        (campaign_id, len(rows), ucs2, first, last, at),
    )
    batch_id = int(cursor.lastrowid)
    updated = store.db.execute_sql(
        f"UPDATE campaign_recipient SET state = {IN_FLIGHT}, batch_id = ? "
        f"WHERE campaign_id = ? AND state = {PENDING} AND ucs2 = ? AND zone IS ? "
        "AND variant IS ? AND id BETWEEN ? AND ?",
        (batch_id, campaign_id, ucs2, zone, variant, first, last),
    ).rowcount
    if updated != len(rows):  # pragma: no cover - guarded by the claim's ordering
        raise RuntimeError("claimed rows do not match the batch")
    return Batch(
        id=batch_id,
        ucs2=bool(ucs2),
        ids=[int(r["id"]) for r in rows],
        numbers=[str(r["number"]) for r in rows],
        texts=[str(r["text"]) for r in rows],
        names=[f"{r['firstname'] or ''} {r['lastname'] or ''}".strip() for r in rows],
        zone=zone,
        variant=None if variant is None else int(variant),
    )


def set_send_at(store: Store, batch_id: int, send_at: str | None) -> None:
    """The moment a batch was scheduled for (its group's slot; None: with the campaign)."""
    store.db.execute_sql("UPDATE campaign_batch SET send_at = ? WHERE id = ?", (send_at, batch_id))


def sends_later(store: Store, campaign_id: int, now: str) -> bool:
    """Whether some batch of the campaign was scheduled for a local hours slot after `now`
    ("YYYY-MM-DD HH:MM", Paris time): the campaign is then 'scheduled', not yet sent."""
    row = store.db.execute_sql(
        "SELECT 1 FROM campaign_batch WHERE campaign_id = ? AND send_at > ? LIMIT 1",
        (campaign_id, now),
    ).fetchone()
    return row is not None


@dataclass(frozen=True)
class NotAccepted:
    """A recipient of an answered batch that was not accepted."""

    recipient_id: int
    state: RecipientState
    code: str | None
    detail: str | None


def record_results(
    store: Store,
    campaign_id: int,
    batch: Batch,
    exceptions: Sequence[NotAccepted],
    at: str,
) -> None:
    """The gateway answered a batch: its rows sent, except the refused ones and those
    missing from the answer (uncertain, and so is the batch), and the counters."""
    # Every row as accepted in one statement, then the exceptions row by row.
    store.db.execute_sql(
        f"UPDATE campaign_recipient SET state = {SENT}, code = '{ACCEPTED}' "
        f"WHERE id BETWEEN ? AND ? AND batch_id = ? AND state = {IN_FLIGHT}",
        (batch.ids[0], batch.ids[-1], batch.id),
    )
    if exceptions:
        store.db.connection().executemany(
            "UPDATE campaign_recipient SET state = ?, code = ?, detail = ? WHERE id = ?",
            [(e.state.value, e.code, e.detail, e.recipient_id) for e in exceptions],
        )
    refused = sum(e.state == RecipientState.REFUSED for e in exceptions)
    missing = sum(e.state == RecipientState.UNCERTAIN for e in exceptions)
    state = BatchState.UNCERTAIN if missing else BatchState.DONE
    store.db.execute_sql(
        "UPDATE campaign_batch SET state = ?, attempts = ?, finished_at = ? WHERE id = ?",
        (state.value, batch.attempts, at, batch.id),
    )
    sent = len(batch.ids) - refused - missing
    add_to_counters(store, campaign_id, sent=sent, refused=refused, uncertain=missing, at=at)


def mark_uncertain(
    store: Store,
    campaign_id: int,
    batch_id: int,
    *,
    detail: str,
    error: str,
    at: str,
    attempts: int | None = None,
) -> int:
    """Nobody knows whether the batch went out: its in_flight rows and itself are uncertain
    (never resent without the merchant's decision). Returns the rows marked."""
    marked = int(
        store.db.execute_sql(
            f"UPDATE campaign_recipient SET state = {UNCERTAIN}, detail = :detail "
            f"WHERE {IN_BATCH} AND state = {IN_FLIGHT}",
            {"detail": detail, "batch": batch_id},
        ).rowcount
    )
    store.db.execute_sql(
        f"UPDATE campaign_batch SET state = {BATCH_UNCERTAIN}, "
        "attempts = coalesce(?, attempts), finished_at = ?, error = ? WHERE id = ?",
        (attempts, at, error, batch_id),
    )
    add_to_counters(store, campaign_id, uncertain=marked, at=at)
    return marked


def release_batch(
    store: Store, batch_id: int, *, reason: str, at: str, attempts: int | None = None
) -> None:
    """Nothing of the batch was sent: its recipients are pending again, the batch failed."""
    store.db.execute_sql(
        f"UPDATE campaign_recipient SET state = {PENDING}, batch_id = NULL "
        f"WHERE {IN_BATCH} AND state = {IN_FLIGHT}",
        {"batch": batch_id},
    )
    store.db.execute_sql(
        "UPDATE campaign_batch SET state = ?, attempts = coalesce(?, attempts), "
        "finished_at = ?, error = ? WHERE id = ?",
        (BatchState.FAILED.value, attempts, at, reason, batch_id),
    )


def in_flight_batches(store: Store, campaign_id: int) -> list[tuple[int, int]]:
    """(id, size) of the batches a crash left in flight."""
    return [
        (int(r["id"]), int(r["size"]))
        for r in select_rows(
            store,
            f"SELECT id, size FROM campaign_batch WHERE campaign_id = ? AND state = "
            f"{BATCH_IN_FLIGHT}",
            (campaign_id,),
        )
    ]


def stray_in_flight_uncertain(store: Store, campaign_id: int) -> None:
    """In-flight rows without an in-flight batch cannot exist (claimed atomically); should
    one appear, it is uncertain all the same."""
    store.db.execute_sql(
        f"UPDATE campaign_recipient SET state = {UNCERTAIN} "
        f"WHERE campaign_id = ? AND state = {IN_FLIGHT}",
        (campaign_id,),
    )


def uncertain_batch_ids(store: Store, campaign_id: int) -> tuple[int, ...]:
    return tuple(
        int(r["id"])
        for r in select_rows(
            store,
            f"SELECT id FROM campaign_batch WHERE campaign_id = ? AND state = {BATCH_UNCERTAIN} "
            "ORDER BY id",
            (campaign_id,),
        )
    )


def batch_state(store: Store, batch_id: int) -> tuple[int, BatchState] | None:
    """The batch's campaign and state, None when there is no such batch."""
    row = select_row(
        store, "SELECT campaign_id, state FROM campaign_batch WHERE id = ?", (batch_id,)
    )
    if row is None:
        return None
    return int(row["campaign_id"]), BatchState(row["state"])


def batches_span(store: Store, batch_ids: Sequence[int]) -> tuple[str, str | None]:
    """When the batches were sent: the first start and the last end (None if none ended)."""
    marks = ",".join("?" * len(batch_ids))
    row = select_row(
        store,
        "SELECT min(started_at) AS first, max(coalesce(finished_at, started_at)) AS last "
        f"FROM campaign_batch WHERE id IN ({marks})",
        list(batch_ids),
    )
    assert row is not None  # an aggregate always has its row
    return str(row["first"]), row["last"]


def uncertain_recipients(store: Store, batch_id: int) -> list[tuple[int, str]]:
    """(id, number) of the batch's recipients whose outcome is unknown."""
    return [
        (int(r["id"]), str(r["number"]))
        for r in select_rows(
            store,
            f"SELECT id, number FROM campaign_recipient WHERE {IN_BATCH} AND state = {UNCERTAIN}",
            {"batch": batch_id},
        )
    ]


def mark_sent(store: Store, recipient_ids: Sequence[int], detail: str | None) -> None:
    store.db.connection().executemany(
        f"UPDATE campaign_recipient SET state = {SENT}, detail = ? WHERE id = ?",
        [(detail, rid) for rid in recipient_ids],
    )


def back_to_pending(store: Store, recipient_ids: Sequence[int]) -> None:
    """Recipients to send again: a resume claims them in a new batch."""
    store.db.connection().executemany(
        f"UPDATE campaign_recipient SET state = {PENDING}, batch_id = NULL, detail = NULL "
        "WHERE id = ?",
        [(rid,) for rid in recipient_ids],
    )


def set_batch_state(store: Store, batch_id: int, state: BatchState) -> None:
    store.db.execute_sql(
        "UPDATE campaign_batch SET state = ? WHERE id = ?", (state.value, batch_id)
    )


def answers(numbers: Sequence[str], results: Sequence[NumberResult]) -> list[NumberResult | None]:
    """Each number's answer, found by number, or by position when the gateway answered as
    many numbers as were sent (it may write them another way); None when missing."""
    by_number = {number: i for i, number in enumerate(numbers)}
    aligned = len(results) == len(numbers)
    answers: list[NumberResult | None] = [None] * len(numbers)
    for position, result in enumerate(results):
        index = by_number.get(result.tel)
        if index is None and aligned:
            index = position
        if index is not None and answers[index] is None:
            answers[index] = result
    return answers

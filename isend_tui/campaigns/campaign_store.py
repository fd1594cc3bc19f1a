"""The campaign engine's SQL as named verbs, on the local store's campaign tables.

Every verb runs inside the caller's transaction: the engine opens `store.write()` around
the verbs of one step, so that the step commits whole (the order of those commits is what
makes a crash harmless, see sending.py). Rows are read by column name. States come from
their StrEnums and are written into the SQL text, not bound: they are constants, and a
bound state would keep SQLite from using the partial index on pending recipients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from isend_tui.campaigns.errors import CampaignNotFound
from isend_tui.campaigns.model import BatchState, CampaignKind, CampaignState, RecipientState
from isend_tui.gateway.codes import ACCEPTED
from isend_tui.i18n import N_, _
from isend_tui.segments.exclusions import Exclusion
from isend_tui.store import Store

PENDING = f"'{RecipientState.PENDING}'"
IN_FLIGHT = f"'{RecipientState.IN_FLIGHT}'"
UNCERTAIN = f"'{RecipientState.UNCERTAIN}'"
REFUSED = f"'{RecipientState.REFUSED}'"
SENT = f"'{RecipientState.SENT}'"
SUPPRESSED = f"'{RecipientState.SUPPRESSED}'"
BATCH_IN_FLIGHT = f"'{BatchState.IN_FLIGHT}'"
BATCH_UNCERTAIN = f"'{BatchState.UNCERTAIN}'"

SUPPRESSED_SINCE = N_("ajouté à la liste d'exclusion depuis la préparation : non envoyé")
"""The detail of a recipient left out at send time (stored in French, shown translated)."""

IN_BATCH = (
    "id BETWEEN (SELECT first_id FROM campaign_batch WHERE id = :batch) "
    "AND (SELECT last_id FROM campaign_batch WHERE id = :batch) AND batch_id = :batch"
)
"""A batch's recipients, by the rowid range the batch recorded."""


def _rows(
    store: Store, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    cursor = store.db.execute_sql(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _row(store: Store, sql: str, params: Sequence[Any] | dict[str, Any]) -> dict[str, Any] | None:
    found = _rows(store, sql, params)
    return found[0] if found else None


# --------------------------------------------------------------------------- campaigns


@dataclass
class Campaign:
    """A campaign as the engine sends it."""

    id: int
    kind: CampaignKind
    label: str
    state: CampaignState
    sender: str
    scheduled_for: str | None
    directory_name: str | None
    directory_id: int | None
    parts_total: int
    prepared: bool


def load_campaign(store: Store, campaign_id: int) -> Campaign:
    row = _row(
        store,
        "SELECT id, kind, label, state, sender, scheduled_for, directory_name, directory_id, "
        "parts_total, prepared_at FROM campaign WHERE id = ?",
        (campaign_id,),
    )
    if row is None:
        raise CampaignNotFound(campaign_id)
    return Campaign(
        id=int(row["id"]),
        kind=CampaignKind(row["kind"]),
        label=str(row["label"]),
        state=CampaignState(row["state"]),
        sender=str(row["sender"] or ""),
        scheduled_for=row["scheduled_for"],
        directory_name=row["directory_name"],
        directory_id=int(row["directory_id"]) if row["directory_id"] is not None else None,
        parts_total=int(row["parts_total"]),
        prepared=row["prepared_at"] is not None,
    )


def campaign_state(store: Store, campaign_id: int) -> tuple[CampaignState, str | None]:
    """The campaign's state and its stored scheduled_for."""
    row = _row(store, "SELECT state, scheduled_for FROM campaign WHERE id = ?", (campaign_id,))
    if row is None:
        raise CampaignNotFound(campaign_id)
    return CampaignState(row["state"]), row["scheduled_for"]


def mark_confirmed(store: Store, campaign_id: int, at: str) -> None:
    """The merchant confirmed the draft: it is sending from now on."""
    store.db.execute_sql(
        "UPDATE campaign SET state = ?, confirmed_at = ?, updated_at = ? WHERE id = ?",
        (CampaignState.SENDING.value, at, at, campaign_id),
    )


def mark_sending(store: Store, campaign_id: int, at: str) -> None:
    """A send starts (or resumes): the reason of an earlier stop is cleared."""
    store.db.execute_sql(
        "UPDATE campaign SET state = ?, error = NULL, updated_at = ? WHERE id = ?",
        (CampaignState.SENDING.value, at, campaign_id),
    )


def record_outcome(
    store: Store,
    campaign_id: int,
    state: CampaignState,
    *,
    error: str | None,
    finished_at: str | None,
    at: str,
) -> None:
    store.db.execute_sql(
        "UPDATE campaign SET state = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ?",
        (state.value, error, finished_at, at, campaign_id),
    )


def close_settled(store: Store, campaign_id: int, state: CampaignState, at: str) -> None:
    """Every uncertain batch settled and nothing left to send: the campaign is done."""
    store.db.execute_sql(
        "UPDATE campaign SET state = ?, error = NULL, finished_at = ? WHERE id = ?",
        (state.value, at, campaign_id),
    )


def set_directory(store: Store, campaign_id: int, directory_id: int, at: str) -> None:
    """The export's iSendPro directory is created: remembered, so a resume adds to it."""
    store.db.execute_sql(
        "UPDATE campaign SET directory_id = ?, state = ?, "
        "confirmed_at = coalesce(confirmed_at, ?), updated_at = ? WHERE id = ?",
        (directory_id, CampaignState.SENDING.value, at, at, campaign_id),
    )


def set_cost_estimate(store: Store, campaign_id: int, estimate: str | None) -> None:
    store.db.execute_sql(
        "UPDATE campaign SET cost_estimate = ? WHERE id = ?", (estimate, campaign_id)
    )


def plan_figures(store: Store, campaign_id: int) -> dict[str, Any] | None:
    """What the confirmation summary of a prepared campaign is made of."""
    return _row(
        store,
        "SELECT kind, label, recipients, suppressed, refused, excluded, foreign_recipients, "
        "ucs2_recipients, parts_max, parts_total, stop_mention, scheduled_for, prepared_at, "
        "directory_name, message, sender, basis, cap_ignored FROM campaign WHERE id = ?",
        (campaign_id,),
    )


# --------------------------------------------------------------------------- counters


@dataclass
class Counts:
    """A campaign's recipients by state."""

    pending: int = 0
    in_flight: int = 0
    sent: int = 0
    refused: int = 0
    suppressed: int = 0
    uncertain: int = 0


_COUNTED = {f.name for f in fields(Counts)}


def count_by_state(store: Store, campaign_id: int) -> Counts:
    counts = Counts()
    for row in _rows(
        store,
        "SELECT state, count(*) AS n FROM campaign_recipient WHERE campaign_id = ? GROUP BY state",
        (campaign_id,),
    ):
        if row["state"] in _COUNTED:
            setattr(counts, str(row["state"]), int(row["n"]))
    return counts


def sync_counters(store: Store, campaign_id: int, at: str) -> Counts:
    """The campaign's counters recounted from its recipients."""
    counts = count_by_state(store, campaign_id)
    store.db.execute_sql(
        "UPDATE campaign SET sent = ?, refused = ?, suppressed = ?, uncertain = ?, "
        "updated_at = ? WHERE id = ?",
        (counts.sent, counts.refused, counts.suppressed, counts.uncertain, at, campaign_id),
    )
    return counts


def _add_to_counters(
    store: Store, campaign_id: int, *, sent: int = 0, refused: int = 0, uncertain: int = 0, at: str
) -> None:
    store.db.execute_sql(
        "UPDATE campaign SET sent = sent + ?, refused = refused + ?, "
        "uncertain = uncertain + ?, updated_at = ? WHERE id = ?",
        (sent, refused, uncertain, at, campaign_id),
    )


# --------------------------------------------------------------------------- batches


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


def claim_batch(store: Store, campaign_id: int, size: int, at: str) -> Batch | None:
    """The next `size` pending recipients of one encoding become in_flight in a new batch;
    None when nobody is pending. A number put on the suppression list since the campaign
    was prepared (a STOP received while it was interrupted) is never claimed: it becomes
    'suppressed', with its exclusion reason."""
    rows: list[dict[str, Any]] = []
    while True:
        rows = _rows(
            store,
            "SELECT id, number, text, ucs2, firstname, lastname, EXISTS (SELECT 1 FROM "
            "suppression s WHERE s.number = r.number) AS stopped FROM campaign_recipient r "
            f"WHERE campaign_id = ? AND state = {PENDING} ORDER BY ucs2, id LIMIT ?",
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
    ucs2 = int(rows[0]["ucs2"])
    rows = [r for r in rows if int(r["ucs2"]) == ucs2]
    first, last = rows[0]["id"], rows[-1]["id"]
    cursor = store.db.execute_sql(
        "INSERT INTO campaign_batch (campaign_id, state, size, ucs2, first_id, last_id, "
        f"attempts, started_at) VALUES (?, {BATCH_IN_FLIGHT}, ?, ?, ?, ?, 1, ?)",
        (campaign_id, len(rows), ucs2, first, last, at),
    )
    batch_id = int(cursor.lastrowid)
    updated = store.db.execute_sql(
        f"UPDATE campaign_recipient SET state = {IN_FLIGHT}, batch_id = ? "
        f"WHERE campaign_id = ? AND state = {PENDING} AND ucs2 = ? AND id BETWEEN ? AND ?",
        (batch_id, campaign_id, ucs2, first, last),
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
    )


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
    _add_to_counters(store, campaign_id, sent=sent, refused=refused, uncertain=missing, at=at)


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
    _add_to_counters(store, campaign_id, uncertain=marked, at=at)
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
        for r in _rows(
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
        for r in _rows(
            store,
            f"SELECT id FROM campaign_batch WHERE campaign_id = ? AND state = {BATCH_UNCERTAIN} "
            "ORDER BY id",
            (campaign_id,),
        )
    )


def batch_state(store: Store, batch_id: int) -> tuple[int, BatchState] | None:
    """The batch's campaign and state, None when there is no such batch."""
    row = _row(store, "SELECT campaign_id, state FROM campaign_batch WHERE id = ?", (batch_id,))
    if row is None:
        return None
    return int(row["campaign_id"]), BatchState(row["state"])


def batches_span(store: Store, batch_ids: Sequence[int]) -> tuple[str, str | None]:
    """When the batches were sent: the first start and the last end (None if none ended)."""
    marks = ",".join("?" * len(batch_ids))
    row = _row(
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
        for r in _rows(
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


# --------------------------------------------------------------------------- recipients


def refused_numbers(store: Store, campaign_id: int) -> tuple[tuple[str, str, str], ...]:
    """(number, code, detail) of every refused recipient, in order."""
    return tuple(
        (str(r["number"]), str(r["code"] or ""), str(r["detail"] or ""))
        for r in _rows(
            store,
            "SELECT number, code, detail FROM campaign_recipient "
            f"WHERE campaign_id = ? AND state = {REFUSED} ORDER BY id",
            (campaign_id,),
        )
    )


def message_for_test(
    store: Store, campaign_id: int, recipient_id: int | None
) -> tuple[str, str | None, str | None] | None:
    """(sender, number, text) for a test SMS: `recipient_id`'s, or the first recipient's
    that is or was to be sent; None when the campaign does not exist."""
    sql = "SELECT c.sender, r.number, r.text FROM campaign c LEFT JOIN campaign_recipient r "
    if recipient_id is not None:
        sql += "ON r.campaign_id = c.id AND r.id = ? WHERE c.id = ?"
        params: tuple[int, ...] = (recipient_id, campaign_id)
    else:
        sql += (
            "ON r.id = (SELECT id FROM campaign_recipient WHERE campaign_id = c.id AND "
            f"state IN ({PENDING}, {SENT}, {IN_FLIGHT}, {UNCERTAIN}) ORDER BY id LIMIT 1) "
            "WHERE c.id = ?"
        )
        params = (campaign_id,)
    row = _row(store, sql, params)
    if row is None:
        return None
    return str(row["sender"] or ""), row["number"], row["text"]

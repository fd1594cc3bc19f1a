"""The campaign engine's SQL as named verbs, on the local store's campaign tables: the
campaign, its counters and its recipients; a batch's verbs are in batch_store.py.

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

from isend_tui.campaigns import send_times
from isend_tui.campaigns.errors import CampaignNotFound
from isend_tui.campaigns.model import BatchState, CampaignKind, CampaignState, RecipientState
from isend_tui.store import Store

PENDING = f"'{RecipientState.PENDING}'"
IN_FLIGHT = f"'{RecipientState.IN_FLIGHT}'"
UNCERTAIN = f"'{RecipientState.UNCERTAIN}'"
REFUSED = f"'{RecipientState.REFUSED}'"
SENT = f"'{RecipientState.SENT}'"
SUPPRESSED = f"'{RecipientState.SUPPRESSED}'"
BATCH_IN_FLIGHT = f"'{BatchState.IN_FLIGHT}'"
BATCH_UNCERTAIN = f"'{BatchState.UNCERTAIN}'"


def select_rows(
    store: Store, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    cursor = store.db.execute_sql(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def select_row(
    store: Store, sql: str, params: Sequence[Any] | dict[str, Any]
) -> dict[str, Any] | None:
    found = select_rows(store, sql, params)
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
    #: an A/B test on send times: its moments, moment A first (send_times.py)
    send_times: tuple[str, ...] = ()


def load_campaign(store: Store, campaign_id: int) -> Campaign:
    row = select_row(
        store,
        "SELECT id, kind, label, state, sender, scheduled_for, directory_name, directory_id, "
        "parts_total, prepared_at, send_times FROM campaign WHERE id = ?",
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
        send_times=send_times.from_json(row["send_times"]),
    )


def campaign_state(store: Store, campaign_id: int) -> tuple[CampaignState, str | None]:
    """The campaign's state and its stored scheduled_for."""
    row = select_row(
        store, "SELECT state, scheduled_for FROM campaign WHERE id = ?", (campaign_id,)
    )
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
    return select_row(
        store,
        "SELECT kind, label, recipients, suppressed, refused, excluded, foreign_recipients, "
        "ucs2_recipients, parts_max, parts_total, stop_mention, scheduled_for, prepared_at, "
        "directory_name, message, sender, basis, cap_ignored, variants, winner_after, "
        "send_times "
        "FROM campaign WHERE id = ?",
        (campaign_id,),
    )


def draw_counts(store: Store, campaign_id: int) -> list[tuple[str, int | None, int]]:
    """(state, variant, recipients) of a campaign's recipients to send, kept for the A/B
    winner or kept in the hold-out group: what its random draws gave."""
    rows = store.db.execute_sql(
        "SELECT state, variant, count(*) FROM campaign_recipient WHERE campaign_id = ? AND "
        f"state IN ({PENDING}, '{RecipientState.HELD}', '{RecipientState.HOLDOUT}') "
        "GROUP BY state, variant ORDER BY state, variant",
        (campaign_id,),
    ).fetchall()
    return [(str(state), None if v is None else int(v), int(n)) for state, v, n in rows]


def pending_by_zone(store: Store, campaign_id: int) -> list[tuple[str, int | None, int]]:
    """The pending recipients of each local hours group but Paris' (local_hours.py), and
    of each A/B variant in it: (zone, variant, recipients)."""
    rows = store.db.execute_sql(
        f"SELECT zone, variant, COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND "
        f"state = {PENDING} AND zone IS NOT NULL GROUP BY zone, variant "
        "ORDER BY zone, variant",
        (campaign_id,),
    ).fetchall()
    return [(str(zone), None if v is None else int(v), int(n)) for zone, v, n in rows]


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
    for row in select_rows(
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


def add_to_counters(
    store: Store, campaign_id: int, *, sent: int = 0, refused: int = 0, uncertain: int = 0, at: str
) -> None:
    store.db.execute_sql(
        "UPDATE campaign SET sent = sent + ?, refused = refused + ?, "
        "uncertain = uncertain + ?, updated_at = ? WHERE id = ?",
        (sent, refused, uncertain, at, campaign_id),
    )


# --------------------------------------------------------------------------- recipients


def refused_numbers(store: Store, campaign_id: int) -> tuple[tuple[str, str, str], ...]:
    """(number, code, detail) of every refused recipient, in order."""
    return tuple(
        (str(r["number"]), str(r["code"] or ""), str(r["detail"] or ""))
        for r in select_rows(
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
    row = select_row(store, sql, params)
    if row is None:
        return None
    return str(row["sender"] or ""), row["number"], row["text"]

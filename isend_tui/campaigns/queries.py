"""Reading campaigns back: lists, details and their summary, interrupted ones, results as
CSV. Blocking (except the summary's rendering)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from isend_tui.campaigns import send_times
from isend_tui.campaigns.errors import CampaignNotFound
from isend_tui.campaigns.locks import is_running
from isend_tui.campaigns.model import (
    BatchInfo,
    CampaignDetail,
    CampaignSummary,
    InterruptedCampaign,
)
from isend_tui.exports import write_spreadsheet_csv
from isend_tui.formatting import count, money
from isend_tui.i18n import _
from isend_tui.store import Store

_SUMMARY_COLUMNS = (
    "c.id, c.kind, c.label, c.state, c.created_at, c.scheduled_for, c.recipients, "
    "c.parts_total, c.cost_estimate, c.sent, c.refused, c.suppressed, c.uncertain, c.error, "
    "(SELECT count(*) FROM campaign_recipient r WHERE r.campaign_id = c.id "
    " AND r.state = 'pending')"
)


def _summary(row: Sequence[Any]) -> CampaignSummary:
    return CampaignSummary(
        id=int(row[0]),
        kind=str(row[1]),
        label=str(row[2]),
        state=str(row[3]),
        created_at=str(row[4]),
        scheduled_for=str(row[5]) if row[5] is not None else None,
        recipients=int(row[6]),
        parts_total=int(row[7]),
        cost_estimate=str(row[8]) if row[8] is not None else None,
        sent=int(row[9]),
        refused=int(row[10]),
        suppressed=int(row[11]),
        uncertain=int(row[12]),
        error=str(row[13]) if row[13] is not None else None,
        pending=int(row[14]),
    )


def format_estimate(value: str | None) -> str:
    """A stored cost estimate in euros, "—" when there is none."""
    if not value:
        return "—"
    try:
        return money(Decimal(value))
    except InvalidOperation:
        return value


def summary_lines(summary: CampaignSummary) -> list[str]:
    """A campaign's figures, as its details in the history and `campaign show` print them."""
    return [
        _(
            "Destinataires : {n} · envoyés : {sent} · refusés : {refused} · exclus : "
            "{suppressed} · incertains : {uncertain} · en attente : {pending}"
        ).format(
            n=count(summary.recipients),
            sent=count(summary.sent),
            refused=count(summary.refused),
            suppressed=count(summary.suppressed),
            uncertain=count(summary.uncertain),
            pending=count(summary.pending),
        ),
        _("SMS facturés (estimation) : {parts} · coût estimé : {cost}").format(
            parts=count(summary.parts_total), cost=format_estimate(summary.cost_estimate)
        ),
    ]


def list_campaigns(store: Store, limit: int = 500) -> list[CampaignSummary]:
    """The most recent campaigns first."""
    rows = store.db.execute_sql(
        f"SELECT {_SUMMARY_COLUMNS} FROM campaign c ORDER BY c.id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [_summary(tuple(r)) for r in rows]


def _batch(row: Sequence[Any]) -> BatchInfo:
    return BatchInfo(
        id=int(row[0]),
        campaign_id=int(row[1]),
        state=str(row[2]),
        size=int(row[3]),
        ucs2=bool(row[4]),
        attempts=int(row[5]),
        started_at=str(row[6]),
        finished_at=str(row[7]) if row[7] is not None else None,
        error=str(row[8]) if row[8] is not None else None,
        uncertain_numbers=int(row[9]),
    )


def uncertain_batches(store: Store, campaign_id: int) -> list[BatchInfo]:
    rows = store.db.execute_sql(
        "SELECT b.id, b.campaign_id, b.state, b.size, b.ucs2, b.attempts, b.started_at, "
        "b.finished_at, b.error, (SELECT count(*) FROM campaign_recipient r "
        " WHERE r.id BETWEEN b.first_id AND b.last_id AND r.batch_id = b.id"
        " AND r.state = 'uncertain') "
        "FROM campaign_batch b WHERE b.campaign_id = ? AND b.state = 'uncertain' ORDER BY b.id",
        (campaign_id,),
    ).fetchall()
    return [_batch(tuple(r)) for r in rows]


def campaign_detail(store: Store, campaign_id: int) -> CampaignDetail:
    row = store.db.execute_sql(
        f"SELECT {_SUMMARY_COLUMNS}, c.message, c.sender, c.segment, c.directory_name, "
        "c.directory_id, c.parts_max, c.excluded, c.finished_at, c.send_times FROM campaign c "
        "WHERE c.id = ?",
        (campaign_id,),
    ).fetchone()
    if row is None:
        raise CampaignNotFound(campaign_id)
    by_state = {
        str(state): int(n)
        for state, n in store.db.execute_sql(
            "SELECT state, count(*) FROM campaign_recipient WHERE campaign_id = ? GROUP BY state",
            (campaign_id,),
        ).fetchall()
    }
    return CampaignDetail(
        summary=_summary(tuple(row[:15])),
        message=str(row[15]),
        sender=str(row[16]),
        segment=str(row[17]),
        directory_name=row[18],
        directory_id=int(row[19]) if row[19] is not None else None,
        parts_max=int(row[20]),
        excluded=json.loads(row[21] or "{}"),
        by_state=by_state,
        uncertain_batches=tuple(uncertain_batches(store, campaign_id)),
        finished_at=row[22],
        send_times=send_times.from_json(row[23]),
    )


def interrupted_campaigns(store: Store) -> list[InterruptedCampaign]:
    """Campaigns a crash or a stop left unfinished, that no live process is sending: still
    'sending', or stopped with recipients pending or uncertain batches. The TUI offers to
    resume them on start."""
    rows = store.db.execute_sql(
        "SELECT c.id, c.label, c.state, "
        " (SELECT count(*) FROM campaign_recipient r WHERE r.campaign_id = c.id "
        "  AND r.state IN ('pending', 'in_flight')) "
        "FROM campaign c WHERE c.prepared_at IS NOT NULL AND ("
        " c.state = 'sending' OR (c.state IN ('failed', 'partly_failed', 'sent', 'scheduled') AND ("
        "  EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = c.id"
        "          AND r.state IN ('pending', 'in_flight'))"
        "  OR EXISTS (SELECT 1 FROM campaign_batch b WHERE b.campaign_id = c.id"
        "             AND b.state IN ('uncertain', 'in_flight'))))) ORDER BY c.id"
    ).fetchall()
    found = []
    for campaign_id, label, state, pending in rows:
        if is_running(store, int(campaign_id)):
            continue
        found.append(
            InterruptedCampaign(
                int(campaign_id),
                str(label),
                str(state),
                int(pending),
                tuple(uncertain_batches(store, int(campaign_id))),
            )
        )
    return found


CSV_HEADER = (
    "numero",
    "id_client",
    "prenom",
    "nom",
    "email",
    "pays",
    "etat",
    "code",
    "detail",
    "sms",
    "ucs2",
    "lot",
    "message",
)


def campaign_results_csv(store: Store, campaign_id: int, path: str | Path) -> int:
    """Write one line per recipient (UTF-8 with BOM, ';' as in French spreadsheets);
    returns the number of lines. Streams: constant memory. An export (exports.py): cells
    made inert for spreadsheets, the file readable by its owner only, a folder refused."""
    exists = store.db.execute_sql("SELECT 1 FROM campaign WHERE id = ?", (campaign_id,))
    if exists.fetchone() is None:
        raise CampaignNotFound(campaign_id)
    cursor = store.db.execute_sql(
        "SELECT number, id_customer, firstname, lastname, email, country, state, code, detail, "
        "parts, ucs2, batch_id, text FROM campaign_recipient WHERE campaign_id = ? ORDER BY id",
        (campaign_id,),
    )

    return write_spreadsheet_csv(path, CSV_HEADER, streamed(cursor))


def streamed(cursor: Any) -> Iterator[Sequence[object]]:
    """The cursor's rows, fetched a few thousand at a time (constant memory)."""
    while rows := cursor.fetchmany(2000):
        yield from rows


def _recipient_filter(
    campaign_id: int, state: str | None, search: str | None, condition: str | None = None
) -> tuple[str, list[object]]:
    """The WHERE clause of a campaign's recipients filtered by state, by a search text:
    part of a number (typed the French way or not: "06 12", "+33 6 12", "3361") or of a
    name, and by a `condition` of the layers above (delivery's filters: delivery/queries.py)."""
    where = "campaign_id = ?"
    params: list[object] = [campaign_id]
    if state is not None:
        where += " AND state = ?"
        params.append(state)
    if condition is not None:
        where += f" AND ({condition})"
    text = (search or "").strip()
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and not any(ch.isalpha() for ch in text):
            if digits.startswith("00"):
                digits = digits[2:]
            elif digits.startswith("0"):
                digits = "33" + digits[1:]  # a French national number, as stored
            where += " AND instr(number, ?) > 0"
            params.append(digits)
        else:
            where += (
                " AND (firstname || ' ' || lastname LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')"
            )
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params.extend([like, like])
    return where, params


def count_campaign_recipients(
    store: Store,
    campaign_id: int,
    *,
    state: str | None = None,
    search: str | None = None,
    condition: str | None = None,
) -> int:
    where, params = _recipient_filter(campaign_id, state, search, condition)
    row = store.db.execute_sql(f"SELECT count(*) FROM campaign_recipient WHERE {where}", params)
    return int(row.fetchone()[0])


def campaign_recipients(
    store: Store,
    campaign_id: int,
    *,
    state: str | None = None,
    search: str | None = None,
    condition: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, object]]:
    """A page of recipients (for a table, or to choose the test recipient), each with its
    delivery (None while no receipt came) and its reason code."""
    where, params = _recipient_filter(campaign_id, state, search, condition)
    sql = (
        "SELECT id, number, firstname, lastname, email, country, state, code, detail, parts, "
        "ucs2, text, delivery, delivery_at, delivery_reason FROM campaign_recipient "
        f"WHERE {where} ORDER BY id LIMIT ? OFFSET ?"
    )
    params.extend([limit, offset])
    names = (
        *("id", "number", "firstname", "lastname", "email", "country", "state", "code"),
        *("detail", "parts", "ucs2", "text", "delivery", "delivery_at", "delivery_reason"),
    )
    return [dict(zip(names, row, strict=True)) for row in store.db.execute_sql(sql, params)]

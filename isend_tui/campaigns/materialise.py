"""Writing a draft's recipients into the store: each one's message merged, written by
chunks (one executemany inside one write transaction each), so memory stays constant
whatever the size, with the progress told after every chunk and at least every
PROGRESS_EVERY_S; then the draft's totals (prepare.py creates the draft and calls this)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from isend_tui.campaigns.draws import in_holdout, in_remainder, variant_of
from isend_tui.campaigns.events import CampaignProgress, EventKind, OnEvent, record_events, stamp
from isend_tui.campaigns.local_hours import group_of
from isend_tui.campaigns.merge import Merger, require_gsm7_for_france, too_long_reason
from isend_tui.campaigns.model import CampaignKind, RecipientLike, RecipientState
from isend_tui.campaigns.validation import ValidRequest
from isend_tui.campaigns.window import Clock, to_paris
from isend_tui.formatting import count, counted, plural
from isend_tui.i18n import _
from isend_tui.segments.exclusions import Exclusion
from isend_tui.sms.encoding import MAX_PARTS
from isend_tui.sms.rules import gsm7_required
from isend_tui.store import Store

#: Recipients written per transaction, and the longest the progress stays silent while
#: recipients are read (checked every _CLOCK_EVERY recipients).
CHUNK_SIZE = 5000
PROGRESS_EVERY_S = 0.5
_CLOCK_EVERY = 250


# --------------------------------------------------------------------------- preparation

_INSERT = (
    "INSERT OR IGNORE INTO campaign_recipient (campaign_id, number, id_customer, firstname, "
    "lastname, email, country, text, parts, ucs2, state, code, detail, proof_source, "
    "proof_date, proof_ref, zone, variant) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_NO_PROOF: tuple[None, None, None] = (None, None, None)


def _proof_columns(recipient: RecipientLike) -> tuple[str | None, str | None, str | None]:
    proof = recipient.proof
    if proof is None:
        return _NO_PROOF
    return (proof.source.value, proof.date, proof.ref)


def materialise(
    store: Store,
    campaign_id: int,
    recipients: Iterable[RecipientLike],
    valid: ValidRequest,
    clock: Clock,
    expected_total: int | None,
    emit: OnEvent,
    chunk_size: int,
    capped: tuple[frozenset[str], ...] = (),
    alsace_moselle: Mapping[int, str] | None = None,
) -> None:
    """Write the recipients; those of `capped` (over the frequency caps at the campaign's
    moment; for an A/B test on send times, one set per moment) are left out and counted
    (frequency_cap) unless the request ignores the caps, which is recorded. Each SMS
    recipient gets its local hours group (local_hours.py), `alsace_moselle` naming the
    customers living there (id_customer: department) when their holidays are near."""
    check = valid.check
    # The texts: the message, then its A/B variants, one drawn per recipient (draws.py).
    checks = (check, *valid.variant_checks) if check else ()
    mergers = [Merger(c.template, stop_mention=c.stop_mention).merge_values for c in checks]
    texts = len(mergers)
    rows: list[tuple[Any, ...]] = []
    done = 0
    pending = RecipientState.PENDING.value
    refused = RecipientState.REFUSED.value
    suppressed = RecipientState.SUPPRESSED.value
    flushed = [time.monotonic()]

    def flush() -> None:
        at = stamp(to_paris(clock()))
        if expected_total:
            text = _("Destinataires préparés : {done} sur {total}.").format(
                done=count(done), total=count(expected_total)
            )
        else:
            text = _("Destinataires préparés : {done}.").format(done=count(done))
        event = CampaignProgress(
            campaign_id,
            EventKind.PREPARED,
            text,
            at=at,
            data={"done": done, "total": expected_total},
        )
        with store.write():
            if rows:
                store.db.connection().executemany(_INSERT, rows)
            record_events(store, [event])
        rows.clear()
        flushed[0] = time.monotonic()
        emit(event)

    local = valid.request.kind == CampaignKind.SEND
    seed, holdout_pct = _draw_of(store, campaign_id) if local else ("", 0)
    holdout = RecipientState.HOLDOUT.value
    held = RecipientState.HELD.value
    remainder_pct = valid.request.remainder_pct if texts > 1 else 0
    # An A/B test on send times: one text, the moment drawn as texts are (send_times.py).
    moments = len(valid.send_times)
    places = alsace_moselle or {}
    needs_proof = valid.request.basis is not None
    ignore_cap = valid.request.ignore_cap
    unproven = over_cap = 0
    for recipient in recipients:
        number = recipient.number
        firstname = recipient.firstname or ""
        lastname = recipient.lastname or ""
        email = recipient.email or ""
        head = (campaign_id, number, recipient.id_customer, firstname, lastname, email)
        country = recipient.country_iso or ""
        proof = _proof_columns(recipient)
        zone = group_of(number, places.get(recipient.id_customer or 0)) if local else None
        moment = variant_of(seed, moments, number) if moments > 1 else 0
        over = bool(capped) and number in capped[moment]
        if recipient.suppressed:
            rows.append((*head, country, "", 0, 0, suppressed, None, None, *proof, None, None))
        elif needs_proof and recipient.proof is None:
            # No marketing SMS without its basis proven. The segment left such customers
            # out already; one who lost it between the count and the read is left out
            # too, and counted with them (no_consent).
            unproven += 1
            continue
        elif over and not ignore_cap:
            over_cap += 1  # over the frequency caps: left out, counted (frequency_cap)
            continue
        elif not texts:
            over_cap += over
            state = holdout if in_holdout(seed, holdout_pct, number) else pending
            rows.append((*head, country, "", 0, 0, state, None, None, *proof, zone, None))
        else:
            over_cap += over
            v = variant_of(seed, texts, number)
            # the variant recorded: the text drawn, or the moment of a send-time test
            variant = v if texts > 1 else moment if moments > 1 else None
            if not checks[v].gsm7 and gsm7_required(number):
                require_gsm7_for_france(checks[v])
            text, parts, ucs2 = mergers[v](number, firstname, lastname, email)
            merged = (*head, country, text, parts, int(ucs2))
            if parts > MAX_PARTS:
                reason = too_long_reason(parts)
                rows.append((*merged, refused, None, reason, *proof, None, variant))
            elif in_holdout(seed, holdout_pct, number):
                rows.append((*merged, holdout, None, None, *proof, None, None))
            elif in_remainder(seed, remainder_pct, number):
                # merged with the message for now: the winner's text replaces it
                rows.append((*merged, held, None, None, *proof, zone, None))
            else:
                rows.append((*merged, pending, None, None, *proof, zone, variant))
        done += 1
        if len(rows) >= chunk_size or (
            done % _CLOCK_EVERY == 0 and time.monotonic() - flushed[0] >= PROGRESS_EVERY_S
        ):
            flush()
    flush()
    left_out = {Exclusion.NO_CONSENT: unproven}
    if not ignore_cap:
        left_out[Exclusion.FREQUENCY_CAP] = over_cap
    add_excluded(store, campaign_id, left_out)
    if ignore_cap:
        _record_cap_ignored(store, campaign_id, over_cap, clock, emit)
    finish_preparation(store, campaign_id, clock, emit)


def _draw_of(store: Store, campaign_id: int) -> tuple[str, int]:
    """The campaign's seed and hold-out share, as its draft recorded them."""
    row = store.db.execute_sql(
        "SELECT draw_seed, holdout_pct FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    return (str(row[0] or ""), int(row[1] or 0)) if row else ("", 0)


def add_excluded(store: Store, campaign_id: int, left_out: dict[Exclusion, int]) -> None:
    """Add to the campaign's left-out counts those found while writing its recipients."""
    if not any(left_out.values()):
        return
    with store.write():
        row = store.db.execute_sql(
            "SELECT excluded FROM campaign WHERE id = ?", (campaign_id,)
        ).fetchone()
        excluded = json.loads(row[0] or "{}") if row else {}
        for reason, n in left_out.items():
            if n:
                excluded[reason.value] = int(excluded.get(reason.value, 0)) + n
        store.db.execute_sql(
            "UPDATE campaign SET excluded = ? WHERE id = ?",
            (json.dumps(excluded, ensure_ascii=False), campaign_id),
        )


def _record_cap_ignored(
    store: Store, campaign_id: int, over_cap: int, clock: Clock, emit: OnEvent
) -> None:
    """The merchant's choice to send over the caps, kept in the campaign's log."""
    event = CampaignProgress(
        campaign_id,
        EventKind.PREPARED,
        plural(
            over_cap,
            _("Plafond de fréquence ignoré à votre demande : {n} destinataire le dépasse."),
            _("Plafond de fréquence ignoré à votre demande : {n} destinataires le dépassent."),
        ).format(n=count(over_cap)),
        at=stamp(to_paris(clock())),
        data={"cap_ignored": over_cap},
    )
    with store.write():
        store.db.execute_sql(
            "UPDATE campaign SET cap_ignored = ? WHERE id = ?", (over_cap, campaign_id)
        )
        record_events(store, [event])
    emit(event)


def finish_preparation(store: Store, campaign_id: int, clock: Clock, emit: OnEvent) -> None:
    at = stamp(to_paris(clock()))
    with store.write():
        row = store.db.execute_sql(
            "SELECT "
            " sum(state = 'pending'),"
            " coalesce(sum(CASE WHEN state = 'pending' THEN parts END), 0),"
            " coalesce(max(CASE WHEN state = 'pending' THEN parts END), 0),"
            " coalesce(sum(CASE WHEN state = 'pending' THEN ucs2 END), 0),"
            " coalesce(sum(state = 'pending' AND substr(number, 1, 2) <> '33'), 0),"
            " coalesce(sum(state = 'suppressed'), 0),"
            " coalesce(sum(state = 'refused'), 0),"
            " coalesce(sum(state = 'holdout'), 0),"
            " coalesce(sum(state = 'held'), 0)"
            " FROM campaign_recipient WHERE campaign_id = ?",
            (campaign_id,),
        ).fetchone()
        pending, parts_total, parts_max, ucs2, foreign, suppressed, refused, held, kept = (
            int(v or 0) for v in row
        )
        store.db.execute_sql(
            "UPDATE campaign SET recipients = ?, parts_total = ?, parts_max = ?, "
            "ucs2_recipients = ?, foreign_recipients = ?, suppressed = ?, refused = ?, "
            "prepared_at = ?, updated_at = ? WHERE id = ?",
            (
                pending,
                parts_total,
                parts_max,
                ucs2,
                foreign,
                suppressed,
                refused,
                at,
                at,
                campaign_id,
            ),
        )
        event = CampaignProgress(
            campaign_id,
            EventKind.PREPARED,
            _(
                "Préparation terminée : {recipients}, {parts} SMS facturés, {max} au maximum "
                "par destinataire ; {suppressed}, {refused}."
            ).format(
                recipients=counted(pending, _("{n} destinataire"), _("{n} destinataires")),
                parts=count(parts_total),
                max=parts_max,
                suppressed=counted(suppressed, _("{n} exclu"), _("{n} exclus")),
                refused=counted(refused, _("{n} refusé"), _("{n} refusés")),
            ),
            at=at,
            data={
                "recipients": pending,
                "parts_total": parts_total,
                "parts_max": parts_max,
                "suppressed": suppressed,
                "refused": refused,
                "holdout": held,
                "final": True,
            },
        )
        events = [event]
        if held:
            events.insert(0, _holdout_event(campaign_id, held, at))
        if kept:
            events.insert(0, _remainder_event(campaign_id, kept, at))
        record_events(store, events)
    for each in events:
        emit(each)


def _remainder_event(campaign_id: int, kept: int, at: str) -> CampaignProgress:
    text = plural(
        kept,
        _("Test A/B : {n} destinataire gardé pour le texte gagnant (campaign winner)."),
        _("Test A/B : {n} destinataires gardés pour le texte gagnant (campaign winner)."),
    ).format(n=count(kept))
    return CampaignProgress(campaign_id, EventKind.PREPARED, text, at=at, data={"held": kept})


def _holdout_event(campaign_id: int, held: int, at: str) -> CampaignProgress:
    text = plural(
        held,
        _("Groupe témoin : {n} destinataire mis de côté au hasard, sans SMS."),
        _("Groupe témoin : {n} destinataires mis de côté au hasard, sans SMS."),
    ).format(n=count(held))
    return CampaignProgress(campaign_id, EventKind.PREPARED, text, at=at, data={"holdout": held})

"""The plan of a prepared campaign: what it costs, whether the credit covers it, when it may
go out, and its rendering for the merchant (`plan_lines`), apart from the figures.

The plan is what the confirmation shows and what flow.py decides on; nothing is sent
until the merchant confirms it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns import send_times
from isend_tui.campaigns.errors import CampaignNotFound, CampaignStateError
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    OnEvent,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.frequency_caps import CapRule
from isend_tui.campaigns.local_hours import LocalGroup
from isend_tui.campaigns.model import CampaignKind
from isend_tui.campaigns.plan_draws import DrawPlan, draw_lines, read_draws, text_lines
from isend_tui.campaigns.window import (
    Clock,
    SendingWindow,
    format_slot,
    paris_now,
    scheduled_moment,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.formatting import count, money, plural, unit_price
from isend_tui.gateway.models import Credit
from isend_tui.i18n import _
from isend_tui.safe_text import terminal_safe
from isend_tui.segments.basis import basis_label
from isend_tui.segments.exclusions import Exclusion, label_of
from isend_tui.sms import is_gsm7, variables_in
from isend_tui.sms.encoding import MAX_PARTS
from isend_tui.store import Store


@dataclass(frozen=True)
class LocalSlot:
    """A local hours group of a campaign: who, how many, and when their SMS leave."""

    name: str
    recipients: int
    slot: datetime
    """In Paris time; `local` is the same moment in the group's own time."""
    local: datetime
    with_campaign: bool


def _local_slots(
    store: Store,
    campaign_id: int,
    window: SendingWindow,
    moment: datetime,
    times: tuple[str, ...] = (),
) -> tuple[LocalSlot, ...]:
    """Each local hours group's slot from the campaign's moment (for an A/B test of send
    times, from each variant's moment: one line per group and moment), the largest first."""
    slots: dict[tuple[str, datetime], LocalSlot] = {}
    for key, variant, n in db.pending_by_zone(store, campaign_id):
        group = LocalGroup.parse(key)
        start = send_times.moment_of(times, variant) or moment
        slot = group.slot(window, start)
        known = slots.get((group.name, slot))
        total = n + (known.recipients if known else 0)
        slots[(group.name, slot)] = LocalSlot(
            group.name, total, slot, group.local_time(slot), slot == start
        )
    return tuple(sorted(slots.values(), key=lambda s: (-s.recipients, s.name, s.slot)))


@dataclass(frozen=True)
class CampaignPlan:
    """The confirmation summary: everything the merchant must see before sending."""

    campaign_id: int
    kind: CampaignKind
    label: str
    directory_name: str
    recipients: int
    suppressed: int
    refused_too_long: int
    excluded: Mapping[str, int]
    foreign: int
    ucs2: int
    names_made_gsm7: bool
    """The text is GSM-7 and merges names: their accents are replaced for every number."""
    parts_max: int
    parts_total: int
    stop_mention: bool
    credit_euros: Decimal | None
    credit_quantity: int | None
    price_per_part: Decimal | None
    cost_estimate: Decimal | None
    scheduled_for: datetime | None
    window: SendingWindow
    next_slot: datetime | None
    """The window's next opening when it is closed at the moment of sending, else None (an
    export is never held by the window)."""
    sender: str = ""
    """The sender the SMS go with ("" = the account's default)."""
    message: str = ""
    """The text as typed, variables unmerged."""
    basis: str | None = None
    """The lawful basis of every recipient ("consent", "customer"); None: a list given
    directly (tests, benchmarks)."""
    caps: str = ""
    """The frequency caps in words ("" when there are none)."""
    cap_ignored: int | None = None
    """Recipients over the caps sent to anyway, on demand (None: the caps applied)."""
    local_groups: tuple[LocalSlot, ...] = ()
    """The recipients living by other hours than Paris' (local_hours.py), with the moment
    each group's SMS leave."""
    draws: DrawPlan = field(default_factory=DrawPlan)
    """The A/B test's texts and who gets each, the winner's and the hold-out's shares."""

    @property
    def window_open(self) -> bool:
        return self.next_slot is None

    @property
    def credit_ok(self) -> bool:
        return self.credit_quantity is None or self.parts_total <= self.credit_quantity

    @property
    def can_send(self) -> bool:
        return self.recipients > 0 and self.credit_ok and self.window_open

    @property
    def lines(self) -> tuple[str, ...]:
        return plan_lines(self)


def price_per_part(credit: Credit | None) -> Decimal | None:
    """Euros per SMS part to France: euros / quantity (credit=2)."""
    if credit is None or not credit.quantity:
        return None
    return credit.euros / Decimal(credit.quantity)


def _merges_names_in_gsm7(message: str) -> bool:
    return bool(message) and is_gsm7(message) and bool(variables_in(message))


def _read_plan(
    store: Store, campaign_id: int, settings: Settings, credit: Credit | None, now: datetime
) -> CampaignPlan:
    row = db.plan_figures(store, campaign_id)
    if row is None:
        raise CampaignNotFound(campaign_id)
    if row["prepared_at"] is None:
        raise CampaignStateError(
            _(
                "La préparation de la campagne {id} n'est pas terminée (interrompue ?) : rien n'a "
                "été envoyé, créez la campagne à nouveau."
            ).format(id=campaign_id)
        )
    kind = CampaignKind(row["kind"])
    scheduled = scheduled_moment(row["scheduled_for"])
    window = SendingWindow.from_settings(settings)
    moment = scheduled or now
    held = kind == CampaignKind.SEND and not window.is_open(moment)
    groups: tuple[LocalSlot, ...] = ()
    if kind == CampaignKind.SEND:
        times = send_times.from_json(row["send_times"])
        groups = _local_slots(store, campaign_id, window, window.next_slot(moment), times)
    price = price_per_part(credit)
    parts_total = int(row["parts_total"])
    caps = CapRule.of(settings)
    return CampaignPlan(
        campaign_id=campaign_id,
        kind=kind,
        label=str(row["label"]),
        directory_name=str(row["directory_name"] or ""),
        recipients=int(row["recipients"]),
        suppressed=int(row["suppressed"]),
        refused_too_long=int(row["refused"]),
        excluded=json.loads(row["excluded"] or "{}"),
        foreign=int(row["foreign_recipients"]),
        ucs2=int(row["ucs2_recipients"]),
        names_made_gsm7=_merges_names_in_gsm7(str(row["message"] or "")),
        parts_max=int(row["parts_max"]),
        parts_total=parts_total,
        stop_mention=bool(row["stop_mention"]),
        credit_euros=credit.euros if credit is not None else None,
        credit_quantity=credit.quantity if credit is not None else None,
        price_per_part=price,
        cost_estimate=price * parts_total if price is not None else None,
        scheduled_for=scheduled,
        window=window,
        next_slot=window.next_slot(moment) if held else None,
        sender=str(row["sender"] or ""),
        message=str(row["message"] or ""),
        basis=row["basis"],
        caps=caps.describe() if caps.active else "",
        cap_ignored=row["cap_ignored"],
        local_groups=groups,
        draws=(
            read_draws(store, campaign_id, row["variants"], row["winner_after"], row["send_times"])
            if kind == CampaignKind.SEND
            else DrawPlan()
        ),
    )


def plan_campaign(
    store: Store,
    campaign_id: int,
    *,
    settings: Settings,
    credit: Credit | None,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> CampaignPlan:
    """The confirmation summary of a prepared campaign, with the credit check and the
    sending window. Blocking (store reads; the estimate is written to the campaign's log)."""
    now = to_paris(clock())
    plan = _read_plan(store, campaign_id, settings, credit, now)
    lines = plan_lines(plan, with_message=False)
    estimate = plan.cost_estimate
    event = CampaignProgress(
        campaign_id,
        EventKind.ESTIMATE,
        " ".join(lines[1:]) if len(lines) > 1 else lines[0],
        at=stamp(now),
        data={
            "parts_total": plan.parts_total,
            "parts_max": plan.parts_max,
            "cost_estimate": str(estimate) if estimate is not None else None,
            "credit_euros": str(plan.credit_euros) if plan.credit_euros is not None else None,
            "credit_quantity": plan.credit_quantity,
        },
    )
    with store.write():
        stored = str(estimate.quantize(Decimal("0.0001"))) if estimate is not None else None
        db.set_cost_estimate(store, campaign_id, stored)
        record_events(store, [event])
    emitter(on_event)(event)
    return plan


# --------------------------------------------------------------------------- rendering


def plan_lines(plan: CampaignPlan, *, with_message: bool = True) -> tuple[str, ...]:
    """The summary the merchant reads before confirming, one fact a line (French source
    text, translated at the moment of rendering); `with_message` adds the sender and the
    text that will go (left out of the campaign's log line)."""
    lines = [_headline(plan), *_basis(plan), *_left_out(plan), *_caps(plan)]
    if plan.kind == CampaignKind.SEND:
        lines += draw_lines(plan.draws)
        if with_message:
            lines += message_lines(plan)
        lines += _costs(plan)
        lines += _when(plan)
    if plan.recipients == 0:
        lines.append(_("Aucun destinataire à qui envoyer."))
    return tuple(lines)


def _headline(plan: CampaignPlan) -> str:
    n = plan.recipients
    if plan.kind == CampaignKind.EXPORT:
        return plural(
            n,
            _("Export « {label} » vers le répertoire iSendPro « {name} » : {n} contact."),
            _("Export « {label} » vers le répertoire iSendPro « {name} » : {n} contacts."),
        ).format(label=plan.label, name=plan.directory_name, n=count(n))
    return plural(
        n,
        _("Campagne « {label} » : {n} destinataire."),
        _("Campagne « {label} » : {n} destinataires."),
    ).format(label=plan.label, n=count(n))


def message_lines(plan: CampaignPlan) -> list[str]:
    """Who the SMS come from and what they say (variables as typed, merged per recipient)."""
    sender = plan.sender or _("celui d'iSendPro par défaut (pas de mention STOP ajoutée)")
    lines = [_("Émetteur : {sender}").format(sender=terminal_safe(sender))]
    if len(plan.draws.texts) > 1:
        return lines + text_lines(plan.draws)
    text = terminal_safe(plan.message, multiline=True)
    return [*lines, _("Message : « {text} »").format(text=text)]


def _basis(plan: CampaignPlan) -> list[str]:
    if plan.basis is None:
        return []
    return [
        _("Base légale : {basis} (preuve gardée pour chaque destinataire).").format(
            basis=basis_label(plan.basis)
        )
    ]


def _caps(plan: CampaignPlan) -> list[str]:
    """The frequency caps, when they left someone out or were set aside on demand."""
    if plan.cap_ignored is not None:
        return [
            plural(
                plan.cap_ignored,
                _("Plafond de fréquence ignoré à votre demande : {n} destinataire le dépasse."),
                _("Plafond de fréquence ignoré à votre demande : {n} destinataires le dépassent."),
            ).format(n=count(plan.cap_ignored))
        ]
    if plan.excluded.get(Exclusion.FREQUENCY_CAP.value) and plan.caps:
        return [_("Plafond de fréquence : {caps}.").format(caps=plan.caps)]
    return []


def _left_out(plan: CampaignPlan) -> list[str]:
    """Who of the segment gets nothing, and why."""
    lines = []
    if plan.suppressed:
        lines.append(
            _("Exclus par la liste d'exclusion (STOP, liste noire) : {n}.").format(
                n=count(plan.suppressed)
            )
        )
    for reason, excluded in plan.excluded.items():
        if excluded:
            label = label_of(reason)
            lines.append(_("Exclus, {reason} : {n}.").format(reason=label, n=count(excluded)))
    if plan.refused_too_long:
        lines.append(
            _("Refusés, message de plus de {max} SMS après fusion (jamais envoyés) : {n}.").format(
                max=MAX_PARTS, n=count(plan.refused_too_long)
            )
        )
    return lines


def _costs(plan: CampaignPlan) -> list[str]:
    """The parts billed, what they cost and what the credit covers."""
    n = count
    if plan.stop_mention:
        parts = _(
            "SMS facturés : {total} au total, {max} au maximum par destinataire (mention "
            "STOP comprise)."
        )
    else:
        parts = _("SMS facturés : {total} au total, {max} au maximum par destinataire.")
    lines = [parts.format(total=n(plan.parts_total), max=n(plan.parts_max))]
    if plan.names_made_gsm7:
        lines.append(
            _(
                "Les lettres des noms hors alphabet GSM (ç, î, ô…) sont remplacées (c, i, o) : "
                "chaque SMS reste en GSM-7, le moins cher, en France comme à l'étranger."
            )
        )
    if plan.ucs2:
        ucs2 = plural(
            plan.ucs2,
            _(
                "{n} destinataire hors de France recevra un message en UCS-2 (caractères "
                "spéciaux), envoyé à part."
            ),
            _(
                "{n} destinataires hors de France recevront un message en UCS-2 (caractères "
                "spéciaux), envoyé à part."
            ),
        )
        lines.append(ucs2.format(n=n(plan.ucs2)))
    if plan.cost_estimate is not None and plan.price_per_part is not None:
        cost = plural(
            plan.foreign,
            _(
                "Coût estimé : {cost} au tarif France ({price} le SMS). Les SMS vers "
                "l'étranger ({foreign} destinataire) coûtent plus cher."
            ),
            _(
                "Coût estimé : {cost} au tarif France ({price} le SMS). Les SMS vers "
                "l'étranger ({foreign} destinataires) coûtent plus cher."
            ),
        )
        lines.append(
            cost.format(
                cost=money(plan.cost_estimate),
                price=unit_price(plan.price_per_part),
                foreign=n(plan.foreign),
            )
        )
    if plan.credit_euros is None:
        return lines
    if plan.credit_quantity is None:
        lines.append(_("Crédit disponible : {credit}.").format(credit=money(plan.credit_euros)))
        return lines
    lines.append(
        _("Crédit disponible : {credit}, soit {quantity} SMS en France.").format(
            credit=money(plan.credit_euros), quantity=n(plan.credit_quantity)
        )
    )
    if not plan.credit_ok:
        lines.append(
            _(
                "Refusé : {parts} SMS à envoyer pour un crédit qui en couvre "
                "{quantity}. Rechargez votre compte ou réduisez la cible."
            ).format(parts=n(plan.parts_total), quantity=n(plan.credit_quantity))
        )
    return lines


def _when(plan: CampaignPlan) -> list[str]:
    if plan.draws.times:
        lines = [
            _("Envois programmés aux heures comparées ci-dessous (heure de Paris)."),
            _("Attention : iSendPro ne permet pas d'annuler un envoi programmé une fois transmis."),
        ]
    elif plan.scheduled_for is not None:
        lines = [
            _("Envoi programmé le {at} (heure de Paris).").format(
                at=format_slot(plan.scheduled_for)
            ),
            _("Attention : iSendPro ne permet pas d'annuler un envoi programmé une fois transmis."),
        ]
    elif plan.next_slot is None:
        lines = [_("Envoi immédiat.")]
    else:  # outside the window: "immediately" would contradict the next line
        lines = []
    if plan.next_slot is not None:
        lines.append(
            _(
                "Hors de la plage d'envoi marketing ({window}) : prochain créneau {slot}. "
                "Programmez l'envoi à ce moment."
            ).format(window=plan.window.describe(), slot=format_slot(plan.next_slot))
        )
    return lines + [_local_line(group) for group in plan.local_groups]


def _local_line(group: LocalSlot) -> str:
    """One local hours group: when its SMS leave, in Paris time and in theirs."""
    if group.with_campaign:
        text = plural(
            group.recipients,
            _("Heure locale, {name} : {n} destinataire, avec la campagne ({local} sur place)."),
            _("Heure locale, {name} : {n} destinataires, avec la campagne ({local} sur place)."),
        )
    else:
        text = plural(
            group.recipients,
            _(
                "Heure locale, {name} : {n} destinataire, programmé le {slot} (heure de "
                "Paris), {local} sur place."
            ),
            _(
                "Heure locale, {name} : {n} destinataires, programmés le {slot} (heure de "
                "Paris), {local} sur place."
            ),
        )
    return text.format(
        name=terminal_safe(group.name),
        n=count(group.recipients),
        slot=format_slot(group.slot),
        local=group.local.strftime("%H:%M"),
    )

"""What a campaign request must be before anything is written: the sender, the message and
its variables, the schedule (Paris time, in the sending window), the export's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from isend_tui.campaigns import send_times
from isend_tui.campaigns.draws import (
    DEFAULT_REMAINDER_PCT,
    MAX_HOLDOUT_PCT,
    MAX_REMAINDER_PCT,
    MAX_VARIANTS,
    MAX_WINNER_AFTER_HOURS,
)
from isend_tui.campaigns.errors import OutsideSendingWindow, ScheduleRefused
from isend_tui.campaigns.merge import MessageCheck, check_message
from isend_tui.campaigns.model import CampaignKind, CampaignRequest
from isend_tui.campaigns.window import (
    PARIS,
    SCHEDULE_FORMAT,
    Clock,
    SendingWindow,
    format_slot,
    paris_now,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.formatting import moment
from isend_tui.i18n import _
from isend_tui.sms.sender import validate_sender


def parse_schedule(text: str) -> datetime:
    """ "YYYY-MM-DD HH:MM" read as Europe/Paris time."""
    try:
        naive = datetime.strptime(text.strip(), SCHEDULE_FORMAT)
    except ValueError:
        raise ScheduleRefused(
            _(
                "Date d'envoi « {value} » illisible : format AAAA-MM-JJ HH:MM (heure de Paris), "
                "par exemple 2025-06-12 10:30."
            ).format(value=text)
        ) from None
    return naive.replace(tzinfo=PARIS)


def parse_send_times(text: str) -> tuple[datetime, ...]:
    """The moments typed in one field, separated by commas or semicolons (the Envoi tab);
    an empty field is no test. Each is read as the schedule is (Paris time)."""
    parts = [part.strip() for part in text.replace(";", ",").split(",")]
    return tuple(parse_schedule(part) for part in parts if part)


def check_schedule(at: datetime, settings: Settings, *, now: datetime) -> datetime:
    """The scheduled moment (Paris, whole minute) if it is in the future and in the window."""
    local = to_paris(at).replace(second=0, microsecond=0)
    if local <= now:
        raise ScheduleRefused(
            _(
                "La date d'envoi {at} est déjà passée : choisissez une date et une heure à venir "
                "(heure de Paris)."
            ).format(at=moment(local))
        )
    window = SendingWindow.from_settings(settings)
    if not window.is_open(local):
        slot = window.next_slot(local)
        raise OutsideSendingWindow(
            _(
                "Le {at} est hors de la plage d'envoi marketing ({window}). Prochain créneau "
                "possible : {slot}."
            ).format(at=format_slot(local), window=window.describe(), slot=format_slot(slot)),
            slot,
        )
    return local


def check_holdout(pct: int) -> int:
    """The hold-out share, 0 to MAX_HOLDOUT_PCT percent."""
    if not 0 <= pct <= MAX_HOLDOUT_PCT:
        raise UserError(
            _(
                "Groupe témoin de {pct} % refusé : donnez une part entre 0 et {high} % des "
                "destinataires (0 : pas de groupe témoin)."
            ).format(pct=pct, high=MAX_HOLDOUT_PCT),
            field="holdout",
        )
    return pct


@dataclass(frozen=True)
class ValidRequest:
    request: CampaignRequest
    sender: str
    check: MessageCheck | None
    scheduled_for: datetime | None
    #: the A/B texts besides the message, checked (empty without A/B)
    variant_checks: tuple[MessageCheck, ...] = ()
    #: an A/B test on send times: the moments compared, checked (send_times.py)
    send_times: tuple[datetime, ...] = ()


def validate_request(
    request: CampaignRequest, settings: Settings, *, clock: Clock = paris_now
) -> ValidRequest:
    """Every check that needs no recipient: sender, message variables, schedule, name."""
    sender = request.sender.strip() or settings.sender.strip()
    if sender:
        validate_sender(sender)
    check = None
    scheduled = None
    variant_checks: tuple[MessageCheck, ...] = ()
    times: tuple[datetime, ...] = ()
    if request.kind == CampaignKind.SEND:
        check = check_message(request.message, sender=sender)
        check_holdout(request.holdout_pct)
        send_times.refuse_mixes(request)
        variant_checks = _variant_checks(request.variants, sender)
        _check_remainder(request)
        now = to_paris(clock())
        if request.scheduled_for is not None:
            scheduled = check_schedule(request.scheduled_for, settings, now=now)
        if request.send_times:
            send_times.check_count(request.send_times)
            times = tuple(check_schedule(t, settings, now=now) for t in request.send_times)
            scheduled = min(times)  # the campaign is scheduled from its first moment on
    elif not request.directory_name.strip():
        raise UserError(
            _("Nom du répertoire iSendPro vide : donnez un nom au répertoire à créer."),
            field="directory_name",
        )
    return ValidRequest(request, sender, check, scheduled, variant_checks, times)


def remainder_share(remainder_pct: int | None, winner_after_hours: int | None) -> int:
    """The share kept for the A/B test's winner: the one given, else DEFAULT_REMAINDER_PCT
    with a delay, else none (the CLI's --remainder and the Envoi tab's field; the range
    is checked with the request)."""
    if remainder_pct is not None:
        return remainder_pct
    return DEFAULT_REMAINDER_PCT if winner_after_hours is not None else 0


def _check_remainder(request: CampaignRequest) -> None:
    """A remainder waits for a winner: it needs texts to compare and a delay."""
    pct, hours = request.remainder_pct, request.winner_after_hours
    if not pct and hours is None:
        return
    if not request.variants:
        raise UserError(
            _(
                "Envoi du gagnant refusé : il faut au moins une variante du message (un "
                "texte B) à comparer."
            ),
            field="variant",
        )
    if hours is None or not 1 <= hours <= MAX_WINNER_AFTER_HOURS:
        raise UserError(
            _(
                "Envoi du gagnant refusé : donnez un délai de 1 à {high} heures avant "
                "l'envoi du texte gagnant."
            ).format(high=MAX_WINNER_AFTER_HOURS),
            field="winner_after",
        )
    if not 1 <= pct <= MAX_REMAINDER_PCT:
        raise UserError(
            _(
                "Part gardée pour le gagnant de {pct} % refusée : donnez de 1 à {high} % des "
                "destinataires."
            ).format(pct=pct, high=MAX_REMAINDER_PCT),
            field="remainder",
        )


def _variant_checks(variants: tuple[str, ...], sender: str) -> tuple[MessageCheck, ...]:
    """Each A/B text checked as the message is; 2 to MAX_VARIANTS texts in all."""
    if len(variants) + 1 > MAX_VARIANTS:
        raise UserError(
            _(
                "Test A/B de {n} textes refusé : comparez de 2 à {high} textes (le message "
                "et 1 à {more} variantes)."
            ).format(n=len(variants) + 1, high=MAX_VARIANTS, more=MAX_VARIANTS - 1),
            field="variant",
        )
    return tuple(check_message(text, sender=sender) for text in variants)

"""What a round of health checks found, as `isend-tui health` prints it (text or JSON) and
the TUI shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from isend_tui.formatting import count, counted, decimal_number, moment, money

if TYPE_CHECKING:
    from isend_tui.health.alerts import Alert
    from isend_tui.health.readings import Rate, WatcherSilence


@dataclass(frozen=True)
class CreditReading:
    euros: Decimal | None
    sms: int | None
    at: datetime | None
    error: str | None


@dataclass(frozen=True)
class HealthReport:
    now: datetime
    credit: CreditReading
    daily_sms: float
    """SMS sent by notifications per day (last 7 days)."""
    threshold: int
    """The credit alert's threshold, in SMS."""
    silence: WatcherSilence
    watcher_minutes: int
    rates: list[Rate]
    failure_percent: int
    open: list[Alert]
    fired: list[Alert]
    """Alerts opened by this round (their SMS was sent, or why not is in the log)."""
    cleared: list[Alert]

    @property
    def days_left(self) -> float | None:
        if self.credit.sms is None or self.daily_sms <= 0:
            return None
        return self.credit.sms / self.daily_sms

    @property
    def healthy(self) -> bool:
        return not self.open

    def lines(self) -> list[str]:
        from isend_tui.i18n import _

        credit = self.credit
        if credit.sms is not None:
            euros = money(credit.euros) if credit.euros is not None else "?"
            text = _("Crédit : {sms} SMS ({euros})").format(sms=count(credit.sms), euros=euros)
            days = self.days_left
            if days is not None:
                text += ", " + _("environ {days} de notifications").format(
                    days=counted(int(days), _("{n} jour"), _("{n} jours"))
                )
            text += " ; " + _("seuil d'alerte {n} SMS.").format(n=count(self.threshold))
        else:
            text = _("Crédit inconnu : {reason}").format(reason=credit.error or "?")
        lines = [text]
        daily = decimal_number(Decimal(str(round(self.daily_sms, 1))), 1)
        lines.append(
            _("Notifications : {daily} SMS par jour en moyenne sur 7 jours.").format(daily=daily)
        )
        if self.silence.last_poll is None:
            lines.append(_("Watcher : aucun passage enregistré."))
        else:
            minutes = self.silence.minutes(self.now) or 0.0
            lines.append(
                _("Watcher : dernier passage {at} (il y a {minutes} min).").format(
                    at=moment(self.silence.last_poll), minutes=int(minutes)
                )
            )
        if not any(rate.tried for rate in self.rates):
            lines.append(_("Échecs sur la dernière heure : aucun SMS essayé."))
        for rate in self.rates:
            if rate.tried:
                lines.append(
                    _("Échecs sur la dernière heure, {label} : {failed} sur {tried}.").format(
                        label=rate.label, failed=count(rate.failed), tried=count(rate.tried)
                    )
                )
        if self.open:
            lines.append(
                counted(len(self.open), _("{n} alerte ouverte :"), _("{n} alertes ouvertes :"))
            )
            lines += [f"  ✗ {alert.message}" for alert in self.open]
        else:
            lines.append(_("Aucune alerte ouverte."))
        return lines

    def to_json(self) -> dict[str, Any]:
        credit = self.credit
        return {
            "healthy": self.healthy,
            "at": self.now.isoformat(timespec="seconds"),
            "credit": {
                "euros": None if credit.euros is None else str(credit.euros),
                "sms": credit.sms,
                "read_at": None if credit.at is None else credit.at.isoformat(timespec="seconds"),
                "error": credit.error,
                "days_left": None if self.days_left is None else round(self.days_left, 1),
                "threshold_sms": self.threshold,
            },
            "notification_sms_per_day": round(self.daily_sms, 2),
            "watcher": {
                "last_poll": None
                if self.silence.last_poll is None
                else self.silence.last_poll.isoformat(timespec="seconds"),
                "minutes_since": None
                if self.silence.minutes(self.now) is None
                else round(self.silence.minutes(self.now) or 0.0, 1),
                "expected": self.silence.expected,
                "threshold_minutes": self.watcher_minutes,
            },
            "failure_rates": [
                {
                    "subject": r.subject,
                    "failed": r.failed,
                    "tried": r.tried,
                    "percent": round(r.percent, 1),
                }
                for r in self.rates
            ],
            "failure_threshold_percent": self.failure_percent,
            "open_alerts": [_alert_json(a) for a in self.open],
            "fired": [_alert_json(a) for a in self.fired],
            "cleared": [_alert_json(a) for a in self.cleared],
        }


def _alert_json(alert: Alert) -> dict[str, str]:
    return {
        "kind": alert.kind,
        "subject": alert.subject,
        "since": alert.since,
        "message": alert.message,
    }

"""When marketing SMS may go out (sms-rules.md §6), and the Paris clock every rule reads.

The window comes from the settings: days (0 = Monday), start and end (Europe/Paris), by
default Monday to Saturday 08:00-20:00; ``window_end = "22:00"`` is the AF2M option. French
public holidays (metropolitan list of the ``holidays`` library: 1 January, Easter Monday,
1 and 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 and 11 November, 25 December)
are always closed. The start is included, the end excluded: 19:59 is open, 20:00 is not.

Naive datetimes are read as Europe/Paris time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays

from isend_tui.campaigns.errors import OutsideSendingWindow
from isend_tui.errors import ConfigError
from isend_tui.formatting import moment
from isend_tui.i18n import N_, _

if TYPE_CHECKING:
    from isend_tui.config import Settings

PARIS = ZoneInfo("Europe/Paris")
Clock = Callable[[], datetime]
SCHEDULE_FORMAT = "%Y-%m-%d %H:%M"
"""A scheduled moment as stored and as iSendPro's date_envoi takes it (Paris time)."""
GATEWAY_ZONE = "Europe/Brussels"
"""The gmt_zone sent with date_envoi: Europe/Paris is not in iSendPro's list and Brussels has
the same offsets all year."""

DAY_NAMES = (
    N_("lundi"),
    N_("mardi"),
    N_("mercredi"),
    N_("jeudi"),
    N_("vendredi"),
    N_("samedi"),
    N_("dimanche"),
)


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("FR", years=year).keys())


@lru_cache(maxsize=256)
def _local_holidays(country: str, subdiv: str | None, year: int) -> frozenset[date]:
    """The public holidays of a country (and subdivision: an overseas department,
    Alsace-Moselle); none for a country the holidays library does not know."""
    if country == "FR" and subdiv is None:
        return _french_holidays(year)
    try:
        return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=year).keys())
    except NotImplementedError:  # a country (or subdivision) the library does not have
        return frozenset()


@dataclass(frozen=True)
class LocalCalendar:
    """Where a recipient reads the time: a time zone and the public holidays of a country
    (and subdivision). The window is applied in it (campaigns/local_hours.py finds it)."""

    zone: ZoneInfo
    country: str = "FR"
    subdiv: str | None = None

    def is_holiday(self, day: date) -> bool:
        return day in _local_holidays(self.country, self.subdiv, day.year)


PARIS_CALENDAR = LocalCalendar(ZoneInfo("Europe/Paris"))


def preload_holidays(*days: date) -> None:
    """Build the holiday calendars these days need. The first one costs ~200 ms (the
    holidays library loads its tables): async callers run this in a thread first, so the
    event loop (the app's screen) never stalls on it."""
    for day in days:
        _french_holidays(day.year)
        _french_holidays(day.year + 1)  # the next open slot may fall next year


def is_public_holiday(day: date) -> bool:
    """A French public holiday (metropolitan France)."""
    return day in _french_holidays(day.year)


def _parse_hhmm(value: str, name: str) -> time:
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ConfigError(
            _(
                "Heure de la plage d'envoi invalide « {value} » : format HH:MM, par exemple 08:00."
            ).format(value=value),
            field=name,
        ) from None


@dataclass(frozen=True)
class SendingWindow:
    days: frozenset[int]
    start: time
    end: time

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SendingWindow:
        if settings is None:
            from isend_tui.config import Settings

            settings = Settings()
        try:
            days = frozenset(int(d) for d in settings.window_days.split(",") if d.strip())
        except ValueError:
            days = frozenset({-1})
        if not days or not days <= set(range(7)):
            raise ConfigError(
                _(
                    "Jours de la plage d'envoi invalides « {value} » : une liste de numéros de 0 "
                    "(lundi) à 6 (dimanche), par exemple 0,1,2,3,4,5."
                ).format(value=settings.window_days),
                field="window_days",
            )
        start = _parse_hhmm(settings.window_start, "window_start")
        end = _parse_hhmm(settings.window_end, "window_end")
        if end <= start:
            raise ConfigError(
                _(
                    "Plage d'envoi vide : l'heure de fin ({end}) doit suivre l'heure de début "
                    "({start})."
                ).format(start=settings.window_start, end=settings.window_end),
                field="window_end",
            )
        return cls(days, start, end)

    def _day_open(self, day: date, calendar: LocalCalendar) -> bool:
        return day.weekday() in self.days and not calendar.is_holiday(day)

    def is_open(self, when: datetime, calendar: LocalCalendar = PARIS_CALENDAR) -> bool:
        """Whether marketing may reach, at `when`, someone living by `calendar` (by default
        metropolitan France): the days, hours and holidays read in their own time."""
        local = to_paris(when).astimezone(calendar.zone)
        return self._day_open(local.date(), calendar) and self.start <= local.time() < self.end

    def next_slot(self, when: datetime, calendar: LocalCalendar = PARIS_CALENDAR) -> datetime:
        """`when` itself when the window is open, else the next opening, in Paris time
        (the opening is found in the `calendar`'s own time)."""
        paris = to_paris(when)
        if self.is_open(paris, calendar):
            return paris
        local = paris.astimezone(calendar.zone)
        day = local.date()
        for _offset in range(400):
            if self._day_open(day, calendar):
                opening = datetime.combine(day, self.start, calendar.zone)
                if opening >= local:
                    return to_paris(opening)
            day += timedelta(days=1)
        raise ConfigError(  # pragma: no cover - days are checked non-empty
            _("La plage d'envoi ne s'ouvre jamais : vérifiez les jours d'envoi."),
            field="window_days",
        )

    def describe(self) -> str:
        names = ", ".join(_(DAY_NAMES[d]) for d in sorted(self.days))
        return _("{days}, de {start} à {end} (heure de Paris), hors jours fériés").format(
            days=names, start=self.start.strftime("%H:%M"), end=self.end.strftime("%H:%M")
        )


def paris_now() -> datetime:
    """The clock every time rule reads by default (tests and the App pass their own)."""
    return datetime.now(PARIS)


def to_paris(when: datetime) -> datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=PARIS)
    return when.astimezone(PARIS)


def is_open(when: datetime, settings: Settings | None = None) -> bool:
    """Whether marketing may be sent at `when` under the settings' window."""
    return SendingWindow.from_settings(settings).is_open(when)


def next_slot(when: datetime, settings: Settings | None = None) -> datetime:
    """The first moment at or after `when` when marketing may be sent."""
    return SendingWindow.from_settings(settings).next_slot(when)


def format_slot(when: datetime) -> str:
    """« lundi 15/07/2024 08:00 » / "Monday 2024-07-15 08:00" in Paris time."""
    local = to_paris(when)
    return f"{_(DAY_NAMES[local.weekday()])} {moment(local)}"


def scheduled_moment(stored: str | None) -> datetime | None:
    """A campaign's stored scheduled_for ("YYYY-MM-DD HH:MM", Paris), None for "now"."""
    if not stored:
        return None
    return datetime.strptime(stored, SCHEDULE_FORMAT).replace(tzinfo=PARIS)


def outside_window_error(now: datetime, settings: Settings) -> OutsideSendingWindow:
    """The refusal of a send asked for `now`, with the next slot to schedule it at."""
    window = SendingWindow.from_settings(settings)
    slot = window.next_slot(now)
    return OutsideSendingWindow(
        _(
            "Envoi impossible maintenant : hors de la plage d'envoi marketing ({window}). "
            "Prochain créneau : {slot}. Programmez l'envoi à ce moment."
        ).format(window=window.describe(), slot=format_slot(slot)),
        slot,
    )

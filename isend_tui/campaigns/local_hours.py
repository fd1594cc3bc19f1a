"""Recipients' own hours: the marketing window applied in each recipient's time and with
their own public holidays (sms-rules.md §6), so that La Réunion, the Antilles, Guyane,
Mayotte and numbers abroad are not woken at night nor texted on their holidays.

Each recipient gets a *local hours group* when prepared (campaign_recipient.zone):
NULL for metropolitan France (the campaign's own hours, Paris), else a key
"zone|country|subdivision" found from the number (phonenumbers' region and time zones)
and, for metropolitan numbers, from the address (Alsace-Moselle's two extra holidays for
the postcodes 57, 67 and 68). The group's slot, its first allowed moment at or after the
campaign's, is computed when its batches are handed over (and shown in the confirmation),
so that a campaign resumed later still finds the right moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as phone_zones

from isend_tui.campaigns.window import PARIS_CALENDAR, LocalCalendar, SendingWindow, to_paris
from isend_tui.i18n import N_, _

if TYPE_CHECKING:
    from isend_tui.shop.connection import ShopConnection

#: The holidays library's subdivision of France for each overseas region code.
OVERSEAS_SUBDIVISIONS = {
    "GP": "971",
    "MQ": "972",
    "GF": "973",
    "RE": "974",
    "YT": "976",
    "BL": "BL",
    "MF": "MF",
    "NC": "NC",
    "PF": "PF",
    "PM": "PM",
    "WF": "WF",
}
#: The time zone of a region whose numbers phonenumbers gives several (or none) for.
REGION_ZONES = {
    "RE": "Indian/Reunion",
    "YT": "Indian/Mayotte",
    "PF": "Pacific/Tahiti",
    "WF": "Pacific/Wallis",
}
#: Mayotte's ranges (mobile 0639, fixed 0269) in +262, the code it shares with La Réunion.
_MAYOTTE = ("262639", "262269")
#: The widest spread of offsets kept among the zones of one number (see `_nearest`).
SPREAD = timedelta(hours=4)
#: Metropolitan postcodes with Alsace-Moselle's own holidays (Good Friday, 26 December),
#: and the holidays library's subdivision for each.
ALSACE_MOSELLE = {"57": "57", "67": "6AE", "68": "6AE"}

GROUP_NAMES = {
    "FR|974": N_("La Réunion"),
    "FR|976": N_("Mayotte"),
    "FR|971": N_("Guadeloupe"),
    "FR|972": N_("Martinique"),
    "FR|973": N_("Guyane"),
    "FR|PM": N_("Saint-Pierre-et-Miquelon"),
    "FR|BL": N_("Saint-Barthélemy"),
    "FR|MF": N_("Saint-Martin"),
    "FR|NC": N_("Nouvelle-Calédonie"),
    "FR|PF": N_("Polynésie française"),
    "FR|WF": N_("Wallis-et-Futuna"),
    "FR|57": N_("Moselle"),
    "FR|6AE": N_("Alsace"),
}


def group_key(zones: Iterable[str], country: str, subdiv: str | None) -> str:
    return f"{','.join(zones)}|{country}|{subdiv or ''}"


def _region_of(number: str) -> str | None:
    try:
        parsed = phonenumbers.parse("+" + number)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region is None and number.startswith(_MAYOTTE):
        region = "YT"  # ranges the metadata may not have yet, shared with La Réunion's +262
    if region is None:  # a range the metadata does not place: the country code's region
        regions = phonenumbers.region_codes_for_country_code(parsed.country_code or 0)
        region = regions[0] if regions else None
    return None if region in (None, "ZZ", "001") else region


@lru_cache(maxsize=4096)
def _group_of_number(number: str) -> str | None:
    """The group of a number outside metropolitan France (its region's zones and holidays),
    None when it lives by Paris' hours and holidays (or cannot be placed: then Paris')."""
    region = _region_of(number)
    if region is None or region == "FR":
        return None
    try:
        parsed = phonenumbers.parse("+" + number)
        zones = [z for z in phone_zones.time_zones_for_number(parsed) if "/" in z]
    except phonenumbers.NumberParseException:  # pragma: no cover - parsed above
        zones = []
    if region in REGION_ZONES:
        zones = [REGION_ZONES[region]]
    zones = _nearest([z for z in zones if _known_zone(z)]) or ["Europe/Paris"]
    if region in OVERSEAS_SUBDIVISIONS:
        return group_key(zones, "FR", OVERSEAS_SUBDIVISIONS[region])
    return group_key(zones, region, None)


def _nearest(zones: list[str]) -> list[str]:
    """Of the zones of a number whose country spans several, those within SPREAD of the
    one nearest Paris' offset: the window is then open somewhere in all of them (a
    mobile number of Russia does not say where its owner lives)."""
    if len(zones) < 2:
        return zones
    now = datetime.now(ZoneInfo("Europe/Paris"))
    paris = now.utcoffset() or timedelta(0)

    def offset(zone: str) -> timedelta:
        return now.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)

    nearest = min(zones, key=lambda z: abs(offset(z) - paris))
    return sorted(z for z in zones if abs(offset(z) - offset(nearest)) <= SPREAD)


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def group_of(number: str, alsace_moselle: str | None = None) -> str | None:
    """The local hours group of a recipient (None: Paris'). `number` in iSendPro's form
    (international, no "+"); `alsace_moselle` the postcode's department (57, 67, 68) of a
    metropolitan recipient living there."""
    if number.startswith("33"):  # metropolitan France, the bulk: no parsing
        if alsace_moselle in ALSACE_MOSELLE:
            return group_key(["Europe/Paris"], "FR", ALSACE_MOSELLE[alsace_moselle])
        return None
    return _group_of_number(number)


def _parts(key: str) -> tuple[str, str, str]:
    zones, country, subdiv = [*key.split("|"), "", ""][:3]
    return zones, country, subdiv


@dataclass(frozen=True)
class LocalGroup:
    """The calendars of one group (several zones when a number's country spans them)."""

    key: str
    calendars: tuple[LocalCalendar, ...]

    @classmethod
    def parse(cls, key: str | None) -> LocalGroup:
        if not key:
            return cls("", (PARIS_CALENDAR,))
        zones, country, subdiv = _parts(key)
        calendars = tuple(
            LocalCalendar(ZoneInfo(z), country or "FR", subdiv or None)
            for z in zones.split(",")
            if z and _known_zone(z)
        )
        return cls(key, calendars or (PARIS_CALENDAR,))

    @property
    def name(self) -> str:
        """The group as the merchant reads it: the region, else the country and zone."""
        if not self.key:
            return _("France métropolitaine")
        zones, country, subdiv = _parts(self.key)
        known = GROUP_NAMES.get(f"{country}|{subdiv}")
        if known is not None:
            return _(known)
        return country if "," in zones else f"{country} ({zones})"

    def slot(self, window: SendingWindow, when: datetime) -> datetime:
        """The first moment at or after `when` the window is open in every zone of the
        group (Paris time); the first zone's when no moment suits them all (a country
        spanning more hours than the window is long)."""
        moment = to_paris(when)
        for _round in range(len(self.calendars) * 4):
            later = max(window.next_slot(moment, c) for c in self.calendars)
            if later == moment:
                return moment
            moment = later
        return window.next_slot(to_paris(when), self.calendars[0])

    def local_time(self, when: datetime) -> datetime:
        return to_paris(when).astimezone(self.calendars[0].zone)


_MOSELLE = LocalCalendar(ZoneInfo("Europe/Paris"), "FR", "57")


def alsace_moselle_day(day: date) -> bool:
    """A holiday of Alsace-Moselle that the rest of metropolitan France works."""
    return _MOSELLE.is_holiday(day) and not PARIS_CALENDAR.is_holiday(day)


def needs_alsace_moselle(moment: datetime) -> bool:
    """Whether one of Alsace-Moselle's own holidays (Good Friday, 26 December) falls in the
    fortnight after `moment`: only then are the recipients' postcodes read."""
    start = to_paris(moment).date()
    return any(alsace_moselle_day(start + timedelta(days=d)) for d in range(15))


def alsace_moselle_customers(
    conn: ShopConnection, ids: Sequence[int] | None = None
) -> dict[int, str]:
    """The customers (all, or of `ids`) with an address in Alsace-Moselle (France,
    postcode 57, 67 or 68), with its department. One read of the address table, on the
    days it matters."""
    among, params = "", list(ids or ())
    if ids is not None:
        if not params:
            return {}
        among = f" AND a.id_customer IN ({', '.join(['%s'] * len(params))})"
    rows = conn.query(
        f"SELECT a.id_customer, MIN(SUBSTR(TRIM(a.postcode), 1, 2)) FROM {conn.table('address')} a "
        f"JOIN {conn.table('country')} c ON c.id_country = a.id_country "
        "WHERE a.deleted = 0 AND a.id_customer > 0 AND c.iso_code = %s "
        f"AND SUBSTR(TRIM(a.postcode), 1, 2) IN (%s, %s, %s){among} GROUP BY a.id_customer",
        ("FR", *ALSACE_MOSELLE, *params),
    )
    return {int(r[0]): str(r[1]) for r in rows}

"""Customers' and the merchant's mobile numbers, checked with the `phonenumbers` library.

PrestaShop keeps numbers on addresses, typed by customers in any national or international
form. A number is normalised with the address's country as default (E.164 first, then
iSendPro's form: international without ``+``); one written with its own country code is a
number of that country wherever the address is. It is kept only when it is a mobile: a
landline cannot receive an SMS. Invalid and landline numbers are reported with a reason,
never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from isend_tui.errors import UserError
from isend_tui.i18n import _

_USABLE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
#: The separators customers type inside a number (the segments' SQL removes the same).
SEPARATORS = (" ", ".", "-", "(", ")", "/", "\u00a0", "\t", "\n", "\r")
#: Regions whose national numbers are typed on an address of another country: the
#: overseas departments are France, and many shops file a Réunion customer under
#: "France" with his 0692… mobile, which phonenumbers reads as an invalid +33 692….
OVERSEAS_REGIONS: dict[str, tuple[str, ...]] = {"FR": ("RE", "YT", "GP", "MQ", "GF")}


class PhoneRejection(StrEnum):
    """Why a number cannot receive an SMS."""

    EMPTY = "empty"
    INVALID = "invalid"
    LANDLINE = "landline"
    UNKNOWN_COUNTRY = "unknown_country"

    def reason(self) -> str:
        """The translated reason, for a report line or a table cell."""
        match self:
            case PhoneRejection.EMPTY:
                return _("Numéro de téléphone vide")
            case PhoneRejection.INVALID:
                return _("Numéro invalide pour le pays de l'adresse")
            case PhoneRejection.LANDLINE:
                return _("Numéro fixe : il ne peut pas recevoir de SMS")
            case PhoneRejection.UNKNOWN_COUNTRY:
                return _(
                    "Pays de l'adresse inconnu : le numéro doit être au format international (+33…)"
                )


@dataclass(frozen=True)
class PhoneNumber:
    """A usable number: E.164 (``+33612345678``), iSendPro's form (``33612345678``), region."""

    e164: str
    gateway: str
    region: str


@dataclass(frozen=True)
class PhoneCheck:
    """The outcome of `check_mobile`: a number, or the reason it was rejected."""

    number: PhoneNumber | None
    rejection: PhoneRejection | None

    @property
    def ok(self) -> bool:
        return self.number is not None and self.rejection is None


def gateway_form(e164: str) -> str:
    """iSendPro's documented form of an E.164 number: international without the ``+``."""
    value = e164.strip()
    digits = value[1:]
    if not value.startswith("+") or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not an E.164 number: {e164!r}")
    return digits


def _known_region(country_iso: str | None) -> str | None:
    if not country_iso:
        return None
    region = country_iso.strip().upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def _is_international(value: str) -> bool:
    return value.startswith(("+", "00"))


def _parse(value: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """Parse with `region` as default, or international form alone (``00`` read as ``+``)."""
    if region is None and value.startswith("00"):
        value = "+" + value[2:]
    try:
        return phonenumbers.parse(value, region)
    except NumberParseException:
        return None


def _usable(parsed: phonenumbers.PhoneNumber, region: str) -> PhoneCheck:
    if phonenumbers.number_type(parsed) not in _USABLE_TYPES:
        return PhoneCheck(None, PhoneRejection.LANDLINE)
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    return PhoneCheck(PhoneNumber(e164=e164, gateway=gateway_form(e164), region=region), None)


def written_abroad(value: str) -> str | None:
    """The number in ``+CC…`` form when it is written with an explicit country code
    (``+CC…`` or ``00CC…``, separators allowed), else None.

    ``00`` is read as ``+`` whatever the address's country (``0041 79…`` on a US address,
    where the international prefix is 011, is still a Swiss number)."""
    cleaned = value
    for ch in SEPARATORS:
        cleaned = cleaned.replace(ch, "")
    if cleaned.startswith("+"):
        return cleaned
    if cleaned.startswith("00"):
        return "+" + cleaned[2:]
    return None


def _check_for_address(value: str, region: str | None) -> PhoneCheck:
    """The number read with the address's country as default (see `check_mobile`)."""
    parsed = _parse(value, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return PhoneCheck(None, PhoneRejection.INVALID)
    if region is None:
        region = phonenumbers.region_code_for_number(parsed) or "ZZ"
    elif not phonenumbers.is_valid_number_for_region(parsed, region):
        return PhoneCheck(None, PhoneRejection.INVALID)
    return _usable(parsed, region)


def _mobile_abroad(international: str) -> PhoneCheck | None:
    """A valid mobile of the country its code names (``+CC…``), or None."""
    parsed = _parse(international, None)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    check = _usable(parsed, region)
    return check if check.ok else None


def check_mobile(raw: str | None, country_iso: str | None) -> PhoneCheck:
    """Check a customer's number found on an address of country `country_iso`.

    - empty or None: EMPTY;
    - `country_iso` missing or unknown to phonenumbers: UNKNOWN_COUNTRY, unless the number
      is written in international form (``+CC…`` or ``00CC…``), which needs no country;
    - a number in national form is read with the address's country as default, so
      ``0470 12 34 56`` on a French address is a French landline (LANDLINE), not a
      Belgian mobile;
    - a number written with an explicit country code (``+CC…`` or ``00CC…``, separators
      allowed) that is a valid mobile of THAT country is usable wherever the address is:
      a French ``+33 6…`` on a German address, a Swiss ``+41 79…`` on a French one
      (frontaliers, customers abroad). Its `PhoneNumber.region` is the number's country,
      which decides the price, the UCS-2 rule and the time zone; the address's country is
      still what the segments' `country` criterion reads;
    - a number in national form on an address of France that is a mobile of an overseas
      department (`OVERSEAS_REGIONS`: ``0692…`` Réunion, ``0690…`` Guadeloupe…) is that
      department's mobile (``+262 692…``), and its landline a landline;
    - otherwise, a valid number of the address's country that is not MOBILE nor
      FIXED_LINE_OR_MOBILE: LANDLINE; anything else: INVALID (a foreign landline
      written with its country code included).
    """
    value = (raw or "").strip()
    if not value:
        return PhoneCheck(None, PhoneRejection.EMPTY)
    region = _known_region(country_iso)
    international = written_abroad(value)
    if region is None and international is None:
        return PhoneCheck(None, PhoneRejection.UNKNOWN_COUNTRY)
    home = _check_for_address(value, region)
    if home.ok:
        return home
    overseas = [_check_for_address(value, x) for x in OVERSEAS_REGIONS.get(region or "", ())]
    mobile = next((x for x in overseas if x.ok), None)
    if mobile is None and international is not None:
        mobile = _mobile_abroad(international)
    if mobile is not None:
        return mobile
    if home.rejection is PhoneRejection.INVALID:
        landline = [x for x in overseas if x.rejection is PhoneRejection.LANDLINE]
        return landline[0] if landline else home
    return home


def _mobile_hint(region: str) -> str:
    if region == "FR":
        return _("Indiquez un mobile (06 ou 07).")
    return _("Indiquez un numéro de mobile.")


def parse_admin_phone(raw: str, default_region: str = "FR") -> PhoneNumber:
    """The merchant's own mobile (for alerts), or UserError(reason, field="admin_phone").

    Unlike `check_mobile` there is no address: a number in national form is read with
    `default_region`, and a number in international form is accepted from any country.
    """
    value = raw.strip()
    region = _known_region(default_region)
    hint = _mobile_hint(region or "")
    if not value:
        raise UserError(
            _("Le numéro de l'administrateur est vide.") + " " + hint, field="admin_phone"
        )
    if region is None and not _is_international(value):
        raise UserError(
            _(
                "Le numéro {number} n'indique pas son pays : écrivez-le au format "
                "international, par exemple +33 6 12 34 56 78."
            ).format(number=value),
            field="admin_phone",
        )
    parsed = _parse(value, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise UserError(
            _("Le numéro {number} n'est pas un numéro de téléphone valide.").format(number=value)
            + " "
            + hint,
            field="admin_phone",
        )
    check = _usable(parsed, phonenumbers.region_code_for_number(parsed) or "ZZ")
    if check.number is None:
        raise UserError(
            _("Le numéro {number} est un fixe : un SMS ne peut pas y être reçu.").format(
                number=value
            )
            + " "
            + hint,
            field="admin_phone",
        )
    return check.number

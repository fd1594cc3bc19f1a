"""Who receives a notification, and the message as it will travel.

- Admin events go to Settings.admin_phone (parsed like in the settings screen).
- Customer events go to the first usable mobile among: the order's delivery address, its
  invoice address, then the customer's other non-deleted addresses, most recently updated
  first; on each address phone_mobile before phone. Usable = sms.phone.check_mobile
  accepts it for the address's country (a landline or a malformed number is skipped).
- Encoding: a GSM-7 text goes as is. iSendPro refuses UCS-2 towards metropolitan France,
  so for a French number other characters are transliterated (sms.to_gsm7: "ç" -> "c",
  "’" -> "'"…); for other countries the text goes in UCS-2 (ucs2="1").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.notifications.log import Code
from isend_tui.shop.events import AddressFacts
from isend_tui.sms import PhoneNumber, check_mobile, is_gsm7, parse_admin_phone
from isend_tui.sms.rules import text_for

if TYPE_CHECKING:
    from isend_tui.config import Settings


@dataclass(frozen=True)
class Recipient:
    """A number, or the code and detail of why there is none."""

    number: PhoneNumber | None
    code: Code | None = None
    detail: str = ""


def admin_recipient(admin_phone: str) -> Recipient:
    if not admin_phone.strip():
        return Recipient(
            None,
            Code.NO_ADMIN_PHONE,
            _(
                "Aucun téléphone administrateur : renseignez-le dans Paramétrage pour recevoir "
                "les notifications [Admin]."
            ),
        )
    try:
        return Recipient(parse_admin_phone(admin_phone))
    except UserError as exc:
        return Recipient(None, Code.INVALID_NUMBER, exc.message)


def admin_phone_problem(settings: Settings) -> str | None:
    """Why [Admin] notifications cannot be sent with these settings, or None."""
    if not settings.admin_phone.strip():
        return _("Aucun téléphone administrateur : renseignez-le dans Paramétrage.")
    try:
        parse_admin_phone(settings.admin_phone)
    except UserError as exc:
        return exc.message
    return None


def customer_recipient(addresses: Iterable[AddressFacts | None]) -> Recipient:
    """The first usable mobile of these addresses (in order, each address once)."""
    seen: set[int] = set()
    first_problem: str | None = None
    for address in addresses:
        if address is None or address.id in seen:
            continue
        seen.add(address.id)
        for raw in (address.phone_mobile, address.phone):
            if not raw.strip():
                continue
            check = check_mobile(raw, address.country_iso)
            if check.ok and check.number is not None:
                return Recipient(check.number)
            if first_problem is None and check.rejection is not None:
                first_problem = _("{number} : {reason}").format(
                    number=raw.strip(), reason=check.rejection.reason()
                )
    if first_problem is not None:
        return Recipient(None, Code.INVALID_NUMBER, first_problem)
    return Recipient(
        None,
        Code.NO_NUMBER,
        _("Aucun numéro de téléphone sur les adresses de ce client."),
    )


def for_number(text: str, number: PhoneNumber, *, template: str | None) -> tuple[str, bool]:
    """(text to send, ucs2) for `number`, by the one rule of sms/rules.py. `template` is the
    rule's text when known: a GSM-7 text keeps customers' accents from costing UCS-2."""
    return text_for(text, number.gateway, template_gsm7=template is not None and is_gsm7(template))

"""The lawful basis of a marketing SMS (article L34-5 CPCE, CNIL doctrine), as the counts and
the recipient lists apply it: a customer of the segment without the chosen basis is left out
and counted as `Exclusion.NO_CONSENT`.

- `consent`: prior opt-in, any of
  - `customer.newsletter = 1` (PrestaShop keeps `newsletter_date_add` and
    `ip_registration_newsletter` as its proof);
  - an acceptance logged by the psgdpr module (`psgdpr_log.request_type = 1`, "consent";
    2 and 3 are data exports, 4 an erasure), when the shop has that table;
  - an SMS consent imported into the local store (`isend_tui.consent.imported`), matched on
    the number the customer would be texted on (iSendPro's form) or on the email
    (lower case). These are not in the shop: they travel into the statement as parameters.
- `customer` (soft opt-in): at least one valid order placed in the last
  `soft_optin_months` months (setting, 36 by default: the CNIL's three years). An account
  without an order is not a customer.

Transactional messages are not marketing: "transactional" is refused as a basis for a
marketing count or campaign.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from isend_tui.errors import UserError
from isend_tui.i18n import _

#: Default of the `soft_optin_months` setting: three years after the last order (CNIL).
SOFT_OPTIN_MONTHS = 36
#: psgdpr_log.request_type of an acceptance (psgdpr's GDPRLog::addLog: 'consent' => 1).
PSGDPR_CONSENT = 1


class Basis(StrEnum):
    CONSENT = "consent"
    CUSTOMER = "customer"


@dataclass(frozen=True)
class BasisRule:
    """The basis a count applies, with what it needs from outside the shop."""

    basis: Basis
    soft_optin_months: int = SOFT_OPTIN_MONTHS
    #: imported consents: numbers in iSendPro's form, emails in lower case
    numbers: frozenset[str] = field(default_factory=frozenset)
    emails: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        basis: Basis,
        *,
        soft_optin_months: int = SOFT_OPTIN_MONTHS,
        numbers: Collection[str] = (),
        emails: Collection[str] = (),
    ) -> BasisRule:
        if basis is Basis.CONSENT:  # imported consents are consents, not purchases
            return cls(basis, soft_optin_months, frozenset(numbers), frozenset(emails))
        return cls(basis, soft_optin_months)


def parse_basis(text: str, *, option: str = "--basis") -> Basis:
    """The basis named by `text`, or one line naming the option and the accepted values."""
    value = text.strip().lower()
    if value.startswith("transactional"):
        raise UserError(
            _(
                "{option} {value} : un SMS transactionnel n'est pas du marketing, ce n'est "
                "pas une base pour une campagne. Choisissez {option} consent (consentement) "
                "ou {option} customer (clients ayant commandé)."
            ).format(option=option, value=text.strip()[:40]),
            field="basis",
        )
    try:
        return Basis(value)
    except ValueError:
        raise UserError(
            _(
                "{option} {value} : base inconnue. Choisissez {option} consent "
                "(consentement) ou {option} customer (clients ayant commandé)."
            ).format(option=option, value=text.strip()[:40]),
            field="basis",
        ) from None

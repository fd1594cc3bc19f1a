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

Data retention: with either basis, a customer whose latest activity is older than the
last `retention_months` months (setting, 36 by default) is left out as
`Exclusion.RETENTION` instead ("données trop anciennes"). The activity is the latest of:
the account's creation (`customer.date_add`), a valid order, the newsletter subscription
(`newsletter_date_add`, while `newsletter = 1`), a psgdpr acceptance and an imported
consent of the rule (matched on the number or the email, `given_at`). The months are
counted as the soft opt-in's (`dates.since`): activity on or after the same day of the
month `retention_months` months before the shop's today, from 00:00:00, keeps the
customer; activity the day before is past retention. The `customer` basis carries no
imported consents (they are not its basis), so there only the shop's activity counts.

Transactional messages are not marketing: "transactional" is refused as a basis for a
marketing count or campaign.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from isend_tui.errors import UserError
from isend_tui.i18n import N_, _

#: Default of the `soft_optin_months` setting: three years after the last order (CNIL).
SOFT_OPTIN_MONTHS = 36
#: Default of the `retention_months` setting: data of a customer without any activity for
#: three years is no longer used for marketing (CNIL's retention guidance).
RETENTION_MONTHS = 36
#: psgdpr_log.request_type of an acceptance (psgdpr's GDPRLog::addLog: 'consent' => 1).
PSGDPR_CONSENT = 1


class Basis(StrEnum):
    CONSENT = "consent"
    CUSTOMER = "customer"


class ProofSource(StrEnum):
    """Where a recipient's basis was read: what the proof of a campaign names."""

    IMPORT = "import"  # an imported SMS consent: ref = file:line (source)
    PSGDPR = "psgdpr"  # psgdpr_log: ref = id_gdpr_log
    NEWSLETTER = "newsletter"  # customer.newsletter: ref = ip_registration_newsletter
    ORDER = "order"  # soft opt-in: ref = id_order of the latest valid order


@dataclass(frozen=True)
class Proof:
    """Why one recipient could be texted: kept with the campaign (campaign proof)."""

    basis: Basis
    source: ProofSource
    date: str  # when the consent was given or the order placed ("" when the shop has none)
    ref: str


@dataclass(frozen=True)
class ImportedConsent:
    """An imported consent as a proof: its date and where it came from."""

    given_at: str
    ref: str  # file:line (source)


def _frozen(values: Mapping[str, ImportedConsent] | None) -> Mapping[str, ImportedConsent]:
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True)
class BasisRule:
    """The basis a count applies, with what it needs from outside the shop."""

    basis: Basis
    soft_optin_months: int = SOFT_OPTIN_MONTHS
    #: imported consents: by number in iSendPro's form, by email in lower case
    numbers: Mapping[str, ImportedConsent] = field(default_factory=lambda: _frozen(None))
    emails: Mapping[str, ImportedConsent] = field(default_factory=lambda: _frozen(None))
    #: a customer without activity in this many last months is past retention
    retention_months: int = RETENTION_MONTHS

    @classmethod
    def of(
        cls,
        basis: Basis,
        *,
        soft_optin_months: int = SOFT_OPTIN_MONTHS,
        numbers: Mapping[str, ImportedConsent] | None = None,
        emails: Mapping[str, ImportedConsent] | None = None,
        retention_months: int = RETENTION_MONTHS,
    ) -> BasisRule:
        if basis is Basis.CONSENT:  # imported consents are consents, not purchases
            return cls(
                basis, soft_optin_months, _frozen(numbers), _frozen(emails), retention_months
            )
        return cls(basis, soft_optin_months, retention_months=retention_months)

    def recent_imports(self, start: dt.date) -> tuple[list[str], list[str]]:
        """The numbers and the emails whose imported consent was given on `start` or later
        (sorted): those customers' data is within retention."""
        day = start.isoformat()

        def recent(values: Mapping[str, ImportedConsent]) -> list[str]:
            return sorted(k for k, v in values.items() if v.given_at[:10] >= day)

        return recent(self.numbers), recent(self.emails)

    def imported_proof(self, number: str, email: str) -> Proof | None:
        """The imported consent of this number (else of this email), as a proof."""
        found = self.numbers.get(number) or self.emails.get(email.strip().lower())
        if found is None:
            return None
        return Proof(self.basis, ProofSource.IMPORT, found.given_at, found.ref)


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


_BASIS_LABELS = {
    Basis.CONSENT: N_("consentement (newsletter, psgdpr ou consentement importé)"),
    Basis.CUSTOMER: N_("clients ayant commandé (commande valide récente, soft opt-in)"),
}
_SOURCE_LABELS = {
    ProofSource.IMPORT: N_("consentement importé"),
    ProofSource.PSGDPR: N_("consentement psgdpr"),
    ProofSource.NEWSLETTER: N_("inscription à la newsletter"),
    ProofSource.ORDER: N_("commande"),
}


def basis_label(value: str) -> str:
    """What a basis means, in the merchant's words (the value itself when unknown)."""
    try:
        return _(_BASIS_LABELS[Basis(value)])
    except ValueError:
        return value


def source_label(value: str) -> str:
    """Where a proof was read, in the merchant's words."""
    try:
        return _(_SOURCE_LABELS[ProofSource(value)])
    except ValueError:
        return value

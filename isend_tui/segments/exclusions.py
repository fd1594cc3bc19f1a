"""Why a customer of a segment gets no SMS: the one list of reasons, their codes (stored
with each campaign) and their labels (the live count, `isend-tui count`, the
confirmation and the history all say the same words).

The order is the order the checks apply, and every screen shows them in it: the number
itself (none, invalid, landline), then the lawful basis (`no_consent`: a usable number but
no basis of the chosen kind, see `isend_tui.segments.basis`), then data retention
(`retention`: the basis, but no activity in the last `retention_months` months), then
sharing (a number kept by the lowest id_customer among the customers with a basis and
within retention), then the suppression list,
then the frequency caps (`frequency_cap`: the number already had its share of marketing
SMS, see `isend_tui.campaigns.frequency_caps`). The caps are applied when a campaign is
prepared, from the local store: a segment count (`RecipientCount`) never has them.
"""

from __future__ import annotations

from enum import StrEnum

from isend_tui.i18n import N_, _


class Exclusion(StrEnum):
    NO_NUMBER = "no_number"
    INVALID_NUMBER = "invalid_number"
    LANDLINE = "landline"
    NO_CONSENT = "no_consent"
    RETENTION = "retention"
    DUPLICATE_NUMBER = "duplicate_number"
    SUPPRESSED = "suppressed"
    FREQUENCY_CAP = "frequency_cap"

    def label(self) -> str:
        """Lower case, for inside a sentence ("exclus : sans numéro 3, …")."""
        return _(_LABELS[self])

    def title(self) -> str:
        """Capitalised, for a line of its own."""
        text = self.label()
        return text[:1].upper() + text[1:]


SEGMENT_REASONS: tuple[Exclusion, ...] = tuple(
    e for e in Exclusion if e is not Exclusion.FREQUENCY_CAP
)
"""The reasons a segment count tells (each a field of `RecipientCount`), in order."""

BASIS_REASONS: frozenset[Exclusion] = frozenset({Exclusion.NO_CONSENT, Exclusion.RETENTION})
"""The reasons only a count with a lawful basis tells."""

_LABELS: dict[Exclusion, str] = {
    Exclusion.NO_NUMBER: N_("sans numéro"),
    Exclusion.INVALID_NUMBER: N_("numéro invalide"),
    Exclusion.LANDLINE: N_("fixe"),
    Exclusion.NO_CONSENT: N_("sans consentement"),
    Exclusion.RETENTION: N_("données trop anciennes"),
    Exclusion.DUPLICATE_NUMBER: N_("numéro en double"),
    Exclusion.SUPPRESSED: N_("liste de suppression"),
    Exclusion.FREQUENCY_CAP: N_("plafond atteint"),
}


def label_of(code: str) -> str:
    """The label of a stored reason code; an unknown code (a newer version's) as is."""
    try:
        return Exclusion(code).label()
    except ValueError:
        return code

"""Delivery states, the gateway's statuses and what they mean, reasons in words.

The one home of the receipt vocabulary. iSendPro's status list is not published: the only
known fact is that ``statut=0`` means delivered (isendpro-api-research.md §6). The other
numeric codes below are the sandbox's own (marked "invented"), to be corrected here once
the real table is known; words seen at other gateways (DELIVRD, UNDELIV, expired…) are
read too. A status this table does not know is never guessed: the receipt is kept raw
and counted as unreadable. An ambiguous failure ("failed", "erreur") counts as temporary:
only a failure known to be permanent puts a number on the suppression list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from isend_tui.i18n import N_, _


class Delivery(StrEnum):
    """The final word on an accepted SMS; None (NULL in the store) while pending."""

    DELIVERED = "delivered"
    FAILED_PERMANENT = "failed_permanent"
    FAILED_TEMPORARY = "failed_temporary"
    EXPIRED = "expired"

    def label(self) -> str:
        return _(_STATE_LABELS[self])


class DeliveryFilter(StrEnum):
    """What a list of recipients can be filtered on (failed: either kind)."""

    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    EXPIRED = "expired"


_STATE_LABELS: dict[str, str] = {
    Delivery.DELIVERED: N_("remis"),
    Delivery.FAILED_PERMANENT: N_("échec définitif"),
    Delivery.FAILED_TEMPORARY: N_("échec temporaire"),
    Delivery.EXPIRED: N_("expiré"),
}
PENDING_LABEL = N_("en attente d'accusé")


def state_label(state: Delivery | None) -> str:
    return state.label() if state is not None else _(PENDING_LABEL)


class Reason(StrEnum):
    DELIVERED = "delivered"
    UNKNOWN_NUMBER = "unknown_number"
    CARRIER_REFUSED = "carrier_refused"
    UNREACHABLE = "unreachable"
    NETWORK_EXPIRED = "network_expired"
    NO_RECEIPT = "no_receipt"
    UNSPECIFIED = "unspecified"
    IN_PROGRESS = "in_progress"


_REASON_WORDS: dict[str, str] = {
    Reason.DELIVERED: N_("remis au téléphone du destinataire"),
    Reason.UNKNOWN_NUMBER: N_("numéro inconnu, non attribué ou résilié"),
    Reason.CARRIER_REFUSED: N_("refusé par l'opérateur"),
    Reason.UNREACHABLE: N_("téléphone injoignable (éteint ou hors réseau)"),
    Reason.NETWORK_EXPIRED: N_("non remis dans le délai de l'opérateur"),
    Reason.NO_RECEIPT: N_("aucun accusé de réception dans le délai"),
    Reason.UNSPECIFIED: N_("échec sans raison précisée"),
    Reason.IN_PROGRESS: N_("en cours d'acheminement"),
}


def reason_words(reason: str | None) -> str:
    """A stored reason key in the merchant's words ("" when there is none)."""
    if not reason:
        return ""
    words = _REASON_WORDS.get(reason)
    return _(words) if words is not None else reason


@dataclass(frozen=True)
class Meaning:
    """What a status says: a state (None: not final yet) and why."""

    state: Delivery | None
    reason: Reason


_IN_PROGRESS = Meaning(None, Reason.IN_PROGRESS)

# Numeric statuses. Only "0" is known from iSendPro; 1-5 are invented (the sandbox's).
STATUS_CODES: dict[str, Meaning] = {
    "0": Meaning(Delivery.DELIVERED, Reason.DELIVERED),
    "1": Meaning(Delivery.FAILED_TEMPORARY, Reason.UNREACHABLE),  # invented
    "2": Meaning(Delivery.FAILED_PERMANENT, Reason.UNKNOWN_NUMBER),  # invented
    "3": Meaning(Delivery.FAILED_PERMANENT, Reason.CARRIER_REFUSED),  # invented
    "4": Meaning(Delivery.EXPIRED, Reason.NETWORK_EXPIRED),  # invented
    "5": _IN_PROGRESS,  # invented: buffered by the operator, still trying
}

# Words (folded: lower case, no accents, letters and digits only) seen at other gateways.
STATUS_WORDS: dict[str, Meaning] = {
    **dict.fromkeys(
        ("delivered", "delivrd", "dlvrd", "livre", "recu", "remis", "success", "succes", "ok"),
        Meaning(Delivery.DELIVERED, Reason.DELIVERED),
    ),
    **dict.fromkeys(
        ("unknown", "inconnu", "invalid", "invalide", "nonattribue", "resilie", "unknownnumber"),
        Meaning(Delivery.FAILED_PERMANENT, Reason.UNKNOWN_NUMBER),
    ),
    **dict.fromkeys(
        ("rejected", "rejectd", "refused", "refuse", "undeliv", "undelivered", "blocked"),
        Meaning(Delivery.FAILED_PERMANENT, Reason.CARRIER_REFUSED),
    ),
    **dict.fromkeys(
        ("unreachable", "injoignable", "absent", "eteint", "temporary", "temporaire"),
        Meaning(Delivery.FAILED_TEMPORARY, Reason.UNREACHABLE),
    ),
    **dict.fromkeys(
        ("failed", "fail", "echec", "error", "erreur", "notdelivered", "nonremis"),
        Meaning(Delivery.FAILED_TEMPORARY, Reason.UNSPECIFIED),
    ),
    **dict.fromkeys(
        ("expired", "expire", "expird"), Meaning(Delivery.EXPIRED, Reason.NETWORK_EXPIRED)
    ),
    **dict.fromkeys(
        (
            *("pending", "enattente", "encours", "sent", "envoye", "accepted", "acceptd"),
            *("submitted", "enroute", "transmis", "buffered"),
        ),
        _IN_PROGRESS,
    ),
}


def fold_word(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain)


def meaning_of(status: str) -> Meaning | None:
    """What a gateway status means, or None when this table does not know it."""
    value = status.strip()
    if value.lstrip("+-").isdigit():
        return STATUS_CODES.get(str(int(value)))
    return STATUS_WORDS.get(fold_word(value))


_RANK = {
    None: 0,
    Delivery.FAILED_TEMPORARY: 1,
    Delivery.EXPIRED: 1,
    Delivery.DELIVERED: 2,
    Delivery.FAILED_PERMANENT: 2,
}


def supersedes(new: Delivery | None, current: Delivery | None) -> bool:
    """Whether a receipt saying `new` replaces the recorded `current` state.

    Delivered and permanent failure are final; a temporary failure or an expiry is
    replaced by any later word (a late receipt beats our expiry); "in progress" never
    replaces anything."""
    if new is None:
        return False
    return _RANK[new] >= _RANK[current] and _RANK[current] < 2

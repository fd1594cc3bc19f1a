"""English for the lawful basis of marketing SMS (segments/basis.py, `count --basis`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "sans consentement": "no consent",
    "{option} {value} : un SMS transactionnel n'est pas du marketing, ce n'est pas une "
    "base pour une campagne. Choisissez {option} consent (consentement) ou {option} "
    "customer (clients ayant commandé).": (
        "{option} {value}: a transactional SMS is not marketing, it is no basis for a "
        "campaign. Choose {option} consent or {option} customer (customers who ordered)."
    ),
    "{option} {value} : base inconnue. Choisissez {option} consent (consentement) ou "
    "{option} customer (clients ayant commandé).": (
        "{option} {value}: unknown basis. Choose {option} consent or {option} customer "
        "(customers who ordered)."
    ),
}

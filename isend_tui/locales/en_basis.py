"""English for the lawful basis of marketing SMS (segments/basis.py, `count --basis`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "sans consentement": "no consent",
    "données trop anciennes": "data past retention",
    "Nombre de mois entre 1 et {high} : un client sans commande ni consentement depuis ce "
    "nombre de mois n'est plus destinataire (36 par défaut).": (
        "A number of months from 1 to {high}: a customer without any order or consent for "
        "that many months is no longer a recipient (36 by default)."
    ),
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
    "base légale du marketing : consent (newsletter, psgdpr, consentements importés) ou "
    "customer (une commande valide dans les soft_optin_months derniers mois) ; les clients "
    "sans elle sont comptés « sans consentement » (par défaut : aucune)": (
        "lawful basis of marketing: consent (newsletter, psgdpr, imported consents) or "
        "customer (a valid order in the last soft_optin_months months); customers without "
        'it are counted as "no consent" (default: none)'
    ),
    "Base légale : {basis}": "Lawful basis: {basis}",
    "Nombre de mois entre 1 et {high} : un client qui n'a pas commandé depuis plus de "
    "trois ans n'est plus un client pour la CNIL (36 par défaut).": (
        "A number of months from 1 to {high}: for the CNIL, someone who has not ordered for "
        "more than three years is no longer a customer (36 by default)."
    ),
}

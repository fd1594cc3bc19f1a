"""English for the frequency caps (campaigns/frequency_caps.py, cap_* settings)."""

from __future__ import annotations

EN: dict[str, str] = {
    "{day} SMS par 24 h et {month} par 30 jours au plus par numéro": (
        "at most {day} SMS per 24 h and {month} per 30 days per number"
    ),
    "{day} SMS par 24 h au plus par numéro": "at most {day} SMS per 24 h per number",
    "{month} SMS par 30 jours au plus par numéro": "at most {month} SMS per 30 days per number",
    "aucun plafond d'envoi par numéro": "no frequency cap per number",
    "plafond atteint": "frequency cap",
    "Nombre de SMS marketing par numéro sur 24 heures, entre 0 et {high} (0 : sans "
    "plafond ; 1 par défaut).": (
        "A number of marketing SMS per number in 24 hours, from 0 to {high} (0: no cap; 1 by "
        "default)."
    ),
    "Nombre de SMS marketing par numéro sur 30 jours, entre 0 et {high} (0 : sans "
    "plafond ; 4 par défaut).": (
        "A number of marketing SMS per number in 30 days, from 0 to {high} (0: no cap; 4 by "
        "default)."
    ),
    "Le plafond sur 30 jours ({month}) est inférieur au plafond sur 24 heures ({day}) : "
    "mettez cap_per_30_days à {day} au moins, ou baissez cap_per_day.": (
        "The 30-day cap ({month}) is below the 24-hour cap ({day}): set cap_per_30_days to "
        "{day} at least, or lower cap_per_day."
    ),
    "Envoyer aussi aux numéros qui ont atteint le plafond de fréquence": (
        "Send also to the numbers that reached the frequency cap"
    ),
    "Plafond de fréquence : {caps}.": "Frequency cap: {caps}.",
    "Plafond de fréquence ignoré à votre demande : {n} destinataire le dépasse.": (
        "Frequency cap set aside at your request: {n} recipient is over it."
    ),
    "Plafond de fréquence ignoré à votre demande : {n} destinataires le dépassent.": (
        "Frequency cap set aside at your request: {n} recipients are over it."
    ),
    "envoyer aussi aux numéros qui ont atteint le plafond de fréquence (cap_per_day, "
    "cap_per_30_days) ; le résumé dit combien, la confirmation reste demandée": (
        "send also to the numbers that reached the frequency cap (cap_per_day, "
        "cap_per_30_days); the summary says how many, the confirmation is still asked"
    ),
    "Marketing : base légale et plafonds": "Marketing: lawful basis and caps",
    "Soft opt-in : une commande valide depuis (mois)": "Soft opt-in: a valid order within (months)",
    "SMS marketing par numéro en 24 h, au plus": "Marketing SMS per number in 24 h, at most",
    "SMS marketing par numéro en 30 jours, au plus": (
        "Marketing SMS per number in 30 days, at most"
    ),
    "36 mois au plus (CNIL).": "36 months at most (CNIL).",
    "0 = pas de plafond.": "0 = no cap.",
    "0 = pas de plafond. Chaque campagne compte, même programmée.": (
        "0 = no cap. Every campaign counts, scheduled ones too."
    ),
    "Données gardées sans activité du client (mois)": (
        "Data kept without the customer's activity (months)"
    ),
    "Au-delà, le client n'est plus destinataire (36 d'usage).": (
        "Beyond, the customer is no longer a recipient (36 is usual)."
    ),
    "Plafond de fréquence atteint depuis la préparation (autres campagnes) : {n} "
    "destinataire retiré de cette campagne.": "Frequency cap reached since the preparation "
    "(other campaigns): {n} recipient taken out of this campaign.",
    "Plafond de fréquence atteint depuis la préparation (autres campagnes) : {n} "
    "destinataires retirés de cette campagne.": "Frequency cap reached since the preparation "
    "(other campaigns): {n} recipients taken out of this campaign.",
}

"""English for the delivery receipts in the screens: État des campagnes, a campaign's
details, État des notifications."""

EN: dict[str, str] = {
    "Remis": "Delivered",
    "Échecs": "Failed",
    "En attente": "Waiting",
    "Remise": "Delivery",
    "toutes les remises": "any delivery",
    "en échec": "failed",
    "Remise : {rate} remis ({delivered} sur {accepted} acceptés), {failed} en échec, "
    "{expired} expirés, {pending} en attente d'accusé.": "Delivery: {rate} delivered "
    "({delivered} of {accepted} accepted), {failed} failed, {expired} expired, {pending} "
    "waiting for a receipt.",
}

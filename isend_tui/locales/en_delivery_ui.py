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
    "Accusés de réception": "Delivery receipts",
    "Lecture de l'adresse…": "Reading the address…",
    "Adresse à donner à iSendPro (gardez-la secrète) : {url}": (
        "The address to give iSendPro (keep it secret): {url}"
    ),
    "Le récepteur écoute sur {url} : publiez-le derrière le serveur web de la boutique "
    "(README) et réglez receipts_public_url.": "The receiver listens on {url}: publish it "
    "behind the shop's web server (README) and set receipts_public_url.",
    "Récepteur arrêté : réglez receipts_port (isend-tui settings set receipts_port 8643) "
    "pour que isend-tui watch reçoive les accusés d'iSendPro.": "Receiver off: set "
    "receipts_port (isend-tui settings set receipts_port 8643) for isend-tui watch to receive "
    "iSendPro's receipts.",
    "Revenu attribué": "Attributed revenue",
}

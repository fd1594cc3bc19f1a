"""English for the counters, the credit and the words a merchant reads (issue 14): the
message preview, the confirmation's sender and text, the credit in Paramétrage, Textual's
and argparse's own strings, and the CLI's unknown names."""

EN: dict[str, str] = {
    "celui d'iSendPro par défaut (pas de mention STOP ajoutée)": (
        "iSendPro's default (no STOP mention added)"
    ),
    "Message : « {text} »": "Message: “{text}”",
    "Campagne {id} annulée : {n} destinataire ne recevra rien.": (
        "Campaign {id} cancelled: {n} recipient will receive nothing."
    ),
    "Campagne {id} annulée : {n} destinataires ne recevront rien.": (
        "Campaign {id} cancelled: {n} recipients will receive nothing."
    ),
    "Aucun destinataire dans la sélection : rien à prévisualiser.": (
        "No recipient in the selection: nothing to preview."
    ),
    "Aperçu pour {name} ({number}), {n} SMS :": "Preview for {name} ({number}), {n} SMS:",
    "Aperçu pour un client…": "Preview for a customer…",
    "Aperçu : choisissez le client": "Preview: choose the customer",
    "Son message personnalisé est affiché ici ; rien n'est envoyé.": (
        "Their personalised message is shown here; nothing is sent."
    ),
    "comptent double : {chars}": "count double: {chars}",
    "encore {n} caractère avant un SMS de plus": "{n} more character before one more SMS",
    "encore {n} caractères avant un SMS de plus": "{n} more characters before one more SMS",
    "indiquez depuis combien de mois.": "enter over how many months.",
    "indiquez l'âge.": "enter the age.",
    "indiquez le nombre de commandes.": "enter the number of orders.",
    "indiquez le montant.": "enter the amount.",
    "indiquez la date.": "enter the date.",
    "cochez au moins une boutique.": "tick at least one shop.",
    "cochez au moins un groupe.": "tick at least one group.",
    "cochez au moins un pays.": "tick at least one country.",
    "{what} doit être un nombre entier, pas « {text} ».": (
        "{what} must be a whole number, not “{text}”."
    ),
    "le montant doit être un nombre (par exemple 100 ou 99,90), pas « {text} ».": (
        "the amount must be a number (for instance 100 or 99.90), not “{text}”."
    ),
    "Critère {position} (country) : pays inconnu de la boutique : {names} ; "
    "aucun client n'y correspond.": (
        "Criterion {position} (country): country unknown to the shop: {names}; no customer "
        "matches it."
    ),
    "Critère {position} (group) : groupe inconnu de la boutique : {names} ; "
    "aucun client n'y correspond.": (
        "Criterion {position} (group): group unknown to the shop: {names}; no customer matches it."
    ),
    "Critère {position} (shop) : boutique inconnue : {names} ; aucun client n'y "
    "correspond.": "Criterion {position} (shop): unknown shop: {names}; no customer matches it.",
    "Attention : {warning}": "Warning: {warning}",
    "langue des écrans et des messages (sinon celle des réglages)": (
        "language of the screens and messages (else the saved setting's)"
    ),
    "{n} destinataire ({excluded} clients exclus)": "{n} recipient ({excluded} customers excluded)",
}

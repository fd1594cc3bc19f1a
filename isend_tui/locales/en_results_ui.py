"""English for the campaign details' Résultats panel (attribution, A/B winner)."""

EN: dict[str, str] = {
    "Résultats": "Results",
    "le texte gagnant": "the winning text",
    "Envoyer aux destinataires gardés": "Send to the kept recipients",
    "dès le {at}": "from {at}",
    "après l'envoi": "after the send",
    "{n} destinataires gardés pour le texte gagnant, à envoyer {due}.": (
        "{n} recipients kept for the winning text, to be sent {due}."
    ),
    "le texte {letter}": "text {letter}",
    "Pas encore de gagnant significatif : attendez d'autres commandes, ou choisissez le "
    "texte vous-même.": (
        "No significant winner yet: wait for more orders, or choose the text yourself."
    ),
    "Envoyer le texte {letter} aux {n} destinataires gardés ?": (
        "Send text {letter} to the {n} kept recipients?"
    ),
    "Texte gagnant": "Winning text",
    "Résultats indisponibles : {why}": "Results unavailable: {why}",
}
EN.update(
    {
        "  Réponses STOP : {n} ({rate} des destinataires)": (
            "  STOP replies: {n} ({rate} of the recipients)"
        ),
        ", {rate} remis": ", {rate} delivered",
        ", {rate} de STOP": ", {rate} STOP",
    }
)
EN.update(
    {
        "CA 30 j": "Revenue 30 d",
        "{orders} ensuite, {revenue}": "{orders} after, {revenue}",
    }
)
EN.update(
    {
        "Automatisations :": "Automations:",
        "Notifications :": "Notifications:",
        "  {name:24} {sms:>9} SMS  {orders:>14}  CA {revenue:>12}": (
            "  {name:24} {sms:>9} SMS  {orders:>14}  revenue {revenue:>12}"
        ),
    }
)
EN.update(
    {
        "Campagne {id} : le texte {letter} a gagné, il part aux {n} gardés.": (
            "Campaign {id}: text {letter} won, it goes to the {n} kept recipients."
        ),
        "Campagne {id} : {why}": "Campaign {id}: {why}",
        "Campagne {id} : envoi du texte gagnant terminé ({n} SMS envoyés en tout).": (
            "Campaign {id}: the winning text is sent ({n} SMS sent in all)."
        ),
    }
)

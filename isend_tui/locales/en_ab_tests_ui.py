"""English for A/B tests in the Campagne marketing section (texts B to D in Message, the
winner's delay and share in Envoi) and the A/B lines of a campaign's confirmation."""

from __future__ import annotations

EN: dict[str, str] = {
    # campaigns/validation.py
    "Envoi du gagnant refusé : il faut au moins une variante du message (un texte B) à comparer.": (
        "Sending the winner is refused: it needs at least one variant of the message (a text "
        "B) to compare."
    ),
    "Envoi du gagnant refusé : donnez un délai de 1 à {high} heures avant l'envoi du texte "
    "gagnant.": (
        "Sending the winner is refused: give a delay of 1 to {high} hours before the winning "
        "text is sent."
    ),
    # commands/campaign_winner.py
    "avec --winner-after : part gardée pour le gagnant ({pct} %% par défaut)": (
        "with --winner-after: the share kept for the winner ({pct} %% by default)"
    ),
    # campaigns/plan_draws.py
    "Texte {letter} : « {text} »": "Text {letter}: “{text}”",
    "texte {letter} : {n}": "text {letter}: {n}",
    "Test A/B, destinataires tirés au hasard pour chaque texte : {counts}.": (
        "A/B test, recipients drawn at random for each text: {counts}."
    ),
    "Gardé pour le texte gagnant : {n} destinataire, qui le recevra une fois le gagnant "
    "connu, au plus tôt {hours} h après l'envoi.": (
        "Kept for the winning text: {n} recipient, who will get it once the winner is known, "
        "{hours} h after the send at the earliest."
    ),
    "Gardés pour le texte gagnant : {n} destinataires, qui le recevront une fois le gagnant "
    "connu, au plus tôt {hours} h après l'envoi.": (
        "Kept for the winning text: {n} recipients, who will get it once the winner is known, "
        "{hours} h after the send at the earliest."
    ),
    "Groupe témoin : {n} destinataire gardé sans SMS, pour mesurer le gain.": (
        "Hold-out group: {n} recipient kept without SMS, to measure the gain."
    ),
    "Groupe témoin : {n} destinataires gardés sans SMS, pour mesurer le gain.": (
        "Hold-out group: {n} recipients kept without SMS, to measure the gain."
    ),
    # ui/screens/marketing/variants.py, message.py
    "Texte {letter}": "Text {letter}",
    "Retirer le texte {letter}": "Remove text {letter}",
    "Texte A": "Text A",
    "Le texte {letter} du test A/B est vide : écrivez-le dans l'onglet Message, ou retirez-le.": (
        "Text {letter} of the A/B test is empty: write it in the Message tab, or remove it."
    ),
    "Texte {letter} du test A/B : {problem}": "Text {letter} of the A/B test: {problem}",
    "Test A/B (facultatif)": "A/B test (optional)",
    "Jusqu'à {n} autres textes : chaque destinataire reçoit au hasard le message (texte A) "
    "ou une variante ; les résultats sont donnés par texte.": (
        "Up to {n} other texts: each recipient gets the message (text A) or a variant at "
        "random; the results are given per text."
    ),
    "Ajouter une variante (test A/B)": "Add a variant (A/B test)",
    # ui/screens/marketing/send.py
    "Test A/B : envoyer le texte gagnant après N heures (vide : non)": (
        "A/B test: send the winning text after N hours (empty: no)"
    ),
    "Part des destinataires gardée pour le gagnant (%)": (
        "Share of the recipients kept for the winner (%)"
    ),
    "{pct} par défaut": "{pct} by default",
    "heures, par exemple 24": "hours, for example 24",
    "Test A/B : donnez le délai avant l'envoi du texte gagnant en heures entières (1 à "
    "{high}), ou laissez le champ vide.": (
        "A/B test: give the delay before the winning text is sent in whole hours (1 to "
        "{high}), or leave the field empty."
    ),
    "Part gardée pour le gagnant : donnez un nombre entier de 1 à {high} (% des "
    "destinataires), ou laissez le champ vide ({pct} %).": (
        "Share kept for the winner: give a whole number from 1 to {high} (% of the "
        "recipients), or leave the field empty ({pct} %)."
    ),
}
EN.update(
    {
        "Aperçu pour {name} ({number}), chaque texte du test A/B :": (
            "Preview for {name} ({number}), each text of the A/B test:"
        ),
        "Texte {letter} ({n} SMS) :": "Text {letter} ({n} SMS):",
    }
)

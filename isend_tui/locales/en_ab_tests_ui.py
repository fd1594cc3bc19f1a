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
}

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
}

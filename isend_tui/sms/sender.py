"""The sender name (iSendPro's ``emetteur``).

The PrestaShop module's rule, stricter than the API's and the one applied here: 4 to 11
characters, unaccented letters (upper or lower case) and digits only, no space nor special
character, not only digits. Leading and trailing spaces are ignored. A generic word
(SMS, INFO, PROMO, ALERTE, TEST, NOREPLY…) is refused, as operators refuse it: the
sender must tell the customer which shop is writing.
"""

from __future__ import annotations

import string
from typing import Final

from isend_tui.errors import UserError
from isend_tui.i18n import _

SENDER_MIN: Final = 4
SENDER_MAX: Final = 11
_ALLOWED: Final = frozenset(string.ascii_letters + string.digits)
GENERIC_SENDERS: Final = frozenset(
    {
        "ALERT", "ALERTE", "ALERTES", "BANQUE", "BOUTIQUE", "CODE", "CONTACT", "INFO",
        "INFOS", "MESSAGE", "MOBILE", "NEWS", "NOREPLY", "NOTIF", "OFFRE", "OFFRES",
        "PROMO", "PROMOS", "SECURITE", "SERVICE", "SHOP", "SOLDES", "STORE", "TEST",
        "TESTS", "VERIF", "VERIFY",
    }
)  # fmt: skip
"""Words that identify no one: one place for the list (upper case)."""


def _describe(char: str) -> str:
    if char == " ":
        return _("l'espace")
    if char.isprintable():
        return f"« {char} »"
    return f"U+{ord(char):04X}"


def sender_problem(sender: str) -> str | None:
    """None when `sender` is usable, else the translated reason naming the broken rule.

    Checked in this order: empty, forbidden character, too short, too long, only digits.
    """
    value = sender.strip()
    if not value:
        return _(
            "L'émetteur est vide : indiquez de 4 à 11 lettres sans accent ou chiffres "
            "qui identifient la boutique."
        )
    for char in value:
        if char not in _ALLOWED:
            return _(
                "L'émetteur contient un caractère interdit, {char} : seules les lettres "
                "sans accent et les chiffres sont acceptés (ni espace ni caractère spécial)."
            ).format(char=_describe(char))
    if len(value) < SENDER_MIN:
        # Never empty here (checked above): 1 is the only singular, in French and English.
        if len(value) == 1:
            short = _("L'émetteur « {sender} » fait {n} caractère : il en faut au moins {min}.")
        else:
            short = _("L'émetteur « {sender} » fait {n} caractères : il en faut au moins {min}.")
        return short.format(sender=value, n=len(value), min=SENDER_MIN)
    if len(value) > SENDER_MAX:
        return _("L'émetteur « {sender} » fait {n} caractères : {max} au maximum.").format(
            sender=value, n=len(value), max=SENDER_MAX
        )
    if value.isdigit():
        return _(
            "L'émetteur « {sender} » ne contient que des chiffres : ajoutez au moins une lettre."
        ).format(sender=value)
    if value.upper() in GENERIC_SENDERS:
        return _(
            "L'émetteur « {sender} » est un mot générique que les opérateurs refusent : "
            "indiquez le nom de la boutique ou de la marque."
        ).format(sender=value)
    return None


def validate_sender(sender: str) -> str:
    """Return the stripped sender, or raise UserError(reason, field="sender")."""
    problem = sender_problem(sender)
    if problem is not None:
        raise UserError(problem, field="sender")
    return sender.strip()

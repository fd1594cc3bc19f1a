"""argparse's own words in French: "usage:", "positional arguments", "show this help message
and exit", its error messages… They go through a module-level `_` that argparse binds from
gettext at import; `install()` replaces it with a lookup in this table when the language is
French (English keeps argparse's originals)."""

from __future__ import annotations

import argparse

from isend_tui import i18n

FRENCH: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (choisissez parmi %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue %(parser_name)r (choix : %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unexpected option string: %s": "option inattendue : %s",
    "subcommands": "sous-commandes",
}
_PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s valeur attendue", "%s valeurs attendues"),
    "conflicting option string: %s": ("option en conflit : %s", "options en conflit : %s"),
}


def _translate(text: str) -> str:
    return FRENCH.get(text, text) if i18n.get_language() == "fr" else text


def _translate_plural(singular: str, plural: str, n: int) -> str:
    if i18n.get_language() == "fr" and singular in _PLURALS:
        one, many = _PLURALS[singular]
        return one if n <= 1 else many
    return singular if n == 1 else plural


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]

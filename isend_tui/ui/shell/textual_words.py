"""Textual's own words in French: the command palette's placeholder and system commands,
"Dismiss menu" in the footer of an open select, the palette key's tooltip. Textual writes
them in English; `textual_text` gives the French when the UI is French (English keeps
Textual's originals), as commands/argparse_text.py does for argparse."""

from __future__ import annotations

import dataclasses
from typing import Any

from isend_tui import i18n

FRENCH: dict[str, str] = {
    "Search for commands…": "Rechercher une commande…",
    "No matches found": "Aucun résultat",
    "Dismiss menu": "Fermer la liste",
    "Exit the command palette": "Fermer la palette",
    "Open the command palette": "Ouvrir la palette de commandes",
    "palette": "palette",
    "Keys": "Touches",
    "Show help for the focused widget and a summary of available keys": (
        "Aide du champ actif et résumé des touches disponibles"
    ),
    "Hide the keys and widget help panel": "Masquer le panneau des touches",
    "Maximize": "Agrandir",
    "Maximize the focused widget": "Agrandir le champ actif",
    "Minimize": "Réduire",
    "Minimize the widget and restore to normal size": "Rendre au champ sa taille normale",
    "Quit": "Quitter",
    "Quit the application as soon as possible": "Quitter l'application",
    "Screenshot": "Capture d'écran",
    "Save an SVG 'screenshot' of the current screen": (
        "Enregistrer une capture SVG de l'écran courant"
    ),
    "Theme": "Thème",
    "Change the current theme": "Changer le thème",
    "Search for themes…": "Rechercher un thème…",
}


def textual_text(text: str) -> str:
    """`text` (one of Textual's English strings) in the UI's language."""
    return FRENCH.get(text, text) if i18n.get_language() == "fr" else text


_ORIGINALS: dict[type[Any], dict[str, list[Any]]] = {}


def translate_class_bindings(*classes: type[Any]) -> None:
    """Give Textual classes' own key descriptions in the UI's language. Their bindings
    are merged once per class: the English originals are kept, so a later language
    (another app in the same process) starts again from them."""
    for cls in classes:
        merged = cls._merged_bindings
        if merged is None:
            continue
        original = _ORIGINALS.setdefault(
            cls, {key: list(bindings) for key, bindings in merged.key_to_bindings.items()}
        )
        merged.key_to_bindings = {
            key: [
                dataclasses.replace(
                    b,
                    description=textual_text(b.description) if b.description else "",
                    tooltip=textual_text(b.tooltip) if b.tooltip else "",
                )
                for b in bindings
            ]
            for key, bindings in original.items()
        }

"""One translation function for every user-visible string.

French is the source language (the merchants are French and the labels follow the seed
module); English comes from catalogues in isend_tui/locales. Call sites write the French
text literally so a reader sees what the user sees:

    _("Votre keyid a été mis à jour")
    _("Vous pouvez envoyer {n} SMS en France").format(n=343)

Format after translating, never before. tests/unit/test_i18n.py checks that every literal
passed to _() has an English entry.
"""

from __future__ import annotations

from isend_tui.locales import english_catalogue

LANGUAGES = ("fr", "en")
_language = "fr"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        from isend_tui.errors import ConfigError

        raise ConfigError(
            f"Langue inconnue « {language} » : choisissez fr ou en (--lang fr|en).",
            field="language",
        )
    _language = language


def get_language() -> str:
    return _language


def _(text: str) -> str:
    if _language == "fr":
        return text
    return english_catalogue().get(text, text)


def N_(text: str) -> str:
    """Marks a literal for translation where it is defined; _() translates it when shown."""
    return text

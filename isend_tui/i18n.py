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
_chosen = False  # --lang was given: it wins over the saved setting


def set_language(language: str, *, chosen: bool = False) -> None:
    global _language, _chosen
    if language not in LANGUAGES:
        from isend_tui.errors import ConfigError

        raise ConfigError(
            f"Langue inconnue « {language} » : choisissez fr ou en (--lang fr|en).",
            field="language",
        )
    _language = language
    _chosen = _chosen or chosen


def reset() -> None:
    """French, nothing chosen: as a new process starts (for each `main()` call)."""
    global _language, _chosen
    _language, _chosen = "fr", False


def use_saved_language(language: str) -> None:
    """The language saved in Paramétrage, unless the command line chose one."""
    if not _chosen and language in LANGUAGES:
        set_language(language)


def get_language() -> str:
    return _language


def _(text: str) -> str:
    if _language == "fr":
        return text
    return english_catalogue().get(text, text)


def N_(text: str) -> str:
    """Marks a literal for translation where it is defined; _() translates it when shown."""
    return text

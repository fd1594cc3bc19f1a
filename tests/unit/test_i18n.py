"""Every French literal passed to _() or N_() has an English translation."""

from __future__ import annotations

import ast
from pathlib import Path

import isend_tui
from isend_tui import i18n
from isend_tui.locales import english_catalogue


def translatable_literals() -> dict[str, str]:
    found: dict[str, str] = {}
    root = Path(isend_tui.__file__).parent
    for path in root.rglob("*.py"):
        if "locales" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
            ):
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = f"{path.relative_to(root)}:{node.lineno}"
    return found


def test_every_user_visible_string_has_an_english_translation() -> None:
    catalogue = english_catalogue()
    missing = {
        text: where for text, where in translatable_literals().items() if text not in catalogue
    }
    assert not missing, "\n".join(f"{where}: {text!r}" for text, where in missing.items())


def test_translations_keep_their_placeholders() -> None:
    import string

    formatter = string.Formatter()
    for french, english in english_catalogue().items():
        fr = {f for _, f, _, _ in formatter.parse(french) if f}
        en = {f for _, f, _, _ in formatter.parse(english) if f}
        assert fr == en, f"{french!r} -> {english!r}"


def test_switching_language() -> None:
    i18n.set_language("en")
    try:
        assert i18n._("Paramétrage") == "Settings"
    finally:
        i18n.set_language("fr")
    assert i18n._("Paramétrage") == "Paramétrage"

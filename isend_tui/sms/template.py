"""Mail-merge templates: ``Bonjour {firstname}, votre commande {order_reference} …``.

A placeholder is ``{name}`` where name matches ``[a-z_][a-z0-9_]*``. Braces around anything
that looks like a name (letters of any case or accent, digits, spaces, ``_ . -``) are a
variable meant by the merchant: when it is not exactly a known one (``{Client_Surname}``,
``{client_name }``) the check refuses it, with the variable it most likely meant, rather
than let the braces reach the customer. Other braces (``{}``, ``{:-)}``) are literal text
(and, being GSM-7 extension characters, cost 2 units each when counted).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from isend_tui.i18n import _

PLACEHOLDER: Final = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# What a merchant types when he means a variable: a name-like run inside braces.
MEANT_AS_VARIABLE: Final = re.compile(r"\{(\s*[^\W\d][\w .\-]{0,48})\}")


def _fold(name: str) -> str:
    """A variable name reduced for comparison: case, accents, spaces and dashes ignored."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s.\-]+", "_", plain)


def variables_in(text: str) -> list[str]:
    """Names of the placeholders in `text`, in order of first appearance, each once."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text)))


def render(text: str, values: Mapping[str, str | None]) -> str:
    """Replace every placeholder by its value; unknown or None values become ""."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1)) or "", text)


@dataclass(frozen=True)
class TemplateCheck:
    """Placeholders the template uses that are not in the allowed set, in order."""

    unknown: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.unknown


def check_template(text: str, allowed: Collection[str]) -> TemplateCheck:
    """Which variables meant in `text` are not among `allowed`, as typed, in order."""
    unknown = (match.group(1) for match in MEANT_AS_VARIABLE.finditer(text))
    return TemplateCheck(tuple(dict.fromkeys(name for name in unknown if name not in allowed)))


def likely_variable(name: str, allowed: Collection[str]) -> str | None:
    """The allowed variable a misspelled `name` most likely means (case, accents, spaces)."""
    folded = _fold(name)
    return next((known for known in allowed if _fold(known) == folded), None)


def missing_values(text: str, values: Mapping[str, str | None]) -> list[str]:
    """Placeholders used by `text` whose value is absent, None, empty or only spaces."""
    return [name for name in variables_in(text) if not (values.get(name) or "").strip()]


def _braced(names: Sequence[str]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def unknown_variables_message(unknown: Sequence[str], allowed: Collection[str]) -> str:
    """Translated message naming the unknown placeholders and listing the possible ones.

    `allowed` is listed in its own order when it is a list or tuple, sorted otherwise.
    """
    possible = list(allowed) if isinstance(allowed, list | tuple) else sorted(allowed)
    named = []
    for name in unknown:
        meant = likely_variable(name, possible)
        hint = _(" (vouliez-vous dire {meant} ?)").format(meant=_braced([meant])) if meant else ""
        named.append(_braced([name]) + hint)
    if len(unknown) == 1:
        message = _("Variable inconnue : {unknown}. Variables possibles : {allowed}.")
    else:
        message = _("Variables inconnues : {unknown}. Variables possibles : {allowed}.")
    return message.format(unknown=", ".join(named), allowed=_braced(possible))

"""Mail-merge templates: ``Bonjour {firstname}, votre commande {order_reference} …``.

A placeholder is ``{name}`` where name matches ``[a-z_][a-z0-9_]*``. Any other brace is
literal text (and, being a GSM-7 extension character, costs 2 units when counted).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from isend_tui.i18n import _

PLACEHOLDER: Final = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


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
    """Which placeholders of `text` are not among `allowed`."""
    return TemplateCheck(tuple(name for name in variables_in(text) if name not in allowed))


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
    if len(unknown) == 1:
        message = _("Variable inconnue : {unknown}. Variables possibles : {allowed}.")
    else:
        message = _("Variables inconnues : {unknown}. Variables possibles : {allowed}.")
    return message.format(unknown=_braced(unknown), allowed=_braced(possible))

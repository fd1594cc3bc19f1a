"""Key binding descriptions in the user's language, decided when a widget is created.

BINDINGS are class attributes, evaluated at import: their descriptions are written as
French literals marked with N_() and translated here, per instance, so the language chosen
at start (or by a test) applies even when the module was imported earlier.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from isend_tui.i18n import _

if TYPE_CHECKING:
    from textual.binding import BindingsMap


class TranslatedBindings:
    """Mixin, listed before the Textual base class. Not a DOMNode itself: Textual follows
    a class's first DOMNode base for its CSS and component classes."""

    _bindings: BindingsMap  # DOMNode's per-instance table (a private name of Textual's)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # DOMNode keeps a per-instance copy of the merged bindings in `_bindings`.
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [
                dataclasses.replace(
                    b,
                    description=_(b.description) if b.description else b.description,
                    tooltip=_(b.tooltip) if b.tooltip else b.tooltip,
                )
                for b in bindings
            ]

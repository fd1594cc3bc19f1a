"""English catalogues, one module per area so parallel work does not collide.

Each module defines EN: dict[str, str] mapping the French source text to English.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache


@cache
def english_catalogue() -> dict[str, str]:
    merged: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("en_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            merged.update(module.EN)
    return merged

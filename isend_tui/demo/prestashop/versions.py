"""The PrestaShop versions a demo or test shop can be written as."""

from __future__ import annotations

from typing import Literal

Version = Literal["1.6", "1.7", "8", "9"]
VERSIONS: tuple[Version, ...] = ("1.6", "1.7", "8", "9")

#: The PS_VERSION_DB written for each major version.
VERSION_DB: dict[Version, str] = {"1.6": "1.6.1.24", "1.7": "1.7.8.11", "8": "8.1.7", "9": "9.0.0"}

"""What a shop is, as the tool needs it: `ShopInfo` (version, time zone, defaults, order-state
and group ids), read once when the shop is opened (`isend_tui.shop.info.open_shop`), and
the order states listed for the UI.

Plain data: `ShopConnection` carries a ShopInfo without depending on how it is read.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from typing import Literal, cast

Major = Literal["1.6", "1.7", "8", "9"]


@dataclass(frozen=True)
class ShopInfo:
    """Facts about the shop, read once when it is opened (`open_shop`)."""

    version: str
    major: Major
    timezone: zoneinfo.ZoneInfo
    shop_name: str
    default_shop_id: int
    default_shop_group_id: int
    default_lang_id: int
    default_currency_id: int
    default_currency_iso: str
    default_country_id: int
    order_states: dict[str, int]
    groups: dict[str, int]
    has_shipping_number: bool
    has_currency_lang: bool
    version_guessed: bool = False

    def state(self, key: str) -> int | None:
        """The id of a PS_OS_* state, or None when the shop has no such key."""
        return self.order_states.get(key)


@dataclass(frozen=True)
class OrderState:
    id: int
    name: str
    logable: bool
    paid: bool
    shipped: bool
    delivery: bool
    deleted: bool


def major_of(version: str) -> Major | None:
    """'1.6.1.24' -> '1.6', '1.7.8.11' -> '1.7', '8.1.7' -> '8', '9.0.0' -> '9'."""
    match = re.match(r"\s*(\d+)\.(\d+)", version or "")
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first == 1 and second == 6:
        return "1.6"
    if first == 1 and second == 7:
        return "1.7"
    if first == 8:
        return "8"
    if first == 9:
        return "9"
    return None


def cast_major(value: str) -> Major:
    major = major_of(value) if "." in value else None
    if major is None and value in ("1.6", "1.7", "8", "9"):
        major = cast(Major, value)
    if major is None:
        raise ValueError(value)
    return major

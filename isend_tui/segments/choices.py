"""The lists the segment criteria offer in the UI: the shop's shops, groups and countries."""

from __future__ import annotations

from dataclasses import dataclass, field

from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import list_countries, list_groups, list_shops, open_shop


@dataclass(frozen=True)
class SegmentChoices:
    shops: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # (iso, name)
    shop_name: str = ""
    currency: str = "EUR"


def segment_choices(dsn: ShopDsn) -> SegmentChoices:
    """The shop's shops, groups and countries (countries of live addresses), blocking."""
    with open_shop(dsn) as conn:
        return SegmentChoices(
            shops=list_shops(conn),
            groups=list_groups(conn),
            countries=[(iso, name) for _id, iso, name in list_countries(conn, used_only=True)],
            shop_name=conn.info.shop_name,
            currency=conn.info.default_currency_iso,
        )

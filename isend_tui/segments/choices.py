"""The lists the segment criteria offer in the UI: the shop's shops, groups and countries."""

from __future__ import annotations

from dataclasses import dataclass, field

from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import lang_id, list_countries, list_groups, list_shops, open_shop


@dataclass(frozen=True)
class SegmentChoices:
    shops: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # (iso, name)
    shop_name: str = ""
    currency: str = "EUR"


def segment_choices(dsn: ShopDsn, language: str | None = None) -> SegmentChoices:
    """The shop's shops, groups and countries (countries of live addresses), blocking.
    Names are in `language` ("en": "Germany", not "Allemagne") when the shop has it, else
    in the shop's default language."""
    with open_shop(dsn) as conn:
        id_lang = lang_id(conn, language) if language else None
        countries = list_countries(conn, id_lang, used_only=True)
        return SegmentChoices(
            shops=list_shops(conn),
            groups=list_groups(conn, id_lang),
            countries=[(iso, name) for _id, iso, name in countries],
            shop_name=conn.info.shop_name,
            currency=conn.info.default_currency_iso,
        )

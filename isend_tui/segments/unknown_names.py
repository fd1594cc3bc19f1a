"""Names a segment file refers to that the shop does not know: a country code, a group or
a shop id. The engine counts them as matching nobody; the CLI says so in one line each
instead of a silent 0 ("count" with "country": ["XX"])."""

from __future__ import annotations

from isend_tui.i18n import _
from isend_tui.segments.model import Country, Group, Segment, Shop
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.info import list_countries, list_groups, list_shops


def unknown_names(conn: ShopConnection, segment: Segment) -> list[str]:
    """One translated line per criterion naming what the shop does not have (blocking)."""
    lines: list[str] = []
    countries: set[str] | None = None
    groups: set[int] | None = None
    shops: set[int] | None = None
    for position, criterion in enumerate(segment.criteria, start=1):
        if isinstance(criterion, Country):
            if countries is None:
                countries = {iso.upper() for _id, iso, _name in list_countries(conn)}
            missing = [code for code in criterion.value if code.upper() not in countries]
            message = _(
                "Critère {position} (country) : pays inconnu de la boutique : {names} ; "
                "aucun client n'y correspond."
            )
        elif isinstance(criterion, Group):
            if groups is None:
                groups = {group_id for group_id, _name in list_groups(conn)}
            missing = [str(i) for i in criterion.value if i not in groups]
            message = _(
                "Critère {position} (group) : groupe inconnu de la boutique : {names} ; "
                "aucun client n'y correspond."
            )
        elif isinstance(criterion, Shop):
            if shops is None:
                shops = {shop_id for shop_id, _name in list_shops(conn)}
            missing = [str(i) for i in criterion.value if i not in shops]
            message = _(
                "Critère {position} (shop) : boutique inconnue : {names} ; aucun client n'y "
                "correspond."
            )
        else:
            continue
        if missing:
            lines.append(message.format(position=position, names=", ".join(missing)))
    return lines

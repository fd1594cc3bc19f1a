"""PrestaShop shop access (read-only), shop facts, the demo shop and segments.

The read API lives in `isend_tui.shop.connection` (ShopDsn, connect, ShopConnection and the
ShopError family) and `isend_tui.shop.info` (ShopInfo, configuration, lists for the UI).
`isend_tui.demo.prestashop.schema` and `isend_tui.demo.generator` write test and demo shops only.
"""

from __future__ import annotations

from isend_tui.shop.connection import ShopConnection, connect
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import (
    ShopAccessDenied,
    ShopDsnError,
    ShopError,
    ShopQueryError,
    ShopSchemaError,
    ShopUnknownDatabase,
    ShopUnreachable,
    ShopWrongPrefix,
)
from isend_tui.shop.info import OrderState, ShopInfo

__all__ = [
    "OrderState",
    "ShopAccessDenied",
    "ShopConnection",
    "ShopDsn",
    "ShopDsnError",
    "ShopError",
    "ShopInfo",
    "ShopQueryError",
    "ShopSchemaError",
    "ShopUnknownDatabase",
    "ShopUnreachable",
    "ShopWrongPrefix",
    "connect",
]

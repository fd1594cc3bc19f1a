"""Read-only access to a merchant's PrestaShop database (MySQL/MariaDB, or SQLite for the
demo and test shops). Nothing here writes a shop: the demo shop's writer is
`isend_tui.demo`, and segments, campaigns and notifications build on this package.

- `dsn`: ShopDsn, where the shop database is (what the settings hold);
- `errors`: the ShopError family, each naming the cause and the fix;
- `connection`: ShopConnection (SELECT only) and `connect`, which only opens;
- `sqlite_compat`: SQLite made to read like MySQL (REGEXP, dates, decimals);
- `facts`: ShopInfo, what a shop is (version, time zone, order states);
- `info`: `open_shop` (connect, then read the facts), configuration, lists for the UI;
- `events`: the SELECTs the notification watcher detects events with.
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
from isend_tui.shop.facts import OrderState, ShopInfo
from isend_tui.shop.info import open_shop

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
    "open_shop",
]

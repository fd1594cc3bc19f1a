"""Where a count is made: on the shop's local copy when it has one or the shop is big,
else on the shop itself."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Collection
from pathlib import Path

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import BasisRule
from isend_tui.segments.counting import RecipientCount, count_recipients
from isend_tui.segments.local_copy.background import BackgroundBuilder
from isend_tui.segments.local_copy.copy import LocalCopy
from isend_tui.segments.model import Segment
from isend_tui.shop.connection import ShopConnection

log = logging.getLogger(__name__)

#: Shops with at least this many customers are counted on a copy; smaller ones are
#: counted on the shop in well under a second (100k customers: about 1 s on the bench VM).
FROM_CUSTOMERS = 100_000


def count_with_copy(
    conn: ShopConnection,
    copy: LocalCopy,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    basis: BasisRule | None = None,
) -> RecipientCount:
    """Refresh the copy from the shop, then count on it."""
    copy.refresh(conn)
    return copy.count(segment, today=today, suppressed=suppressed, basis=basis)


def is_big(conn: ShopConnection) -> bool:
    """Whether the shop is big enough for its counts to be made on a local copy."""
    total = conn.scalar(f"SELECT COUNT(*) FROM {conn.table('customer')}")
    return int(total or 0) >= FROM_CUSTOMERS


def count_segment_on(
    conn: ShopConnection,
    copy: LocalCopy,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    mode: str = "auto",
    wait: bool = False,
    on_build: Callable[[], None] | None = None,
    builder: BackgroundBuilder | None = None,
    basis: BasisRule | None = None,
) -> tuple[RecipientCount, str]:
    """Count where it is fastest; the count, and where it was made ("copy" or "shop").

    `mode` "live" counts on the shop, "copy" on the copy (built first if needed), "auto" on
    the copy when there is one or the shop is big (FROM_CUSTOMERS). A copy that must be
    built first is built here with `wait` (the CLI; `on_build` is told first), else by
    `builder` in the background while this count is made on the shop (the screens).
    """
    if mode != "live":
        try:
            if copy.ready():
                counted = count_with_copy(
                    conn, copy, segment, today=today, suppressed=suppressed, basis=basis
                )
                return counted, "copy"
            wanted = mode == "copy" or copy.built_at() is not None or is_big(conn)
            if wanted and wait:
                if on_build is not None:
                    on_build()
                copy.build(conn)
                counted = count_with_copy(
                    conn, copy, segment, today=today, suppressed=suppressed, basis=basis
                )
                return counted, "copy"
        except (sqlite3.Error, OSError) as exc:
            # a damaged or unwritable copy must not stop counts: the shop can answer
            log.warning("local copy %s unusable (%s): counting on the shop", copy.path, exc)
            with contextlib.suppress(OSError):
                copy.drop()
            if mode == "copy":
                raise CopyUnusable(copy.path, exc) from None
            wanted = False
        if wanted and builder is not None:
            builder.start(copy)
    counted = count_recipients(conn, segment, today=today, suppressed=suppressed, basis=basis)
    return counted, "shop"


class CopyUnusable(UserError):
    def __init__(self, path: Path, exc: Exception) -> None:
        super().__init__(
            _(
                "La copie locale de la boutique n'a pas pu être écrite ni lue ({path} : "
                "{reason}). Libérez de la place dans ce dossier, ou comptez sur la boutique "
                "avec --live."
            ).format(path=path.parent, reason=exc)
        )

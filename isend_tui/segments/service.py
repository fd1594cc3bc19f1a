"""Segments as the screens and commands use them: counted against the configured shop with
the suppression list, and saved by name (a JSON file in the data dir and a store row)."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from isend_tui.config import shop_dsn
from isend_tui.consent.imported import basis_rule as rule_for
from isend_tui.context import AppContext
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import Basis, BasisRule
from isend_tui.segments.counting import RecipientCount
from isend_tui.segments.local_copy.background import BackgroundBuilder
from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
from isend_tui.segments.local_copy.routing import count_segment_on
from isend_tui.segments.segment_file import segment_from_dict, segment_to_dict
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import ShopQueryInterrupted
from isend_tui.shop.info import open_shop, today
from isend_tui.store.models import SavedSegment, Suppression


def suppressed_numbers(ctx: AppContext) -> list[str]:
    return [row.number for row in Suppression.select(Suppression.number)]


class CountHandle:
    """Lets a screen stop a count it no longer needs, on the shop's server too: on a big
    shop a count keeps a server core busy for seconds, and the live count starts a new one
    after each change of the criteria."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: ShopConnection | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Returns at once; the server is told from a short-lived thread."""
        with self._lock:
            if self._cancelled:
                return
            self._cancelled = True
            conn = self._conn
        if conn is not None:
            threading.Thread(
                target=self._interrupt, args=(conn,), name="count-cancel", daemon=True
            ).start()

    @staticmethod
    def _interrupt(conn: ShopConnection) -> None:
        with contextlib.suppress(UserError):  # the server is gone: the count fails anyway
            conn.interrupt()

    def _attach(self, conn: ShopConnection) -> None:
        with self._lock:
            if self._cancelled:
                raise ShopQueryInterrupted(
                    _("Comptage annulé : une sélection plus récente l'a remplacé.")
                )
            self._conn = conn

    def _detach(self) -> None:
        with self._lock:
            self._conn = None


def basis_rule(ctx: AppContext, basis: Basis | None) -> BasisRule | None:
    """The basis as a count applies it (isend_tui.consent.imported.basis_rule); None: no
    basis."""
    if basis is None:
        return None
    return rule_for(
        ctx.store,
        basis,
        soft_optin_months=ctx.settings.soft_optin_months,
        retention_months=ctx.settings.retention_months,
    )


def shop_copy(ctx: AppContext, dsn: ShopDsn) -> LocalCopy:
    """The local copy big shops are counted on (isend_tui.segments.local_copy)."""
    return LocalCopy(copy_path(ctx.paths.data_dir, dsn), dsn)


def count_segment(
    ctx: AppContext,
    data: dict[str, Any],
    handle: CountHandle | None = None,
    *,
    builder: BackgroundBuilder | None = None,
    basis: Basis | None = None,
) -> RecipientCount:
    """Validate the segment, connect to the configured shop and count (blocking): on the
    shop's local copy when it has one, else on the shop, a big shop's copy being built
    meanwhile by `builder` (the App's). With a handle, `handle.cancel()` stops it
    (ShopQueryInterrupted). With a `basis`, customers without it count as "no consent"."""
    segment = segment_from_dict(data)
    rule = basis_rule(ctx, basis)
    dsn = shop_dsn(None, ctx.settings)
    suppressed = suppressed_numbers(ctx)
    copy = shop_copy(ctx, dsn)
    with open_shop(dsn) as conn:
        if handle is not None:
            handle._attach(conn)
        try:
            count, _where = count_segment_on(
                conn,
                copy,
                segment,
                today=today(conn),
                suppressed=suppressed,
                builder=builder,
                basis=rule,
            )
            return count
        finally:
            if handle is not None:
                handle._detach()  # before the connection closes: never KILL a later session


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    return slug or "selection"


def save_segment(ctx: AppContext, name: str, data: dict[str, Any]) -> Path:
    name = name.strip()
    if not name:
        raise UserError(_("Donnez un nom à la sélection."), field="segment_name")
    segment = segment_from_dict({**data, "name": name})
    definition = segment_to_dict(segment)
    text = json.dumps(definition, ensure_ascii=False, indent=2)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with ctx.store.write():
        SavedSegment.insert(name=name, definition=text, updated_at=now).on_conflict(
            conflict_target=[SavedSegment.name],
            update={SavedSegment.definition: text, SavedSegment.updated_at: now},
        ).execute()
    ctx.paths.segments_dir.mkdir(parents=True, exist_ok=True)
    path = ctx.paths.segments_dir / f"{_slug(name)}.json"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def list_segments(ctx: AppContext) -> list[str]:
    return [row.name for row in SavedSegment.select().order_by(SavedSegment.name)]


def load_segment(ctx: AppContext, name: str) -> dict[str, Any]:
    row = SavedSegment.get_or_none(SavedSegment.name == name)
    if row is None:
        raise UserError(_("Aucune sélection ne s'appelle « {name} ».").format(name=name))
    data: dict[str, Any] = json.loads(row.definition)
    return data

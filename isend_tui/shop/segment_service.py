"""Segments as the screens and commands use them: counted against the configured shop with
the suppression list, and saved by name (a JSON file in the data dir and a store row)."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from isend_tui.config import shop_dsn
from isend_tui.context import AppContext
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.shop.connection import connect
from isend_tui.shop.info import today
from isend_tui.shop.recipients import RecipientCount, count_recipients
from isend_tui.shop.segment import segment_from_dict, segment_to_dict
from isend_tui.store.models import SavedSegment, Suppression


def suppressed_numbers(ctx: AppContext) -> list[str]:
    return [row.number for row in Suppression.select(Suppression.number)]


def count_segment(ctx: AppContext, data: dict[str, Any]) -> RecipientCount:
    """Validate the segment, connect to the configured shop and count (blocking)."""
    segment = segment_from_dict(data)
    dsn = shop_dsn(None, ctx.settings)
    suppressed = suppressed_numbers(ctx)
    with connect(dsn) as conn:
        return count_recipients(conn, segment, today=today(conn), suppressed=suppressed)


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

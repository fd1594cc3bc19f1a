"""What the sandbox gateway really received, read over its own SQLite connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from isend_tui.gateway.sandbox.server import SandboxThread


def sms_log_at(path: Path) -> list[dict[str, Any]]:
    """Every SMS the sandbox whose state file is `path` accepted, oldest first."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in db.execute("SELECT * FROM sms_log ORDER BY id")]
    finally:
        db.close()


def sms_log(sandbox: SandboxThread) -> list[dict[str, Any]]:
    assert sandbox.account.path is not None
    return sms_log_at(sandbox.account.path)

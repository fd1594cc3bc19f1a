"""Fixtures for integration tests.

- `sandbox_server`: a fresh sandbox gateway served by uvicorn on a free localhost port in
  a background thread, its state (and sms_log) in a SQLite file under tmp_path. Yields the
  SandboxThread: `.url`, `.account` (SandboxAccount, `.account.path` is the state file,
  `.account.keyid` the demo keyid), `.faults` (Faults).
- `sandbox_log`: a function returning the rows of that file's sms_log as dicts, read over
  a separate SQLite connection, i.e. what the gateway really received.
- `variant_shop` (from support.shop_builder): a new empty shop in every version, backend
  and plan variant, for the segment tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.sandbox import sms_log_at
from support.shop_builder import variant_shop  # noqa: F401  (fixture)

from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread


@pytest.fixture
def sandbox_server(tmp_path: Path) -> Iterator[SandboxThread]:
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3")
    with SandboxThread(account) as sandbox:
        yield sandbox
    account.close()


@pytest.fixture
def sandbox_log(sandbox_server: SandboxThread) -> Callable[[], list[dict[str, Any]]]:
    path = sandbox_server.account.path
    assert path is not None

    return lambda: sms_log_at(path)

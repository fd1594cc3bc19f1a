"""Fixtures for integration tests.

- `sandbox_clock`: None (the real clock); a test file overrides it to give the sandbox
  its own frozen clock.
- `sandbox_server`: a fresh sandbox gateway served by uvicorn on a free localhost port in
  a background thread, its state (and sms_log) in a SQLite file under tmp_path. Yields the
  SandboxThread: `.url`, `.account` (SandboxAccount, `.account.path` is the state file,
  `.account.keyid` the demo keyid), `.faults` (Faults).
- `sandbox_log`: a function returning the rows of that file's sms_log as dicts, read over
  a separate SQLite connection, i.e. what the gateway really received.
- `sandbox`: the same served sandbox with its URL and the demo keyid in the environment
  (ISEND_TUI_GATEWAY_URL, ISEND_TUI_KEYID), for tests that run the CLI's commands; a test
  file may define a `sandbox` of its own instead.
- `store`: a new local store (SQLite) under tmp_path.
- `variant_shop` (from support.shop_builder): a new empty shop in every version, backend
  and plan variant, for the segment tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from support.sandbox import sms_log_at
from support.shop_builder import variant_shop  # noqa: F401  (fixture)

from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store, open_store


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime] | None:
    """The sandbox's clock (None: the real one); a test file overrides it to freeze it."""
    return None


@pytest.fixture
def sandbox_server(
    tmp_path: Path, sandbox_clock: Callable[[], datetime] | None
) -> Iterator[SandboxThread]:
    path = tmp_path / "sandbox.sqlite3"
    account = (
        SandboxAccount(path=path, clock=sandbox_clock)
        if sandbox_clock
        else SandboxAccount(path=path)
    )
    with SandboxThread(account) as sandbox:
        yield sandbox
    account.close()


@pytest.fixture
def sandbox(
    sandbox_server: SandboxThread, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SandboxThread]:
    monkeypatch.setenv("ISEND_TUI_KEYID", DEMO_KEYID)
    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", sandbox_server.url)
    yield sandbox_server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new local store under tmp_path (a test file may define its own)."""
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def sandbox_log(sandbox_server: SandboxThread) -> Callable[[], list[dict[str, Any]]]:
    path = sandbox_server.account.path
    assert path is not None

    return lambda: sms_log_at(path)

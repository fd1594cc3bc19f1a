"""Helpers shared by the watcher tests (imported by them; no test here).

`WatchEnv` is a shop (ShopBuilder, SQLite or MariaDB), a local store, settings pointing at
the sandbox, a fake clock, and a factory for watchers on all of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.config import Settings
from isend_tui.gateway import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.notifications.models import Notification
from isend_tui.notifications.rules import RuleView, create_rules
from isend_tui.notifications.watcher import Watcher
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import Store, open_store

ADMIN_PHONE = "06 11 22 33 44"
ADMIN_GATEWAY = "33611223344"


class FakeClock:
    """A clock the test moves by hand (retries and waiting are timed with it)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class WatchEnv:
    shop: ShopBuilder
    dsn: ShopDsn
    store: Store
    settings: Settings
    sandbox: SandboxThread
    tmp_path: Path
    clock: FakeClock = field(default_factory=FakeClock)
    watchers: list[Watcher] = field(default_factory=list)

    def watcher(self, settings: Settings | None = None, **kwargs: Any) -> Watcher:
        settings = settings or self.settings

        def client() -> IsendClient:
            return IsendClient(settings.keyid, self.sandbox.url, timeout=5)

        kwargs.setdefault("lock_path", self.tmp_path / "watcher.lock")
        watcher = Watcher(self.store, settings, self.dsn, client, self.clock, **kwargs)
        watcher.start()
        self.watchers.append(watcher)
        return watcher

    def rules(self, *events: str, **kwargs: Any) -> list[RuleView]:
        return create_rules(self.store, self.settings, list(events), **kwargs)

    def sms(self) -> list[dict[str, Any]]:
        """What the gateway accepted (the sandbox's sms_log)."""
        path = self.sandbox.account.path
        assert path is not None
        db = sqlite3.connect(path)
        db.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in db.execute("SELECT * FROM sms_log ORDER BY id")]
        finally:
            db.close()

    def texts(self) -> list[tuple[str, str]]:
        return [(r["num"], r["text"]) for r in self.sms()]

    def log(self) -> list[Notification]:
        return list(Notification.select().order_by(Notification.id))

    def customer_with_mobile(
        self, mobile: str = "06 12 34 56 78", **kwargs: Any
    ) -> tuple[int, int]:
        """(id_customer, id_address) of a customer whose address has this mobile."""
        customer = self.shop.customer(**kwargs)
        address = self.shop.address(customer, phone_mobile=mobile)
        return customer, address

    def close(self) -> None:
        for watcher in self.watchers:
            watcher.close()
        self.store.close()
        self.shop.close()


def make_env(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    sandbox: SandboxThread,
    **settings: Any,
) -> WatchEnv:
    dsn = new_shop_dsn(backend, tmp_path, request)
    shop = ShopBuilder(dsn, version=settings.pop("version", "8")).create()
    store = open_store(tmp_path / "store" / "isend-tui.sqlite3")
    values: dict[str, Any] = {
        "keyid": sandbox.account.keyid,
        "gateway_url": sandbox.url,
        "sender": "MaBoutique",
        "admin_phone": ADMIN_PHONE,
    }
    values.update(settings)
    return WatchEnv(shop, dsn, store, Settings(**values), sandbox, tmp_path)


@pytest.fixture
def env_factory(
    tmp_path: Path, request: pytest.FixtureRequest, sandbox_server: SandboxThread
) -> Iterator[Any]:
    made: list[WatchEnv] = []

    def factory(backend: str = "mysql", **settings: Any) -> WatchEnv:
        env = make_env(backend, tmp_path / f"env{len(made)}", request, sandbox_server, **settings)
        made.append(env)
        return env

    yield factory
    for env in made:
        env.close()

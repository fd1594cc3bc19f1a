"""A shop database that goes silent never hangs the tool: the connection, the greeting and
every read have a deadline, the message names the server, and `watch` still stops within
seconds on SIGTERM. Real MariaDB behind a TCP proxy that stops relaying."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn
from support.silent_server import silent_proxy

from isend_tui.shop.dsn import ShopDsn, mask_password
from isend_tui.shop.errors import ShopUnreachable
from isend_tui.shop.info import open_shop

pytestmark = pytest.mark.mariadb


@pytest.fixture
def shop(tmp_path: Path, request: pytest.FixtureRequest) -> ShopDsn:
    dsn = new_shop_dsn("mysql", tmp_path, request)
    with ShopBuilder(dsn).create():
        pass
    return dsn


def _through(proxy_port: int, real: ShopDsn, **timeouts: float) -> ShopDsn:
    return dataclasses.replace(real, host="127.0.0.1", port=proxy_port, **timeouts)


def test_a_server_that_accepts_and_never_greets_is_given_up(shop: ShopDsn) -> None:
    with silent_proxy(None, relay=False) as proxy:
        dsn = _through(proxy.port, shop, connect_timeout=1, read_timeout=1)
        with pytest.raises(ShopUnreachable) as caught:
            open_shop(dsn)
    assert f"127.0.0.1:{proxy.port}" in caught.value.message


def test_a_server_that_goes_silent_in_the_middle_of_a_query_is_given_up(shop: ShopDsn) -> None:
    with silent_proxy((shop.host, shop.port)) as proxy:
        dsn = _through(proxy.port, shop, read_timeout=2)
        conn = open_shop(dsn)  # greeting, login and the shop's facts went through
        try:
            proxy.go_silent()
            with pytest.raises(ShopUnreachable) as caught:
                conn.scalar("SELECT SLEEP(0)")
        finally:
            conn.close()
    assert "ne répond plus" in caught.value.message and str(proxy.port) in caught.value.message


def test_watch_stops_on_sigterm_while_the_shop_is_silent(shop: ShopDsn, tmp_path: Path) -> None:
    with silent_proxy((shop.host, shop.port)) as proxy:
        url = _through(proxy.port, shop).url(with_password=True)
        env = {**os.environ, "ISEND_TUI_HOME": str(tmp_path / "home"), "ISEND_TUI_SHOP_DB": url}
        watcher = subprocess.Popen(
            [sys.executable, "-m", "isend_tui", "watch"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert watcher.stdout is not None
            started = watcher.stdout.readline()  # "Watcher démarré …": its first poll is next
            assert "Watcher" in started, watcher.stderr.read() if watcher.stderr else ""
            proxy.go_silent()
            # A poll is now stuck on the silent shop (60 s read deadline); SIGTERM must not
            # wait for it.
            watcher.send_signal(signal.SIGTERM)
            out, err = watcher.communicate(timeout=20)
        finally:
            if watcher.poll() is None:
                watcher.kill()
    assert watcher.returncode == 0, err
    assert "Watcher arrêté" in out and "Traceback" not in err


@pytest.mark.parametrize(
    "url",
    [
        "mysql://rel_ro:Pw-rel@S3cr3t-XYZ@127.0.0.1:3306/x/y",
        "mysql://rel_ro:Pw:rel/S3cr3t-XYZ@127.0.0.1:99999/x",
        "mysql://rel_ro:S3cr3t-XYZ@:3306/x",
    ],
)
def test_a_malformed_url_never_shows_its_password(url: str) -> None:
    with pytest.raises(Exception) as caught:
        ShopDsn.from_url(url)
    assert "S3cr3t" not in str(caught.value) and "XYZ" not in str(caught.value)
    assert "S3cr3t" not in mask_password(url)

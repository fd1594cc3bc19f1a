"""The local copy big shops are counted on: kept up to date with what a shop does.

Every criterion and number test also runs on a copy built from its shop (the "local-copy"
variant of support.shop_builder.shop_variants). Here the copy is built once and then refreshed
while the shop changes the way PrestaShop changes it (rows saved with a new date_upd,
orders and state changes appended, rows deleted), on SQLite and on MariaDB: after each
change the count on the copy must equal the count on the shop, and show the change.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.cli import main
from isend_tui.segments.basis import Basis, BasisRule
from isend_tui.segments.counting import RecipientCount, count_recipients
from isend_tui.segments.local_copy import refresh, routing
from isend_tui.segments.local_copy.background import RETRY_AFTER_S, BackgroundBuilder
from isend_tui.segments.local_copy.copy import REBUILD_AFTER, LocalCopy, copy_path
from isend_tui.segments.local_copy.routing import count_with_copy
from isend_tui.segments.model import Segment
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import ShopQueryInterrupted

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
TODAY = dt.date(2025, 6, 16)
EVERYONE = Segment("Tous")


@pytest.fixture(params=BACKENDS)
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ShopBuilder]:
    dsn = new_shop_dsn(request.param, tmp_path, request)
    with ShopBuilder(dsn).create() as builder:
        yield builder


class Clock:
    """Shop-local save times, one minute apart and after the copy's build (a row saved in
    the same second as the copy read it is the daily rebuild's job)."""

    def __init__(self) -> None:
        self.at = dt.datetime(2030, 1, 1, 10, 0)

    def __call__(self) -> str:
        self.at += dt.timedelta(minutes=1)
        return self.at.strftime("%Y-%m-%d %H:%M:%S")


def segment(*criteria: dict[str, Any]) -> Segment:
    return segment_from_dict({"version": 1, "name": "s", "criteria": list(criteria)})


def both(
    shop: ShopBuilder, copy: LocalCopy, seg: Segment = EVERYONE, basis: BasisRule | None = None
) -> RecipientCount:
    """The count on the refreshed copy, checked against the count on the shop."""
    with shop.connect() as conn:
        on_copy = count_with_copy(conn, copy, seg, today=TODAY, basis=basis)
        on_shop = count_recipients(conn, seg, today=TODAY, basis=basis)
    assert on_copy == on_shop
    return on_copy


def built(shop: ShopBuilder, tmp_path: Path) -> LocalCopy:
    copy = LocalCopy(copy_path(tmp_path / "data", shop.dsn), shop.dsn)
    with shop.connect() as conn:
        copy.build(conn)
    return copy


def test_the_copy_follows_the_shop(shop: ShopBuilder, tmp_path: Path) -> None:
    now = Clock()
    anne = shop.customer(firstname="Anne")
    home = shop.address(anne, phone_mobile="06 11 11 11 11")
    bruno = shop.customer(firstname="Bruno", newsletter=1)
    shop.address(bruno, phone_mobile="06 22 22 22 22")
    order = shop.order(bruno, date_add="2025-05-01 10:00:00", state="PS_OS_PAYMENT")
    copy = built(shop, tmp_path)
    subscribers = segment({"criterion": "newsletter", "value": True})
    buyers = segment({"criterion": "orders_count", "operator": ">", "value": 0, "months": 12})
    assert both(shop, copy).recipients == 2
    assert both(shop, copy, buyers).recipients == 1

    # a new customer signs up
    chloe = shop.customer(firstname="Chloé", date_add=now(), date_upd=now())
    shop.address(chloe, phone_mobile="06 33 33 33 33", date_add=now(), date_upd=now())
    assert both(shop, copy).recipients == 3

    # Anne subscribes to the newsletter (the customer is saved)
    shop.w.execute(
        f"UPDATE {shop.t('customer')} SET newsletter = 1, date_upd = %s WHERE id_customer = %s",
        (now(), anne),
    )
    assert both(shop, copy, subscribers).recipients == 2

    # Anne types Bruno's number on her address: a duplicate now
    shop.w.execute(
        f"UPDATE {shop.t('address')} SET phone_mobile = %s, date_upd = %s WHERE id_address = %s",
        ("06 22 22 22 22", now(), home),
    )
    after = both(shop, copy)
    assert (after.recipients, after.duplicate_number) == (2, 1)

    # Bruno's order is cancelled: a state change, no longer valid
    shop.change_state(order, "PS_OS_CANCELED", date_add=now())
    assert both(shop, copy, buyers).recipients == 0

    # Chloé orders, delivered to a new address with another number
    elsewhere = shop.address(chloe, phone_mobile="07 44 44 44 44", date_add=now(), date_upd=now())
    shop.order(chloe, date_add=now(), state="PS_OS_PAYMENT", id_address_delivery=elsewhere)
    assert both(shop, copy, buyers).recipients == 1
    with shop.connect() as conn:
        copy.refresh(conn)
    assert {r[2] for r in copy.classify(EVERYONE, today=TODAY) if r[0] == chloe} == {"33744444444"}

    # between two counts, Chloé deletes her first address, and an address for Anne is
    # written with an old date_upd: as many addresses as before, and no new date_upd
    first = shop.w.query(
        f"SELECT MIN(id_address) FROM {shop.t('address')} WHERE id_customer = %s", (chloe,)
    )[0][0]
    shop.w.execute(f"DELETE FROM {shop.t('address')} WHERE id_address = %s", (first,))
    shop.address(anne, phone_mobile="06 55 55 55 55", date_upd="2000-01-01 00:00:00")
    with shop.connect() as conn:
        assert copy.refresh(conn) == 2  # both read again
    assert both(shop, copy).recipients == 2

    # Anne's first address is deleted for good (never used by an order), Bruno's account too
    shop.w.execute(f"DELETE FROM {shop.t('address')} WHERE id_address = %s", (home,))
    shop.w.execute(f"DELETE FROM {shop.t('customer')} WHERE id_customer = %s", (bruno,))
    after = both(shop, copy)
    assert (after.customers, after.recipients, after.no_number) == (2, 2, 0)  # her other one


def test_the_copy_follows_what_the_basis_reads(shop: ShopBuilder, tmp_path: Path) -> None:
    """The copy keeps each customer's latest order and psgdpr acceptance (`set_activity`):
    a refresh must move them as the shop moves."""
    now = Clock()
    consent, customer = BasisRule.of(Basis.CONSENT), BasisRule.of(Basis.CUSTOMER)
    anne = shop.customer(firstname="Anne", date_add="2020-01-01 10:00:00")
    shop.address(anne, phone_mobile="06 11 11 11 11")
    copy = built(shop, tmp_path)
    assert both(shop, copy, basis=consent).no_consent == 1
    assert both(shop, copy, basis=customer).no_consent == 1

    shop.gdpr_log(anne, date_add="2024-01-01 10:00:00")  # psgdpr saves no customer
    assert both(shop, copy, basis=consent).recipients == 1
    order = shop.order(anne, date_add=now(), state="PS_OS_PAYMENT")
    assert both(shop, copy, basis=customer).recipients == 1

    shop.change_state(order, "PS_OS_CANCELED", date_add=now())
    assert both(shop, copy, basis=customer).no_consent == 1
    assert both(shop, copy, basis=consent).recipients == 1


def test_a_refresh_with_nothing_new_reads_nobody_again(shop: ShopBuilder, tmp_path: Path) -> None:
    for i in range(3):
        shop.address(shop.customer(), phone_mobile=f"06 00 00 00 0{i}")
    copy = built(shop, tmp_path)
    with shop.connect() as conn:
        assert copy.refresh(conn) == 0
        assert copy.refresh(conn) == 0


def test_the_copy_is_rebuilt_once_a_day_and_for_another_shop(
    shop: ShopBuilder, tmp_path: Path
) -> None:
    copy = built(shop, tmp_path)
    built_at = copy.built_at()
    assert built_at is not None
    assert copy.path.stat().st_mode & 0o077 == 0  # personal data: the user's only
    assert copy.ready(now=built_at + dt.timedelta(hours=23))
    assert not copy.ready(now=built_at + REBUILD_AFTER)
    other = LocalCopy(copy.path, shop.dsn.with_prefix("zz_"))
    assert other.built_at() is None  # the file is another shop's: not used


def test_a_build_removes_what_a_killed_build_left(shop: ShopBuilder, tmp_path: Path) -> None:
    import subprocess
    import sys

    copy = built(shop, tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = copy.path.with_name(f"{copy.path.stem}.{dead.stdout.strip()}.1.tmp")
    left.write_bytes(b"half a copy")
    with shop.connect() as conn:
        copy.build(conn)
    assert not left.exists()
    assert sorted(p.name for p in copy.path.parent.iterdir()) == [copy.path.name]


def test_an_interrupted_refresh_leaves_the_copy_as_it_was(
    shop: ShopBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = Clock()
    shop.address(shop.customer(), phone_mobile="06 11 11 11 11")
    copy = built(shop, tmp_path)
    newcomer = shop.customer(date_add=now(), date_upd=now())
    shop.address(newcomer, phone_mobile="06 22 22 22 22", date_add=now(), date_upd=now())

    def cut(*_a: object) -> None:
        raise ShopQueryInterrupted("cut")

    with monkeypatch.context() as patch, shop.connect() as conn:
        patch.setattr(refresh, "set_activity", cut)
        with pytest.raises(ShopQueryInterrupted):
            copy.refresh(conn)
    assert copy.count(EVERYONE, today=TODAY).recipients == 1  # nothing half-written
    assert both(shop, copy).recipients == 2  # and the next refresh reads it all


# --------------------------------------------------------------------------- the CLI


def test_cli_count_on_the_copy_or_the_shop(
    shop: ShopBuilder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = Clock()
    shop.address(shop.customer(), phone_mobile="06 11 11 11 11")
    shop.address(shop.customer(), phone="01 45 67 89 10")

    path = tmp_path / "tous.json"
    path.write_text(json.dumps({"version": 1, "name": "Tous", "criteria": []}), "utf-8")
    url = shop.dsn.url(with_password=True)
    args = ["count", str(path), "--json", "--shop-db", url, "--today", TODAY.isoformat()]

    def count(*flags: str) -> dict[str, Any]:
        assert main([*args, *flags, "--data-dir", str(tmp_path / "home")]) == 0
        out = capsys.readouterr()
        document: dict[str, Any] = json.loads(out.out)
        document["stderr"] = out.err
        return document

    small = count()
    assert small["counted_on"] == "shop"  # a small shop is counted on the shop itself
    first = count("--copy")
    assert first["counted_on"] == "copy"
    assert "copie locale" in first["stderr"]  # told why the first count takes longer
    assert {k: v for k, v in first.items() if k not in ("counted_on", "stderr")} == {
        k: v for k, v in small.items() if k not in ("counted_on", "stderr")
    }
    shop.address(shop.customer(date_upd=now()), phone_mobile="06 33 33 33 33", date_upd=now())
    again = count()  # a copy exists: used, and up to date
    assert (again["counted_on"], again["recipients"], again["stderr"]) == ("copy", 2, "")
    live = count("--live")
    assert (live["counted_on"], live["recipients"]) == ("shop", 2)

    home = ["--data-dir", str(tmp_path / "home"), "--shop-db", url]
    assert main(["shop-copy", "--drop", *home]) == 0
    assert "supprimée" in capsys.readouterr().out
    assert count()["counted_on"] == "shop"  # no copy left: a small shop goes to the shop
    assert main(["shop-copy", *home]) == 0  # what cron runs at night
    assert "construite" in capsys.readouterr().out
    rebuilt = count()
    assert (rebuilt["counted_on"], rebuilt["recipients"], rebuilt["stderr"]) == ("copy", 2, "")


# --------------------------------------------------------------------------- the screens


def test_a_big_shops_count_builds_the_copy_in_the_background(
    shop: ShopBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isend_tui.segments.local_copy.routing import count_segment_on

    shop.address(shop.customer(), phone_mobile="06 11 11 11 11")
    monkeypatch.setattr(routing, "FROM_CUSTOMERS", 1)
    copy = LocalCopy(copy_path(tmp_path / "data", shop.dsn), shop.dsn)
    with shop.connect() as conn:
        count, where = count_segment_on(
            conn, copy, EVERYONE, today=TODAY, builder=BackgroundBuilder()
        )
    assert (where, count.recipients) == ("shop", 1)  # no waiting for the copy
    for thread in threading.enumerate():
        if thread.name == "shop-copy":
            thread.join()
    assert copy.ready()
    with shop.connect() as conn:
        count, where = count_segment_on(conn, copy, EVERYONE, today=TODAY)
    assert (where, count.recipients) == ("copy", 1)


def test_a_failed_background_build_is_tried_again_ten_minutes_later(tmp_path: Path) -> None:
    now = [1000.0]
    builder = BackgroundBuilder(clock=lambda: now[0])
    dsn = ShopDsn.sqlite(tmp_path / "gone.sqlite3")  # no such shop: the build fails
    copy = LocalCopy(copy_path(tmp_path / "data", dsn), dsn)
    first = builder.start(copy)
    assert first is not None
    first.join()
    assert builder.start(copy) is None  # the counts go to the shop meanwhile
    now[0] += RETRY_AFTER_S - 1
    assert builder.start(copy) is None
    now[0] += 1
    again = builder.start(copy)
    assert again is not None
    again.join()
    assert not copy.ready()


def test_a_copy_that_cannot_be_written_never_stops_a_count(
    shop: ShopBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isend_tui.segments.local_copy.routing import CopyUnusable, count_segment_on

    shop.address(shop.customer(), phone_mobile="06 11 11 11 11")
    monkeypatch.setattr(routing, "FROM_CUSTOMERS", 1)
    blocker = tmp_path / "data"
    blocker.write_text("a file where the copy's folder should be")
    copy = LocalCopy(copy_path(blocker, shop.dsn), shop.dsn)
    with shop.connect() as conn:
        count, where = count_segment_on(conn, copy, EVERYONE, today=TODAY, wait=True)
        assert (where, count.recipients) == ("shop", 1)
        with pytest.raises(CopyUnusable) as err:
            count_segment_on(conn, copy, EVERYONE, today=TODAY, mode="copy", wait=True)
    assert "--live" in str(err.value) and str(blocker) in str(err.value)

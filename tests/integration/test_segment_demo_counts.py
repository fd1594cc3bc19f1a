"""The demo shop counts the same wherever it is counted: on its SQLite file, on MariaDB
(both count plans), and on a local copy, for the segments a merchant tries first.

The SQL written for SQLite shops differs from MariaDB's (SQLite must be able to index the
per-customer orders table, bench/prepare_bench.py): these counts pin that both say the same
of the same customers, and that the recipients listed are the ones counted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from support.shop_builder import new_shop_dsn

from isend_tui.demo.build import generate_demo_shop
from isend_tui.segments import counting
from isend_tui.segments.counting import RecipientCount, count_recipients, iter_recipients
from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
from isend_tui.segments.model import Segment
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop

TODAY = dt.date(2025, 6, 16)
CUSTOMERS = 1500
SEED = 5


def segment(*criteria: dict[str, Any]) -> Segment:
    return segment_from_dict({"version": 1, "name": "s", "criteria": list(criteria)})


SEGMENTS = {
    "everyone": segment(),
    "loyal": segment(
        {"criterion": "newsletter", "value": True},
        {"criterion": "orders_count", "operator": ">", "value": 2, "months": 12},
    ),
    "spent": segment({"criterion": "orders_sum", "operator": ">", "value": 100, "months": 6}),
    "asleep": segment(
        {"criterion": "last_order", "operator": "before", "value": {"months_ago": 6}}
    ),
    "women_fr_be": segment(
        {"criterion": "country", "value": ["FR", "BE"]},
        {"criterion": "gender", "value": "women"},
    ),
}


def counts_on(dsn: ShopDsn) -> dict[str, RecipientCount]:
    with open_shop(dsn) as conn:
        return {name: count_recipients(conn, seg, today=TODAY) for name, seg in SEGMENTS.items()}


@pytest.fixture(scope="module")
def demo_lite(tmp_path_factory: pytest.TempPathFactory) -> ShopDsn:
    dsn = ShopDsn.sqlite(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    generate_demo_shop(dsn, customers=CUSTOMERS, seed=SEED, reference_date=TODAY)
    return dsn


def test_the_demo_segments_find_customers_and_list_who_they_count(demo_lite: ShopDsn) -> None:
    counted = counts_on(demo_lite)
    assert all(c.recipients > 0 for c in counted.values()), counted
    with open_shop(demo_lite) as conn:
        for name, seg in SEGMENTS.items():
            listed = list(iter_recipients(conn, seg, today=TODAY))
            assert len(listed) == counted[name].recipients, name
            assert len({r.number for r in listed}) == len(listed), name


def test_the_local_copy_counts_the_sqlite_shop_the_same(demo_lite: ShopDsn, tmp_path: Path) -> None:
    copy = LocalCopy(copy_path(tmp_path / "data", demo_lite), demo_lite)
    with open_shop(demo_lite) as conn:
        copy.build(conn)
    on_copy = {name: copy.count(seg, today=TODAY) for name, seg in SEGMENTS.items()}
    assert on_copy == counts_on(demo_lite)


@pytest.mark.mariadb
@pytest.mark.parametrize("plan", ["one_pass", "per_customer"])
def test_mariadb_counts_the_same_demo_shop_the_same(
    plan: str,
    demo_lite: ShopDsn,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mysql = new_shop_dsn("mysql", tmp_path, request)
    generate_demo_shop(mysql, customers=CUSTOMERS, seed=SEED, reference_date=TODAY)
    monkeypatch.setattr(counting, "choose_plan", lambda *_a: plan)
    assert counts_on(mysql) == counts_on(demo_lite)

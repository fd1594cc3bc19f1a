"""The demo shop: same seed, same rows on both backends; the promised variety is there."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.shop_builder import new_shop_dsn

from isend_tui.cli import main
from isend_tui.demo import build
from isend_tui.demo.build import DemoTargetNotEmpty, generate_demo_shop
from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.demo.rows import table_columns
from isend_tui.demo.timeline import DEFAULT_REFERENCE_DATE
from isend_tui.segments.counting import count_recipients
from isend_tui.segments.model import Segment
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop
from isend_tui.sms.phone import check_mobile

SMALL = 300


def checksum(conn: ShopConnection, version: str = "8") -> dict[str, str]:
    """A digest per table of the generated columns, independent of the backend's types."""
    digests = {}
    for table, cols in table_columns(version).items():  # type: ignore[arg-type]
        h = hashlib.sha256()
        names = ", ".join(conn.quote(c) for c in cols)
        for row in conn.stream(f"SELECT {names} FROM {conn.table(table)} ORDER BY 1, 2"):
            h.update(repr(tuple(_norm(v) for v in row)).encode())
        digests[table] = h.hexdigest()
    return digests


def _norm(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, float, Decimal)):
        return str(Decimal(str(value)).normalize())
    return str(value)


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> ShopDsn:
    dsn = ShopDsn.sqlite(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    generate_demo_shop(dsn, customers=3000, seed=7, version="8")
    return dsn


@pytest.fixture(scope="module")
def demo_sqlite_16(tmp_path_factory: pytest.TempPathFactory) -> ShopDsn:
    dsn = ShopDsn.sqlite(tmp_path_factory.mktemp("demo16") / "demo.sqlite3")
    generate_demo_shop(dsn, customers=2000, seed=7, version="1.6")
    return dsn


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_rows_and_another_seed_other_rows(tmp_path: Path) -> None:
    sums = []
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        dsn = ShopDsn.sqlite(tmp_path / f"{name}.sqlite3")
        summary = generate_demo_shop(dsn, customers=SMALL, seed=seed)
        assert summary.customers == SMALL
        with open_shop(dsn) as conn:
            sums.append(checksum(conn))
    assert sums[0] == sums[1]
    assert sums[0]["customer"] != sums[2]["customer"]
    assert sums[0]["orders"] != sums[2]["orders"]


@pytest.mark.mariadb
@pytest.mark.parametrize("version", ["8", "1.6"])
def test_mariadb_and_sqlite_get_the_same_rows(
    version: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    lite = ShopDsn.sqlite(tmp_path / "demo.sqlite3")
    mysql = new_shop_dsn("mysql", tmp_path, request)
    a = generate_demo_shop(lite, customers=SMALL, seed=11, version=version)  # type: ignore[arg-type]
    b = generate_demo_shop(mysql, customers=SMALL, seed=11, version=version)  # type: ignore[arg-type]
    assert (a.customers, a.orders, a.order_history) == (b.customers, b.orders, b.order_history)
    with open_shop(lite) as c1, open_shop(mysql) as c2:
        assert checksum(c1, version) == checksum(c2, version)
        assert c2.info.major == version
        # the indexes were built after the load
        assert c2.scalar(
            "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
            "AND TABLE_NAME = %s AND INDEX_NAME = 'id_customer'",
            (c2.prefix + "orders",),
        )


# --------------------------------------------------------------------------- variety


def _count(conn: ShopConnection, table: str, where: str, params: tuple[Any, ...] = ()) -> int:
    return int(conn.scalar(f"SELECT COUNT(*) FROM {conn.table(table)} WHERE {where}", params))


def test_customers_have_the_promised_variety(demo_sqlite: ShopDsn) -> None:
    with open_shop(demo_sqlite) as conn:
        n = _count(conn, "customer", "1 = 1")
        assert n == 3000
        assert 200 < _count(conn, "customer", "is_guest = 1") < 600
        assert _count(conn, "customer", "deleted = 1") > 20
        assert _count(conn, "customer", "active = 0 AND deleted = 0") > 20
        assert _count(conn, "customer", "birthday IS NULL") > 200
        assert _count(conn, "customer", "birthday = '0000-00-00'") > 100
        assert _count(conn, "customer", "birthday LIKE %s", ("%-02-29",)) > 0
        ref = DEFAULT_REFERENCE_DATE
        assert _count(conn, "customer", "birthday LIKE %s", (f"%-{ref:%m-%d}",)) > 0
        assert _count(conn, "customer", "id_gender = 0") > 100
        assert _count(conn, "customer", "id_gender = 3") > 0  # the neutral title
        assert 150 < _count(conn, "customer", "company IS NOT NULL") < 450
        assert _count(conn, "customer", "siret IS NOT NULL AND siret <> ''") > 100
        assert _count(conn, "customer", "newsletter = 1") > 600
        assert _count(conn, "customer", "optin = 1") > 300
        assert _count(conn, "customer", "id_lang IS NULL") > 0
        assert {r[0] for r in conn.query(f"SELECT id_shop FROM {conn.table('customer')}")} == {
            1, 2, 3
        }  # fmt: skip
        names = " ".join(
            r[0] for r in conn.query(f"SELECT firstname FROM {conn.table('customer')}")
        )
        assert re.search("[éèëêïîôç]", names)
        # e-mails are unique among registered customers, guests may share one
        emails = Counter(
            r[0]
            for r in conn.query(f"SELECT email FROM {conn.table('customer')} WHERE is_guest = 0")
        )
        assert max(emails.values()) == 1
        # several groups per customer, and the merchant's groups are used
        per_customer = Counter(
            r[0] for r in conn.query(f"SELECT id_customer FROM {conn.table('customer_group')}")
        )
        assert max(per_customer.values()) >= 2
        groups = {r[0] for r in conn.query(f"SELECT id_group FROM {conn.table('customer_group')}")}
        assert {2, 3, 4, 5} <= groups
        assert len(per_customer) < n  # a few customers belong to no group at all


def test_consents_carry_their_proof(demo_sqlite: ShopDsn, demo_sqlite_16: ShopDsn) -> None:
    """What the lawful basis reads: newsletter sign-ups with their date and IP, psgdpr
    consents on PrestaShop 1.7 and later (a few data exports too, which are no consent)."""
    with open_shop(demo_sqlite) as conn:
        signed = _count(conn, "customer", "newsletter = 1")
        assert signed > 500
        assert _count(
            conn, "customer", "newsletter = 1 AND newsletter_date_add IS NOT NULL "
            "AND ip_registration_newsletter LIKE '%.%.%.%'",
        ) == signed  # fmt: skip
        consents = _count(conn, "psgdpr_log", "request_type = 1")
        assert 150 < consents < 500
        assert _count(conn, "psgdpr_log", "request_type = 2") > 5
        only_gdpr = _count(
            conn, "customer", "newsletter = 0 AND id_customer IN (SELECT id_customer FROM "
            f"{conn.table('psgdpr_log')} WHERE request_type = 1)",
        )  # fmt: skip
        assert only_gdpr > 50  # consent the newsletter flag alone would miss
    with open_shop(demo_sqlite_16) as conn:
        assert not conn.has_table("psgdpr_log")  # the module came with 1.7


def test_addresses_and_phone_numbers(demo_sqlite: ShopDsn, demo_sqlite_16: ShopDsn) -> None:
    with open_shop(demo_sqlite) as conn:
        a = conn.table("address")
        rows = conn.query(f"SELECT id_customer, id_country, phone, phone_mobile, deleted FROM {a}")
        phones = [r[2] for r in rows if r[2]]
        assert any(re.fullmatch(r"0[67]\d{8}", p) for p in phones)
        assert any(re.fullmatch(r"0[67]( \d\d){4}", p) for p in phones)
        assert any(re.fullmatch(r"0[67](\.\d\d){4}", p) for p in phones)
        assert any(re.fullmatch(r"0[67](-\d\d){4}", p) for p in phones)
        assert any(p.startswith("+33") for p in phones)
        assert any(p.startswith("0033") for p in phones)
        assert any(re.fullmatch(r"0[1-5]\d{8}", p) for p in phones)  # French landlines
        assert any(not re.search(r"\d{6}", p.replace(" ", "")) for p in phones)  # garbage
        assert sum(1 for r in rows if r[2] == "") > 50 and any(r[2] is None for r in rows)
        # 1.7+ shops mostly fill `phone` only
        assert sum(1 for r in rows if r[3]) < len(phones) / 3
        countries = Counter(r[1] for r in rows)
        assert countries.most_common(1)[0][0] == 8  # mostly France
        assert {1, 3, 6, 8, 12, 19} <= set(countries)  # DE BE ES FR LU CH
        per_customer = Counter(r[0] for r in rows)
        assert max(per_customer.values()) >= 3
        assert any(r[4] == 1 for r in rows)  # soft-deleted addresses
        with_address = len(per_customer)
        assert with_address < _count(conn, "customer", "1 = 1")  # some have none
        shared = conn.scalar(
            f"SELECT COUNT(*) FROM (SELECT phone FROM {a} WHERE phone <> '' AND phone "
            "REGEXP %s GROUP BY phone HAVING COUNT(DISTINCT id_customer) > 1) x",
            ("^(\\+|0)[0-9 .()-]{9,}$",),
        )
        assert shared > 0  # the same number on two customers' addresses
    with open_shop(demo_sqlite_16) as conn:
        rows = conn.query(f"SELECT phone, phone_mobile FROM {conn.table('address')}")
        mobiles = [r[1] for r in rows if r[1]]
        assert len(mobiles) > len(rows) * 0.6  # 1.6 shops fill phone_mobile
        assert any(re.fullmatch(r"0[1-5][\d .-]+", m) for m in mobiles)  # landline in mobile
        assert _count(conn, "orders", "shipping_number IS NOT NULL") > 100


def test_overseas_customers_get_their_departments_mobiles(
    demo_sqlite: ShopDsn, demo_sqlite_16: ShopDsn
) -> None:
    """Réunion, Guadeloupe and Martinique customers, some filed under "France" with their
    0692…: each number reads as its department's mobile."""
    for dsn in (demo_sqlite, demo_sqlite_16):
        with open_shop(dsn) as conn:
            rows = conn.query(
                f"SELECT co.iso_code, a.phone, a.phone_mobile FROM {conn.table('address')} a "
                f"JOIN {conn.table('country')} co ON co.id_country = a.id_country "
                "WHERE a.postcode LIKE '97%' AND a.deleted = 0"
            )
        found = Counter()
        for iso, phone, mobile in rows:
            for value in (phone, mobile):
                number = check_mobile(value, iso).number
                if number is not None and number.region in ("RE", "GP", "MQ"):
                    found[(iso == "FR", number.region)] += 1
        assert {region for _f, region in found} == {"RE", "GP", "MQ"}
        assert any(under_france for under_france, _r in found)
        assert any(not under_france for under_france, _r in found)


def test_moving_customers_overseas_changes_no_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_them = ShopDsn.sqlite(tmp_path / "with.sqlite3")
    generate_demo_shop(with_them, customers=1500, seed=3, version="8")
    monkeypatch.setattr(build, "add_overseas_rows", lambda writer, *, seed: None)
    without = ShopDsn.sqlite(tmp_path / "without.sqlite3")
    generate_demo_shop(without, customers=1500, seed=3, version="8")
    counts = []
    for dsn in (with_them, without):
        with open_shop(dsn) as conn:
            moved = _count(conn, "address", "postcode LIKE '97%'")
            count = count_recipients(conn, Segment("Tous"), today=DEFAULT_REFERENCE_DATE)
        counts.append(count)
        assert moved > 0
    assert counts[0] == counts[1]


def test_orders_are_consistent_and_varied(demo_sqlite: ShopDsn) -> None:
    with open_shop(demo_sqlite) as conn:
        o, h, s = conn.table("orders"), conn.table("order_history"), conn.table("order_state")
        n_orders = _count(conn, "orders", "1 = 1")
        assert 2.4 * 3000 < n_orders < 3.6 * 3000
        # current_state = the latest history row; valid = logable of the current state
        assert (
            conn.scalar(
                f"SELECT COUNT(*) FROM {o} o WHERE o.current_state <> (SELECT h.id_order_state "
                f"FROM {h} h WHERE h.id_order = o.id_order "
                "ORDER BY h.date_add DESC, h.id_order_history DESC LIMIT 1)"
            )
            == 0
        )
        assert (
            conn.scalar(
                f"SELECT COUNT(*) FROM {o} o JOIN {s} s ON s.id_order_state = o.current_state "
                "WHERE o.valid <> s.logable"
            )
            == 0
        )
        assert conn.scalar(f"SELECT COUNT(*) FROM {o} WHERE current_state = 0") == 0
        # ids follow dates (orders and history), as in a real shop
        for table, key in ((o, "id_order"), (h, "id_order_history")):
            assert (
                conn.scalar(
                    f"SELECT COUNT(*) FROM {table} a JOIN {table} b ON b.{key} = a.{key} + 1 "
                    "WHERE b.date_add < a.date_add"
                )
                == 0
            )
        # three years before the reference date, in three currencies
        row = conn.query_one(f"SELECT MIN(date_add), MAX(date_add) FROM {o}") or ("", "")
        # aggregates come back as text on SQLite (no declared type): compare the dates
        first, last = (dt.date.fromisoformat(str(v)[:10]) for v in row)
        ref = DEFAULT_REFERENCE_DATE
        assert first >= ref - dt.timedelta(days=3 * 365)
        assert last <= ref
        assert (ref - first).days > 2 * 365
        rates = dict(conn.query(f"SELECT id_currency, AVG(conversion_rate) FROM {o} GROUP BY 1"))
        assert set(rates) == {1, 2, 3}
        assert rates[1] == 1 and 0.9 < rates[2] < 0.99 and 0.8 < rates[3] < 0.9
        # heavy tail: a few customers order a lot
        counts = Counter(r[0] for r in conn.query(f"SELECT id_customer FROM {o}"))
        assert max(counts.values()) >= 15
        states = Counter(r[0] for r in conn.query(f"SELECT current_state FROM {o}"))
        assert {1, 2, 4, 5, 6, 7, 8, 10} <= set(states)
        assert states.most_common(1)[0][0] == 5  # delivered
        assert _count(conn, "orders", "delivery_date = '0000-00-00 00:00:00'") > 0
        assert _count(conn, "order_carrier", "tracking_number IS NOT NULL") > 1000
        assert _count(conn, "order_carrier", "tracking_number IS NULL") > 100
        assert _count(conn, "order_slip", "1 = 1") > 10
        assert _count(conn, "order_return", "1 = 1") > 5
        assert _count(conn, "order_payment", "1 = 1") > n_orders * 0.7
        assert _count(conn, "order_detail", "1 = 1") > n_orders
        assert _count(conn, "cart", "1 = 1") > 0
        # the paid orders have their payment, by reference
        assert (
            conn.scalar(
                f"SELECT COUNT(*) FROM {o} o JOIN {s} s ON s.id_order_state = o.current_state "
                f"WHERE s.paid = 1 AND NOT EXISTS (SELECT 1 FROM {conn.table('order_payment')} p "
                "WHERE p.order_reference = o.reference)"
            )
            == 0
        )


# --------------------------------------------------------------------------- refusing to overwrite


def test_generator_refuses_an_existing_shop(tmp_path: Path) -> None:
    dsn = ShopDsn.sqlite(tmp_path / "s.sqlite3")
    generate_demo_shop(dsn, customers=5)
    with pytest.raises(DemoTargetNotEmpty):
        generate_demo_shop(dsn, customers=5)
    assert generate_demo_shop(dsn, customers=7, replace=True).customers == 7


def test_cli_refuses_an_existing_sqlite_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(b"")
    assert main(["demo-shop", "--customers", "20", "--sqlite", str(path)]) != 0
    err = capsys.readouterr().err
    assert "--replace" in err and str(path) in err and len(err.strip().splitlines()) == 1
    assert main(["demo-shop", "--customers", "20", "--sqlite", str(path), "--replace"]) == 0
    out = capsys.readouterr().out
    assert "20 clients" in out
    with open_shop(ShopDsn.sqlite(path)) as conn:
        assert conn.scalar(f"SELECT COUNT(*) FROM {conn.table('customer')}") == 20


@pytest.mark.mariadb
def test_cli_refuses_an_existing_mariadb_shop_and_replaces_only_its_tables(
    tmp_path: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn = new_shop_dsn("mysql", tmp_path, request, prefix="demo_")
    url = dsn.url(with_password=True)
    args = ["demo-shop", "--customers", "30", "--mysql", url, "--version", "1.7"]
    assert main(args) == 0
    assert "30 clients" in capsys.readouterr().out
    assert main(args) != 0
    assert "demo_customer" in capsys.readouterr().err
    with ShopWriter.open(dsn) as w:
        w.execute("CREATE TABLE demo_keepme (id INT)")
    assert main([*args, "--replace", "--seed", "5"]) == 0
    with open_shop(dsn) as conn:
        assert conn.info.major == "1.7"
        assert conn.has_table("keepme")
        assert conn.scalar(f"SELECT COUNT(*) FROM {conn.table('customer')}") == 30


@pytest.mark.mariadb
def test_a_database_with_other_tables_is_refused_without_replace(
    tmp_path: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    # a real shop under another prefix, or any application's tables: never mixed with a demo
    dsn = new_shop_dsn("mysql", tmp_path, request, prefix="demo_")
    with ShopWriter.open(dsn) as w:
        w.execute("CREATE TABLE shop_customer (id INT)")
        w.execute("CREATE TABLE wp_posts (id INT)")
    args = ["demo-shop", "--customers", "10", "--mysql", dsn.url(with_password=True)]
    assert main(args) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "2 tables" in err and "shop_customer" in err and "--replace" in err
    with ShopWriter.open(dsn) as w:
        assert w.table_names() == ["shop_customer", "wp_posts"]  # nothing written
    assert main([*args, "--replace"]) == 0
    capsys.readouterr()
    with ShopWriter.open(dsn) as w:
        names = w.table_names()
    assert "shop_customer" in names and "wp_posts" in names and "demo_customer" in names


def test_a_sqlite_file_with_other_tables_is_refused_without_replace(tmp_path: Path) -> None:
    dsn = ShopDsn.sqlite(tmp_path / "other.sqlite3")
    with ShopWriter.open(dsn) as w:
        w.execute("CREATE TABLE notes (id INTEGER)")
    with pytest.raises(DemoTargetNotEmpty, match="notes"):
        generate_demo_shop(dsn, customers=5)
    assert generate_demo_shop(dsn, customers=5, replace=True).customers == 5


@pytest.mark.mariadb
@pytest.mark.parametrize("database", ["mysql", "sys", "information_schema", "performance_schema"])
@pytest.mark.parametrize("replace", [False, True])
def test_system_databases_are_refused_even_with_replace(
    database: str,
    replace: bool,
    mariadb_server: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError(f"the demo was about to write into {database}")

    # should the refusal ever go, the test fails without touching the server's schemas
    monkeypatch.setattr(ShopWriter, "drop_schema", never)
    monkeypatch.setattr(ShopWriter, "create_schema", never)
    args = ["demo-shop", "--customers", "10", "--mysql", f"{mariadb_server}/{database}"]
    assert main([*args, "--replace"] if replace else args) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"« {database} » est une base système" in err and "CREATE DATABASE" in err

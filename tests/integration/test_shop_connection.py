"""Reading a PrestaShop shop: addresses, errors a merchant can fix, version and configuration."""

from __future__ import annotations

import datetime as dt
import secrets
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pymysql
import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.demo.prestashop.versions import VERSION_DB, VERSIONS, Version
from isend_tui.errors import UserError
from isend_tui.shop.connection import ShopConnection, connect
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import (
    ShopAccessDenied,
    ShopDsnError,
    ShopQueryError,
    ShopQueryInterrupted,
    ShopSchemaError,
    ShopUnknownDatabase,
    ShopUnreachable,
    ShopWrongPrefix,
)
from isend_tui.shop.info import (
    get_config_value,
    get_configuration,
    lang_id,
    list_countries,
    list_groups,
    list_order_states,
    list_shops,
    open_shop,
    today,
)

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def shop(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[ShopBuilder]:
    builder = ShopBuilder(new_shop_dsn(backend, tmp_path, request), version="8").create()
    yield builder
    builder.close()


def _shop(
    version: Version, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> ShopBuilder:
    dsn = new_shop_dsn(backend, tmp_path, request, name=f"shop-{version}.sqlite3")
    return ShopBuilder(dsn, version=version).create()


# --------------------------------------------------------------------------- addresses


def test_mysql_url_is_parsed_and_the_password_never_shows() -> None:
    dsn = ShopDsn.from_url("mysql://lecteur:p%40ss%3Aw0rd@db.example.fr:3307/boutique?prefix=shop_")
    assert (dsn.kind, dsn.host, dsn.port, dsn.user, dsn.database, dsn.prefix) == (
        "mysql",
        "db.example.fr",
        3307,
        "lecteur",
        "boutique",
        "shop_",
    )
    assert dsn.password == "p@ss:w0rd"
    assert "p@ss" not in repr(dsn) and "w0rd" not in repr(dsn)
    assert dsn.url() == "mysql://lecteur:***@db.example.fr:3307/boutique?prefix=shop_"
    assert ShopDsn.from_url(dsn.url(with_password=True)) == dsn


def test_sqlite_url_and_default_prefix() -> None:
    dsn = ShopDsn.from_url("sqlite:///tmp/ma%20boutique.sqlite3")
    assert (dsn.kind, dsn.path, dsn.prefix) == ("sqlite", "/tmp/ma boutique.sqlite3", "ps_")
    assert ShopDsn.from_url(dsn.url()) == dsn


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "ISEND_TUI_SHOP_DB"),
        ("postgres://u@h/db", "postgres"),
        ("mysql://u@h:99999/db", "port"),
        ("mysql://u@h:3306/", "nom de la base"),
        ("mysql://u:secret@h:3306/db?prefxi=ps_", "prefxi"),
        ("sqlite://relative.sqlite3", "absolu"),
    ],
)
def test_bad_urls_name_the_problem_and_the_expected_form(url: str, fragment: str) -> None:
    with pytest.raises(ShopDsnError) as err:
        ShopDsn.from_url(url)
    assert fragment in err.value.message
    assert "mysql://" in err.value.message  # the expected form
    assert "secret" not in err.value.message
    assert err.value.field == "shop_db"


def test_a_prefix_with_sql_in_it_is_refused() -> None:
    with pytest.raises(ShopDsnError) as err:
        ShopDsn.from_url("mysql://u@h:3306/db?prefix=ps_;DROP")
    assert err.value.field == "shop_prefix"


# --------------------------------------------------------------------------- connection errors


@pytest.mark.mariadb
def test_closed_port_is_reported_as_unreachable(mariadb_server: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dsn = ShopDsn(kind="mysql", host="127.0.0.1", port=port, user="root", database="x")
    with pytest.raises(ShopUnreachable) as err:
        connect(dsn, timeout=2)
    assert f"127.0.0.1:{port}" in err.value.message
    assert isinstance(err.value, UserError)


def test_missing_sqlite_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ShopUnreachable) as err:
        connect(ShopDsn.sqlite(tmp_path / "absent.sqlite3"))
    assert "absent.sqlite3" in err.value.message


@pytest.mark.mariadb
def test_wrong_credentials(mariadb_url: str) -> None:
    dsn = ShopDsn.from_url(mariadb_url)
    bad = ShopDsn(
        kind="mysql",
        host=dsn.host,
        port=dsn.port,
        user="isend_nobody",
        password="not-the-password",
        database=dsn.database,
    )
    with pytest.raises(ShopAccessDenied) as err:
        connect(bad)
    assert "isend_nobody" in err.value.message
    assert "not-the-password" not in err.value.message


@pytest.mark.mariadb
def test_unknown_database(mariadb_server: str) -> None:
    with pytest.raises(ShopUnknownDatabase) as err:
        connect(f"{mariadb_server}/isend_no_such_db_{secrets.token_hex(3)}")
    assert "isend_no_such_db_" in err.value.message


def test_wrong_prefix_suggests_the_right_one(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    dsn = new_shop_dsn(backend, tmp_path, request, prefix="boutik_")
    ShopBuilder(dsn).create().close()
    with pytest.raises(ShopWrongPrefix) as err:
        connect(dsn.with_prefix("ps_"))
    assert "ps_customer" in err.value.message
    assert "boutik_" in err.value.message
    assert err.value.candidates == ["boutik_"]


def test_missing_column_and_missing_table_are_named(shop: ShopBuilder) -> None:
    with shop.connect() as conn:
        with pytest.raises(ShopSchemaError) as err:
            conn.query(f"SELECT no_such_column FROM {conn.table('customer')}")
        assert "no_such_column" in err.value.message
        with pytest.raises(ShopSchemaError) as err:
            conn.require_columns("customer", "id_customer", "sms_optin")
        assert "sms_optin" in err.value.message and "ps_customer" in err.value.message
    shop.w.execute(f"DROP TABLE {shop.t('configuration')}")
    with pytest.raises(ShopSchemaError) as err:
        open_shop(shop.dsn)
    assert "ps_configuration" in err.value.message


def test_only_reads_are_accepted(shop: ShopBuilder) -> None:
    with shop.connect() as conn:
        for sql in (
            f"DELETE FROM {conn.table('customer')}",
            f"UPDATE {conn.table('orders')} SET valid = 1",
            "DROP TABLE x",
        ):
            with pytest.raises(ShopQueryError):
                conn.query(sql)
        assert conn.query("WITH x AS (SELECT 1 AS n) SELECT n FROM x") == [(1,)]
        # Defence in depth: the session/file itself is read-only.
        raw = conn._raw
        with pytest.raises(Exception):  # noqa: B017 - pymysql or sqlite3 error
            if conn.backend == "mysql":
                with raw.cursor() as cur:
                    cur.execute(f"DELETE FROM {conn.table('customer')}")
            else:
                raw.execute(f"DELETE FROM {conn.table('customer')}")


def _running_on_server(conn: ShopConnection) -> bool:
    """Whether the server still runs a statement for this connection's session."""
    admin = pymysql.connect(host=conn.dsn.host, port=conn.dsn.port, user="root")
    try:
        with admin.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM information_schema.PROCESSLIST "
                "WHERE ID = %s AND INFO IS NOT NULL",
                (conn._thread_id,),
            )
            return bool(cur.fetchone()[0])
    finally:
        admin.close()


def interrupt_a_long_query(conn: ShopConnection) -> None:
    """Start a statement that would run for minutes, interrupt it from this thread once it
    runs, and check that it stopped with ShopQueryInterrupted, on the server too."""
    started = threading.Event()
    if conn.backend == "sqlite":
        conn._raw.set_progress_handler(lambda: started.set(), 10_000)  # called while it runs
        sql = (
            "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
            "SELECT x + 1 FROM c WHERE x < 9000000000) SELECT x FROM c)"
        )
    else:
        sql = "SELECT SLEEP(300)"
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(conn.query(sql))
        except ShopQueryInterrupted as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    if conn.backend == "sqlite":
        assert started.wait(60)
    else:
        while not _running_on_server(conn):
            assert worker.is_alive()
            started.wait(0.02)  # polling the server's process list, not a fixed delay
    conn.interrupt()
    worker.join(60)
    assert not worker.is_alive()
    assert isinstance(outcome[0], ShopQueryInterrupted), outcome
    assert "interrompue" in outcome[0].message
    if conn.backend == "mysql":
        assert not _running_on_server(conn)
    assert conn.scalar("SELECT 1") == 1  # the connection is still usable


def test_a_running_query_is_interrupted_from_another_thread(shop: ShopBuilder) -> None:
    with shop.connect() as conn:
        interrupt_a_long_query(conn)


@pytest.mark.mariadb
def test_a_select_only_user_can_connect_and_read_shop_info(
    mariadb_databases: object, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    dsn = new_shop_dsn("mysql", tmp_path, request)
    ShopBuilder(dsn).create().close()
    user = f"isend_ro_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(12) + "%@:"
    admin = pymysql.connect(host=dsn.host, port=dsn.port, user="root", autocommit=True)
    try:
        with admin.cursor() as cur:
            cur.execute("CREATE USER %s@'%%' IDENTIFIED BY %s", (user, password))
            cur.execute(f"GRANT SELECT ON `{dsn.database}`.* TO %s@'%%'", (user,))
        ro = ShopDsn(
            kind="mysql",
            host=dsn.host,
            port=dsn.port,
            user=user,
            password=password,
            database=dsn.database,
        )
        with open_shop(ro) as conn:
            interrupt_a_long_query(conn)  # KILL QUERY of its own session: no privilege needed
            assert conn.info.major == "8"
            assert conn.info.order_states["PS_OS_PAYMENT"] == 2
            assert list_shops(conn)[0] == (1, "Boutique Paris")
            assert conn.has_column("orders", "current_state")
    finally:
        with admin.cursor() as cur:
            cur.execute("DROP USER IF EXISTS %s@'%%'", (user,))
        admin.close()


# --------------------------------------------------------------------------- version and info


def test_version_16_and_8_have_different_state_ids(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    old = _shop("1.6", backend, tmp_path, request)
    new = _shop("8", backend, tmp_path, request)
    with old.connect() as conn:
        info = conn.info
        assert (info.version, info.major, info.version_guessed) == ("1.6.1.24", "1.6", False)
        assert info.order_states["PS_OS_WS_PAYMENT"] == 12
        assert info.order_states["PS_OS_COD_VALIDATION"] == 14
        assert info.order_states["PS_OS_PAYPAL"] == 11
        assert info.has_shipping_number and not info.has_currency_lang
    with new.connect() as conn:
        info = conn.info
        assert (info.version, info.major) == ("8.1.7", "8")
        assert info.order_states["PS_OS_WS_PAYMENT"] == 11
        assert "PS_OS_PAYPAL" not in info.order_states
        assert not info.has_shipping_number and info.has_currency_lang
        assert info.order_states["PS_OS_OUTOFSTOCK_PAID"] == 9
    # Without PS_VERSION_DB, the version is guessed from the columns.
    old.delete_config("PS_VERSION_DB")
    new.delete_config("PS_VERSION_DB")
    with old.connect() as conn:
        assert (conn.info.major, conn.info.version_guessed) == ("1.6", True)
    with new.connect() as conn:
        assert conn.info.major == "8"
    old.close()
    new.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_every_version_is_detected_then_guessed_from_its_columns(
    version: Version, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    shop = _shop(version, backend, tmp_path, request)
    with shop.connect() as conn:
        assert (conn.info.version, conn.info.major) == (VERSION_DB[version], version)
        assert not conn.info.version_guessed
    shop.delete_config("PS_VERSION_DB")
    with shop.connect() as conn:
        assert (conn.info.major, conn.info.version_guessed) == (version, True)
    shop.close()


def test_shop_info_defaults(shop: ShopBuilder) -> None:
    with shop.connect() as conn:
        info = conn.info
        assert info.shop_name == "Ma Boutique Démo"
        assert info.timezone.key == "Europe/Paris"
        assert (info.default_shop_id, info.default_lang_id, info.default_country_id) == (1, 1, 8)
        assert (info.default_currency_id, info.default_currency_iso) == (1, "EUR")
        assert info.groups == {
            "PS_UNIDENTIFIED_GROUP": 1,
            "PS_GUEST_GROUP": 2,
            "PS_CUSTOMER_GROUP": 3,
        }
        assert today(conn) == dt.datetime.now(info.timezone).date()


def test_configuration_resolves_shop_then_group_then_global(shop: ShopBuilder) -> None:
    with shop.connect() as conn:
        name = {s: get_config_value(conn, "PS_SHOP_NAME", id_shop=s) for s in (1, 2, 3)}
        assert name == {
            1: "Ma Boutique Démo",  # global row
            2: "Boutique Démo Lyon",  # shop row
            3: "Boutique Démo Benelux",  # shop group 2 row
        }
        assert get_configuration(conn, ["PS_TIMEZONE"], id_shop=3) == {
            "PS_TIMEZONE": "Europe/Brussels"
        }
        assert get_configuration(conn, ["PS_NOT_A_KEY"]) == {}
    # configuration_lang wins over value for the language
    cid = shop.one(
        f"SELECT id_configuration FROM {shop.t('configuration')} WHERE name = %s "
        "AND id_shop IS NULL AND id_shop_group IS NULL",
        ("PS_SHOP_NAME",),
    )
    shop.w.insert(
        "configuration_lang", ["id_configuration", "id_lang", "value"], [(cid, 2, "My Demo Shop")]
    )
    # a second global row: the last one wins, like Configuration::loadConfiguration
    shop.set_config("PS_SHOP_DEFAULT", "3")
    with shop.connect() as conn:
        assert get_config_value(conn, "PS_SHOP_NAME", id_shop=1, id_lang=2) == "My Demo Shop"
        assert get_config_value(conn, "PS_SHOP_NAME", id_shop=1, id_lang=1) == "Ma Boutique Démo"
        info = conn.info
        assert info.default_shop_id == 3
        assert info.shop_name == "Boutique Démo Benelux"
        assert info.timezone.key == "Europe/Brussels"


def test_legacy_outofstock_key_is_an_alias(shop: ShopBuilder) -> None:
    shop.delete_config("PS_OS_OUTOFSTOCK_PAID")
    shop.set_config("PS_OS_OUTOFSTOCK", "9")
    with shop.connect() as conn:
        assert conn.info.order_states["PS_OS_OUTOFSTOCK_PAID"] == 9


def test_lists_for_the_ui(shop: ShopBuilder) -> None:
    c = shop.customer(firstname="Benoît")
    shop.address(c, country="BE", phone_mobile="0470 12 34 56")
    with shop.connect() as conn:
        assert list_shops(conn) == [(1, "Boutique Paris"), (2, "Boutique Lyon"),
                                    (3, "Boutique Bruxelles")]  # fmt: skip
        assert (4, "VIP") in list_groups(conn)
        assert (2, "Invité") in list_groups(conn)
        assert (2, "Guest") in list_groups(conn, id_lang=2)
        assert list_countries(conn, used_only=True) == [(3, "BE", "Belgique")]
        everything = list_countries(conn)
        assert (8, "FR", "France") in everything and len(everything) > 6
        states = {s.id: s for s in list_order_states(conn)}
        assert states[2].name == "Paiement accepté" and states[2].logable and states[2].paid
        assert not states[9].logable and states[9].paid  # backorder (paid) is not logable
        assert states[5].delivery and states[5].shipped
        assert list_order_states(conn, id_lang=2)[1].name == "Payment accepted"
        assert lang_id(conn, "en") == 2 and lang_id(conn, "FR") == 1 and lang_id(conn, "de") is None


def test_the_criteria_choices_follow_the_ui_language(shop: ShopBuilder) -> None:
    from isend_tui.segments.choices import segment_choices

    c = shop.customer(firstname="Hans")
    shop.address(c, country="DE", phone_mobile="0151 2345 6789")
    english = segment_choices(shop.dsn, "en")
    assert english.countries == [("DE", "Germany")]
    assert (2, "Guest") in english.groups
    assert segment_choices(shop.dsn, "fr").countries == [("DE", "Allemagne")]
    assert segment_choices(shop.dsn, "de").countries == [("DE", "Allemagne")]  # the default


# --------------------------------------------------------------------------- queries


def test_query_stream_types_and_regexp(shop: ShopBuilder) -> None:
    ids = [
        shop.customer(firstname=f"Client{i}", birthday="0000-00-00" if i % 3 else "1980-02-29")
        for i in range(23)
    ]
    for cid in ids[:10]:
        shop.address(cid, phone_mobile="06 12 34 56 78" if cid % 2 else "01 45 67 89 10")
    o = shop.order(ids[0], total_paid_tax_incl="12.30")
    with shop.connect() as conn:
        c = conn.table("customer")
        rows = list(conn.stream(f"SELECT id_customer FROM {c} ORDER BY id_customer", batch=7))
        assert [r[0] for r in rows] == ids
        # leaving a stream early leaves the connection usable
        for _row in conn.stream(f"SELECT id_customer FROM {c}", batch=5):
            break
        assert conn.scalar(f"SELECT COUNT(*) FROM {c}") == 23
        birthdays = dict(conn.query(f"SELECT id_customer, birthday FROM {c}"))
        assert birthdays[ids[0]] == dt.date(1980, 2, 29)
        assert birthdays[ids[1]] == "0000-00-00"  # unknown date, as pymysql returns it
        total, date_add, invoice_date = conn.query_one(
            f"SELECT total_paid_tax_incl, date_add, delivery_date FROM {conn.table('orders')} "
            "WHERE id_order = %s",
            (o,),
        ) or (None, None, None)
        assert str(total).startswith("12.3")
        assert isinstance(date_add, dt.datetime)
        assert invoice_date == "0000-00-00 00:00:00"
        mobiles = conn.scalar(
            f"SELECT COUNT(*) FROM {conn.table('address')} WHERE phone_mobile REGEXP %s",
            ("^0[67]",),
        )
        assert mobiles == 5
        like = conn.scalar(
            f"SELECT COUNT(*) FROM {c} WHERE firstname LIKE %s", ("client1%",)
        )  # case-insensitive, like MySQL's default collation
        assert like == 11
        assert conn.has_table("order_carrier") and not conn.has_table("no_table")
        assert conn.has_column("customer", "birthday") and not conn.has_column("orders", "x")

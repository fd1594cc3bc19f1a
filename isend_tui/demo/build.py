"""`generate_demo_shop(target, customers=N, seed=S)`: a whole demo shop (schema, reference
data, customers, addresses, orders and their history) in a MySQL/MariaDB database or a
SQLite file, for demos, tests and benchmarks (generator.py says what the data holds).

The tables are created without their secondary indexes, loaded, then indexed: that is much
faster for a bulk load. MySQL loads with LOAD DATA LOCAL INFILE through a helper process
(multi-row INSERT if the server refuses LOCAL INFILE), then builds the indexes two tables
at a time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from isend_tui.demo.automation_rows import add_automation_rows
from isend_tui.demo.generator import DemoGenerator
from isend_tui.demo.overseas_rows import add_overseas_rows
from isend_tui.demo.prestashop.ddl import create_shop_indexes
from isend_tui.demo.prestashop.tables import shop_tables
from isend_tui.demo.prestashop.versions import Version
from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.demo.rows import DemoSummary, table_columns
from isend_tui.demo.sinks import MysqlSink, Sink, SqliteSink
from isend_tui.demo.timeline import DEFAULT_REFERENCE_DATE
from isend_tui.errors import UserError
from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.shop.dsn import ShopDsn

#: A server's own databases: the demo never writes there, even with --replace.
SYSTEM_DATABASES = frozenset({"mysql", "sys", "information_schema", "performance_schema"})


class DemoTargetNotEmpty(UserError):
    """The target already holds a shop, other tables (or a file) and --replace was not
    given, or it is one of the server's system databases."""


def _check_target(writer: ShopWriter, replace: bool) -> None:
    """Refuse a system database, and without `replace` a database that holds any table."""
    database = writer.database_name()
    if database is not None and database.lower() in SYSTEM_DATABASES:
        raise DemoTargetNotEmpty(
            _(
                "« {database} » est une base système du serveur : la démo n'y écrit jamais. "
                "Créez une base à part (CREATE DATABASE isend_demo) et mettez-la dans l'URL."
            ).format(database=database),
            field="shop_db",
        )
    if replace:
        return
    if writer.table_exists("customer"):
        raise DemoTargetNotEmpty(
            _(
                "La base contient déjà une boutique (table {table}) : choisissez une "
                "autre base ou un autre préfixe, ou ajoutez --replace pour la remplacer."
            ).format(table=writer.prefix + "customer"),
            field="shop_db",
        )
    tables = writer.table_names()
    if tables:
        where = database or (writer.dsn.url() if writer.dsn is not None else "")
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise DemoTargetNotEmpty(
            _(
                "La base {database} contient déjà {count} ({tables}) : la démo "
                "s'écrit dans une base vide. Choisissez-en une autre, ou ajoutez --replace "
                "(seules les tables de la démo, préfixe {prefix}, sont remplacées)."
            ).format(
                database=where,
                count=counted(len(tables), _("{n} table"), _("{n} tables")),
                tables=shown,
                prefix=writer.prefix,
            ),
            field="shop_db",
        )


def _writer_for(target: ShopDsn | str | ShopWriter) -> tuple[ShopWriter, bool]:
    if isinstance(target, ShopWriter):
        return target, False
    dsn = ShopDsn.from_url(target) if isinstance(target, str) else target
    return ShopWriter.open(dsn), True


def generate_demo_shop(
    target: ShopDsn | str | ShopWriter,
    *,
    customers: int,
    seed: int = 42,
    version: Version = "8",
    progress: Callable[[int, int], None] | None = None,
    reference_date: dt.date = DEFAULT_REFERENCE_DATE,
    orders_per_customer: float = 3.0,
    replace: bool = False,
) -> DemoSummary:
    """Create the schema and write a demo shop of `customers` customers (see module doc).

    `progress(done, total)` is called now and then with an estimate of the work done, in
    customer units (later customers come with more orders, so this is not their index).

    Refuses (DemoTargetNotEmpty) a server's system database (mysql, sys,
    information_schema, performance_schema) always, and a database that holds any table
    (a shop, or anything else) unless `replace`: then only the tables this module creates
    are dropped and recreated, the others are left alone.
    """
    if customers < 0:
        raise ValueError("customers must be >= 0")
    started = time.monotonic()
    writer, owned = _writer_for(target)
    try:
        _check_target(writer, replace)
        if replace:
            writer.drop_schema()
        writer.create_schema(version, with_indexes=False)
        writer.seed(version)
        summary = DemoSummary(writer.backend, version, seed, reference_date)
        columns = table_columns(version)
        sink: Sink
        if writer.backend == "sqlite":
            writer.raw.execute("PRAGMA journal_mode=MEMORY")
            writer.raw.execute("PRAGMA synchronous=OFF")
            writer.raw.execute("BEGIN")
            sink = SqliteSink(writer, columns)
        else:
            sink = MysqlSink(writer, columns)
        gen = DemoGenerator(
            sink,
            customers=customers,
            seed=seed,
            version=version,
            reference_date=reference_date,
            orders_per_customer=orders_per_customer,
            progress=progress,
            summary=summary,
        )
        try:
            gen.run()
        finally:
            sink.close()
        loaded = time.monotonic()
        if writer.backend == "sqlite":
            writer.raw.execute("COMMIT")
        if writer.backend == "mysql" and writer.dsn is not None:
            _mysql_indexes_in_parallel(writer.dsn, version)
        else:
            create_shop_indexes(writer.raw, writer.backend, writer.prefix, version=version)
        # Last, with draws of its own: the rows above do not depend on it.
        add_automation_rows(writer, seed=seed, reference_date=reference_date)
        add_overseas_rows(writer, seed=seed)
        if writer.backend == "sqlite":
            writer.raw.execute("PRAGMA journal_mode=DELETE")
            writer.raw.execute("ANALYZE")
        summary.seconds = time.monotonic() - started
        summary.index_seconds = time.monotonic() - loaded
        return summary
    finally:
        if owned:
            writer.close()


#: Secondary index builds, biggest first (two run at once on MySQL).
_INDEX_ORDER = (
    "order_history", "orders", "order_detail", "order_carrier", "order_payment", "address",
    "customer", "customer_group",
)  # fmt: skip


def _mysql_indexes_in_parallel(dsn: ShopDsn, version: Version) -> None:
    """Build the secondary indexes with two connections (the server builds one per ALTER)."""
    big = [t for t in _INDEX_ORDER]
    rest = [t.name for t in shop_tables(version) if t.name not in big]
    todo: list[str] = [*big, *rest]
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        with ShopWriter.open(dsn) as w:
            while True:
                with lock:
                    if not todo or errors:
                        return
                    name = todo.pop(0)
                try:
                    create_shop_indexes(w.raw, "mysql", w.prefix, version=version, tables=[name])
                except BaseException as exc:  # re-raised in the caller
                    with lock:
                        errors.append(exc)
                    return

    threads = [threading.Thread(target=worker, name=f"demo-index-{i}") for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]

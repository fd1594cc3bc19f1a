"""Phone classification SQL benchmark: reading a big segment's recipients, with and without
the search for mobiles written with another country's code.

    .venv/bin/python bench/phone_sql_bench.py [--reps 3] [--diagnose]

- The shop: MariaDB database `isend_bench_send` (170,000 customers), the one of
  bench/send_bench.py, written once by its `ensure_shop()`.
- Timed: `iter_recipients` of the 'every customer' segment, read to the end (SQL compiled,
  sent, every row streamed), alternately with
  (a) the current SQL, and
  (b) the reference: the same SQL where `abroad_sql` is a constant NULL (patched here
      only: numbers written +CC of another country are then not found, so (b) finds fewer
      recipients; it is the cost floor of the rest of the classification).
  Best of --reps each. Printed: seconds, recipients, SQL size and REGEXP count of each.
- Each time is given as wall seconds and as the CPU seconds of the server thread that ran
  the statement (steadier on a machine shared with other work).
- --diagnose adds, for each, the server CPU of: the statement's EXPLAIN (parse and
  optimise), the grouped per-customer table alone, a COUNT(*) over the statement (the
  optimizer's own join order), to tell where the time goes.

Target: (a) within +10 % of (b).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pymysql  # noqa: E402
from send_bench import DATABASE, SHOP_URL, ensure_shop  # noqa: E402

from isend_tui.segments import compiler  # noqa: E402
from isend_tui.segments.counting import iter_recipients  # noqa: E402
from isend_tui.segments.dialect import Fragment  # noqa: E402
from isend_tui.segments.phones import sql as phone_sql  # noqa: E402
from isend_tui.segments.segment_file import segment_from_dict  # noqa: E402
from isend_tui.segments.shop_meta import shop_meta  # noqa: E402
from isend_tui.shop.connection import ShopConnection  # noqa: E402
from isend_tui.shop.info import open_shop, today  # noqa: E402

SEGMENT = segment_from_dict({"version": 1, "name": "bench", "criteria": []})


@contextlib.contextmanager
def variant(name: str) -> Iterator[None]:
    """(a) "current": the SQL as shipped; (b) "reference": abroad_sql a constant NULL."""
    if name == "current":
        yield
        return
    original = phone_sql.abroad_sql

    def no_abroad(*_args: Any, **_kwargs: Any) -> Fragment:
        return Fragment("NULL", ())

    phone_sql.abroad_sql = no_abroad  # type: ignore[assignment]
    try:
        yield
    finally:
        phone_sql.abroad_sql = original  # type: ignore[assignment]


def statement(conn: ShopConnection) -> tuple[str, tuple[object, ...]]:
    q = compiler.compile_recipients(shop_meta(conn), SEGMENT, today=today(conn))
    return q.sql, tuple(q.params)


def size(conn: ShopConnection) -> tuple[int, int, int]:
    """(statement bytes with its parameters inlined, REGEXP count, parameter count)."""
    sql, params = statement(conn)
    inlined = len(sql) + sum(len(str(p)) + 2 for p in params)
    return inlined, sql.count("REGEXP"), len(params)


def read_all(conn: ShopConnection) -> int:
    return sum(1 for _ in iter_recipients(conn, SEGMENT, today=today(conn)))


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def server_threads() -> dict[str, int]:
    """CPU ticks of each thread of the local MariaDB server (empty when not readable)."""
    out: dict[str, int] = {}
    found = subprocess.run(["pidof", "mariadbd", "mysqld"], capture_output=True, text=True)
    for pid in found.stdout.split():
        for task in Path(f"/proc/{pid}/task").glob("*"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                out[f"{pid}/{task.name}"] = int(fields[11]) + int(fields[12])
    return out


def timed_on_server(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of the busiest server thread meanwhile: the one running
    our statement, one thread per connection; other clients share the machine), result."""
    before = server_threads()
    seconds, out = timed(fn)
    after = server_threads()
    ticks = max((after[k] - before.get(k, 0) for k in after), default=0)
    return seconds, ticks / os.sysconf("SC_CLK_TCK"), out


def diagnose(conn: ShopConnection) -> dict[str, float]:
    """Server CPU seconds of: EXPLAIN (parse and optimise, no row read); the grouped
    per-customer table alone (`compile_classified`: every phone classified, no join with
    the customers); a COUNT(*) over the statement (merged into it, the join order of the
    statement is lost: the optimizer's own choice). A raw connection: the shop connection
    runs only SELECTs."""
    sql, params = statement(conn)
    meta = shop_meta(conn)
    classified = compiler.compile_classified(meta, SEGMENT, today=today(conn))
    raw = pymysql.connect(host="127.0.0.1", user="root", database=DATABASE)
    out: dict[str, float] = {}
    try:
        with raw.cursor(pymysql.cursors.SSCursor) as cur:

            def run(text: str, args: tuple[object, ...]) -> object:
                cur.execute(text, args)
                return sum(1 for _ in cur)

            out["explain"] = timed_on_server(lambda: run("EXPLAIN " + sql, params))[1]
            out["classified"] = timed_on_server(
                lambda: run(classified.sql, tuple(classified.params))
            )[1]
            out["count"] = timed_on_server(lambda: run(f"SELECT COUNT(*) FROM ({sql}) x", params))[
                1
            ]
    finally:
        raw.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--diagnose", action="store_true")
    args = parser.parse_args()
    ensure_shop()
    names = ("current", "reference")
    best: dict[str, float] = dict.fromkeys(names, float("inf"))
    cpu: dict[str, float] = dict.fromkeys(names, float("inf"))
    found: dict[str, int] = {}
    sizes: dict[str, tuple[int, int, int]] = {}
    diag: dict[str, dict[str, float]] = {}
    with open_shop(SHOP_URL) as conn:
        for name in names:
            with variant(name):
                sizes[name] = size(conn)
        for _rep in range(args.reps):
            for name in names:
                with variant(name):
                    seconds, server, n = timed_on_server(lambda: read_all(conn))
                best[name] = min(best[name], seconds)
                cpu[name] = min(cpu[name], server)
                found[name] = int(n)  # type: ignore[call-overload]
                print(
                    f"  {name:9} {seconds:6.2f} s (server CPU {server:6.2f} s)  "
                    f"{found[name]:,} recipients",
                    flush=True,
                )
        if args.diagnose:
            for name in names:
                with variant(name):
                    diag[name] = diagnose(conn)
    print(f"shop: {SHOP_URL} (segment: every customer), best of {args.reps}")
    for name in names:
        inlined, regexps, nparams = sizes[name]
        extra = "".join(f", {k} {v:.2f} s CPU" for k, v in diag.get(name, {}).items())
        print(
            f"{name:9} read {best[name]:6.2f} s (server CPU {cpu[name]:.2f} s), "
            f"{found[name]:,} recipients; SQL "
            f"{inlined / 1000:,.0f} KB (parameters inlined), {regexps} REGEXP, {nparams} parameters{extra}"
        )
    ratio = best["current"] / best["reference"]
    ratio_cpu = cpu["current"] / cpu["reference"] if cpu["reference"] else float("nan")
    print(f"current / reference: {ratio:.2f} wall, {ratio_cpu:.2f} server CPU (target <= 1.10)")


if __name__ == "__main__":
    main()

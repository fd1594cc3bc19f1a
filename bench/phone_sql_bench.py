"""Phone classification SQL benchmark: reading a big segment's recipients, with and without
the search for mobiles written with another country's code.

    .venv/bin/python bench/phone_sql_bench.py [--reps 3] [--diagnose]

- The shop: MariaDB database `isend_bench_send` (170,000 customers), the one of
  bench/send_bench.py, written once by its `ensure_shop()`.
- Timed: `iter_recipients` of two segments (every customer; those registered in the last
  20 months, listed customer by customer), read to the end (SQL compiled, sent, every row
  streamed), alternately with
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pymysql  # noqa: E402
from send_bench import DATABASE, SHOP_URL, ensure_shop  # noqa: E402

from isend_tui.segments import compiler  # noqa: E402
from isend_tui.segments.counting import choose_plan, iter_recipients  # noqa: E402
from isend_tui.segments.dialect import Fragment  # noqa: E402
from isend_tui.segments.model import Segment  # noqa: E402
from isend_tui.segments.phones import sql as phone_sql  # noqa: E402
from isend_tui.segments.segment_file import segment_from_dict  # noqa: E402
from isend_tui.segments.shop_meta import shop_meta  # noqa: E402
from isend_tui.shop.connection import ShopConnection  # noqa: E402
from isend_tui.shop.info import open_shop, today  # noqa: E402

#: The segments read: every customer (the send benchmark's), and a smaller one that MariaDB
#: lists customer by customer (choose_plan's "per_customer").
SEGMENTS = {
    "every customer": segment_from_dict({"version": 1, "name": "all", "criteria": []}),
    "registered in the last 20 months": segment_from_dict(
        {
            "version": 1,
            "name": "recent",
            "criteria": [
                {"criterion": "registration", "operator": "after", "value": {"months_ago": 20}}
            ],
        }
    ),
}
VARIANTS = ("current", "reference")


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


def statement(conn: ShopConnection, segment: Segment) -> tuple[str, tuple[object, ...]]:
    """The statement iter_recipients runs (with the plan it chooses)."""
    meta, day = shop_meta(conn), today(conn)
    plan = choose_plan(conn, meta, segment, day)
    q = compiler.compile_recipients(meta, segment, today=day, per_customer=plan == "per_customer")
    return q.sql, tuple(q.params)


def size(conn: ShopConnection, segment: Segment) -> tuple[int, int, int]:
    """(statement bytes with its parameters inlined, REGEXP count, parameter count)."""
    sql, params = statement(conn, segment)
    inlined = len(sql) + sum(len(str(p)) + 2 for p in params)
    return inlined, sql.count("REGEXP"), len(params)


def read_all(conn: ShopConnection, segment: Segment) -> int:
    return sum(1 for _ in iter_recipients(conn, segment, today=today(conn)))


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


def diagnose(conn: ShopConnection, segment: Segment) -> dict[str, float]:
    """Server CPU seconds of: EXPLAIN (parse and optimise, no row read); the grouped
    per-customer table alone (`compile_classified`: every phone classified, no join with
    the customers); a COUNT(*) over the statement (merged into it, the join order of the
    statement is lost: the optimizer's own choice). A raw connection: the shop connection
    runs only SELECTs."""
    sql, params = statement(conn, segment)
    classified = compiler.compile_classified(shop_meta(conn), segment, today=today(conn))
    raw = pymysql.connect(host="127.0.0.1", user="root", database=DATABASE)
    steps = {
        "explain": ("EXPLAIN " + sql, params),
        "classified": (classified.sql, tuple(classified.params)),
        "count": (f"SELECT COUNT(*) FROM ({sql}) x", params),
    }
    out: dict[str, float] = {}
    try:
        with raw.cursor(pymysql.cursors.SSCursor) as cur:
            for step, (text, args) in steps.items():

                def run(text: str = text, args: tuple[object, ...] = args) -> int:
                    cur.execute(text, args)
                    return sum(1 for _ in cur)

                out[step] = timed_on_server(run)[1]
    finally:
        raw.close()
    return out


@dataclass
class Figures:
    wall: float = float("inf")
    cpu: float = float("inf")
    found: int = 0
    size: tuple[int, int, int] = (0, 0, 0)
    diag: dict[str, float] = field(default_factory=dict)


def measure(conn: ShopConnection, segment: Segment, reps: int, diag: bool) -> dict[str, Figures]:
    out = {name: Figures() for name in VARIANTS}
    for name in VARIANTS:
        with variant(name):
            out[name].size = size(conn, segment)
    for _rep in range(reps):
        for name in VARIANTS:
            with variant(name):
                seconds, server, n = timed_on_server(lambda: read_all(conn, segment))
            f = out[name]
            f.wall, f.cpu, f.found = min(f.wall, seconds), min(f.cpu, server), int(n)  # type: ignore[call-overload]
            print(f"  {name:9} {seconds:6.2f} s (server CPU {server:6.2f} s)", flush=True)
    if diag:
        for name in VARIANTS:
            with variant(name):
                out[name].diag = diagnose(conn, segment)
    return out


def report(label: str, figures: dict[str, Figures], reps: int) -> None:
    print(f"segment: {label}, best of {reps}")
    for name, f in figures.items():
        inlined, regexps, nparams = f.size
        extra = "".join(f", {k} {v:.2f} s CPU" for k, v in f.diag.items())
        print(
            f"  {name:9} read {f.wall:6.2f} s (server CPU {f.cpu:.2f} s), {f.found:,} "
            f"recipients; SQL {inlined / 1000:,.0f} KB (parameters inlined), {regexps} "
            f"REGEXP, {nparams} parameters{extra}"
        )
    a, b = figures["current"], figures["reference"]
    cpu = a.cpu / b.cpu if b.cpu else float("nan")
    print(f"  current / reference: {a.wall / b.wall:.2f} wall, {cpu:.2f} server CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--diagnose", action="store_true")
    args = parser.parse_args()
    ensure_shop()
    results: dict[str, dict[str, Figures]] = {}
    with open_shop(SHOP_URL) as conn:
        for label, segment in SEGMENTS.items():
            print(f"{label}:", flush=True)
            results[label] = measure(conn, segment, args.reps, args.diagnose)
    print(f"shop: {SHOP_URL}; target: current within +10 % of the reference")
    for label, figures in results.items():
        report(label, figures, args.reps)


if __name__ == "__main__":
    main()
